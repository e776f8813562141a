//! Importing in steps, so a page stays responsive on a large file.
//!
//! [`ImportJob::start`] reads the file (size, JSON, envelope, migration,
//! shape) and checks the organisation and configuration: one piece of work
//! that cannot be split, and most of the time (natively, 400 ms of the 430 ms
//! that parsing and checking 50,000 tickets take; see `benches/exchange.rs`).
//! For an export of the current version, [`ImportJob::streamed`] does the
//! same from a [`StreamRead`] that read the file in slices, each as short
//! as a page needs.
//! [`ImportJob::step`] then checks the next tickets,
//! as many as asked, and reports [`Progress`]; a browser calls it from a
//! timer or `requestAnimationFrame` a few thousand tickets at a time.
//! [`ImportJob::finish`] checks whatever is left, then either builds the
//! workspace's caches and returns it with a [`Preview`], or returns every
//! problem. Nothing existing is touched: the caller decides whether the
//! result becomes a new workspace or replaces the current one.
//!
//! ```
//! use servicelab::domain::demo::demo_workspace;
//! use servicelab::storage::exchange::{ImportJob, export_workspace};
//! # let now = chrono::DateTime::from_timestamp(1_741_600_000, 0).unwrap();
//! let text = export_workspace(&demo_workspace(now), now);
//! let mut job = ImportJob::start(text.as_bytes(), now).unwrap();
//! while !job.is_done() {
//!     let progress = job.step(20);
//!     assert!(progress.checked <= progress.total);
//! }
//! let imported = job.finish().unwrap();
//! assert_eq!(imported.preview.tickets, 50);
//! ```

use super::error::ImportError;
use super::preview::Preview;
use super::read::{Header, Read, read};
use super::stream::StreamRead;
use super::validate::Checker;
use crate::domain::{Assembly, TicketRecord, Timestamp, Workspace};

/// How far an import's checks have come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Tickets checked so far.
    pub checked: usize,
    /// Tickets in the file.
    pub total: usize,
    /// Problems found so far.
    pub problems: usize,
}

impl Progress {
    /// The share done, from 0.0 to 1.0 (1.0 for a file with no tickets).
    pub fn fraction(&self) -> f64 {
        if self.total == 0 { 1.0 } else { self.checked as f64 / self.total as f64 }
    }
}

/// A file that passed every check: the workspace it holds and what is in it.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The workspace, caches built, ready to use or to store.
    pub workspace: Workspace,
    /// Counts and facts to show before the user confirms.
    pub preview: Preview,
}

/// An import under way (see the module notes).
pub struct ImportJob {
    header: Header,
    workspace: Workspace,
    checker: Checker,
    next: usize,
}

impl ImportJob {
    /// Reads `bytes` and checks everything but the tickets. Fails at once
    /// when the file cannot be read or its shape does not fit. `now` is the
    /// clock of a workspace made from a design (a workspace keeps its own).
    pub fn start(bytes: &[u8], now: Timestamp) -> Result<ImportJob, ImportError> {
        Ok(Self::checking(read(bytes, now)?))
    }

    /// Like [`ImportJob::start`], for a file fed to `stream` in slices:
    /// `None` if it is not an export of the current version read without a
    /// hitch. The whole file then goes to [`ImportJob::start`], which says
    /// what is wrong, or migrates it, as it always has.
    pub fn streamed(stream: StreamRead) -> Option<ImportJob> {
        stream.finish().map(Self::checking)
    }

    /// Checks everything but the tickets of what was read.
    fn checking(read: Read) -> ImportJob {
        let checker = Checker::new(&read.workspace, &read.root);
        ImportJob { header: read.header, workspace: read.workspace, checker, next: 0 }
    }

    /// Checks up to `tickets` more tickets (at least one) and says how far it got.
    pub fn step(&mut self, tickets: usize) -> Progress {
        let end = self.next.saturating_add(tickets.max(1)).min(self.workspace.tickets().len());
        self.checker.check_tickets(&self.workspace, self.next..end);
        self.next = end;
        self.progress()
    }

    /// How far the checks have come.
    pub fn progress(&self) -> Progress {
        Progress { checked: self.next, total: self.workspace.tickets().len(), problems: self.checker.problems.total() }
    }

    /// Whether every ticket was checked.
    pub fn is_done(&self) -> bool {
        self.next >= self.workspace.tickets().len()
    }

    /// Checks the tickets left, then returns the workspace with its preview,
    /// or every problem found.
    pub fn finish(self) -> Result<Imported, ImportError> {
        let mut building = self.build()?;
        while !building.step(usize::MAX)? {}
        Ok(building.finish())
    }

    /// Checks the tickets left; if there is no problem, starts building the
    /// workspace's caches (see [`Building`]), else returns every problem.
    pub fn build(mut self) -> Result<Building, ImportError> {
        let total = self.workspace.tickets().len();
        if self.next < total {
            self.step(total - self.next);
        }
        let ImportJob { header, workspace, mut checker, .. } = self;
        if !checker.problems.is_empty() {
            return Err(ImportError::Invalid(checker.problems));
        }
        match workspace.reassemble() {
            Ok((assembly, tickets)) => Ok(Building { header, checker, assembly, tickets: tickets.into_iter() }),
            Err(e) => Err(refused(&mut checker, e)),
        }
    }
}

/// The caches of a checked workspace being built a few tickets at a time
/// (what [`Workspace::rebuild`] does in one go), so that a page can give
/// the browser turns in between.
pub struct Building {
    header: Header,
    checker: Checker,
    assembly: Assembly,
    tickets: std::vec::IntoIter<TicketRecord>,
}

impl Building {
    /// Adds up to `tickets` more tickets (at least one); true once all are in.
    pub fn step(&mut self, tickets: usize) -> Result<bool, ImportError> {
        for _ in 0..tickets.max(1) {
            let Some(record) = self.tickets.next() else { return Ok(true) };
            if let Err(e) = self.assembly.add_record(record) {
                return Err(refused(&mut self.checker, e));
            }
        }
        Ok(self.tickets.len() == 0)
    }

    /// The workspace with its preview, once every ticket is in.
    pub fn finish(self) -> Imported {
        let workspace = self.assembly.finish();
        let preview = Preview::new(&workspace, &self.header, &self.checker.tally);
        Imported { workspace, preview }
    }
}

/// The checks cover what building the caches checks; this is a safety net.
fn refused(checker: &mut Checker, e: crate::domain::DomainError) -> ImportError {
    checker.problems.push("$", e.to_string());
    ImportError::Invalid(std::mem::take(&mut checker.problems))
}

/// Imports a file in one go: [`ImportJob::start`] then [`ImportJob::finish`].
/// Returns the workspace and its preview, or why nothing was imported.
/// `now` is the clock of a workspace made from a design.
pub fn import(bytes: &[u8], now: Timestamp) -> Result<Imported, ImportError> {
    ImportJob::start(bytes, now)?.finish()
}
