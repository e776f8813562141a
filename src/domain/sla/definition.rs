//! What an SLA definition says: which tickets it applies to, what it
//! measures, how long they have, when its clock pauses or is cancelled, when
//! people are warned, and what a reopened ticket does to it.
//!
//! A definition is configuration, not state: the timers it produces are
//! recomputed from each ticket's history (see [`super::replay`]), so editing a
//! definition simply gives new figures the next time anyone looks.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::calendars::CalendarId;
use crate::domain::ids::{GroupId, ServiceId, TicketKind};
use crate::domain::incident::{HoldReason, IncidentState};

/// Id of an SLA definition, unique among the definitions of a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SlaId(pub u32);

impl fmt::Display for SlaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sla#{}", self.0)
    }
}

/// Who the promise is made to. The timer arithmetic is the same for all
/// three; the difference is contractual, and reports group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgreementKind {
    /// Service level agreement: a promise to the customer ("P1 resolved in 4 hours").
    Sla,
    /// Operational level agreement: a promise between internal teams that
    /// helps keep an SLA (the network team answers the service desk in 30 minutes).
    Ola,
    /// Underpinning contract: a promise from an outside supplier that an SLA relies on.
    UnderpinningContract,
}

impl AgreementKind {
    /// The name as ITIL writes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Sla => "SLA",
            Self::Ola => "OLA",
            Self::UnderpinningContract => "Underpinning contract",
        }
    }
}

/// What the timer measures. Both start when the ticket is logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// Time to respond: met at the ticket's first move out of New (someone
    /// acknowledged it and started work, or put it on hold, or resolved it at
    /// once). Feeds MTTA, the mean time to acknowledge.
    Response,
    /// Time to resolve: met when the ticket reaches Resolved (or Closed).
    /// Service is restored; closing only confirms it. Feeds MTTR.
    Resolution,
}

impl Metric {
    /// The name a timer list shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Response => "Response",
            Self::Resolution => "Resolution",
        }
    }

    /// Whether reaching `state` meets the target (stops the timer as
    /// achieved). Cancel states are checked first: a response timer whose
    /// ticket goes from New straight to Canceled is cancelled, not met.
    pub fn is_stop_state(self, state: IncidentState) -> bool {
        match self {
            Self::Response => state != IncidentState::New,
            Self::Resolution => matches!(state, IncidentState::Resolved | IncidentState::Closed),
        }
    }
}

/// Which tickets a definition attaches to. All the conditions must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    /// The kind of ticket (incident, request...).
    pub ticket_kind: TicketKind,
    /// The priorities covered, e.g. {1} for a P1 SLA; may not be empty.
    pub priorities: BTreeSet<u8>,
    /// Only tickets about this service, when set (a premium service can have tighter targets).
    pub service: Option<ServiceId>,
    /// Only tickets assigned to this group, when set (typical of an OLA with one team).
    pub group: Option<GroupId>,
}

/// When the clock stands still. While paused, neither business nor wall
/// elapsed time grows, and the due time moves later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseCondition {
    /// States in which the timer pauses (default: On Hold).
    pub states: BTreeSet<IncidentState>,
    /// When set, On Hold pauses only for these reasons: waiting for the caller
    /// may pause a customer SLA while waiting for a vendor does not, since the
    /// supplier is the provider's own responsibility.
    pub hold_reasons: Option<BTreeSet<HoldReason>>,
}

impl Default for PauseCondition {
    fn default() -> Self {
        Self { states: BTreeSet::from([IncidentState::OnHold]), hold_reasons: None }
    }
}

impl PauseCondition {
    /// A condition that never pauses (usual for response targets).
    pub fn never() -> Self {
        Self { states: BTreeSet::new(), hold_reasons: None }
    }

    /// Whether a ticket in `state`, on hold for `reason`, pauses the timer.
    pub fn pauses(&self, state: IncidentState, reason: Option<HoldReason>) -> bool {
        if !self.states.contains(&state) {
            return false;
        }
        match (&self.hold_reasons, state) {
            (Some(allowed), IncidentState::OnHold) => reason.is_some_and(|r| allowed.contains(&r)),
            _ => true,
        }
    }
}

/// When the timer is abandoned rather than met or missed: the ticket was
/// logged in error, so no target applies and reports leave it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelCondition {
    /// States that cancel a running timer (default: Canceled).
    pub states: BTreeSet<IncidentState>,
}

impl Default for CancelCondition {
    fn default() -> Self {
        Self { states: BTreeSet::from([IncidentState::Canceled]) }
    }
}

/// What happens to a resolution timer when a resolved ticket is reopened.
/// Every tool hard-codes one of these; ServiceLab lets a student pick and
/// compare. (A response timer, once met, stays met: a ticket never returns to New.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReopenPolicy {
    /// iTop: the stopwatch stops when the ticket is resolved, keeping the time
    /// already spent, and resumes from that total when the ticket is reopened
    /// (its deadline is recomputed from the goal minus the time spent). The
    /// time spent Resolved does not count and the due time moves later. In
    /// figures this equals GLPI's rule below; iTop shows the gap as time the
    /// stopwatch was stopped, GLPI as waiting time.
    ResumeSameTimer,
    /// GLPI: the time spent Resolved is counted as a pause, as if the ticket
    /// had been waiting; the due time moves later by the business time it covered.
    CountResolvedAsPause,
    /// Jira Service Management: the reopen starts a new cycle with the full
    /// target from the reopen instant. The timer shows the current cycle;
    /// `ever_breached` remembers whether any earlier cycle was missed (Jira's
    /// `everBreached()`), and the timer stays attached since the logging.
    NewCycle,
    /// Znuny (OTRS): the solution time is the first close. A reopen changes
    /// nothing; the figures stay those of the first resolution.
    KeepFirstClose,
    /// ServiceNow's reset condition: the reopen cancels the task SLA and
    /// attaches a fresh one, so the timer starts again from zero with the
    /// full target from the reopen instant, and everything about the earlier
    /// run is forgotten: its breach (`ever_breached` is false until the new
    /// run misses), its thresholds, its pauses, and its attachment (the timer
    /// counts as attached at the reopen). Unlike [`Self::NewCycle`], a
    /// ticket resolved late and reopened looks as if it had never been late;
    /// only the cycle number still tells that the clock started again.
    Restart,
}

impl ReopenPolicy {
    /// Every policy, for a picker.
    pub const ALL: [ReopenPolicy; 5] =
        [Self::ResumeSameTimer, Self::CountResolvedAsPause, Self::NewCycle, Self::KeepFirstClose, Self::Restart];

    /// A short name with the tool that uses it.
    pub fn label(self) -> &'static str {
        match self {
            Self::ResumeSameTimer => "Resume the same timer (iTop)",
            Self::CountResolvedAsPause => "Count time resolved as a pause (GLPI)",
            Self::NewCycle => "Start a new cycle (Jira)",
            Self::KeepFirstClose => "Keep the first resolution (Znuny)",
            Self::Restart => "Restart from zero (ServiceNow reset)",
        }
    }
}

/// The ServiceNow warning thresholds: notify at 50 %, 75 % and 100 % of the target.
pub const DEFAULT_THRESHOLDS: [u16; 3] = [50, 75, 100];

/// Who is told when a timer crosses a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Recipient {
    /// The agent the ticket is assigned to at the crossing, if any.
    Assignee,
    /// The manager of the ticket's assignment group (hierarchical escalation's first step).
    GroupManager,
    /// Everyone in the assignment group, so someone free can pick the ticket up.
    GroupMembers,
    /// The person who reported the ticket (rare for warnings; some customers are promised it).
    Caller,
}

impl Recipient {
    /// Every recipient, for a picker.
    pub const ALL: [Recipient; 4] = [Self::Assignee, Self::GroupManager, Self::GroupMembers, Self::Caller];

    /// The name a form shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Assignee => "Assignee",
            Self::GroupManager => "Group manager",
            Self::GroupMembers => "Group members",
            Self::Caller => "Caller",
        }
    }
}

/// Who is told from a threshold on: the rule with the highest `percent` at or
/// below a crossed threshold decides (so a rule at 75 % also covers 100 % and
/// any reminder after the breach, until a later rule says otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifyRule {
    /// The threshold, in percent of the target, from which the rule applies.
    pub percent: u16,
    /// Who is told.
    pub recipients: BTreeSet<Recipient>,
}

/// ServiceNow's default: the assignee at 50 %; the assignee and the group
/// manager at 75 % and at 100 % (the breach).
pub fn default_notify() -> Vec<NotifyRule> {
    vec![
        NotifyRule { percent: 50, recipients: BTreeSet::from([Recipient::Assignee]) },
        NotifyRule { percent: 75, recipients: BTreeSet::from([Recipient::Assignee, Recipient::GroupManager]) },
    ]
}

/// One SLA, OLA or underpinning contract target, as a service designer writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaDefinition {
    /// Unique id.
    pub id: SlaId,
    /// The name people see, e.g. "P1 resolution".
    pub name: String,
    /// SLA, OLA or underpinning contract.
    pub kind: AgreementKind,
    /// Response or resolution.
    pub metric: Metric,
    /// How much schedule time is allowed, in minutes of the calendar's open
    /// time ("8 business hours" = 480 on any calendar).
    pub target_minutes: u64,
    /// The calendar whose open hours count (see [`super::Calendars`]).
    pub calendar: CalendarId,
    /// Which tickets get this timer.
    pub conditions: Conditions,
    /// When the timer pauses.
    #[serde(default)]
    pub pause: PauseCondition,
    /// When the timer is cancelled.
    #[serde(default)]
    pub cancel: CancelCondition,
    /// Percentages of the target at which people are warned, ascending, each
    /// 1 to 1000 (over 100: reminders after the breach).
    #[serde(default = "default_thresholds")]
    pub thresholds: Vec<u16>,
    /// Who is told when a threshold is crossed (see [`NotifyRule`]). Stored
    /// workspaces written before notifications existed get the default.
    #[serde(default = "default_notify")]
    pub notify: Vec<NotifyRule>,
    /// What a reopened ticket does to the resolution timer.
    pub reopen: ReopenPolicy,
    /// When a ticket starts matching after it was logged (its priority was
    /// raised, say): `true` counts from the logging, as if the definition had
    /// applied all along (ServiceNow's "Retroactive start"); `false` starts
    /// the clock at that moment. See [`super::replay`].
    #[serde(default = "yes")]
    pub retroactive_start: bool,
}

fn yes() -> bool {
    true
}

fn default_thresholds() -> Vec<u16> {
    DEFAULT_THRESHOLDS.to_vec()
}

impl SlaDefinition {
    /// Who is told when the timer crosses `percent`: the rule with the
    /// highest percent at or below it, or nobody when none is.
    pub fn recipients_at(&self, percent: u16) -> Option<&BTreeSet<Recipient>> {
        self.notify.iter().filter(|rule| rule.percent <= percent).max_by_key(|rule| rule.percent).map(|rule| &rule.recipients)
    }
}
