#![cfg(not(target_arch = "wasm32"))]
//! Property: rows kept by [`QueryRows`] and brought up to date after every
//! change (commands, auto-closes as the clock moves) are exactly the rows a
//! fresh [`Query::run`] gives, for every kind of query; and `run` sorts
//! exactly as the slow obvious way ([`compare`]) does.

use chrono::Duration;
use proptest::prelude::*;
use servicelab::domain::query::{AssigneeFilter, BuiltinView, Column, Query, QueryRows, Sort, compare};
use servicelab::domain::*;

#[path = "common/commands.rs"]
mod commands;
use commands::{World, add_incidents, command, world};

/// Queries of every kind: each column both ways, filters, search, the built-in views.
fn queries(w: &World) -> Vec<Query> {
    let mut all: Vec<Query> = Column::ALL
        .into_iter()
        .flat_map(|column| [false, true].map(|descending| Query { sort: Sort { column, descending }, ..Query::default() }))
        .collect();
    all.extend(BuiltinView::ALL.map(BuiltinView::query));
    let by_text = Sort { column: Column::ShortDescription, descending: false };
    all.push(Query { text: "issue 1".into(), sort: by_text, ..Query::default() });
    all.push(Query { text: "NOTE".into(), states: vec![IncidentState::InProgress, IncidentState::Resolved], ..Query::default() });
    all.push(Query { active: Some(true), group: Some(w.groups[0]), sort: Sort { column: Column::Caller, descending: true }, ..Query::default() });
    all.push(Query { assignee: AssigneeFilter::Me, major: Some(false), sort: by_text, ..Query::default() });
    all.push(Query { priorities: vec![1, 2, 3], sort: Sort { column: Column::Updated, descending: true }, ..Query::default() });
    all
}

/// The expected order, computed the slow obvious way.
fn brute(ws: &Workspace, query: &Query, actor: PersonId, now: Timestamp) -> Vec<TicketId> {
    let text = query.text.trim().to_lowercase();
    let mut rows: Vec<&Incident> = ws
        .incidents()
        .filter(|i| query.matches(i, actor, now))
        .filter(|i| {
            let haystack = format!("{}\n{}\n{}", i.number, i.short_description, i.description).to_lowercase();
            haystack.contains(&text)
        })
        .collect();
    let column = query.sort.column;
    rows.sort_by(|a, b| if query.sort.descending { compare(ws, b, a, column) } else { compare(ws, a, b, column) });
    rows.into_iter().map(|i| i.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn rows_kept_up_to_date_equal_a_fresh_run(
        steps in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), 0u16..6000), 1..50),
        asker in any::<u8>(),
    ) {
        let mut w = world();
        let actor = w.people[usize::from(asker) % w.people.len()];
        let mut t = w.ws.clock().now;
        // Some tickets to start from, with texts that differ only by case.
        add_incidents(&mut w, &["Printer jammed", "printer jammed", "VPN down", "Issue 7", "issue 7", "Zebra"], 24, t);
        let queries = queries(&w);
        let mut kept: Vec<QueryRows> = queries.iter().map(|q| QueryRows::new(q, &w.ws, actor, t)).collect();
        // One set of rows the user moves from query to query (another column, the other direction, a filter).
        let mut roaming = QueryRows::default();
        for (kind, a, b, c, who, minutes) in steps {
            let next = &queries[usize::from(a ^ c) % queries.len()];
            roaming.refresh(next, &w.ws, actor, t);
            prop_assert_eq!(roaming.ids(), next.run(&w.ws, actor, t), "{:?}", next);
            t += Duration::minutes(i64::from(minutes));
            // Long steps pass the auto-close moment of what was resolved.
            if minutes > 4000 {
                t += Duration::days(6);
            }
            w.ws.advance_clock(t);
            let by = w.people[usize::from(who) % w.people.len()];
            let _ = w.ws.apply(command(&w, kind, a, b, c), by, t);
            for (query, rows) in queries.iter().zip(kept.iter_mut()) {
                rows.refresh(query, &w.ws, actor, t);
                let fresh = query.run(&w.ws, actor, t);
                prop_assert_eq!(rows.ids(), fresh, "{:?}", query);
                prop_assert_eq!(rows.len(), rows.ids().len());
            }
        }
        for query in queries.iter().filter(|q| q.sla.is_none()) {
            prop_assert_eq!(query.run(&w.ws, actor, t), brute(&w.ws, query, actor, t), "{:?}", query);
        }
    }
}

/// A workspace copied before a change and changed apart from the original
/// must not fool the kept rows: each ticket's version mark is unique to
/// one history.
#[test]
fn copies_that_went_separate_ways_are_told_apart() {
    let mut w = world();
    let t = w.ws.clock().now;
    for n in 0..12 {
        let cmd = command(&w, 0, n * 4, n, n * 4);
        w.ws.apply(cmd, w.people[3], t).unwrap();
    }
    let query = Query { sort: Sort { column: Column::ShortDescription, descending: false }, ..Query::default() };
    let mut rows = QueryRows::new(&query, &w.ws, w.people[3], t);
    let mut copy = w.ws.clone();
    let edit = |id: u32, text: &str| Command::UpdateIncident { id: TicketId(id), edits: vec![FieldEdit::ShortDescription(text.into())] };
    w.ws.apply(edit(2, "Issue 9"), w.people[3], t).unwrap();
    assert!(rows.refresh(&query, &w.ws, w.people[3], t));
    assert_eq!(rows.ids(), query.run(&w.ws, w.people[3], t));
    copy.apply(edit(5, "Issue 3"), w.people[3], t).unwrap();
    assert!(rows.refresh(&query, &copy, w.people[3], t));
    assert_eq!(rows.ids(), query.run(&copy, w.people[3], t));
    // Nothing changed since: nothing to do, and the same rows.
    assert!(!rows.refresh(&query, &copy, w.people[3], t));
    assert_eq!(rows.ids(), query.run(&copy, w.people[3], t));
    // The same data read again (another tab's save, a reload) has marks of its own.
    let mut read = Workspace::from_json(&copy.to_json()).unwrap();
    assert_eq!(read.ticket_versions().len(), read.tickets().len());
    assert!(read.ticket_versions().iter().zip(copy.ticket_versions()).all(|(a, b)| a != b));
    read.apply(edit(7, "Issue 1"), w.people[3], t).unwrap();
    assert!(rows.refresh(&query, &read, w.people[3], t));
    assert_eq!(rows.ids(), query.run(&read, w.people[3], t));
    let copy = read;
    // The other direction is the same rows reversed.
    let descending = Query { sort: Sort { column: Column::ShortDescription, descending: true }, ..query.clone() };
    assert!(rows.refresh(&descending, &copy, w.people[3], t));
    assert_eq!(rows.ids(), descending.run(&copy, w.people[3], t));
}
