//! What an SLA timer shows: its stage, its pauses, elapsed time, due time,
//! and when each warning threshold was crossed.
//!
//! A [`Timer`] is an answer, not a record: it is computed from the ticket's
//! history at a given "now" and thrown away. Nothing here is stored.

use serde::{Deserialize, Serialize};

use super::definition::{SlaDefinition, SlaId};
use super::run::Run;
use crate::domain::calendar::BusinessCalendar;
use crate::domain::calendar::timer::measure_with_thresholds;
use crate::domain::ids::Timestamp;
use crate::domain::incident::{HoldReason, IncidentState};

/// Where a timer stands (ServiceNow's "stage").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// The clock is running and the due time has not passed.
    InProgress,
    /// The clock stands still (the ticket is On Hold, say) and the due time has not passed.
    Paused,
    /// The target was met on time.
    Achieved,
    /// The due time passed before the target was met; the timer may still be
    /// running (or paused), or the target was met late.
    Breached,
    /// The timer no longer applies: the ticket was cancelled, or it stopped
    /// matching the definition's conditions. Reports leave it out of compliance.
    Cancelled,
}

impl Stage {
    /// The stage's name as a timer list shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::InProgress => "In progress",
            Self::Paused => "Paused",
            Self::Achieved => "Achieved",
            Self::Breached => "Breached",
            Self::Cancelled => "Cancelled",
        }
    }
}

/// A span during which the timer's clock stood still, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseSpan {
    /// When the clock stopped.
    pub from: Timestamp,
    /// When it started again; `None` while the pause goes on.
    pub to: Option<Timestamp>,
    /// The state that paused it (On Hold, or Resolved for a reopened ticket
    /// under [`super::ReopenPolicy::CountResolvedAsPause`]).
    pub state: IncidentState,
    /// Why the ticket was on hold, when it was.
    pub hold_reason: Option<HoldReason>,
    /// Real minutes the pause lasted (so far).
    pub wall_minutes: u64,
    /// Business minutes it covered: how far it moved the due time.
    pub business_minutes: u64,
}

/// A warning threshold the timer has reached, and the instant it did: what a
/// notification ("P2 incident at 75 % of its resolution target") is sent for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdCrossing {
    /// The threshold, in percent of the target.
    pub percent: u16,
    /// The instant business elapsed time reached it.
    pub at: Timestamp,
}

/// One SLA timer of one ticket, as it stands at a given moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timer {
    /// The definition it measures.
    pub definition: SlaId,
    /// Where it stands.
    pub stage: Stage,
    /// The cycle shown: 1, or more after reopens under [`super::ReopenPolicy::NewCycle`]
    /// or [`super::ReopenPolicy::Restart`].
    pub cycle: u32,
    /// Whether this cycle or any earlier one was breached (Jira's `everBreached()`);
    /// under [`super::ReopenPolicy::Restart`] only the current run counts.
    pub ever_breached: bool,
    /// When the ticket last started matching the definition's conditions, or
    /// when [`super::ReopenPolicy::Restart`] last attached a fresh timer.
    pub attached_at: Timestamp,
    /// When the clock of this cycle started.
    pub start: Timestamp,
    /// Every pause of this cycle, oldest first.
    pub pauses: Vec<PauseSpan>,
    /// Business minutes counted (only inside the calendar, pauses excluded).
    pub business_elapsed_minutes: u64,
    /// Real minutes since the start, pauses excluded.
    pub wall_elapsed_minutes: u64,
    /// Business elapsed as a percentage of the target, 2 decimals.
    pub percent: f64,
    /// Business minutes left before the breach; negative once breached.
    pub time_left_minutes: i64,
    /// When the target must be met, moved later by each pause.
    pub due: Timestamp,
    /// When it was due before any pause.
    pub original_due: Timestamp,
    /// When it was breached (the due time), once that has happened.
    pub breached_at: Option<Timestamp>,
    /// When the target was met (on time or late), while it stays met.
    pub achieved_at: Option<Timestamp>,
    /// When it was cancelled.
    pub cancelled_at: Option<Timestamp>,
    /// The warning thresholds reached so far, in ascending order.
    pub thresholds: Vec<ThresholdCrossing>,
}

/// Reads the figures of `run` at `now`. `detached_at` is set when the ticket
/// stopped matching the definition: the timer is cancelled at that instant.
pub(super) fn read(
    definition: &SlaDefinition,
    calendar: &BusinessCalendar,
    run: &Run,
    attached_at: Timestamp,
    now: Timestamp,
    detached_at: Option<Timestamp>,
) -> Timer {
    let stopped_at = run.stopped.map(|(at, _)| at);
    let cancelled_at = run.cancelled_at.or(detached_at);
    let end = cancelled_at.or(stopped_at).unwrap_or(now).min(now);
    let spans = run.pause_spans(end);
    let (figures, crossed) =
        measure_with_thresholds(calendar, run.start, &spans, definition.target_minutes, end, &definition.thresholds);
    let open_pause = run.is_live() && detached_at.is_none() && run.pauses.last().is_some_and(|p| p.to.is_none());
    let stage = match (cancelled_at, stopped_at, figures.breached_at) {
        (Some(_), _, _) => Stage::Cancelled,
        (None, _, Some(_)) => Stage::Breached,
        (None, Some(_), None) => Stage::Achieved,
        (None, None, None) if open_pause => Stage::Paused,
        (None, None, None) => Stage::InProgress,
    };
    let pauses = run
        .pauses
        .iter()
        .filter(|p| p.from < end || (p.from == end && open_pause))
        .map(|p| {
            let to = p.to.unwrap_or(end).min(end);
            PauseSpan {
                from: p.from,
                to: if p.to.is_none() && open_pause { None } else { Some(to) },
                state: p.state,
                hold_reason: p.hold_reason,
                wall_minutes: u64::try_from((to - p.from).num_minutes()).unwrap_or(0),
                business_minutes: calendar.business_minutes_between(p.from, to),
            }
        })
        .collect();
    let thresholds = crossed.into_iter().map(|(percent, at)| ThresholdCrossing { percent, at }).collect();
    let target = i64::try_from(definition.target_minutes).unwrap_or(i64::MAX);
    Timer {
        definition: definition.id,
        stage,
        cycle: run.cycle,
        ever_breached: run.earlier_breach || figures.breached_at.is_some(),
        attached_at: run.restarted_at.map_or(attached_at, |restart| restart.max(attached_at)),
        start: run.start,
        pauses,
        business_elapsed_minutes: figures.business_elapsed_minutes,
        wall_elapsed_minutes: figures.wall_elapsed_minutes,
        percent: figures.percent,
        time_left_minutes: target.saturating_sub(i64::try_from(figures.business_elapsed_minutes).unwrap_or(i64::MAX)),
        due: figures.due,
        original_due: figures.original_due,
        breached_at: figures.breached_at,
        achieved_at: stopped_at.filter(|_| cancelled_at.is_none()),
        cancelled_at,
        thresholds,
    }
}
