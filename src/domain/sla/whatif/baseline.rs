//! The saved configuration's timers at one moment, replayed once, so that
//! comparing draft after draft only replays what each draft can change.
//!
//! A [`Baseline`] belongs to one state of the workspace and one "now". It
//! notices when the workspace it is given no longer is that state (another
//! configuration, or new tickets or events: histories only grow) and then
//! replays afresh rather than answer wrongly.

use chrono_tz::Tz;

use super::calendar_change::CalendarChange;
use super::steps::{Comparing, Replaying};
use super::tally::Tally;
use super::{Draft, Outcome, WhatIf};
use crate::domain::calendar::BusinessCalendar;
use crate::domain::event::{Change, Field, FieldValue};
use crate::domain::ids::Timestamp;
use crate::domain::priority::PriorityMatrix;
use crate::domain::sla::calendars::Calendars;
use crate::domain::sla::definition::{SlaDefinition, SlaId};
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::Workspace;

/// Every ticket's timers under the saved SLA configuration at one "now": the
/// "before" side of every what-if, kept by a page while a draft is edited.
/// Two baselines are equal when they hold the same rows and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub(super) now: Timestamp,
    pub(super) slas: Vec<SlaDefinition>,
    pub(super) calendars: Calendars,
    pub(super) matrix: PriorityMatrix,
    /// `outcomes[starts[row]..starts[row + 1]]` are the timers of ticket `row`.
    pub(super) starts: Vec<usize>,
    pub(super) outcomes: Vec<(SlaId, Outcome)>,
    /// Each ticket's priority at "now".
    pub(super) priorities: Vec<u8>,
    /// Each ticket's version mark when replayed (see `Workspace::ticket_versions`).
    pub(super) versions: Vec<u64>,
    /// Per ticket, the first instant after "now" at which its row may read
    /// differently with no new event: "now" itself when a timer's clock
    /// runs or is paused, else its next event after "now", if any.
    pub(super) moves_at: Vec<Option<Timestamp>>,
    /// The compliance counts of it all.
    pub(super) tally: Tally,
}

impl Baseline {
    /// Replays every ticket's timers under the workspace's SLA configuration at `now`.
    pub fn new(workspace: &Workspace, now: Timestamp) -> Self {
        let mut steps = Self::begin(workspace, now);
        steps.step(workspace, usize::MAX);
        steps.finish()
    }

    /// The same replay a range of tickets at a time: call
    /// [`Replaying::step`] until it says it is done, then [`Replaying::finish`].
    pub fn begin(workspace: &Workspace, now: Timestamp) -> Replaying<'static> {
        let tickets = workspace.tickets().len();
        let baseline = Baseline {
            now,
            slas: workspace.slas().to_vec(),
            calendars: workspace.calendars().clone(),
            matrix: workspace.matrix().clone(),
            starts: Vec::with_capacity(tickets + 1),
            // Room for exactly the timers in force: a guess that falls short by
            // one doubles the largest vector of the replay.
            outcomes: Vec::with_capacity(workspace.sla_board().timer_count()),
            priorities: Vec::with_capacity(tickets),
            versions: Vec::with_capacity(tickets),
            moves_at: Vec::with_capacity(tickets),
            tally: Tally::default(),
        };
        Replaying::new(baseline, None, tickets)
    }

    /// A new baseline at `now` on `workspace` from this one, a range of
    /// tickets at a time: a ticket whose history did not change and whose timers cannot
    /// have moved since (all met, cancelled or detached, and no event of its
    /// own in between) keeps its row; only the others are replayed. Gives
    /// what [`Baseline::begin`] gives (a changed configuration or an earlier
    /// `now` replays every ticket).
    pub fn advance<'a>(&'a self, workspace: &Workspace, now: Timestamp) -> Replaying<'a> {
        let same_config =
            self.slas == workspace.slas() && self.calendars == *workspace.calendars() && self.matrix == *workspace.matrix();
        let mut steps = Self::begin(workspace, now);
        if same_config && now >= self.now {
            steps.previous = Some(self);
        }
        steps
    }

    /// The moment the timers were read at.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// How many tickets it holds.
    pub fn tickets(&self) -> usize {
        self.priorities.len()
    }

    /// Whether this baseline is still the workspace's state: same SLA
    /// configuration, same tickets with the same histories.
    pub fn fits(&self, workspace: &Workspace) -> bool {
        self.starts.len() == workspace.tickets().len() + 1
            && self.versions == workspace.ticket_versions()
            && self.slas == workspace.slas()
            && self.calendars == *workspace.calendars()
            && self.matrix == *workspace.matrix()
    }

    /// What `draft` would change, compared with this baseline. Refused, with
    /// every problem as a sentence, when the draft does not pass
    /// [`Draft::check`]. A baseline that no longer [`fits`](Self::fits)
    /// the workspace is replayed afresh first.
    pub fn compare(&self, workspace: &Workspace, draft: &Draft) -> Result<WhatIf, Vec<String>> {
        draft.check(workspace)?;
        if !self.fits(workspace) {
            return Ok(Baseline::new(workspace, self.now).compare_checked(workspace, draft));
        }
        Ok(self.compare_checked(workspace, draft))
    }

    /// [`Baseline::compare`] a range of tickets at a time, for a baseline
    /// that [`fits`](Self::fits) the workspace: call [`Comparing::step`]
    /// until it says it is done, then [`Comparing::finish`]. Refused like
    /// `compare` when the draft does not pass [`Draft::check`].
    pub fn comparing<'a>(&'a self, workspace: &Workspace, draft: &'a Draft) -> Result<Comparing<'a>, Vec<String>> {
        draft.check(workspace)?;
        Ok(Comparing::new(self, draft, workspace.tickets().len()))
    }

    /// [`Baseline::compare`] for a checked draft and a fitting workspace.
    pub(super) fn compare_checked(&self, workspace: &Workspace, draft: &Draft) -> WhatIf {
        let mut steps = Comparing::new(self, draft, workspace.tickets().len());
        steps.step(workspace, usize::MAX);
        steps.finish()
    }

    /// The saved timers of ticket `row`.
    pub(super) fn row(&self, row: usize) -> &[(SlaId, Outcome)] {
        &self.outcomes[self.starts[row]..self.starts[row + 1]]
    }
}

/// A definition ready to replay: its calendar found, its priorities as a set.
pub(super) struct Prepared<'a> {
    pub(super) definition: &'a SlaDefinition,
    pub(super) calendar: &'a BusinessCalendar,
    pub(super) zone: Tz,
    priorities: PrioritySet,
    /// For a draft: how it differs from the saved configuration.
    pub(super) status: Status,
}

/// How a draft's definition differs from the saved configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Status {
    /// The same definition on the same calendar: its timers can only differ
    /// where the ticket's priorities do.
    Unchanged,
    /// The same definition on an edited calendar.
    CalendarEdited(CalendarChange),
    /// A new or edited definition.
    Edited,
}

impl Prepared<'_> {
    /// Whether the definition can have a timer on the ticket: right kind,
    /// and a priority it covers at some point before "now".
    pub(super) fn applies(&self, record: &TicketRecord, trail: &Trail) -> bool {
        record.kind == self.definition.conditions.ticket_kind && self.priorities.meets(&trail.ever)
    }
}

/// The definitions whose calendar exists (the others give no timer, as in
/// [`crate::domain::sla::timers`]); `saved` is the configuration a draft is compared with.
pub(super) fn prepare<'a>(slas: &'a [SlaDefinition], calendars: &'a Calendars, saved: Option<(&[SlaDefinition], &Calendars)>) -> Vec<Prepared<'a>> {
    slas.iter()
        .filter_map(|definition| {
            let calendar = calendars.get(definition.calendar)?;
            let status = match saved {
                Some((slas, calendars)) if slas.iter().any(|d| d == definition) => match calendars.get(definition.calendar) {
                    Some(same) if same == calendar => Status::Unchanged,
                    Some(other) => Status::CalendarEdited(CalendarChange::between(other, calendar)),
                    None => Status::Edited,
                },
                _ => Status::Edited,
            };
            let priorities = PrioritySet::of(definition.conditions.priorities.iter().copied());
            Some(Prepared { definition, calendar, zone: calendar.zone(), priorities, status })
        })
        .collect()
}

/// A set of priority values (0 to 255) as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct PrioritySet([u64; 4]);

impl PrioritySet {
    fn of(values: impl Iterator<Item = u8>) -> Self {
        let mut set = Self::default();
        values.for_each(|v| set.insert(v));
        set
    }

    fn insert(&mut self, value: u8) {
        self.0[usize::from(value / 64)] |= 1 << (value % 64);
    }

    fn meets(&self, other: &Self) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

/// The priorities a ticket had up to "now", and the one it has then.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trail {
    pub(super) priority: u8,
    ever: PrioritySet,
}

impl Trail {
    pub(super) fn of(record: &TicketRecord, now: Timestamp) -> Self {
        let mut trail = Trail { priority: 0, ever: PrioritySet::default() };
        for event in record.events.iter().take_while(|e| e.at <= now) {
            match &event.change {
                Change::Created(fields) => trail.priority = fields.priority,
                Change::FieldChanged { field: Field::Priority, new: FieldValue::Level(p), .. } => trail.priority = *p,
                _ => continue,
            }
            trail.ever.insert(trail.priority);
        }
        trail
    }
}
