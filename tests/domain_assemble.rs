#![cfg(not(target_arch = "wasm32"))]
//! A workspace assembled from its stored parts a ticket at a time is exactly
//! the workspace read whole, and whatever the whole read refuses, the
//! assembly refuses too (the browser then falls back to the whole read, so a
//! refusal costs time, never a different result).

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::{DomainError, Workspace};
use servicelab::storage::parts;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// The parts storage keeps: the head (with an empty ticket list) and one text per ticket.
fn stored(ws: &Workspace) -> (String, Vec<String>) {
    let head = parts::join(&parts::head_json(ws), &[]).unwrap();
    (head, parts::ticket_texts(ws).into_iter().map(|(_, t)| t).collect())
}

fn assemble(head: &str, tickets: &[String]) -> Result<Workspace, DomainError> {
    let mut assembly = Workspace::assemble(head)?;
    for ticket in tickets {
        assembly.add_ticket(ticket)?;
    }
    assert_eq!(assembly.added(), tickets.len());
    Ok(assembly.finish())
}

fn whole(head: &str, tickets: &[String]) -> Result<Workspace, String> {
    let text = parts::join(&parts::head_json(&Workspace::from_json(head).map_err(|e| e.to_string())?), tickets)?;
    Workspace::from_json(&text).map_err(|e| e.to_string())
}

fn generated(count: usize, seed: u64, days_later: i64) -> Workspace {
    let mut ws = demo_workspace(now());
    generate_incidents(&mut ws, count, seed, now()).unwrap();
    // Time moving on closes resolved incidents and records SLA notifications.
    ws.advance_clock(now() + Duration::days(days_later));
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn assembled_equals_read_whole(count in 0usize..120, seed in any::<u64>(), days_later in 0i64..12) {
        let ws = generated(count, seed, days_later);
        let (head, tickets) = stored(&ws);
        let assembled = assemble(&head, &tickets).unwrap();
        let read = Workspace::from_json(&ws.to_json()).unwrap();
        prop_assert_eq!(&assembled, &read);
        // And it goes on the same way: the same next number, the same answers after one more tick.
        prop_assert_eq!(assembled.to_json(), ws.to_json());
        let (mut a, mut r) = (assembled, read);
        let later = now() + Duration::days(days_later + 9);
        prop_assert_eq!(a.advance_clock(later), r.advance_clock(later));
        prop_assert_eq!(a, r);
    }
}

#[test]
fn damaged_parts_are_refused_by_both_roads() {
    let ws = generated(40, 3, 2);
    let (head, tickets) = stored(&ws);
    let with = |i: usize, text: String| {
        let mut t = tickets.clone();
        t[i] = text;
        t
    };
    let mut swapped = tickets.clone();
    swapped.swap(3, 4);
    let mut doubled = tickets.clone();
    doubled.insert(5, tickets[5].clone());
    let mut renumbered: serde_json::Value = serde_json::from_str(&tickets[7]).unwrap();
    renumbered["number"] = serde_json::from_str::<serde_json::Value>(&tickets[2]).unwrap()["number"].clone();
    let mut uncreated: serde_json::Value = serde_json::from_str(&tickets[9]).unwrap();
    uncreated["events"].as_array_mut().unwrap().remove(0);
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("truncated ticket", with(6, tickets[6][..tickets[6].len() / 2].to_owned())),
        ("not JSON", with(1, "garbage".into())),
        ("two records in one", with(8, format!("{}{}", tickets[8], tickets[9]))),
        ("tickets out of order", swapped),
        ("a ticket twice", doubled),
        ("a number used twice", with(7, renumbered.to_string())),
        ("an incident without its creation", with(9, uncreated.to_string())),
        ("a missing first ticket", tickets[1..].to_vec()),
    ];
    for (case, damaged) in cases {
        assert!(assemble(&head, &damaged).is_err(), "{case}: the assembly refuses it");
        assert!(whole(&head, &damaged).is_err(), "{case}: the whole read refuses it");
    }
}

#[test]
fn only_a_head_in_the_current_format_without_tickets_is_assembled() {
    let ws = generated(5, 1, 0);
    let (head, _) = stored(&ws);
    let mut older: serde_json::Value = serde_json::from_str(&head).unwrap();
    older["schema_version"] = 1.into();
    let refused = Workspace::assemble(&older.to_string()).unwrap_err().to_string();
    assert!(refused.contains("format 1"), "{refused}");
    let mut newer = older.clone();
    newer["schema_version"] = 9.into();
    assert!(Workspace::assemble(&newer.to_string()).is_err());
    assert!(Workspace::assemble(&ws.to_json()).unwrap_err().to_string().contains("already holds tickets"));
    assert!(Workspace::assemble("{").is_err());
    let mut bad_config: serde_json::Value = serde_json::from_str(&head).unwrap();
    bad_config["settings"]["auto_close_days"] = 0.into();
    assert!(Workspace::assemble(&bad_config.to_string()).is_err());
}

#[test]
fn a_workspace_reassembled_ticket_by_ticket_equals_its_rebuild() {
    let now = DateTime::from_timestamp(1_772_625_600, 0).unwrap();
    let mut ws = demo_workspace(now);
    generate_incidents(&mut ws, 400, 3, now).unwrap();
    ws.advance_clock(now + Duration::days(3));
    let mut rebuilt = ws.clone();
    rebuilt.rebuild().unwrap();
    let (mut assembly, tickets) = ws.reassemble().unwrap();
    assert_eq!(tickets.len(), 450);
    for record in tickets {
        assembly.add_record(record).unwrap();
    }
    let reassembled = assembly.finish();
    assert_eq!(reassembled, rebuilt);
    assert_eq!(reassembled.sla_board(), rebuilt.sla_board());
}
