//! The timer core: due times, pauses, elapsed figures, percent and breach.

use super::super::{TimerFigures, measure};
use super::{at, office};

#[test]
fn a_pause_over_a_weekend_moves_due_by_the_business_time_it_covers() {
    let cal = office("UTC", "");
    let pause = [(at("2026-11-27T16:00:00Z"), at("2026-11-30T10:00:00Z"))];
    let figures = measure(&cal, at("2026-11-27T15:00:00Z"), &pause, 240, at("2026-11-30T12:00:00Z"));
    assert_eq!(
        figures,
        TimerFigures {
            due: at("2026-11-30T13:00:00Z"),
            original_due: at("2026-11-30T11:00:00Z"),
            business_elapsed_minutes: 180,
            wall_elapsed_minutes: 180,
            percent: 75.0,
            breached_at: None,
        }
    );
}

#[test]
fn a_pause_that_covers_only_closed_hours_moves_nothing() {
    let cal = office("UTC", "");
    let night = [(at("2026-11-23T18:00:00Z"), at("2026-11-24T08:00:00Z"))];
    let figures = measure(&cal, at("2026-11-23T16:00:00Z"), &night, 120, at("2026-11-24T09:30:00Z"));
    assert_eq!(figures.due, figures.original_due);
    assert_eq!(figures.due, at("2026-11-24T10:00:00Z"));
    assert_eq!(figures.business_elapsed_minutes, 90);
    assert_eq!(figures.wall_elapsed_minutes, (17 * 60 + 30) - 14 * 60);
}

#[test]
fn pauses_may_overlap_come_unsorted_or_start_before_the_timer() {
    let cal = office("UTC", "");
    let start = at("2026-11-23T09:00:00Z");
    let now = at("2026-11-23T16:00:00Z");
    let tidy = [(at("2026-11-23T10:00:00Z"), at("2026-11-23T12:00:00Z"))];
    let messy = [
        (at("2026-11-23T11:00:00Z"), at("2026-11-23T12:00:00Z")),
        (at("2026-11-23T10:00:00Z"), at("2026-11-23T11:30:00Z")),
        (at("2026-11-23T08:00:00Z"), at("2026-11-23T09:00:00Z")),
        (at("2026-11-23T15:00:00Z"), at("2026-11-23T14:00:00Z")),
    ];
    assert_eq!(measure(&cal, start, &messy, 480, now), measure(&cal, start, &tidy, 480, now));
    let figures = measure(&cal, start, &tidy, 480, now);
    assert_eq!((figures.business_elapsed_minutes, figures.due), (300, at("2026-11-24T11:00:00Z")));
}

#[test]
fn a_running_pause_freezes_the_elapsed_figures() {
    let cal = office("UTC", "");
    let start = at("2026-11-23T09:00:00Z");
    let on_hold_since = at("2026-11-23T11:00:00Z");
    for now in [at("2026-11-23T12:00:00Z"), at("2026-11-23T16:00:00Z")] {
        let figures = measure(&cal, start, &[(on_hold_since, now)], 480, now);
        assert_eq!((figures.business_elapsed_minutes, figures.wall_elapsed_minutes), (120, 120));
        assert_eq!(figures.percent, 25.0);
    }
}

#[test]
fn breached_only_once_past_the_due_time() {
    let cal = office("UTC", "");
    let start = at("2026-11-23T09:00:00Z");
    let at_due = measure(&cal, start, &[], 480, at("2026-11-23T17:00:00Z"));
    assert_eq!((at_due.percent, at_due.breached_at), (100.0, None));
    let evening = measure(&cal, start, &[], 480, at("2026-11-23T19:00:00Z"));
    assert_eq!((evening.percent, evening.breached_at), (100.0, Some(at("2026-11-23T17:00:00Z"))));
    let next_day = measure(&cal, start, &[], 480, at("2026-11-24T10:00:00Z"));
    assert_eq!((next_day.business_elapsed_minutes, next_day.percent), (540, 112.5));
}

#[test]
fn percent_is_rounded_half_up_to_two_decimals() {
    let cal = office("UTC", "");
    let start = at("2026-11-23T09:00:00Z");
    let percent =
        |minutes: i64, target| measure(&cal, start, &[], target, start + chrono::TimeDelta::minutes(minutes)).percent;
    assert_eq!(percent(160, 480), 33.33);
    assert_eq!(percent(320, 480), 66.67);
    assert_eq!(percent(1, 800), 0.13);
    assert_eq!(percent(1, 480), 0.21);
}

#[test]
fn before_the_start_and_with_no_target() {
    let cal = office("UTC", "");
    let start = at("2026-11-23T10:00:00Z");
    let early = measure(&cal, start, &[], 60, at("2026-11-23T09:00:00Z"));
    assert_eq!((early.business_elapsed_minutes, early.wall_elapsed_minutes, early.percent), (0, 0, 0.0));
    let none = measure(&cal, start, &[], 0, start);
    assert_eq!((none.due, none.percent, none.breached_at), (start, 100.0, None));
}

#[test]
fn thresholds_found_in_one_walk_match_each_counted_from_the_start() {
    use super::super::reached_at;
    use super::super::timer::measure_with_thresholds;
    use chrono::TimeDelta;
    let calendars = [office("Europe/London", r#""12-25""#), super::office_with_lunch(), office("Australia/Sydney", "")];
    let start = at("2026-03-20T15:17:00Z");
    for (n, cal) in calendars.iter().enumerate() {
        for shift in 0..40i64 {
            let pause_from = start + TimeDelta::hours(3 * shift);
            let pauses = [(pause_from, pause_from + TimeDelta::minutes(95 + 7 * shift)), (pause_from + TimeDelta::days(2), pause_from + TimeDelta::days(3))];
            let target = 120 + 37 * shift as u64;
            let now = start + TimeDelta::days(30);
            let thresholds = [10, 50, 75, 100, 150, 400];
            let (figures, crossed) = measure_with_thresholds(cal, start, &pauses, target, now, &thresholds);
            assert_eq!(figures, super::super::measure(cal, start, &pauses, target, now));
            for &(percent, instant) in &crossed {
                let amount = TimeDelta::seconds(target as i64 * 60 * i64::from(percent) / 100);
                assert_eq!(instant, reached_at(cal, start, &pauses, amount), "calendar {n}, shift {shift}, {percent} %");
            }
            assert!(crossed.iter().any(|&(p, at)| p == 100 && at == figures.due), "calendar {n}, shift {shift}");
        }
    }
}
