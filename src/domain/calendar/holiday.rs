//! Holidays: whole local days on which a business calendar is closed.
//!
//! A holiday is either a single date (`2026-12-25`: this year's office
//! closure) or the same month and day every year (`01-01`: New Year's Day).
//! It closes the whole day on the calendar's local clock, whatever its opening
//! hours. Holidays that move every year (Easter) are written as single dates.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::error::CalendarError;

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayDate {
    /// One day only, e.g. a bridge day the company closes this year.
    Once(NaiveDate),
    /// The same day every year, e.g. Christmas Day (`12-25`). `02-29` only falls in leap years.
    Yearly {
        /// Month, 1 to 12.
        month: u32,
        /// Day of the month, 1 to 31.
        day: u32,
    },
}

impl HolidayDate {
    /// Reads `YYYY-MM-DD` (once) or `MM-DD` (every year).
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        let bad = || CalendarError::BadHoliday { text: text.to_string() };
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<u32>().ok()).flatten()
        };
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [year, month, day] => {
                let (year, month, day) = (digits(year, 4), digits(month, 2), digits(day, 2));
                let (year, month, day) = (year.ok_or_else(bad)?, month.ok_or_else(bad)?, day.ok_or_else(bad)?);
                let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(bad)?;
                Ok(Self::Once(date))
            }
            [month, day] => {
                let (month, day) = (digits(month, 2).ok_or_else(bad)?, digits(day, 2).ok_or_else(bad)?);
                // 2000 is a leap year, so 02-29 is accepted and 02-30 is not.
                NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(bad)?;
                Ok(Self::Yearly { month, day })
            }
            _ => Err(bad()),
        }
    }

    /// Whether the holiday falls on this local date.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        match *self {
            Self::Once(once) => once == date,
            Self::Yearly { month, day } => date.month() == month && date.day() == day,
        }
    }
}

impl fmt::Display for HolidayDate {
    /// Writes the date back the way it is read: `2026-12-25` or `12-25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Once(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            Self::Yearly { month, day } => write!(f, "{month:02}-{day:02}"),
        }
    }
}

/// A day the service desk is closed, with an optional name to show people.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Holiday {
    /// When it falls.
    pub date: HolidayDate,
    /// What people call it ("Christmas Day"), if it was given.
    pub name: Option<String>,
}

impl Holiday {
    /// A holiday without a name.
    pub fn new(date: HolidayDate) -> Self {
        Self { date, name: None }
    }

    /// A holiday with a name.
    pub fn named(date: HolidayDate, name: impl Into<String>) -> Self {
        Self { date, name: Some(name.into()) }
    }

    /// What to call it in an explanation: its name, or else its date.
    pub fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.date.to_string())
    }
}

/// Finds the holiday on a date quickly: timers ask this for every day they walk.
#[derive(Debug, Clone)]
pub(super) struct HolidayIndex {
    /// Single dates, sorted, each with the position of its holiday in the calendar's list.
    once: Vec<(NaiveDate, usize)>,
    /// For `month * 32 + day`, the position of the first yearly holiday on that day.
    yearly: Vec<Option<usize>>,
}

impl Default for HolidayIndex {
    /// No holidays at all.
    fn default() -> Self {
        Self::new(&[])
    }
}

impl HolidayIndex {
    /// Indexes a calendar's holidays; when two fall on one day the first listed wins.
    pub(super) fn new(holidays: &[Holiday]) -> Self {
        let mut index = Self { once: Vec::new(), yearly: vec![None; 13 * 32] };
        for (position, holiday) in holidays.iter().enumerate() {
            match holiday.date {
                HolidayDate::Once(date) => index.once.push((date, position)),
                HolidayDate::Yearly { month, day } => {
                    let slot = &mut index.yearly[(month * 32 + day) as usize];
                    slot.get_or_insert(position);
                }
            }
        }
        index.once.sort_by_key(|&(date, position)| (date, position));
        index.once.dedup_by_key(|&mut (date, _)| date);
        index
    }

    /// Position of the holiday on `date` in the calendar's list, if any.
    pub(super) fn on(&self, date: NaiveDate) -> Option<usize> {
        let once = self.once.binary_search_by_key(&date, |&(d, _)| d).ok().map(|i| self.once[i].1);
        let yearly = self.yearly[(date.month() * 32 + date.day()) as usize];
        match (once, yearly) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether any day from `first` to `last` (both included) is a holiday.
    pub(super) fn any_between(&self, first: NaiveDate, last: NaiveDate) -> bool {
        let start = self.once.partition_point(|&(d, _)| d < first);
        if self.once.get(start).is_some_and(|&(d, _)| d <= last) {
            return true;
        }
        first.iter_days().take_while(|d| *d <= last).any(|d| self.yearly[(d.month() * 32 + d.day()) as usize].is_some())
    }

    /// Whether yearly holidays cover every day of the year, leaving nothing open ever.
    pub(super) fn closes_every_day(&self) -> bool {
        let leap_year = NaiveDate::from_ymd_opt(2000, 1, 1).into_iter().flat_map(|d| d.iter_days()).take(366);
        leap_year.into_iter().all(|d| self.yearly[(d.month() * 32 + d.day()) as usize].is_some())
    }
}
