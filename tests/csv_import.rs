//! Import of one-row-per-incident CSV files: mapping, preview, validation,
//! questions, all or nothing.

use chrono::{TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::org::Role;
use servicelab::domain::{Category, HoldReason, IncidentState, ResolutionCode, Timestamp};
use servicelab::storage::csv::{
    check_file, columns, decode, detect, import_incidents, preview_incidents, propose_mapping, workspace_for_import, Answers, Dialect, FileKind,
    MappedState, QuestionKind, Target, MAX_CSV_BYTES,
};

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

const HEADER: &str = "number,short_description,caller_id,category,impact,urgency,priority,state,hold_reason,assignment_group,assigned_to,opened_at,resolved_at,closed_at,close_code,close_notes\r\n";

fn file(rows: &[&str]) -> String {
    let mut text = HEADER.to_string();
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    text
}

const GOOD: [&str; 4] = [
    "INC0000001,Mail is down,Ann Lee,Software,1 - High,1 - High,1 - Critical,In Progress,,Messaging,Bo Chen,2026-02-01 08:00:00,,,,",
    "INC0000002,\"Printer, 2nd floor\",Ann Lee,Hardware,3 - Low,3 - Low,4 - Low,Awaiting Vendor,,Desk,,2026-02-01 09:00:00,,,,",
    "INC0000003,VPN drops,Cy Diaz,network,2 - Medium,2 - Medium,3 - Moderate,Closed,,Messaging,Bo Chen,2026-02-02 10:00:00,2026-02-02 12:30:00,2026-02-20 12:30:00,Solved (Permanently),Replaced the router",
    "INC0000004,Password,Cy Diaz,Inquiry / Help,3 - Low,2 - Medium,4 - Low,New,,,,2026-02-03 10:00:00,,,,",
];

#[test]
fn a_clean_file_previews_then_imports_every_incident_with_its_history() {
    let (base, importer) = workspace_for_import("Imported", "Ida Admin", now());
    let text = file(&GOOD);
    let mapping = propose_mapping(&text).unwrap();
    let preview = preview_incidents(&base, &text, &mapping, &Answers::default(), importer);
    assert!(preview.is_ready(), "{:?} {:?}", preview.problems, preview.questions);
    assert_eq!((preview.rows, preview.incidents.len()), (4, 4));
    assert_eq!(preview.incidents[1].short_description, "Printer, 2nd floor");
    assert_eq!(preview.people.created, vec!["Ann Lee", "Bo Chen", "Cy Diaz"]);
    assert_eq!(preview.people.matched, vec!["Ida Admin"]);
    assert_eq!(preview.groups.created, vec!["Desk", "Messaging"]);

    let imported = import_incidents(&base, &text, &mapping, &Answers::default(), importer).unwrap_or_else(|r| panic!("{r:?}"));
    let ws = &imported.workspace;
    let sources: Vec<&str> = imported.incidents.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(sources, ["INC0000001", "INC0000002", "INC0000003", "INC0000004"]);
    let incs: Vec<_> = ws.incidents().collect();
    assert_eq!(incs.iter().map(|i| i.state).collect::<Vec<_>>(), [IncidentState::InProgress, IncidentState::OnHold, IncidentState::Closed, IncidentState::New]);
    assert_eq!(incs[1].hold_reason, Some(HoldReason::AwaitingVendor));
    assert_eq!(incs[2].category, Category::Network);
    assert_eq!(incs[3].category, Category::Inquiry);
    assert_eq!(incs[0].priority, 1);
    let closed = incs[2];
    assert_eq!(closed.resolution.as_ref().map(|r| (r.code, r.notes.as_str())), Some((ResolutionCode::SolvedPermanently, "Replaced the router")));
    assert_eq!(closed.resolved_at, Some(Utc.with_ymd_and_hms(2026, 2, 2, 12, 30, 0).unwrap()));
    assert_eq!(closed.closed_at, Some(Utc.with_ymd_and_hms(2026, 2, 20, 12, 30, 0).unwrap()), "closed when the file says, not after 7 days");
    assert_eq!(ws.person_name(closed.resolved_by.unwrap()), "Bo Chen", "resolved by the assignee when no resolver column");
    assert_eq!(ws.settings().auto_close_days, base.settings().auto_close_days, "the auto-close setting is restored");
    let agent = ws.people().iter().find(|p| p.name == "Bo Chen").unwrap();
    assert!(agent.has(Role::Agent));
    assert!(ws.people().iter().find(|p| p.name == "Ann Lee").unwrap().has(Role::Requester));
}

#[test]
fn every_problem_names_its_line_and_column_and_nothing_is_imported() {
    let (base, importer) = workspace_for_import("Imported", "Ida Admin", now());
    let text = file(&[
        GOOD[0],
        "INC0000005,,Ann Lee,Software,1 - High,1 - High,,New,,,,2026-02-01 08:00:00,,,,",
        "INC0000006,Late,Ann Lee,Software,1 - High,1 - High,,New,,,,02/30/2026,,,,",
        "INC0000007,Lone agent,Ann Lee,Software,1 - High,1 - High,,In Progress,,,Bo Chen,2026-02-01 08:00:00,,,,",
        "INC0000008,Backwards,Ann Lee,Software,1 - High,High,,Closed,,Desk,,2026-02-05 08:00:00,2026-02-04 08:00:00,2026-02-03 08:00:00,Solved (Permanently),x",
    ]);
    let mapping = propose_mapping(&text).unwrap();
    let refusal = import_incidents(&base, &text, &mapping, &Answers::default(), importer).unwrap_err();
    let found: Vec<String> = refusal.problems.iter().map(|p| p.to_string()).collect();
    let expect = [
        "line 3, column short_description: Short description is empty; every incident needs one",
        "line 4, column opened_at: \"02/30/2026\" is not a date and time like 2016-02-29 01:16:00",
        "line 5, column assigned_to: an agent is given without an assignment group; ServiceLab assigns agents within a group, so fill the group",
        "line 6, column urgency: \"High\" is not a level like \"2 - Medium\" or 2",
        "line 6, column resolved_at: Resolved is before the incident was opened",
        "line 6, column closed_at: the incident is closed before it was resolved",
    ];
    for e in expect {
        assert!(found.iter().any(|f| f == e), "missing: {e}\nfound: {found:#?}");
    }
}

#[test]
fn unknown_values_are_asked_not_guessed_and_answers_unblock_the_import() {
    let (base, importer) = workspace_for_import("Imported", "Ida Admin", now());
    let text = file(&[
        "INC0000009,Evidence,Ann Lee,Category 7,2,2,,Awaiting Evidence,,Desk,,2026-02-01 08:00:00,,,,",
        "INC0000010,Coded,Ann Lee,Software,2,2,,Resolved,,Desk,,2026-02-01 08:00:00,2026-02-01 09:00:00,,code 6,fixed",
        "INC0000011,Held,Ann Lee,Software,2,2,,On Hold,,Desk,,2026-02-01 08:00:00,,,,",
    ]);
    let mapping = propose_mapping(&text).unwrap();
    let preview = preview_incidents(&base, &text, &mapping, &Answers::default(), importer);
    let prompts: Vec<(QuestionKind, &str)> = preview.questions.iter().map(|q| (q.kind, q.prompt.as_str())).collect();
    assert_eq!(
        prompts,
        [
            (QuestionKind::State, "Map \"Awaiting Evidence\" (state, 1 row, first on line 2) to which state?"),
            (QuestionKind::Category, "Map \"Category 7\" (category, 1 row, first on line 2) to which category?"),
            (QuestionKind::CloseCode, "Map \"code 6\" (close_code, 1 row, first on line 3) to which resolution code?"),
            (QuestionKind::HoldReason, "Map (empty) (hold_reason, 1 row, first on line 4) to which on-hold reason?"),
        ]
    );
    assert_eq!(preview.questions[0].options.len(), MappedState::CHOICES.len());
    assert!(import_incidents(&base, &text, &mapping, &Answers::default(), importer).is_err());

    let mut answers = Answers::default();
    answers.states.insert("Awaiting Evidence".into(), MappedState::OnHold(Some(HoldReason::AwaitingCaller)));
    answers.categories.insert("Category 7".into(), Category::Security);
    answers.close_codes.insert("code 6".into(), ResolutionCode::SolvedRemotely);
    answers.hold_reasons.insert(String::new(), HoldReason::AwaitingChange);
    let imported = import_incidents(&base, &text, &mapping, &answers, importer).unwrap_or_else(|r| panic!("{r:?}"));
    let incs: Vec<_> = imported.workspace.incidents().collect();
    assert_eq!((incs[0].state, incs[0].hold_reason, incs[0].category), (IncidentState::OnHold, Some(HoldReason::AwaitingCaller), Category::Security));
    assert_eq!(incs[1].resolution.as_ref().map(|r| r.code), Some(ResolutionCode::SolvedRemotely));
    assert_eq!(incs[2].hold_reason, Some(HoldReason::AwaitingChange));
}

#[test]
fn the_mapping_can_be_overridden_and_must_fit_the_file() {
    let (base, importer) = workspace_for_import("Imported", "Ida Admin", now());
    let text = "Ticket,Summary,Who,When,Impact,Urgency,Notes\r\nT-1,Disk full,Ann Lee,2026-02-01 08:00,2,3,ignore me\r\n";
    let mut mapping = propose_mapping(text).unwrap();
    assert_eq!(mapping.targets, [None, Some(Target::ShortDescription), None, None, Some(Target::Impact), Some(Target::Urgency), None]);
    let missing = mapping.missing();
    assert_eq!(missing, ["No column is mapped to Caller: choose the column that holds it", "No column is mapped to Opened: choose the column that holds it"]);
    mapping.set(0, Some(Target::Number));
    mapping.set(2, Some(Target::Caller));
    mapping.set(3, Some(Target::OpenedAt));
    let imported = import_incidents(&base, text, &mapping, &Answers { other_categories: Some(Category::Hardware), ..Answers::default() }, importer)
        .unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(imported.incidents[0].source, "T-1");
    let inc = imported.workspace.incidents().next().unwrap();
    assert_eq!((inc.impact, inc.urgency, inc.priority, inc.category), (2, 3, 4, Category::Hardware));

    let other = "a,b\r\n1,2\r\n";
    let refusal = import_incidents(&base, other, &mapping, &Answers::default(), importer).unwrap_err();
    assert!(refusal.problems[0].message.contains("another file"), "{refusal:?}");
}

#[test]
fn importing_into_an_existing_workspace_matches_names_and_checks_roles() {
    let ws = demo_workspace(now());
    let admin = ws.people().iter().find(|p| p.is_admin()).unwrap();
    let requester = ws.people().iter().find(|p| p.roles == [Role::Requester]).unwrap();
    let group = &ws.groups()[0];
    let member = ws.person(group.members[0]).unwrap();
    let row = format!(
        "X1,Matched,{},Software,2,2,,In Progress,,{},{},2026-02-01 08:00:00,,,,",
        requester.name.to_uppercase(),
        group.name,
        member.name
    );
    let text = file(&[&row]);
    let mapping = propose_mapping(&text).unwrap();
    let preview = preview_incidents(&ws, &text, &mapping, &Answers::default(), admin.id);
    assert!(preview.people.created.is_empty(), "names match case-insensitively: {:?}", preview.people);
    assert_eq!(preview.groups.matched, vec![group.name.clone()]);
    let imported = import_incidents(&ws, &text, &mapping, &Answers::default(), admin.id).unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(imported.workspace.incidents().count(), ws.incidents().count() + 1);
    assert_eq!(imported.workspace.people().len(), ws.people().len());

    let refusal = import_incidents(&ws, &text, &mapping, &Answers::default(), requester.id).unwrap_err();
    assert!(refusal.problems[0].message.starts_with("Only an admin can import"), "{refusal:?}");
    let agent_row = format!("X2,Wrong role,Ann Lee,Software,2,2,,In Progress,,{},{},2026-02-01 08:00:00,,,,", group.name, requester.name);
    let text = file(&[&agent_row]);
    let refusal = import_incidents(&ws, &text, &mapping, &Answers::default(), admin.id).unwrap_err();
    assert!(refusal.problems.iter().any(|p| p.message.contains("works incidents in the file but is a requester")), "{refusal:?}");
}

#[test]
fn a_file_is_refused_by_name_and_size_before_it_is_read_and_by_encoding_after() {
    assert!(check_file("incidents.csv", 1_000).is_ok());
    assert!(check_file("EXPORT.CSV", 1).is_ok());
    assert!(check_file("notes.txt", 1).is_ok());
    assert!(check_file("photo.png", 1_000).unwrap_err().contains("not a CSV file"));
    assert!(check_file("empty.csv", 0).unwrap_err().contains("is empty"));
    assert!(check_file("big.csv", MAX_CSV_BYTES).is_ok());
    let too_big = check_file("big.csv", MAX_CSV_BYTES + 1).unwrap_err();
    assert!(too_big.contains("16.0 MiB") && too_big.contains("up to 16 MiB"), "{too_big}");
    assert_eq!(decode(b"a,b\r\n1,2\r\n".to_vec()).as_deref(), Ok("a,b\r\n1,2\r\n"));
    let latin1 = decode(b"caller\r\nJos\xe9\r\n".to_vec()).unwrap_err();
    assert!(latin1.contains("not UTF-8") && latin1.contains("byte 12"), "{latin1}");
}

#[test]
fn the_columns_say_which_import_a_file_needs() {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let log = LOG_HEADER.split(',').map(str::to_string).collect::<Vec<_>>();
    assert_eq!(detect(&log), FileKind::EventLog);
    assert_eq!(detect(&names(columns(Dialect::ServiceNow))), FileKind::Export(Some(Dialect::ServiceNow)));
    assert_eq!(detect(&names(columns(Dialect::Itop))), FileKind::Export(Some(Dialect::Itop)));
    assert_eq!(detect(&names(HEADER.trim_end().split(',').collect::<Vec<_>>().as_slice())), FileKind::Export(Some(Dialect::ServiceNow)));
    // Columns both tools have (impact, urgency, description) name neither.
    assert_eq!(detect(&names(&["Summary", "Impact", "Urgency", "Description"])), FileKind::Export(None));
    // Part of the log's columns: a list, not a log.
    assert_eq!(detect(&log[..8]), FileKind::Export(Some(Dialect::ServiceNow)));
}

const LOG_HEADER: &str = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at";
