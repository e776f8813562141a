//! Daylight saving, both ways, in Europe/London and America/New_York.
//!
//! 2027 in London: clocks go forward on 28 March at 01:00 UTC (01:00 GMT
//! becomes 02:00 BST) and back on 31 October at 01:00 UTC (02:00 BST becomes
//! 01:00 GMT). 2026 in New York: back on 1 November at 06:00 UTC; 2027: forward
//! on 14 March at 07:00 UTC.

use chrono::NaiveDate;
use chrono_tz::{America, Europe};

use super::super::BusinessCalendar;
use super::super::zone::{DayClock, local_instant};
use super::{at, calendar, office};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_local_time_that_never_happens_is_the_instant_the_clock_jumps() {
    let jump = at("2027-03-28T01:00:00Z");
    assert_eq!(local_instant(Europe::London, date(2027, 3, 28), "01:00".parse().unwrap()), jump);
    assert_eq!(local_instant(Europe::London, date(2027, 3, 28), "01:59".parse().unwrap()), jump);
    assert_eq!(local_instant(Europe::London, date(2027, 3, 28), "02:00".parse().unwrap()), jump);
    assert_eq!(local_instant(Europe::London, date(2027, 3, 28), "02:01".parse().unwrap()), at("2027-03-28T01:01:00Z"));
    assert_eq!(
        local_instant(America::New_York, date(2027, 3, 14), "02:30".parse().unwrap()),
        at("2027-03-14T07:00:00Z")
    );
}

#[test]
fn a_local_time_that_happens_twice_is_its_first_occurrence() {
    assert_eq!(local_instant(Europe::London, date(2027, 10, 31), "01:30".parse().unwrap()), at("2027-10-31T00:30:00Z"));
    assert_eq!(
        local_instant(America::New_York, date(2026, 11, 1), "01:00".parse().unwrap()),
        at("2026-11-01T05:00:00Z")
    );
    assert_eq!(local_instant(Europe::London, date(2027, 10, 31), "24:00".parse().unwrap()), at("2027-11-01T00:00:00Z"));
}

#[test]
fn office_hours_follow_the_local_clock_across_spring_forward_in_london() {
    let cal = office("Europe/London", "");
    // Friday 16:00 GMT: one hour left; Monday opens at 09:00 BST = 08:00 UTC.
    assert_eq!(cal.add_business_minutes(at("2027-03-26T16:00:00Z"), 120), at("2027-03-29T09:00:00Z"));
    assert_eq!(cal.business_minutes_between(at("2027-03-22T00:00:00Z"), at("2027-04-05T00:00:00Z")), 10 * 8 * 60);
}

#[test]
fn office_hours_follow_the_local_clock_across_fall_back_in_london() {
    let cal = office("Europe/London", "");
    // Friday 16:00 BST = 15:00 UTC; Monday opens at 09:00 GMT = 09:00 UTC.
    assert_eq!(cal.add_business_minutes(at("2027-10-29T15:00:00Z"), 120), at("2027-11-01T10:00:00Z"));
}

#[test]
fn office_hours_follow_the_local_clock_both_ways_in_new_york() {
    let cal = office("America/New_York", "");
    // Fall back: Friday 16:00 EDT = 20:00 UTC; Monday 09:00 EST = 14:00 UTC.
    assert_eq!(cal.add_business_minutes(at("2026-10-30T20:00:00Z"), 120), at("2026-11-02T15:00:00Z"));
    // Spring forward: Friday 16:00 EST = 21:00 UTC; Monday 09:00 EDT = 13:00 UTC.
    assert_eq!(cal.add_business_minutes(at("2027-03-12T21:00:00Z"), 120), at("2027-03-15T14:00:00Z"));
}

#[test]
fn always_open_counts_real_hours_both_ways() {
    for cal in [
        BusinessCalendar::always_open(Europe::London),
        calendar(r#"{"tz":"America/New_York","week":"24x7"}"#),
        calendar(&format!(
            r#"{{"tz":"Europe/London","week":{{{}}}}}"#,
            whole_days(&["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        )),
    ] {
        assert_eq!(cal.add_business_minutes(at("2027-03-27T12:00:00Z"), 1440), at("2027-03-28T12:00:00Z"));
        assert_eq!(cal.add_business_minutes(at("2027-10-30T12:00:00Z"), 1440), at("2027-10-31T12:00:00Z"));
        assert_eq!(cal.add_business_minutes(at("2026-10-31T16:00:00Z"), 1440), at("2026-11-01T16:00:00Z"));
    }
}

#[test]
fn a_whole_local_sunday_lasts_23_or_25_real_hours() {
    let cal = calendar(&format!(r#"{{"tz":"Europe/London","week":{{{}}}}}"#, whole_days(&["sun"])));
    assert_eq!(cal.business_minutes_between(at("2027-03-27T00:00:00Z"), at("2027-03-30T00:00:00Z")), 23 * 60);
    assert_eq!(cal.business_minutes_between(at("2027-10-30T00:00:00Z"), at("2027-11-02T00:00:00Z")), 25 * 60);
    let ny = calendar(&format!(r#"{{"tz":"America/New_York","week":{{{}}}}}"#, whole_days(&["sun"])));
    assert_eq!(ny.business_minutes_between(at("2026-10-31T00:00:00Z"), at("2026-11-03T00:00:00Z")), 25 * 60);
    assert_eq!(ny.business_minutes_between(at("2027-03-13T00:00:00Z"), at("2027-03-16T00:00:00Z")), 23 * 60);
}

#[test]
fn night_intervals_in_the_skipped_hour_lose_it_and_in_the_repeated_hour_count_it_once() {
    let spring = calendar(r#"{"tz":"Europe/London","week":{"sun":[["00:30","03:00"]]}}"#);
    assert_eq!(spring.business_minutes_between(at("2027-03-27T12:00:00Z"), at("2027-03-28T12:00:00Z")), 90);
    let gone = calendar(r#"{"tz":"Europe/London","week":{"sun":[["01:00","02:00"]]}}"#);
    assert_eq!(gone.business_minutes_between(at("2027-03-27T12:00:00Z"), at("2027-03-28T12:00:00Z")), 0);
    assert_eq!(gone.next_business_instant(at("2027-03-27T12:00:00Z")), at("2027-04-04T00:00:00Z"));
    let twice = calendar(r#"{"tz":"Europe/London","week":{"sun":[["01:00","01:30"]]}}"#);
    assert_eq!(twice.business_minutes_between(at("2027-10-30T12:00:00Z"), at("2027-10-31T12:00:00Z")), 30);
    assert!(twice.is_open(at("2027-10-31T00:15:00Z")), "01:15 BST, the first 01:15");
    assert!(!twice.is_open(at("2027-10-31T01:15:00Z")), "01:15 GMT, the second 01:15");
    let long_night = calendar(r#"{"tz":"Europe/London","week":{"sun":[["00:00","02:00"]]}}"#);
    assert_eq!(long_night.business_minutes_between(at("2027-10-30T12:00:00Z"), at("2027-10-31T12:00:00Z")), 180);
}

#[test]
fn the_one_lookup_day_clock_agrees_with_the_full_rule_every_day() {
    // Sao Paulo changed its clocks at midnight until 2019: 2018-11-04 had no 00:00 and
    // 2019-02-16 ended twice. Sydney's summer is in the other half of the year.
    let times = ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "12:00", "23:30", "24:00"];
    for zone in [Europe::London, America::New_York, America::Sao_Paulo, chrono_tz::Australia::Sydney] {
        let mut chained = DayClock::new(zone, date(2017, 1, 1));
        for day in date(2017, 1, 1).iter_days().take_while(|d| *d <= date(2028, 12, 31)) {
            let fresh = DayClock::new(zone, day);
            for text in times {
                let time = text.parse().unwrap();
                let expected = local_instant(zone, day, time);
                assert_eq!(fresh.instant(time), expected, "{zone} {day} {text}");
                assert_eq!(chained.instant(time), expected, "{zone} {day} {text}, chained");
            }
            assert_eq!((chained.start(), chained.end()), (fresh.start(), fresh.end()));
            chained = chained.next();
        }
    }
}

#[test]
fn a_day_that_begins_in_a_skipped_midnight_begins_when_the_clock_jumps() {
    let cal = calendar(r#"{"tz":"America/Sao_Paulo","week":"24x7"}"#);
    assert_eq!(cal.add_business_minutes(at("2018-11-03T12:00:00Z"), 1440), at("2018-11-04T12:00:00Z"));
    let sunday = calendar(r#"{"tz":"America/Sao_Paulo","week":{"sun":[["00:00","24:00"]]}}"#);
    // 2018-11-04 starts at 00:00 -03 = 03:00 UTC (shown as 01:00 -02) and lasts 23 hours.
    assert_eq!(sunday.next_business_instant(at("2018-11-03T12:00:00Z")), at("2018-11-04T03:00:00Z"));
    assert_eq!(sunday.business_minutes_between(at("2018-11-03T00:00:00Z"), at("2018-11-06T00:00:00Z")), 23 * 60);
    // On 2019-02-17 at 00:00 -02 the clock went back to 23:00 on the 16th: Saturday the
    // 16th had 25 hours and Sunday the 17th was a plain 24-hour day.
    assert_eq!(sunday.business_minutes_between(at("2019-02-16T00:00:00Z"), at("2019-02-19T00:00:00Z")), 24 * 60);
    let saturday = calendar(r#"{"tz":"America/Sao_Paulo","week":{"sat":[["00:00","24:00"]]}}"#);
    assert_eq!(saturday.business_minutes_between(at("2019-02-15T00:00:00Z"), at("2019-02-18T00:00:00Z")), 25 * 60);
}

/// `"mon":[["00:00","24:00"]],...` for the given day keys.
fn whole_days(days: &[&str]) -> String {
    days.iter().map(|d| format!(r#""{d}":[["00:00","24:00"]]"#)).collect::<Vec<_>>().join(",")
}
