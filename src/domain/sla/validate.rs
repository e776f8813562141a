//! Checking an SLA definition before it is used, with reasons a student
//! understands.
//!
//! A definition with a contradiction in it (pause while the clock has already
//! stopped, an empty set of priorities...) would not crash anything: it would
//! quietly give timers that never run or never attach. So it is refused, and
//! every problem is named at once so a form can show them all.

use thiserror::Error;

use super::calendars::{CalendarId, Calendars};
use super::definition::{Metric, SlaDefinition};
use crate::domain::incident::IncidentState;

/// The highest warning threshold: ten times the target.
pub const MAX_THRESHOLD: u16 = 1000;

/// Something wrong with an SLA definition.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SlaError {
    /// The name is blank.
    #[error("give the SLA a name, so people can tell its timers apart")]
    BlankName,
    /// A target of zero minutes is breached the moment the ticket is logged.
    #[error("the target must be at least 1 minute: a 0-minute target is breached the moment a ticket is logged")]
    ZeroTarget,
    /// No priority is selected, so the definition attaches to nothing.
    #[error("choose at least one priority: with none, this SLA never attaches to a ticket")]
    NoPriority,
    /// The definition refers to a calendar that does not exist.
    #[error("the calendar {0} does not exist: pick one of the calendars, or create it first")]
    UnknownCalendar(CalendarId),
    /// Pausing in New would keep the clock still from the start.
    #[error("the timer cannot pause in New: the clock starts when a ticket is logged in New, so it would never run")]
    PauseInStartState,
    /// Pausing in a state where the target is already met.
    #[error("the timer cannot pause in {state}: reaching {state} already meets the {metric} target and stops the timer")]
    PauseInStopState {
        /// The state listed as both pause and stop.
        state: &'static str,
        /// The metric whose stop state it is.
        metric: &'static str,
    },
    /// The same state both pauses and cancels.
    #[error("{0} cannot both pause and cancel the timer: choose one")]
    PauseAndCancel(&'static str),
    /// Cancelling in New would cancel every timer at once.
    #[error("the timer cannot be cancelled in New: every ticket is logged in New, so every timer would be cancelled at once")]
    CancelInStartState,
    /// Cancelling in a state that meets the target.
    #[error("{state} cannot cancel the timer: reaching {state} meets the {metric} target")]
    CancelInStopState {
        /// The state listed as both cancel and stop.
        state: &'static str,
        /// The metric whose stop state it is.
        metric: &'static str,
    },
    /// Hold reasons are chosen but On Hold does not pause the timer.
    #[error("hold reasons only matter when On Hold pauses the timer: add On Hold to the pause states, or clear the reasons")]
    ReasonsWithoutOnHold,
    /// An empty list of hold reasons: On Hold would never pause.
    #[error("choose at least one hold reason, or allow every reason")]
    NoHoldReason,
    /// A threshold outside 1 %..1000 %.
    #[error("the warning threshold {0} % is out of range: use 1 % to 1000 % of the target")]
    ThresholdOutOfRange(u16),
    /// Thresholds out of order or repeated.
    #[error("list the warning thresholds in ascending order, each once ({0} % comes after {1} %)")]
    ThresholdsNotAscending(u16, u16),
    /// A notification rule outside 1 %..1000 %.
    #[error("the notification rule at {0} % is out of range: use 1 % to 1000 % of the target")]
    NotifyOutOfRange(u16),
    /// Notification rules out of order or repeated.
    #[error("list the notification rules in ascending order of percent, each once ({0} % comes after {1} %)")]
    NotifyNotAscending(u16, u16),
    /// A notification rule that tells nobody.
    #[error("the notification rule at {0} % tells nobody: choose at least one recipient, or remove the rule")]
    NotifyNobody(u16),
}

impl SlaDefinition {
    /// Checks the definition against itself and the calendars it may refer
    /// to. Returns every problem found, not just the first.
    pub fn validate(&self, calendars: &Calendars) -> Result<(), Vec<SlaError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(SlaError::BlankName);
        }
        if self.target_minutes == 0 {
            errors.push(SlaError::ZeroTarget);
        }
        if self.conditions.priorities.is_empty() {
            errors.push(SlaError::NoPriority);
        }
        if calendars.get(self.calendar).is_none() {
            errors.push(SlaError::UnknownCalendar(self.calendar));
        }
        self.check_states(&mut errors);
        self.check_thresholds(&mut errors);
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    fn check_states(&self, errors: &mut Vec<SlaError>) {
        let metric = self.metric.label();
        for &state in &self.pause.states {
            if state == IncidentState::New {
                errors.push(SlaError::PauseInStartState);
            } else if self.metric.is_stop_state(state) {
                errors.push(SlaError::PauseInStopState { state: state.label(), metric });
            } else if self.cancel.states.contains(&state) {
                errors.push(SlaError::PauseAndCancel(state.label()));
            }
        }
        for &state in &self.cancel.states {
            if state == IncidentState::New {
                errors.push(SlaError::CancelInStartState);
            } else if self.metric == Metric::Resolution && self.metric.is_stop_state(state) {
                // For a response target, moving out of New into a cancel state
                // cancels rather than meets it, so any state but New may cancel.
                errors.push(SlaError::CancelInStopState { state: state.label(), metric });
            }
        }
        match &self.pause.hold_reasons {
            Some(_) if !self.pause.states.contains(&IncidentState::OnHold) => errors.push(SlaError::ReasonsWithoutOnHold),
            Some(reasons) if reasons.is_empty() => errors.push(SlaError::NoHoldReason),
            _ => {}
        }
    }

    fn check_thresholds(&self, errors: &mut Vec<SlaError>) {
        for &threshold in &self.thresholds {
            if !(1..=MAX_THRESHOLD).contains(&threshold) {
                errors.push(SlaError::ThresholdOutOfRange(threshold));
            }
        }
        for pair in self.thresholds.windows(2) {
            if pair[1] <= pair[0] {
                errors.push(SlaError::ThresholdsNotAscending(pair[1], pair[0]));
            }
        }
        for rule in &self.notify {
            if !(1..=MAX_THRESHOLD).contains(&rule.percent) {
                errors.push(SlaError::NotifyOutOfRange(rule.percent));
            }
            if rule.recipients.is_empty() {
                errors.push(SlaError::NotifyNobody(rule.percent));
            }
        }
        for pair in self.notify.windows(2) {
            if pair[1].percent <= pair[0].percent {
                errors.push(SlaError::NotifyNotAscending(pair[1].percent, pair[0].percent));
            }
        }
    }
}

/// Checks a whole SLA configuration: ids unique, names unique, every
/// definition valid against the calendars. Returns every problem as a
/// sentence naming the definition or calendar it is about.
pub fn check_config(calendars: &Calendars, slas: &[SlaDefinition]) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let mut calendar_ids = std::collections::BTreeSet::new();
    for entry in calendars.iter() {
        if !calendar_ids.insert(entry.id) {
            problems.push(format!("two calendars have the id {}", entry.id));
        }
        if entry.name.trim().is_empty() {
            problems.push(format!("calendar {} has no name", entry.id));
        }
    }
    let mut ids = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    for definition in slas {
        if !ids.insert(definition.id) {
            problems.push(format!("two definitions have the id {}", definition.id));
        }
        if !names.insert(definition.name.trim().to_lowercase()) {
            problems.push(format!("two definitions are named \"{}\"", definition.name.trim()));
        }
        if let Err(errors) = definition.validate(calendars) {
            problems.extend(errors.iter().map(|e| format!("\"{}\": {e}", definition.name)));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}
