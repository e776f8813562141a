//! Native benchmark: replay the SLA timers of 100,000 generated incidents.
//!
//!     cargo bench --bench sla_replay
//!
//! Every incident gets two timers (a response target on 24x7 and a
//! resolution target on office hours, covering every priority), replayed
//! from its event history at one "now". Prints the median of 5 runs.
//! Figures, not assertions: a timed test would flake on a busy machine.

use std::time::Instant;

#[path = "workloads.rs"]
mod workloads;

const RUNS: usize = 5;

fn main() {
    let setup = Instant::now();
    let replay = workloads::sla_replay_setup();
    println!("generated {} tickets in {:.1} s", replay.ws.tickets().len(), setup.elapsed().as_secs_f64());
    let mut times = Vec::with_capacity(RUNS);
    let mut count = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        count = workloads::replay_all(&replay);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "sla replay: {count} timers for {} tickets, median {:.1} ms of {RUNS} runs (min {:.1}, max {:.1})",
        replay.ws.tickets().len(),
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}
