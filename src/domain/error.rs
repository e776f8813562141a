//! Why the domain refused something, in words a student understands.
//!
//! Every refusal names the rule that was broken and, where it helps, what to
//! do instead. A refused command leaves the workspace exactly as it was.

use thiserror::Error;

use super::ids::{CiId, GroupId, PersonId, ServiceId, TicketId, Timestamp};
use super::incident::IncidentState;

/// A rule the domain enforces was broken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// Text that is not a ticket number like `INC0001001`.
    #[error("\"{text}\" is not a ticket number: expected a prefix (INC, REQ, PRB, CHG) and 7 digits, like INC0001001")]
    BadTicketNumber { text: String },

    /// The matrix has no priority for this impact/urgency pair.
    #[error("The priority matrix has no priority for impact {impact} with urgency {urgency}; fill that cell first")]
    EmptyMatrixCell { impact: String, urgency: String },

    /// A level value the matrix's scale does not have.
    #[error("{value} is not on the {scale} scale of the \"{matrix}\" priority matrix")]
    LevelNotInScale { scale: &'static str, value: u8, matrix: String },

    /// The matrix is malformed.
    #[error("This priority matrix cannot be used: {reason}")]
    BadMatrix { reason: String },

    /// Replacing the matrix would strand existing tickets.
    #[error("{count} existing ticket(s) use impact, urgency or priority values that the \"{matrix}\" matrix lacks; it cannot replace the current one")]
    MatrixIncompatible { count: usize, matrix: String },

    /// No such person.
    #[error("There is no person with id {0}")]
    UnknownPerson(PersonId),

    /// No such group.
    #[error("There is no assignment group with id {0}")]
    UnknownGroup(GroupId),

    /// No such service.
    #[error("There is no service with id {0}")]
    UnknownService(ServiceId),

    /// No such CI.
    #[error("There is no configuration item with id {0}")]
    UnknownCi(CiId),

    /// No such ticket.
    #[error("There is no ticket with id {0}")]
    UnknownTicket(TicketId),

    /// The ticket exists but is not an incident.
    #[error("{number} is not an incident")]
    NotAnIncident { number: String },

    /// The actor's roles do not allow the action.
    #[error("Only {needed} can {action}; {who} is {role}")]
    NotAllowed { needed: &'static str, action: &'static str, who: String, role: &'static str },

    /// Only agents can be assigned tickets.
    #[error("{who} cannot be assigned incidents: they are not an agent")]
    NotAnAgent { who: String },

    /// The agent is not in the assignment group.
    #[error("{agent} cannot be assigned: they are not a member of {group}")]
    NotGroupMember { agent: String, group: String },

    /// An agent was given without a group.
    #[error("Choose an assignment group before assigning {agent}")]
    AgentWithoutGroup { agent: String },

    /// The lifecycle does not allow this move.
    #[error("{}", .from.refusal(*.to))]
    TransitionNotAllowed { from: IncidentState, to: IncidentState },

    /// Putting on hold needs a reason.
    #[error("Putting an incident On Hold needs a reason: awaiting caller, change, problem or vendor")]
    HoldReasonRequired,

    /// Resolving needs a resolution code.
    #[error("Resolving an incident needs a resolution code saying how it was resolved")]
    ResolutionCodeRequired,

    /// Resolving needs notes.
    #[error("Resolving an incident needs resolution notes saying what was done")]
    ResolutionNotesRequired,

    /// Required text was blank.
    #[error("The {what} cannot be blank")]
    BlankText { what: &'static str },

    /// The ticket is Closed or Canceled: read-only.
    #[error("{number} is {state}, which is final: it can no longer be changed")]
    TicketIsFinal { number: String, state: &'static str },

    /// The event would be older than the ticket's last one.
    #[error("{number} last changed at {last}; nothing can happen to it at the earlier time {now}")]
    TimeBeforeLastEvent { number: String, last: Timestamp, now: Timestamp },

    /// The clock passed auto-close deadlines that have not been processed.
    /// The clock was asked to go back before something that already happened.
    #[error("The clock cannot go back to {to}: {number} already has an event at {latest}. History cannot be rewritten, so pick a moment at or after {latest}")]
    ClockBeforeHistory { to: Timestamp, number: String, latest: Timestamp },

    #[error("{count} resolved incident(s) were due to close automatically before this moment; advance the clock first")]
    AutoClosePending { count: usize },

    /// A ticket cannot be linked to itself.
    #[error("{number} cannot be linked to itself")]
    SelfLink { number: String },

    /// The link would make a ticket its own ancestor.
    #[error("{parent} cannot become the parent of {child}: {parent} is already below {child}, and a ticket cannot be its own ancestor")]
    ParentCycle { child: String, parent: String },

    /// The child already has a parent.
    #[error("{child} already has a parent ({parent})")]
    AlreadyHasParent { child: String, parent: String },

    /// The tickets are already linked that way.
    #[error("{a} and {b} are already linked")]
    AlreadyLinked { a: String, b: String },

    /// Hierarchical escalation needs a group with a manager.
    #[error("{number} cannot be escalated to a manager: {reason}")]
    NoManager { number: String, reason: String },

    /// Functional escalation to the group that already has it.
    #[error("{number} is already with {group}")]
    SameGroup { number: String, group: String },

    /// The flag already has that value.
    #[error("{number} is already {what}")]
    AlreadySo { number: String, what: &'static str },

    /// Invalid settings.
    #[error("These settings cannot be used: {reason}")]
    BadSettings { reason: String },

    /// No saved view with that name.
    #[error("There is no saved view named \"{name}\"")]
    UnknownView { name: String },

    /// Data written by a later version of ServiceLab: it is opened read-only, never rewritten.
    #[error("This workspace was saved by a newer version of ServiceLab (format {found}; this version reads up to {supported}). It is kept as it is; open it with the newer version.")]
    NewerSchema { found: u32, supported: u32 },

    /// SLA definitions or calendars that cannot be used.
    #[error("These SLA settings cannot be used: {reason}")]
    BadSlas { reason: String },

    /// A workspace file that cannot be read.
    #[error("This workspace file cannot be read: {reason}")]
    BadWorkspace { reason: String },
}

/// serde_json's message without the " at line L column C" it appends (for
/// text that is not the user's own, where the place would mislead).
pub fn bare_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
