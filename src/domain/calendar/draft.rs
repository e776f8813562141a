//! A business calendar while someone edits it.
//!
//! A [`BusinessCalendar`] is always valid, so it cannot hold the half-done
//! states of an edit: every cell of the week closed for a moment, holidays
//! typed on a calendar still marked 24x7. A [`CalendarDraft`] can. It keeps
//! the opening hours of the week as each day's intervals, paints half-hours
//! open or closed the way a weekly grid does, and turns back into a checked
//! calendar with [`CalendarDraft::build`], which gives the calendar's own
//! reason when it is not one yet.
//!
//! The weekly hours survive a trip through 24x7: ticking 24x7 and unticking it
//! again gives back the week that was drawn.

use std::fmt;

use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;

use super::error::CalendarError;
use super::holiday::{Holiday, HolidayDate};
use super::schedule::{LocalTime, OpenInterval, WEEK, WeeklySchedule};
use super::{BusinessCalendar, Hours};

/// Minutes in a day: the end of the last cell of the grid.
pub const DAY_MINUTES: u16 = 24 * 60;

/// The width of one cell of the weekly grid, in minutes.
pub const CELL_MINUTES: u16 = 30;

/// A calendar being edited: zone, 24x7 or weekly hours, holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDraft {
    /// The time zone whose wall clock the hours are read on.
    pub zone: Tz,
    /// Open around the clock; the weekly hours below are kept but not used.
    pub always_open: bool,
    /// Each day's open intervals, Monday first, sorted and never touching or overlapping.
    week: [Vec<OpenInterval>; 7],
    /// Days closed, in the order they were added.
    pub holidays: Vec<Holiday>,
}

/// Why a holiday could not be added to a draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayError {
    /// The date is not a date.
    #[error(transparent)]
    BadDate(#[from] CalendarError),
    /// Another holiday already falls on that date.
    #[error("{date} is already in the holiday list ({existing}): remove it first to rename it")]
    Duplicate {
        /// The date as written.
        date: String,
        /// The name (or date) of the holiday already there.
        existing: String,
    },
}

impl CalendarDraft {
    /// The draft of an existing calendar. A 24x7 calendar starts with the
    /// usual office week (Monday to Friday, 09:00-17:00) drawn underneath, so
    /// unticking 24x7 gives something sensible to edit.
    pub fn of(calendar: &BusinessCalendar) -> Self {
        let week = match calendar.hours() {
            Hours::AlwaysOpen => office_week(),
            Hours::Weekly(schedule) => WEEK.map(|day| merged(schedule.intervals(day).to_vec())),
        };
        Self {
            zone: calendar.zone(),
            always_open: matches!(calendar.hours(), Hours::AlwaysOpen),
            week,
            holidays: calendar.holidays().to_vec(),
        }
    }

    /// A new calendar: Monday to Friday 09:00-17:00 in `zone`, no holidays.
    pub fn office(zone: Tz) -> Self {
        Self { zone, always_open: false, week: office_week(), holidays: Vec::new() }
    }

    /// The intervals drawn for one day, sorted.
    pub fn intervals(&self, day: Weekday) -> &[OpenInterval] {
        &self.week[day.num_days_from_monday() as usize]
    }

    /// Whether the minute `minute` (0..1440) of `day` is drawn open.
    pub fn is_open(&self, day: Weekday, minute: u16) -> bool {
        self.intervals(day).iter().any(|i| i.from.minutes() <= minute && minute < i.to.minutes())
    }

    /// Opens (or closes) `from`..`to` minutes of `day`, whatever was drawn
    /// there before; the rest of the day is left as it was. Minutes past
    /// 24:00 are ignored.
    pub fn paint(&mut self, day: Weekday, from: u16, to: u16, open: bool) {
        let (from, to) = (from.min(DAY_MINUTES), to.min(DAY_MINUTES));
        if from >= to {
            return;
        }
        let slot = &mut self.week[day.num_days_from_monday() as usize];
        let mut pieces: Vec<(u16, u16)> = Vec::new();
        for interval in slot.iter() {
            let (a, b) = (interval.from.minutes(), interval.to.minutes());
            // Keep what lies outside the painted span.
            if a < from {
                pieces.push((a, b.min(from)));
            }
            if b > to {
                pieces.push((a.max(to), b));
            }
        }
        if open {
            pieces.push((from, to));
        }
        *slot = merged(pieces.into_iter().filter_map(|(a, b)| interval(a, b)).collect());
    }

    /// Opens or closes the grid cell `cell` (0..48) of `day`.
    pub fn paint_cell(&mut self, day: Weekday, cell: u16, open: bool) {
        let from = cell * CELL_MINUTES;
        self.paint(day, from, from + CELL_MINUTES, open);
    }

    /// Whether the grid cell `cell` of `day` is open: all of its half hour is drawn open.
    pub fn cell_is_open(&self, day: Weekday, cell: u16) -> bool {
        let (from, to) = (cell * CELL_MINUTES, (cell + 1) * CELL_MINUTES);
        self.intervals(day).iter().any(|i| i.from.minutes() <= from && to <= i.to.minutes())
    }

    /// A day's hours as a person reads them: `08:00–12:00, 13:00–17:00`
    /// (a lunch break is the gap), or `Closed`.
    pub fn day_text(&self, day: Weekday) -> String {
        let intervals = self.intervals(day);
        if intervals.is_empty() {
            return "Closed".to_string();
        }
        intervals.iter().map(|i| format!("{}–{}", i.from, i.to)).collect::<Vec<_>>().join(", ")
    }

    /// Hours drawn in a week, in minutes (2,400 for five 8-hour days).
    pub fn weekly_minutes(&self) -> u32 {
        self.week.iter().flatten().map(|i| i.minutes()).sum()
    }

    /// Adds a holiday on `date` (`YYYY-MM-DD`); `yearly` keeps only its month
    /// and day, so it falls every year. A blank name is no name.
    pub fn add_holiday(&mut self, date: &str, yearly: bool, name: &str) -> Result<(), HolidayError> {
        let parsed = HolidayDate::parse(date.trim())?;
        let parsed = match parsed {
            HolidayDate::Once(day) if yearly => yearly_of(day),
            other => other,
        };
        if let Some(existing) = self.holidays.iter().find(|h| h.date == parsed) {
            return Err(HolidayError::Duplicate { date: parsed.to_string(), existing: existing.label() });
        }
        let name = name.trim();
        self.holidays.push(if name.is_empty() { Holiday::new(parsed) } else { Holiday::named(parsed, name) });
        Ok(())
    }

    /// Removes the holiday at `position` in the list, if there is one.
    pub fn remove_holiday(&mut self, position: usize) {
        if position < self.holidays.len() {
            self.holidays.remove(position);
        }
    }

    /// The checked calendar, or the reason it is not one (never open, holidays on 24x7...).
    pub fn build(&self) -> Result<BusinessCalendar, CalendarError> {
        let hours = if self.always_open {
            Hours::AlwaysOpen
        } else {
            Hours::Weekly(WeeklySchedule::new(WEEK.into_iter().zip(self.week.iter().cloned()))?)
        };
        BusinessCalendar::new(self.zone, hours, self.holidays.clone())
    }
}

/// How a holiday is written in a list: `25 Dec every year` or `2026-12-28`.
pub fn describe_holiday_date(date: &HolidayDate) -> String {
    match *date {
        HolidayDate::Once(day) => day.format("%a %Y-%m-%d").to_string(),
        HolidayDate::Yearly { month, day } => match NaiveDate::from_ymd_opt(2000, month, day) {
            Some(d) => format!("{} every year", d.format("%-d %b")),
            None => format!("{month:02}-{day:02} every year"),
        },
    }
}

/// The time zones compiled into ServiceLab, by IANA name, sorted, UTC first.
/// Aliases (`GB`, `US/Eastern`...) are left out: a picker shows each zone once.
pub fn zone_choices() -> Vec<Tz> {
    let mut zones: Vec<Tz> = chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .filter(|tz| {
            let name = tz.name();
            let area = name.split('/').next().unwrap_or_default();
            name.contains('/') && matches!(area, "Africa" | "America" | "Asia" | "Australia" | "Europe" | "Pacific")
        })
        .collect();
    zones.sort_by_key(|tz| tz.name());
    zones.insert(0, Tz::UTC);
    zones
}

/// The month and day of `date`, every year.
fn yearly_of(date: NaiveDate) -> HolidayDate {
    use chrono::Datelike;
    HolidayDate::Yearly { month: date.month(), day: date.day() }
}

/// Monday to Friday 09:00-17:00.
fn office_week() -> [Vec<OpenInterval>; 7] {
    let day = interval(9 * 60, 17 * 60).into_iter().collect::<Vec<_>>();
    std::array::from_fn(|n| if n < 5 { day.clone() } else { Vec::new() })
}

/// The interval `from`..`to` minutes, when it is one.
fn interval(from: u16, to: u16) -> Option<OpenInterval> {
    let time = |m: u16| LocalTime::from_hm(m / 60, m % 60);
    (from < to).then_some(OpenInterval::new(time(from)?, time(to)?))
}

/// Sorts intervals and joins those that overlap or touch.
fn merged(mut intervals: Vec<OpenInterval>) -> Vec<OpenInterval> {
    intervals.sort();
    let mut out: Vec<OpenInterval> = Vec::with_capacity(intervals.len());
    for next in intervals {
        match out.last_mut() {
            Some(last) if next.from <= last.to => last.to = last.to.max(next.to),
            _ => out.push(next),
        }
    }
    out
}

impl fmt::Display for CalendarDraft {
    /// One line: `Europe/London, Mon 09:00–17:00, ...` or `Europe/London, 24x7`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.always_open {
            return write!(f, "{}, 24x7", self.zone.name());
        }
        write!(f, "{}", self.zone.name())?;
        for day in WEEK {
            if !self.intervals(day).is_empty() {
                write!(f, ", {day} {}", self.day_text(day))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday::{Mon, Sat, Tue};

    use super::*;
    use crate::domain::sla::office_hours_calendar;

    #[test]
    fn a_calendar_round_trips_through_its_draft() {
        let calendar = office_hours_calendar();
        let draft = CalendarDraft::of(&calendar);
        assert_eq!(draft.day_text(Mon), "08:00–17:00");
        assert_eq!(draft.day_text(Sat), "Closed");
        assert_eq!(draft.build().unwrap(), calendar);
    }

    #[test]
    fn painting_a_lunch_break_splits_the_day() {
        let mut draft = CalendarDraft::of(&office_hours_calendar());
        draft.paint_cell(Mon, 24, false); // 12:00-12:30
        draft.paint_cell(Mon, 25, false); // 12:30-13:00
        assert_eq!(draft.day_text(Mon), "08:00–12:00, 13:00–17:00");
        assert!(!draft.cell_is_open(Mon, 24));
        assert!(draft.cell_is_open(Mon, 23));
        draft.paint_cell(Mon, 24, true);
        assert_eq!(draft.day_text(Mon), "08:00–12:30, 13:00–17:00");
        draft.paint_cell(Mon, 25, true);
        assert_eq!(draft.day_text(Mon), "08:00–17:00");
        assert_eq!(draft.weekly_minutes(), 5 * 9 * 60);
    }

    #[test]
    fn painting_keeps_minutes_the_grid_cannot_show() {
        let mut draft = CalendarDraft::office(Tz::UTC);
        draft.paint(Tue, 9 * 60, 9 * 60 + 15, false);
        assert_eq!(draft.day_text(Tue), "09:15–17:00");
        assert!(!draft.cell_is_open(Tue, 18), "a half-open cell shows closed");
        assert!(draft.is_open(Tue, 9 * 60 + 20));
        draft.paint_cell(Tue, 47, true);
        assert_eq!(draft.day_text(Tue), "09:15–17:00, 23:30–24:00");
        draft.paint(Tue, 0, 2000, true);
        assert_eq!(draft.day_text(Tue), "00:00–24:00");
    }

    #[test]
    fn closing_every_cell_is_refused_with_the_calendars_reason() {
        let mut draft = CalendarDraft::office(Tz::UTC);
        for day in WEEK {
            draft.paint(day, 0, DAY_MINUTES, false);
        }
        assert_eq!(draft.build(), Err(CalendarError::NoOpenTime));
    }

    #[test]
    fn the_week_survives_a_trip_through_24x7_and_holidays_on_24x7_are_refused() {
        let mut draft = CalendarDraft::office(Tz::UTC);
        draft.add_holiday("2026-12-25", true, "Christmas Day").unwrap();
        draft.always_open = true;
        assert_eq!(draft.build(), Err(CalendarError::HolidaysOnAlwaysOpen));
        draft.remove_holiday(0);
        assert!(matches!(draft.build().unwrap().hours(), Hours::AlwaysOpen));
        draft.always_open = false;
        assert_eq!(draft.day_text(Mon), "09:00–17:00");
    }

    #[test]
    fn holidays_once_or_every_year_and_never_twice() {
        let mut draft = CalendarDraft::office(Tz::UTC);
        draft.add_holiday("2026-12-25", true, " Christmas Day ").unwrap();
        draft.add_holiday("2026-12-28", false, "").unwrap();
        assert_eq!(draft.holidays[0], Holiday::named(HolidayDate::Yearly { month: 12, day: 25 }, "Christmas Day"));
        assert_eq!(draft.holidays[1].label(), "2026-12-28");
        assert_eq!(describe_holiday_date(&draft.holidays[0].date), "25 Dec every year");
        assert_eq!(describe_holiday_date(&draft.holidays[1].date), "Mon 2026-12-28");
        let again = draft.add_holiday("2030-12-25", true, "Xmas").unwrap_err();
        assert_eq!(again.to_string(), "12-25 is already in the holiday list (Christmas Day): remove it first to rename it");
        assert!(matches!(draft.add_holiday("2026-02-30", false, ""), Err(HolidayError::BadDate(_))));
        let calendar = draft.build().unwrap();
        assert_eq!(calendar.holidays().len(), 2);
    }

    #[test]
    fn the_zone_picker_lists_compiled_zones_once_each() {
        let zones = zone_choices();
        assert_eq!(zones[0], Tz::UTC);
        let names: Vec<&str> = zones.iter().map(|z| z.name()).collect();
        assert!(names.contains(&"Europe/London") && names.contains(&"America/New_York"));
        assert!(!names.contains(&"GB") && !names.contains(&"US/Eastern"));
        let mut sorted = names[1..].to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len() - 1);
        for name in names {
            assert!(super::super::zone::parse_zone(name).is_ok(), "{name}");
        }
    }
}
