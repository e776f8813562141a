//! Ticket records (the stored truth) and the incident derived from them.
//!
//! A [`TicketRecord`] is an id, a kind, a number and a list of events. The
//! [`Incident`] a form shows is *computed* by folding those events in order
//! ([`Incident::fold`]); the workspace keeps that result up to date by folding
//! each new event onto it ([`Incident::apply_event`]). Both roads must arrive
//! at the same place, and a property test checks that they do.

use serde::{Deserialize, Serialize};

use super::event::{Change, Escalation, Event, Field, FieldValue, InitialFields, Link};
use super::ids::{CiId, GroupId, PersonId, ServiceId, TicketId, TicketKind, TicketNumber, Timestamp};
use super::incident::{Category, HoldReason, IncidentState, Resolution};

/// A stored ticket: identity plus its append-only event history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRecord {
    /// Internal id (dense, in creation order).
    pub id: TicketId,
    /// Incident, request, problem or change.
    pub kind: TicketKind,
    /// The human number, e.g. `INC0001001`.
    pub number: TicketNumber,
    /// Everything that ever happened to the ticket, oldest first.
    pub events: Vec<Event>,
}

impl TicketRecord {
    /// When the last event happened; new events may not be earlier.
    pub fn last_event_at(&self) -> Option<Timestamp> {
        self.events.last().map(|e| e.at)
    }
}

/// An incident's current fields, derived from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Internal id.
    pub id: TicketId,
    /// Human number, e.g. `INC0001001`.
    pub number: TicketNumber,
    /// One-line summary.
    pub short_description: String,
    /// Details.
    pub description: String,
    /// Who reported it.
    pub caller: PersonId,
    /// Broad classification.
    pub category: Category,
    /// Finer classification.
    pub subcategory: String,
    /// Affected service.
    pub service: Option<ServiceId>,
    /// Affected configuration item.
    pub ci: Option<CiId>,
    /// How much of the business is hurt.
    pub impact: u8,
    /// How fast it hurts.
    pub urgency: u8,
    /// Recorded priority (from the matrix when impact or urgency last changed).
    pub priority: u8,
    /// Lifecycle state.
    pub state: IncidentState,
    /// Why it is on hold (only while On Hold).
    pub hold_reason: Option<HoldReason>,
    /// Code and notes (only while Resolved or Closed).
    pub resolution: Option<Resolution>,
    /// The team working it.
    pub assignment_group: Option<GroupId>,
    /// The agent working it.
    pub assigned_to: Option<PersonId>,
    /// How many times the group changed after the first assignment (a
    /// high count signals poor routing, "ticket ping-pong").
    pub reassignment_count: u32,
    /// How many functional escalations it had.
    pub functional_escalations: u32,
    /// Hierarchical escalation level (0 = never escalated to a manager).
    pub escalation_level: u8,
    /// The manager following it after hierarchical escalation.
    pub escalated_to: Option<PersonId>,
    /// Major incident: a serious interruption with its own, faster procedure.
    pub major: bool,
    /// The parent incident, when this one is a child.
    pub parent: Option<TicketId>,
    /// Child incidents, resolved together with this one.
    pub children: Vec<TicketId>,
    /// Related tickets.
    pub related: Vec<TicketId>,
    /// How many times it was reopened (Resolved back to In Progress).
    pub reopen_count: u32,
    /// Number of comments visible to the caller.
    pub comment_count: u32,
    /// Number of internal work notes.
    pub work_note_count: u32,
    /// When it was logged.
    pub opened_at: Timestamp,
    /// Who logged it.
    pub opened_by: PersonId,
    /// When anything last happened.
    pub updated_at: Timestamp,
    /// Who did it.
    pub updated_by: PersonId,
    /// When it was last resolved (cleared on reopen).
    pub resolved_at: Option<Timestamp>,
    /// Who resolved it.
    pub resolved_by: Option<PersonId>,
    /// When it was closed or canceled.
    pub closed_at: Option<Timestamp>,
}

impl Incident {
    /// Derives the incident by folding every event of the record in order.
    /// Returns `None` when the record is not an incident or has no `Created`
    /// event first.
    pub fn fold(record: &TicketRecord) -> Option<Incident> {
        if record.kind != TicketKind::Incident {
            return None;
        }
        let (first, rest) = record.events.split_first()?;
        let Change::Created(fields) = &first.change else {
            return None;
        };
        let mut incident = Incident::created(record.id, record.number, fields, first.at, first.actor);
        for event in rest {
            incident.apply_event(event);
        }
        Some(incident)
    }

    /// The incident right after its `Created` event.
    pub fn created(id: TicketId, number: TicketNumber, f: &InitialFields, at: Timestamp, actor: PersonId) -> Self {
        Incident {
            id,
            number,
            short_description: f.short_description.clone(),
            description: f.description.clone(),
            caller: f.caller,
            category: f.category,
            subcategory: f.subcategory.clone(),
            service: f.service,
            ci: f.ci,
            impact: f.impact,
            urgency: f.urgency,
            priority: f.priority,
            state: IncidentState::New,
            hold_reason: None,
            resolution: None,
            assignment_group: None,
            assigned_to: None,
            reassignment_count: 0,
            functional_escalations: 0,
            escalation_level: 0,
            escalated_to: None,
            major: false,
            parent: None,
            children: Vec::new(),
            related: Vec::new(),
            reopen_count: 0,
            comment_count: 0,
            work_note_count: 0,
            opened_at: at,
            opened_by: actor,
            updated_at: at,
            updated_by: actor,
            resolved_at: None,
            resolved_by: None,
            closed_at: None,
        }
    }

    /// Whether the incident still needs work (New, In Progress, On Hold).
    pub fn is_active(&self) -> bool {
        self.state.is_active()
    }

    /// Folds one more event onto the incident. A second `Created` is ignored.
    pub fn apply_event(&mut self, event: &Event) {
        if matches!(event.change, Change::SlaNotified { .. }) {
            // A notification changes nothing about the incident, not even "updated".
            return;
        }
        self.updated_at = event.at;
        self.updated_by = event.actor;
        match &event.change {
            Change::Created(_) | Change::SlaNotified { .. } => {}
            Change::FieldChanged { field, new, .. } => self.set_field(*field, new),
            Change::StateChanged { to, hold_reason, resolution, .. } => {
                if *to == IncidentState::InProgress && self.state == IncidentState::Resolved {
                    self.reopen_count += 1;
                }
                self.state = *to;
                self.hold_reason = if *to == IncidentState::OnHold { *hold_reason } else { None };
                match to {
                    IncidentState::Resolved => {
                        self.resolution = resolution.clone();
                        self.resolved_at = Some(event.at);
                        self.resolved_by = Some(event.actor);
                    }
                    IncidentState::Closed | IncidentState::Canceled => self.closed_at = Some(event.at),
                    _ => {
                        self.resolution = None;
                        self.resolved_at = None;
                        self.resolved_by = None;
                    }
                }
            }
            Change::Comment { .. } => self.comment_count += 1,
            Change::WorkNote { .. } => self.work_note_count += 1,
            Change::Assigned { group_from, group_to, agent_to, .. } => {
                if group_from.is_some() && group_from != group_to {
                    self.reassignment_count += 1;
                }
                self.assignment_group = *group_to;
                self.assigned_to = *agent_to;
            }
            Change::Escalated(Escalation::Functional { .. }) => self.functional_escalations += 1,
            Change::Escalated(Escalation::Hierarchical { manager, level }) => {
                self.escalation_level = *level;
                self.escalated_to = Some(*manager);
            }
            Change::LinkAdded(link) => match *link {
                Link::Parent(p) => self.parent = Some(p),
                Link::Child(c) => {
                    if !self.children.contains(&c) {
                        self.children.push(c);
                    }
                }
                Link::Related(r) => {
                    if !self.related.contains(&r) {
                        self.related.push(r);
                    }
                }
            },
        }
    }

    fn set_field(&mut self, field: Field, value: &FieldValue) {
        match (field, value) {
            (Field::ShortDescription, FieldValue::Text(t)) => self.short_description = t.clone(),
            (Field::Description, FieldValue::Text(t)) => self.description = t.clone(),
            (Field::Subcategory, FieldValue::Text(t)) => self.subcategory = t.clone(),
            (Field::Caller, FieldValue::Person(p)) => self.caller = *p,
            (Field::Category, FieldValue::Category(c)) => self.category = *c,
            (Field::Service, FieldValue::Service(s)) => self.service = *s,
            (Field::Ci, FieldValue::Ci(c)) => self.ci = *c,
            (Field::Impact, FieldValue::Level(v)) => self.impact = *v,
            (Field::Urgency, FieldValue::Level(v)) => self.urgency = *v,
            (Field::Priority, FieldValue::Level(v)) => self.priority = *v,
            (Field::Major, FieldValue::Flag(b)) => self.major = *b,
            // A value of the wrong type cannot come from the workspace's own
            // commands; an edited file is ignored rather than trusted.
            _ => {}
        }
    }

    /// The current value of an editable field, as recorded in events.
    pub fn field_value(&self, field: Field) -> FieldValue {
        match field {
            Field::ShortDescription => FieldValue::Text(self.short_description.clone()),
            Field::Description => FieldValue::Text(self.description.clone()),
            Field::Subcategory => FieldValue::Text(self.subcategory.clone()),
            Field::Caller => FieldValue::Person(self.caller),
            Field::Category => FieldValue::Category(self.category),
            Field::Service => FieldValue::Service(self.service),
            Field::Ci => FieldValue::Ci(self.ci),
            Field::Impact => FieldValue::Level(self.impact),
            Field::Urgency => FieldValue::Level(self.urgency),
            Field::Priority => FieldValue::Level(self.priority),
            Field::Major => FieldValue::Flag(self.major),
        }
    }
}
