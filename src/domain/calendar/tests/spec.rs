//! Reading, checking and writing calendars.

use chrono::{NaiveDate, Weekday};

use super::super::{BusinessCalendar, CalendarError, HolidayDate, Hours, LocalTime, OpenInterval, WeeklySchedule};
use super::{calendar, office, office_with_lunch};

fn refusal(json: &str) -> CalendarError {
    let spec: super::super::CalendarSpec = serde_json::from_str(json).expect("the shape is right");
    BusinessCalendar::try_from(spec).expect_err("the calendar should be refused")
}

fn time(text: &str) -> LocalTime {
    text.parse().unwrap()
}

#[test]
fn times_are_hh_mm_up_to_24_00() {
    assert_eq!(time("00:00"), LocalTime::MIDNIGHT);
    assert_eq!(time("24:00"), LocalTime::END_OF_DAY);
    assert_eq!(time("17:30").minutes(), 17 * 60 + 30);
    assert_eq!(time("08:05").to_string(), "08:05");
    for bad in ["", "9:00", "09:0", "24:01", "25:00", "12:60", "ab:cd", "09-00", "+9:00", "09:00:00"] {
        assert!(matches!(bad.parse::<LocalTime>(), Err(CalendarError::BadTime { .. })), "{bad:?} should be refused");
    }
}

#[test]
fn reversed_empty_and_overlapping_intervals_are_refused() {
    let reversed = refusal(r#"{"tz":"UTC","week":{"mon":[["17:00","09:00"]]}}"#);
    assert_eq!(reversed, CalendarError::ReversedInterval { day: Weekday::Mon, from: time("17:00"), to: time("09:00") });
    let empty = refusal(r#"{"tz":"UTC","week":{"tue":[["09:00","09:00"]]}}"#);
    assert!(matches!(empty, CalendarError::ReversedInterval { day: Weekday::Tue, .. }));
    let starts_at_end = refusal(r#"{"tz":"UTC","week":{"tue":[["24:00","24:00"]]}}"#);
    assert!(matches!(starts_at_end, CalendarError::ReversedInterval { .. }));
    let overlap = refusal(r#"{"tz":"UTC","week":{"wed":[["13:00","17:00"],["09:00","13:30"]]}}"#);
    assert_eq!(
        overlap,
        CalendarError::OverlappingIntervals {
            day: Weekday::Wed,
            first_from: time("09:00"),
            first_to: time("13:30"),
            second_from: time("13:00"),
            second_to: time("17:00"),
        }
    );
    assert!(overlap.to_string().starts_with("Wed: the intervals 09:00-13:30 and 13:00-17:00 overlap"));
}

#[test]
fn bad_times_zones_holidays_and_weeks_are_refused_with_their_text() {
    let bad_time = refusal(r#"{"tz":"UTC","week":{"mon":[["9am","17:00"]]}}"#);
    assert_eq!(bad_time, CalendarError::BadTime { text: "9am".into() });
    let zone = refusal(r#"{"tz":"Mars/Olympus_Mons","week":"24x7"}"#);
    assert_eq!(zone, CalendarError::UnknownZone { zone: "Mars/Olympus_Mons".into() });
    for bad in ["2026-02-30", "13-01", "12/25", "2026-1-05", "25"] {
        let json = format!(r#"{{"tz":"UTC","week":{{"mon":[["09:00","17:00"]]}},"holidays":["{bad}"]}}"#);
        assert_eq!(refusal(&json), CalendarError::BadHoliday { text: bad.into() });
    }
    assert_eq!(refusal(r#"{"tz":"UTC","week":"weekdays"}"#), CalendarError::BadWeek { text: "weekdays".into() });
    let misspelt: Result<BusinessCalendar, _> = serde_json::from_str(r#"{"tz":"UTC","week":{"monday":[]}}"#);
    assert!(misspelt.unwrap_err().to_string().contains("monday"));
}

#[test]
fn a_calendar_that_is_never_open_is_refused() {
    assert_eq!(refusal(r#"{"tz":"UTC","week":{}}"#), CalendarError::NoOpenTime);
    assert_eq!(refusal(r#"{"tz":"UTC","week":{"mon":[]}}"#), CalendarError::NoOpenTime);
    let every_day: Vec<String> = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .iter_days()
        .take(366)
        .map(|d| format!("\"{}\"", d.format("%m-%d")))
        .collect();
    let empty_list = r#"{"tz":"UTC","week":"24x7","holidays":[]}"#;
    assert!(serde_json::from_str::<BusinessCalendar>(empty_list).is_ok(), "an empty holiday list is no holiday");
    let closed = format!(r#"{{"tz":"UTC","week":{{"mon":[["09:00","17:00"]]}},"holidays":[{}]}}"#, every_day.join(","));
    assert_eq!(refusal(&closed), CalendarError::NoOpenTime);
    let almost =
        format!(r#"{{"tz":"UTC","week":{{"mon":[["09:00","17:00"]]}},"holidays":[{}]}}"#, every_day[1..].join(","));
    assert!(serde_json::from_str::<BusinessCalendar>(&almost).is_ok(), "01-01 still opens on some Monday");
    assert_eq!(refusal(r#"{"tz":"UTC","week":"24x7","holidays":["12-25"]}"#), CalendarError::HolidaysOnAlwaysOpen);
}

#[test]
fn touching_intervals_and_unsorted_days_are_accepted() {
    let cal = calendar(r#"{"tz":"UTC","week":{"mon":[["13:00","17:00"],["09:00","13:00"]]}}"#);
    let Hours::Weekly(week) = cal.hours() else { panic!("a weekly calendar") };
    assert_eq!(
        week.intervals(Weekday::Mon),
        [OpenInterval::new(time("09:00"), time("13:00")), OpenInterval::new(time("13:00"), time("17:00"))]
    );
    assert_eq!(week.weekly_minutes(), 8 * 60);
    assert!(week.intervals(Weekday::Sun).is_empty());
}

#[test]
fn calendars_write_back_the_shape_they_were_read_from() {
    let json = r#"{"tz":"Europe/Paris","week":{"mon":[["09:00","12:00"],["13:00","17:30"]],"sat":[["10:00","24:00"]]},"holidays":["2026-12-24","01-01",{"date":"12-25","name":"Noël"}]}"#;
    let cal = calendar(json);
    assert_eq!(serde_json::to_string(&cal).unwrap(), json);
    let always = calendar(r#"{"tz":"America/Sao_Paulo","week":"24x7"}"#);
    assert_eq!(serde_json::to_string(&always).unwrap(), r#"{"tz":"America/Sao_Paulo","week":"24x7"}"#);
    assert_eq!(always, BusinessCalendar::always_open(chrono_tz::America::Sao_Paulo));
    assert_eq!(cal.holidays()[2].date, HolidayDate::Yearly { month: 12, day: 25 });
    assert_eq!(cal.holidays()[2].label(), "Noël");
    assert_eq!(cal.holidays()[1].label(), "01-01");
}

#[test]
fn the_zones_a_sandbox_user_needs_are_compiled_in() {
    for zone in [
        "UTC",
        "Europe/London",
        "Europe/Paris",
        "Europe/Berlin",
        "Europe/Madrid",
        "Europe/Amsterdam",
        "Europe/Warsaw",
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "America/Sao_Paulo",
        "Asia/Tokyo",
        "Asia/Kolkata",
        "Asia/Singapore",
        "Asia/Dubai",
        "Australia/Sydney",
    ] {
        assert!(super::super::zone::parse_zone(zone).is_ok(), "{zone} is missing from the filter");
    }
}

#[test]
fn holidays_are_looked_up_by_local_date() {
    let cal = office("Europe/London", r#""2026-12-28", "12-25", {"date":"12-25","name":"Second"}"#);
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(cal.holiday_on(date(2031, 12, 25)).map(|h| h.label()), Some("12-25".to_string()));
    assert!(cal.holiday_on(date(2026, 12, 28)).is_some());
    assert!(cal.holiday_on(date(2027, 12, 28)).is_none(), "a one-off holiday does not come back");
    assert!(cal.intervals_on(date(2026, 12, 28)).is_empty(), "a holiday Monday has no opening hours");
    assert_eq!(cal.intervals_on(date(2026, 12, 29)).len(), 1);
    let lunch = office_with_lunch();
    assert_eq!(lunch.intervals_on(date(2026, 11, 24)).len(), 2);
    let built = WeeklySchedule::weekdays(time("08:00"), time("16:00")).unwrap();
    assert_eq!(built.weekly_minutes(), 5 * 8 * 60);
    assert!(!built.is_always_open());
}
