//! Native benchmark: export and import 50,000 generated incidents.
//!
//!     cargo bench --bench exchange
//!
//! Generates the demo organisation with 50,000 incidents, then times the
//! export (one record per line, and compact) and the import in its three
//! parts: `ImportJob::start` (read, parse, shape, organisation checks), the
//! ticket checks in steps of 5,000 (what the UI spreads over frames), and
//! `finish` (building the caches). Prints the median of 5 runs of each and
//! the file sizes. Figures, not assertions: a timed test would flake on a
//! busy machine. The browser target is under 0.5 s to parse and check
//! 50,000 tickets; wasm usually runs such code 1.5 to 2.5 times slower
//! than native.

use std::time::Instant;

use chrono::{DateTime, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::storage::exchange::{ImportJob, Scope, Style, export};

const INCIDENTS: usize = 50_000;
const RUNS: usize = 5;
const STEP: usize = 5_000;

/// Median, min and max of some timings in milliseconds.
fn summary(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    format!("median {:>7.1} ms (min {:.1}, max {:.1})", times[times.len() / 2], times[0], times[times.len() - 1])
}

fn millis(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_772_452_800, 0).expect("a valid instant");
    let mut ws = demo_workspace(now);
    let setup = Instant::now();
    generate_incidents(&mut ws, INCIDENTS, 7, now).expect("the demo has groups with agents");
    let events: usize = ws.tickets().iter().map(|t| t.events.len()).sum();
    println!("generated {} tickets ({events} events) in {:.1} s", ws.tickets().len(), setup.elapsed().as_secs_f64());

    let (mut records, mut compact) = (Vec::new(), Vec::new());
    let (mut text, mut small) = (String::new(), String::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        text = export(&ws, Scope::Workspace, now, Style::Records);
        records.push(millis(started));
        let started = Instant::now();
        small = export(&ws, Scope::Workspace, now, Style::Compact);
        compact.push(millis(started));
    }
    println!("export, one record per line: {}; {:.1} MB, {} lines", summary(records), text.len() as f64 / 1e6, text.lines().count());
    println!("export, compact:             {}; {:.1} MB", summary(compact), small.len() as f64 / 1e6);

    let (mut start, mut check, mut finish, mut total) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let began = Instant::now();
        let mut job = ImportJob::start(text.as_bytes(), now).expect("the export imports");
        start.push(millis(began));
        let checking = Instant::now();
        let mut longest_step: f64 = 0.0;
        while !job.is_done() {
            let step = Instant::now();
            job.step(STEP);
            longest_step = longest_step.max(millis(step));
        }
        check.push(millis(checking));
        let finishing = Instant::now();
        let imported = job.finish().expect("the export is valid");
        finish.push(millis(finishing));
        total.push(millis(began));
        assert_eq!(imported.workspace.tickets().len(), ws.tickets().len());
        println!("  (longest step of {STEP} tickets: {longest_step:.1} ms)");
    }
    let parse_and_check: Vec<f64> = start.iter().zip(&check).map(|(a, b)| a + b).collect();
    println!("import, read + parse + shape:   {}", summary(start));
    println!("import, check tickets in steps: {}", summary(check));
    println!("import, parse and check:        {}", summary(parse_and_check));
    println!("import, build caches (finish):  {}", summary(finish));
    println!("import, all:                    {}", summary(total));
}
