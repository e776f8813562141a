//! Finding every place where a file's data does not fit the model.
//!
//! serde stops at the first misfit. To list them all, the data is taken
//! apart section by section (`people`, `groups`, ..., `tickets`) and record
//! by record, each read on its own; a ticket that does not read is taken
//! apart event by event. A record that does not read is written back as
//! one line of JSON and read again from that text, so the reader's error
//! position can be turned into a path inside the record
//! ([`super::locate::path_at`]), e.g. `.events[3].change.StateChanged.to`.
//! A section this module does not know (one added to the model later) is
//! still covered: if nothing else was found, the whole data's own error is
//! reported at its place.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::Problems;
use super::locate::{bare_message, path_at, plain, push_key};
use crate::domain::event::Event;
use crate::domain::org::{Ci, Group, Person, Service};
use crate::domain::priority::PriorityMatrix;
use crate::domain::query::SavedView;
use crate::domain::sla::{NamedCalendar, SlaDefinition};
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::{Clock, Settings};

/// Checks one value as a `T`, reporting its first misfit with a precise path.
type Check = fn(&Value, &str, &mut Problems) -> bool;

/// The sections that are lists of records, and how each record is checked.
const LISTS: [(&str, Check); 8] = [
    ("people", check::<Person>),
    ("groups", check::<Group>),
    ("services", check::<Service>),
    ("cis", check::<Ci>),
    ("views", check::<SavedView>),
    ("calendars", check::<NamedCalendar>),
    ("slas", check::<SlaDefinition>),
    ("tickets", check_ticket),
];

/// The sections that are single values.
const SINGLES: [(&str, Check); 5] = [
    ("name", check::<String>),
    ("schema_version", check::<u32>),
    ("settings", check::<Settings>),
    ("matrix", check::<PriorityMatrix>),
    ("clock", check::<Clock>),
];

/// Lists every misfit in `data` (the workspace object at path `root`) into
/// `problems`. `whole` is the error reading all of it from `text`, its one
/// line of JSON, reported at its place if nothing finer is found.
pub(super) fn diagnose(data: &Value, text: &str, root: &str, whole: &serde_json::Error, problems: &mut Problems) {
    let before = problems.total();
    let Value::Object(object) = data else {
        problems.push(root, "this should be an object holding the workspace");
        return;
    };
    for (key, check_one) in SINGLES {
        let mut path = root.to_string();
        push_key(&mut path, key);
        match object.get(key) {
            Some(value) => {
                check_one(value, &path, problems);
            }
            None => problems.push(root, format!("the field \"{key}\" is missing")),
        }
    }
    for (key, check_item) in LISTS {
        let mut path = root.to_string();
        push_key(&mut path, key);
        match object.get(key) {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    check_item(item, &format!("{path}[{i}]"), problems);
                }
            }
            Some(_) => problems.push(path, format!("\"{key}\" should be a list (a JSON array)")),
            None => problems.push(root, format!("the field \"{key}\" is missing")),
        }
    }
    if problems.total() == before {
        report_whole(text, root, whole, problems);
    }
}

/// Reads `value` as a `T`; on failure reports where inside it and why.
/// Every record is read from its text: reading the `Value` itself would put a
/// second copy of each type's reading code in the wasm.
fn check<T: DeserializeOwned>(value: &Value, path: &str, problems: &mut Problems) -> bool {
    let text = value.to_string();
    let Err(error) = serde_json::from_str::<T>(&text) else {
        return true;
    };
    let (at, _) = path_at(&text, error_offset(&text, &error), path);
    problems.push(at, plain(&bare_message(&error)));
    false
}

/// Reads a ticket; when it does not read, checks its events one by one and
/// the rest of it without them, so each broken event is named.
fn check_ticket(value: &Value, path: &str, problems: &mut Problems) -> bool {
    if serde_json::from_str::<TicketRecord>(&value.to_string()).is_ok() {
        return true;
    }
    let Some(Value::Array(events)) = value.get("events") else {
        return check::<TicketRecord>(value, path, problems);
    };
    let before = problems.total();
    for (i, event) in events.iter().enumerate() {
        check::<Event>(event, &format!("{path}.events[{i}]"), problems);
    }
    let mut without = value.clone();
    without["events"] = Value::Array(Vec::new());
    check::<TicketRecord>(&without, path, problems);
    if problems.total() == before {
        check::<TicketRecord>(value, path, problems);
    }
    false
}

/// Reports the error reading the whole data (`text`), at its place.
fn report_whole(text: &str, root: &str, whole: &serde_json::Error, problems: &mut Problems) {
    let (at, _) = path_at(text, error_offset(text, whole), root);
    problems.push(at, plain(&bare_message(whole)));
}

/// The byte offset just after the error serde_json reports in one-line `text`.
fn error_offset(text: &str, error: &serde_json::Error) -> usize {
    let mut offset = error.column().min(text.len());
    if error.line() > 1 {
        offset = text.len();
    }
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_clock_shapes_are_named() {
        let mut problems = Problems::new();
        assert!(!check::<Clock>(&serde_json::json!({"now": "2025-02-30T00:00:00Z", "simulated": false}), "$.clock", &mut problems));
        assert_eq!(problems.listed()[0].path, "$.clock.now");
        assert!(problems.listed()[0].message.contains("not a valid date"), "{}", problems.listed()[0].message);
    }
}
