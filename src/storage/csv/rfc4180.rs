//! A small reader and writer for CSV as RFC 4180 defines it.
//!
//! ITSM tools exchange tickets as CSV: ServiceNow's list export and import
//! sets, iTop's CSV import and export, spreadsheets in between. The format
//! looks trivial and is not, so both directions follow the RFC:
//!
//! * fields are separated by commas and records by CRLF (a lone LF is also
//!   accepted when reading, because files edited on Linux or macOS have it);
//! * a field containing a comma, a double quote, CR or LF is enclosed in
//!   double quotes, and a double quote inside it is doubled (`"say ""hi"""`);
//! * a quoted field may span lines: the newline is part of the value;
//! * a UTF-8 byte order mark at the start (Excel writes one) is skipped.
//!
//! Reading is strict where a lenient reader would silently change the data:
//! a quote in the middle of an unquoted field, text after a closing quote, or
//! a quoted field that never ends are errors that say where and what to do.

use std::fmt;

/// A CSV file read into records, each with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The first record: the column names.
    pub headers: Vec<String>,
    /// The other records, in file order.
    pub rows: Vec<Record>,
}

/// One record after the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The 1-based line of the file where the record starts, as a text
    /// editor shows it (so a person can find the row to check it).
    pub line: usize,
    /// The cells, one per field.
    pub cells: Vec<String>,
}

/// Why a text is not valid CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The 1-based line where the problem is.
    pub line: usize,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CsvError {}

/// Reads every record of a CSV text (header included) with its starting line.
///
/// An empty line between records is skipped; a record of one empty field
/// carries no data in a table of several columns.
pub fn parse_records(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut cells: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut record_line = 1;
    let mut at_field_start = true;
    let mut in_record = false;
    while let Some(c) = chars.next() {
        if at_field_start && c == '"' {
            in_record = true;
            at_field_start = false;
            let opened = line;
            loop {
                match chars.next() {
                    None => {
                        return Err(CsvError {
                            line: opened,
                            message: "a quoted field starts here and never ends: add the closing double quote".into(),
                        });
                    }
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(ch) => {
                        if ch == '\n' {
                            line += 1;
                        }
                        field.push(ch);
                    }
                }
            }
            match chars.peek() {
                None | Some(',') | Some('\r') | Some('\n') => {}
                Some(other) => {
                    return Err(CsvError {
                        line,
                        message: format!(
                            "'{other}' follows a closing double quote; a quoted field must end at a comma or a line end (double the quote if it belongs to the value)"
                        ),
                    });
                }
            }
            continue;
        }
        match c {
            ',' => {
                cells.push(std::mem::take(&mut field));
                at_field_start = true;
                in_record = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                if in_record || !field.is_empty() {
                    cells.push(std::mem::take(&mut field));
                    records.push(Record { line: record_line, cells: std::mem::take(&mut cells) });
                }
                line += 1;
                record_line = line;
                at_field_start = true;
                in_record = false;
            }
            '"' => {
                return Err(CsvError {
                    line,
                    message: "a double quote in the middle of an unquoted field; enclose the whole field in double quotes and double the quote inside".into(),
                });
            }
            other => {
                field.push(other);
                at_field_start = false;
                in_record = true;
            }
        }
    }
    if in_record || !field.is_empty() {
        cells.push(field);
        records.push(Record { line: record_line, cells });
    }
    Ok(records)
}

/// Reads a CSV text whose first record names the columns. Every record must
/// have as many fields as the header.
pub fn parse_table(text: &str) -> Result<Table, CsvError> {
    let mut records = parse_records(text)?.into_iter();
    let header = records.next().ok_or(CsvError {
        line: 1,
        message: "the file is empty: a CSV export starts with a line of column names".into(),
    })?;
    let headers: Vec<String> = header.cells.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    for record in records {
        if record.cells.len() != headers.len() {
            return Err(CsvError {
                line: record.line,
                message: format!(
                    "this row has {} fields but the header has {}; check for an unquoted comma or a missing field",
                    record.cells.len(),
                    headers.len()
                ),
            });
        }
        rows.push(record);
    }
    Ok(Table { headers, rows })
}

/// Appends one field to `out`, quoted only when RFC 4180 requires it.
pub fn write_field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\r', '\n']) || value.starts_with('\u{feff}') {
        out.push('"');
        for c in value.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Appends one record (fields separated by commas, ended by CRLF).
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

/// A whole CSV text: the header, then every row, each ended by CRLF.
pub fn write_table<S: AsRef<str>>(headers: &[S], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    write_record(&mut out, headers);
    for row in rows {
        write_record(&mut out, row);
    }
    out
}
