//! Explaining a span of time: which parts counted towards an SLA and why the
//! others did not.
//!
//! "Why is this incident due on Monday at 12:00?" The answer is a list of
//! stretches: counted business time, then the night, the weekend, a holiday,
//! a lunch break... each skipped stretch with its reason. The stretches of a
//! span follow each other with no gap and no overlap, and their counted part
//! adds up to exactly the business time the timer used.

use chrono::{NaiveDate, TimeDelta};

use super::BusinessCalendar;
use super::zone::{DayClock, local_date};
use crate::domain::ids::Timestamp;

/// Why a stretch of time did not count towards an SLA.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// Before opening or after closing on a working day (the night).
    OutsideHours,
    /// A day of the week with no opening hours at all, such as Saturday.
    Weekend,
    /// A holiday closed the whole local day.
    Holiday {
        /// The local date that was closed.
        date: NaiveDate,
        /// The holiday's name, or its date as written (`12-25`) when it has none.
        label: String,
    },
    /// A gap between two opening intervals of the same day, such as lunch.
    LunchBreak,
}

impl SkipReason {
    /// A short phrase for an explanation shown to a student.
    pub fn describe(&self) -> String {
        match self {
            Self::OutsideHours => "outside opening hours".to_string(),
            Self::Weekend => "closed all day (weekend)".to_string(),
            Self::Holiday { date, label } => format!("holiday on {date}: {label}"),
            Self::LunchBreak => "break between two opening intervals (lunch)".to_string(),
        }
    }
}

/// Whether a stretch counted towards the SLA, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StretchKind {
    /// Business time: the SLA clock ran.
    Counted,
    /// The calendar was closed: the SLA clock stood still.
    Skipped(SkipReason),
}

/// A piece of a span, `from` (included) to `to` (excluded), all of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Stretch {
    /// Where the stretch starts (UTC).
    pub from: Timestamp,
    /// Where the stretch ends (UTC), where the next one starts.
    pub to: Timestamp,
    /// Counted, or skipped with a reason.
    pub kind: StretchKind,
}

impl Stretch {
    /// How long the stretch lasts in real time.
    pub fn duration(&self) -> TimeDelta {
        self.to - self.from
    }

    /// Whether the SLA clock ran during the stretch.
    pub fn is_counted(&self) -> bool {
        self.kind == StretchKind::Counted
    }
}

impl BusinessCalendar {
    /// Splits `from`..`to` into counted and skipped stretches, in order.
    ///
    /// Neighbours of the same kind are joined (Friday evening and Monday
    /// morning stay apart because the weekend lies between them; two nights
    /// never touch). Empty when `to` is not after `from`.
    pub fn stretches(&self, from: Timestamp, to: Timestamp) -> Vec<Stretch> {
        let mut out: Vec<Stretch> = Vec::new();
        if to <= from {
            return out;
        }
        let mut push = |start: Timestamp, end: Timestamp, kind: StretchKind| {
            let (start, end) = (start.max(from), end.min(to));
            if start >= end {
                return;
            }
            match out.last_mut() {
                Some(last) if last.to == start && last.kind == kind => last.to = end,
                _ => out.push(Stretch { from: start, to: end, kind }),
            }
        };
        let mut day = DayClock::new(self.zone(), local_date(self.zone(), from));
        while day.start() < to {
            let (date, day_start, day_end) = (day.date(), day.start(), day.end());
            if let Some(holiday) = self.holiday_on(date) {
                let reason = SkipReason::Holiday { date, label: holiday.label() };
                push(day_start, day_end, StretchKind::Skipped(reason));
            } else if self.intervals_on(date).is_empty() {
                push(day_start, day_end, StretchKind::Skipped(SkipReason::Weekend));
            } else {
                let mut cursor = day_start;
                for (position, interval) in self.intervals_on(date).iter().enumerate() {
                    let (open, close) = (day.instant(interval.from), day.instant(interval.to));
                    let gap = if position == 0 { SkipReason::OutsideHours } else { SkipReason::LunchBreak };
                    push(cursor, open, StretchKind::Skipped(gap));
                    push(open, close, StretchKind::Counted);
                    cursor = cursor.max(close);
                }
                push(cursor, day_end, StretchKind::Skipped(SkipReason::OutsideHours));
            }
            if day_end <= day_start {
                break;
            }
            day = day.next();
        }
        out
    }
}
