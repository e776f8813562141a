//! The saved configuration's timers at one moment, replayed once, so that
//! comparing draft after draft only replays what each draft can change.
//!
//! A [`Baseline`] belongs to one state of the workspace and one "now". It
//! notices when the workspace it is given no longer is that state (another
//! configuration, or new tickets or events: histories only grow) and then
//! replays afresh rather than answer wrongly.

use chrono_tz::Tz;

use super::calendar_change::CalendarChange;
use super::remap;
use super::tally::Tally;
use super::{Draft, Outcome, WhatIf};
use crate::domain::calendar::BusinessCalendar;
use crate::domain::event::{Change, Field, FieldValue};
use crate::domain::ids::Timestamp;
use crate::domain::priority::PriorityMatrix;
use crate::domain::sla::calendars::Calendars;
use crate::domain::sla::definition::{SlaDefinition, SlaId};
use crate::domain::sla::replay;
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::Workspace;

/// Every ticket's timers under the saved SLA configuration at one "now": the
/// "before" side of every what-if, kept by a page while a draft is edited.
#[derive(Debug, Clone)]
pub struct Baseline {
    now: Timestamp,
    slas: Vec<SlaDefinition>,
    calendars: Calendars,
    matrix: PriorityMatrix,
    /// Events in the workspace when replayed: any change to history changes it.
    events: usize,
    /// `outcomes[starts[row]..starts[row + 1]]` are the timers of ticket `row`.
    starts: Vec<usize>,
    outcomes: Vec<(SlaId, Outcome)>,
    /// Each ticket's priority at "now".
    priorities: Vec<u8>,
    /// The compliance counts of it all.
    tally: Tally,
}

impl Baseline {
    /// Replays every ticket's timers under the workspace's SLA configuration at `now`.
    pub fn new(workspace: &Workspace, now: Timestamp) -> Self {
        let prepared = prepare(workspace.slas(), workspace.calendars(), None);
        let mut tally = Tally::new(prepared.iter().map(|p| (p.definition.id, p.definition.name.clone(), p.zone)));
        let tickets = workspace.tickets();
        let mut baseline = Baseline {
            now,
            slas: workspace.slas().to_vec(),
            calendars: workspace.calendars().clone(),
            matrix: workspace.matrix().clone(),
            events: event_count(workspace),
            starts: Vec::with_capacity(tickets.len() + 1),
            outcomes: Vec::with_capacity(tickets.len() * 2),
            priorities: Vec::with_capacity(tickets.len()),
            tally: Tally::default(),
        };
        for record in tickets {
            let trail = Trail::of(record, now);
            baseline.starts.push(baseline.outcomes.len());
            for p in prepared.iter().filter(|p| p.applies(record, &trail)) {
                let timer = replay::timer(record, p.definition, p.calendar, now);
                baseline.outcomes.extend(timer.map(|t| (p.definition.id, Outcome::from(&t))));
            }
            let row = &baseline.outcomes[baseline.starts[baseline.starts.len() - 1]..];
            tally.count_before(trail.priority, row);
            baseline.priorities.push(trail.priority);
        }
        baseline.starts.push(baseline.outcomes.len());
        baseline.tally = tally;
        baseline
    }

    /// The moment the timers were read at.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Whether this baseline is still the workspace's state: same SLA
    /// configuration, same tickets and events.
    pub fn fits(&self, workspace: &Workspace) -> bool {
        self.starts.len() == workspace.tickets().len() + 1
            && self.slas == workspace.slas()
            && self.calendars == *workspace.calendars()
            && self.matrix == *workspace.matrix()
            && self.events == event_count(workspace)
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

    /// [`Baseline::compare`] for a checked draft and a fitting workspace.
    pub(super) fn compare_checked(&self, workspace: &Workspace, draft: &Draft) -> WhatIf {
        let after = prepare(&draft.slas, &draft.calendars, Some((&self.slas, &self.calendars)));
        // Definitions whose timers may differ: edited, added or removed, or on an edited calendar.
        let mut touched: Vec<SlaId> = after.iter().filter(|p| p.status != Status::Unchanged).map(|p| p.definition.id).collect();
        touched.extend(self.slas.iter().map(|d| d.id).filter(|id| !after.iter().any(|p| p.definition.id == *id)));
        let same_matrix = draft.matrix == self.matrix;
        let names = after.iter().map(|p| (p.definition.id, p.definition.name.clone(), p.zone));
        let saved_only = prepare(&self.slas, &self.calendars, None);
        let removed = saved_only.iter().filter(|p| !after.iter().any(|a| a.definition.id == p.definition.id));
        let names: Vec<(SlaId, String, Tz)> = names.chain(removed.map(|p| (p.definition.id, p.definition.name.clone(), p.zone))).collect();
        let mut tally = self.tally.clone().with_definitions(names);
        let mut old: Vec<(SlaId, Outcome)> = Vec::new();
        let mut new: Vec<(SlaId, Outcome)> = Vec::new();
        for (row, record) in workspace.tickets().iter().enumerate() {
            let remapped = (!same_matrix && remap::differs(record, &draft.matrix)).then(|| remap::remap(record, &draft.matrix));
            if remapped.is_none() && touched.is_empty() {
                continue;
            }
            let saved = &self.outcomes[self.starts[row]..self.starts[row + 1]];
            let record_after = remapped.as_ref().unwrap_or(record);
            let trail = Trail::of(record_after, self.now);
            // A remapped ticket may change every timer; otherwise only the touched definitions'.
            let redo = |id: SlaId| {
                if remapped.is_some() {
                    return true;
                }
                match after.iter().find(|p| p.definition.id == id).map(|p| (&p.status, p.zone)) {
                    None => touched.contains(&id),
                    Some((Status::Unchanged, _)) => false,
                    Some((Status::Edited, _)) => true,
                    // The calendar decides neither attachment nor start: only a timer the
                    // ticket had, counting through a changed day, can change.
                    Some((Status::CalendarEdited(change), zone)) => {
                        saved.iter().any(|(d, o)| *d == id && change.touches(zone, o.start, o.due))
                    }
                }
            };
            old.clear();
            old.extend(saved.iter().filter(|(id, _)| redo(*id)).copied());
            new.clear();
            for p in after.iter().filter(|p| redo(p.definition.id) && p.applies(record_after, &trail)) {
                let timer = replay::timer(record_after, p.definition, p.calendar, self.now);
                new.extend(timer.map(|t| (p.definition.id, Outcome::from(&t))));
            }
            if !old.is_empty() || !new.is_empty() {
                tally.replace(record, (self.priorities[row], &old), (trail.priority, &new));
            }
        }
        tally.finish(workspace.tickets().len())
    }
}

fn event_count(workspace: &Workspace) -> usize {
    workspace.tickets().iter().map(|r| r.events.len()).sum()
}

/// A definition ready to replay: its calendar found, its priorities as a set.
struct Prepared<'a> {
    definition: &'a SlaDefinition,
    calendar: &'a BusinessCalendar,
    zone: Tz,
    priorities: PrioritySet,
    /// For a draft: how it differs from the saved configuration.
    status: Status,
}

/// How a draft's definition differs from the saved configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
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
    fn applies(&self, record: &TicketRecord, trail: &Trail) -> bool {
        record.kind == self.definition.conditions.ticket_kind && self.priorities.meets(&trail.ever)
    }
}

/// The definitions whose calendar exists (the others give no timer, as in
/// [`crate::domain::sla::timers`]); `saved` is the configuration a draft is compared with.
fn prepare<'a>(slas: &'a [SlaDefinition], calendars: &'a Calendars, saved: Option<(&[SlaDefinition], &Calendars)>) -> Vec<Prepared<'a>> {
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
struct Trail {
    priority: u8,
    ever: PrioritySet,
}

impl Trail {
    fn of(record: &TicketRecord, now: Timestamp) -> Self {
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
