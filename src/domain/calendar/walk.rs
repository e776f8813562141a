//! Business-time arithmetic: adding business time, measuring it, finding the
//! next open instant.
//!
//! Design: real time is cut into local days (each day is the span from its
//! local midnight to the next, see [`local_instant`]); inside a day the
//! open intervals become UTC periods. The arithmetic walks these periods one
//! by one, never minute by minute. For long spans it first tries to jump a
//! whole week at once: a week with no holiday and no change of UTC offset
//! holds exactly [`weekly_minutes`](super::WeeklySchedule::weekly_minutes) of business time, so it is
//! counted without being walked. The time zone data never changes the offset
//! and back within one day, so comparing the offset at each local midnight of
//! the week is enough to know it stayed the same.
//!
//! Conventions (they match the worked cases in `tests/fixtures/sla-vectors.json`):
//! adding business time returns the *first* instant at which that much has
//! been counted, so a target met exactly at closing time is due at closing
//! time, and counting from outside opening hours starts at the next opening.

use chrono::{Days, NaiveDate, Offset, TimeDelta};

use super::zone::{DayClock, local_date, local_instant};
use super::{BusinessCalendar, LocalTime};
use crate::domain::ids::Timestamp;

/// Spans longer than this are measured with whole-week jumps.
const LONG_SPAN: TimeDelta = TimeDelta::days(8);

/// The largest amount of business time added: 1,000 years, far beyond any SLA target.
pub(super) const MAX_MINUTES: i64 = 1000 * 366 * 24 * 60;

impl BusinessCalendar {
    /// The instant `minutes` of business time after `start`: an SLA's due time.
    ///
    /// Opened outside opening hours, the count starts at the next opening; a
    /// target reached exactly at closing time is due at closing time, not the
    /// next morning. Zero minutes is due at `start` itself. Amounts above
    /// 1,000 years are treated as 1,000 years.
    pub fn add_business_minutes(&self, start: Timestamp, minutes: u64) -> Timestamp {
        let minutes = i64::try_from(minutes).unwrap_or(MAX_MINUTES).min(MAX_MINUTES);
        self.add_business_time(start, TimeDelta::minutes(minutes))
    }

    /// Whole minutes of business time between `from` and `to` (0 when `to` is not after `from`).
    pub fn business_minutes_between(&self, from: Timestamp, to: Timestamp) -> u64 {
        u64::try_from(self.business_time_between(from, to).num_minutes()).unwrap_or(0)
    }

    /// The first instant at or after `at` when the calendar is open: when the
    /// clock of a ticket logged at `at` really starts.
    pub fn next_business_instant(&self, at: Timestamp) -> Timestamp {
        if self.always_open {
            return at;
        }
        self.open_periods(at).next().map_or(at, |(start, _)| start)
    }

    /// Whether the calendar is open at `at` (an opening instant is open, a closing instant is not).
    pub fn is_open(&self, at: Timestamp) -> bool {
        self.next_business_instant(at) == at
    }

    /// Like [`add_business_minutes`](Self::add_business_minutes), to the nanosecond.
    /// A zero or negative amount returns `start`; amounts above 1,000 years are capped.
    pub fn add_business_time(&self, start: Timestamp, amount: TimeDelta) -> Timestamp {
        if amount <= TimeDelta::zero() {
            return start;
        }
        let amount = amount.min(TimeDelta::minutes(MAX_MINUTES));
        if self.always_open {
            return start + amount;
        }
        let week = TimeDelta::seconds(self.week_seconds);
        let (mut cursor, mut remaining) = (start, amount);
        if remaining > week {
            // Walk to the next local midnight, then jump week by week while the target lies beyond.
            let (mut date, midnight) = self.first_midnight_after(start);
            let used = self.walk_between(start, midnight);
            if used < remaining {
                (cursor, remaining) = (midnight, remaining - used);
                while remaining > week {
                    let week_end = self.midnight(date + Days::new(7));
                    let counted = if self.is_plain_week(date) { week } else { self.walk_between(cursor, week_end) };
                    if counted >= remaining {
                        break;
                    }
                    (cursor, remaining, date) = (week_end, remaining - counted, date + Days::new(7));
                }
            }
        }
        for (open, close) in self.open_periods(cursor) {
            let length = close - open;
            if remaining <= length {
                return open + remaining;
            }
            remaining -= length;
        }
        unreachable!("a valid calendar opens again")
    }

    /// Business time between `from` and `to`, to the nanosecond (zero when `to` is not after `from`).
    pub fn business_time_between(&self, from: Timestamp, to: Timestamp) -> TimeDelta {
        if to <= from {
            return TimeDelta::zero();
        }
        if self.always_open {
            return to - from;
        }
        if to - from <= LONG_SPAN {
            return self.walk_between(from, to);
        }
        let (mut date, mut cursor) = self.first_midnight_after(from);
        let mut total = self.walk_between(from, cursor.min(to));
        while cursor < to {
            let week_end = self.midnight(date + Days::new(7));
            if week_end > to {
                return total + self.walk_between(cursor, to);
            }
            total += if self.is_plain_week(date) {
                TimeDelta::seconds(self.week_seconds)
            } else {
                self.walk_between(cursor, week_end)
            };
            (cursor, date) = (week_end, date + Days::new(7));
        }
        total
    }

    /// Business time between two instants, walking period by period.
    fn walk_between(&self, from: Timestamp, to: Timestamp) -> TimeDelta {
        let mut total = TimeDelta::zero();
        for (open, close) in self.open_periods(from) {
            if open >= to {
                break;
            }
            total += close.min(to) - open;
        }
        total
    }

    /// The instant a local date begins (its `00:00`, or the first instant after it).
    pub(super) fn midnight(&self, date: NaiveDate) -> Timestamp {
        local_instant(self.zone(), date, LocalTime::MIDNIGHT)
    }

    /// The first local date that begins strictly after `at`, and that beginning.
    fn first_midnight_after(&self, at: Timestamp) -> (NaiveDate, Timestamp) {
        let mut date = next_day(local_date(self.zone(), at));
        let mut midnight = self.midnight(date);
        // Only after a fall-back at midnight can the next date begin at or before `at`.
        while midnight <= at {
            date = next_day(date);
            midnight = self.midnight(date);
        }
        (date, midnight)
    }

    /// Whether the 7 local days from `first` hold exactly the schedule's weekly
    /// business time: no holiday, and the same UTC offset all week.
    fn is_plain_week(&self, first: NaiveDate) -> bool {
        let last = first + Days::new(6);
        if self.index.any_between(first, last) {
            return false;
        }
        let start = self.midnight(first);
        if self.midnight(first + Days::new(7)) - start != TimeDelta::days(7) {
            return false;
        }
        let offset_at = |instant: Timestamp| instant.with_timezone(&self.zone()).offset().fix();
        let first_offset = offset_at(start);
        (1..=7).all(|day| offset_at(start + TimeDelta::days(day)) == first_offset)
    }

    /// The open periods from `from` on, in UTC, clipped to start no earlier than
    /// `from`; periods of touching intervals are not merged.
    pub(super) fn open_periods(&self, from: Timestamp) -> OpenPeriods<'_> {
        OpenPeriods { calendar: self, from, day: DayClock::new(self.zone(), local_date(self.zone(), from)), next: 0 }
    }
}

/// The day after `date` (dates end in the year 262143, far past any SLA).
fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// Iterator over the calendar's open periods `[open, close)` in UTC, endless.
pub(super) struct OpenPeriods<'a> {
    calendar: &'a BusinessCalendar,
    from: Timestamp,
    day: DayClock,
    /// Position of the next interval within the day's intervals.
    next: usize,
}

impl Iterator for OpenPeriods<'_> {
    type Item = (Timestamp, Timestamp);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let intervals = self.calendar.intervals_on(self.day.date());
            let Some(interval) = intervals.get(self.next) else {
                (self.day, self.next) = (self.day.next(), 0);
                continue;
            };
            self.next += 1;
            let close = self.day.instant(interval.to);
            if close <= self.from {
                continue;
            }
            let open = self.day.instant(interval.from).max(self.from);
            if open < close {
                return Some((open, close));
            }
        }
    }
}
