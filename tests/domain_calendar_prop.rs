#![cfg(not(target_arch = "wasm32"))]
//! Rules of business time that hold for every calendar, span, target and pause.
//!
//! Calendars are drawn from a set that covers the hard parts (daylight saving
//! in both hemispheres, lunch breaks, holidays once and yearly, night shifts
//! across midnight, 24x7); instants span three years, so every clock change
//! and many week jumps are crossed.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use servicelab::domain::calendar::{BusinessCalendar, measure};

type Timestamp = DateTime<Utc>;

const CALENDARS: &[&str] = &[
    r#"{"tz":"Europe/London","week":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},"holidays":["12-25","12-26","01-01","2027-03-29"]}"#,
    r#"{"tz":"America/New_York","week":{"mon":[["08:30","12:00"],["13:00","17:30"]],"tue":[["08:30","12:00"],["13:00","17:30"]],"wed":[["08:30","12:00"],["13:00","17:30"]],"thu":[["08:30","12:00"],["13:00","17:30"]],"fri":[["08:30","12:00"],["13:00","17:30"]]},"holidays":["07-04"]}"#,
    r#"{"tz":"Europe/Berlin","week":{"fri":[["22:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","02:30"],["02:30","03:00"]]}}"#,
    r#"{"tz":"Australia/Sydney","week":{"mon":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"sat":[["10:00","14:00"]]},"holidays":["2027-04-05"]}"#,
    r#"{"tz":"Europe/London","week":"24x7"}"#,
    r#"{"tz":"America/New_York","week":{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}}"#,
    r#"{"tz":"UTC","week":{"sun":[["01:00","02:00"]]},"holidays":["2026-03-01"]}"#,
];

fn calendar(index: usize) -> BusinessCalendar {
    serde_json::from_str(CALENDARS[index]).expect("a valid calendar")
}

/// 2026-01-01T00:00:00Z.
const FIRST: i64 = 1_767_225_600;

/// An instant in 2026-2028, to the second.
fn instant() -> impl Strategy<Value = Timestamp> {
    (0..3 * 366 * 86_400i64).prop_map(|offset| DateTime::from_timestamp(FIRST + offset, 0).unwrap())
}

/// A start and some pauses, each within about two months after the start.
fn timer() -> impl Strategy<Value = (usize, Timestamp, Vec<(Timestamp, Timestamp)>, u64)> {
    let pause = (0..60 * 86_400i64, 0..5 * 86_400i64);
    (0..CALENDARS.len(), instant(), prop::collection::vec(pause, 0..4), 0..30_000u64).prop_map(
        |(cal, start, pauses, target)| {
            let pauses = pauses
                .into_iter()
                .map(|(at, length)| (start + TimeDelta::seconds(at), start + TimeDelta::seconds(at + length)))
                .collect();
            (cal, start, pauses, target)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn business_elapsed_never_exceeds_wall_elapsed((cal, start, pauses, target) in timer(), later in 0..90 * 86_400i64) {
        let figures = measure(&calendar(cal), start, &pauses, target, start + TimeDelta::seconds(later));
        prop_assert!(figures.business_elapsed_minutes <= figures.wall_elapsed_minutes);
    }

    #[test]
    fn elapsed_never_decreases_as_now_advances(
        (cal, start, pauses, target) in timer(), first in -86_400..90 * 86_400i64, step in 0..20 * 86_400i64,
    ) {
        let cal = calendar(cal);
        let now = start + TimeDelta::seconds(first);
        let before = measure(&cal, start, &pauses, target, now);
        let after = measure(&cal, start, &pauses, target, now + TimeDelta::seconds(step));
        prop_assert!(before.business_elapsed_minutes <= after.business_elapsed_minutes);
        prop_assert!(before.wall_elapsed_minutes <= after.wall_elapsed_minutes);
        prop_assert!(before.percent <= after.percent);
        prop_assert_eq!((before.due, before.original_due), (after.due, after.original_due));
    }

    #[test]
    fn pausing_never_increases_elapsed_and_never_brings_due_earlier(
        (cal, start, pauses, target) in timer(), later in 0..90 * 86_400i64,
    ) {
        let cal = calendar(cal);
        let now = start + TimeDelta::seconds(later);
        let paused = measure(&cal, start, &pauses, target, now);
        let fewer = measure(&cal, start, &pauses[..pauses.len() / 2], target, now);
        prop_assert!(paused.business_elapsed_minutes <= fewer.business_elapsed_minutes);
        prop_assert!(paused.wall_elapsed_minutes <= fewer.wall_elapsed_minutes);
        prop_assert!(paused.due >= fewer.due);
        prop_assert!(paused.due >= paused.original_due);
        prop_assert_eq!(paused.original_due, fewer.original_due);
    }

    #[test]
    fn adding_business_minutes_then_measuring_them_round_trips(cal in 0..CALENDARS.len(), start in instant(), minutes in 0..200_000u64) {
        let cal = calendar(cal);
        let due = cal.add_business_minutes(start, minutes);
        prop_assert_eq!(cal.business_minutes_between(start, due), minutes);
        prop_assert_eq!(cal.business_time_between(start, due), TimeDelta::minutes(minutes as i64));
        if minutes > 0 {
            // Due is the first instant with that much counted: a second earlier is short.
            prop_assert!(cal.business_time_between(start, due - TimeDelta::seconds(1)) < TimeDelta::minutes(minutes as i64));
            prop_assert!(due >= cal.next_business_instant(start));
        }
    }

    #[test]
    fn business_time_adds_up_over_consecutive_spans(cal in 0..CALENDARS.len(), a in instant(), ab in 0..400 * 86_400i64, bc in 0..400 * 86_400i64) {
        let cal = calendar(cal);
        let b = a + TimeDelta::seconds(ab);
        let c = b + TimeDelta::seconds(bc);
        prop_assert_eq!(cal.business_time_between(a, c), cal.business_time_between(a, b) + cal.business_time_between(b, c));
    }

    #[test]
    fn stretches_partition_the_span_exactly(cal in 0..CALENDARS.len(), from in instant(), length in 0..45 * 86_400i64) {
        let cal = calendar(cal);
        let to = from + TimeDelta::seconds(length);
        let stretches = cal.stretches(from, to);
        if length == 0 {
            prop_assert!(stretches.is_empty());
        } else {
            prop_assert_eq!(stretches.first().map(|s| s.from), Some(from));
            prop_assert_eq!(stretches.last().map(|s| s.to), Some(to));
            for pair in stretches.windows(2) {
                prop_assert_eq!(pair[0].to, pair[1].from);
                prop_assert!(pair[0].kind != pair[1].kind, "neighbours of one kind are joined");
            }
            prop_assert!(stretches.iter().all(|s| s.from < s.to));
            let counted: TimeDelta = stretches.iter().filter(|s| s.is_counted()).map(|s| s.duration()).sum();
            prop_assert_eq!(counted, cal.business_time_between(from, to));
        }
    }
}
