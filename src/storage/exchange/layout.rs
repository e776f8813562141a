//! The layout of an exported file: one record per line, so files diff well.
//!
//! Fully pretty-printed JSON puts every field of every event on its own line
//! (a workspace of 50,000 tickets becomes millions of lines), and compact
//! JSON puts everything on one. [`RecordLayout`] sits between: the envelope,
//! the workspace and each of its sections are laid out over lines, every
//! record inside a section (a person, a group, an SLA definition...) is
//! written on one line, and a ticket's events are one per line under it:
//!
//! ```text
//! {
//!   "format": "servicelab.workspace",
//!   ...
//!   "workspace": {
//!     "people": [
//!       {"id":1,"name":"Ana Silva","email":"ana@example.com","roles":["Requester"]},
//!       ...
//!     ],
//!     "tickets": [
//!       {"id":1,"kind":"Incident","number":"INC0001001","events":[
//!         {"at":"2025-03-10T09:00:00Z","actor":3,"change":{"Created":{...}}},
//!         {"at":"2025-03-10T09:05:00Z","actor":3,"change":{"Comment":{"text":"..."}}}
//!       ]},
//! ```
//!
//! So a new event adds one line to a diff, and a changed person changes one.
//! The layout only decides where line breaks go; the JSON is the same data
//! a compact writer would produce.

use std::io::{self, Write};

use serde_json::ser::{CharEscape, Formatter};

/// Containers at this depth or shallower (the envelope is depth 1) are laid
/// out over lines.
const EXPANDED_DEPTH: usize = 3;
/// The depth of a ticket's events list (envelope, workspace, tickets, ticket, events).
const EVENTS_DEPTH: usize = 5;

/// One open array or object.
struct Frame {
    /// Whether its items go on lines of their own.
    expanded: bool,
    /// Whether an item was written yet.
    has_value: bool,
    /// Whether it is an object (its items are keys and values).
    object: bool,
}

/// A serde_json [`Formatter`] writing one record per line (see the module notes).
#[derive(Default)]
pub struct RecordLayout {
    stack: Vec<Frame>,
    /// Whether the key being written belongs to a record (depth 4), and is captured.
    capturing: bool,
    /// The last key written in a record.
    record_key: String,
}

impl RecordLayout {
    /// A layout for a new document.
    pub fn new() -> Self {
        Self::default()
    }

    /// A layout standing inside the list of a workspace's tickets, after its
    /// first item (envelope, workspace and list all laid out over lines): it
    /// writes one more ticket exactly as it comes in the whole document.
    pub(crate) fn in_tickets() -> Self {
        let open = |object| Frame { expanded: true, has_value: true, object };
        Self { stack: vec![open(true), open(true), open(false)], ..Self::default() }
    }

    /// How many open containers are laid out over lines: the indentation level.
    fn level(&self) -> usize {
        self.stack.iter().filter(|f| f.expanded).count()
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8], object: bool) -> io::Result<()> {
        let depth = self.stack.len() + 1;
        let parent_is_object = self.stack.last().is_some_and(|f| f.object);
        let expanded = depth <= EXPANDED_DEPTH || (depth == EVENTS_DEPTH && parent_is_object && self.record_key == "events");
        if depth == EVENTS_DEPTH - 1 {
            self.record_key.clear();
        }
        self.stack.push(Frame { expanded, has_value: false, object });
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        let frame = self.stack.pop().unwrap_or(Frame { expanded: false, has_value: false, object: false });
        if frame.expanded && frame.has_value {
            writer.write_all(b"\n")?;
            indent(writer, self.level())?;
        }
        writer.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        let level = self.level();
        if let Some(frame) = self.stack.last_mut() {
            frame.has_value = true;
            if frame.expanded {
                writer.write_all(b"\n")?;
                indent(writer, level)?;
            }
        }
        Ok(())
    }
}

/// Two spaces per level.
fn indent<W: ?Sized + Write>(writer: &mut W, level: usize) -> io::Result<()> {
    for _ in 0..level {
        writer.write_all(b"  ")?;
    }
    Ok(())
}

impl Formatter for RecordLayout {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[", false)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{", true)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if self.stack.len() == EVENTS_DEPTH - 1 {
            self.capturing = true;
            self.record_key.clear();
        }
        self.item(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.capturing = false;
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let spaced = self.stack.last().is_some_and(|f| f.expanded);
        writer.write_all(if spaced { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if self.capturing {
            self.record_key.push_str(fragment);
        }
        writer.write_all(fragment.as_bytes())
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, writer: &mut W, char_escape: CharEscape) -> io::Result<()> {
        if self.capturing {
            // No key of interest has escapes; make sure an escaped one never matches.
            self.record_key.push('\\');
        }
        serde_json::ser::CompactFormatter.write_char_escape(writer, char_escape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn laid_out(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, RecordLayout::new())).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn records_take_one_line_and_events_one_line_each() {
        let value = serde_json::json!({
            "a": 1,
            "w": {"empty": [], "people": [{"id": 1, "roles": ["X"]}], "tickets": [{"events": [{"at": 1}, {"at": 2}], "id": 1}]}
        });
        let expected = "{\n  \"a\": 1,\n  \"w\": {\n    \"empty\": [],\n    \"people\": [\n      {\"id\":1,\"roles\":[\"X\"]}\n    ],\n    \"tickets\": [\n      {\"events\":[\n        {\"at\":1},\n        {\"at\":2}\n      ],\"id\":1}\n    ]\n  }\n}";
        assert_eq!(laid_out(&value), expected);
        let back: serde_json::Value = serde_json::from_str(expected).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escapes_are_kept() {
        let value = serde_json::json!({"t": "a\"b\\c\u{0}\n"});
        assert_eq!(serde_json::from_str::<serde_json::Value>(&laid_out(&value)).unwrap(), value);
    }
}
