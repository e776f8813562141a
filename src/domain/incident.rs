//! The incident lifecycle: states, hold reasons, resolution codes and the
//! transitions between states.
//!
//! ServiceNow's incident lifecycle is the model:
//!
//! ```text
//! New ──► In Progress ◄──► On Hold
//!  │          │              │
//!  └──────────┴──► Resolved ◄┘ ──► Closed (final)
//!                    │
//!                    └──► In Progress (reopen)
//! New / In Progress / On Hold ──► Canceled (final)
//! ```
//!
//! Incident management's goal is to *restore service fast*, so resolving is
//! what matters; closing merely confirms it (by the caller, or automatically
//! after the auto-close period).

use serde::{Deserialize, Serialize};

/// Where an incident is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IncidentState {
    /// Logged but nobody has started working on it.
    New,
    /// An agent is working on restoring the service.
    InProgress,
    /// Work is paused, waiting for someone or something (see [`HoldReason`]).
    OnHold,
    /// Service is restored; the caller can confirm, or it closes automatically.
    Resolved,
    /// Final: the resolution is confirmed and the record is read-only.
    Closed,
    /// Final: the incident was logged in error or is not an incident.
    Canceled,
}

impl IncidentState {
    /// Every state, in lifecycle order.
    pub const ALL: [IncidentState; 6] =
        [Self::New, Self::InProgress, Self::OnHold, Self::Resolved, Self::Closed, Self::Canceled];

    /// The state's name as the tool shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::InProgress => "In Progress",
            Self::OnHold => "On Hold",
            Self::Resolved => "Resolved",
            Self::Closed => "Closed",
            Self::Canceled => "Canceled",
        }
    }

    /// Active incidents still need work: New, In Progress and On Hold.
    pub fn is_active(self) -> bool {
        matches!(self, Self::New | Self::InProgress | Self::OnHold)
    }

    /// Final states allow no further transition: Closed and Canceled.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Closed | Self::Canceled)
    }

    /// The states an incident may move to from this one. The UI offers only these.
    pub fn allowed_transitions(self) -> &'static [IncidentState] {
        use IncidentState::*;
        match self {
            New => &[InProgress, OnHold, Resolved, Canceled],
            InProgress => &[OnHold, Resolved, Canceled],
            OnHold => &[InProgress, Resolved, Canceled],
            Resolved => &[InProgress, Closed],
            Closed | Canceled => &[],
        }
    }

    /// Whether the lifecycle allows moving from this state to `to`.
    pub fn can_move_to(self, to: IncidentState) -> bool {
        self.allowed_transitions().contains(&to)
    }

    /// The verb for moving *into* this state, as in "cannot be {verb}".
    fn verb_from(self, from: IncidentState) -> &'static str {
        match self {
            Self::New => "moved back to New",
            Self::InProgress if matches!(from, Self::Resolved | Self::Closed | Self::Canceled) => "reopened",
            Self::InProgress => "put in progress",
            Self::OnHold => "put on hold",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
            Self::Canceled => "canceled",
        }
    }

    /// Why the move from this state to `to` is refused, in one sentence, e.g.
    /// "An incident that is Closed cannot be reopened: Closed is final".
    pub fn refusal(self, to: IncidentState) -> String {
        let head = format!("An incident that is {} cannot be {}", self.label(), to.verb_from(self));
        if self == to {
            return format!("The incident is already {}", self.label());
        }
        if self.is_final() {
            return format!("{head}: {} is final", self.label());
        }
        let options: Vec<&str> = self.allowed_transitions().iter().map(|s| s.label()).collect();
        let why = match (self, to) {
            (_, Self::New) => "an incident never returns to New".to_string(),
            (Self::New | Self::InProgress | Self::OnHold, Self::Closed) => "it must be Resolved first".to_string(),
            (Self::Resolved, Self::OnHold) => "reopen it (In Progress) first".to_string(),
            (Self::Resolved, Self::Canceled) => "it was resolved, so close it or reopen it".to_string(),
            _ => "that step is not in the lifecycle".to_string(),
        };
        format!("{head}: {why} (from {} it can go to {})", self.label(), options.join(", "))
    }
}

/// Why an incident is On Hold. While on hold, SLA timers usually pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum HoldReason {
    /// Waiting for the caller's answer; the caller's next comment resumes work.
    AwaitingCaller,
    /// Waiting for a change to be implemented.
    AwaitingChange,
    /// Waiting for problem management to find the root cause.
    AwaitingProblem,
    /// Waiting for a supplier (covered by an underpinning contract).
    AwaitingVendor,
}

impl HoldReason {
    /// Every reason.
    pub const ALL: [HoldReason; 4] =
        [Self::AwaitingCaller, Self::AwaitingChange, Self::AwaitingProblem, Self::AwaitingVendor];

    /// The reason's name as the tool shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::AwaitingCaller => "Awaiting Caller",
            Self::AwaitingChange => "Awaiting Change",
            Self::AwaitingProblem => "Awaiting Problem",
            Self::AwaitingVendor => "Awaiting Vendor",
        }
    }
}

/// How an incident was resolved (ServiceNow's "resolution code"). Reports use
/// it, e.g. how many incidents were only worked around.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ResolutionCode {
    /// Service restored with a workaround; the cause may remain (a problem?).
    SolvedWorkAround,
    /// The cause was removed for good.
    SolvedPermanently,
    /// Fixed remotely, without a visit.
    SolvedRemotely,
    /// Could not be reproduced.
    NotSolvedNotReproducible,
    /// A fix would cost more than living with the fault.
    NotSolvedTooCostly,
    /// The caller fixed it or withdrew it.
    ClosedByCaller,
    /// Another incident already tracks the same interruption.
    Duplicate,
    /// Matches a known error: the documented workaround was applied.
    KnownError,
}

impl ResolutionCode {
    /// Every code.
    pub const ALL: [ResolutionCode; 8] = [
        Self::SolvedWorkAround,
        Self::SolvedPermanently,
        Self::SolvedRemotely,
        Self::NotSolvedNotReproducible,
        Self::NotSolvedTooCostly,
        Self::ClosedByCaller,
        Self::Duplicate,
        Self::KnownError,
    ];

    /// The code's name as the tool shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::SolvedWorkAround => "Solved (Work Around)",
            Self::SolvedPermanently => "Solved (Permanently)",
            Self::SolvedRemotely => "Solved Remotely (Permanently)",
            Self::NotSolvedNotReproducible => "Not Solved (Not Reproducible)",
            Self::NotSolvedTooCostly => "Not Solved (Too Costly)",
            Self::ClosedByCaller => "Closed/Resolved by Caller",
            Self::Duplicate => "Duplicate",
            Self::KnownError => "Known Error",
        }
    }
}

/// What an agent records when resolving: the code and the notes saying what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// How it was resolved.
    pub code: ResolutionCode,
    /// What was done, for the caller and for the next agent who meets the same fault.
    pub notes: String,
}

/// Broad classification of an incident, used for routing and reporting
/// (ServiceNow's default categories plus security).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// A question or a request for help rather than a fault.
    Inquiry,
    /// An application misbehaves.
    Software,
    /// A device is broken.
    Hardware,
    /// Connectivity: LAN, Wi-Fi, VPN, DNS...
    Network,
    /// A database is slow or unavailable.
    Database,
    /// A security event: phishing, malware, lost device.
    Security,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 6] =
        [Self::Inquiry, Self::Software, Self::Hardware, Self::Network, Self::Database, Self::Security];

    /// The category's name as the tool shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Inquiry => "Inquiry / Help",
            Self::Software => "Software",
            Self::Hardware => "Hardware",
            Self::Network => "Network",
            Self::Database => "Database",
            Self::Security => "Security",
        }
    }
}
