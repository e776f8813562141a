//! What an import will do, worked out before anything is changed.
//!
//! Both imports (a one-row-per-incident export, and ServiceNow's audit log
//! with one row per update) first turn the file into an [`ImportPlan`]: the
//! people, groups, CIs and services to match or create ([`OrgPlan`]), and
//! for every incident the ordered steps of its history ([`Step`]), each with
//! the time and the person the file gives it. The plan is what the preview
//! shows; problems and questions found while planning stop the import.
//! `replay.rs` then carries the plan out through `Workspace::apply`.

use std::collections::{BTreeMap, BTreeSet};

use super::questions::Question;
use crate::domain::{Category, CiId, GroupId, HoldReason, IncidentState, PersonId, ResolutionCode, ServiceId, Timestamp};

/// Something in the file that prevents the import, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based line of the file, when the problem is in one row.
    pub line: Option<usize>,
    /// The column, as the file names it, when one column is at fault.
    pub column: Option<String>,
    /// What is wrong and what to do, in a plain sentence.
    pub message: String,
}

impl Problem {
    /// A problem in one cell.
    pub fn at(line: usize, column: &str, message: impl Into<String>) -> Self {
        Problem { line: Some(line), column: Some(column.to_string()), message: message.into() }
    }
    /// A problem with the whole file.
    pub fn file(message: impl Into<String>) -> Self {
        Problem { line: None, column: None, message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, &self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// Why an import was refused: problems to fix in the file or the mapping,
/// and questions to answer. Nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Refusal {
    /// What is wrong.
    pub problems: Vec<Problem>,
    /// Values that need a person's decision.
    pub questions: Vec<Question>,
}

/// A name the import matches to an existing record or creates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Names {
    /// Names already in the workspace (matched, case-insensitively).
    pub matched: Vec<String>,
    /// Names that will be created.
    pub created: Vec<String>,
}

/// The organisation the file refers to.
#[derive(Debug, Clone, Default)]
pub struct OrgPlan {
    /// Every person named, and whether they work incidents (agents) rather
    /// than only report them (requesters).
    pub people: BTreeMap<String, bool>,
    /// Every group named, with the people assigned its incidents.
    pub groups: BTreeMap<String, BTreeSet<String>>,
    /// Every configuration item named.
    pub cis: BTreeSet<String>,
    /// Every service named.
    pub services: BTreeSet<String>,
}

impl OrgPlan {
    /// Records a person; an agent stays an agent.
    pub fn person(&mut self, name: &str, agent: bool) {
        let slot = self.people.entry(name.to_string()).or_insert(false);
        *slot |= agent;
    }
    /// Records a group and, if given, an agent who works its incidents.
    pub fn group(&mut self, name: &str, member: Option<&str>) {
        let members = self.groups.entry(name.to_string()).or_default();
        if let Some(m) = member {
            members.insert(m.to_string());
            self.person(m, true);
        }
    }
}

/// Ids of the organisation after matching and creating.
#[derive(Debug, Clone, Default)]
pub struct OrgIds {
    /// Person ids by name as the file writes it (normalised).
    pub people: BTreeMap<String, PersonId>,
    /// Group ids by name.
    pub groups: BTreeMap<String, GroupId>,
    /// CI ids by name.
    pub cis: BTreeMap<String, CiId>,
    /// Service ids by name.
    pub services: BTreeMap<String, ServiceId>,
}

/// The fields an incident is created with, by name (resolved to ids when replayed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creation {
    /// One-line summary.
    pub short_description: String,
    /// Details.
    pub description: String,
    /// The caller's name.
    pub caller: String,
    /// Category.
    pub category: Category,
    /// Subcategory text.
    pub subcategory: String,
    /// Service name.
    pub service: Option<String>,
    /// CI name.
    pub ci: Option<String>,
    /// Impact value.
    pub impact: u8,
    /// Urgency value.
    pub urgency: u8,
    /// Group name.
    pub group: Option<String>,
    /// Agent name.
    pub agent: Option<String>,
}

/// One change in an incident's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The incident is logged.
    Create(Box<Creation>),
    /// Category and subcategory change.
    Classify {
        /// New category.
        category: Category,
        /// New subcategory text.
        subcategory: String,
    },
    /// Impact and/or urgency change (priority follows through the matrix).
    Levels {
        /// New impact, if it changed.
        impact: Option<u8>,
        /// New urgency, if it changed.
        urgency: Option<u8>,
    },
    /// The configuration item changes.
    Ci(Option<String>),
    /// Group and agent change (names; `None` clears).
    Assign {
        /// New group.
        group: Option<String>,
        /// New agent.
        agent: Option<String>,
    },
    /// The state changes (with its hold reason or resolution).
    State {
        /// Target state.
        to: IncidentState,
        /// Reason, when `to` is On Hold.
        hold: Option<HoldReason>,
        /// Code and notes, when `to` is Resolved.
        resolution: Option<(ResolutionCode, String)>,
    },
}

/// One step of one incident's history, as the file tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Index of the incident in [`ImportPlan::incidents`].
    pub incident: usize,
    /// When it happened.
    pub at: Timestamp,
    /// Who did it (a name in [`OrgPlan::people`]).
    pub actor: String,
    /// The file line it comes from.
    pub line: usize,
    /// What happened.
    pub action: Action,
}

/// One incident of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedIncident {
    /// Its number in the source tool (or `line N` when the file has none).
    pub source: String,
    /// The line of its first row.
    pub line: usize,
    /// Its one-line summary.
    pub short_description: String,
    /// Its caller.
    pub caller: String,
    /// The state it ends in, as the file says.
    pub final_state: String,
}

/// Everything an import will do.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    /// Data rows read.
    pub rows: usize,
    /// The incidents, in file order.
    pub incidents: Vec<PlannedIncident>,
    /// The organisation referred to.
    pub org: OrgPlan,
    /// Every step of every incident; each incident's steps in order.
    pub steps: Vec<Step>,
    /// What prevents the import.
    pub problems: Vec<Problem>,
    /// What a person must decide first.
    pub questions: Vec<Question>,
    /// Things worth knowing that do not prevent the import (a time that
    /// goes backwards, a priority the matrix computes differently...).
    pub notes: Vec<Problem>,
}
