//! The twelve worked SLA cases of `tests/fixtures/sla-vectors.json` (a copy of
//! the shared `sla-vectors.json`), checked one by one by name.
//!
//! Each case gives a calendar, a start, optional pauses and "now", a target,
//! and the exact expected due time and, when "now" is given, the elapsed
//! figures. They were computed by an independent implementation, so a failure
//! here means our calendar or timer arithmetic disagrees with it.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use servicelab::domain::calendar::{BusinessCalendar, measure};

#[derive(Deserialize)]
struct Case {
    name: String,
    calendar: BusinessCalendar,
    start: DateTime<Utc>,
    target_minutes: u64,
    now: Option<DateTime<Utc>>,
    #[serde(default)]
    pauses: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    due: DateTime<Utc>,
    business_elapsed_minutes: Option<u64>,
    wall_elapsed_minutes: Option<u64>,
    percent: Option<f64>,
}

fn cases() -> Vec<Case> {
    let text = include_str!("fixtures/sla-vectors.json");
    serde_json::from_str(text).expect("the fixture parses, calendars included")
}

/// Runs the case with this exact name and returns a list of mismatches (empty when it passes).
fn check(name: &str) -> Vec<String> {
    let all = cases();
    let case = all.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case named {name:?}"));
    let now = case.now.unwrap_or(case.start);
    let figures = measure(&case.calendar, case.start, &case.pauses, case.target_minutes, now);
    let mut wrong = Vec::new();
    if figures.due != case.expect.due {
        wrong.push(format!("due {} instead of {}", figures.due, case.expect.due));
    }
    if case.pauses.is_empty() && figures.original_due != figures.due {
        wrong.push(format!("original due {} differs from due {} with no pause", figures.original_due, figures.due));
    }
    if let Some(expected) = case.expect.business_elapsed_minutes
        && figures.business_elapsed_minutes != expected
    {
        wrong.push(format!("business elapsed {} instead of {expected}", figures.business_elapsed_minutes));
    }
    if let Some(expected) = case.expect.wall_elapsed_minutes
        && figures.wall_elapsed_minutes != expected
    {
        wrong.push(format!("wall elapsed {} instead of {expected}", figures.wall_elapsed_minutes));
    }
    if let Some(expected) = case.expect.percent
        && (figures.percent - expected).abs() > 1e-9
    {
        wrong.push(format!("percent {} instead of {expected}", figures.percent));
    }
    wrong
}

macro_rules! vector {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let wrong = check($name);
            assert!(wrong.is_empty(), "{}: {}", $name, wrong.join("; "));
        }
    };
}

vector!(servicenow_worked_example, "ServiceNow worked example: 8 h, opened Friday 21:00, read Monday 09:30");
vector!(lunch_break, "lunch break splits the day");
vector!(one_off_holiday_then_weekend, "one-off holiday then a weekend");
vector!(yearly_holiday_next_year, "yearly holiday (01-01) applies in the next year");
vector!(
    always_open_spring_forward_london,
    "24x7 across the spring-forward night counts real hours, not wall-clock hours"
);
vector!(business_hours_us_spring_forward, "business hours across the US spring-forward weekend");
vector!(always_open_us_fall_back, "24x7 across the US fall-back night");
vector!(pause_over_a_night, "a pause spanning a night only removes the business time it covers");
vector!(opened_at_closing_time, "opened exactly at closing time starts next morning");
vector!(met_at_closing_time, "a target met exactly at closing time is due at closing time");
vector!(one_day_target_on_eight_hour_schedule, "a 1-day (24 h) target on an 8-hour schedule takes three business days");
vector!(saturday_in_berlin, "opened on a Saturday in another time zone");

#[test]
fn every_case_in_the_fixture_is_checked_by_a_named_test() {
    let names: Vec<String> = cases().into_iter().map(|c| c.name).collect();
    assert_eq!(names.len(), 12, "the fixture has twelve cases");
    let this_file = include_str!("domain_sla_vectors.rs");
    for name in names {
        assert!(this_file.contains(&format!("\"{name}\"")), "no test checks {name:?}");
    }
}
