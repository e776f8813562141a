#![cfg(not(target_arch = "wasm32"))]
//! Exports in steps: for any workspace the app can reach and any step sizes,
//! the stepped JSON export writes the bytes of `export` (both scopes, both
//! styles) and the stepped CSV export those of `export_incidents` (both
//! dialects); and a workspace that changes between two steps stops the
//! export instead of giving a file of two moments.

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::org::Role;
use servicelab::domain::*;
use servicelab::storage::csv::export::{CsvExportJob, Dialect, export_incidents};
use servicelab::storage::exchange::{ExportJob, ExportSteps, Scope, StepError, Style, export};

#[path = "common/commands.rs"]
mod commands;

const SCOPES: [Scope; 2] = [Scope::Workspace, Scope::Design];
const STYLES: [Style; 2] = [Style::Records, Style::Compact];

fn start() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap()
}

/// Runs `step` with the sizes of `budgets` in turn (round and round) until
/// it says it is done; returns the bytes and the number of steps.
fn stepped(budgets: &[usize], mut step: impl FnMut(&mut Vec<u8>, usize) -> Result<bool, StepError>) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut steps = 0;
    loop {
        let budget = budgets.get(steps % budgets.len().max(1)).copied().unwrap_or(1);
        steps += 1;
        if step(&mut out, budget).expect("the workspace does not change") {
            return (out, steps);
        }
        assert!(steps < 1_000_000, "a job always ends");
    }
}

fn json_in_steps(ws: &Workspace, scope: Scope, style: Style, budgets: &[usize]) -> (Vec<u8>, usize) {
    let mut job = ExportJob::new(ws, scope, start(), style);
    let (bytes, steps) = stepped(budgets, |out, budget| job.step(ws, out, budget));
    assert_eq!(job.written(), job.total());
    (bytes, steps)
}

fn csv_in_steps(ws: &Workspace, dialect: Dialect, budgets: &[usize]) -> (Vec<u8>, usize) {
    let mut job = CsvExportJob::new(ws, dialect);
    let (bytes, steps) = stepped(budgets, |out, budget| job.step(ws, out, budget));
    assert_eq!(job.written(), job.total());
    assert_eq!(job.total(), ws.incidents().count());
    (bytes, steps)
}

/// Every stepped export of `ws` against its one-go counterpart.
fn assert_same_bytes(ws: &Workspace, budgets: &[usize]) -> Result<(), TestCaseError> {
    for scope in SCOPES {
        for style in STYLES {
            let (bytes, _) = json_in_steps(ws, scope, style, budgets);
            let whole = export(ws, scope, start(), style);
            prop_assert!(bytes == whole.as_bytes(), "{scope:?} {style:?} in steps of {budgets:?} differs from export()");
        }
    }
    for dialect in Dialect::ALL {
        let (bytes, _) = csv_in_steps(ws, dialect, budgets);
        prop_assert!(bytes == export_incidents(ws, dialect).as_bytes(), "{dialect:?} in steps of {budgets:?} differs");
    }
    Ok(())
}

/// The demo with `size` generated incidents, then commands picked from random bytes.
fn reached(seed: u64, size: usize, picks: &[(u8, u8, u8, u8)]) -> Workspace {
    let mut ws = demo_workspace(start());
    generate_incidents(&mut ws, size, seed, start()).unwrap();
    let people = ws.people().iter().map(|p| p.id).collect();
    let groups = ws.groups().iter().map(|g| g.id).collect();
    let mut world = commands::World { ws, people, groups };
    let mut now = start();
    for &(kind, a, b, c) in picks {
        now += Duration::minutes(i64::from(a) * 7);
        world.ws.advance_clock(now);
        let command = commands::command(&world, kind, a, b, c);
        let actor = world.people[usize::from(c) % world.people.len()];
        let _ = world.ws.apply(command, actor, now);
    }
    world.ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn exports_in_steps_of_any_size_write_the_bytes_of_one_go(
        seed in any::<u64>(),
        size in 0usize..60,
        picks in prop::collection::vec(any::<(u8, u8, u8, u8)>(), 0..30),
        budgets in prop::collection::vec(0usize..25, 1..6),
        name in "\\PC{0,16}",
    ) {
        let mut ws = reached(seed, size, &picks);
        // Names with quotes, commas and line breaks go through both writers.
        ws.add_person(&format!("{name}, \"the\nnew\""), "n@x", &[Role::Requester]);
        assert_same_bytes(&ws, &budgets)?;
    }
}

#[test]
fn a_workspace_without_tickets_is_exported_in_one_step() {
    let ws = Workspace::new("Empty", start());
    assert!(ws.tickets().is_empty());
    for scope in SCOPES {
        for style in STYLES {
            let (bytes, steps) = json_in_steps(&ws, scope, style, &[1]);
            assert_eq!(bytes, export(&ws, scope, start(), style).as_bytes());
            assert_eq!(steps, 1);
        }
    }
    for dialect in Dialect::ALL {
        let (bytes, steps) = csv_in_steps(&ws, dialect, &[1]);
        assert_eq!(String::from_utf8(bytes).unwrap(), export_incidents(&ws, dialect));
        assert_eq!(steps, 1, "the header alone");
    }
}

#[test]
fn one_ticket_and_a_step_size_of_zero() {
    let ws = demo_workspace(start());
    let keep = ws.tickets().len();
    assert!(keep > 1);
    let mut one = Workspace::new("One", start());
    let caller = one.add_person("Ana", "a@x", &[Role::Requester]);
    let incident = NewIncident {
        short_description: "Printer, \"jammed\"".into(),
        description: "Line one\nline two".into(),
        caller,
        category: Category::ALL[0],
        subcategory: String::new(),
        service: None,
        ci: None,
        impact: 2,
        urgency: 2,
        assignment_group: None,
        assigned_to: None,
    };
    one.apply(Command::CreateIncident(incident), caller, start()).unwrap();
    assert_eq!(one.tickets().len(), 1);
    for style in STYLES {
        // A step of 0 tickets still writes one: no job can stall.
        let (bytes, steps) = json_in_steps(&one, Scope::Workspace, style, &[0]);
        assert_eq!(bytes, export(&one, Scope::Workspace, start(), style).as_bytes());
        assert_eq!(steps, 1);
    }
    for dialect in Dialect::ALL {
        let (bytes, _) = csv_in_steps(&one, dialect, &[0]);
        assert_eq!(String::from_utf8(bytes).unwrap(), export_incidents(&one, dialect));
    }
    // The demo in steps of one ticket: as many steps as tickets.
    let (_, steps) = json_in_steps(&ws, Scope::Workspace, Style::Records, &[1]);
    assert_eq!(steps, keep);
}

/// Starts `job`, writes one step, changes the workspace with `change`, and
/// expects the next step to refuse.
fn changed_midway(change: impl Fn(&mut Workspace)) {
    let mut ws = demo_workspace(start());
    let mut json = ExportJob::new(&ws, Scope::Workspace, start(), Style::Records);
    let mut csv = CsvExportJob::new(&ws, Dialect::ServiceNow);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    assert!(!json.step(&ws, &mut a, 25).unwrap());
    assert!(!csv.step(&ws, &mut b, 25).unwrap());
    change(&mut ws);
    let (before_a, before_b) = (a.len(), b.len());
    assert!(matches!(json.step(&ws, &mut a, 1_000), Err(StepError::Changed)));
    assert!(matches!(csv.step(&ws, &mut b, 1_000), Err(StepError::Changed)));
    assert_eq!((a.len(), b.len()), (before_a, before_b), "a refused step writes nothing");
}

/// Comments on the first incident still open among `rows` (ticket rows).
fn comment_on(ws: &mut Workspace, rows: impl Iterator<Item = usize>) {
    let open = |ws: &Workspace, row: usize| ws.incident(TicketId(row as u32 + 1)).is_some_and(|i| !matches!(i.state, IncidentState::Closed | IncidentState::Canceled));
    let row = rows.into_iter().find(|&row| open(ws, row)).expect("an open incident");
    let actor = ws.people().iter().find(|p| p.roles.contains(&Role::Agent)).expect("an agent").id;
    ws.apply(Command::AddComment { id: TicketId(row as u32 + 1), text: "meanwhile".into() }, actor, start()).unwrap();
}

#[test]
fn an_edit_between_two_steps_stops_the_export() {
    // A ticket not written yet.
    changed_midway(|ws| comment_on(ws, (25..ws.tickets().len()).rev()));
}

#[test]
fn a_ticket_already_written_that_changes_stops_the_export_too() {
    changed_midway(|ws| comment_on(ws, 0..25));
}

#[test]
fn a_change_outside_the_tickets_stops_the_export() {
    changed_midway(|ws| {
        ws.add_person("Newcomer", "n@x", &[Role::Agent]);
    });
    changed_midway(|ws| {
        ws.set_clock(start() + Duration::days(40), true).unwrap();
    });
}

#[test]
fn the_same_workspace_put_back_from_its_own_json_still_counts_as_changed() {
    // Another tab's save replaces the workspace with an equal one read from
    // storage: its marks are new, so the export stops rather than guess.
    changed_midway(|ws| {
        *ws = Workspace::from_json(&ws.to_json()).unwrap();
    });
}

#[test]
fn a_copy_of_the_workspace_is_the_same_moment() {
    // Cloning keeps the marks: an unchanged copy finishes the export.
    let ws = demo_workspace(start());
    let mut job = ExportJob::new(&ws, Scope::Workspace, start(), Style::Compact);
    let mut out = Vec::new();
    assert!(!job.step(&ws, &mut out, 3).unwrap());
    let copy = ws.clone();
    while !job.step(&copy, &mut out, 7).unwrap() {}
    assert_eq!(out, export(&ws, Scope::Workspace, start(), Style::Compact).as_bytes());
}
