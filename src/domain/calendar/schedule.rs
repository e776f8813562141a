//! The weekly opening hours of a business calendar.
//!
//! A service desk is "open" Monday to Friday 09:00-17:00, perhaps with a lunch
//! break (09:00-12:00 and 13:00-17:00: two intervals on one day). Times are
//! read on the *local* wall clock of the calendar's time zone, in whole
//! minutes; `24:00` means the end of the day, so `00:00`-`24:00` is a whole day.
//! An interval never crosses midnight: a night shift is two intervals on two
//! days, and intervals that touch across midnight count as one stretch.

use std::fmt;
use std::str::FromStr;

use chrono::Weekday;

use super::error::CalendarError;

/// A time of day on the calendar's local wall clock, from `00:00` to `24:00`.
///
/// Opening hours are agreed in local time ("we open at nine"), not in UTC; the
/// calendar turns them into real instants day by day, daylight saving included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(u16);

impl LocalTime {
    /// Midnight at the start of the day, `00:00`.
    pub const MIDNIGHT: LocalTime = LocalTime(0);
    /// The end of the day, `24:00`: the same instant as the next day's `00:00`.
    pub const END_OF_DAY: LocalTime = LocalTime(24 * 60);

    /// The time `hour:minute`, or `None` when it is not between `00:00` and `24:00`.
    pub fn from_hm(hour: u16, minute: u16) -> Option<Self> {
        let total = hour.checked_mul(60)?.checked_add(minute)?;
        (minute < 60 && total <= 24 * 60).then_some(Self(total))
    }

    /// Minutes after local midnight (0 to 1440).
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl FromStr for LocalTime {
    type Err = CalendarError;

    /// Parses `HH:MM` (two digits each), `24:00` included.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || CalendarError::BadTime { text: text.to_string() };
        let (hour, minute) = text.split_once(':').ok_or_else(bad)?;
        let two_digits = |part: &str| {
            (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<u16>().ok()).flatten()
        };
        let (hour, minute) = (two_digits(hour).ok_or_else(bad)?, two_digits(minute).ok_or_else(bad)?);
        Self::from_hm(hour, minute).ok_or_else(bad)
    }
}

/// One stretch of opening hours within a day, `from` (included) to `to` (excluded).
///
/// A day with a lunch break has two of these; a day with none is closed (a
/// weekend day, for this calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpenInterval {
    /// Local time the desk opens.
    pub from: LocalTime,
    /// Local time the desk closes; `24:00` for the end of the day.
    pub to: LocalTime,
}

impl OpenInterval {
    /// The interval `from`-`to`; [`WeeklySchedule::new`] checks that it is not reversed.
    pub fn new(from: LocalTime, to: LocalTime) -> Self {
        Self { from, to }
    }

    /// Length on the wall clock, in minutes (a daylight-saving change that day may make the real length differ).
    pub fn minutes(self) -> u32 {
        u32::from(self.to.0.saturating_sub(self.from.0))
    }
}

/// The days of the week from Monday, in the order schedules are written and stored.
pub const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// The opening hours for each day of the week, checked: every interval ends
/// after it starts, and the intervals of one day are sorted and never overlap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WeeklySchedule {
    /// Index 0 is Monday, as in [`Weekday::num_days_from_monday`].
    days: [Vec<OpenInterval>; 7],
}

impl WeeklySchedule {
    /// Builds a schedule from each day's intervals (days not given are closed).
    ///
    /// A day given twice gets both lists. Intervals are sorted; touching ones
    /// (`09:00-12:00`, `12:00-17:00`) are allowed and simply have no break.
    pub fn new(days: impl IntoIterator<Item = (Weekday, Vec<OpenInterval>)>) -> Result<Self, CalendarError> {
        let mut schedule = Self::default();
        for (day, intervals) in days {
            schedule.days[day.num_days_from_monday() as usize].extend(intervals);
        }
        for (day, intervals) in WEEK.into_iter().zip(schedule.days.iter_mut()) {
            check_day(day, intervals)?;
        }
        Ok(schedule)
    }

    /// The usual office week: Monday to Friday, `from`-`to`, weekends closed.
    pub fn weekdays(from: LocalTime, to: LocalTime) -> Result<Self, CalendarError> {
        Self::new(WEEK[..5].iter().map(|&day| (day, vec![OpenInterval::new(from, to)])))
    }

    /// The intervals of one day of the week, sorted; empty when that day is closed.
    pub fn intervals(&self, day: Weekday) -> &[OpenInterval] {
        &self.days[day.num_days_from_monday() as usize]
    }

    /// Opening minutes in a whole week on the wall clock (e.g. 2400 for 5 x 8 hours).
    pub fn weekly_minutes(&self) -> u32 {
        self.days.iter().flatten().map(|i| i.minutes()).sum()
    }

    /// Whether every day is open from `00:00` to `24:00`, i.e. the schedule is 24x7.
    pub fn is_always_open(&self) -> bool {
        self.weekly_minutes() == 7 * 24 * 60
    }
}

/// Sorts one day's intervals and refuses reversed or overlapping ones.
fn check_day(day: Weekday, intervals: &mut [OpenInterval]) -> Result<(), CalendarError> {
    if let Some(bad) = intervals.iter().find(|i| i.from >= i.to) {
        return Err(CalendarError::ReversedInterval { day, from: bad.from, to: bad.to });
    }
    intervals.sort();
    for pair in intervals.windows(2) {
        if pair[1].from < pair[0].to {
            return Err(CalendarError::OverlappingIntervals {
                day,
                first_from: pair[0].from,
                first_to: pair[0].to,
                second_from: pair[1].from,
                second_to: pair[1].to,
            });
        }
    }
    Ok(())
}
