#![cfg(not(target_arch = "wasm32"))]
//! Properties of explained timers over random incident histories and three
//! calendars (London office hours, New York hours with a lunch break and
//! holidays, 24x7), across daylight-saving changes: the timeline tiles the
//! timer's span with no gap or overlap, its counted pieces add up to the
//! business time the timer shows, its paused pieces are the timer's pauses,
//! and summing up rows loses no counted time.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use servicelab::domain::calendar::BusinessCalendar;
use servicelab::domain::sla::explain::{Row, SegmentKind};
use servicelab::domain::sla::{Calendars, OFFICE_HOURS, ReopenPolicy, SlaDefinition, default_calendars, default_slas, explain, timers};

#[path = "common/sla_history.rs"]
mod sla_history;
use sla_history::{Step, history};

fn step() -> impl Strategy<Value = Step> {
    sla_history::step(4 * 24 * 60, 0.2)
}

fn calendars(choice: usize) -> Calendars {
    let mut calendars = default_calendars();
    let json = match choice {
        0 => return calendars,
        1 => {
            let day = r#"[["08:30","12:00"],["13:00","17:30"]]"#;
            format!(
                r#"{{"tz":"America/New_York","week":{{"mon":{day},"tue":{day},"wed":{day},"thu":{day},"fri":{day},"sat":[["10:00","14:00"]]}},"holidays":["07-04","12-25",{{"date":"2026-11-26","name":"Thanksgiving"}}]}}"#
            )
        }
        _ => r#"{"tz":"Europe/Paris","week":"24x7"}"#.to_string(),
    };
    let calendar: BusinessCalendar = serde_json::from_str(&json).expect("a valid calendar");
    calendars.insert(OFFICE_HOURS, "Office hours", calendar);
    calendars
}

fn definitions(policy: usize, retroactive: bool) -> Vec<SlaDefinition> {
    let mut slas = default_slas();
    for sla in &mut slas {
        sla.reopen = ReopenPolicy::ALL[policy];
        sla.retroactive_start = retroactive;
    }
    slas
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_timeline_tiles_the_timer_and_its_counted_pieces_are_its_business_time(
        offset in 0i64..2 * 365 * 24 * 60,
        priority in 1u8..=4,
        steps in prop::collection::vec(step(), 0..12),
        policy in 0usize..4,
        retroactive in any::<bool>(),
        calendar in 0usize..3,
        extra in 0i64..6 * 24 * 60,
        max_rows in 3usize..12,
    ) {
        let opened = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap() + TimeDelta::minutes(offset);
        let (record, last) = history(opened, priority, &steps);
        let now = last + TimeDelta::minutes(extra);
        let (slas, calendars) = (definitions(policy, retroactive), calendars(calendar));
        for timer in timers(&record, &slas, &calendars, now) {
            let definition = slas.iter().find(|d| d.id == timer.definition).expect("its definition");
            let e = explain(&record, definition, &calendars, now).expect("every timer is explained");
            prop_assert_eq!(&e.timer, &timer);
            let end = timer.cancelled_at.or(timer.achieved_at).unwrap_or(now).min(now);
            let t = &e.timeline;
            prop_assert_eq!((t.from, t.to), (timer.start, end));
            if let (Some(first), Some(last)) = (t.segments.first(), t.segments.last()) {
                prop_assert_eq!((first.from, last.to), (timer.start, end));
            } else {
                prop_assert_eq!(timer.start, end);
            }
            prop_assert!(t.segments.iter().all(|s| s.from < s.to), "{:?}", t.segments);
            prop_assert!(t.segments.windows(2).all(|w| w[0].to == w[1].from), "{:?}", t.segments);
            prop_assert_eq!(t.counted().num_seconds() / 60, timer.business_elapsed_minutes as i64);
            let paused: Vec<_> = t.segments.iter().filter(|s| matches!(s.kind, SegmentKind::Paused { .. })).collect();
            let timer_pauses: Vec<_> = timer.pauses.iter().filter(|p| p.to.unwrap_or(end) > p.from).collect();
            prop_assert_eq!(paused.len(), timer_pauses.len());
            for (segment, pause) in paused.iter().zip(&timer_pauses) {
                prop_assert_eq!(segment.from, pause.from);
                prop_assert_eq!(segment.wall().num_minutes() as u64, pause.wall_minutes);
                prop_assert_eq!(segment.business.num_minutes() as u64, pause.business_minutes);
            }
            let rows = t.rows(max_rows);
            prop_assert!(rows.len() <= max_rows);
            let counted: TimeDelta = rows.iter().map(|row| match row {
                Row::Segment(s) if s.is_counted() => s.wall(),
                Row::Segment(_) => TimeDelta::zero(),
                Row::Summary(summary) => summary.counted,
            }).sum();
            prop_assert_eq!(counted, t.counted());
            prop_assert!(!e.sentences().is_empty());
        }
    }
}
