#![cfg(not(target_arch = "wasm32"))]
//! List queries: filters, sorts, search, built-in and saved views, and a
//! 100,000-incident workspace checked against brute force.

use chrono::{Duration, TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::query::{AssigneeFilter, BuiltinView, Column, Query, SavedView, SlaFilter, Sort, compare, start_of_week};
use servicelab::domain::sla::{TicketSla, sla_summary};
use servicelab::domain::*;

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 14, 16, 30, 0).unwrap()
}

fn person(ws: &Workspace, name: &str) -> PersonId {
    ws.people().iter().find(|p| p.name == name).unwrap().id
}

/// The expected answer, computed the slow obvious way.
fn brute(ws: &Workspace, keep: impl Fn(&Incident) -> bool, column: Column, descending: bool) -> Vec<TicketId> {
    let mut rows: Vec<&Incident> = ws.incidents().filter(|i| keep(i)).collect();
    rows.sort_by(|a, b| if descending { compare(ws, b, a, column) } else { compare(ws, a, b, column) });
    rows.into_iter().map(|i| i.id).collect()
}

#[test]
fn the_week_starts_on_monday_at_midnight_utc() {
    let monday = Utc.with_ymd_and_hms(2025, 3, 10, 0, 0, 0).unwrap();
    assert_eq!(start_of_week(now()), monday);
    assert_eq!(start_of_week(monday), monday);
    assert_eq!(start_of_week(Utc.with_ymd_and_hms(2025, 3, 16, 23, 59, 59).unwrap()), monday);
    assert_eq!(start_of_week(monday - Duration::seconds(1)), Utc.with_ymd_and_hms(2025, 3, 3, 0, 0, 0).unwrap());
}

#[test]
fn built_in_views_show_what_their_names_say() {
    let ws = demo_workspace(now());
    let sofia = person(&ws, "Sofia Rossi");
    let run = |v: BuiltinView, who| v.query().run(&ws, who, now());
    let mine = run(BuiltinView::MyOpen, sofia);
    assert!(!mine.is_empty());
    assert_eq!(mine, brute(&ws, |i| i.is_active() && i.assigned_to == Some(sofia), Column::Number, true));
    let unassigned = run(BuiltinView::Unassigned, sofia);
    assert_eq!(unassigned, brute(&ws, |i| i.is_active() && i.assigned_to.is_none(), Column::Number, true));
    assert_eq!(unassigned.len(), 6, "five new incidents and one escalated to Infrastructure");
    let major = run(BuiltinView::MajorIncidents, sofia);
    assert_eq!(major.len(), 1);
    assert_eq!(ws.incident(major[0]).unwrap().short_description, "Shipment tracking down for all customers");
    let week = run(BuiltinView::ResolvedThisWeek, sofia);
    let monday = start_of_week(now());
    assert_eq!(week, brute(&ws, |i| i.resolved_at.is_some_and(|t| t >= monday), Column::Resolved, true));
    assert!(week.len() >= 5, "{}", week.len());
    let names: Vec<&str> = BuiltinView::ALL.iter().map(|v| v.name()).collect();
    assert_eq!(names, ["My open", "Unassigned", "Major incidents", "Resolved this week", "Breaching soon", "SLA breached"]);
}

#[test]
fn the_sla_views_follow_the_clock_and_agree_with_each_ticket_s_sla_line() {
    let ws = demo_workspace(now());
    let sofia = person(&ws, "Sofia Rossi");
    let line = |id: TicketId, at: Timestamp| sla_summary(&ws, id, at);
    let mut seen_soon = 0;
    let mut seen_breached = 0;
    for hours in [0, 1, 2, 4, 8, 24, 72] {
        let at = now() + Duration::hours(hours);
        let soon = BuiltinView::BreachingSoon.query().run(&ws, sofia, at);
        let breached = BuiltinView::SlaBreached.query().run(&ws, sofia, at);
        let expect = |keep: &dyn Fn(&TicketSla) -> bool| {
            let mut rows: Vec<(Timestamp, u32, TicketId)> = ws
                .incidents()
                .filter(|i| i.is_active())
                .filter_map(|i| line(i.id, at).filter(|s| keep(s)).map(|s| (s.due, i.number.seq, i.id)))
                .collect();
            rows.sort();
            rows.into_iter().map(|(_, _, id)| id).collect::<Vec<_>>()
        };
        assert_eq!(soon, expect(&|s| s.breaching_soon()), "breaching soon at +{hours} h");
        assert_eq!(breached, expect(&|s| s.overdue()), "SLA breached at +{hours} h");
        assert!(soon.iter().all(|id| !breached.contains(id)), "the two views never share a ticket");
        seen_soon += soon.len();
        seen_breached += breached.len();
    }
    assert!(seen_soon > 0 && seen_breached > 0, "{seen_soon} {seen_breached}");
    let with_filter = Query { sla: Some(SlaFilter::Breached), priorities: vec![1], ..Query::default() };
    let at = now() + Duration::hours(72);
    assert!(with_filter.run(&ws, sofia, at).iter().all(|&id| ws.incident(id).unwrap().priority == 1 && line(id, at).unwrap().overdue()));
    assert!(BuiltinView::BreachingSoon.query().follows_the_clock());
    assert!(!BuiltinView::MyOpen.query().follows_the_clock());
}

#[test]
fn sorting_by_sla_columns_puts_the_most_urgent_first_and_tickets_without_timers_last() {
    let ws = demo_workspace(now());
    let at = now() + Duration::hours(3);
    let run = |column| Query { active: Some(true), sort: Sort { column, descending: false }, ..Query::default() }.run(&ws, PersonId(1), at);
    let due: Vec<Option<Timestamp>> = run(Column::SlaDue).iter().map(|&id| sla_summary(&ws, id, at).filter(|s| s.live).map(|s| s.due)).collect();
    let live = due.iter().take_while(|d| d.is_some()).count();
    assert!(live > 0 && due[live..].iter().all(Option::is_none), "no due time last");
    assert!(due[..live].is_sorted());
    let left: Vec<i64> = run(Column::SlaTimeLeft).iter().filter_map(|&id| sla_summary(&ws, id, at).filter(|s| s.live)).map(|s| s.time_left_minutes).collect();
    assert!(left.is_sorted() && left.len() == live);
    let ranks: Vec<i64> = run(Column::SlaStage).iter().map(|&id| sla_summary(&ws, id, at).map_or(i64::MAX, |s| s.stage_rank())).collect();
    assert!(ranks.is_sorted() && ranks[0] == 0, "overdue first: {ranks:?}");
}

#[test]
fn an_sla_filter_round_trips_and_older_saved_views_still_read() {
    let query = BuiltinView::BreachingSoon.query();
    let json = serde_json::to_string(&query).unwrap();
    assert_eq!(serde_json::from_str::<Query>(&json).unwrap(), query);
    let plain = serde_json::to_string(&Query::default()).unwrap();
    assert!(!plain.contains("sla"), "no SLA filter, nothing stored: {plain}");
    assert_eq!(serde_json::from_str::<Query>(&plain).unwrap(), Query::default());
}

#[test]
fn filters_combine_and_sorts_are_total() {
    let ws = demo_workspace(now());
    let apps = ws.groups().iter().find(|g| g.name == "Applications").unwrap().id;
    for column in Column::ALL {
        for descending in [false, true] {
            let q = Query {
                states: vec![IncidentState::InProgress, IncidentState::Resolved, IncidentState::Closed],
                priorities: vec![2, 3, 4],
                group: Some(apps),
                sort: Sort { column, descending },
                ..Query::default()
            };
            let expected = brute(
                &ws,
                |i| q.states.contains(&i.state) && q.priorities.contains(&i.priority) && i.assignment_group == Some(apps),
                column,
                descending,
            );
            assert!(!expected.is_empty());
            assert_eq!(q.run(&ws, PersonId(1), now()), expected, "{column:?} desc={descending}");
        }
    }
    let by_priority = Query { sort: Sort { column: Column::Priority, descending: false }, ..Query::default() }.run(&ws, PersonId(1), now());
    let first = ws.incident(by_priority[0]).unwrap();
    let second = ws.incident(by_priority[1]).unwrap();
    assert!(first.priority < second.priority || (first.priority == second.priority && first.number < second.number));
    let inactive = Query { active: Some(false), major: Some(false), ..Query::default() }.run(&ws, PersonId(1), now());
    assert!(inactive.iter().all(|&id| !ws.incident(id).unwrap().is_active() && !ws.incident(id).unwrap().major));
    let jonas = person(&ws, "Jonas Weber");
    let his = Query { assignee: AssigneeFilter::Person(jonas), ..Query::default() }.run(&ws, PersonId(1), now());
    assert_eq!(his, brute(&ws, |i| i.assigned_to == Some(jonas), Column::Number, true));
}

#[test]
fn search_matches_numbers_and_descriptions_case_insensitively() {
    let ws = demo_workspace(now());
    let q = |text: &str| Query { text: text.into(), sort: Sort { column: Column::Number, descending: false }, ..Query::default() }.run(&ws, PersonId(1), now());
    let expected = |needle: &str| {
        brute(&ws, |i| format!("{}\n{}\n{}", i.number, i.short_description, i.description).to_lowercase().contains(needle), Column::Number, false)
    };
    assert_eq!(q("inc0001005").len(), 1);
    assert_eq!(q("PRINTER"), expected("printer"));
    assert!(q("printer").len() >= 3);
    assert_eq!(q("vp"), expected("vp"), "two-letter queries scan");
    assert_eq!(q("customs gateway"), expected("customs gateway"));
    assert!(q("zzzz no such thing").is_empty());
    let with_filter = Query { text: "printer".into(), active: Some(true), ..Query::default() }.run(&ws, PersonId(1), now());
    assert!(with_filter.iter().all(|&id| ws.incident(id).unwrap().is_active()));
}

#[test]
fn saved_views_are_stored_replaced_deleted_and_exported() {
    let mut ws = demo_workspace(now());
    let ana = person(&ws, "Ana Silva");
    let t = now() + Duration::minutes(1);
    let view = |name: &str, text: &str| SavedView { name: name.into(), query: Query { text: text.into(), ..Query::default() } };
    ws.apply(Command::SaveView(view("Printers", "printer")), ana, t).unwrap();
    ws.apply(Command::SaveView(view("VPN", "vpn")), ana, t).unwrap();
    ws.apply(Command::SaveView(view("Printers", "label printer")), ana, t).unwrap();
    assert_eq!(ws.views().len(), 2);
    assert_eq!(ws.views()[0].query.text, "label printer");
    let blank = ws.apply(Command::SaveView(view("  ", "x")), ana, t).unwrap_err();
    assert_eq!(blank.to_string(), "The view name cannot be blank");
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back.views(), ws.views());
    ws.apply(Command::DeleteView { name: "VPN".into() }, ana, t).unwrap();
    assert_eq!(ws.views().len(), 1);
    let results = ws.views()[0].query.run(&ws, ana, t);
    assert_eq!(results.len(), 1);
}

#[test]
fn a_hundred_thousand_incidents_search_and_sort_correctly() {
    let mut ws = demo_workspace(now());
    let ids = generate_incidents(&mut ws, 100_000, 9, now()).unwrap();
    assert_eq!(ids.len(), 100_000);
    assert_eq!(ws.incidents().count(), 100_050);
    let states: Vec<usize> = IncidentState::ALL.iter().map(|s| ws.incidents().filter(|i| i.state == *s).count()).collect();
    assert!(states.iter().all(|&n| n > 1000), "{states:?}");
    // A unique reference, a number, and a common phrase, each against brute force.
    let reference = Query { text: "G9-4242.".into(), ..Query::default() }.run(&ws, PersonId(1), now());
    assert_eq!(reference, vec![ids[4242]]);
    let number = ws.record(ids[99_999]).unwrap().number.to_string();
    assert_eq!(Query { text: number.to_lowercase(), ..Query::default() }.run(&ws, PersonId(1), now()), vec![ids[99_999]]);
    let phrase = Query {
        text: "VPN disconnects from Dock 3".into(),
        states: vec![IncidentState::InProgress],
        sort: Sort { column: Column::Priority, descending: true },
        ..Query::default()
    };
    let found = phrase.run(&ws, PersonId(1), now());
    let expected = brute(
        &ws,
        |i| i.state == IncidentState::InProgress && i.short_description.to_lowercase().contains("vpn disconnects from dock 3"),
        Column::Priority,
        true,
    );
    assert!(found.len() > 50, "{}", found.len());
    assert_eq!(found, expected);
    let sorted = Query { sort: Sort { column: Column::Opened, descending: false }, ..Query::default() }.run(&ws, PersonId(1), now());
    assert_eq!(sorted.len(), 100_050);
    assert!(sorted.windows(2).all(|w| {
        let (a, b) = (ws.incident(w[0]).unwrap(), ws.incident(w[1]).unwrap());
        a.opened_at < b.opened_at || (a.opened_at == b.opened_at && a.number < b.number)
    }));
}
