//! The SLA board of a new configuration, built a range of tickets at a time
//! before the configuration is saved, so that saving definitions and
//! calendars on 100,000 tickets never freezes the page.
//!
//! Saving stays one command (`SetSlaConfig`, applied with
//! `Workspace::apply_with_board`): the board built beforehand is only put in
//! place of the one the command would build, and only if it was built for
//! the very definitions and calendars the command saves. Tickets whose
//! history moved while the board was being built (an auto-close on a clock
//! tick, a notification recorded as the command is applied) are replayed
//! again then, so the board put in place is exactly [`SlaBoard::build`]'s
//! over the workspace as the command finds it.

use super::board::SlaBoard;
use super::calendars::Calendars;
use super::definition::SlaDefinition;
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::Workspace;

/// A board being built for new definitions and calendars.
#[derive(Debug, Clone)]
pub struct BoardRebuild {
    board: SlaBoard,
    /// The version mark of each ticket replayed, by row.
    versions: Vec<u64>,
    total: usize,
}

impl BoardRebuild {
    /// Nothing replayed yet, for a workspace of `tickets` tickets.
    pub fn new(calendars: &Calendars, slas: &[SlaDefinition], tickets: usize) -> Self {
        let mut board = SlaBoard::empty(slas, calendars);
        board.reserve(tickets);
        BoardRebuild { board, versions: Vec::with_capacity(tickets), total: tickets }
    }

    /// Replays the next `rows` tickets of `workspace` (fewer at the end);
    /// true once every ticket is done.
    pub fn step(&mut self, workspace: &Workspace, rows: usize) -> bool {
        let tickets = workspace.tickets();
        let versions = workspace.ticket_versions();
        let from = self.versions.len();
        let to = from.saturating_add(rows).min(tickets.len());
        for (row, record) in tickets.iter().enumerate().take(to).skip(from) {
            self.board.refresh(record);
            self.versions.push(versions.get(row).copied().unwrap_or_default());
        }
        to >= tickets.len()
    }

    /// Tickets done, and tickets in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.versions.len(), self.total)
    }

    /// Whether it is being built for these definitions and calendars.
    pub(crate) fn is_for(&self, calendars: &Calendars, slas: &[SlaDefinition]) -> bool {
        self.board.definitions() == slas && self.board.calendars() == calendars
    }

    /// The board of `records` (whose version marks are `versions`): every
    /// ticket not replayed yet, or whose history moved since, is replayed now.
    pub(crate) fn finish(self, records: &[TicketRecord], versions: &[u64]) -> SlaBoard {
        if self.versions.len() > records.len() {
            // Built over another list of tickets: nothing of it can be trusted.
            return SlaBoard::build(records, self.board.definitions(), self.board.calendars());
        }
        let mut board = self.board;
        for (row, record) in records.iter().enumerate() {
            if self.versions.get(row) != versions.get(row) {
                board.refresh(record);
            }
        }
        board
    }
}
