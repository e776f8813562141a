//! A time zone's UTC offsets as a table of whole seconds, so the business-time
//! arithmetic converts between local and real time with integer sums instead
//! of asking the time zone database on every step.
//!
//! Why: a timer engine replaying 200,000 SLA timers walks millions of local
//! days, and each `chrono-tz` lookup (a binary search over the zone's
//! history, plus date conversions) cost more than the rest of the walk. The
//! offsets of a zone only change a few times a year, so they are read once,
//! for 1970 to 2100, into a sorted list of changes; inside that range a
//! conversion is a lookup near the previous one. Outside it (a clock set to
//! the year 1950 or 2300) the functions here ask `chrono-tz` directly, as
//! [`super::zone`] does, so results never depend on the range.
//!
//! The table is built by reading the offset at every UTC midnight and, where
//! two days differ, bisecting to the second the offset changed. That relies
//! on the rule [`super::zone::DayClock`] relies on too: the time zone data
//! never changes the offset and back within one day. Tables are shared by
//! every calendar of the same zone and kept for the life of the program; they
//! are a memo of the compiled-in time zone data, so keeping them changes no
//! result.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, LocalResult, Offset, TimeZone};
use chrono_tz::{GapInfo, Tz};

/// Seconds in a day.
pub(super) const DAY: i64 = 86_400;

/// 1970-01-01T00:00:00Z, where the table starts.
const TABLE_START: i64 = 0;
/// 2101-01-01T00:00:00Z, where it ends.
const TABLE_END: i64 = 4_133_980_800;

/// The UTC offsets of one zone from [`TABLE_START`] to [`TABLE_END`].
#[derive(Debug)]
pub(super) struct OffsetTable {
    zone: Tz,
    /// UTC second at which each offset comes into force; `starts[0]` is [`TABLE_START`].
    starts: Vec<i64>,
    /// Seconds east of UTC, in force from `starts[i]` to `starts[i + 1]` (or [`TABLE_END`]).
    offsets: Vec<i64>,
    /// The span of the latest lookup, where the next one most likely falls
    /// (timers of one workspace sit in a few recent months). Only a hint:
    /// every use checks it, so threads racing on it change no result.
    recent: AtomicUsize,
}

/// Tables built so far, one per zone.
static TABLES: Mutex<Vec<Arc<OffsetTable>>> = Mutex::new(Vec::new());

impl OffsetTable {
    /// The table of `zone`, built on first use and shared afterwards.
    pub(super) fn of(zone: Tz) -> Arc<OffsetTable> {
        let mut tables = TABLES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(table) = tables.iter().find(|t| t.zone == zone) {
            return Arc::clone(table);
        }
        let table = Arc::new(Self::build(zone));
        tables.push(Arc::clone(&table));
        table
    }

    fn build(zone: Tz) -> Self {
        let probe = |second: i64| probe_offset(zone, second);
        let mut table = Self { zone, starts: vec![TABLE_START], offsets: vec![probe(TABLE_START)], recent: AtomicUsize::new(0) };
        let mut last = table.offsets[0];
        let mut day = TABLE_START;
        while day < TABLE_END {
            let next = (day + DAY).min(TABLE_END - 1);
            let offset = probe(next);
            if offset != last {
                // probe(lo) == last and probe(hi) == offset: find the first second of the new offset.
                let (mut lo, mut hi) = (day, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if probe(mid) == last { lo = mid } else { hi = mid }
                }
                table.starts.push(hi);
                table.offsets.push(offset);
                last = offset;
            }
            day += DAY;
        }
        table
    }

    /// The offset in force at UTC second `second`.
    pub(super) fn offset_at(&self, second: i64) -> i64 {
        if !(TABLE_START..TABLE_END).contains(&second) {
            return probe_offset(self.zone, second);
        }
        let recent = self.recent();
        if self.starts[recent] <= second && second < self.end_of(recent) {
            return self.offsets[recent];
        }
        let index = self.starts.partition_point(|&s| s <= second) - 1;
        self.recent.store(index, Ordering::Relaxed);
        self.offsets[index]
    }

    /// The span of the latest lookup: a good first guess for the next.
    pub(super) fn recent(&self) -> usize {
        self.recent.load(Ordering::Relaxed).min(self.starts.len() - 1)
    }

    /// The local day (days since 1970-01-01 on the zone's wall clock) shown at UTC second `second`.
    pub(super) fn local_day(&self, second: i64) -> i64 {
        (second + self.offset_at(second)).div_euclid(DAY)
    }

    /// The first UTC second at which the wall clock shows `local` (seconds since
    /// 1970-01-01 00:00 local) or later: a time skipped by a clock change
    /// becomes the instant of the change, a repeated time its first occurrence
    /// (see [`super::zone`]). `hint` is a position in the table near the
    /// answer (the previous answer's, during a walk) and is updated.
    pub(super) fn to_utc(&self, local: i64, hint: &mut usize) -> i64 {
        if !(TABLE_START + 2 * DAY..TABLE_END - 2 * DAY).contains(&local) {
            return chrono_to_utc(self.zone, local);
        }
        // The first span whose wall clock reaches past `local`; spans are
        // days apart and offsets under a day, so the test is monotonic.
        let reaches = |i: usize| self.end_of(i) + self.offsets[i] > local;
        let here = (*hint).min(self.starts.len() - 1);
        let index = if reaches(here) && (here == 0 || !reaches(here - 1)) {
            here
        } else if here + 1 < self.starts.len() && reaches(here + 1) && !reaches(here) {
            here + 1
        } else {
            let (mut lo, mut hi) = (0, self.starts.len() - 1);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if reaches(mid) { hi = mid } else { lo = mid + 1 }
            }
            lo
        };
        *hint = index;
        (local - self.offsets[index]).max(self.starts[index])
    }

    /// Whether the offset stays the same from UTC second `from` to `to` (both
    /// included). Outside the table this says no, which only costs speed: the
    /// caller then walks the span day by day.
    pub(super) fn steady(&self, from: i64, to: i64) -> bool {
        if from < TABLE_START || to >= TABLE_END {
            return false;
        }
        let first = self.starts.partition_point(|&s| s <= from);
        self.starts.get(first).is_none_or(|&change| change > to)
    }

    /// Where span `i` ends.
    fn end_of(&self, i: usize) -> i64 {
        self.starts.get(i + 1).copied().unwrap_or(TABLE_END)
    }
}

/// The offset `chrono-tz` gives at UTC second `second`.
fn probe_offset(zone: Tz, second: i64) -> i64 {
    let naive = DateTime::from_timestamp(second, 0).unwrap_or_default().naive_utc();
    i64::from(zone.offset_from_utc_datetime(&naive).fix().local_minus_utc())
}

/// [`OffsetTable::to_utc`] by asking `chrono-tz`, for local times outside the table.
fn chrono_to_utc(zone: Tz, local: i64) -> i64 {
    let naive = DateTime::from_timestamp(local, 0).unwrap_or_default().naive_utc();
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(instant) => instant.timestamp(),
        LocalResult::Ambiguous(first, second) => first.timestamp().min(second.timestamp()),
        LocalResult::None => match GapInfo::new(&naive, &zone).and_then(|gap| gap.end) {
            Some(after_gap) => after_gap.timestamp(),
            None => local - probe_offset(zone, local),
        },
    }
}
