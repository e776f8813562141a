//! The clock of one timer as the ticket's state changes: running, paused,
//! stopped (target met), cancelled, and what a reopen does to it.
//!
//! This is the part that only looks at states. Whether the definition still
//! applies to the ticket (priority, service, group) is decided around it, in
//! `replay.rs`; the figures are read from it in `timer.rs`.

use super::definition::{ReopenPolicy, SlaDefinition};
use crate::domain::calendar::{BusinessCalendar, measure};
use crate::domain::ids::Timestamp;
use crate::domain::incident::{HoldReason, IncidentState};

/// A span during which the clock stood still, and the state that held it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawPause {
    pub from: Timestamp,
    /// `None` while the pause is still going on.
    pub to: Option<Timestamp>,
    pub state: IncidentState,
    pub hold_reason: Option<HoldReason>,
}

/// The clock of one timer, fed the ticket's state changes in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// 1 for the first cycle; [`ReopenPolicy::NewCycle`] and
    /// [`ReopenPolicy::Restart`] add one per reopen.
    pub cycle: u32,
    /// When the current cycle's clock started.
    pub start: Timestamp,
    /// Pauses of the current cycle, oldest first; only the last may be open.
    pub pauses: Vec<RawPause>,
    /// When and in which state the target was met, while it stays met.
    pub stopped: Option<(Timestamp, IncidentState)>,
    /// When a cancel state ended the timer for good.
    pub cancelled_at: Option<Timestamp>,
    /// Whether an earlier cycle ended past its due time.
    pub earlier_breach: bool,
    /// When [`ReopenPolicy::Restart`] last attached a fresh timer: the timer
    /// counts as attached from then on.
    pub restarted_at: Option<Timestamp>,
}

impl Run {
    /// A clock started at `start`, in the first cycle, running.
    pub fn new(start: Timestamp) -> Self {
        Self { cycle: 1, start, pauses: Vec::new(), stopped: None, cancelled_at: None, earlier_breach: false, restarted_at: None }
    }

    /// Whether the clock can still run: neither stopped nor cancelled.
    pub fn is_live(&self) -> bool {
        self.stopped.is_none() && self.cancelled_at.is_none()
    }

    /// The pauses as `[from, to)` spans, an open one ending at `end`.
    pub fn pause_spans(&self, end: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        self.pauses.iter().map(|p| (p.from, p.to.unwrap_or(end).min(end))).filter(|(from, to)| from < to).collect()
    }

    /// The ticket entered `state` (on hold for `reason`) at `at`.
    pub fn on_state(
        &mut self,
        definition: &SlaDefinition,
        calendar: &BusinessCalendar,
        at: Timestamp,
        state: IncidentState,
        reason: Option<HoldReason>,
    ) {
        if self.cancelled_at.is_some() {
            return;
        }
        let cancels = definition.cancel.states.contains(&state);
        if let Some((stopped_at, stopped_state)) = self.stopped {
            if cancels || definition.metric.is_stop_state(state) {
                return;
            }
            if !self.reopen(definition, calendar, at, stopped_at, stopped_state) {
                return;
            }
        }
        if cancels {
            self.close_pause(at);
            self.cancelled_at = Some(at);
        } else if definition.metric.is_stop_state(state) {
            self.close_pause(at);
            self.stopped = Some((at, state));
        } else if definition.pause.pauses(state, reason) {
            let same = self.pauses.last().is_some_and(|p| p.to.is_none() && p.state == state && p.hold_reason == reason);
            if !same {
                self.close_pause(at);
                self.pauses.push(RawPause { from: at, to: None, state, hold_reason: reason });
            }
        } else {
            self.close_pause(at);
        }
    }

    /// Applies the reopen policy to a clock stopped at `stopped_at`; false when
    /// the policy keeps it stopped.
    fn reopen(
        &mut self,
        definition: &SlaDefinition,
        calendar: &BusinessCalendar,
        at: Timestamp,
        stopped_at: Timestamp,
        stopped_state: IncidentState,
    ) -> bool {
        match definition.reopen {
            ReopenPolicy::KeepFirstClose => return false,
            // Both leave the time spent resolved out of the count (see the policies' docs).
            ReopenPolicy::ResumeSameTimer | ReopenPolicy::CountResolvedAsPause => {
                self.pauses.push(RawPause { from: stopped_at, to: Some(at), state: stopped_state, hold_reason: None });
            }
            ReopenPolicy::NewCycle => {
                let spans = self.pause_spans(stopped_at);
                let ended = measure(calendar, self.start, &spans, definition.target_minutes, stopped_at);
                self.earlier_breach |= ended.breached_at.is_some();
                self.cycle += 1;
                self.start = at;
                self.pauses.clear();
            }
            ReopenPolicy::Restart => {
                self.cycle += 1;
                self.start = at;
                self.pauses.clear();
                self.earlier_breach = false;
                self.restarted_at = Some(at);
            }
        }
        self.stopped = None;
        true
    }

    fn close_pause(&mut self, at: Timestamp) {
        if let Some(open) = self.pauses.last_mut().filter(|p| p.to.is_none()) {
            open.to = Some(at);
        }
    }
}
