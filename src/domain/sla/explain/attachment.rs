//! Why a definition's timer is on a ticket, and why it ended.
//!
//! Replay (see [`crate::domain::sla::replay`]) decides *that* a definition
//! attached and when; this file reads the ticket's history again around
//! those instants to say *why*: which of the definition's conditions the
//! ticket met (kind, priority, and service and group when the definition
//! restricts them), which change made it match when it did not at first, and
//! for a cancelled timer, whether a cancel state was reached or the ticket
//! stopped matching (its priority changed, it moved to another group...).

use std::collections::BTreeSet;

use crate::domain::event::{Change, Field, FieldValue};
use crate::domain::ids::{GroupId, ServiceId, TicketKind, Timestamp};
use crate::domain::incident::IncidentState;
use crate::domain::sla::{ReopenPolicy, SlaDefinition, Timer};
use crate::domain::ticket::TicketRecord;

/// One condition of a definition that the ticket met when the timer attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The ticket is of the kind the definition is for (an incident, say).
    Kind(TicketKind),
    /// The ticket's priority is one the definition covers.
    Priority {
        /// The ticket's priority then.
        value: u8,
        /// Every priority the definition covers.
        covered: BTreeSet<u8>,
    },
    /// The ticket is about the one service the definition is restricted to.
    Service(ServiceId),
    /// The ticket is assigned to the one group the definition is restricted to.
    Group(GroupId),
}

/// A change to a field that decides whether a definition applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactChange {
    /// The priority changed (because impact or urgency did).
    Priority {
        /// Before.
        from: u8,
        /// After.
        to: u8,
    },
    /// The affected service changed.
    Service {
        /// Before.
        from: Option<ServiceId>,
        /// After.
        to: Option<ServiceId>,
    },
    /// The assignment group changed.
    Group {
        /// Before.
        from: Option<GroupId>,
        /// After.
        to: Option<GroupId>,
    },
}

/// How and when the definition came to apply to the ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// When the ticket was logged.
    pub logged_at: Timestamp,
    /// When the ticket last started matching the definition.
    pub attached_at: Timestamp,
    /// The conditions it met then.
    pub conditions: Vec<Condition>,
    /// The changes, at `attached_at`, that made it match; empty when it
    /// matched from the moment it was logged.
    pub trigger: Vec<FactChange>,
    /// When the clock of the cycle shown started.
    pub start: Timestamp,
    /// Whether the clock counts from before the attachment, as if the
    /// definition had applied all along ("retroactive start").
    pub retroactive: bool,
    /// The cycle shown: above 1 when a reopen started a new cycle.
    pub cycle: u32,
    /// What the definition does when a resolved ticket is reopened.
    pub reopen: ReopenPolicy,
}

/// Why a cancelled timer no longer applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelReason {
    /// The ticket reached a state that cancels the definition (Canceled, by default).
    State(IncidentState),
    /// The ticket stopped meeting the definition's conditions; these are the
    /// changes that broke them.
    StoppedMatching(Vec<FactChange>),
}

/// How the timer's clock ended, if it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Still going at "now"; `paused` when the clock stands still at the moment.
    Running {
        /// Whether a pause is going on.
        paused: bool,
    },
    /// The target was met (on time or late) when the ticket reached `state`.
    Met {
        /// When.
        at: Timestamp,
        /// The state that met it (In Progress for a response, Resolved for a resolution...).
        state: IncidentState,
    },
    /// The timer was cancelled, so it leaves compliance figures.
    Cancelled {
        /// When.
        at: Timestamp,
        /// Why.
        reason: CancelReason,
    },
}

/// The fields of a ticket that decide whether a definition applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Facts {
    priority: u8,
    service: Option<ServiceId>,
    group: Option<GroupId>,
}

impl Facts {
    fn apply(&mut self, change: &Change) {
        match change {
            Change::FieldChanged { field: Field::Priority, new: FieldValue::Level(p), .. } => self.priority = *p,
            Change::FieldChanged { field: Field::Service, new: FieldValue::Service(s), .. } => self.service = *s,
            Change::Assigned { group_to, .. } => self.group = *group_to,
            _ => {}
        }
    }

    fn changes_to(self, after: Facts) -> Vec<FactChange> {
        let mut out = Vec::new();
        if self.priority != after.priority {
            out.push(FactChange::Priority { from: self.priority, to: after.priority });
        }
        if self.service != after.service {
            out.push(FactChange::Service { from: self.service, to: after.service });
        }
        if self.group != after.group {
            out.push(FactChange::Group { from: self.group, to: after.group });
        }
        out
    }
}

/// The facts right after logging, before every event at `at`, and after them.
fn facts_around(record: &TicketRecord, at: Timestamp) -> Option<(Facts, Facts, Facts)> {
    let (first, rest) = record.events.split_first()?;
    let Change::Created(fields) = &first.change else {
        return None;
    };
    let logged = Facts { priority: fields.priority, service: fields.service, group: None };
    let mut before = logged;
    for event in rest.iter().take_while(|e| e.at < at) {
        before.apply(&event.change);
    }
    let mut after = before;
    for event in rest.iter().skip_while(|e| e.at < at).take_while(|e| e.at == at) {
        after.apply(&event.change);
    }
    Some((logged, before, after))
}

/// Why `definition` is on the ticket, read from its history and its timer.
pub(super) fn attachment(record: &TicketRecord, definition: &SlaDefinition, timer: &Timer) -> Option<Attachment> {
    let logged_at = record.events.first()?.at;
    let (logged, before, after) = facts_around(record, timer.attached_at)?;
    let conditions = &definition.conditions;
    let at_logging = timer.attached_at == logged_at && conditions.matches(logged.priority, logged.service, logged.group);
    let (facts, trigger) = if at_logging { (logged, Vec::new()) } else { (after, before.changes_to(after)) };
    let mut met = vec![
        Condition::Kind(record.kind),
        Condition::Priority { value: facts.priority, covered: conditions.priorities.clone() },
    ];
    met.extend(conditions.service.map(Condition::Service));
    met.extend(conditions.group.map(Condition::Group));
    Some(Attachment {
        logged_at,
        attached_at: timer.attached_at,
        conditions: met,
        trigger,
        start: timer.start,
        retroactive: timer.start < timer.attached_at,
        cycle: timer.cycle,
        reopen: definition.reopen,
    })
}

/// How the timer ended: met, cancelled (and why), or still running.
pub(super) fn ending(record: &TicketRecord, definition: &SlaDefinition, timer: &Timer) -> Ending {
    let state_at = |at: Timestamp, wanted: &dyn Fn(IncidentState) -> bool| {
        record.events.iter().filter(|e| e.at == at).rev().find_map(|e| match e.change {
            Change::StateChanged { to, .. } if wanted(to) => Some(to),
            _ => None,
        })
    };
    if let Some(at) = timer.cancelled_at {
        let cancels = |state: IncidentState| definition.cancel.states.contains(&state);
        let reason = match state_at(at, &cancels) {
            Some(state) => CancelReason::State(state),
            None => {
                let broken = facts_around(record, at).map(|(_, before, after)| {
                    let conditions = &definition.conditions;
                    before.changes_to(after).into_iter().filter(|change| match *change {
                        FactChange::Priority { to, .. } => !conditions.priorities.contains(&to),
                        FactChange::Service { to, .. } => conditions.service.is_some_and(|s| to != Some(s)),
                        FactChange::Group { to, .. } => conditions.group.is_some_and(|g| to != Some(g)),
                    })
                });
                CancelReason::StoppedMatching(broken.map(Iterator::collect).unwrap_or_default())
            }
        };
        return Ending::Cancelled { at, reason };
    }
    if let Some(at) = timer.achieved_at {
        let stops = |state: IncidentState| definition.metric.is_stop_state(state);
        let state = state_at(at, &stops).unwrap_or(IncidentState::Resolved);
        return Ending::Met { at, state };
    }
    Ending::Running { paused: timer.pauses.last().is_some_and(|p| p.to.is_none()) }
}
