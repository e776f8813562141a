//! The organisation: people and their roles, assignment groups, the service
//! catalogue and configuration items (CIs).
//!
//! ITSM tools decide what someone may do from their *roles*. ServiceLab keeps
//! five, close to ServiceNow's `itil`, `itil_admin` and friends:
//!
//! | Role | May do |
//! |---|---|
//! | Requester | log incidents for themselves, comment on their own incidents, accept (close) or reject (reopen) their resolution |
//! | Agent | work any incident: edit, assign, move through the lifecycle, work notes, functional escalation, parent/child links |
//! | GroupManager | what an agent may, plus declare or withdraw a major incident |
//! | ChangeManager | authorise changes (change enablement); on incidents a requester's rights |
//! | Admin | everything, plus settings and the priority matrix |

use serde::{Deserialize, Serialize};

use super::ids::{CiId, GroupId, PersonId, ServiceId};

/// A role grants permissions; a person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A user of IT services who asks for help (the "caller").
    Requester,
    /// A service desk or support agent who works tickets.
    Agent,
    /// Leads an assignment group: receives hierarchical escalations, runs major incidents.
    GroupManager,
    /// Owns change enablement and chairs the CAB (change advisory board).
    ChangeManager,
    /// Configures the tool: settings, priority matrix.
    Admin,
}

impl Role {
    /// The role's name as the tool shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Requester => "Requester",
            Self::Agent => "Agent",
            Self::GroupManager => "Group manager",
            Self::ChangeManager => "Change manager",
            Self::Admin => "Admin",
        }
    }

    /// The role with an article, for sentences: "a requester", "an admin".
    pub fn with_article(self) -> &'static str {
        match self {
            Self::Requester => "a requester",
            Self::Agent => "an agent",
            Self::GroupManager => "a group manager",
            Self::ChangeManager => "a change manager",
            Self::Admin => "an admin",
        }
    }
}

/// Someone in the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Internal id (never [`PersonId::SYSTEM`]).
    pub id: PersonId,
    /// Full name.
    pub name: String,
    /// E-mail address, where notifications would go.
    pub email: String,
    /// What the person may do.
    pub roles: Vec<Role>,
}

impl Person {
    /// Whether the person holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// May work incidents: agents, group managers and admins.
    pub fn is_agent(&self) -> bool {
        self.roles.iter().any(|r| matches!(r, Role::Agent | Role::GroupManager | Role::Admin))
    }

    /// May declare a major incident: group managers and admins.
    pub fn can_declare_major(&self) -> bool {
        self.has(Role::GroupManager) || self.has(Role::Admin)
    }

    /// May change settings and the priority matrix: admins.
    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// The person's most powerful role with an article ("an agent"), for
    /// sentences explaining a refusal.
    pub fn role_phrase(&self) -> &'static str {
        self.roles.iter().max().map_or("someone with no role", |r| r.with_article())
    }
}

/// An assignment group: a team that works tickets, with a manager who
/// receives hierarchical escalations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Internal id.
    pub id: GroupId,
    /// Team name, e.g. "Network".
    pub name: String,
    /// Who may be assigned the group's tickets.
    pub members: Vec<PersonId>,
    /// Who is notified on hierarchical escalation.
    pub manager: Option<PersonId>,
}

/// Whether a service is consumed by customers or supports other services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    /// What customers consume, described in their words (e.g. "Shipment tracking").
    Business,
    /// Supports business services; customers do not see it (e.g. "Database hosting").
    Technical,
}

/// A service from the service catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Internal id.
    pub id: ServiceId,
    /// The service's name in the catalogue.
    pub name: String,
    /// What it gives its customers.
    pub description: String,
    /// Business or technical.
    pub kind: ServiceKind,
}

/// A configuration item: a component that must be managed to deliver a
/// service (server, application, network device...), as recorded in the CMDB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ci {
    /// Internal id.
    pub id: CiId,
    /// The CI's name, e.g. "sql-prod-01".
    pub name: String,
    /// Its class, e.g. "Database server", "Router", "Application".
    pub class: String,
    /// The service it supports, if recorded.
    pub service: Option<ServiceId>,
}
