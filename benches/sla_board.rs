//! Native benchmark: the SLA board for 100,000 generated incidents.
//!
//!     cargo bench --bench sla_board
//!
//! Builds the board (every ticket's two timers replayed once, as of its last
//! event, with the index of crossings ahead), then times one clock tick of
//! 1 second and of 1 hour: the crossings in that window from the index, and
//! the list figures (most urgent timer) of all 100,000 tickets at the new
//! "now", which is more than a list showing 50 rows ever asks for. Prints the
//! median of 5 runs. Figures, not assertions: a timed test would flake on a
//! busy machine.

use std::time::Instant;

#[path = "workloads.rs"]
mod workloads;

use chrono::TimeDelta;
use servicelab::domain::sla::SlaBoard;

const RUNS: usize = 5;

/// Median, min and max of `RUNS` timings of `work`, in milliseconds, and its last result.
fn time<T>(mut work: impl FnMut() -> T) -> (f64, f64, f64, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut result = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        result = Some(work());
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[RUNS / 2], times[0], times[RUNS - 1], result.expect("RUNS > 0"))
}

fn main() {
    let setup = Instant::now();
    let workloads::SlaReplay { ws, definitions, calendars, now } = workloads::sla_replay_setup();
    println!("generated {} tickets in {:.1} s", ws.tickets().len(), setup.elapsed().as_secs_f64());
    let tickets = ws.tickets();

    let (median, min, max, board) = time(|| SlaBoard::build(tickets, &definitions, &calendars));
    println!(
        "sla board build: {} tickets, {} crossings ahead, median {median:.1} ms of {RUNS} runs (min {min:.1}, max {max:.1})",
        tickets.len(),
        board.pending_crossings()
    );
    for (label, step) in [("1 s", TimeDelta::seconds(1)), ("1 h", TimeDelta::hours(1))] {
        let to = now + step;
        let (median, min, max, count) = time(|| board.changes_between(now, to).count());
        println!("sla board tick +{label}: {count} crossings from the index, median {median:.3} ms (min {min:.3}, max {max:.3})");
        let (median, min, max, breached) = time(|| {
            tickets.iter().filter_map(|r| board.summary(r.id, to)).filter(|s| s.stage == servicelab::domain::sla::Stage::Breached).count()
        });
        println!(
            "sla board tick +{label}: list figures of all {} tickets ({breached} breached), median {median:.1} ms (min {min:.1}, max {max:.1})",
            tickets.len()
        );
    }
}
