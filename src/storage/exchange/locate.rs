//! Turning the JSON reader's errors into places and sentences.
//!
//! serde_json reports an error as a line, a column (in bytes) and a message
//! written for programmers ("unknown variant `Frozen`, expected one of ...").
//! People fixing a file want the place as a path (`$.workspace.people[3].roles[0]`)
//! and the message in plain words. [`path_at`] rescans the text up to the
//! error with a small tokenizer that only tracks where it is (which object
//! key, which array index), and [`plain`] rewrites the usual messages.
//! Both run only when something already went wrong, so speed is secondary.

/// Where a JSON reader error happened, in a person's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Line (from 1).
    pub line: usize,
    /// Column in characters (from 1).
    pub column: usize,
    /// The JSON path of the value being read there.
    pub path: String,
    /// How many arrays and objects were open there.
    pub depth: usize,
}

/// One open array or object while scanning.
enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The place of a serde_json error at `line` / `column` (as serde_json
/// counts them: lines from 1, columns in bytes) in `text`, with `root` as
/// the path of the text's top value.
pub fn place(text: &str, line: usize, column: usize, root: &str) -> Place {
    let line_start = nth_line_start(text, line);
    let end = floor_boundary(text, (line_start + column).min(text.len()));
    let (path, depth) = path_at(text, end, root);
    let chars = text[line_start.min(end)..end].chars().count().max(1);
    Place { line: line.max(1), column: chars, path, depth }
}

/// The byte offset where line `line` (from 1) starts.
fn nth_line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
}

/// The largest char boundary at or below `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The JSON path of the value being read at byte `end` of `text` (the value
/// that just ended there, or the one about to start), and the nesting depth.
pub fn path_at(text: &str, end: usize, root: &str) -> (String, usize) {
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            // Closing leaves the parent pointing at the value just closed.
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => *key = None,
                None => {}
            },
            b'"' => {
                let close = string_end(bytes, i + 1);
                if let Some(Frame::Object { key }) = stack.last_mut()
                    && key.is_none()
                {
                    *key = Some(String::from_utf8_lossy(&bytes[i + 1..close.min(bytes.len())]).into_owned());
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = root.to_string();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key) } => push_key(&mut path, key),
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    (path, stack.len())
}

/// The index of the quote closing a string whose text starts at `from`
/// (or the end, for a string cut short).
fn string_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() {
        match bytes[from] {
            b'\\' => from += 2,
            b'"' => return from,
            _ => from += 1,
        }
    }
    bytes.len()
}

/// Appends `.key`, or `["key"]` when the key is not a plain name.
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push_str(&format!("[{}]", serde_json::Value::from(key)));
    }
}

/// serde_json's message without the " at line L column C" it appends.
pub use crate::domain::error::bare_message;

/// What chrono says about a date it cannot read.
const DATE_ERRORS: [&str; 6] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
];

/// A reader's message in plain words: enum values list what is allowed,
/// dates say how they are written.
pub fn plain(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = allowed.trim_start_matches("one of ").replace('`', "");
        return match allowed.as_str() {
            "" => format!("{} is not a value this field can hold", found.replace('`', "\"")),
            _ => format!("{} is not a value this field can hold; the allowed values are {allowed}", found.replace('`', "\"")),
        };
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("the field {} is missing", field.replace('`', "\""));
    }
    if DATE_ERRORS.contains(&message) {
        return format!("this is not a valid date and time ({message}); write it like 2026-03-02T09:30:00Z (RFC 3339, in UTC)");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        return format!("found {} where {} was expected", found.replace('`', ""), readable_type(expected));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another value"));
        return format!("found {} where {} was expected", found.replace('`', ""), readable_type(expected));
    }
    match message {
        "expected value" => "a value was expected here: text in double quotes, a number, true, false, null, a list or an object".to_string(),
        "expected ident" => "only true, false and null may be written without quotes".to_string(),
        "trailing comma" => "a comma is followed by nothing".to_string(),
        "key must be a string" => "the names in an object must be text in double quotes".to_string(),
        "trailing characters" => "more text follows the end of the JSON".to_string(),
        m if m.starts_with("control character") => "text holds a raw control character (such as a line break); write it as an escape like \\n".to_string(),
        other => other.replace('`', "\""),
    }
}

/// Rust's names for numbers, in words.
fn readable_type(expected: &str) -> String {
    match expected {
        "u8" => "a whole number from 0 to 255".to_string(),
        "u16" => "a whole number from 0 to 65535".to_string(),
        "u32" => "a whole number from 0 to 4294967295".to_string(),
        "u64" => "a whole number of 0 or more".to_string(),
        "a boolean" => "true or false".to_string(),
        other => other.replace('`', "\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_keys_and_indexes() {
        let text = r#"{"a": [1, {"b": "x", "c": [true, nul"#;
        assert_eq!(path_at(text, text.len(), "$"), ("$.a[1].c[1]".to_string(), 4));
        let text = r#"{"a": [1, {"b": "x"}"#;
        assert_eq!(path_at(text, text.len(), "$").0, "$.a[1]");
        let text = r#"{"a": [1, {"b": "x"}, "#;
        assert_eq!(path_at(text, text.len(), "$").0, "$.a[2]");
        let text = r#"{"we\"ird key": 1"#;
        assert_eq!(path_at(text, text.len(), "$").0, r#"$["we\\\"ird key"]"#);
    }

    #[test]
    fn places_count_lines_and_characters() {
        let text = "{\n  \"é\": tru";
        let place = place(text, 2, 10, "$");
        assert_eq!((place.line, place.column, place.path.as_str()), (2, 9, "$[\"é\"]"));
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(
            plain("unknown variant `Frozen`, expected one of `New`, `Closed`"),
            "\"Frozen\" is not a value this field can hold; the allowed values are New, Closed"
        );
        assert_eq!(plain("missing field `at`"), "the field \"at\" is missing");
        assert!(plain("input is out of range").contains("2026-03-02T09:30:00Z"));
        assert_eq!(plain("invalid type: string \"x\", expected u32"), "found string \"x\" where a whole number from 0 to 4294967295 was expected");
    }
}
