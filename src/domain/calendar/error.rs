//! Why a business calendar was refused, in words a student understands.
//!
//! A calendar is checked once, when it is built or loaded; after that every
//! timer can trust it. Each error names the day or the text that is wrong and
//! how to write it instead.

use chrono::Weekday;
use thiserror::Error;

use super::schedule::LocalTime;

/// A business calendar that cannot be used, and why.
///
/// SLA timers count time only inside the calendar's opening hours, so a
/// calendar with a mistake in it would silently move every due time; the
/// calendar is refused instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The time zone name is not an IANA name ServiceLab has compiled in.
    #[error(
        "\"{zone}\" is not a time zone ServiceLab knows: use an IANA name such as Europe/London, America/New_York or UTC"
    )]
    UnknownZone {
        /// The name as it was given.
        zone: String,
    },

    /// A time of day that is not `HH:MM` between `00:00` and `24:00`.
    #[error("\"{text}\" is not a time of day: write HH:MM from 00:00 to 23:59, or 24:00 for the end of the day")]
    BadTime {
        /// The text as it was given.
        text: String,
    },

    /// An interval whose end is not after its start (`17:00`-`09:00`, or `24:00` as a start).
    #[error(
        "{day}: the interval {from}-{to} does not end after it starts; write the earlier time first (an interval may not cross midnight: split it in two days)"
    )]
    ReversedInterval {
        /// The day of the week the interval belongs to.
        day: Weekday,
        /// The interval's opening time.
        from: LocalTime,
        /// The interval's closing time.
        to: LocalTime,
    },

    /// Two intervals of the same day share some minutes.
    #[error(
        "{day}: the intervals {first_from}-{first_to} and {second_from}-{second_to} overlap; a lunch break is a gap between two intervals that do not overlap"
    )]
    OverlappingIntervals {
        /// The day of the week the intervals belong to.
        day: Weekday,
        /// Opening time of the earlier interval.
        first_from: LocalTime,
        /// Closing time of the earlier interval.
        first_to: LocalTime,
        /// Opening time of the later interval.
        second_from: LocalTime,
        /// Closing time of the later interval.
        second_to: LocalTime,
    },

    /// A holiday that is neither `YYYY-MM-DD` nor `MM-DD`.
    #[error(
        "\"{text}\" is not a holiday date: write YYYY-MM-DD for a single day (2026-12-25) or MM-DD for the same day every year (12-25)"
    )]
    BadHoliday {
        /// The text as it was given.
        text: String,
    },

    /// A weekly schedule that is neither a list of days nor the word `24x7`.
    #[error("\"{text}\" is not a weekly schedule: give days with intervals, or \"24x7\"")]
    BadWeek {
        /// The text as it was given.
        text: String,
    },

    /// The calendar is never open, so no SLA target could ever be met.
    #[error(
        "This calendar is never open: give at least one interval on at least one day that is not a holiday every year, or use a 24x7 calendar"
    )]
    NoOpenTime,

    /// Holidays were given for a calendar that is open around the clock.
    #[error(
        "A 24x7 calendar is always open, so it cannot have holidays; write a weekly schedule with 00:00-24:00 on every day instead"
    )]
    HolidaysOnAlwaysOpen,
}
