#![cfg(not(target_arch = "wasm32"))]
//! Export and import keep everything exactly: the same data always gives the
//! same bytes, and export -> import -> export changes nothing, for the demo,
//! for designs, for older versions, for hostile text and for timestamps
//! around daylight-saving changes.

use chrono::{Duration, TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::org::Role;
use servicelab::domain::*;
use servicelab::storage::exchange::*;

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 14, 16, 30, 0).unwrap()
}

fn exported_at() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 15, 8, 0, 0).unwrap()
}

#[test]
fn two_exports_of_equal_workspaces_are_byte_identical() {
    // Built twice, separately: any HashMap in the exported data would iterate
    // in a different order in each (each map gets its own random seed).
    let (a, b) = (demo_workspace(now()), demo_workspace(now()));
    assert_eq!(a, b);
    for scope in [Scope::Workspace, Scope::Design] {
        for style in [Style::Records, Style::Compact] {
            let first = export(&a, scope, exported_at(), style);
            assert_eq!(first, export(&b, scope, exported_at(), style), "{scope:?} {style:?}");
            assert_eq!(first, export(&a, scope, exported_at(), style));
        }
    }
}

/// A writer that takes at most 5 bytes per call.
struct Trickle(Vec<u8>);

impl std::io::Write for Trickle {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = bytes.len().min(5);
        self.0.extend_from_slice(&bytes[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn an_export_written_in_pieces_is_the_same_bytes_and_a_failing_writer_is_an_error() {
    let mut ws = demo_workspace(now());
    generate_incidents(&mut ws, 40, 3, now()).unwrap();
    for scope in [Scope::Workspace, Scope::Design] {
        for style in [Style::Records, Style::Compact] {
            let mut out = Trickle(Vec::new());
            export_to(&ws, scope, exported_at(), style, &mut out).unwrap();
            assert_eq!(String::from_utf8(out.0).unwrap(), export(&ws, scope, exported_at(), style), "{scope:?} {style:?}");
        }
    }
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no room"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let error = export_to(&ws, Scope::Workspace, exported_at(), Style::Records, Full).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::StorageFull);
}

#[test]
fn export_import_export_is_byte_identical_and_the_workspace_equal() {
    let mut ws = demo_workspace(now());
    generate_incidents(&mut ws, 300, 11, now()).unwrap();
    let text = export_workspace(&ws, exported_at());
    let imported = import(text.as_bytes(), exported_at()).unwrap();
    assert_eq!(imported.workspace, ws, "every stored field and every derived cache are equal");
    assert_eq!(export_workspace(&imported.workspace, exported_at()), text);
    let compact = export(&ws, Scope::Workspace, exported_at(), Style::Compact);
    assert_eq!(import(compact.as_bytes(), exported_at()).unwrap().workspace, ws, "compact exports import too");
}

#[test]
fn the_envelope_comes_first_and_records_take_one_line_each() {
    let ws = demo_workspace(now());
    let text = export_workspace(&ws, exported_at());
    let head: Vec<&str> = text.lines().take(6).collect();
    assert_eq!(
        head,
        [
            "{",
            "  \"format\": \"servicelab.workspace\",",
            "  \"schema_version\": 2,",
            &format!("  \"app_version\": \"{}\",", env!("CARGO_PKG_VERSION")),
            "  \"exported_at\": \"2025-03-15T08:00:00Z\",",
            "  \"workspace\": {",
        ]
    );
    let people: Vec<&str> = text.lines().filter(|l| l.starts_with("      {\"id\":") && l.contains("\"email\"")).collect();
    assert_eq!(people.len(), ws.people().len(), "one line per person");
    let events: usize = ws.tickets().iter().map(|t| t.events.len()).sum();
    let event_lines = text.lines().filter(|l| l.starts_with("        {\"at\":")).count();
    assert_eq!(event_lines, events, "one line per event");
    assert!(text.ends_with("}\n"));
}

#[test]
fn a_design_has_no_tickets_and_starts_its_clock_at_now() {
    let ws = demo_workspace(now());
    let text = export_design(&ws, exported_at());
    assert!(!text.contains("\"tickets\"") && !text.contains("\"clock\""));
    let later = now() + Duration::days(30);
    let imported = import(text.as_bytes(), later).unwrap();
    let design = &imported.workspace;
    assert!(design.tickets().is_empty());
    assert_eq!(design.clock().now, later);
    assert_eq!((design.people(), design.groups(), design.services(), design.cis()), (ws.people(), ws.groups(), ws.services(), ws.cis()));
    assert_eq!((design.matrix(), design.slas(), design.calendars(), design.views()), (ws.matrix(), ws.slas(), ws.calendars(), ws.views()));
    assert_eq!(design.name(), ws.name());
    assert_eq!(export_design(design, exported_at()), text);
    assert_eq!(imported.preview.scope, Scope::Design);
    assert_eq!(imported.preview.tickets, 0);
    assert!(imported.preview.summary().starts_with("Design \"Harbourside Logistics\""), "{}", imported.preview.summary());
}

#[test]
fn the_preview_counts_what_the_file_holds() {
    let ws = demo_workspace(now());
    let imported = import(export_workspace(&ws, exported_at()).as_bytes(), now()).unwrap();
    let p = &imported.preview;
    assert_eq!((p.people, p.groups, p.services, p.cis), (ws.people().len(), ws.groups().len(), 6, 12));
    assert_eq!((p.sla_definitions, p.calendars, p.views), (ws.slas().len(), ws.calendars().len(), ws.views().len()));
    assert_eq!((p.tickets, p.name.as_str(), p.migrated_from, p.schema_version), (50, "Harbourside Logistics", None, SCHEMA_VERSION));
    assert_eq!(p.events, ws.tickets().iter().map(|t| t.events.len()).sum::<usize>());
    assert_eq!(p.tickets_by_kind, vec![(TicketKind::Incident, 50), (TicketKind::Request, 0), (TicketKind::Problem, 0), (TicketKind::Change, 0)]);
    for state in IncidentState::ALL {
        let expected = ws.incidents().filter(|i| i.state == state).count();
        let found = p.tickets_by_state.iter().find(|(_, s, _)| *s == state).map_or(0, |(_, _, n)| *n);
        assert_eq!(found, expected, "{state:?}");
    }
    assert_eq!((p.app_version.as_deref(), p.exported_at), (Some(env!("CARGO_PKG_VERSION")), Some(exported_at())));
    assert!(p.summary().contains("50 tickets (50 incidents) with"), "{}", p.summary());
}

#[test]
fn an_older_schema_is_migrated_and_the_preview_says_so() {
    let ws = demo_workspace(now());
    let mut value: serde_json::Value = serde_json::from_str(&export_workspace(&ws, exported_at())).unwrap();
    value["schema_version"] = 1.into();
    let data = value["workspace"].as_object_mut().unwrap();
    data.remove("calendars");
    data.remove("slas");
    data.insert("schema_version".into(), 1.into());
    let imported = import(value.to_string().as_bytes(), now()).unwrap();
    assert_eq!(imported.workspace, ws, "version 1 gets the default SLAs, as the demo has");
    assert_eq!((imported.preview.migrated_from, imported.preview.schema_version), (Some(1), 1));
    assert!(imported.preview.summary().contains("upgraded to version 2"));
}

#[test]
fn a_stored_workspace_without_an_envelope_is_accepted_as_a_backup() {
    let ws = demo_workspace(now());
    let imported = import(ws.to_json().as_bytes(), now()).unwrap();
    assert_eq!(imported.workspace, ws);
    assert_eq!((imported.preview.app_version.clone(), imported.preview.exported_at), (None, None));
    assert!(imported.preview.summary().contains("a stored workspace"));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let ws = demo_workspace(now());
    let text = format!("\u{feff}{}", export_design(&ws, exported_at()));
    assert!(import(text.as_bytes(), now()).is_ok());
}

#[test]
fn importing_in_steps_reports_progress_and_gives_the_same_result() {
    let mut ws = demo_workspace(now());
    generate_incidents(&mut ws, 950, 3, now()).unwrap();
    let text = export_workspace(&ws, exported_at());
    let mut job = ImportJob::start(text.as_bytes(), now()).unwrap();
    let total = ws.tickets().len();
    assert_eq!(job.progress(), Progress { checked: 0, total, problems: 0 });
    let mut seen = Vec::new();
    while !job.is_done() {
        seen.push(job.step(250).checked);
    }
    assert_eq!((total, seen), (1000, vec![250, 500, 750, 1000]));
    assert_eq!(job.progress().fraction(), 1.0);
    let stepped = job.finish().unwrap();
    let whole = import(text.as_bytes(), now()).unwrap();
    assert_eq!((stepped.workspace, stepped.preview), (whole.workspace, whole.preview));
}

/// Text that has broken importers, renderers or JSON writers elsewhere.
const HOSTILE: [&str; 9] = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    "javascript:alert(document.cookie)",
    "Printer 🖨️ on fire 🔥👩🏽‍💻 ZWJ",
    "שלום עולם \u{202e}gnp.exe",
    "NUL\u{0}in the middle",
    "quotes \" and \\ backslashes \\\" and \u{1}\u{1f} controls",
    "line\nbreaks\r\nand\ttabs",
    "\u{fffd}\u{feff}\u{2028}\u{2029} odd code points",
];

#[test]
fn hostile_and_odd_text_survives_exactly() {
    let t0 = now();
    let mut ws = Workspace::new("Work<b>space</b> \"🙂\"", t0);
    let agent = ws.add_person(HOSTILE[0], HOSTILE[2], &[Role::Agent, Role::Admin]);
    let caller = ws.add_person(HOSTILE[4], HOSTILE[3], &[Role::Requester]);
    let group = ws.add_group(HOSTILE[1], &[agent], Some(agent)).unwrap();
    ws.add_service(HOSTILE[5], HOSTILE[6], servicelab::domain::org::ServiceKind::Business);
    let megabyte: String = "Long description ✓ ".chars().cycle().take(1_000_000).collect();
    let mut ids = Vec::new();
    for (k, text) in HOSTILE.iter().enumerate() {
        let at = t0 + Duration::minutes(k as i64);
        let new = NewIncident {
            short_description: format!("x{text}x"),
            description: if k == 0 { megabyte.clone() } else { text.to_string() },
            caller,
            category: Category::Software,
            subcategory: text.to_string(),
            service: None,
            ci: None,
            impact: 2,
            urgency: 2,
            assignment_group: Some(group),
            assigned_to: Some(agent),
        };
        let id = ws.apply(Command::CreateIncident(new), agent, at).unwrap().created.unwrap();
        ws.apply(Command::AddComment { id, text: format!("c{text}c") }, agent, at).unwrap();
        ws.apply(Command::AddWorkNote { id, text: format!("w{text}w") }, agent, at).unwrap();
        ids.push(id);
    }
    let text = export_workspace(&ws, t0);
    assert!(!text.contains('\u{0}'), "NUL is escaped, never written raw");
    let imported = import(text.as_bytes(), t0).unwrap().workspace;
    assert_eq!(imported, ws);
    assert_eq!(imported.incident(ids[0]).unwrap().description, megabyte);
    assert_eq!(imported.incident(ids[5]).unwrap().description, HOSTILE[5]);
    assert_eq!(imported.people()[0].name, HOSTILE[0]);
    assert_eq!(export_workspace(&imported, t0), text);
}

#[test]
fn timestamps_round_trip_exactly_across_daylight_saving_changes() {
    // Instants around the 2025 changes in Europe (30 March, 26 October, 01:00 UTC)
    // and the United States (9 March 07:00 UTC, 2 November 06:00 UTC), with
    // sub-second parts, recorded as events and as the clock.
    let instants = [
        Utc.with_ymd_and_hms(2025, 3, 9, 6, 59, 59).unwrap() + Duration::nanoseconds(999_999_999),
        Utc.with_ymd_and_hms(2025, 3, 9, 7, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 3, 30, 0, 59, 59).unwrap() + Duration::milliseconds(500),
        Utc.with_ymd_and_hms(2025, 3, 30, 1, 0, 0).unwrap() + Duration::nanoseconds(1),
        Utc.with_ymd_and_hms(2025, 10, 26, 0, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 10, 26, 1, 30, 0).unwrap() + Duration::microseconds(123_456),
        Utc.with_ymd_and_hms(2025, 11, 2, 5, 59, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 11, 2, 6, 0, 0).unwrap() + Duration::microseconds(1),
    ];
    let mut ws = demo_workspace(instants[0] - Duration::days(30));
    let sofia = ws.people().iter().find(|p| p.name == "Sofia Rossi").unwrap().id;
    let id = ws.incidents().find(|i| i.is_active()).unwrap().id;
    for (k, &at) in instants.iter().enumerate() {
        ws.advance_clock(at);
        ws.apply(Command::AddWorkNote { id, text: format!("note {k}") }, sofia, at).unwrap();
    }
    let imported = import(export_workspace(&ws, instants[7]).as_bytes(), now()).unwrap();
    let stamps: Vec<Timestamp> = imported.workspace.record(id).unwrap().events.iter().rev().take(8).map(|e| e.at).rev().collect();
    assert_eq!(stamps, instants);
    assert_eq!(imported.workspace.clock().now, instants[7]);
    assert_eq!(imported.preview.exported_at, Some(instants[7]));
    assert_eq!(imported.workspace, ws);
}

#[test]
fn file_names_are_safe_and_dated() {
    let mut ws = Workspace::new("Harbourside / Logistics: *Ops*", now());
    assert_eq!(file_name(&ws, Scope::Design, exported_at()), "harbourside-logistics-ops.design.2025-03-15.json");
    ws = Workspace::new("🙂🙂", now());
    assert_eq!(file_name(&ws, Scope::Workspace, exported_at()), "servicelab.workspace.2025-03-15.json");
}
