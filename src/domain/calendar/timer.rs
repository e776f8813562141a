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

use chrono::TimeDelta;

use super::BusinessCalendar;
use super::walk::MAX_MINUTES;
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
    let pauses = tidy_pauses(pauses, start);
    let target = TimeDelta::minutes(i64::try_from(target_minutes).unwrap_or(MAX_MINUTES).min(MAX_MINUTES));
    let original_due = calendar.add_business_time(start, target);
    let due = if pauses.is_empty() { original_due } else { due_with_pauses(calendar, start, &pauses, target) };

    let mut business = calendar.business_time_between(start, now);
    let mut wall = if now > start { now - start } else { TimeDelta::zero() };
    for &(from, to) in &pauses {
        let to = to.min(now);
        if from < to {
            business -= calendar.business_time_between(from, to);
            wall -= to - from;
        }
    }
    let business_seconds = business.num_seconds().max(0);
    TimerFigures {
        due,
        original_due,
        business_elapsed_minutes: u64::try_from(business_seconds / 60).unwrap_or(0),
        wall_elapsed_minutes: u64::try_from(wall.num_seconds().max(0) / 60).unwrap_or(0),
        percent: percent(business_seconds, target.num_seconds()),
        breached_at: (now > due).then_some(due),
    }
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
    let pauses = tidy_pauses(pauses, start);
    let amount = amount.clamp(TimeDelta::zero(), TimeDelta::minutes(MAX_MINUTES));
    due_with_pauses(calendar, start, &pauses, amount)
}

/// Business time used up to each pause, then the rest after it.
fn due_with_pauses(
    calendar: &BusinessCalendar,
    start: Timestamp,
    pauses: &[(Timestamp, Timestamp)],
    target: TimeDelta,
) -> Timestamp {
    let (mut cursor, mut remaining) = (start, target);
    for &(from, to) in pauses {
        let available = calendar.business_time_between(cursor, from);
        if available >= remaining {
            return calendar.add_business_time(cursor, remaining);
        }
        remaining -= available;
        cursor = to;
    }
    calendar.add_business_time(cursor, remaining)
}

/// Sorted, merged pauses, none before `start` and none empty.
fn tidy_pauses(pauses: &[(Timestamp, Timestamp)], start: Timestamp) -> Vec<(Timestamp, Timestamp)> {
    let mut tidy: Vec<(Timestamp, Timestamp)> =
        pauses.iter().map(|&(from, to)| (from.max(start), to)).filter(|&(from, to)| from < to).collect();
    tidy.sort();
    let mut merged: Vec<(Timestamp, Timestamp)> = Vec::with_capacity(tidy.len());
    for (from, to) in tidy {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// `part / whole` as a percentage rounded half up to 2 decimals; 100 when `whole` is 0.
fn percent(part_seconds: i64, whole_seconds: i64) -> f64 {
    if whole_seconds <= 0 {
        return 100.0;
    }
    let (part, whole) = (i128::from(part_seconds), i128::from(whole_seconds));
    let hundredths = (part * 20_000 + whole) / (2 * whole);
    hundredths as f64 / 100.0
}
