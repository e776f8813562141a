//! Turning a local wall-clock time into a real instant, daylight saving included.
//!
//! Opening hours are written in local time, but timers count real (UTC) time.
//! Twice a year the local clock jumps, and two kinds of local time need a rule:
//!
//! * **Times that never happen** (spring forward: in London on the last Sunday
//!   of March the clock goes from 00:59:59 to 02:00, so 01:30 does not exist).
//!   Such a time becomes the instant the clock jumps (01:00 UTC, shown as
//!   02:00): the desk opens as soon as the clock has passed its opening time.
//! * **Times that happen twice** (fall back: in October 01:30 is shown once
//!   in summer time and again, an hour later, in winter time). Such a time
//!   becomes its *first* occurrence.
//!
//! Both are one rule: a local time `T` is the first instant at which the wall
//! clock shows `T` or later. The rule is monotonic (a later local time is
//! never an earlier instant), so the days of a calendar tile real time with
//! no gap and no overlap, and an interval that falls wholly in a skipped hour
//! simply has no length that day.

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone};
use chrono_tz::{GapInfo, Tz};

use super::error::CalendarError;
use super::schedule::LocalTime;
use crate::domain::ids::Timestamp;

/// Finds a compiled-in IANA time zone by name ("Europe/London", "UTC").
pub fn parse_zone(name: &str) -> Result<Tz, CalendarError> {
    name.parse::<Tz>().map_err(|_| CalendarError::UnknownZone { zone: name.to_string() })
}

/// The first instant at which the wall clock in `zone` shows `time` on `date`, or later.
///
/// `24:00` is the next day's `00:00`. See the module documentation for the
/// daylight-saving rule.
pub fn local_instant(zone: Tz, date: NaiveDate, time: LocalTime) -> Timestamp {
    let minutes = time.minutes();
    let (date, minutes) = if minutes >= 24 * 60 { (date.succ_opt().unwrap_or(date), 0) } else { (date, minutes) };
    let naive = date.and_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0).unwrap_or_default();
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(instant) => instant.to_utc(),
        LocalResult::Ambiguous(first, second) => first.to_utc().min(second.to_utc()),
        LocalResult::None => match GapInfo::new(&naive, &zone).and_then(|gap| gap.end) {
            Some(after_gap) => after_gap.to_utc(),
            // Only past the end of the time zone data: read the time with the offset in force then.
            None => {
                let offset = zone.offset_from_utc_datetime(&naive).fix();
                naive.and_utc() - TimeDelta::seconds(i64::from(offset.local_minus_utc()))
            }
        },
    }
}

/// The local date shown by the calendar's wall clock at `instant`.
///
/// In a repeated (fall-back) hour just after midnight this can be the day
/// before the one whose tile (see [`local_instant`]) holds `instant`, never
/// the day after: walking days from here and clipping to `instant` is safe.
pub fn local_date(zone: Tz, instant: Timestamp) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// The offset from UTC in force at `instant`.
fn offset_at(zone: Tz, instant: Timestamp) -> FixedOffset {
    zone.offset_from_utc_datetime(&instant.naive_utc()).fix()
}

/// One local day as real time: where it starts and ends, and its local times
/// as instants, with a single time-zone lookup for a day whose UTC offset
/// holds from midnight to midnight (all but two days a year).
///
/// The time zone data never changes the offset and back within one day, so
/// the same offset at both midnights, 24 hours apart, means the same offset
/// all day; any other day falls back to [`local_instant`].
#[derive(Debug, Clone, Copy)]
pub struct DayClock {
    zone: Tz,
    date: NaiveDate,
    start: Timestamp,
    end: Timestamp,
    /// Whether the offset holds all day, so a local time is `start` plus its minutes.
    steady: bool,
    /// The offset in force at `end`.
    end_offset: FixedOffset,
}

impl DayClock {
    /// The local day `date` in `zone`.
    pub fn new(zone: Tz, date: NaiveDate) -> Self {
        let start = local_instant(zone, date, LocalTime::MIDNIGHT);
        Self::from_start(zone, date, start, offset_at(zone, start))
    }

    /// The day after this one.
    pub fn next(&self) -> Self {
        let date = self.date.succ_opt().unwrap_or(self.date);
        Self::from_start(self.zone, date, self.end, self.end_offset)
    }

    fn from_start(zone: Tz, date: NaiveDate, start: Timestamp, offset: FixedOffset) -> Self {
        let guess = start + TimeDelta::days(1);
        let next_midnight = date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN).and_utc();
        let seconds = TimeDelta::seconds(i64::from(offset.local_minus_utc()));
        if next_midnight - seconds == guess && offset_at(zone, guess) == offset {
            return Self { zone, date, start, end: guess, steady: true, end_offset: offset };
        }
        let end = local_instant(zone, date, LocalTime::END_OF_DAY);
        Self { zone, date, start, end, steady: false, end_offset: offset_at(zone, end) }
    }

    /// The local date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The instant the day begins (its local midnight, by the rule of [`local_instant`]).
    pub fn start(&self) -> Timestamp {
        self.start
    }

    /// The instant the day ends, which is the next day's start.
    pub fn end(&self) -> Timestamp {
        self.end
    }

    /// The instant of a local time of this day, as [`local_instant`] gives it.
    pub fn instant(&self, time: LocalTime) -> Timestamp {
        if time == LocalTime::END_OF_DAY {
            self.end
        } else if self.steady {
            self.start + TimeDelta::minutes(i64::from(time.minutes()))
        } else {
            local_instant(self.zone, self.date, time)
        }
    }
}
