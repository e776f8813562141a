//! Adding and measuring business time: weekends, holidays, lunch breaks, long spans.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, TimeDelta};

use super::super::BusinessCalendar;
use super::super::zone::{local_date, local_instant};
use super::{at, calendar, office, office_with_lunch};
use crate::domain::ids::Timestamp;

/// The slow, obvious model: a minute counts when some interval of its local
/// day (or a neighbouring day) holds it. Used to check the fast walk.
fn open_minutes_by_brute_force(cal: &BusinessCalendar, from: Timestamp, to: Timestamp) -> i64 {
    let mut periods_of_day: HashMap<NaiveDate, Vec<(Timestamp, Timestamp)>> = HashMap::new();
    let mut periods = |day: NaiveDate| {
        periods_of_day
            .entry(day)
            .or_insert_with(|| {
                let instant = |time| local_instant(cal.zone(), day, time);
                cal.intervals_on(day).iter().map(|i| (instant(i.from), instant(i.to))).collect()
            })
            .clone()
    };
    let mut count = 0;
    let mut minute = from;
    while minute < to {
        let date = local_date(cal.zone(), minute);
        let days = [date - Days::new(1), date, date + Days::new(1)];
        let open = days.iter().any(|&day| periods(day).iter().any(|&(open, close)| open <= minute && minute < close));
        count += i64::from(open);
        minute += TimeDelta::minutes(1);
    }
    count
}

#[test]
fn the_weekend_does_not_count() {
    let cal = office("UTC", "");
    assert_eq!(cal.add_business_minutes(at("2026-11-27T16:00:00Z"), 120), at("2026-11-30T10:00:00Z"));
    assert_eq!(cal.business_minutes_between(at("2026-11-27T16:00:00Z"), at("2026-11-30T10:00:00Z")), 120);
    assert_eq!(cal.business_minutes_between(at("2026-11-28T08:00:00Z"), at("2026-11-29T20:00:00Z")), 0);
    assert_eq!(cal.next_business_instant(at("2026-11-28T12:00:00Z")), at("2026-11-30T09:00:00Z"));
}

#[test]
fn a_one_off_holiday_closes_one_year_and_a_yearly_one_every_year() {
    let once = office("UTC", r#""2026-12-25""#);
    assert_eq!(once.next_business_instant(at("2026-12-24T17:00:00Z")), at("2026-12-28T09:00:00Z"));
    // 2031-12-25 is a Thursday: open again.
    assert_eq!(once.next_business_instant(at("2031-12-24T17:00:00Z")), at("2031-12-25T09:00:00Z"));
    let yearly = office("UTC", r#""12-25""#);
    assert_eq!(yearly.next_business_instant(at("2031-12-24T17:00:00Z")), at("2031-12-26T09:00:00Z"));
    assert_eq!(yearly.add_business_minutes(at("2031-12-24T16:00:00Z"), 120), at("2031-12-26T10:00:00Z"));
    assert_eq!(yearly.business_minutes_between(at("2031-12-24T00:00:00Z"), at("2031-12-27T00:00:00Z")), 960);
}

#[test]
fn a_holiday_closes_the_local_day_not_the_utc_day() {
    // Tokyo is UTC+9: the local 2027-01-01 runs from 2026-12-31T15:00Z to 2027-01-01T15:00Z.
    let cal = office("Asia/Tokyo", r#""01-01""#);
    assert!(cal.is_open(at("2026-12-31T01:00:00Z")), "10:00 in Tokyo on 31 December");
    assert_eq!(cal.next_business_instant(at("2026-12-31T08:00:00Z")), at("2027-01-04T00:00:00Z"));
}

#[test]
fn a_lunch_break_does_not_count() {
    let cal = office_with_lunch();
    assert_eq!(cal.add_business_minutes(at("2026-11-24T12:30:00Z"), 60), at("2026-11-24T14:00:00Z"));
    assert_eq!(cal.add_business_minutes(at("2026-11-24T11:00:00Z"), 60), at("2026-11-24T12:00:00Z"));
    assert_eq!(cal.business_minutes_between(at("2026-11-24T11:00:00Z"), at("2026-11-24T14:00:00Z")), 120);
    assert_eq!(cal.next_business_instant(at("2026-11-24T12:00:00Z")), at("2026-11-24T13:00:00Z"));
    assert!(!cal.is_open(at("2026-11-24T12:59:59Z")));
    assert!(cal.is_open(at("2026-11-24T13:00:00Z")));
}

#[test]
fn opening_is_open_and_closing_is_not() {
    let cal = office("UTC", "");
    assert!(cal.is_open(at("2026-11-23T09:00:00Z")));
    assert!(!cal.is_open(at("2026-11-23T17:00:00Z")));
    assert_eq!(cal.next_business_instant(at("2026-11-23T10:15:30Z")), at("2026-11-23T10:15:30Z"));
    assert_eq!(cal.next_business_instant(at("2026-11-23T17:00:00Z")), at("2026-11-24T09:00:00Z"));
}

#[test]
fn zero_and_reversed_spans_count_nothing() {
    let cal = office("UTC", "");
    let evening = at("2026-11-23T20:00:00Z");
    assert_eq!(cal.add_business_minutes(evening, 0), evening, "nothing to count: due at once");
    assert_eq!(cal.business_minutes_between(at("2026-11-24T12:00:00Z"), at("2026-11-24T10:00:00Z")), 0);
}

#[test]
fn seconds_are_kept_exactly() {
    let cal = office("UTC", "");
    let start = at("2026-11-23T16:59:30.250Z");
    let due = cal.add_business_minutes(start, 1);
    assert_eq!(due, at("2026-11-24T09:00:30.250Z"));
    assert_eq!(cal.business_time_between(start, due), TimeDelta::minutes(1));
}

#[test]
fn night_shifts_touching_at_midnight_count_as_one() {
    let cal = calendar(r#"{"tz":"UTC","week":{"mon":[["22:00","24:00"]],"tue":[["00:00","06:00"]]}}"#);
    assert_eq!(cal.add_business_minutes(at("2026-11-23T23:00:00Z"), 60), at("2026-11-24T00:00:00Z"));
    assert_eq!(cal.add_business_minutes(at("2026-11-23T23:00:00Z"), 61), at("2026-11-24T00:01:00Z"));
    assert!(cal.is_open(at("2026-11-24T00:00:00Z")));
    assert_eq!(cal.business_minutes_between(at("2026-11-23T00:00:00Z"), at("2026-11-25T00:00:00Z")), 480);
}

#[test]
fn always_open_counts_every_real_minute() {
    let cal = BusinessCalendar::always_open(chrono_tz::Europe::London);
    let start = at("2027-03-27T12:00:00Z");
    assert_eq!(cal.add_business_minutes(start, 1440), at("2027-03-28T12:00:00Z"));
    assert_eq!(cal.business_minutes_between(start, at("2027-04-27T12:00:00Z")), 31 * 1440);
    assert_eq!(cal.next_business_instant(start), start);
}

#[test]
fn long_spans_with_week_jumps_agree_with_brute_force() {
    let calendars = [
        office("Europe/London", r#""2027-03-29", "12-25", "12-26", "01-01""#),
        office("America/New_York", r#""07-04""#),
        office_with_lunch(),
        calendar(
            r#"{"tz":"Europe/Berlin","week":{"sat":[["22:00","24:00"]],"sun":[["00:00","04:00"],["10:00","11:00"]]}}"#,
        ),
    ];
    let spans = [
        ("2026-11-20T13:07:00Z", "2027-02-11T10:00:00Z"),
        ("2027-02-27T23:59:00Z", "2027-04-14T08:30:00Z"),
        ("2026-09-30T00:00:00Z", "2026-11-13T00:00:00Z"),
    ];
    for cal in &calendars {
        for (from, to) in spans {
            let (from, to) = (at(from), at(to));
            let expected = open_minutes_by_brute_force(cal, from, to);
            assert_eq!(cal.business_time_between(from, to), TimeDelta::minutes(expected), "{from} to {to}");
            let due = cal.add_business_minutes(from, expected as u64);
            assert!(due <= to && cal.business_time_between(from, due) == TimeDelta::minutes(expected));
            if expected > 0 {
                assert!(cal.is_open(due - TimeDelta::seconds(1)), "the target is met while open");
            }
        }
    }
}

#[test]
fn a_target_of_a_year_lands_where_the_walk_says() {
    let cal = office("Europe/London", r#""12-25", "2027-05-03""#);
    let start = at("2026-11-23T10:00:00Z");
    let minutes = 250 * 8 * 60;
    let due = cal.add_business_minutes(start, minutes);
    assert_eq!(cal.business_minutes_between(start, due), minutes);
    assert!(cal.business_minutes_between(start, due - TimeDelta::seconds(1)) < minutes);
    let brute = open_minutes_by_brute_force(&cal, start, due);
    assert_eq!(brute as u64, minutes);
}
