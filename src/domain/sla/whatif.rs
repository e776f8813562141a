//! What if the SLAs, calendars or priority matrix were different? A service
//! designer edits a [`Draft`] and sees, before saving, which timers would
//! change stage (achieved ↔ breached, attached or not...) and how compliance
//! would move, per priority, per definition and overall.
//!
//! Because timers are a pure function of (history, definitions, calendars,
//! now), the answer is simply every ticket's timers computed twice: with the
//! saved configuration and with the draft. Nothing is stored or changed.
//!
//! **A draft matrix** changes history itself: a ticket's priority at every
//! point is recomputed from its impact and urgency then, through the draft
//! matrix (see `whatif/remap.rs`), so a draft that makes impact 2 / urgency 1
//! a P1 attaches P1 timers to those tickets from the moment they had those
//! values, as if the matrix had always been so.
//!
//! **Speed** (100,000 tickets must stay interactive): the saved
//! configuration's timers are replayed once into a [`Baseline`], which a
//! page keeps while the draft is edited. Comparing a draft then replays only
//! the timers it can change: those of definitions it adds, removes or edits,
//! those on a calendar it edits (for a holiday added or removed, only the
//! timers counting through that day), and every timer of the tickets whose
//! priority history the draft matrix changes. A timer is replayed only for
//! definitions whose priorities the ticket ever had, and only the tickets
//! whose priorities change are copied.
//!
//! Compliance is grouped by the ticket's priority at "now" under each
//! configuration; see `whatif/compliance.rs` for the formula.

mod baseline;
mod calendar_change;
mod compliance;
mod remap;
mod steps;
mod tally;

use std::collections::BTreeMap;

use chrono_tz::Tz;

pub use baseline::Baseline;
pub use steps::{Comparing, Replaying};
pub use compliance::{Comparison, Compliance};

use super::calendars::Calendars;
use super::definition::{SlaDefinition, SlaId};
use super::explain::words::local_time;
use super::timer::{Stage, Timer};
use super::validate::check_config;
use crate::domain::ids::{TicketId, TicketNumber, Timestamp};
use crate::domain::priority::PriorityMatrix;
use crate::domain::workspace::Workspace;

/// An SLA configuration being edited and not saved yet: calendars,
/// definitions and priority matrix, each a full copy to change freely.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The calendars as edited.
    pub calendars: Calendars,
    /// The SLA definitions as edited.
    pub slas: Vec<SlaDefinition>,
    /// The priority matrix as edited.
    pub matrix: PriorityMatrix,
}

impl Draft {
    /// The workspace's configuration as it stands: the starting point of an edit.
    pub fn current(workspace: &Workspace) -> Self {
        Self { calendars: workspace.calendars().clone(), slas: workspace.slas().to_vec(), matrix: workspace.matrix().clone() }
    }

    /// Every reason the draft cannot be compared, as sentences: the problems
    /// [`check_config`] finds in the calendars and definitions, a malformed
    /// matrix, and impact/urgency values of existing tickets the draft
    /// matrix gives no priority for (with how many tickets, and which).
    pub fn check(&self, workspace: &Workspace) -> Result<(), Vec<String>> {
        let mut problems = check_config(&self.calendars, &self.slas).err().unwrap_or_default();
        if let Err(error) = self.matrix.validate() {
            problems.push(format!("priority matrix: {error}"));
        } else if self.matrix != *workspace.matrix() {
            let mut unmapped: BTreeMap<String, Vec<TicketNumber>> = BTreeMap::new();
            for record in workspace.tickets() {
                if let Some(error) = remap::unmapped(record, &self.matrix) {
                    unmapped.entry(error.to_string()).or_default().push(record.number);
                }
            }
            for (error, numbers) in unmapped {
                let shown: Vec<String> = numbers.iter().take(3).map(ToString::to_string).collect();
                let more = if numbers.len() > 3 { ", ..." } else { "" };
                let count = if numbers.len() == 1 { "1 ticket".to_string() } else { format!("{} tickets", numbers.len()) };
                problems.push(format!("priority matrix: {error} ({count} had those values: {}{more})", shown.join(", ")));
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }
}

/// How one timer differs between the saved configuration and the draft,
/// in the order a list shows them (the most consequential first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Breached under the draft, not before (achieved, in progress, paused,
    /// or not attached at all).
    Breaches,
    /// Breached before, not under the draft.
    StopsBreaching,
    /// Attached only under the draft (not breached).
    Attaches,
    /// Attached only before.
    Detaches,
    /// Another change of stage (in progress → achieved, achieved → cancelled...).
    Stage,
    /// Same stage (not cancelled), another due time.
    DueMoves,
}

impl ChangeKind {
    /// A short label for a list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Breaches => "would breach",
            Self::StopsBreaching => "would no longer breach",
            Self::Attaches => "would attach",
            Self::Detaches => "would no longer attach",
            Self::Stage => "would change stage",
            Self::DueMoves => "due time would move",
        }
    }
}

/// A timer's outcome as a what-if compares it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// When the clock of its current cycle started.
    pub start: Timestamp,
    /// Where it stands at "now".
    pub stage: Stage,
    /// When it is (or was) due.
    pub due: Timestamp,
    /// Business elapsed as a percentage of the target.
    pub percent: f64,
}

impl From<&Timer> for Outcome {
    fn from(timer: &Timer) -> Self {
        Self { start: timer.start, stage: timer.stage, due: timer.due, percent: timer.percent }
    }
}

/// One timer that the draft would change.
#[derive(Debug, Clone, PartialEq)]
pub struct TimerChange {
    /// The ticket.
    pub ticket: TicketId,
    /// Its number, e.g. `INC0001001`.
    pub number: TicketNumber,
    /// The definition.
    pub definition: SlaId,
    /// The definition's name (the draft's, when it has one).
    pub definition_name: String,
    /// What kind of change.
    pub kind: ChangeKind,
    /// With the saved configuration; `None` when it did not attach.
    pub before: Option<Outcome>,
    /// With the draft; `None` when it would not attach.
    pub after: Option<Outcome>,
    /// The time zone of the definition's calendar, to show due times in.
    pub zone: Tz,
}

impl TimerChange {
    /// One line, e.g. `INC0001001, "P2 resolution (8 h)": would breach: Achieved (due ...) → Breached (due ...)`.
    pub fn describe(&self) -> String {
        let side = |outcome: &Option<Outcome>| match outcome {
            Some(o) => format!("{} (due {})", o.stage.label(), local_time(self.zone, o.due)),
            None => "not attached".to_string(),
        };
        format!("{}, \"{}\": {}: {} → {}", self.number, self.definition_name, self.kind.label(), side(&self.before), side(&self.after))
    }
}

/// Compliance of one definition before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionCompliance {
    /// The definition.
    pub definition: SlaId,
    /// Its name (the draft's, when it has one).
    pub name: String,
    /// Before and after.
    pub compliance: Comparison,
}

/// What a draft would change.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// Every timer that would change, most consequential first, then by
    /// ticket number and definition.
    pub changes: Vec<TimerChange>,
    /// Compliance per priority (the ticket's priority at "now" under each
    /// configuration), lowest value first.
    pub by_priority: BTreeMap<u8, Comparison>,
    /// Compliance per definition: the draft's, in order, then those it removes.
    pub by_definition: Vec<DefinitionCompliance>,
    /// Compliance over every timer.
    pub overall: Comparison,
    /// Tickets compared.
    pub tickets: usize,
    /// Timers with the saved configuration.
    pub timers_before: usize,
    /// Timers with the draft.
    pub timers_after: usize,
}

impl WhatIf {
    /// How many changes of each kind, in list order, kinds with none left out.
    pub fn counts(&self) -> Vec<(ChangeKind, usize)> {
        let mut counts: BTreeMap<ChangeKind, usize> = BTreeMap::new();
        for change in &self.changes {
            *counts.entry(change.kind).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// The answer in a few sentences: what changes, and compliance overall
    /// and per priority ("P2: 80.00 % (8 achieved of 10 finished) → ...").
    pub fn sentences(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.changes.is_empty() {
            out.push(format!("No timer of the {} tickets would change.", self.tickets));
        } else {
            let counts: Vec<String> = self.counts().iter().map(|(kind, n)| format!("{n} {}", kind.label())).collect();
            out.push(format!("{} timers of the {} tickets would change: {}.", self.changes.len(), self.tickets, counts.join(", ")));
        }
        out.push(format!("Compliance overall: {}.", self.overall.describe()));
        out.extend(self.by_priority.iter().map(|(p, c)| format!("Compliance of P{p}: {}.", c.describe())));
        out
    }
}

/// Compares every ticket's timers at `now` under the workspace's SLA
/// configuration and under `draft`. Refused, with every problem as a
/// sentence, when the draft does not pass [`Draft::check`].
///
/// This replays the saved configuration first; a page comparing draft
/// after draft keeps a [`Baseline`] instead and calls [`Baseline::compare`].
pub fn whatif(workspace: &Workspace, draft: &Draft, now: Timestamp) -> Result<WhatIf, Vec<String>> {
    draft.check(workspace)?;
    Ok(Baseline::new(workspace, now).compare_checked(workspace, draft))
}

/// How a timer changed, if it did.
fn kind_of(before: Option<Outcome>, after: Option<Outcome>) -> Option<ChangeKind> {
    let breached = |o: Option<Outcome>| o.is_some_and(|o| o.stage == Stage::Breached);
    Some(match (before, after) {
        (None, None) => return None,
        (b, a) if breached(a) && !breached(b) => ChangeKind::Breaches,
        (b, a) if breached(b) && !breached(a) && a.is_some() => ChangeKind::StopsBreaching,
        (None, Some(_)) => ChangeKind::Attaches,
        (Some(_), None) => ChangeKind::Detaches,
        (Some(b), Some(a)) if b.stage != a.stage => ChangeKind::Stage,
        // A cancelled timer's due time no longer matters to anyone.
        (Some(b), Some(a)) if b.due != a.due && b.stage != Stage::Cancelled => ChangeKind::DueMoves,
        _ => return None,
    })
}
