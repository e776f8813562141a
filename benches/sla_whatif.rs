//! Native benchmark: a what-if over 100,000 generated incidents.
//!
//!     cargo bench --bench sla_whatif
//!
//! Compares the default SLA configuration with four drafts, each what a
//! service designer might try: nothing changed, P2 resolution cut from 8 to
//! 4 business hours, a holiday added to the office-hours calendar, and a
//! priority matrix that makes impact 2 / urgency 1 critical. Prints the
//! median of 5 runs of each, with how many timers would change. Figures,
//! not assertions: a timed test would flake on a busy machine.

use std::time::Instant;

use chrono::{DateTime, Utc};
use servicelab::domain::Workspace;
use servicelab::domain::calendar::{BusinessCalendar, Holiday, HolidayDate};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::sla::{Draft, OFFICE_HOURS, SlaId, whatif};

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
    let day = (now - chrono::Duration::days(30)).date_naive();
    let mut holidays = office.holidays().to_vec();
    holidays.push(Holiday::named(HolidayDate::Once(day), "Harbour Day"));
    let calendar = BusinessCalendar::new(office.zone(), office.hours().clone(), holidays).expect("a valid calendar");
    holiday.calendars.insert(OFFICE_HOURS, "Office hours", calendar);
    let mut matrix = unchanged.clone();
    matrix.matrix.set_cell(2, 1, Some(1)).expect("a cell of the ServiceNow matrix");
    vec![("unchanged", unchanged), ("P2 resolution 8 h -> 4 h", shorter), ("holiday", holiday), ("matrix 2/1 -> P1", matrix)]
}

fn main() {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_772_452_800, 0).expect("a valid instant");
    let mut ws = demo_workspace(now);
    let setup = Instant::now();
    generate_incidents(&mut ws, INCIDENTS, 7, now).expect("the demo has groups with agents");
    println!("generated {} tickets in {:.1} s", ws.tickets().len(), setup.elapsed().as_secs_f64());
    for (name, draft) in drafts(&ws, now) {
        let mut times = Vec::with_capacity(RUNS);
        let mut changes = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let result = whatif(&ws, &draft, now).expect("a valid draft");
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            changes = result.changes.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "sla what-if ({name}): {changes} timers change over {} tickets, median {:.1} ms of {RUNS} runs (min {:.1}, max {:.1})",
            ws.tickets().len(),
            times[RUNS / 2],
            times[0],
            times[RUNS - 1]
        );
    }
}
