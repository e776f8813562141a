//! Is a stored history a legal sequence of events?
//!
//! The workspace only ever records events through [`Workspace::apply`] and
//! [`Workspace::advance_clock`], which check every rule first, so its own
//! histories are always legal. A history read from a file may have been
//! edited by hand, truncated or made by another program. [`check_history`]
//! replays one ticket's events against the same rules (the lifecycle's
//! [`IncidentState::can_move_to`], the hold-reason and resolution
//! requirements, time order) without recording anything, and names every
//! event that breaks one.
//!
//! It checks the sequence only. Whether the people, groups, services and
//! tickets an event names exist is a question about the whole workspace,
//! answered by whoever reads the file (see `storage::exchange`).
//!
//! [`Workspace::apply`]: super::workspace::Workspace::apply
//! [`Workspace::advance_clock`]: super::workspace::Workspace::advance_clock

use super::error::DomainError;
use super::event::{Change, Escalation, Event, Field, FieldValue};
use super::incident::IncidentState;
use super::ticket::{Incident, TicketRecord};

/// One event that breaks the rules of a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryProblem {
    /// Position of the event in the ticket's list (0 = the first); `None`
    /// when the problem is the list itself (it is empty).
    pub event: Option<usize>,
    /// Where in the event, as a JSON path relative to it (`"at"`,
    /// `"change.StateChanged.to"`); empty for the event as a whole.
    pub within: &'static str,
    /// What is wrong, as a sentence.
    pub message: String,
}

/// What replaying a history found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryCheck {
    /// The ticket's fields after its last event, folded the way
    /// [`Incident::fold`] does (for every kind); `None` when the history
    /// does not start with a creation.
    pub ticket: Option<Incident>,
    /// Every rule broken, in event order; empty for a legal history.
    pub problems: Vec<HistoryProblem>,
}

impl HistoryCheck {
    /// Whether the history is a legal sequence.
    pub fn is_legal(&self) -> bool {
        self.problems.is_empty()
    }

    /// The state the ticket ends in (New when its history has no creation).
    pub fn state(&self) -> IncidentState {
        self.ticket.as_ref().map_or(IncidentState::New, |t| t.state)
    }
}

/// Replays `record`'s events and reports every one that the rules would have
/// refused: the first event must be the creation and no other may be; events
/// are in time order; each state change starts from the state reached and is
/// allowed by the lifecycle; On Hold has a reason and Resolved a code and
/// notes (and other moves have neither); nothing happens after a final state;
/// each field change and assignment starts from the value the ticket had.
///
/// ```
/// use servicelab::domain::check::check_history;
/// use servicelab::domain::demo::demo_workspace;
/// # let now = chrono::DateTime::from_timestamp(1_741_600_000, 0).unwrap();
/// let ws = demo_workspace(now);
/// assert!(ws.tickets().iter().all(|record| check_history(record).is_legal()));
/// ```
pub fn check_history(record: &TicketRecord) -> HistoryCheck {
    let mut problems = Vec::new();
    let mut say = |event: usize, within: &'static str, message: String| {
        problems.push(HistoryProblem { event: Some(event), within, message });
    };
    let Some((first, rest)) = record.events.split_first() else {
        let message = format!("{} has no events: a ticket's history starts with its creation", record.number);
        return HistoryCheck { ticket: None, problems: vec![HistoryProblem { event: None, within: "", message }] };
    };
    let Change::Created(fields) = &first.change else {
        say(0, "change", format!("the first event of {} must be its creation (Created), not {}", record.number, change_name(&first.change)));
        return HistoryCheck { ticket: None, problems };
    };
    let mut ticket = Incident::created(record.id, record.number, fields, first.at, first.actor);
    let mut previous = first;
    for (offset, event) in rest.iter().enumerate() {
        let n = offset + 1;
        if event.at < previous.at {
            say(n, "at", format!("this event ({}) is earlier than the one before it ({}): events must be in time order", event.at, previous.at));
        }
        if ticket.state.is_final() {
            say(n, "", format!("{} was already {}, which is final: nothing can happen to it after that", record.number, ticket.state.label()));
        }
        check_event(&ticket, event, &mut |within, message| say(n, within, message));
        ticket.apply_event(event);
        previous = event;
    }
    HistoryCheck { ticket: Some(ticket), problems }
}

/// Checks one event against the ticket as it stood just before it.
fn check_event(ticket: &Incident, event: &Event, say: &mut dyn FnMut(&'static str, String)) {
    match &event.change {
        Change::Created(_) => say("change", format!("{} was already created: a ticket has one Created event, its first", ticket.number)),
        // A notification records who was told when a timer crossed a
        // threshold (possibly nobody: an unassigned ticket has no assignee to
        // tell). It changes no field, so any moment of a live ticket may hold
        // one; a final ticket is refused above, like any other event.
        Change::SlaNotified { .. } => {}
        Change::StateChanged { from, to, hold_reason, resolution } => {
            let current = ticket.state;
            if *from != current {
                say("change.StateChanged.from", format!("the ticket was {} at this point, not {}", current.label(), from.label()));
            }
            if !current.can_move_to(*to) {
                say("change.StateChanged.to", DomainError::TransitionNotAllowed { from: current, to: *to }.to_string());
            }
            match (*to == IncidentState::OnHold, hold_reason) {
                (true, None) => say("change.StateChanged.hold_reason", DomainError::HoldReasonRequired.to_string()),
                (false, Some(_)) => say("change.StateChanged.hold_reason", format!("a move to {} has no hold reason: only On Hold has one", to.label())),
                _ => {}
            }
            match (*to == IncidentState::Resolved, resolution) {
                (true, None) => say("change.StateChanged.resolution", DomainError::ResolutionCodeRequired.to_string()),
                (true, Some(r)) if r.notes.trim().is_empty() => {
                    say("change.StateChanged.resolution.notes", DomainError::ResolutionNotesRequired.to_string());
                }
                (false, Some(_)) => say("change.StateChanged.resolution", format!("a move to {} has no resolution: only Resolved has one", to.label())),
                _ => {}
            }
        }
        Change::FieldChanged { field, old, new } => {
            if !value_fits(*field, new) {
                say("change.FieldChanged.new", format!("{} cannot hold {}", field.label(), value_name(new)));
            } else if *old != ticket.field_value(*field) {
                say("change.FieldChanged.old", format!("{} was not {} at this point", field.label(), value_name(old)));
            }
        }
        Change::Assigned { group_from, agent_from, .. } => {
            if *group_from != ticket.assignment_group {
                say("change.Assigned.group_from", "the assignment group before this event was another one".to_string());
            }
            if *agent_from != ticket.assigned_to {
                say("change.Assigned.agent_from", "the assigned agent before this event was someone else".to_string());
            }
        }
        Change::Escalated(Escalation::Functional { from_group, .. }) => {
            if *from_group != ticket.assignment_group {
                say("change.Escalated.Functional.from_group", "the ticket was with another group when it was escalated".to_string());
            }
        }
        Change::Escalated(Escalation::Hierarchical { .. }) | Change::Comment { .. } | Change::WorkNote { .. } | Change::LinkAdded(_) => {}
    }
}

/// Whether `value` is the kind of value `field` holds.
fn value_fits(field: Field, value: &FieldValue) -> bool {
    matches!(
        (field, value),
        (Field::ShortDescription | Field::Description | Field::Subcategory, FieldValue::Text(_))
            | (Field::Caller, FieldValue::Person(_))
            | (Field::Category, FieldValue::Category(_))
            | (Field::Service, FieldValue::Service(_))
            | (Field::Ci, FieldValue::Ci(_))
            | (Field::Impact | Field::Urgency | Field::Priority, FieldValue::Level(_))
            | (Field::Major, FieldValue::Flag(_))
    )
}

/// A value as a sentence names it.
fn value_name(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) => format!("the text {:?}", short(t)),
        FieldValue::Person(p) => p.to_string(),
        FieldValue::Category(c) => format!("the category {}", c.label()),
        FieldValue::Service(Some(s)) => s.to_string(),
        FieldValue::Ci(Some(c)) => c.to_string(),
        FieldValue::Service(None) | FieldValue::Ci(None) => "empty".to_string(),
        FieldValue::Level(v) => format!("the level {v}"),
        FieldValue::Flag(b) => format!("{b}"),
    }
}

/// The first 40 characters of `text`, with an ellipsis when it was longer.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The name of an event's kind, as the file spells it.
fn change_name(change: &Change) -> &'static str {
    match change {
        Change::Created(_) => "Created",
        Change::FieldChanged { .. } => "FieldChanged",
        Change::StateChanged { .. } => "StateChanged",
        Change::Comment { .. } => "Comment",
        Change::WorkNote { .. } => "WorkNote",
        Change::Assigned { .. } => "Assigned",
        Change::Escalated(_) => "Escalated",
        Change::LinkAdded(_) => "LinkAdded",
        Change::SlaNotified { .. } => "SlaNotified",
    }
}

/// The schema version a workspace's data was written in, as its stored
/// `schema_version` field says. A workspace built by [`Workspace::new`] or
/// read through [`super::migrate::upgrade`] has the current one; a reader
/// that deserializes a file directly uses this to make sure it did too.
///
/// [`Workspace::new`]: super::workspace::Workspace::new
pub fn stored_schema_version(workspace: &super::workspace::Workspace) -> u32 {
    workspace.schema_version
}
