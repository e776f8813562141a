#![cfg(not(target_arch = "wasm32"))]
//! Colour bands, "breaching soon" and a ticket's SLA line, on incidents
//! worked through real commands with the default SLAs (P1: response 15 min,
//! resolution 4 h on 24x7; warnings at 50, 75 and 100 %).

use chrono::{DateTime, Duration, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::sla::summary::{attaching, minutes_text};
use servicelab::domain::sla::{Band, SlaId, Stage, TicketSla, sla_summary, timers};
use servicelab::domain::*;

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("a valid instant").with_timezone(&Utc)
}

/// A Monday, 09:00 UTC; the demo's history ends here.
fn t0() -> Timestamp {
    at("2026-03-02T09:00:00Z")
}

fn agent(ws: &Workspace) -> PersonId {
    ws.people().iter().find(|p| p.name == "Sofia Rossi").expect("the demo's agent").id
}

/// A new incident of impact and urgency `level` logged at `when`.
fn log(ws: &mut Workspace, level: u8, when: Timestamp) -> TicketId {
    let new = NewIncident {
        short_description: "Payroll portal returns error 500".into(),
        description: String::new(),
        caller: agent(ws),
        category: Category::Software,
        subcategory: "Web".into(),
        service: None,
        ci: None,
        impact: level,
        urgency: level,
        assignment_group: None,
        assigned_to: None,
    };
    let actor = agent(ws);
    ws.apply(Command::CreateIncident(new), actor, when).expect("a valid incident").created.expect("created")
}

fn go(ws: &mut Workspace, id: TicketId, to: IncidentState, when: Timestamp) {
    let hold_reason = (to == IncidentState::OnHold).then_some(HoldReason::AwaitingCaller);
    let command = Command::Transition { id, to, hold_reason, resolution_code: None, resolution_notes: String::new() };
    let actor = agent(ws);
    ws.apply(command, actor, when).expect("an allowed transition");
}

fn resolution_band(ws: &Workspace, id: TicketId, now: Timestamp) -> Band {
    let record = ws.record(id).unwrap();
    let timer = timers(record, ws.slas(), ws.calendars(), now).into_iter().find(|t| t.definition == SlaId(2)).unwrap();
    Band::of(&timer, &ws.slas()[1].thresholds)
}

/// A P1 incident worked at once: its response is met, its resolution runs.
fn started_p1() -> (Workspace, TicketId) {
    let mut ws = demo_workspace(t0());
    let id = log(&mut ws, 1, t0());
    go(&mut ws, id, IncidentState::InProgress, t0() + Duration::minutes(5));
    (ws, id)
}

#[test]
fn a_running_timer_goes_on_track_warning_serious_breached() {
    let (ws, id) = started_p1();
    let band = |minutes: i64| resolution_band(&ws, id, t0() + Duration::minutes(minutes));
    assert_eq!(band(10), Band::OnTrack);
    assert_eq!(band(119), Band::OnTrack);
    assert_eq!(band(120), Band::Warning, "50 % of 4 h");
    assert_eq!(band(179), Band::Warning);
    assert_eq!(band(180), Band::Serious, "75 % of 4 h");
    assert_eq!(band(239), Band::Serious);
    assert_eq!(band(241), Band::Breached);
    let summary = |minutes: i64| sla_summary(&ws, id, t0() + Duration::minutes(minutes)).unwrap();
    assert!(!summary(179).breaching_soon());
    assert!(summary(180).breaching_soon());
    assert!(!summary(241).breaching_soon(), "a breached timer is no longer breaching soon");
    assert!(summary(241).overdue());
}

#[test]
fn a_paused_timer_is_grey_and_not_breaching_soon_and_comes_back_where_it_was() {
    let (mut ws, id) = started_p1();
    go(&mut ws, id, IncidentState::OnHold, t0() + Duration::minutes(200));
    let later = t0() + Duration::minutes(500);
    assert_eq!(resolution_band(&ws, id, later), Band::Paused);
    let paused = sla_summary(&ws, id, later).unwrap();
    assert_eq!((paused.band, paused.live, paused.breaching_soon()), (Band::Paused, true, false));
    assert_eq!(paused.stage_text(), "Paused · 83 %");
    go(&mut ws, id, IncidentState::InProgress, later);
    assert_eq!(resolution_band(&ws, id, later + Duration::minutes(1)), Band::Serious);
    assert!(sla_summary(&ws, id, later + Duration::minutes(1)).unwrap().breaching_soon());
}

#[test]
fn the_bands_follow_the_definition_s_own_thresholds() {
    let (mut ws, id) = started_p1();
    let record = ws.record(id).unwrap().clone();
    let timer = |minutes: i64| {
        timers(&record, ws.slas(), ws.calendars(), t0() + Duration::minutes(minutes)).into_iter().find(|t| t.definition == SlaId(2)).unwrap()
    };
    // iTop warns at 75 % only: no amber stage, straight to serious.
    assert_eq!(Band::of(&timer(150), &[75, 100]), Band::OnTrack);
    assert_eq!(Band::of(&timer(180), &[75, 100]), Band::Serious);
    // Reminders after the breach add no band; no warning below 100 % means none at all.
    assert_eq!(Band::of(&timer(180), &[50, 100, 150]), Band::Serious);
    assert_eq!(Band::of(&timer(230), &[100]), Band::OnTrack);
    assert_eq!(Band::of(&timer(100), &[25, 50, 90]), Band::Warning);
    assert_eq!(Band::of(&timer(230), &[25, 50, 90]), Band::Serious);
    // Met and cancelled timers say so, whatever percentage they stopped at.
    resolve(&mut ws, id, t0() + Duration::minutes(200));
    assert_eq!(resolution_band(&ws, id, t0() + Duration::minutes(300)), Band::Achieved);
    let summary = sla_summary(&ws, id, t0() + Duration::minutes(300)).unwrap();
    assert_eq!((summary.live, summary.band, summary.time_left_text()), (false, Band::Achieved, String::new()));
}

/// Resolving needs a code and notes.
fn resolve(ws: &mut Workspace, id: TicketId, when: Timestamp) {
    let command = Command::Transition {
        id,
        to: IncidentState::Resolved,
        hold_reason: None,
        resolution_code: Some(ResolutionCode::ALL[0]),
        resolution_notes: "Restarted the service.".into(),
    };
    let actor = agent(ws);
    ws.apply(command, actor, when).expect("resolvable");
}

#[test]
fn the_most_urgent_timer_is_the_breached_one_then_the_one_due_first() {
    let mut ws = demo_workspace(t0());
    // Still New after 20 minutes: the 15-minute response is breached, the resolution is not.
    let id = log(&mut ws, 1, t0());
    let summary = sla_summary(&ws, id, t0() + Duration::minutes(20)).unwrap();
    assert_eq!((summary.definition, summary.band, summary.live), (SlaId(1), Band::Breached, true));
    assert_eq!(summary.time_left_minutes, -5);
    assert_eq!(summary.time_left_text(), "5 min overdue");
    assert_eq!(summary.stage_text(), "Breached");
    // Both running: the response is due first.
    let fresh = sla_summary(&ws, id, t0() + Duration::minutes(5)).unwrap();
    assert_eq!((fresh.definition, fresh.band), (SlaId(1), Band::OnTrack));
    assert_eq!(fresh.due, t0() + Duration::minutes(15));
    assert_eq!(fresh.stage_text(), "On track · 33 %");
    // Once the response is met (late), the running resolution is what matters.
    go(&mut ws, id, IncidentState::InProgress, t0() + Duration::minutes(20));
    let after = sla_summary(&ws, id, t0() + Duration::minutes(30)).unwrap();
    assert_eq!((after.definition, after.band, after.live), (SlaId(2), Band::OnTrack, true));
    assert_eq!(after.time_left_text(), "3 h 30 min");
    // Resolved: nothing is live, and the late response is how it ended.
    resolve(&mut ws, id, t0() + Duration::minutes(40));
    let done = sla_summary(&ws, id, t0() + Duration::minutes(50)).unwrap();
    assert_eq!((done.definition, done.band, done.live), (SlaId(1), Band::Breached, false));
    assert_eq!(done.stage_text(), "Breached (met late)");
}

#[test]
fn the_stage_rank_puts_the_most_urgent_first() {
    let (ws, id) = started_p1();
    let ranks: Vec<i64> =
        [20, 130, 190, 250].iter().map(|&m| sla_summary(&ws, id, t0() + Duration::minutes(m)).unwrap().stage_rank()).collect();
    assert_eq!(ranks, [3, 2, 1, 0], "on track, warning, serious, breached");
    let mut ws = ws;
    go(&mut ws, id, IncidentState::OnHold, t0() + Duration::minutes(30));
    assert_eq!(sla_summary(&ws, id, t0() + Duration::minutes(40)).unwrap().stage_rank(), 4);
    let record = ws.record(id).unwrap();
    let all = timers(record, ws.slas(), ws.calendars(), t0() + Duration::minutes(40));
    assert_eq!(all.iter().map(|t| t.stage).collect::<Vec<_>>(), [Stage::Achieved, Stage::Paused]);
    assert_eq!(TicketSla::of(&all[..1], ws.slas()).unwrap().stage_rank(), 6, "achieved only");
    assert_eq!(TicketSla::of(&[], ws.slas()), None);
}

#[test]
fn a_ticket_no_definition_covers_has_no_line() {
    let mut ws = demo_workspace(t0());
    let id = log(&mut ws, 3, t0());
    assert_eq!(ws.incident(id).unwrap().priority, 4);
    let without_p4: Vec<_> = ws.slas().iter().filter(|d| !d.conditions.priorities.contains(&4)).cloned().collect();
    let record = ws.record(id).unwrap();
    assert!(timers(record, &without_p4, ws.calendars(), t0()).is_empty());
    assert_eq!(TicketSla::of(&timers(record, &without_p4, ws.calendars(), t0()), &without_p4), None);
    assert!(sla_summary(&ws, id, t0() + Duration::hours(1)).is_some(), "the default P4 SLAs cover it");
    assert_eq!(sla_summary(&ws, TicketId(999_999), t0()), None);
}

#[test]
fn attaching_lists_the_definitions_a_new_incident_gets() {
    let ws = demo_workspace(t0());
    let names = |p: u8| attaching(ws.slas(), TicketKind::Incident, p, None, None).map(|d| d.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(1), ["P1 response (15 min)", "P1 resolution (4 h)"]);
    assert_eq!(names(4), ["P4 response (8 h)", "P4 resolution (45 h)"]);
    assert!(names(5).is_empty());
}

#[test]
fn durations_read_in_hours_and_minutes() {
    assert_eq!(minutes_text(0), "0 min");
    assert_eq!(minutes_text(45), "45 min");
    assert_eq!(minutes_text(240), "4 h");
    assert_eq!(minutes_text(1625), "27 h 05 min");
}
