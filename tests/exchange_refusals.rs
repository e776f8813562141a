#![cfg(not(target_arch = "wasm32"))]
//! Every way a file can be wrong is refused with a sentence, and a readable
//! export's problems each come with the JSON path where they are.

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::*;
use servicelab::storage::exchange::*;

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 14, 16, 30, 0).unwrap()
}

/// The demo workspace's export as a JSON value to break.
fn demo() -> Value {
    serde_json::from_str(&export_workspace(&demo_workspace(now()), now())).unwrap()
}

/// Imports `value` and returns the problems it was refused for.
fn problems(value: &Value) -> Vec<Problem> {
    match import(value.to_string().as_bytes(), now()) {
        Ok(_) => panic!("the file was accepted"),
        Err(ImportError::Invalid(p)) => p.listed().to_vec(),
        Err(other) => panic!("refused for another reason: {other}"),
    }
}

/// Asserts one problem is at `path` and its message contains `words`.
fn assert_problem(found: &[Problem], path: &str, words: &str) {
    assert!(
        found.iter().any(|p| p.path == path && p.message.contains(words)),
        "no problem at {path} saying \"{words}\" among:\n{}",
        found.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
    );
}

/// The position of the first ticket in state `state` and of its event that moved it there.
fn ticket_in(value: &Value, state: &str) -> (usize, usize) {
    let tickets = value["workspace"]["tickets"].as_array().unwrap();
    for (i, ticket) in tickets.iter().enumerate() {
        let events = ticket["events"].as_array().unwrap();
        let last = events.iter().rposition(|e| e["change"].get("StateChanged").is_some());
        if let Some(k) = last
            && events[k]["change"]["StateChanged"]["to"] == state
        {
            return (i, k);
        }
    }
    panic!("the demo has a ticket in {state}")
}

#[test]
fn text_that_is_not_json_gives_line_and_column() {
    let error = import(b"{\n  \"format\": \"servicelab.workspace\",\n  \"x\": tru }", now()).unwrap_err();
    assert!(matches!(error, ImportError::NotJson { line: 3, column: 11, .. }), "{error:?}");
    assert!(error.to_string().contains("line 3, column 11, only true, false and null"), "{error}");
    let cut = export_workspace(&demo_workspace(now()), now());
    let error = import(&cut.as_bytes()[..cut.len() / 2], now()).unwrap_err();
    assert!(error.to_string().contains("ends before the JSON is complete"), "{error}");
    let error = import(b"", now()).unwrap_err();
    assert!(matches!(error, ImportError::NotJson { line: 1, .. }), "{error:?}");
}

#[test]
fn bytes_that_are_not_text_are_refused_with_their_place() {
    let error = import(b"{\n  \"a\": \"caf\xe9\"\n}", now()).unwrap_err();
    assert_eq!(error, ImportError::NotText { line: 2, column: 12 });
    assert!(error.to_string().contains("not text"));
}

#[test]
fn nesting_deeper_than_the_reader_allows_is_refused_in_plain_words() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(matches!(import(deep(127).as_bytes(), now()), Err(ImportError::NotAnExport { .. })), "127 levels are read");
    for n in [128, 129, 10_000] {
        let error = import(deep(n).as_bytes(), now()).unwrap_err();
        assert!(matches!(error, ImportError::TooDeep { line: 1, column: 128 }), "{n}: {error:?}");
        assert!(error.to_string().contains("more than 127 levels deep"), "{error}");
    }
    // Deep inside an export, where a value is read. (Keys the model does not
    // know are skipped by serde_json without recursion, so depth there is harmless.)
    let mut value = demo();
    value["workspace"]["name"] = Value::Null;
    let text = value.to_string().replace("\"name\":null", &format!("\"name\":{}", deep(129)));
    assert!(matches!(import(text.as_bytes(), now()), Err(ImportError::TooDeep { .. })));
}

#[test]
fn json_of_another_kind_is_not_an_export() {
    let cases: [(&str, &str); 6] = [
        ("[1, 2, 3]", "JSON list"),
        ("\"hello\"", "a text"),
        ("42", "a number"),
        ("{}", "empty JSON object"),
        (r#"{"name": "my-app", "version": "1.0.0", "dependencies": {"left-pad": "^1.3.0"}, "scripts": {}}"#, "\"dependencies\", \"name\""),
        (r#"{"format": "servicelab.csv", "schema_version": 2}"#, "\"servicelab.csv\""),
    ];
    for (text, words) in cases {
        let error = import(text.as_bytes(), now()).unwrap_err();
        assert!(matches!(error, ImportError::NotAnExport { .. }), "{text}: {error:?}");
        assert!(error.to_string().contains(words), "{text}: {error}");
        assert!(error.to_string().contains("servicelab.workspace"), "says what is expected");
    }
    let error = import(br#"{"format": 7}"#, now()).unwrap_err();
    assert!(error.to_string().contains("not a name"), "{error}");
}

#[test]
fn a_newer_schema_is_refused() {
    let mut value = demo();
    value["schema_version"] = (SCHEMA_VERSION + 1).into();
    value["workspace"]["schema_version"] = (SCHEMA_VERSION + 1).into();
    let error = import(value.to_string().as_bytes(), now()).unwrap_err();
    assert_eq!(error, ImportError::NewerSchema { found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });
    assert!(error.to_string().contains("newer version of ServiceLab"));
    let mut bare: Value = serde_json::from_str(&demo_workspace(now()).to_json()).unwrap();
    bare["schema_version"] = 99.into();
    assert!(matches!(import(bare.to_string().as_bytes(), now()), Err(ImportError::NewerSchema { found: 99, .. })));
}

#[test]
fn envelope_problems_are_named() {
    let mut value = demo();
    value["workspace"]["schema_version"] = 1.into();
    assert_problem(&problems(&value), "$.workspace.schema_version", "they must agree");
    let mut value = demo();
    value["schema_version"] = "two".into();
    value["exported_at"] = "2025-13-01T00:00:00Z".into();
    let found = problems(&value);
    assert_problem(&found, "$.schema_version", "whole number");
    assert_problem(&found, "$.exported_at", "not a valid date and time");
    let mut value = demo();
    value.as_object_mut().unwrap().remove("workspace");
    assert_problem(&problems(&value), "$", "no \"workspace\"");
    let mut design: Value = serde_json::from_str(&export_design(&demo_workspace(now()), now())).unwrap();
    design["design"]["tickets"] = json!([]);
    assert_problem(&problems(&design), "$.design.tickets", "a design has no \"tickets\"");
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let huge = vec![0u8; MAX_IMPORT_BYTES + 1];
    let error = import(&huge, now()).unwrap_err();
    assert_eq!(error, ImportError::TooLarge { bytes: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES });
    assert!(error.to_string().contains("more than the 268.4 MB"), "{error}");
}

#[test]
fn duplicate_and_misplaced_ids_are_named() {
    let mut value = demo();
    let people = value["workspace"]["people"].as_array_mut().unwrap();
    people[3]["id"] = people[1]["id"].clone();
    people[4]["id"] = 0.into();
    value["workspace"]["services"][2]["id"] = value["workspace"]["services"][0]["id"].clone();
    value["workspace"]["tickets"][5]["id"] = 7.into();
    value["workspace"]["tickets"][6]["number"] = value["workspace"]["tickets"][2]["number"].clone();
    value["workspace"]["tickets"][8]["number"] = "REQ0001009".into();
    let found = problems(&value);
    assert_problem(&found, "$.workspace.people[3].id", "already used by people[1]");
    assert_problem(&found, "$.workspace.people[4].id", "System actor");
    assert_problem(&found, "$.workspace.services[2].id", "already used by services[0]");
    assert_problem(&found, "$.workspace.tickets[5].id", "so it must be 6");
    assert_problem(&found, "$.workspace.tickets[6].number", "already used by tickets[2]");
    assert_problem(&found, "$.workspace.tickets[8].number", "REQ0001009 is a Request number, but the ticket is a Incident");
}

#[test]
fn dangling_references_are_named_where_they_are() {
    let mut value = demo();
    let ws = &mut value["workspace"];
    ws["groups"][1]["members"][0] = 999.into();
    ws["groups"][2]["manager"] = 998.into();
    ws["cis"][0]["service"] = 77.into();
    ws["tickets"][0]["events"][0]["change"]["Created"]["caller"] = 997.into();
    ws["tickets"][0]["events"][0]["change"]["Created"]["ci"] = 66.into();
    ws["tickets"][1]["events"][0]["actor"] = 996.into();
    ws["views"] = json!([{"name": "Mine", "query": {"text": "", "states": [], "priorities": [], "group": 55, "assignee": {"Person": 995},
        "major": null, "active": null, "resolved_this_week": false, "sort": {"column": "Number", "descending": true}}}]);
    ws["slas"][0]["calendar"] = 44.into();
    ws["slas"][1]["conditions"]["group"] = 33.into();
    let tickets = ws["tickets"].as_array_mut().unwrap();
    let (t, k) = tickets
        .iter()
        .enumerate()
        .find_map(|(t, ticket)| ticket["events"].as_array().unwrap().iter().position(|e| e["change"].get("Assigned").is_some()).map(|k| (t, k)))
        .unwrap();
    tickets[t]["events"][k]["change"]["Assigned"]["group_to"] = 22.into();
    let at = tickets[3]["events"][0]["at"].clone();
    tickets[3]["events"].as_array_mut().unwrap().push(json!({"at": at, "actor": 1, "change": {"LinkAdded": {"Parent": 100000}}}));
    let found = problems(&value);
    assert_problem(&found, "$.workspace.groups[1].members[0]", "no person#999 among the people");
    assert_problem(&found, "$.workspace.groups[2].manager", "person#998");
    assert_problem(&found, "$.workspace.cis[0].service", "no service#77 among the services");
    assert_problem(&found, "$.workspace.tickets[0].events[0].change.Created.caller", "person#997");
    assert_problem(&found, "$.workspace.tickets[0].events[0].change.Created.ci", "no ci#66 among the configuration items");
    assert_problem(&found, "$.workspace.tickets[1].events[0].actor", "person#996");
    assert_problem(&found, "$.workspace.views[0].query.group", "group#55");
    assert_problem(&found, "$.workspace.views[0].query.assignee.Person", "person#995");
    assert_problem(&found, "$.workspace.slas", "calendar#44 does not exist");
    assert_problem(&found, "$.workspace.slas[1].conditions.group", "group#33");
    assert_problem(&found, &format!("$.workspace.tickets[{t}].events[{k}].change.Assigned.group_to"), "group#22");
    let last = value["workspace"]["tickets"][3]["events"].as_array().unwrap().len() - 1;
    assert_problem(&found, &format!("$.workspace.tickets[3].events[{last}].change.LinkAdded.Parent"), "ticket ids in this file run from 1 to 50");
}

#[test]
fn unknown_enum_values_say_which_values_are_allowed() {
    let mut value = demo();
    let (t, k) = ticket_in(&value, "Resolved");
    value["workspace"]["tickets"][t]["events"][k]["change"]["StateChanged"]["to"] = "Frozen".into();
    value["workspace"]["people"][2]["roles"][0] = "Wizard".into();
    value["workspace"]["tickets"][4]["events"][0]["change"]["Created"]["category"] = "Plumbing".into();
    value["workspace"]["tickets"][6]["events"][0]["change"] = json!({"Teleported": {}});
    let found = problems(&value);
    assert_problem(
        &found,
        &format!("$.workspace.tickets[{t}].events[{k}].change.StateChanged.to"),
        "\"Frozen\" is not a value this field can hold; the allowed values are New, InProgress, OnHold, Resolved, Closed, Canceled",
    );
    assert_problem(&found, "$.workspace.people[2].roles[0]", "allowed values are Requester, Agent, GroupManager, ChangeManager, Admin");
    assert_problem(&found, "$.workspace.tickets[4].events[0].change.Created.category", "\"Plumbing\"");
    assert_problem(&found, "$.workspace.tickets[6].events[0].change.Teleported", "\"Teleported\" is not a value");
    assert_eq!(found.len(), 4, "one problem each: {found:#?}");
}

#[test]
fn invalid_dates_are_named() {
    let mut value = demo();
    value["workspace"]["tickets"][2]["events"][0]["at"] = "2025-02-30T10:00:00Z".into();
    value["workspace"]["tickets"][3]["events"][0]["at"] = "yesterday".into();
    value["workspace"]["clock"]["now"] = "2025-03-14 16:30".into();
    let found = problems(&value);
    assert_problem(&found, "$.workspace.tickets[2].events[0].at", "not a valid date and time (input is out of range)");
    assert_problem(&found, "$.workspace.tickets[3].events[0].at", "write it like 2026-03-02T09:30:00Z");
    assert_problem(&found, "$.workspace.clock.now", "not a valid date and time");
}

#[test]
fn illegal_histories_are_refused_with_the_lifecycle_s_reasons() {
    let mut value = demo();
    let (closed, k) = ticket_in(&value, "Closed");
    let tickets = value["workspace"]["tickets"].as_array_mut().unwrap();
    // Closed -> In Progress after the close: a final state reopened.
    let at = tickets[closed]["events"][k]["at"].clone();
    let reopen = json!({"at": at, "actor": 1, "change": {"StateChanged": {"from": "Closed", "to": "InProgress", "hold_reason": null, "resolution": null}}});
    tickets[closed]["events"].as_array_mut().unwrap().push(reopen);
    // New -> Closed straight away, on a ticket that is still New.
    let fresh = tickets.iter().position(|t| t["events"].as_array().unwrap().iter().all(|e| e["change"].get("StateChanged").is_none())).unwrap();
    let at = tickets[fresh]["events"][0]["at"].clone();
    let close = json!({"at": at, "actor": 1, "change": {"StateChanged": {"from": "New", "to": "Closed", "hold_reason": null, "resolution": null}}});
    tickets[fresh]["events"].as_array_mut().unwrap().push(close);
    // Events out of time order, and a history that does not start with its creation.
    let events = tickets[10]["events"].as_array_mut().unwrap();
    let n = events.len();
    events[n - 1]["at"] = "2020-01-01T00:00:00Z".into();
    tickets[11]["events"].as_array_mut().unwrap().remove(0);
    tickets[12]["events"] = json!([]);
    let found = problems(&value);
    let last = value["workspace"]["tickets"][closed]["events"].as_array().unwrap().len() - 1;
    assert_problem(&found, &format!("$.workspace.tickets[{closed}].events[{last}].change.StateChanged.to"), "cannot be reopened: Closed is final");
    assert_problem(&found, &format!("$.workspace.tickets[{closed}].events[{last}]"), "nothing can happen to it after that");
    let last = value["workspace"]["tickets"][fresh]["events"].as_array().unwrap().len() - 1;
    assert_problem(&found, &format!("$.workspace.tickets[{fresh}].events[{last}].change.StateChanged.to"), "it must be Resolved first");
    assert_problem(&found, &format!("$.workspace.tickets[10].events[{}].at", n - 1), "earlier than the one before it");
    assert_problem(&found, "$.workspace.tickets[11].events[0].change", "must be its creation (Created)");
    assert_problem(&found, "$.workspace.tickets[12]", "has no events");
}

#[test]
fn settings_matrix_and_sla_configuration_are_checked() {
    let mut value = demo();
    value["workspace"]["settings"]["auto_close_days"] = 0.into();
    value["workspace"]["matrix"]["cells"].as_array_mut().unwrap().pop();
    value["workspace"]["slas"][0]["target_minutes"] = 0.into();
    value["workspace"]["slas"][1]["name"] = value["workspace"]["slas"][2]["name"].clone();
    let found = problems(&value);
    assert_problem(&found, "$.workspace.settings.auto_close_days", "between 1 and 365 days");
    assert_problem(&found, "$.workspace.matrix", "cannot be used");
    assert_problem(&found, "$.workspace.slas", "at least 1 minute");
    assert_problem(&found, "$.workspace.slas", "two definitions are named");
}

#[test]
fn problems_are_capped_and_the_rest_counted() {
    let mut value = demo();
    for ticket in value["workspace"]["tickets"].as_array_mut().unwrap() {
        for event in ticket["events"].as_array_mut().unwrap() {
            event["actor"] = 4242.into();
        }
    }
    let events: usize = demo_workspace(now()).tickets().iter().map(|t| t.events.len()).sum();
    assert!(events > MAX_PROBLEMS);
    let Err(ImportError::Invalid(found)) = import(value.to_string().as_bytes(), now()) else { panic!("refused as invalid") };
    assert_eq!((found.listed().len(), found.total(), found.more()), (MAX_PROBLEMS, events, events - MAX_PROBLEMS));
    let text = ImportError::Invalid(found).to_string();
    assert!(text.contains(&format!("has {events} problems")), "{text}");
    assert!(text.ends_with(&format!("- and {} more\n", events - MAX_PROBLEMS)), "{text}");
}

#[test]
fn shape_problems_in_many_records_are_all_listed() {
    let mut value = demo();
    value["workspace"]["tickets"][1]["events"][0]["actor"] = "Sofia".into();
    value["workspace"]["tickets"][1]["events"][1]["at"] = 12.into();
    value["workspace"]["tickets"][2]["kind"] = "Incidentt".into();
    value["workspace"]["people"][0].as_object_mut().unwrap().remove("name");
    value["workspace"]["settings"] = json!({});
    let found = problems(&value);
    assert_problem(&found, "$.workspace.tickets[1].events[0].actor", "found string \"Sofia\" where a whole number");
    assert_problem(&found, "$.workspace.tickets[1].events[1].at", "found integer 12 where");
    assert_problem(&found, "$.workspace.tickets[2].kind", "allowed values are Incident, Request, Problem, Change");
    assert_problem(&found, "$.workspace.people[0]", "the field \"name\" is missing");
    assert_problem(&found, "$.workspace.settings", "the field \"auto_close_days\" is missing");
    assert_eq!(found.len(), 5, "{found:#?}");
}
