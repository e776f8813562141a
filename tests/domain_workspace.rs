//! The workspace as a whole: priority recording and the audit trail,
//! escalation, matrix replacement, JSON round trip and the demo organisation.

use chrono::{Duration, TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::event::{Change, Escalation, Field, FieldValue};
use servicelab::domain::org::Role;
use servicelab::domain::priority::Scale;
use servicelab::domain::*;

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 14, 16, 30, 0).unwrap()
}

fn person(ws: &Workspace, name: &str) -> PersonId {
    ws.people().iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}")).id
}

fn new_incident(caller: PersonId, impact: u8, urgency: u8) -> NewIncident {
    NewIncident {
        short_description: "Tracking page blank".into(),
        description: "Customers see an empty page".into(),
        caller,
        category: Category::Software,
        subcategory: "Application".into(),
        service: None,
        ci: None,
        impact,
        urgency,
        assignment_group: None,
        assigned_to: None,
    }
}

#[test]
fn priority_is_computed_and_recorded_when_impact_or_urgency_changes() {
    let mut ws = demo_workspace(now());
    let (ana, sofia) = (person(&ws, "Ana Silva"), person(&ws, "Sofia Rossi"));
    let t = now() + Duration::minutes(1);
    let id = ws.apply(Command::CreateIncident(new_incident(ana, 2, 3)), ana, t).unwrap().created.unwrap();
    assert_eq!(ws.incident(id).unwrap().priority, 4);
    let edits = vec![FieldEdit::Impact(1), FieldEdit::Urgency(3), FieldEdit::Description("All customers in Brazil".into())];
    ws.apply(Command::UpdateIncident { id, edits }, sofia, t).unwrap();
    let inc = ws.incident(id).unwrap();
    assert_eq!((inc.impact, inc.urgency, inc.priority, inc.description.as_str()), (1, 3, 3, "All customers in Brazil"));
    let events = &ws.record(id).unwrap().events;
    let sentences: Vec<String> = events.iter().map(|e| ws.describe(e)).collect();
    assert_eq!(
        sentences,
        vec![
            "Incident logged for Ana Silva: \"Tracking page blank\" (impact 2 - Medium, urgency 3 - Low, priority 4 - Low)",
            "Impact changed from 2 - Medium to 1 - High",
            "Priority changed from 4 - Low to 3 - Moderate",
            "Description changed to \"All customers in Brazil\"",
        ]
    );
    assert_eq!(
        events[2].change,
        Change::FieldChanged { field: Field::Priority, old: FieldValue::Level(4), new: FieldValue::Level(3) }
    );
    let numbers_found = ws.search_index().search("customers in brazil");
    assert_eq!(numbers_found, vec![id.0 as usize - 1], "edits reach the search index");
}

#[test]
fn a_requester_logs_incidents_only_for_themselves() {
    let mut ws = demo_workspace(now());
    let (ana, tom) = (person(&ws, "Ana Silva"), person(&ws, "Tom Becker"));
    let t = now() + Duration::minutes(1);
    let err = ws.apply(Command::CreateIncident(new_incident(tom, 3, 3)), ana, t).unwrap_err();
    assert_eq!(err.to_string(), "Only agents can log incidents for someone else; Ana Silva is a requester");
    let id = ws.apply(Command::CreateIncident(new_incident(ana, 3, 3)), ana, t).unwrap().created.unwrap();
    assert_eq!(ws.record(id).unwrap().number.to_string(), "INC0001051");
    assert_eq!(ws.find_number("INC0001051".parse().unwrap()), Some(id));
    assert_eq!(ws.next_number(TicketKind::Incident).to_string(), "INC0001052");
}

#[test]
fn functional_and_hierarchical_escalation() {
    let mut ws = demo_workspace(now());
    let (ana, sofia) = (person(&ws, "Ana Silva"), person(&ws, "Sofia Rossi"));
    let network = ws.groups().iter().find(|g| g.name == "Network").unwrap().clone();
    let t = now() + Duration::minutes(1);
    let mut new = new_incident(ana, 2, 2);
    new.assignment_group = Some(ws.groups()[0].id);
    new.assigned_to = Some(sofia);
    let id = ws.apply(Command::CreateIncident(new), sofia, t).unwrap().created.unwrap();
    let functional = EscalationRequest::Functional { to_group: network.id };
    ws.apply(Command::Escalate { id, escalation: functional }, sofia, t).unwrap();
    ws.apply(Command::Escalate { id, escalation: EscalationRequest::Hierarchical }, sofia, t).unwrap();
    ws.apply(Command::Escalate { id, escalation: EscalationRequest::Hierarchical }, sofia, t).unwrap();
    let inc = ws.incident(id).unwrap();
    assert_eq!(inc.assignment_group, Some(network.id));
    assert_eq!(inc.assigned_to, None);
    assert_eq!((inc.functional_escalations, inc.reassignment_count), (1, 1));
    assert_eq!((inc.escalation_level, inc.escalated_to), (2, network.manager));
    let events = &ws.record(id).unwrap().events;
    assert_eq!(ws.describe(&events[2]), "Escalated functionally to Network");
    assert_eq!(ws.describe(&events[3]), "Assignment group changed from Service Desk to Network; Assigned to changed from Sofia Rossi to (nobody)");
    assert_eq!(ws.describe(&events[5]), "Escalated hierarchically to Elena Petrova (level 2)");
    assert!(matches!(events[5].change, Change::Escalated(Escalation::Hierarchical { level: 2, .. })));
}

#[test]
fn replacing_the_matrix_is_refused_when_tickets_would_be_stranded() {
    let mut ws = demo_workspace(now());
    let (admin, agent) = (person(&ws, "Ingrid Larsen"), person(&ws, "Sofia Rossi"));
    let t = now() + Duration::minutes(1);
    let mut small = PriorityMatrix::servicenow();
    small.name = "Two impacts".into();
    small.impact = Scale::new(&[(1, "High"), (2, "Low")], true);
    small.cells.pop();
    let stranded = ws.incidents().filter(|i| i.impact == 3).count();
    assert!(stranded > 0);
    let before = ws.clone();
    let err = ws.apply(Command::SetPriorityMatrix(small), admin, t).unwrap_err();
    assert_eq!(err, DomainError::MatrixIncompatible { count: stranded, matrix: "Two impacts".into() });
    assert!(err.to_string().starts_with(&format!("{stranded} existing ticket(s) use impact")));
    let not_admin = ws.apply(Command::SetPriorityMatrix(PriorityMatrix::glpi()), agent, t).unwrap_err();
    assert_eq!(not_admin.to_string(), "Only admins can change the priority matrix; Sofia Rossi is an agent");
    assert_eq!(ws, before);
    // GLPI's scales hold every value ServiceNow uses, so it is accepted; old
    // priorities stay as recorded and new tickets use the new matrix.
    ws.apply(Command::SetPriorityMatrix(PriorityMatrix::glpi()), admin, t).unwrap();
    let ana = person(&ws, "Ana Silva");
    let id = ws.apply(Command::CreateIncident(new_incident(ana, 5, 4)), ana, t).unwrap().created.unwrap();
    assert_eq!(ws.incident(id).unwrap().priority, 5);
}

#[test]
fn json_round_trip_preserves_everything_and_rebuilds_caches() {
    let ws = demo_workspace(now());
    let json = ws.to_json();
    let back = Workspace::from_json(&json).unwrap();
    assert_eq!(back, ws, "stored data and rebuilt caches are equal");
    assert_eq!(back.to_json(), json);
    assert_eq!(back.incidents().count(), 50);
}

#[test]
fn unreadable_workspaces_are_refused_with_a_reason() {
    let ws = demo_workspace(now());
    let mut value: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    value["schema_version"] = serde_json::json!(SCHEMA_VERSION + 1);
    let err = Workspace::from_json(&value.to_string()).unwrap_err();
    assert_eq!(
        err,
        DomainError::NewerSchema { found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION },
        "a newer format is refused, never guessed at"
    );
    let mut value: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    value["tickets"][3]["id"] = serde_json::json!(40);
    assert!(Workspace::from_json(&value.to_string()).unwrap_err().to_string().contains("ticket 40 is stored at position 4"));
    assert!(Workspace::from_json("{not json").is_err());
}

#[test]
fn the_demo_has_a_realistic_organisation_and_every_state() {
    let ws = demo_workspace(now());
    assert_eq!(ws.name(), "Harbourside Logistics");
    assert_eq!((ws.people().len(), ws.groups().len(), ws.services().len(), ws.cis().len()), (16, 4, 6, 12));
    for role in [Role::Requester, Role::Agent, Role::GroupManager, Role::ChangeManager, Role::Admin] {
        assert!(ws.people().iter().any(|p| p.has(role)), "{role:?}");
    }
    assert!(ws.groups().iter().all(|g| g.manager.is_some()));
    let incidents: Vec<&Incident> = ws.incidents().collect();
    assert_eq!(incidents.len(), 50);
    for state in IncidentState::ALL {
        let n = incidents.iter().filter(|i| i.state == state).count();
        assert!(n >= 3, "{state:?}: {n}");
    }
    for reason in HoldReason::ALL {
        assert!(incidents.iter().any(|i| i.hold_reason == Some(reason)), "{reason:?}");
    }
    let major_active: Vec<_> = incidents.iter().filter(|i| i.major && i.is_active()).collect();
    assert_eq!(major_active.len(), 1);
    assert_eq!(major_active[0].children.len(), 2);
    assert_eq!(major_active[0].escalation_level, 1);
    let cascaded = incidents.iter().find(|i| i.major && i.state == IncidentState::Resolved).unwrap();
    for &c in &cascaded.children {
        assert_eq!(ws.incident(c).unwrap().resolution, cascaded.resolution);
    }
    let auto_closed = ws
        .tickets()
        .iter()
        .filter(|r| r.events.last().is_some_and(|e| e.actor == PersonId::SYSTEM))
        .count();
    assert!(auto_closed >= 5, "{auto_closed}");
    assert!(incidents.iter().any(|i| i.reopen_count == 1));
    assert!(incidents.iter().any(|i| i.reassignment_count >= 1));
    assert!(incidents.iter().all(|i| i.opened_at >= now() - Duration::days(22) && i.updated_at <= now()));
    assert_eq!(ws.clock().now, now());
    assert_eq!(demo_workspace(now()), ws, "the demo is deterministic");
}

#[test]
fn events_are_chronological_on_every_demo_ticket() {
    let ws = demo_workspace(now());
    for record in ws.tickets() {
        assert!(record.events.windows(2).all(|w| w[0].at <= w[1].at), "{}", record.number);
        assert!(matches!(record.events[0].change, Change::Created(_)));
        for event in &record.events {
            assert!(!ws.describe(event).is_empty());
        }
    }
}
