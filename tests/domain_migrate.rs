//! Stored workspaces from older releases are upgraded; newer ones are refused.

use chrono::{TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::sla::{default_calendars, default_slas};
use servicelab::domain::*;

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 3, 14, 10, 0, 0).unwrap()
}

/// What release 1 wrote: the same workspace without the SLA configuration.
fn as_version_1(ws: &Workspace) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("calendars");
    object.remove("slas");
    object.insert("schema_version".into(), 1.into());
    value.to_string()
}

#[test]
fn a_version_1_workspace_migrates_to_what_a_fresh_one_holds() {
    let fresh = demo_workspace(now());
    let (migrated, found) = Workspace::from_json_migrating(&as_version_1(&fresh)).unwrap();
    assert_eq!(found, 1);
    assert_eq!(migrated, fresh, "migrated data equals data created fresh");
    assert_eq!(migrated.to_json(), fresh.to_json());
    assert_eq!(migrated.slas(), default_slas().as_slice());
    assert_eq!(migrated.calendars(), &default_calendars());
}

#[test]
fn the_current_version_is_read_as_it_is() {
    let ws = demo_workspace(now());
    let (back, found) = Workspace::from_json_migrating(&ws.to_json()).unwrap();
    assert_eq!((found, back), (SCHEMA_VERSION, ws));
}

#[test]
fn newer_missing_or_strange_versions_are_refused_with_a_reason() {
    let json = demo_workspace(now()).to_json();
    let with = |version: serde_json::Value| {
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["schema_version"] = version;
        Workspace::from_json(&value.to_string()).unwrap_err().to_string()
    };
    assert!(with((SCHEMA_VERSION + 5).into()).contains("newer version of ServiceLab"));
    assert!(with(0.into()).contains("schema_version is 0"));
    assert!(with("2".into()).contains("not a whole number"));
    assert!(with((-1).into()).contains("not a whole number"));
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value.as_object_mut().unwrap().remove("schema_version");
    assert!(Workspace::from_json(&value.to_string()).unwrap_err().to_string().contains("no schema_version"));
    assert!(Workspace::from_json("[1, 2]").unwrap_err().to_string().contains("not a JSON object"));
}

#[test]
fn sla_settings_are_replaced_only_by_an_admin_and_only_when_valid() {
    let mut ws = demo_workspace(now());
    let admin = ws.people().iter().find(|p| p.has(servicelab::domain::org::Role::Admin)).unwrap().id;
    let agent = ws.people().iter().find(|p| p.roles == [servicelab::domain::org::Role::Agent]).unwrap().id;
    let mut slas = ws.slas().to_vec();
    slas[0].target_minutes = 20;
    let command = |slas: Vec<_>| Command::SetSlaConfig { calendars: default_calendars(), slas };
    assert!(ws.apply(command(slas.clone()), agent, now()).unwrap_err().to_string().contains("admins"));
    let before = ws.clone();
    let mut broken = slas.clone();
    broken[1].name = broken[0].name.clone();
    broken[2].conditions.priorities.clear();
    let err = ws.apply(command(broken), admin, now()).unwrap_err().to_string();
    assert!(err.contains("two definitions are named"), "{err}");
    assert!(err.contains("P2 response"), "names the definition: {err}");
    assert_eq!(ws, before, "a refused configuration changes nothing");
    ws.apply(command(slas), admin, now()).unwrap();
    assert_eq!(ws.slas()[0].target_minutes, 20);
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back.slas()[0].target_minutes, 20, "saved with the workspace");
}
