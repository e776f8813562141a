//! Writing a workspace, or its design alone, as a versioned JSON file.
//!
//! Every export is an envelope saying what it is before the data:
//!
//! ```text
//! { "format": "servicelab.workspace",     (or "servicelab.design")
//!   "schema_version": 2,                  (the data's format, see domain::migrate)
//!   "app_version": "0.1.0",               (the ServiceLab that wrote it)
//!   "exported_at": "2026-03-02T09:30:00Z",
//!   "workspace": { ... } }                (or "design": { ... })
//! ```
//!
//! The data is the workspace's own serde form, so a field added to the model
//! is exported without a change here. A design is the same minus `tickets`
//! and `clock`. Output is stable: struct fields come in declaration order,
//! records in the workspace's order (people, groups... by their position,
//! tickets by id), sets are `BTreeSet`s (sorted), and nothing exported is a
//! `HashMap` (a test exports two separately built equal workspaces and
//! compares the bytes). So two exports of the same data are byte-identical.

use serde::ser::{Error as _, Impossible, SerializeStruct};
use serde::{Serialize, Serializer};

use super::export_job::Spots;
use super::layout::RecordLayout;
use super::{APP_VERSION, DESIGN_FORMAT, WORKSPACE_FORMAT};
use crate::domain::{SCHEMA_VERSION, Timestamp, Workspace};

/// What an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everything: organisation, configuration, tickets and clock.
    Workspace,
    /// Organisation and configuration only (people, groups, services, CIs,
    /// settings, matrix, saved views, SLA definitions and calendars): a
    /// starting point for a new workspace, with no tickets.
    Design,
}

impl Scope {
    /// The `format` written in the envelope.
    pub fn format(self) -> &'static str {
        match self {
            Self::Workspace => WORKSPACE_FORMAT,
            Self::Design => DESIGN_FORMAT,
        }
    }

    /// The envelope key holding the data.
    pub fn key(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Design => "design",
        }
    }

    /// The word for people ("workspace", "design").
    pub fn label(self) -> &'static str {
        self.key()
    }
}

/// How the JSON is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// One record per line, for files people keep and compare (see [`super::layout`]).
    Records,
    /// No line breaks at all: the smallest text, for share links.
    Compact,
}

/// The fields of a workspace a design leaves out.
const NOT_IN_A_DESIGN: [&str; 2] = ["tickets", "clock"];

/// The envelope around the data.
struct Envelope<'a> {
    scope: Scope,
    exported_at: Timestamp,
    workspace: &'a Workspace,
    /// Written in place of the tickets, when the frame around them is
    /// wanted alone (see [`super::export_job`]).
    spots: Option<&'a Spots<'a>>,
}

impl Serialize for Envelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Envelope", 5)?;
        s.serialize_field("format", self.scope.format())?;
        s.serialize_field("schema_version", &SCHEMA_VERSION)?;
        s.serialize_field("app_version", APP_VERSION)?;
        s.serialize_field("exported_at", &self.exported_at)?;
        match self.scope {
            Scope::Workspace => match self.spots {
                None => s.serialize_field("workspace", self.workspace)?,
                Some(spots) => s.serialize_field("workspace", &Swapped { inner: self.workspace, key: "tickets", with: spots })?,
            },
            Scope::Design => s.serialize_field("design", &Without { inner: self.workspace, skip: &NOT_IN_A_DESIGN })?,
        }
        s.end()
    }
}

/// Exports `workspace` (all of it, or its design) as JSON text ending with a
/// newline. `exported_at` is written in the envelope; nothing here reads a clock.
///
/// ```
/// use servicelab::domain::demo::demo_workspace;
/// use servicelab::storage::exchange::{Scope, Style, export};
/// # let now = chrono::DateTime::from_timestamp(1_741_600_000, 0).unwrap();
/// let ws = demo_workspace(now);
/// let text = export(&ws, Scope::Design, now, Style::Records);
/// assert!(text.starts_with("{\n  \"format\": \"servicelab.design\""));
/// assert_eq!(text, export(&ws, Scope::Design, now, Style::Records));
/// ```
pub fn export(workspace: &Workspace, scope: Scope, exported_at: Timestamp, style: Style) -> String {
    let mut out = Vec::with_capacity(64 * 1024);
    export_to(workspace, scope, exported_at, style, &mut out).expect("a workspace always serializes to JSON");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Writes the same bytes as [`export`] to `out` as they are made, so that a
/// large workspace never has to be held whole as one text (the download of
/// an export hands them to the browser in parts). Fails only when `out` does.
pub fn export_to<W: std::io::Write>(workspace: &Workspace, scope: Scope, exported_at: Timestamp, style: Style, mut out: W) -> std::io::Result<()> {
    write_envelope(workspace, scope, exported_at, style, None, &mut out)?;
    out.write_all(b"\n")
}

/// The envelope and its data as JSON, with `spots` standing in for the
/// tickets if given (no newline at the end).
pub(super) fn write_envelope<W: std::io::Write>(
    workspace: &Workspace,
    scope: Scope,
    exported_at: Timestamp,
    style: Style,
    spots: Option<&Spots<'_>>,
    out: W,
) -> std::io::Result<()> {
    let envelope = Envelope { scope, exported_at, workspace, spots };
    let written = match style {
        Style::Records => envelope.serialize(&mut serde_json::Serializer::with_formatter(out, RecordLayout::new())),
        Style::Compact => envelope.serialize(&mut serde_json::Serializer::new(out)),
    };
    written.map_err(std::io::Error::from)
}

/// The whole workspace, one record per line (the file a user downloads).
pub fn export_workspace(workspace: &Workspace, exported_at: Timestamp) -> String {
    export(workspace, Scope::Workspace, exported_at, Style::Records)
}

/// The design alone (no tickets, no clock), one record per line.
pub fn export_design(workspace: &Workspace, exported_at: Timestamp) -> String {
    export(workspace, Scope::Design, exported_at, Style::Records)
}

/// A file name for an export: the workspace's name made safe for file
/// systems, the scope and the date, e.g. `harbourside-logistics.design.2026-03-02.json`.
pub fn file_name(workspace: &Workspace, scope: Scope, exported_at: Timestamp) -> String {
    let mut slug = String::new();
    for c in workspace.name().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = if slug.is_empty() { "servicelab".to_string() } else { slug };
    format!("{slug}.{}.{}.json", scope.label(), exported_at.format("%Y-%m-%d"))
}

/// A struct serialized without some of its fields (by name), keeping the
/// order of the others. Only structs can be filtered. Also used for the
/// head record that storage keeps apart from the tickets.
pub(crate) struct Without<'a, T> {
    pub(crate) inner: &'a T,
    pub(crate) skip: &'static [&'static str],
}

impl<T: Serialize> Serialize for Without<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(FieldFilter { inner: serializer, skip: self.skip, swap: None })
    }
}

/// A struct serialized with [`Spots`] in place of its field `key`.
struct Swapped<'a, T> {
    inner: &'a T,
    key: &'static str,
    with: &'a Spots<'a>,
}

impl<T: Serialize> Serialize for Swapped<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(FieldFilter { inner: serializer, skip: &[], swap: Some((self.key, self.with)) })
    }
}

/// Forwards a struct to `inner`, dropping the fields named in `skip` and
/// writing the field named in `swap` as its stand-in.
struct FieldFilter<'a, S> {
    inner: S,
    skip: &'static [&'static str],
    swap: Option<(&'static str, &'a Spots<'a>)>,
}

/// The struct being forwarded.
struct FilteredStruct<'a, S> {
    inner: S,
    skip: &'static [&'static str],
    swap: Option<(&'static str, &'a Spots<'a>)>,
}

impl<S: SerializeStruct> SerializeStruct for FilteredStruct<'_, S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), S::Error> {
        match self.swap {
            _ if self.skip.contains(&key) => Ok(()),
            Some((swapped, with)) if swapped == key => self.inner.serialize_field(key, with),
            _ => self.inner.serialize_field(key, value),
        }
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.inner.end()
    }
}

/// Everything that is not a struct is refused.
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, S::Error> {
            Err(S::Error::custom("only a struct can have fields left out"))
        })*
    };
}

impl<'a, S: Serializer> Serializer for FieldFilter<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = FilteredStruct<'a, S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        Ok(FilteredStruct { inner: self.inner.serialize_struct(name, len)?, skip: self.skip, swap: self.swap })
    }

    not_a_struct! {
        serialize_bool(bool) -> S::Ok;
        serialize_i8(i8) -> S::Ok;
        serialize_i16(i16) -> S::Ok;
        serialize_i32(i32) -> S::Ok;
        serialize_i64(i64) -> S::Ok;
        serialize_u8(u8) -> S::Ok;
        serialize_u16(u16) -> S::Ok;
        serialize_u32(u32) -> S::Ok;
        serialize_u64(u64) -> S::Ok;
        serialize_f32(f32) -> S::Ok;
        serialize_f64(f64) -> S::Ok;
        serialize_char(char) -> S::Ok;
        serialize_str(&str) -> S::Ok;
        serialize_bytes(&[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(&'static str) -> S::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> S::Ok;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("only a struct can have fields left out"))
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("only a struct can have fields left out"))
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("only a struct can have fields left out"))
    }
}
