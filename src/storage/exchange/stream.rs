//! Reading an export of the current version in slices, as they come from
//! the file, so that a browser never holds the whole file and can draw in
//! between.
//!
//! A [`StreamRead`] takes the file's bytes in pieces cut anywhere (inside a
//! UTF-8 character, inside a string escape). It scans them for JSON's
//! structure (strings, escapes, nesting), which is all ASCII, and finds the
//! list at `workspace.tickets`. Each ticket in that list is read into its
//! [`TicketRecord`] as soon as its last byte has come, and its bytes are
//! dropped. Every other byte (the envelope, the organisation, the
//! configuration, the clock: a few hundred kilobytes at most) is kept, with
//! the list left empty, and read at the end by the same code that reads a
//! whole current export ([`super::read::current_export`]). The workspace is
//! then the one [`super::read::read`] makes of the same file.
//!
//! Only that common case is read here. Anything else (an older version, a
//! design, a bare workspace, a ticket or a list that does not read, a key
//! written with escapes, invalid text, nesting deeper than any export's)
//! makes the reader give up: [`StreamRead::feed`] returns false and
//! [`StreamRead::finish`] `None`, and the caller reads the whole file with
//! [`super::ImportJob::start`], which says what is wrong as it always has.

use super::MAX_IMPORT_BYTES;
use super::read::{Read, current_export};
use crate::domain::TicketRecord;

/// Nesting beyond this gives up: exports nest about 10 deep, and the JSON
/// reader's own limit (see [`super::MAX_NESTING`]) is left for the whole
/// file to report.
const MAX_DEPTH: usize = 64;

/// Where the scan is in the file as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Nothing read yet: a byte-order mark may come.
    Start,
    /// Inside a byte-order mark, this many of its bytes seen.
    Mark(u8),
    /// In the document (or the whitespace before it).
    Body,
    /// After the document's last `}`: only whitespace may follow.
    End,
}

/// Where the bytes being scanned go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    /// Kept, to be read at the end.
    Head,
    /// A ticket of the list, read as soon as it is complete.
    Ticket,
    /// Between the tickets of the list: commas and whitespace, dropped.
    Between,
}

/// In the ticket list, what was last seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Opened,
    Comma,
    Ticket,
}

/// The keys that matter, at the top level and in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Workspace,
    Tickets,
    Other,
    /// A key written with escapes: it might stand for one of the above.
    Escaped,
}

/// The longest key worth spelling out ("workspace").
const WORD: usize = 9;

/// A current export being read in slices; see the module notes.
pub struct StreamRead {
    part: Part,
    sink: Sink,
    list: List,
    /// Whether the scan is inside a string, just after its backslash.
    in_string: bool,
    escaped: bool,
    /// For a string at the top level or in the workspace: its first bytes,
    /// and whether it has an escape.
    word: [u8; WORD],
    word_len: usize,
    word_plain: bool,
    spelling: bool,
    /// For each open list or object, whether it is an object.
    stack: Vec<bool>,
    /// The key whose value is being read, at the top level and in the
    /// workspace; and the last string seen there, which a `:` makes a key.
    keys: [Option<Key>; 2],
    pending: Option<Key>,
    found_list: bool,
    head: Vec<u8>,
    ticket: Vec<u8>,
    tickets: Vec<TicketRecord>,
    bytes: usize,
    unusual: bool,
}

impl Default for StreamRead {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamRead {
    pub fn new() -> Self {
        StreamRead {
            part: Part::Start,
            sink: Sink::Head,
            list: List::Opened,
            in_string: false,
            escaped: false,
            word: [0; WORD],
            word_len: 0,
            word_plain: true,
            spelling: false,
            stack: Vec::new(),
            keys: [None; 2],
            pending: None,
            found_list: false,
            head: Vec::new(),
            ticket: Vec::new(),
            tickets: Vec::new(),
            bytes: 0,
            unusual: false,
        }
    }

    /// Bytes taken so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Tickets read so far.
    pub fn tickets(&self) -> usize {
        self.tickets.len()
    }

    /// Takes the next piece of the file. False once the file turned out
    /// not to be the common case: then the rest need not be fed, and the
    /// whole file should be read with [`super::ImportJob::start`].
    pub fn feed(&mut self, piece: &[u8]) -> bool {
        if self.unusual {
            return false;
        }
        self.bytes += piece.len();
        if self.bytes > MAX_IMPORT_BYTES || !self.scan(piece) {
            self.give_up();
        }
        !self.unusual
    }

    /// What [`super::read::read`] makes of the same file, or `None` if it
    /// is not the common case (the whole file should then be read as before).
    pub(super) fn finish(self) -> Option<Read> {
        if self.unusual || self.part != Part::End || !self.found_list {
            return None;
        }
        let text = std::str::from_utf8(&self.head).ok()?;
        let mut read = current_export(text)?;
        read.workspace = read.workspace.with_tickets(self.tickets).ok()?;
        Some(read)
    }

    /// Lets go of everything read, keeping only the verdict.
    fn give_up(&mut self) {
        self.unusual = true;
        self.head = Vec::new();
        self.ticket = Vec::new();
        self.tickets = Vec::new();
        self.stack = Vec::new();
    }

    /// Scans a piece; false if it shows the file is unusual.
    fn scan(&mut self, piece: &[u8]) -> bool {
        let mut i = 0;
        while i < piece.len() && matches!(self.part, Part::Start | Part::Mark(_)) {
            // A byte-order mark is skipped, as the whole-file reader does.
            let b = piece[i];
            self.part = match (self.part, b) {
                (Part::Start, 0xEF) => Part::Mark(1),
                (Part::Start, _) => Part::Body,
                (Part::Mark(1), 0xBB) => Part::Mark(2),
                (Part::Mark(2), 0xBF) => {
                    i += 1;
                    Part::Body
                }
                _ => return false,
            };
            if self.part == Part::Mark(1) || self.part == Part::Mark(2) {
                i += 1;
            }
        }
        let mut from = i;
        while i < piece.len() {
            let b = piece[i];
            if self.in_string {
                i = self.in_string_at(piece, i);
                continue;
            }
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b'"' => {
                    if self.stack.is_empty() || self.sink == Sink::Between {
                        return false;
                    }
                    self.open_string();
                }
                b'{' | b'[' => {
                    if self.part != Part::Body || self.stack.len() >= MAX_DEPTH || (self.stack.is_empty() && b != b'{') {
                        return false;
                    }
                    if self.sink == Sink::Between {
                        if b != b'{' || self.list == List::Ticket {
                            return false;
                        }
                        // A ticket starts: the bytes between are dropped.
                        self.sink = Sink::Ticket;
                        from = i;
                    }
                    let depth = self.stack.len();
                    let list = b == b'[' && depth == 2 && self.is_ticket_list();
                    self.stack.push(b == b'{');
                    if depth < 2 {
                        self.keys[depth] = None;
                        self.pending = None;
                    }
                    if list {
                        self.head.extend_from_slice(&piece[from..=i]);
                        self.found_list = true;
                        self.sink = Sink::Between;
                        self.list = List::Opened;
                        from = i + 1;
                    }
                }
                b'}' | b']' => {
                    if self.sink == Sink::Between {
                        if b != b']' || self.list == List::Comma {
                            return false;
                        }
                        // The list ends: what follows is kept again.
                        self.sink = Sink::Head;
                        from = i;
                    }
                    if self.stack.pop() != Some(b == b'}') {
                        return false;
                    }
                    if self.stack.is_empty() {
                        self.part = Part::End;
                    }
                    if self.sink == Sink::Ticket && self.stack.len() == 3 {
                        self.ticket.extend_from_slice(&piece[from..=i]);
                        if !self.read_ticket() {
                            return false;
                        }
                        self.sink = Sink::Between;
                        self.list = List::Ticket;
                        from = i + 1;
                    }
                }
                b':' | b',' => {
                    if self.sink == Sink::Between {
                        if b != b',' || self.list != List::Ticket {
                            return false;
                        }
                        self.list = List::Comma;
                    } else if !self.separator(b) {
                        return false;
                    }
                }
                b'-' | b'+' | b'.' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => {
                    if self.stack.is_empty() || self.sink == Sink::Between {
                        return false;
                    }
                }
                _ => return false,
            }
            i += 1;
        }
        match self.sink {
            Sink::Head => self.head.extend_from_slice(&piece[from..]),
            Sink::Ticket => self.ticket.extend_from_slice(&piece[from..]),
            Sink::Between => {}
        }
        true
    }

    /// Whether a list opening now is the workspace's ticket list.
    fn is_ticket_list(&self) -> bool {
        !self.found_list && self.stack == [true, true] && self.keys == [Some(Key::Workspace), Some(Key::Tickets)]
    }

    /// A `"` outside a string: one starts. At the top level and in the
    /// workspace it may be a key, so its first bytes are noted.
    fn open_string(&mut self) {
        self.in_string = true;
        self.spelling = matches!(self.stack.len(), 1 | 2) && self.stack.last() == Some(&true);
        self.word_len = 0;
        self.word_plain = true;
    }

    /// Scans inside a string from `i`; returns where to go on.
    fn in_string_at(&mut self, piece: &[u8], i: usize) -> usize {
        if self.escaped {
            self.escaped = false;
            return i + 1;
        }
        if !self.spelling {
            // Most bytes: skip to the next quote or backslash.
            let Some(n) = piece[i..].iter().position(|&c| c == b'"' || c == b'\\') else { return piece.len() };
            let b = piece[i + n];
            if b == b'\\' {
                self.escaped = true;
            } else {
                self.in_string = false;
            }
            return i + n + 1;
        }
        match piece[i] {
            b'\\' => {
                self.escaped = true;
                self.word_plain = false;
            }
            b'"' => {
                self.in_string = false;
                self.pending = Some(if !self.word_plain {
                    Key::Escaped
                } else {
                    match &self.word[..self.word_len.min(WORD)] {
                        b"workspace" if self.word_len == 9 => Key::Workspace,
                        b"tickets" if self.word_len == 7 => Key::Tickets,
                        _ => Key::Other,
                    }
                });
            }
            b => {
                if self.word_len < WORD {
                    self.word[self.word_len] = b;
                }
                self.word_len += 1;
            }
        }
        i + 1
    }

    /// A `:` or `,` outside the ticket list. At the top level and in the
    /// workspace, a `:` makes the last string the key; false for a key with
    /// escapes there.
    fn separator(&mut self, b: u8) -> bool {
        let depth = self.stack.len();
        if !(1..=2).contains(&depth) {
            return depth > 0;
        }
        let key = self.pending.take();
        if b == b':' {
            if key == Some(Key::Escaped) {
                return false;
            }
            self.keys[depth - 1] = key;
        } else {
            self.keys[depth - 1] = None;
        }
        true
    }

    /// Reads the ticket whose bytes are complete, then drops them.
    fn read_ticket(&mut self) -> bool {
        let read = std::str::from_utf8(&self.ticket).ok().and_then(|text| serde_json::from_str::<TicketRecord>(text).ok());
        self.ticket.clear();
        match read {
            Some(record) => {
                self.tickets.push(record);
                true
            }
            None => false,
        }
    }
}
