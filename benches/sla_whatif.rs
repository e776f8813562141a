//! Native benchmark: a what-if over 100,000 generated incidents.
//!
//!     cargo bench --bench sla_whatif
//!
//! Compares the default SLA configuration with four drafts, each what a
//! service designer might try: nothing changed, P2 resolution cut from 8 to
//! 4 business hours, a holiday added to the office-hours calendar, and a
//! priority matrix that makes impact 2 / urgency 1 critical. Each is timed
//! twice: `whatif` from scratch (replaying the saved configuration too),
//! and `Baseline::compare` with the baseline a page keeps while a draft is
//! edited. Prints the median of 5 runs, in wall-clock time and in CPU time
//! of the thread (Linux only; on a shared machine the wall clock also counts
//! time spent waiting for a core). Figures, not assertions: a timed test
//! would flake on a busy machine.

use std::time::Instant;

use chrono::{DateTime, Utc};
use servicelab::domain::Workspace;
use servicelab::domain::calendar::{BusinessCalendar, Holiday, HolidayDate};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::sla::whatif::Baseline;
use servicelab::domain::sla::{Draft, OFFICE_HOURS, SlaId, WhatIf, whatif};

const INCIDENTS: usize = 100_000;
const RUNS: usize = 5;

fn drafts(ws: &Workspace, now: DateTime<Utc>) -> Vec<(&'static str, Draft)> {
    let unchanged = Draft::current(ws);
    let mut shorter = unchanged.clone();
    for sla in shorter.slas.iter_mut().filter(|s| s.id == SlaId(4)) {
        sla.target_minutes = 240;
        sla.name = "P2 resolution (4 h)".into();
    }
    let mut holiday = unchanged.clone();
    let office = ws.calendars().get(OFFICE_HOURS).expect("the default office hours");
    // Tuesday 3 February 2026, four weeks before "now".
    let day = (now - chrono::Duration::days(27)).date_naive();
    let mut holidays = office.holidays().to_vec();
    holidays.push(Holiday::named(HolidayDate::Once(day), "Harbour Day"));
    let calendar = BusinessCalendar::new(office.zone(), office.hours().clone(), holidays).expect("a valid calendar");
    holiday.calendars.insert(OFFICE_HOURS, "Office hours", calendar);
    let mut matrix = unchanged.clone();
    matrix.matrix.set_cell(2, 1, Some(1)).expect("a cell of the ServiceNow matrix");
    vec![("unchanged", unchanged), ("P2 resolution 8 h -> 4 h", shorter), ("holiday", holiday), ("matrix 2/1 -> P1", matrix)]
}

/// CPU time of this thread so far, in ms, from Linux's scheduler statistics.
fn cpu_ms() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e6)
}

/// Runs `work` RUNS times; returns its last result and the median wall and CPU times as text.
fn timed<T>(mut work: impl FnMut() -> T) -> (T, String) {
    let (mut wall, mut cpu) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
    let mut last = None;
    for _ in 0..RUNS {
        let (started, cpu_started) = (Instant::now(), cpu_ms());
        last = Some(work());
        wall.push(started.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (cpu_started, cpu_ms()) {
            cpu.push(b - a);
        }
    }
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let cpu = cpu.get(RUNS / 2).map_or_else(|| "n/a".to_string(), |ms| format!("{ms:.1} ms"));
    let text = format!("median {:.1} ms wall (min {:.1}, max {:.1}), {cpu} CPU, of {RUNS} runs", wall[RUNS / 2], wall[0], wall[RUNS - 1]);
    (last.expect("at least one run"), text)
}

fn main() {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_772_452_800, 0).expect("a valid instant");
    let mut ws = demo_workspace(now);
    let setup = Instant::now();
    generate_incidents(&mut ws, INCIDENTS, 7, now).expect("the demo has groups with agents");
    let tickets = ws.tickets().len();
    println!("generated {tickets} tickets in {:.1} s", setup.elapsed().as_secs_f64());
    let (baseline, figures) = timed(|| Baseline::new(&ws, now));
    println!("sla what-if baseline (the saved configuration replayed): {figures}");
    for (name, draft) in drafts(&ws, now) {
        let (result, scratch): (WhatIf, String) = timed(|| whatif(&ws, &draft, now).expect("a valid draft"));
        let (_, kept) = timed(|| baseline.compare(&ws, &draft).expect("a valid draft"));
        println!("sla what-if ({name}): {} timers change over {tickets} tickets", result.changes.len());
        println!("    from scratch: {scratch}");
        println!("    kept baseline: {kept}");
    }
}
