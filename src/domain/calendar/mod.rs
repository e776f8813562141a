//! Business calendars: when the clock of an SLA runs.
//!
//! An SLA target such as "resolve a P2 in 8 business hours" only counts time
//! while the service desk is open. A [`BusinessCalendar`] says when that is:
//!
//! * a **time zone** (IANA name, e.g. `Europe/London`), because opening hours
//!   are agreed on the local clock and move with daylight saving;
//! * **opening hours** for each day of the week ([`WeeklySchedule`]), several
//!   intervals a day for lunch breaks, or [`Hours::AlwaysOpen`] for 24x7
//!   support, where a day is 24 real hours even when the clocks change;
//! * **holidays** ([`Holiday`]), once or every year, closing whole local days.
//!
//! Every function takes instants in UTC and returns instants in UTC; none
//! reads a clock. The arithmetic walks open intervals day by day and skips
//! whole plain weeks at once, so a timer engine can afford it for 200,000
//! timers. [`stretches`](BusinessCalendar::stretches) explains a span (which
//! parts counted, which were skipped and why), and [`timer::measure`] turns a
//! calendar, a start, pauses and a target into the figures an SLA timer shows.
//!
//! Files: [`schedule`] (opening hours), [`holiday`], [`draft`] (a calendar
//! being edited), [`presets`] (the calendar tester and its worked cases), [`zone`] (local time to
//! UTC, daylight saving), `walk` (the arithmetic), [`stretch`]
//! (explanations), [`spec`] (the JSON shape), [`timer`], [`error`].

pub mod draft;
pub mod error;
pub mod holiday;
mod offsets;
pub mod presets;
pub mod schedule;
pub mod spec;
pub mod stretch;
pub mod timer;
mod walk;
pub mod zone;

#[cfg(test)]
mod tests;

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

pub use error::CalendarError;
pub use holiday::{Holiday, HolidayDate};
pub use schedule::{LocalTime, OpenInterval, WeeklySchedule};
pub use spec::CalendarSpec;
pub use stretch::{SkipReason, Stretch, StretchKind};
pub use timer::{TimerFigures, measure, reached_at};

use holiday::HolidayIndex;
use offsets::OffsetTable;

/// When a calendar is open, week after week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hours {
    /// 24x7: always open, every real hour counts (a daylight-saving day still
    /// counts 23 or 25 hours, the time that really passed). Used for P1
    /// incidents and critical services.
    AlwaysOpen,
    /// Opening hours per day of the week, on the local clock.
    Weekly(WeeklySchedule),
}

/// A checked business calendar: time zone, opening hours and holidays.
///
/// Build one with [`BusinessCalendar::new`] or [`BusinessCalendar::always_open`],
/// or load one from JSON (see [`CalendarSpec`]); a calendar that exists is
/// valid, so the timer arithmetic never fails.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "CalendarSpec", into = "CalendarSpec")]
pub struct BusinessCalendar {
    zone: Tz,
    hours: Hours,
    holidays: Vec<Holiday>,
    index: HolidayIndex,
    /// Seconds open in a week without holidays or clock changes.
    week_seconds: i64,
    /// True for 24x7 and for schedules open 00:00-24:00 every day with no holidays.
    always_open: bool,
    /// The zone's UTC offsets as a table, read on first use (see `offsets.rs`).
    offsets: OnceLock<Arc<OffsetTable>>,
}

/// The one interval of a day that is open around the clock.
const WHOLE_DAY: [OpenInterval; 1] = [OpenInterval { from: LocalTime::MIDNIGHT, to: LocalTime::END_OF_DAY }];

impl BusinessCalendar {
    /// Checks and builds a calendar.
    ///
    /// Refused: a weekly schedule with no open minute, yearly holidays that
    /// close every day of the year, or holidays on a 24x7 calendar.
    pub fn new(zone: Tz, hours: Hours, holidays: Vec<Holiday>) -> Result<Self, CalendarError> {
        let index = HolidayIndex::new(&holidays);
        let week_minutes = match &hours {
            Hours::AlwaysOpen if !holidays.is_empty() => return Err(CalendarError::HolidaysOnAlwaysOpen),
            Hours::AlwaysOpen => 7 * 24 * 60,
            Hours::Weekly(week) => week.weekly_minutes(),
        };
        if week_minutes == 0 || index.closes_every_day() {
            return Err(CalendarError::NoOpenTime);
        }
        let always_open = week_minutes == 7 * 24 * 60 && holidays.is_empty();
        let week_seconds = i64::from(week_minutes) * 60;
        Ok(Self { zone, hours, holidays, index, week_seconds, always_open, offsets: OnceLock::new() })
    }

    /// A 24x7 calendar in `zone` (the zone only matters for showing local times).
    pub fn always_open(zone: Tz) -> Self {
        Self {
            zone,
            hours: Hours::AlwaysOpen,
            holidays: Vec::new(),
            index: HolidayIndex::default(),
            week_seconds: 7 * 24 * 3600,
            always_open: true,
            offsets: OnceLock::new(),
        }
    }

    /// The time zone whose wall clock the opening hours and holidays are read on.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The opening hours.
    pub fn hours(&self) -> &Hours {
        &self.hours
    }

    /// The holidays, in the order they were given.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The holiday falling on a local date, if any (the first listed when two do).
    pub fn holiday_on(&self, date: NaiveDate) -> Option<&Holiday> {
        self.index.on(date).map(|position| &self.holidays[position])
    }

    /// The open intervals of a local date: none on a holiday or a closed weekday.
    pub fn intervals_on(&self, date: NaiveDate) -> &[OpenInterval] {
        match &self.hours {
            Hours::AlwaysOpen => &WHOLE_DAY,
            Hours::Weekly(_) if self.index.on(date).is_some() => &[],
            Hours::Weekly(week) => week.intervals(date.weekday()),
        }
    }
}

impl PartialEq for BusinessCalendar {
    /// Two calendars are equal when zone, hours and holidays are (the index is derived).
    fn eq(&self, other: &Self) -> bool {
        self.zone == other.zone && self.hours == other.hours && self.holidays == other.holidays
    }
}

impl Eq for BusinessCalendar {}
