//! CSV export in ServiceNow's and iTop's conventions, and reading it back.

use chrono::{TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::{IncidentState, Timestamp};
use servicelab::storage::csv::rfc4180::parse_table;
use servicelab::storage::csv::{
    columns, export_incidents, export_rows, import_incidents, propose_mapping, workspace_for_import, Answers, Dialect, Target,
};

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

#[test]
fn servicenow_export_uses_its_column_names_and_value_conventions() {
    let ws = demo_workspace(now());
    let text = export_incidents(&ws, Dialect::ServiceNow);
    let table = parse_table(&text).unwrap();
    assert_eq!(table.headers[..10], ["number", "short_description", "description", "caller_id", "category", "subcategory", "impact", "urgency", "priority", "state"]);
    assert_eq!(table.rows.len(), ws.incidents().count());
    let col = |name: &str| table.headers.iter().position(|h| h == name).unwrap();
    let first = ws.incidents().next().unwrap();
    let row = &table.rows[0].cells;
    assert_eq!(row[col("number")], first.number.to_string());
    assert_eq!(row[col("caller_id")], ws.person_name(first.caller));
    let level = &row[col("impact")];
    assert!(level.starts_with(&format!("{} - ", first.impact)), "impact written as \"1 - High\": {level}");
    assert_eq!(row[col("opened_at")], first.opened_at.format("%Y-%m-%d %H:%M:%S").to_string());
    let states: Vec<&str> = table.rows.iter().map(|r| r.cells[col("state")].as_str()).collect();
    for s in IncidentState::ALL {
        assert!(states.contains(&s.label()), "the demo has every state; {} missing", s.label());
    }
    for r in &table.rows {
        let resolved = matches!(r.cells[col("state")].as_str(), "Resolved" | "Closed");
        assert_eq!(!r.cells[col("resolved_at")].is_empty(), resolved, "resolved_at only on resolved incidents, line {}", r.line);
        assert_eq!(!r.cells[col("close_code")].is_empty(), resolved);
        let on_hold = r.cells[col("state")] == "On Hold";
        assert_eq!(r.cells[col("hold_reason")].starts_with("Awaiting"), on_hold);
    }
}

#[test]
fn itop_export_uses_attribute_codes_and_status_codes() {
    let ws = demo_workspace(now());
    let table = parse_table(&export_incidents(&ws, Dialect::Itop)).unwrap();
    assert_eq!(table.headers, columns(Dialect::Itop));
    for code in ["ref", "title", "org_id->name", "caller_id->name", "status", "team_id->name", "agent_id->name", "start_date", "resolution_date"] {
        assert!(table.headers.iter().any(|h| h == code), "{code} missing");
    }
    let col = |name: &str| table.headers.iter().position(|h| h == name).unwrap();
    let statuses: std::collections::BTreeSet<&str> = table.rows.iter().map(|r| r.cells[col("status")].as_str()).collect();
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), vec!["assigned", "closed", "new", "pending", "resolved"]);
    assert!(table.rows.iter().all(|r| r.cells[col("org_id->name")] == ws.name()));
    assert!(table.rows.iter().all(|r| r.cells[col("impact")].parse::<u8>().is_ok()), "iTop levels are bare numbers");
}

#[test]
fn exports_are_stable_and_read_back_to_the_same_cells() {
    let ws = demo_workspace(now());
    for dialect in Dialect::ALL {
        let text = export_incidents(&ws, dialect);
        assert_eq!(text, export_incidents(&ws, dialect), "two exports of one workspace are identical");
        assert!(text.ends_with("\r\n"));
        let back: Vec<Vec<String>> = parse_table(&text).unwrap().rows.into_iter().map(|r| r.cells).collect();
        assert_eq!(back, export_rows(&ws, dialect), "{dialect:?}");
    }
}

#[test]
fn every_export_column_is_recognised_by_the_import_mapping() {
    for dialect in Dialect::ALL {
        let ws = demo_workspace(now());
        let mapping = propose_mapping(&export_incidents(&ws, dialect)).unwrap();
        assert!(mapping.missing().is_empty(), "{dialect:?}: {:?}", mapping.missing());
        for target in [Target::Caller, Target::State, Target::AssignmentGroup, Target::AssignedTo, Target::ResolvedAt, Target::CloseNotes] {
            assert!(mapping.column(target).is_some(), "{dialect:?} {target:?}");
        }
    }
}

/// Export, import into an empty workspace, export again: every cell the file
/// can carry comes back. Columns that describe history the file does not
/// hold (last update, reassignment and reopen counts) are left out.
#[test]
fn a_servicenow_export_imported_into_a_new_workspace_exports_the_same_cells() {
    let ws = demo_workspace(now());
    let text = export_incidents(&ws, Dialect::ServiceNow);
    let (base, importer) = workspace_for_import("Copy", "Importer", now());
    let mapping = propose_mapping(&text).unwrap();
    let imported = import_incidents(&base, &text, &mapping, &Answers::default(), importer).unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(imported.incidents.len(), ws.incidents().count());
    let skip: Vec<usize> = ["sys_updated_on", "reassignment_count", "reopen_count"]
        .iter()
        .map(|c| columns(Dialect::ServiceNow).iter().position(|h| h == c).unwrap())
        .collect();
    let strip = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter().map(|r| r.into_iter().enumerate().filter(|(i, _)| !skip.contains(i)).map(|(_, c)| c).collect()).collect()
    };
    let before = strip(export_rows(&ws, Dialect::ServiceNow));
    let after = strip(export_rows(&imported.workspace, Dialect::ServiceNow));
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
    assert_eq!(before.len(), after.len());
}

#[test]
fn an_itop_export_imports_back_with_its_states() {
    let ws = demo_workspace(now());
    let text = export_incidents(&ws, Dialect::Itop);
    let (base, importer) = workspace_for_import("Copy", "Importer", now());
    let mapping = propose_mapping(&text).unwrap();
    let preview = servicelab::storage::csv::preview_incidents(&base, &text, &mapping, &Answers::default(), importer);
    // iTop has no category: the import asks, once, what the incidents are.
    assert!(preview.questions.iter().any(|q| q.prompt.starts_with("Map (empty) ((Category)")), "{:?}", preview.questions);
    let answers = Answers { other_categories: Some(servicelab::domain::Category::Software), ..Answers::default() };
    let imported = import_incidents(&base, &text, &mapping, &answers, importer).unwrap_or_else(|r| panic!("{r:?}"));
    let original: Vec<IncidentState> = ws.incidents().map(|i| i.state).collect();
    let back: Vec<IncidentState> = imported.workspace.incidents().map(|i| i.state).collect();
    assert_eq!(back, original, "states come back, Canceled included");
    let resolutions = |w: &servicelab::domain::Workspace| -> Vec<_> {
        w.incidents().map(|i| i.resolution.as_ref().map(|r| (r.code, r.notes.clone()))).collect()
    };
    assert_eq!(resolutions(&imported.workspace), resolutions(&ws), "resolution codes travel in iTop's solution text");
}
