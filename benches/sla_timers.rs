//! Native benchmark: measure 200,000 SLA timers against business calendars.
//!
//!     cargo bench --bench sla_timers
//!
//! Each timer has a start in 2026-2027, a target from 1 hour to 5 business
//! days (a few a month long), up to two pauses and a "now" a few days later.
//! Prints the median of 5 runs per calendar. Figures, not assertions: a timed
//! test would flake on a busy machine.

use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};
use servicelab::domain::calendar::{BusinessCalendar, measure};

type Timestamp = DateTime<Utc>;

struct Timer {
    start: Timestamp,
    pauses: Vec<(Timestamp, Timestamp)>,
    target: u64,
    now: Timestamp,
}

/// A small deterministic generator (64-bit LCG), so every run measures the same timers.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn timers(count: usize) -> Vec<Timer> {
    let mut rng = Lcg(42);
    let first = DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    (0..count)
        .map(|i| {
            let start = first + TimeDelta::minutes(rng.below(2 * 365 * 24 * 60) as i64);
            let target = if i % 100 == 0 { 20 * 8 * 60 } else { [60, 240, 480, 1440, 2400][rng.below(5) as usize] };
            let pauses = (0..rng.below(3))
                .map(|_| {
                    let from = start + TimeDelta::minutes(rng.below(3 * 24 * 60) as i64);
                    (from, from + TimeDelta::minutes(rng.below(24 * 60) as i64))
                })
                .collect();
            let now = start + TimeDelta::minutes(rng.below(6 * 24 * 60) as i64);
            Timer { start, pauses, target, now }
        })
        .collect()
}

fn main() {
    let calendars = [
        (
            "UTC office 09-17",
            r#"{"tz":"UTC","week":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}}"#,
        ),
        (
            "London, lunch, holidays",
            r#"{"tz":"Europe/London","week":{"mon":[["09:00","12:30"],["13:30","17:30"]],"tue":[["09:00","12:30"],["13:30","17:30"]],"wed":[["09:00","12:30"],["13:30","17:30"]],"thu":[["09:00","12:30"],["13:30","17:30"]],"fri":[["09:00","12:30"],["13:30","17:30"]]},"holidays":["12-25","12-26","01-01","2026-04-03","2026-04-06","2027-03-26","2027-03-29"]}"#,
        ),
        ("New York 24x7", r#"{"tz":"America/New_York","week":"24x7"}"#),
    ];
    let timers = timers(200_000);
    for (name, json) in calendars {
        let calendar: BusinessCalendar = serde_json::from_str(json).expect("a valid calendar");
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let began = Instant::now();
                let breached = timers
                    .iter()
                    .filter(|t| measure(&calendar, t.start, &t.pauses, t.target, t.now).breached_at.is_some())
                    .count();
                std::hint::black_box(breached);
                began.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        println!("{name:<26} 200,000 timers measured in {:>7.1} ms (median of 5)", runs[2]);
    }
}
