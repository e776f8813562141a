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
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut i = 0;
    // Every delimiter is ASCII, so slicing at their positions keeps UTF-8 whole.
    while i < bytes.len() {
        let field_start = i;
        let mut field = String::new();
        if bytes[i] == b'"' {
            let opened = line;
            i += 1;
            loop {
                let Some(offset) = bytes[i..].iter().position(|&b| b == b'"') else {
                    return Err(CsvError {
                        line: opened,
                        message: "a quoted field starts here and never ends: add the closing double quote".into(),
                    });
                };
                let chunk = &text[i..i + offset];
                line += chunk.bytes().filter(|&b| b == b'\n').count();
                field.push_str(chunk);
                i += offset + 1;
                if bytes.get(i) == Some(&b'"') {
                    field.push('"');
                    i += 1;
                } else {
                    break;
                }
            }
            if let Some(&b) = bytes.get(i)
                && !matches!(b, b',' | b'\r' | b'\n')
            {
                let other = text[i..].chars().next().unwrap_or(' ');
                return Err(CsvError {
                    line,
                    message: format!(
                        "'{other}' follows a closing double quote; a quoted field must end at a comma or a line end (double the quote if it belongs to the value)"
                    ),
                });
            }
        } else {
            let offset = bytes[i..].iter().position(|&b| matches!(b, b',' | b'\r' | b'\n' | b'"')).unwrap_or(bytes.len() - i);
            if bytes.get(i + offset) == Some(&b'"') {
                return Err(CsvError {
                    line,
                    message: "a double quote in the middle of an unquoted field; enclose the whole field in double quotes and double the quote inside".into(),
                });
            }
            field.push_str(&text[i..i + offset]);
            i += offset;
        }
        // `i` is at a comma, a line end or the end of the text.
        match bytes.get(i) {
            Some(b',') => {
                cells.push(field);
                i += 1;
                if i == bytes.len() {
                    cells.push(String::new());
                    records.push(Record { line: record_line, cells: std::mem::take(&mut cells) });
                }
            }
            Some(_) => {
                let blank_line = cells.is_empty() && i == field_start;
                if !blank_line {
                    cells.push(field);
                    records.push(Record { line: record_line, cells: std::mem::take(&mut cells) });
                }
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                line += 1;
                record_line = line;
            }
            None => {
                cells.push(field);
                records.push(Record { line: record_line, cells: std::mem::take(&mut cells) });
            }
        }
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
