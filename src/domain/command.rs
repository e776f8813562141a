//! Commands: every change a person can ask of the workspace.
//!
//! The UI never edits a ticket directly. It builds a [`Command`] and hands it
//! to [`Workspace::apply`](super::workspace::Workspace::apply) with the acting
//! person and the current time. The workspace checks the command against the
//! rules (roles, lifecycle, matrix...) and either appends events or refuses
//! with a [`DomainError`](super::error::DomainError) and changes nothing.

use serde::{Deserialize, Serialize};

use super::ids::{CiId, GroupId, PersonId, ServiceId, TicketId};
use super::incident::{Category, HoldReason, IncidentState, ResolutionCode};
use super::priority::PriorityMatrix;
use super::query::SavedView;
use super::workspace::Settings;

/// What is needed to log a new incident. Priority is not given: the
/// workspace's matrix computes it from impact and urgency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIncident {
    /// One line saying what is wrong. Must not be blank.
    pub short_description: String,
    /// The details.
    pub description: String,
    /// Who reports it. A requester may only log incidents for themselves.
    pub caller: PersonId,
    /// Broad classification.
    pub category: Category,
    /// Finer classification, free text.
    pub subcategory: String,
    /// Affected service, if known.
    pub service: Option<ServiceId>,
    /// Affected CI, if known.
    pub ci: Option<CiId>,
    /// Impact value from the matrix's impact scale.
    pub impact: u8,
    /// Urgency value from the matrix's urgency scale.
    pub urgency: u8,
    /// Group to assign right away (the service desk often routes at logging).
    pub assignment_group: Option<GroupId>,
    /// Agent to assign right away; must be a member of the group.
    pub assigned_to: Option<PersonId>,
}

/// One field edit on an existing incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldEdit {
    /// New one-line summary (not blank).
    ShortDescription(String),
    /// New details.
    Description(String),
    /// New caller.
    Caller(PersonId),
    /// New category.
    Category(Category),
    /// New subcategory.
    Subcategory(String),
    /// New affected service.
    Service(Option<ServiceId>),
    /// New affected CI.
    Ci(Option<CiId>),
    /// New impact: priority is recomputed through the matrix.
    Impact(u8),
    /// New urgency: priority is recomputed through the matrix.
    Urgency(u8),
}

/// Which way to escalate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EscalationRequest {
    /// Hand the incident to a more specialised group (it becomes unassigned within it).
    Functional {
        /// The group that takes over.
        to_group: GroupId,
    },
    /// Alert the manager of the incident's assignment group and raise the escalation level.
    Hierarchical,
}

/// Every change a person can make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// Log a new incident.
    CreateIncident(NewIncident),
    /// Edit fields of an incident (impact/urgency recompute priority).
    UpdateIncident {
        /// The incident.
        id: TicketId,
        /// The edits, applied in order.
        edits: Vec<FieldEdit>,
    },
    /// Set the assignment group and agent (`None` clears).
    Assign {
        /// The incident.
        id: TicketId,
        /// The team.
        group: Option<GroupId>,
        /// The agent, who must belong to the team.
        agent: Option<PersonId>,
    },
    /// Move the incident through its lifecycle.
    Transition {
        /// The incident.
        id: TicketId,
        /// The target state.
        to: IncidentState,
        /// Required when `to` is On Hold; ignored otherwise.
        hold_reason: Option<HoldReason>,
        /// Required when `to` is Resolved; ignored otherwise.
        resolution_code: Option<ResolutionCode>,
        /// Required (not blank) when `to` is Resolved; ignored otherwise.
        resolution_notes: String,
    },
    /// Add a comment the caller sees. The caller's comment on an incident
    /// awaiting them puts it back In Progress.
    AddComment {
        /// The incident.
        id: TicketId,
        /// What is said.
        text: String,
    },
    /// Add an internal work note (agents only).
    AddWorkNote {
        /// The incident.
        id: TicketId,
        /// What is noted.
        text: String,
    },
    /// Escalate functionally (to another group) or hierarchically (to the manager).
    Escalate {
        /// The incident.
        id: TicketId,
        /// Which way.
        escalation: EscalationRequest,
    },
    /// Make `child` a child of `parent`: resolving the parent resolves it.
    SetParent {
        /// The incident becoming a child.
        child: TicketId,
        /// Its parent.
        parent: TicketId,
    },
    /// Record that two tickets are related (no lifecycle effect).
    Relate {
        /// One ticket.
        a: TicketId,
        /// The other.
        b: TicketId,
    },
    /// Declare (or withdraw) a major incident.
    SetMajor {
        /// The incident.
        id: TicketId,
        /// Whether it is major.
        major: bool,
    },
    /// Replace the priority matrix (admins). Refused if existing tickets use
    /// values the new matrix lacks. Existing priorities are not recomputed.
    SetPriorityMatrix(PriorityMatrix),
    /// Replace the SLA definitions and the calendars they count on (admins).
    /// Every definition must be valid and name a calendar in the set. Nothing
    /// about timers is stored, so every ticket's timers follow at once.
    SetSlaConfig {
        /// The calendars.
        calendars: crate::domain::sla::Calendars,
        /// The definitions.
        slas: Vec<crate::domain::sla::SlaDefinition>,
    },
    /// Replace the settings (admins).
    UpdateSettings(Settings),
    /// Save a named list query (replaces a view with the same name).
    SaveView(SavedView),
    /// Delete a saved view by name.
    DeleteView {
        /// The view's name.
        name: String,
    },
    /// Mark the acting person's in-app notifications as read up to an
    /// instant (the newest one shown): the header's unread count drops.
    MarkNotificationsRead {
        /// Notifications at or before this instant count as read.
        up_to: crate::domain::ids::Timestamp,
    },
}

/// What a successful command did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The ticket created by the command, if it created one.
    pub created: Option<TicketId>,
    /// Every ticket that received events, in order (a parent and its children...).
    pub changed: Vec<TicketId>,
}
