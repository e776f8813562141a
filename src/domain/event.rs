//! Events: the append-only history that is the stored truth of every ticket.
//!
//! A ticket is never edited in place. Each change appends an [`Event`] saying
//! *who* did *what* and *when*. The ticket's current fields, its audit trail
//! and (later) its SLA timers are all derived from that list, so history can
//! never disagree with the record, and replaying it is always right.

use serde::{Deserialize, Serialize};

use super::ids::{CiId, GroupId, PersonId, ServiceId, TicketId, Timestamp};
use super::incident::{Category, HoldReason, IncidentState, Resolution};
use super::sla::SlaId;

/// One entry in a ticket's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened (the simulation clock at that moment).
    pub at: Timestamp,
    /// Who did it; [`PersonId::SYSTEM`] for automatic actions.
    pub actor: PersonId,
    /// What changed.
    pub change: Change,
}

/// The fields an incident is logged with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitialFields {
    /// One line saying what is wrong, in the caller's words.
    pub short_description: String,
    /// The details.
    pub description: String,
    /// Who reported it and will be asked to confirm the resolution.
    pub caller: PersonId,
    /// Broad classification.
    pub category: Category,
    /// Finer classification, free text (e.g. "Email").
    pub subcategory: String,
    /// The affected service, if known.
    pub service: Option<ServiceId>,
    /// The affected configuration item, if known.
    pub ci: Option<CiId>,
    /// How much of the business is hurt.
    pub impact: u8,
    /// How fast it hurts.
    pub urgency: u8,
    /// Impact x urgency through the priority matrix in force at creation.
    pub priority: u8,
}

/// A field that can be edited after creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The one-line summary.
    ShortDescription,
    /// The details.
    Description,
    /// Who reported it.
    Caller,
    /// Broad classification.
    Category,
    /// Finer classification.
    Subcategory,
    /// Affected service.
    Service,
    /// Affected configuration item.
    Ci,
    /// How much of the business is hurt.
    Impact,
    /// How fast it hurts.
    Urgency,
    /// Derived from impact and urgency through the matrix, recorded when they change.
    Priority,
    /// The major incident flag.
    Major,
}

impl Field {
    /// The field's name as the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::ShortDescription => "Short description",
            Self::Description => "Description",
            Self::Caller => "Caller",
            Self::Category => "Category",
            Self::Subcategory => "Subcategory",
            Self::Service => "Service",
            Self::Ci => "Configuration item",
            Self::Impact => "Impact",
            Self::Urgency => "Urgency",
            Self::Priority => "Priority",
            Self::Major => "Major incident",
        }
    }
}

/// A field's value before or after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    /// Text fields.
    Text(String),
    /// A person (the caller).
    Person(PersonId),
    /// The category.
    Category(Category),
    /// A service, or none.
    Service(Option<ServiceId>),
    /// A CI, or none.
    Ci(Option<CiId>),
    /// A level of impact, urgency or priority.
    Level(u8),
    /// A yes/no flag.
    Flag(bool),
}

/// The two directions of escalation ITIL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Escalation {
    /// Functional: hand the ticket to a group with more expertise (second line,
    /// third line...). The matching [`Change::Assigned`] event moves it.
    Functional {
        /// The group it leaves, if any.
        from_group: Option<GroupId>,
        /// The more specialised group it goes to.
        to_group: GroupId,
    },
    /// Hierarchical: tell a manager, who has the authority to add resources.
    Hierarchical {
        /// The manager who now follows the ticket.
        manager: PersonId,
        /// The escalation level reached (1 for the first hierarchical escalation).
        level: u8,
    },
}

/// A link between two tickets, recorded on the ticket it points from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Link {
    /// This ticket is a child of that one (resolved when the parent is).
    Parent(TicketId),
    /// That ticket is a child of this one.
    Child(TicketId),
    /// The two tickets are related, with no lifecycle effect.
    Related(TicketId),
}

/// What an event changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// The ticket was logged with these fields, in state New.
    Created(InitialFields),
    /// One field changed.
    FieldChanged {
        /// Which field.
        field: Field,
        /// Its value before.
        old: FieldValue,
        /// Its value after.
        new: FieldValue,
    },
    /// The ticket moved through its lifecycle.
    StateChanged {
        /// State before.
        from: IncidentState,
        /// State after.
        to: IncidentState,
        /// Why it is on hold, when `to` is On Hold.
        hold_reason: Option<HoldReason>,
        /// Code and notes, when `to` is Resolved.
        resolution: Option<Resolution>,
    },
    /// A comment visible to the caller ("additional comments").
    Comment {
        /// What was said.
        text: String,
    },
    /// An internal note for agents only ("work notes").
    WorkNote {
        /// What was noted.
        text: String,
    },
    /// The assignment group and/or the assigned agent changed.
    Assigned {
        /// Group before.
        group_from: Option<GroupId>,
        /// Group after.
        group_to: Option<GroupId>,
        /// Agent before.
        agent_from: Option<PersonId>,
        /// Agent after.
        agent_to: Option<PersonId>,
    },
    /// The ticket was escalated.
    Escalated(Escalation),
    /// A link to another ticket was added.
    LinkAdded(Link),
    /// An SLA timer crossed a warning threshold and the people its
    /// definition names were told (in-app). Recorded by the system at the
    /// crossing instant; it changes no field and no timer.
    SlaNotified {
        /// The SLA definition whose timer crossed.
        sla: SlaId,
        /// The timer's cycle (a reopen under NewCycle or Restart starts another).
        cycle: u32,
        /// The threshold crossed, in percent of the target.
        percent: u16,
        /// Whether the threshold is the target itself or beyond: the SLA is breached.
        breached: bool,
        /// Who was told, resolved at the crossing (the assignee then, the group's manager...).
        recipients: Vec<PersonId>,
    },
}
