//! The SLA board of a new configuration, worked out a range of tickets at a
//! time before the configuration is saved, so that saving definitions and
//! calendars on 100,000 tickets never freezes the page.
//!
//! A timer is a function of the ticket's history, its definition and that
//! definition's calendar alone. So only the timers of definitions the new
//! configuration adds or edits, or whose calendar it edits, are replayed;
//! the board keeps every other timer as it is, and drops those of
//! definitions removed or edited. Editing one target of a 100,000-ticket
//! workspace thus replays the timers of that definition only, and the save
//! needs memory for those alone rather than for a second board.
//!
//! Saving stays one command (`SetSlaConfig`, applied with
//! `Workspace::apply_with_board`): what was replayed beforehand is only put
//! in the board if it was replayed for the very definitions and calendars
//! the command saves, from the configuration the board is under then.
//! Tickets whose history moved while the replay went on (an auto-close on a
//! clock tick, a notification recorded as the command is applied) are
//! replayed again then, so the board is exactly [`SlaBoard::build`]'s over
//! the workspace as the command finds it, but for crossings already settled.
//! A save without steps (`Workspace::apply`) does the same in one go.

use super::board::{Kept, SlaBoard};
use super::calendars::Calendars;
use super::definition::SlaDefinition;
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::Workspace;

/// The timers of new definitions and calendars, being replayed.
#[derive(Debug, Clone)]
pub struct BoardRebuild {
    /// A board under the new configuration, with no rows: it replays the timers to add.
    target: SlaBoard,
    /// The configuration the workspace was under when the replay began.
    old: (Vec<SlaDefinition>, Calendars),
    /// For each old definition, its position among the new ones when its timers are kept.
    from_old: Vec<Option<usize>>,
    /// For each new definition, whether its timers are replayed.
    replayed: Vec<bool>,
    /// The timers replayed, by position of the ticket, for tickets that have any.
    added: Vec<(usize, Vec<Kept>)>,
    /// The version mark of each ticket replayed, by position.
    versions: Vec<u64>,
    total: usize,
}

impl BoardRebuild {
    /// Nothing replayed yet: the timers of `workspace` under these calendars and definitions.
    pub fn new(workspace: &Workspace, calendars: &Calendars, slas: &[SlaDefinition]) -> Self {
        let (old_slas, old_calendars) = (workspace.slas(), workspace.calendars());
        let same = |old: &SlaDefinition, new: &SlaDefinition| {
            old == new && old_calendars.get(old.calendar).is_some_and(|c| calendars.get(new.calendar) == Some(c))
        };
        let mut from_old = vec![None; old_slas.len()];
        let mut replayed = vec![true; slas.len()];
        for (position, new) in slas.iter().enumerate() {
            if let Some(old) = old_slas.iter().position(|old| same(old, new))
                && from_old[old].is_none()
            {
                from_old[old] = Some(position);
                replayed[position] = false;
            }
        }
        let tickets = workspace.tickets().len();
        BoardRebuild {
            target: SlaBoard::empty(slas, calendars),
            old: (old_slas.to_vec(), old_calendars.clone()),
            from_old,
            replayed,
            added: Vec::new(),
            versions: Vec::with_capacity(tickets),
            total: tickets,
        }
    }

    /// Replays the next `rows` tickets of `workspace` (fewer at the end);
    /// true once every ticket is done.
    pub fn step(&mut self, workspace: &Workspace, rows: usize) -> bool {
        let tickets = workspace.tickets();
        let versions = workspace.ticket_versions();
        let from = self.versions.len();
        let to = from.saturating_add(rows).min(tickets.len());
        let any = self.replayed.contains(&true);
        for (row, record) in tickets.iter().enumerate().take(to).skip(from) {
            if any {
                let timers = self.target.replay_some(record, |position| self.replayed[position]);
                if !timers.is_empty() {
                    self.added.push((row, timers));
                }
            }
            self.versions.push(versions.get(row).copied().unwrap_or_default());
        }
        to >= tickets.len()
    }

    /// Tickets done, and tickets in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.versions.len(), self.total)
    }

    /// How many timers were replayed so far.
    pub fn timers_replayed(&self) -> usize {
        self.added.iter().map(|(_, timers)| timers.len()).sum()
    }

    /// Whether it is being built for these definitions and calendars.
    pub(crate) fn is_for(&self, calendars: &Calendars, slas: &[SlaDefinition]) -> bool {
        self.target.definitions() == slas && self.target.calendars() == calendars
    }

    /// Puts `board`, the board of `records` (whose version marks are
    /// `versions`), under the new configuration: every ticket not replayed
    /// yet, or whose history moved since, is replayed whole now. A board no
    /// longer under the configuration the replay began from is built afresh.
    pub(crate) fn finish(self, board: &mut SlaBoard, records: &[TicketRecord], versions: &[u64]) {
        let BoardRebuild { target, old, from_old, added, versions: replayed_at, .. } = self;
        let (slas, calendars) = (target.definitions().to_vec(), target.calendars().clone());
        if replayed_at.len() > records.len() || board.definitions() != old.0 || *board.calendars() != old.1 {
            *board = SlaBoard::build(records, &slas, &calendars);
            return;
        }
        board.reconfigure(slas, calendars, &from_old, added, records, |row| replayed_at.get(row) != versions.get(row));
    }
}
