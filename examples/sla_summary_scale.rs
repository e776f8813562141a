//! What the incident list's SLA columns and views cost at 100,000 incidents,
//! while every ticket's line is replayed from its history.
//!
//!     cargo run --release --example sla_summary_scale
//!
//! Times the SLA line of every ticket, of the active ones only (what the
//! "Breaching soon" view must look at), that view itself, and a sort of
//! every incident by SLA due. Prints the median of 5 runs of each; figures,
//! not assertions.

use std::time::Instant;

use chrono::DateTime;
use servicelab::domain::PersonId;
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::query::{BuiltinView, Column, Query, Sort};
use servicelab::domain::sla::sla_summary;

const INCIDENTS: usize = 100_000;
const RUNS: usize = 5;

fn median(mut work: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut count = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        count = work();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[RUNS / 2], count)
}

fn main() {
    let now = DateTime::from_timestamp(1_772_452_800, 0).expect("a valid instant");
    let mut ws = demo_workspace(now);
    generate_incidents(&mut ws, INCIDENTS, 7, now).expect("the demo has groups with agents");
    let active: Vec<_> = ws.incidents().filter(|i| i.is_active()).map(|i| i.id).collect();
    println!("{} incidents, {} active, default SLAs", ws.incidents().count(), active.len());
    let report = |name: &str, (ms, count): (f64, usize)| println!("{name:<44} {ms:>8.1} ms  ({count} rows)");
    report("SLA line of every incident", median(|| ws.incidents().filter_map(|i| sla_summary(&ws, i.id, now)).count()));
    report("SLA line of the active incidents", median(|| active.iter().filter_map(|&id| sla_summary(&ws, id, now)).count()));
    report("SLA line of 40 visible rows", median(|| active.iter().take(40).filter_map(|&id| sla_summary(&ws, id, now)).count()));
    let soon = BuiltinView::BreachingSoon.query();
    report("view Breaching soon", median(|| soon.run(&ws, PersonId(1), now).len()));
    let breached = BuiltinView::SlaBreached.query();
    report("view SLA breached", median(|| breached.run(&ws, PersonId(1), now).len()));
    let by_due = Query { sort: Sort { column: Column::SlaDue, descending: false }, ..Query::default() };
    report("all incidents sorted by SLA due", median(|| by_due.run(&ws, PersonId(1), now).len()));
    let by_number = Query::default();
    report("all incidents by number (no SLA, reference)", median(|| by_number.run(&ws, PersonId(1), now).len()));
}
