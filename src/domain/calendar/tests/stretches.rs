//! Explaining a span: counted stretches and skipped ones with their reason.

use chrono::{NaiveDate, TimeDelta};

use super::super::{BusinessCalendar, SkipReason, Stretch, StretchKind};
use super::{at, calendar, office};

fn lunch_and_christmas() -> BusinessCalendar {
    let day = r#"[["09:00","12:00"],["13:00","17:00"]]"#;
    calendar(&format!(
        r#"{{"tz":"UTC","week":{{"mon":{day},"tue":{day},"wed":{day},"thu":{day},"fri":{day}}},"holidays":[{{"date":"12-25","name":"Christmas Day"}}]}}"#
    ))
}

fn stretch(from: &str, to: &str, kind: StretchKind) -> Stretch {
    Stretch { from: at(from), to: at(to), kind }
}

fn skipped(reason: SkipReason) -> StretchKind {
    StretchKind::Skipped(reason)
}

#[test]
fn every_reason_appears_in_order() {
    let cal = lunch_and_christmas();
    let christmas = SkipReason::Holiday {
        date: NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
        label: "Christmas Day".to_string(),
    };
    let expected = vec![
        stretch("2026-12-24T10:30:00Z", "2026-12-24T12:00:00Z", StretchKind::Counted),
        stretch("2026-12-24T12:00:00Z", "2026-12-24T13:00:00Z", skipped(SkipReason::LunchBreak)),
        stretch("2026-12-24T13:00:00Z", "2026-12-24T17:00:00Z", StretchKind::Counted),
        stretch("2026-12-24T17:00:00Z", "2026-12-25T00:00:00Z", skipped(SkipReason::OutsideHours)),
        stretch("2026-12-25T00:00:00Z", "2026-12-26T00:00:00Z", skipped(christmas.clone())),
        stretch("2026-12-26T00:00:00Z", "2026-12-28T00:00:00Z", skipped(SkipReason::Weekend)),
        stretch("2026-12-28T00:00:00Z", "2026-12-28T09:00:00Z", skipped(SkipReason::OutsideHours)),
        stretch("2026-12-28T09:00:00Z", "2026-12-28T10:00:00Z", StretchKind::Counted),
    ];
    assert_eq!(cal.stretches(at("2026-12-24T10:30:00Z"), at("2026-12-28T10:00:00Z")), expected);
    assert_eq!(christmas.describe(), "holiday on 2026-12-25: Christmas Day");
    assert_eq!(SkipReason::LunchBreak.describe(), "break between two opening intervals (lunch)");
}

#[test]
fn a_night_between_two_working_days_is_one_stretch() {
    let cal = office("UTC", "");
    let stretches = cal.stretches(at("2026-11-23T16:00:00Z"), at("2026-11-24T10:00:00Z"));
    assert_eq!(
        stretches,
        vec![
            stretch("2026-11-23T16:00:00Z", "2026-11-23T17:00:00Z", StretchKind::Counted),
            stretch("2026-11-23T17:00:00Z", "2026-11-24T09:00:00Z", skipped(SkipReason::OutsideHours)),
            stretch("2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", StretchKind::Counted),
        ]
    );
    assert_eq!(stretches[1].duration(), TimeDelta::hours(16));
    assert!(stretches[0].is_counted() && !stretches[1].is_counted());
}

#[test]
fn a_one_off_holiday_is_named_by_its_date_when_it_has_no_name() {
    let cal = office("Europe/London", r#""2027-01-04""#);
    let stretches = cal.stretches(at("2027-01-04T08:00:00Z"), at("2027-01-04T12:00:00Z"));
    let reason = SkipReason::Holiday { date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(), label: "2027-01-04".into() };
    assert_eq!(stretches, vec![stretch("2027-01-04T08:00:00Z", "2027-01-04T12:00:00Z", skipped(reason))]);
}

#[test]
fn local_days_are_cut_at_local_midnight_across_daylight_saving() {
    let cal = office("Europe/London", "");
    let stretches = cal.stretches(at("2027-03-26T16:00:00Z"), at("2027-03-29T09:00:00Z"));
    assert_eq!(
        stretches,
        vec![
            stretch("2027-03-26T16:00:00Z", "2027-03-26T17:00:00Z", StretchKind::Counted),
            stretch("2027-03-26T17:00:00Z", "2027-03-27T00:00:00Z", skipped(SkipReason::OutsideHours)),
            // Saturday and the 23-hour Sunday; Monday starts at 00:00 BST = 23:00 UTC.
            stretch("2027-03-27T00:00:00Z", "2027-03-28T23:00:00Z", skipped(SkipReason::Weekend)),
            stretch("2027-03-28T23:00:00Z", "2027-03-29T08:00:00Z", skipped(SkipReason::OutsideHours)),
            stretch("2027-03-29T08:00:00Z", "2027-03-29T09:00:00Z", StretchKind::Counted),
        ]
    );
}

#[test]
fn always_open_and_empty_spans() {
    let cal = BusinessCalendar::always_open(chrono_tz::UTC);
    let (from, to) = (at("2026-11-20T21:00:00Z"), at("2026-11-23T09:30:00Z"));
    assert_eq!(cal.stretches(from, to), vec![Stretch { from, to, kind: StretchKind::Counted }]);
    assert!(cal.stretches(to, from).is_empty());
    assert!(office("UTC", "").stretches(from, from).is_empty());
}

#[test]
fn counted_stretches_add_up_to_the_business_time() {
    let cal = lunch_and_christmas();
    let (from, to) = (at("2026-12-01T07:45:00Z"), at("2027-01-13T15:20:00Z"));
    let stretches = cal.stretches(from, to);
    let counted: TimeDelta = stretches.iter().filter(|s| s.is_counted()).map(Stretch::duration).sum();
    assert_eq!(counted, cal.business_time_between(from, to));
    assert_eq!(stretches.first().map(|s| s.from), Some(from));
    assert_eq!(stretches.last().map(|s| s.to), Some(to));
    assert!(stretches.windows(2).all(|w| w[0].to == w[1].from && w[0].kind != w[1].kind));
}
