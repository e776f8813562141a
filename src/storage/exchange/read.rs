//! Reading a file into a workspace: size, text, JSON, envelope, version, data.
//!
//! Each step refuses with its own sentence, so a person learns *why* a file
//! was not taken: too large (checked before anything is read), not UTF-8
//! text, not JSON (line and column), nested absurdly deep, JSON of another
//! kind (a list, a `package.json`...), a ServiceLab file from a newer
//! version (refused, never guessed at), or an export whose data does not fit
//! the model (every misfit listed, see [`super::diagnose`]).
//!
//! An export of the current version is read straight into the model's types
//! in one pass (the fast path that large files take). Anything else (an
//! older version to migrate, a design, a damaged file) goes through a
//! `serde_json::Value` first, which [`crate::domain::migrate`] upgrades and
//! the diagnosis walks.
//!
//! Besides exports, a bare workspace (what the app stores, and what its
//! "Download the workspace" rescue button saves) is accepted, so a backup
//! can be restored.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::diagnose::diagnose;
use super::error::{ImportError, Problems};
use super::export::Scope;
use super::locate::{bare_message, place, plain};
use super::{DESIGN_FORMAT, MAX_IMPORT_BYTES, MAX_NESTING, WORKSPACE_FORMAT};
use crate::domain::check::stored_schema_version;
use crate::domain::{DomainError, SCHEMA_VERSION, Timestamp, Workspace, migrate};

/// What the file said about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// A whole workspace or a design.
    pub scope: Scope,
    /// The schema version the data was written in.
    pub schema_version: u32,
    /// The ServiceLab version that exported it (`None` for a bare workspace).
    pub app_version: Option<String>,
    /// When it was exported (`None` for a bare workspace).
    pub exported_at: Option<Timestamp>,
}

/// A file read into the model, not yet checked beyond its shape.
pub(super) struct Read {
    pub header: Header,
    /// The JSON path of the data (`$.workspace`, `$.design`, or `$` for a bare workspace).
    pub root: String,
    pub workspace: Workspace,
}

/// An export of the current version, read in one pass.
#[derive(Deserialize)]
struct CurrentExport {
    format: String,
    schema_version: u32,
    app_version: String,
    exported_at: Timestamp,
    workspace: Workspace,
}

/// Reads `bytes` as an export (or a bare workspace). `now` starts the clock
/// of a workspace made from a design.
pub(super) fn read(bytes: &[u8], now: Timestamp) -> Result<Read, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len(), limit: MAX_IMPORT_BYTES });
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| not_text(bytes, e.valid_up_to()))?;
    if let Some(read) = current_export(text) {
        return Ok(read);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| not_json(text, &e))?;
    read_value(value, now)
}

/// `text` read as an export of the current version, in one pass; `None`
/// for anything else (which [`read`] then reads the slow way, with its
/// migrations and its messages). [`super::stream`] reads the tickets apart
/// and hands the rest of the file, with an empty ticket list, to this.
pub(super) fn current_export(text: &str) -> Option<Read> {
    let fast = serde_json::from_str::<CurrentExport>(text).ok()?;
    if fast.format != WORKSPACE_FORMAT || fast.schema_version != SCHEMA_VERSION || stored_schema_version(&fast.workspace) != SCHEMA_VERSION {
        return None;
    }
    let header = Header {
        scope: Scope::Workspace,
        schema_version: SCHEMA_VERSION,
        app_version: Some(fast.app_version),
        exported_at: Some(fast.exported_at),
    };
    Some(Read { header, root: "$.workspace".to_string(), workspace: fast.workspace })
}

/// The error for bytes that are not UTF-8 from `valid_up_to` on.
fn not_text(bytes: &[u8], valid_up_to: usize) -> ImportError {
    let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ImportError::NotText { line, column }
}

/// The error for text the JSON reader refused.
fn not_json(text: &str, error: &serde_json::Error) -> ImportError {
    let at = place(text, error.line(), error.column(), "$");
    if at.depth > MAX_NESTING {
        return ImportError::TooDeep { line: at.line, column: at.column };
    }
    let reason = match error.classify() {
        serde_json::error::Category::Eof => "the text ends before the JSON is complete".to_string(),
        _ => plain(&bare_message(error)),
    };
    ImportError::NotJson { line: at.line, column: at.column, reason }
}

/// Reads a parsed document: envelope, version, migration, then the data.
fn read_value(value: Value, now: Timestamp) -> Result<Read, ImportError> {
    let Value::Object(mut top) = value else {
        return Err(ImportError::NotAnExport { found: describe(&value) });
    };
    let mut problems = Problems::new();
    let (header, root, mut data) = match top.get("format") {
        None if looks_like_a_workspace(&top) => {
            let header = Header { scope: Scope::Workspace, schema_version: 0, app_version: None, exported_at: None };
            (header, "$".to_string(), Value::Object(top))
        }
        None => return Err(ImportError::NotAnExport { found: describe(&Value::Object(top)) }),
        Some(Value::String(format)) => {
            let scope = match format.as_str() {
                WORKSPACE_FORMAT => Scope::Workspace,
                DESIGN_FORMAT => Scope::Design,
                other => return Err(ImportError::NotAnExport { found: format!("its \"format\" is \"{}\"", shorten(other)) }),
            };
            let header = read_header(&top, scope, &mut problems)?;
            let root = format!("$.{}", scope.key());
            match top.remove(scope.key()) {
                Some(data @ Value::Object(_)) => (header, root, data),
                Some(other) => {
                    problems.push(&root, format!("the {} should be an object, not {}", scope.label(), kind(&other)));
                    return Err(ImportError::Invalid(problems));
                }
                None => {
                    problems.push("$", format!("the file has no \"{}\": it holds no data to import", scope.key()));
                    return Err(ImportError::Invalid(problems));
                }
            }
        }
        Some(other) => return Err(ImportError::NotAnExport { found: format!("its \"format\" is {}, not a name", kind(other)) }),
    };
    let mut header = header;
    if root != "$" {
        let inner = data.get("schema_version").and_then(Value::as_u64);
        if inner.is_some_and(|v| v != u64::from(header.schema_version)) {
            let message = format!(
                "the data says it is in format version {}, but the envelope says {}; they must agree",
                inner.unwrap_or_default(),
                header.schema_version
            );
            problems.push(format!("{root}.schema_version"), message);
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    match migrate::upgrade(&mut data) {
        Ok(found) => header.schema_version = found,
        Err(DomainError::NewerSchema { found, supported }) => return Err(ImportError::NewerSchema { found, supported }),
        Err(DomainError::BadWorkspace { reason }) => {
            problems.push(format!("{root}.schema_version"), format!("the data cannot be read: {reason}"));
            return Err(ImportError::Invalid(problems));
        }
        Err(other) => {
            problems.push(root, other.to_string());
            return Err(ImportError::Invalid(problems));
        }
    }
    if header.scope == Scope::Design {
        make_workspace_of_design(&mut data, &root, now, &mut problems)?;
    }
    // Read from the data's text, as current exports and stored workspaces are:
    // with a single way of reading the workspace types, the wasm holds one copy
    // of their code.
    let text = data.to_string();
    match serde_json::from_str::<Workspace>(&text) {
        Ok(workspace) => Ok(Read { header, root, workspace }),
        Err(error) => {
            diagnose(&data, &text, &root, &error, &mut problems);
            Err(ImportError::Invalid(problems))
        }
    }
}

/// Reads the envelope's version, app version and export time.
fn read_header(top: &Map<String, Value>, scope: Scope, problems: &mut Problems) -> Result<Header, ImportError> {
    let schema_version = match top.get("schema_version").map(|v| v.as_u64().map(u32::try_from)) {
        Some(Some(Ok(v))) if v > SCHEMA_VERSION => return Err(ImportError::NewerSchema { found: v, supported: SCHEMA_VERSION }),
        Some(Some(Ok(v))) if v > 0 => v,
        Some(_) => {
            problems.push("$.schema_version", format!("the format version must be a whole number from 1 to {SCHEMA_VERSION}"));
            0
        }
        None => {
            problems.push("$", "the field \"schema_version\" is missing: the file does not say which format version it is in");
            0
        }
    };
    let app_version = match top.get("app_version") {
        Some(Value::String(v)) => Some(v.clone()),
        Some(other) => {
            problems.push("$.app_version", format!("the app version should be text, not {}", kind(other)));
            None
        }
        None => None,
    };
    let exported_at = match top.get("exported_at") {
        Some(v @ Value::String(_)) => match serde_json::from_str::<Timestamp>(&v.to_string()) {
            Ok(at) => Some(at),
            Err(e) => {
                problems.push("$.exported_at", plain(&bare_message(&e)));
                None
            }
        },
        Some(other) => {
            problems.push("$.exported_at", format!("the export time should be a date and time like 2026-03-02T09:30:00Z, not {}", kind(other)));
            None
        }
        None => None,
    };
    Ok(Header { scope, schema_version, app_version, exported_at })
}

/// Gives a design the empty ticket list and the clock a workspace has.
fn make_workspace_of_design(data: &mut Value, root: &str, now: Timestamp, problems: &mut Problems) -> Result<(), ImportError> {
    let object = data.as_object_mut().expect("the design was checked to be an object");
    for key in ["tickets", "clock"] {
        if object.contains_key(key) {
            problems.push(format!("{root}.{key}"), format!("a design has no \"{key}\": export a workspace to share tickets"));
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(std::mem::take(problems)));
    }
    object.insert("tickets".into(), Value::Array(Vec::new()));
    object.insert("clock".into(), serde_json::json!({ "now": now, "simulated": false }));
    Ok(())
}

/// Whether an object without a `format` is a workspace as the app stores it.
fn looks_like_a_workspace(top: &Map<String, Value>) -> bool {
    ["schema_version", "people", "tickets"].iter().all(|k| top.contains_key(*k))
}

/// What a JSON value that is not an export looks like, for the refusal.
fn describe(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => "it is an empty JSON object".to_string(),
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().take(6).map(|k| format!("\"{}\"", shorten(k))).collect();
            let more = if map.len() > 6 { ", ..." } else { "" };
            format!("it is a JSON object with the keys {}{more} and no \"format\"", keys.join(", "))
        }
        other => format!("it is {}, not an object with a \"format\"", kind(other)),
    }
}

/// The kind of a JSON value, with an article.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a JSON list (array)",
        Value::Object(_) => "a JSON object",
    }
}

/// At most 40 characters of a name taken from the file.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}
