//! The CSV reader and writer against RFC 4180's rules and the files tools write.

use proptest::prelude::*;
use servicelab::storage::csv::rfc4180::{parse_records, parse_table, write_table};

fn cells(text: &str) -> Vec<Vec<String>> {
    parse_records(text).unwrap().into_iter().map(|r| r.cells).collect()
}

#[test]
fn quoted_fields_keep_commas_quotes_and_newlines() {
    let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line 1\r\nline 2\"\r\nplain,,\"\"\r\n";
    assert_eq!(
        cells(text),
        vec![
            vec!["a", "b", "c"],
            vec!["x, y", "say \"hi\"", "line 1\r\nline 2"],
            vec!["plain", "", ""],
        ]
    );
}

#[test]
fn lines_are_counted_from_one_and_across_quoted_newlines() {
    let text = "h1,h2\n\"multi\nline\",x\nlast,y";
    let records = parse_records(text).unwrap();
    assert_eq!(records.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 4]);
    assert_eq!(records[2].cells, vec!["last", "y"], "the last record needs no line end");
}

#[test]
fn a_byte_order_mark_and_blank_lines_are_skipped() {
    let text = "\u{feff}number,state\r\n\r\nINC1,New\r\n";
    let table = parse_table(text).unwrap();
    assert_eq!(table.headers, vec!["number", "state"]);
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].line, 3);
}

#[test]
fn malformed_files_are_refused_with_the_line_and_what_to_do() {
    let e = parse_records("a,b\nx,\"never closed\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("never ends"), "{e}");
    let e = parse_records("a,b\nx,\"quoted\"tail\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("follows a closing double quote"), "{e}");
    let e = parse_records("a,b\nx,in\"side\n").unwrap_err();
    assert!(e.message.contains("middle of an unquoted field"), "{e}");
    let e = parse_table("a,b\nx,y,z\n").unwrap_err();
    assert_eq!((e.line, e.message.contains("3 fields but the header has 2")), (2, true), "{e}");
    assert!(parse_table("").unwrap_err().message.contains("empty"));
}

#[test]
fn the_writer_quotes_only_what_needs_it_and_ends_lines_with_crlf() {
    let rows = vec![vec!["plain".to_string(), "a,b".to_string(), "q\"uote".to_string(), "two\nlines".to_string(), String::new()]];
    let text = write_table(&["h1", "h2", "h3", "h4", "h5"], &rows);
    assert_eq!(text, "h1,h2,h3,h4,h5\r\nplain,\"a,b\",\"q\"\"uote\",\"two\nlines\",\r\n");
}

proptest! {
    #[test]
    fn whatever_is_written_reads_back_the_same(
        rows in prop::collection::vec(prop::collection::vec("[a-z ,\"\r\n\u{e9}\u{feff}]{0,8}", 3), 1..6)
    ) {
        // A row of one empty field would be a blank line, so rows have 3 fields.
        let text = write_table(&["a", "b", "c"], &rows);
        let table = parse_table(&text).unwrap();
        let back: Vec<Vec<String>> = table.rows.into_iter().map(|r| r.cells).collect();
        prop_assert_eq!(back, rows);
    }
}
