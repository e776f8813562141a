//! The two long parts of a what-if, each done a range of tickets at a time,
//! so that a page can give the browser a turn between ranges and show how
//! far it got: replaying the saved configuration ([`Replaying`], which makes
//! a [`Baseline`]) and comparing a draft with it ([`Comparing`]).
//!
//! Stepping changes nothing in the answer: each ticket is handled exactly
//! as the one-shot [`Baseline::new`] and [`Baseline::compare`] handle it
//! (they are these steps run over every ticket at once), and the counts only
//! add up what the tickets give, in ticket order.

use chrono_tz::Tz;

use super::baseline::{Baseline, Prepared, Status, Trail, prepare};
use super::remap;
use super::tally::Tally;
use super::{Draft, Outcome, WhatIf};
use crate::domain::ids::Timestamp;
use crate::domain::sla::definition::SlaId;
use crate::domain::sla::replay;
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::Workspace;

/// A [`Baseline`] being replayed: from [`Baseline::begin`] or [`Baseline::advance`].
#[derive(Debug)]
pub struct Replaying<'a> {
    /// The rows replayed so far (its counts are put in at the end).
    baseline: Baseline,
    /// An earlier baseline whose rows may be kept.
    pub(super) previous: Option<&'a Baseline>,
    tally: Tally,
    total: usize,
}

impl<'a> Replaying<'a> {
    pub(super) fn new(baseline: Baseline, previous: Option<&'a Baseline>, total: usize) -> Self {
        let prepared = prepare(&baseline.slas, &baseline.calendars, None);
        let tally = Tally::new(prepared.iter().map(|p| (p.definition.id, p.definition.name.clone(), p.zone)));
        Replaying { baseline, previous, tally, total }
    }

    /// Replays the next `rows` tickets (fewer at the end); true once every
    /// ticket of `workspace` is done.
    pub fn step(&mut self, workspace: &Workspace, rows: usize) -> bool {
        let prepared = prepare(&self.baseline.slas, &self.baseline.calendars, None);
        let tickets = workspace.tickets();
        let versions = workspace.ticket_versions();
        let now = self.baseline.now;
        let from = self.baseline.priorities.len();
        let to = from.saturating_add(rows).min(tickets.len());
        for (row, record) in tickets.iter().enumerate().take(to).skip(from) {
            let version = versions.get(row).copied().unwrap_or_default();
            let start = self.baseline.outcomes.len();
            self.baseline.starts.push(start);
            let kept = self.previous.filter(|p| keeps(p, row, version, now));
            let (priority, moves_at) = match kept {
                Some(p) => {
                    self.baseline.outcomes.extend_from_slice(p.row(row));
                    (p.priorities[row], p.moves_at[row])
                }
                None => replay_row(record, &prepared, now, &mut self.baseline.outcomes),
            };
            self.tally.count_before(priority, &self.baseline.outcomes[start..]);
            self.baseline.priorities.push(priority);
            self.baseline.versions.push(version);
            self.baseline.moves_at.push(moves_at);
        }
        to >= tickets.len()
    }

    /// Tickets done, and tickets in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.baseline.priorities.len(), self.total)
    }

    /// The baseline, once every step is done.
    pub fn finish(mut self) -> Baseline {
        self.baseline.starts.push(self.baseline.outcomes.len());
        self.baseline.tally = self.tally;
        self.baseline
    }
}

/// Whether `previous`'s row for ticket `row` still holds at `now`: the same
/// history, and no timer that moves with the clock nor event in between.
fn keeps(previous: &Baseline, row: usize, version: u64, now: Timestamp) -> bool {
    row < previous.tickets()
        && previous.versions[row] == version
        && (now == previous.now || previous.moves_at[row].is_none_or(|at| now < at))
}

/// Replays one ticket's timers at `now` into `out`; gives its priority then
/// and the first instant its row may change (see `Baseline::moves_at`).
fn replay_row(
    record: &TicketRecord,
    prepared: &[Prepared],
    now: Timestamp,
    out: &mut Vec<(SlaId, Outcome)>,
) -> (u8, Option<Timestamp>) {
    let trail = Trail::of(record, now);
    let mut moves_at = record.events.iter().map(|e| e.at).filter(|&at| at > now).min();
    for p in prepared.iter().filter(|p| p.applies(record, &trail)) {
        let Some(replayed) = replay::replay(record, p.definition, p.calendar, now) else { continue };
        if replayed.detached.is_none() && replayed.run.is_live() {
            // Running or paused: its figures or its due time move with the clock.
            moves_at = Some(now);
        }
        out.push((p.definition.id, Outcome::from(&replayed.read(p.definition, p.calendar, now))));
    }
    (trail.priority, moves_at)
}

/// A draft being compared with a [`Baseline`]: from [`Baseline::comparing`].
pub struct Comparing<'a> {
    baseline: &'a Baseline,
    draft: &'a Draft,
    after: Vec<Prepared<'a>>,
    /// Definitions whose timers may differ: edited, added or removed, or on an edited calendar.
    touched: Vec<SlaId>,
    same_matrix: bool,
    tally: Tally,
    next: usize,
    total: usize,
    old: Vec<(SlaId, Outcome)>,
    new: Vec<(SlaId, Outcome)>,
}

impl<'a> Comparing<'a> {
    pub(super) fn new(baseline: &'a Baseline, draft: &'a Draft, total: usize) -> Self {
        let after = prepare(&draft.slas, &draft.calendars, Some((&baseline.slas, &baseline.calendars)));
        let mut touched: Vec<SlaId> = after.iter().filter(|p| p.status != Status::Unchanged).map(|p| p.definition.id).collect();
        touched.extend(baseline.slas.iter().map(|d| d.id).filter(|id| !after.iter().any(|p| p.definition.id == *id)));
        let names = after.iter().map(|p| (p.definition.id, p.definition.name.clone(), p.zone));
        let saved_only = prepare(&baseline.slas, &baseline.calendars, None);
        let removed = saved_only.iter().filter(|p| !after.iter().any(|a| a.definition.id == p.definition.id));
        let names: Vec<(SlaId, String, Tz)> = names.chain(removed.map(|p| (p.definition.id, p.definition.name.clone(), p.zone))).collect();
        let tally = baseline.tally.clone().with_definitions(names);
        let same_matrix = draft.matrix == baseline.matrix;
        Comparing { baseline, draft, after, touched, same_matrix, tally, next: 0, total, old: Vec::new(), new: Vec::new() }
    }

    /// Compares the next `rows` tickets (fewer at the end); true once every
    /// ticket is done.
    pub fn step(&mut self, workspace: &Workspace, rows: usize) -> bool {
        let Comparing { baseline, draft, after, touched, same_matrix, tally, next, old, new, .. } = self;
        let tickets = workspace.tickets();
        let end = tickets.len().min(baseline.tickets());
        let to = next.saturating_add(rows).min(end);
        for (row, record) in tickets.iter().enumerate().take(to).skip(*next) {
            let remapped = (!*same_matrix && remap::differs(record, &draft.matrix)).then(|| remap::remap(record, &draft.matrix));
            if remapped.is_none() && touched.is_empty() {
                continue;
            }
            let saved = baseline.row(row);
            let record_after = remapped.as_ref().unwrap_or(record);
            let trail = Trail::of(record_after, baseline.now);
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
                let timer = replay::timer(record_after, p.definition, p.calendar, baseline.now);
                new.extend(timer.map(|t| (p.definition.id, Outcome::from(&t))));
            }
            if !old.is_empty() || !new.is_empty() {
                tally.replace(record, (baseline.priorities[row], old), (trail.priority, new));
            }
        }
        *next = to;
        to >= end
    }

    /// Tickets done, and tickets in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.total)
    }

    /// The answer, once every step is done.
    pub fn finish(self) -> WhatIf {
        self.tally.finish(self.total)
    }
}
