#![cfg(not(target_arch = "wasm32"))]
//! Property: typing in the search box (letters added at the end, in the
//! middle, taken away, the box cleared) while tickets change and the clock
//! moves, the rows [`QueryRows`] keeps up to date are exactly a fresh
//! [`Query::run`]'s, whatever the rest of the question: filters, sorts by
//! any column either way, SLA views. A search that only got more precise
//! is answered from the rows already found (see `QueryRows::refresh`).

use chrono::Duration;
use proptest::prelude::*;
use servicelab::domain::query::{BuiltinView, Column, Query, QueryRows, Sort};
use servicelab::domain::*;

#[path = "common/commands.rs"]
mod commands;
use commands::{add_incidents, command, world};

const TEXTS: [&str; 8] =
    ["Printer jammed", "printer on floor 2", "Print queue stuck", "VPN down", "Issue 7", "issue 17", "Reprint the invoice", "Zebra"];

/// The rest of the question, around the text typed.
fn question(pick: u8, descending: bool) -> Query {
    let column = Column::ALL[usize::from(pick) % Column::ALL.len()];
    match pick % 5 {
        0 => BuiltinView::ALL[usize::from(pick / 5) % BuiltinView::ALL.len()].query(),
        1 => Query { states: vec![IncidentState::New, IncidentState::InProgress], sort: Sort { column, descending }, ..Query::default() },
        _ => Query { sort: Sort { column, descending }, ..Query::default() },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rows_kept_while_typing_equal_a_fresh_run(
        pick in any::<u8>(),
        descending in any::<bool>(),
        steps in prop::collection::vec((0u8..11, any::<u8>(), any::<u8>(), any::<u8>(), 0u16..600), 1..60),
    ) {
        let mut w = world();
        let mut t = w.ws.clock().now;
        add_incidents(&mut w, &TEXTS, 30, t);
        let actor = w.people[usize::from(pick) % w.people.len()];
        let mut query = question(pick, descending);
        let mut rows = QueryRows::new(&query, &w.ws, actor, t);
        let letters: Vec<char> = "prinTe jamd7 ".chars().collect();
        for (what, a, b, c, minutes) in steps {
            match what {
                // A letter at the end: the search only gets more precise.
                0..=4 => query.text.push(letters[usize::from(a) % letters.len()]),
                // A letter in the middle.
                5 => {
                    let at = usize::from(a) % (query.text.chars().count() + 1);
                    let at = query.text.char_indices().nth(at).map_or(query.text.len(), |(i, _)| i);
                    query.text.insert(at, letters[usize::from(b) % letters.len()]);
                }
                6 => { query.text.pop(); }
                7 => query.text.clear(),
                // Tickets change (texts included) and time passes, between two letters.
                8 => {
                    let by = w.people[usize::from(c) % w.people.len()];
                    let _ = w.ws.apply(command(&w, a, b, c, a ^ b), by, t);
                }
                9 => {
                    t += Duration::minutes(i64::from(minutes));
                    w.ws.advance_clock(t);
                }
                // Another view, filter or sort, and a letter more at once.
                _ => {
                    let text = std::mem::take(&mut query.text);
                    query = question(a, b % 2 == 0);
                    query.text = text;
                    query.text.push(letters[usize::from(c) % letters.len()]);
                }
            }
            rows.refresh(&query, &w.ws, actor, t);
            prop_assert_eq!(rows.ids(), query.run(&w.ws, actor, t), "{:?}", query);
        }
    }
}
