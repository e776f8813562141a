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

use chrono::{LocalResult, NaiveDate, TimeZone};
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
                let offset = chrono::Offset::fix(&zone.offset_from_utc_datetime(&naive));
                naive.and_utc() - chrono::Duration::seconds(i64::from(offset.local_minus_utc()))
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
