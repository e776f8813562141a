#![cfg(not(target_arch = "wasm32"))]
//! The exports kept in `tests/fixtures/exchange/`: files written by this
//! version that every later version must still import (upgrading them when
//! the schema moves on). They also seed the fuzz test and `scripts/fuzz.sh`.
//!
//! `small-workspace.json` holds every kind of event; `demo-design.json` is
//! the demo organisation's design. To write them again (only when the files
//! must change on purpose, e.g. a schema bump, keeping the old ones as
//! `*-v<N>.json`), run `cargo test --test exchange_fixtures -- --ignored`.

use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::org::Role;
use servicelab::domain::*;
use servicelab::storage::exchange::*;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange")
}

fn exported_at() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 31, 12, 0, 0).unwrap()
}

/// A small workspace with every kind of event: generated incidents, then a
/// major incident with a child, a related ticket, both escalations, field
/// edits, a work note and a resolution that cascades to the child.
fn small_workspace() -> Workspace {
    let t0 = Utc.with_ymd_and_hms(2025, 3, 28, 9, 0, 0).unwrap();
    let mut ws = Workspace::new("Fixture <b>&</b> 🙂", t0);
    let ana = ws.add_person("Ana", "ana@x", &[Role::Requester]);
    let bo = ws.add_person("Bo", "bo@x", &[Role::Agent, Role::GroupManager, Role::Admin]);
    let desk = ws.add_group("Desk", &[bo], Some(bo)).unwrap();
    let apps = ws.add_group("Apps", &[bo], None).unwrap();
    let mail = ws.add_service("Mail", "E-mail", servicelab::domain::org::ServiceKind::Business);
    ws.add_ci("mx-01", "Server", Some(mail)).unwrap();
    generate_incidents(&mut ws, 6, 5, t0 + Duration::days(1)).unwrap();
    let at = t0 + Duration::days(2);
    ws.advance_clock(at);
    let new = NewIncident {
        short_description: "Mail down".into(),
        description: "All of it".into(),
        caller: ana,
        category: Category::Software,
        subcategory: "Email".into(),
        service: Some(mail),
        ci: Some(CiId(1)),
        impact: 1,
        urgency: 1,
        assignment_group: Some(desk),
        assigned_to: Some(bo),
    };
    let id = ws.apply(Command::CreateIncident(new), bo, at).unwrap().created.unwrap();
    let child = ws.apply(Command::CreateIncident(sample(ana, desk)), bo, at).unwrap().created.unwrap();
    for command in [
        Command::SetParent { child, parent: id },
        Command::Relate { a: id, b: child },
        Command::SetMajor { id, major: true },
        Command::Escalate { id, escalation: EscalationRequest::Hierarchical },
        Command::Escalate { id, escalation: EscalationRequest::Functional { to_group: apps } },
        Command::UpdateIncident { id, edits: vec![FieldEdit::Urgency(2), FieldEdit::Caller(bo), FieldEdit::Ci(None)] },
        Command::AddWorkNote { id, text: "Looking".into() },
        Command::AddComment { id, text: "Any news?".into() },
        Command::Transition {
            id,
            to: IncidentState::Resolved,
            hold_reason: None,
            resolution_code: Some(ResolutionCode::SolvedRemotely),
            resolution_notes: "Restarted".into(),
        },
    ] {
        ws.apply(command, bo, at).unwrap();
    }
    ws
}

fn sample(caller: PersonId, group: GroupId) -> NewIncident {
    NewIncident {
        short_description: "Child".into(),
        description: String::new(),
        caller,
        category: Category::Network,
        subcategory: String::new(),
        service: None,
        ci: None,
        impact: 2,
        urgency: 3,
        assignment_group: Some(group),
        assigned_to: None,
    }
}

#[test]
#[ignore = "writes the fixture files; run on purpose only"]
fn write_fixtures() {
    std::fs::create_dir_all(dir()).unwrap();
    std::fs::write(dir().join("small-workspace.json"), export_workspace(&small_workspace(), exported_at())).unwrap();
    let demo = demo_workspace(Utc.with_ymd_and_hms(2025, 3, 28, 9, 0, 0).unwrap());
    std::fs::write(dir().join("demo-design.json"), export_design(&demo, exported_at())).unwrap();
}

#[test]
fn the_fixtures_import_with_what_they_were_written_with() {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let small = import(&std::fs::read(dir().join("small-workspace.json")).unwrap(), now).unwrap();
    let p = &small.preview;
    assert_eq!((p.scope, p.people, p.groups, p.services, p.cis, p.tickets), (Scope::Workspace, 2, 2, 1, 1, 8));
    assert_eq!(p.exported_at, Some(exported_at()));
    let kinds: std::collections::BTreeSet<String> = small
        .workspace
        .tickets()
        .iter()
        .flat_map(|t| &t.events)
        .map(|e| serde_json::to_value(&e.change).unwrap().as_object().unwrap().keys().next().unwrap().clone())
        .collect();
    assert_eq!(kinds.len(), 8, "every kind of event is in the fixture: {kinds:?}");
    let design = import(&std::fs::read(dir().join("demo-design.json")).unwrap(), now).unwrap();
    assert_eq!((design.preview.scope, design.preview.people, design.preview.tickets), (Scope::Design, 16, 0));
    assert_eq!(design.workspace.clock().now, now);
}
