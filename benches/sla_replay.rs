//! Native benchmark: replay the SLA timers of 100,000 generated incidents.
//!
//!     cargo bench --bench sla_replay
//!
//! Every incident gets two timers (a response target on 24x7 and a
//! resolution target on office hours, covering every priority), replayed
//! from its event history at one "now". Prints the median of 5 runs.
//! Figures, not assertions: a timed test would flake on a busy machine.

use std::time::Instant;

use chrono::{DateTime, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::sla::{Metric, SlaDefinition, SlaId, default_calendars, default_slas, timers};

const INCIDENTS: usize = 100_000;
const RUNS: usize = 5;

/// The default P2 response and resolution targets, widened to every priority.
fn two_definitions() -> Vec<SlaDefinition> {
    let mut pair: Vec<SlaDefinition> =
        default_slas().into_iter().filter(|d| d.id == SlaId(1) || d.id == SlaId(4)).collect();
    for definition in &mut pair {
        definition.conditions.priorities = (1..=5).collect();
    }
    assert_eq!(pair.iter().map(|d| d.metric).collect::<Vec<_>>(), [Metric::Response, Metric::Resolution]);
    pair
}

fn main() {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_772_452_800, 0).expect("a valid instant");
    let mut ws = demo_workspace(now);
    let setup = Instant::now();
    generate_incidents(&mut ws, INCIDENTS, 7, now).expect("the demo has groups with agents");
    println!("generated {} tickets in {:.1} s", ws.tickets().len(), setup.elapsed().as_secs_f64());
    let (definitions, calendars) = (two_definitions(), default_calendars());
    let mut times = Vec::with_capacity(RUNS);
    let mut count = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        count = ws.tickets().iter().map(|record| timers(record, &definitions, &calendars, now).len()).sum::<usize>();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "sla replay: {count} timers for {} tickets, median {:.1} ms of {RUNS} runs (min {:.1}, max {:.1})",
        ws.tickets().len(),
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}
