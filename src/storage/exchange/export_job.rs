//! An export written a bounded amount at a time, so that the page can draw
//! and answer between steps: written at once, a workspace of 100,000
//! tickets holds a browser tab for seconds.
//!
//! [`ExportJob`] writes exactly the bytes of [`export`](super::export): what
//! comes before the tickets, then the tickets a few at a time, then what
//! follows them. The text around the tickets is cut out of one writing of
//! the envelope in which two stand-ins ([`Spots`]) take the tickets' place,
//! so every separator and indentation comes from the same writer as in a
//! whole export; each ticket is then written by a writer standing where it
//! would be in the list.
//!
//! **One moment.** The workspace is handed to every step and may have
//! changed in between (an edit, another tab's save, an auto-close). A
//! [`Moment`] taken when the job starts tells: every ticket's version mark
//! (renewed whenever the ticket gets an event and never given twice, see
//! [`Versions`](crate::domain::workspace::Versions)) and the rest of the
//! workspace as JSON. A step that finds anything changed stops with
//! [`StepError::Changed`], so what was written is thrown away: no file ever
//! mixes two moments. The CSV exports step the same way
//! ([`crate::storage::csv::export::CsvExportJob`]).

use std::cell::Cell;
use std::fmt;
use std::io::{self, Write};

use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::export::{Scope, Style, export_to, write_envelope};
use super::layout::RecordLayout;
use crate::domain::{TicketRecord, Timestamp, Workspace};
use crate::storage::parts::head_json;

/// What a workspace holds at one moment, to tell later whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    marks: Vec<u64>,
    head: String,
}

impl Moment {
    /// The workspace as it is now.
    pub fn of(ws: &Workspace) -> Self {
        Self { marks: ws.ticket_versions().to_vec(), head: head_json(ws) }
    }

    /// Whether `ws` holds what it held at this moment: the same tickets
    /// with the same histories, and the same everything else.
    pub fn holds(&self, ws: &Workspace) -> bool {
        ws.ticket_versions() == self.marks.as_slice() && head_json(ws) == self.head
    }
}

/// Why a step stopped.
#[derive(Debug)]
pub enum StepError {
    /// The workspace changed since the job started: what was written so far
    /// must be thrown away.
    Changed,
    /// The output refused the bytes.
    Write(io::Error),
}

impl From<io::Error> for StepError {
    fn from(e: io::Error) -> Self {
        Self::Write(e)
    }
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Changed => f.write_str("the workspace changed while it was being exported"),
            Self::Write(e) => write!(f, "the file could not be written ({e})"),
        }
    }
}

impl std::error::Error for StepError {}

/// The text around the tickets: before the first, between two, after the last.
struct Frame {
    head: Vec<u8>,
    between: Vec<u8>,
    tail: Vec<u8>,
}

/// An export written in steps: [`ExportJob`] (JSON) and
/// [`CsvExportJob`](crate::storage::csv::export::CsvExportJob).
pub trait ExportSteps {
    /// How many tickets (or incidents) the export holds.
    fn total(&self) -> usize;

    /// How many of them are written so far.
    fn written(&self) -> usize;

    /// Writes the next part of the export to `out`: up to `budget` tickets
    /// or incidents (at least one), with whatever comes before or after
    /// them. Returns whether the export is complete. `ws` must be the
    /// workspace the job was made from; if it changed since, nothing is
    /// written and the step fails with [`StepError::Changed`]. After an
    /// error the job is spent.
    fn step(&mut self, ws: &Workspace, out: &mut dyn Write, budget: usize) -> Result<bool, StepError>;
}

/// A JSON export in steps: the same bytes as [`export`](super::export) for
/// the workspace as it was when the job started.
pub struct ExportJob {
    scope: Scope,
    exported_at: Timestamp,
    style: Style,
    moment: Moment,
    /// `None` when the export is written in one step (a design, or no tickets).
    frame: Option<Frame>,
    next: usize,
    total: usize,
    done: bool,
}

impl ExportJob {
    /// A job exporting `ws` (all of it, or its design) as it is now.
    pub fn new(ws: &Workspace, scope: Scope, exported_at: Timestamp, style: Style) -> Self {
        let total = if scope == Scope::Workspace { ws.tickets().len() } else { 0 };
        let frame = (total > 0).then(|| frame(ws, scope, exported_at, style));
        Self { scope, exported_at, style, moment: Moment::of(ws), frame, next: 0, total, done: false }
    }
}

impl ExportSteps for ExportJob {
    /// Tickets.
    fn total(&self) -> usize {
        self.total
    }

    fn written(&self) -> usize {
        self.next
    }

    fn step(&mut self, ws: &Workspace, out: &mut dyn Write, budget: usize) -> Result<bool, StepError> {
        if self.done {
            return Ok(true);
        }
        if !self.moment.holds(ws) {
            return Err(StepError::Changed);
        }
        let Some(frame) = &self.frame else {
            export_to(ws, self.scope, self.exported_at, self.style, &mut *out)?;
            self.done = true;
            return Ok(true);
        };
        if self.next == 0 {
            out.write_all(&frame.head)?;
        }
        let end = self.total.min(self.next + budget.max(1));
        for (row, ticket) in ws.tickets()[self.next..end].iter().enumerate() {
            if self.next + row > 0 {
                out.write_all(&frame.between)?;
            }
            write_ticket(ticket, self.style, &mut *out)?;
        }
        self.next = end;
        if end == self.total {
            out.write_all(&frame.tail)?;
            self.done = true;
        }
        Ok(self.done)
    }
}

/// One ticket, as it is written inside the export's list of tickets.
fn write_ticket<W: Write>(ticket: &TicketRecord, style: Style, out: W) -> io::Result<()> {
    let written = match style {
        Style::Records => ticket.serialize(&mut serde_json::Serializer::with_formatter(out, RecordLayout::in_tickets())),
        Style::Compact => ticket.serialize(&mut serde_json::Serializer::new(out)),
    };
    written.map_err(io::Error::from)
}

/// What a stand-in is written as.
const NULL: &[u8] = b"null";

/// The export with two stand-ins for its tickets, cut at them.
fn frame(ws: &Workspace, scope: Scope, exported_at: Timestamp, style: Style) -> Frame {
    let len = Cell::new(0);
    let at = [Cell::new(0), Cell::new(0)];
    let spots = Spots { len: &len, at: &at };
    let mut counted = Counted { bytes: Vec::new(), len: &len };
    write_envelope(ws, scope, exported_at, style, Some(&spots), &mut counted).expect("a workspace always serializes to JSON");
    let bytes = counted.bytes;
    let (first, second) = (at[0].get(), at[1].get());
    let stand_in = |at: usize| bytes.get(at..at + NULL.len()) == Some(NULL);
    assert!(first < second && stand_in(first) && stand_in(second), "both stand-ins were written where noted");
    let mut tail = bytes[second + NULL.len()..].to_vec();
    tail.push(b'\n');
    Frame { head: bytes[..first].to_vec(), between: bytes[first + NULL.len()..second].to_vec(), tail }
}

/// Two stand-ins for the tickets, each written as `null` and noting how
/// many bytes came before it.
pub(super) struct Spots<'a> {
    len: &'a Cell<usize>,
    at: &'a [Cell<usize>; 2],
}

impl Serialize for Spots<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.at.len()))?;
        for at in self.at {
            list.serialize_element(&Spot { len: self.len, at })?;
        }
        list.end()
    }
}

/// One stand-in.
struct Spot<'a> {
    len: &'a Cell<usize>,
    at: &'a Cell<usize>,
}

impl Serialize for Spot<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.at.set(self.len.get());
        serializer.serialize_unit()
    }
}

/// Bytes written, their count kept where a [`Spot`] reads it.
struct Counted<'a> {
    bytes: Vec<u8>,
    len: &'a Cell<usize>,
}

impl Write for Counted<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(bytes);
        self.len.set(self.bytes.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
