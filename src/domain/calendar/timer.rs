//! The pure core of an SLA timer: from a start, pauses, a target and "now"
//! to the figures a timer shows.
//!
//! A timer is never stored as a running counter: it is recomputed from the
//! ticket's history whenever it is looked at, so replaying or changing a
//! definition can never leave it wrong. This function is that computation.
//!
//! * **Due** (breach) time: the instant `target` of business time has been
//!   counted since `start`, not counting paused time. Each pause moves it
//!   later by the business time the pause covered; a pause over a night or a
//!   weekend moves it by nothing more than the business hours inside it.
//! * **Original due**: the same without pauses, kept so people see the effect.
//! * **Business elapsed**: business time from `start` to `now` outside pauses.
//! * **Wall elapsed**: real time from `start` to `now`, minus paused time.
//! * **Percent**: business elapsed / target, rounded half up to 2 decimals
//!   (ServiceNow's worked example: 1 h 30 of 8 h is 18.75 %).
//! * **Breached**: `now` is past the due time; a target met exactly at the
//!   due time is on time.
//!
//! Speed: the due time and the instants warning thresholds are reached are
//! found in one walk ([`Reach`]): each amount continues from where the
//! previous one was reached instead of counting again from the start.

use chrono::TimeDelta;

use super::BusinessCalendar;
use super::walk::{MAX_MINUTES, Nanos, delta_nanos, from_nanos, split, to_nanos};
use crate::domain::ids::Timestamp;

/// What an SLA timer shows at a given moment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimerFigures {
    /// When the target must be met, pauses included: the breach time.
    pub due: Timestamp,
    /// When the target would have been due with no pause at all.
    pub original_due: Timestamp,
    /// Whole minutes of business time counted so far (paused time excluded).
    pub business_elapsed_minutes: u64,
    /// Whole minutes of real time since the start, paused time excluded.
    pub wall_elapsed_minutes: u64,
    /// Business elapsed as a percentage of the target, 2 decimals (100 = target reached).
    pub percent: f64,
    /// The due time, once `now` is past it: the moment the SLA was breached.
    pub breached_at: Option<Timestamp>,
}

/// Nanoseconds in a minute.
const MINUTE: Nanos = 60_000_000_000;

/// Measures an SLA timer at `now`.
///
/// `pauses` are `[from, to)` spans during which the timer stood still (the
/// ticket was On Hold, for instance); they may come in any order and overlap,
/// and parts before `start` are ignored, as are empty or reversed spans. A
/// pause still running is passed with `to` = `now`. A target of 0 minutes is
/// due at `start` and shows 100 %. Targets above 1,000 years count as 1,000 years.
pub fn measure(
    calendar: &BusinessCalendar,
    start: Timestamp,
    pauses: &[(Timestamp, Timestamp)],
    target_minutes: u64,
    now: Timestamp,
) -> TimerFigures {
    measure_with_thresholds(calendar, start, pauses, target_minutes, now, &[]).0
}

/// [`measure`], and the instants at which the warning thresholds (percent
/// of the target) were reached by `now`, in the order given: a threshold counts once
/// the rounded percentage shows it (to 0.01) and its instant has come.
pub(crate) fn measure_with_thresholds(
    calendar: &BusinessCalendar,
    start: Timestamp,
    pauses: &[(Timestamp, Timestamp)],
    target_minutes: u64,
    now: Timestamp,
    thresholds: &[u16],
) -> (TimerFigures, Vec<(u16, Timestamp)>) {
    let (start_n, now_n) = (to_nanos(start), to_nanos(now));
    let pauses = tidy_pauses(pauses, start_n);
    let target = Nanos::from(i64::try_from(target_minutes).unwrap_or(MAX_MINUTES).min(MAX_MINUTES)) * MINUTE;

    let mut business = calendar.between_nanos(start_n, now_n);
    let mut wall = (now_n - start_n).max(0);
    for &(from, to) in &pauses {
        let to = to.min(now_n);
        if from < to {
            business -= calendar.between_nanos(from, to);
            wall -= to - from;
        }
    }
    let business_seconds = split(business.max(0)).0;
    let target_seconds = split(target).0;
    let percent = percent(business_seconds, target_seconds);

    // Thresholds the percentage shows, then the target, in ascending order of amount.
    // `percent` is rounded to 2 decimals, so a threshold a hair above it may
    // still be reached; the instant decides.
    let shown = thresholds.iter().enumerate().filter(|&(_, &p)| percent + 0.01 >= f64::from(p));
    let mut amounts: Vec<(Option<usize>, Nanos)> =
        shown.map(|(i, &p)| (Some(i), threshold_amount(target_seconds, p))).collect();
    amounts.push((None, target));
    amounts.sort_by_key(|&(_, amount)| amount);
    let mut reach = Reach::new(calendar, start_n, &pauses);
    let mut due = start_n;
    let mut crossed_at = Vec::with_capacity(amounts.len() - 1);
    for (threshold, amount) in amounts {
        let at = reach.reach(amount);
        match threshold {
            None => due = at,
            Some(i) if at <= now_n => crossed_at.push((i, at)),
            Some(_) => {}
        }
    }
    crossed_at.sort_by_key(|&(i, _)| i);
    // Converting back to `chrono` costs more than the arithmetic: do it once per distinct instant.
    let due_instant = from_nanos(due);
    let instant = |at: Nanos| if at == due { due_instant } else { from_nanos(at) };
    let crossed = crossed_at.into_iter().map(|(i, at)| (thresholds[i], instant(at))).collect();
    let original_due = if pauses.is_empty() { due_instant } else { instant(calendar.add_nanos(start_n, target)) };
    let figures = TimerFigures {
        due: due_instant,
        original_due,
        business_elapsed_minutes: u64::try_from(business_seconds / 60).unwrap_or(0),
        wall_elapsed_minutes: u64::try_from(split(wall).0 / 60).unwrap_or(0),
        percent,
        breached_at: (now_n > due).then_some(due_instant),
    };
    (figures, crossed)
}

/// `p` % of a target of `target_seconds`, in whole seconds, as nanoseconds.
fn threshold_amount(target_seconds: i64, p: u16) -> Nanos {
    Nanos::from(target_seconds.saturating_mul(i64::from(p)) / 100) * 1_000_000_000
}

/// The instant `amount` of business time has been counted since `start`,
/// paused spans not counted: when a warning threshold (say 75 % of the
/// target) is reached. With the whole target as `amount` this is the due time
/// [`measure`] gives. Pauses are read as in [`measure`].
pub fn reached_at(
    calendar: &BusinessCalendar,
    start: Timestamp,
    pauses: &[(Timestamp, Timestamp)],
    amount: TimeDelta,
) -> Timestamp {
    let start_n = to_nanos(start);
    let pauses = tidy_pauses(pauses, start_n);
    let amount = delta_nanos(amount).clamp(0, Nanos::from(MAX_MINUTES) * MINUTE);
    from_nanos(Reach::new(calendar, start_n, &pauses).reach(amount))
}

/// Counts business time from a start, around pauses, to the instants given
/// amounts are reached. Amounts must come in ascending order: each walk
/// continues from where the previous amount was reached.
struct Reach<'a> {
    calendar: &'a BusinessCalendar,
    /// Tidy pauses not yet passed.
    pauses: &'a [(Nanos, Nanos)],
    /// Where counting continues.
    cursor: Nanos,
    /// Business time counted up to `cursor`.
    used: Nanos,
    /// Business time from `cursor` to the next pause, once measured.
    available: Option<Nanos>,
}

impl<'a> Reach<'a> {
    fn new(calendar: &'a BusinessCalendar, start: Nanos, pauses: &'a [(Nanos, Nanos)]) -> Self {
        Self { calendar, pauses, cursor: start, used: 0, available: None }
    }

    /// The first instant at which `amount` has been counted (business time
    /// used up to each pause, then the rest after it).
    fn reach(&mut self, amount: Nanos) -> Nanos {
        loop {
            let remaining = amount - self.used;
            let Some(&(from, to)) = self.pauses.first() else {
                return self.advance(remaining, None);
            };
            let available = *self.available.get_or_insert_with(|| self.calendar.between_nanos(self.cursor, from));
            if available >= remaining {
                return self.advance(remaining, Some(available));
            }
            self.used += available;
            self.cursor = to;
            self.pauses = &self.pauses[1..];
            self.available = None;
        }
    }

    /// Counts `remaining` more from the cursor, before the next pause.
    fn advance(&mut self, remaining: Nanos, available: Option<Nanos>) -> Nanos {
        let remaining = remaining.max(0);
        self.cursor = self.calendar.add_nanos(self.cursor, remaining);
        self.used += remaining;
        self.available = available.map(|a| a - remaining);
        self.cursor
    }
}

/// Sorted, merged pauses in nanoseconds, none before `start` and none empty.
fn tidy_pauses(pauses: &[(Timestamp, Timestamp)], start: Nanos) -> Vec<(Nanos, Nanos)> {
    let mut tidy: Vec<(Nanos, Nanos)> =
        pauses.iter().map(|&(from, to)| (to_nanos(from).max(start), to_nanos(to))).filter(|&(from, to)| from < to).collect();
    if !tidy.is_sorted() {
        tidy.sort_unstable();
    }
    // Merge in place: `kept` spans are final, the rest are still to look at.
    let mut kept = 0;
    for i in 0..tidy.len() {
        let (from, to) = tidy[i];
        if kept > 0 && from <= tidy[kept - 1].1 {
            tidy[kept - 1].1 = tidy[kept - 1].1.max(to);
        } else {
            tidy[kept] = (from, to);
            kept += 1;
        }
    }
    tidy.truncate(kept);
    tidy
}

/// The target of `target_minutes` as [`measure`] counts it (at most 1,000 years).
pub(crate) fn capped_target(target_minutes: u64) -> TimeDelta {
    TimeDelta::minutes(i64::try_from(target_minutes).unwrap_or(MAX_MINUTES).min(MAX_MINUTES))
}

/// `part / whole` as a percentage rounded half up to 2 decimals; 100 when `whole` is 0.
pub(crate) fn percent(part_seconds: i64, whole_seconds: i64) -> f64 {
    if whole_seconds <= 0 {
        return 100.0;
    }
    let (part, whole) = (i128::from(part_seconds), i128::from(whole_seconds));
    let hundredths = (part * 20_000 + whole) / (2 * whole);
    hundredths as f64 / 100.0
}
