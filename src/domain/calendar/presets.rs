//! The calendar tester: "opened then, with this much business time, when is
//! it due, and why?" and the worked cases it offers as presets.
//!
//! A [`DueWalk`] adds a duration to a start on a calendar and keeps the
//! stretches in between (counted, or skipped for the night, the weekend, a
//! holiday or lunch), so a student sees the counted parts add up to the
//! duration. Each [`TesterPreset`] is one lesson: an overnight wait, a lunch
//! break, a bank holiday, and the clocks changing both ways. Its expected due
//! instant was worked out by hand and is checked against the arithmetic in
//! the tests below, so a preset can never teach something the engine does not do.

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Weekday};
use chrono_tz::{America, Europe, Tz};

use super::holiday::{Holiday, HolidayDate};
use super::schedule::{LocalTime, OpenInterval, WeeklySchedule};
use super::stretch::Stretch;
use super::{BusinessCalendar, Hours};
use crate::domain::ids::Timestamp;

/// The longest duration the tester works out: 1,000 hours of business time
/// (four months of office hours), enough for any SLA target; its list of
/// stretches stays short enough to read.
pub const MAX_TESTER_MINUTES: u64 = 1000 * 60;

/// A duration added to a start on a calendar, with the stretches walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueWalk {
    /// When the count begins.
    pub start: Timestamp,
    /// When `minutes` of business time have been counted.
    pub due: Timestamp,
    /// Everything from `start` to `due`, counted or skipped with a reason.
    pub stretches: Vec<Stretch>,
    /// Business minutes counted: always the duration asked for.
    pub counted_minutes: i64,
    /// Minutes the calendar was closed between start and due.
    pub skipped_minutes: i64,
}

impl DueWalk {
    /// Adds `minutes` of business time to `start` on `calendar`.
    pub fn new(calendar: &BusinessCalendar, start: Timestamp, minutes: u64) -> Self {
        let due = calendar.add_business_minutes(start, minutes);
        let stretches = calendar.stretches(start, due);
        let total = |counted: bool| {
            stretches.iter().filter(|s| s.is_counted() == counted).map(Stretch::duration).sum::<TimeDelta>().num_minutes()
        };
        Self { start, due, counted_minutes: total(true), skipped_minutes: total(false), stretches }
    }

    /// Real minutes from start to due: counted plus skipped.
    pub fn wall_minutes(&self) -> i64 {
        (self.due - self.start).num_minutes()
    }
}

/// The instant a local date and time on `zone`'s wall clock stands for, as
/// the calendars read it: a time skipped by spring forward is the instant the
/// clock jumps, a time repeated by fall back is its first occurrence.
pub fn local_start(zone: Tz, date: NaiveDate, hour: u16, minute: u16) -> Option<Timestamp> {
    LocalTime::from_hm(hour, minute).filter(|t| *t < LocalTime::END_OF_DAY).map(|t| super::zone::local_instant(zone, date, t))
}

/// "2 h 30 min", "8 h", "45 min", "0 min": a duration as the tester shows it.
pub fn describe_minutes(minutes: i64) -> String {
    let (sign, minutes) = if minutes < 0 { ("-", -minutes) } else { ("", minutes) };
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{sign}{m} min"),
        (h, 0) => format!("{sign}{h} h"),
        (h, m) => format!("{sign}{h} h {m} min"),
    }
}

/// One worked case of the calendar tester.
#[derive(Debug, Clone)]
pub struct TesterPreset {
    /// The button's name.
    pub name: &'static str,
    /// What the case teaches, in one sentence.
    pub lesson: &'static str,
    /// The name of the calendar it runs on; the tester uses the workspace's
    /// calendar of that content when there is one, this one otherwise.
    pub calendar_name: &'static str,
    /// The calendar it runs on.
    pub calendar: BusinessCalendar,
    /// When the count begins (UTC).
    pub start: Timestamp,
    /// The business time added.
    pub minutes: u64,
    /// The due instant worked out by hand (UTC).
    pub expected_due: Timestamp,
}

impl TesterPreset {
    /// The start on the calendar's wall clock: what the tester's date and time fields show.
    pub fn local_start(&self) -> DateTime<Tz> {
        self.start.with_timezone(&self.calendar.zone())
    }
}

/// Every preset, in the order the tester shows them.
pub fn tester_presets() -> Vec<TesterPreset> {
    vec![
        TesterPreset {
            name: "Overnight",
            lesson: "Two business hours from Tuesday 16:00: one hour before closing, the night is skipped, one hour next morning.",
            calendar_name: "Office hours",
            calendar: office_hours(),
            start: utc(2026, 11, 17, 16, 0),
            minutes: 120,
            expected_due: utc(2026, 11, 18, 9, 0),
        },
        TesterPreset {
            name: "Lunch break",
            lesson: "Three business hours from 11:00 on a day closed 12:00-13:00: the lunch hour does not count, so it is due at 15:00.",
            calendar_name: "Office hours with lunch",
            calendar: office_with_lunch(),
            start: utc(2026, 11, 18, 11, 0),
            minutes: 180,
            expected_due: utc(2026, 11, 18, 15, 0),
        },
        TesterPreset {
            name: "Holiday",
            lesson: "Four business hours from Christmas Eve 15:00: Christmas Day, Boxing Day, the weekend and the substitute bank holiday are skipped.",
            calendar_name: "Office hours with UK holidays",
            calendar: office_with_holidays(),
            start: utc(2026, 12, 24, 15, 0),
            minutes: 240,
            expected_due: utc(2026, 12, 29, 10, 0),
        },
        TesterPreset {
            name: "Spring forward (London)",
            lesson: "Friday 16:00 GMT plus two business hours: the clocks go forward on Sunday, so Monday opens at 08:00 BST, 07:00 UTC, and it is due at 09:00 BST.",
            calendar_name: "Office hours",
            calendar: office_hours(),
            start: utc(2026, 3, 27, 16, 0),
            minutes: 120,
            expected_due: utc(2026, 3, 30, 8, 0),
        },
        TesterPreset {
            name: "Fall back (New York)",
            lesson: "Friday 16:00 EDT plus two business hours: the clocks go back on Sunday, so the weekend lasts an hour longer in real time; due Monday 10:00 EST, 15:00 UTC.",
            calendar_name: "New York office hours",
            calendar: new_york_office(),
            start: utc(2026, 10, 30, 20, 0),
            minutes: 120,
            expected_due: utc(2026, 11, 2, 15, 0),
        },
        TesterPreset {
            name: "24x7 across spring forward",
            lesson: "On a 24x7 calendar a day is 24 real hours: from Saturday 12:00 GMT, one day later the London clock shows 13:00 BST.",
            calendar_name: "24x7",
            calendar: BusinessCalendar::always_open(Europe::London),
            start: utc(2026, 3, 28, 12, 0),
            minutes: 24 * 60,
            expected_due: utc(2026, 3, 29, 12, 0),
        },
    ]
}

/// Monday to Friday 08:00-17:00, London: the same as a new workspace's "Office hours".
pub fn office_hours() -> BusinessCalendar {
    weekdays(Europe::London, vec![open(8, 0, 17, 0)], Vec::new())
}

/// Monday to Friday 09:00-12:00 and 13:00-17:00, London.
pub fn office_with_lunch() -> BusinessCalendar {
    let day = vec![open(9, 0, 12, 0), open(13, 0, 17, 0)];
    weekdays(Europe::London, day, Vec::new())
}

/// The default office hours (08:00-17:00, London) with UK bank holidays at
/// Christmas: the 25th and 26th every year, and 2026's substitute day for
/// Boxing Day, which falls on a Saturday.
pub fn office_with_holidays() -> BusinessCalendar {
    let day = vec![open(8, 0, 17, 0)];
    let holidays = vec![
        Holiday::named(HolidayDate::Yearly { month: 12, day: 25 }, "Christmas Day"),
        Holiday::named(HolidayDate::Yearly { month: 12, day: 26 }, "Boxing Day"),
        Holiday::named(
            HolidayDate::Once(NaiveDate::from_ymd_opt(2026, 12, 28).expect("a date")),
            "Boxing Day (substitute day)",
        ),
    ];
    weekdays(Europe::London, day, holidays)
}

/// Monday to Friday 09:00-17:00 on the New York clock.
pub fn new_york_office() -> BusinessCalendar {
    weekdays(America::New_York, vec![open(9, 0, 17, 0)], Vec::new())
}

fn weekdays(zone: Tz, day: Vec<OpenInterval>, holidays: Vec<Holiday>) -> BusinessCalendar {
    let week = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri].map(|d| (d, day.clone()));
    let week = WeeklySchedule::new(week).expect("weekday hours are a valid week");
    BusinessCalendar::new(zone, Hours::Weekly(week), holidays).expect("a preset calendar is valid")
}

fn open(h1: u16, m1: u16, h2: u16, m2: u16) -> OpenInterval {
    let time = |h, m| LocalTime::from_hm(h, m).expect("a time of day");
    OpenInterval::new(time(h1, m1), time(h2, m2))
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Timestamp {
    chrono::Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().expect("a UTC instant")
}

#[cfg(test)]
mod tests {
    use super::super::stretch::{SkipReason, StretchKind};
    use super::*;

    fn preset(name: &str) -> TesterPreset {
        tester_presets().into_iter().find(|p| p.name == name).expect("a preset of that name")
    }

    #[test]
    fn the_office_hours_preset_is_the_workspace_default() {
        assert_eq!(office_hours(), crate::domain::sla::office_hours_calendar());
    }

    #[test]
    fn every_preset_is_due_when_worked_out_by_hand() {
        for p in tester_presets() {
            let walk = DueWalk::new(&p.calendar, p.start, p.minutes);
            assert_eq!(walk.due, p.expected_due, "{}", p.name);
            assert_eq!(p.calendar.add_business_minutes(p.start, p.minutes), p.expected_due, "{}", p.name);
            assert_eq!(walk.counted_minutes, p.minutes as i64, "{}: counted stretches add up", p.name);
            assert_eq!(walk.counted_minutes + walk.skipped_minutes, walk.wall_minutes(), "{}", p.name);
        }
    }

    #[test]
    fn the_overnight_case_skips_the_night() {
        let p = preset("Overnight");
        let walk = DueWalk::new(&p.calendar, p.start, p.minutes);
        let kinds: Vec<_> = walk.stretches.iter().map(|s| (s.kind.clone(), s.duration().num_minutes())).collect();
        assert_eq!(
            kinds,
            vec![
                (StretchKind::Counted, 60),
                (StretchKind::Skipped(SkipReason::OutsideHours), 15 * 60),
                (StretchKind::Counted, 60),
            ]
        );
    }

    #[test]
    fn the_lunch_case_skips_lunch() {
        let p = preset("Lunch break");
        let walk = DueWalk::new(&p.calendar, p.start, p.minutes);
        assert!(walk.stretches.iter().any(|s| s.kind == StretchKind::Skipped(SkipReason::LunchBreak)));
        assert_eq!(walk.skipped_minutes, 60);
    }

    #[test]
    fn the_holiday_case_names_each_holiday() {
        let p = preset("Holiday");
        let walk = DueWalk::new(&p.calendar, p.start, p.minutes);
        let labels: Vec<String> = walk
            .stretches
            .iter()
            .filter_map(|s| match &s.kind {
                StretchKind::Skipped(SkipReason::Holiday { label, .. }) => Some(label.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(labels, ["Christmas Day", "Boxing Day", "Boxing Day (substitute day)"]);
        assert!(walk.stretches.iter().any(|s| s.kind == StretchKind::Skipped(SkipReason::Weekend)));
    }

    #[test]
    fn the_daylight_saving_cases_show_local_times_moving() {
        let spring = preset("Spring forward (London)");
        assert_eq!(spring.local_start().format("%H:%M %Z").to_string(), "16:00 GMT");
        let due = spring.expected_due.with_timezone(&spring.calendar.zone());
        assert_eq!(due.format("%a %H:%M %Z").to_string(), "Mon 09:00 BST");

        let fall = preset("Fall back (New York)");
        assert_eq!(fall.local_start().format("%a %H:%M %Z").to_string(), "Fri 16:00 EDT");
        let due = fall.expected_due.with_timezone(&fall.calendar.zone());
        assert_eq!(due.format("%a %Y-%m-%d %H:%M %Z").to_string(), "Mon 2026-11-02 10:00 EST");
        // The weekend is one real hour longer than the wall clock suggests.
        let walk = DueWalk::new(&fall.calendar, fall.start, fall.minutes);
        assert_eq!(walk.wall_minutes(), 67 * 60);

        let always = preset("24x7 across spring forward");
        let due = always.expected_due.with_timezone(&always.calendar.zone());
        assert_eq!(due.format("%a %H:%M %Z").to_string(), "Sun 13:00 BST");
    }

    #[test]
    fn local_start_reads_the_wall_clock_with_the_calendars_rule() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        // 01:30 never happens in London that night: it is the instant the clock jumps.
        assert_eq!(local_start(Europe::London, date, 1, 30), Some(utc(2026, 3, 29, 1, 0)));
        assert_eq!(local_start(Europe::London, date, 12, 0), Some(utc(2026, 3, 29, 11, 0)));
        assert_eq!(local_start(Europe::London, date, 24, 0), None);
        assert_eq!(local_start(Europe::London, date, 9, 60), None);
    }

    #[test]
    fn the_longest_tester_duration_walks_in_a_few_hundred_stretches() {
        let p = preset("Overnight");
        let walk = DueWalk::new(&p.calendar, p.start, MAX_TESTER_MINUTES);
        assert_eq!(walk.counted_minutes, MAX_TESTER_MINUTES as i64);
        assert!(walk.stretches.len() < 400, "{}", walk.stretches.len());
    }

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(describe_minutes(0), "0 min");
        assert_eq!(describe_minutes(45), "45 min");
        assert_eq!(describe_minutes(480), "8 h");
        assert_eq!(describe_minutes(150), "2 h 30 min");
        assert_eq!(describe_minutes(-90), "-1 h 30 min");
    }
}
