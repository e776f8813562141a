//! Native benchmark: filter, search and sort 100,000 incidents.
//!
//!     cargo bench --bench incident_list
//!
//! Prints the median of 9 runs per workload. Figures, not assertions: a timed
//! test would flake on a busy machine.

#[path = "scenarios.rs"]
mod scenarios;

use std::time::Instant;

fn main() {
    let origin = Instant::now();
    let clock = || origin.elapsed().as_secs_f64() * 1000.0;
    let start = clock();
    let ws = scenarios::workspace_with(100_000 - 50);
    let built = clock() - start;
    println!("native: built a workspace of {} incidents in {built:.0} ms", ws.incidents().count());
    let results = scenarios::measure(&ws, &clock, 9);
    print!("{}", scenarios::table(&results));
}
