//! SLA notifications: crossing a warning threshold records who was told on
//! the ticket, at the crossing instant, once, in time order, and each
//! person's list and unread count follow.

use chrono::{DateTime, TimeDelta, Utc};
use servicelab::domain::event::Change;
use servicelab::domain::org::Role;
use servicelab::domain::sla::SlaId;
use servicelab::domain::{Category, Command, HoldReason, IncidentState, NewIncident, PersonId, TicketId, Timestamp, Workspace};

/// Monday 2 March 2026, 10:00 UTC.
fn t0() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z").unwrap().with_timezone(&Utc)
}

fn h(hours: f64) -> Timestamp {
    t0() + TimeDelta::seconds((hours * 3600.0) as i64)
}

struct Desk {
    ws: Workspace,
    sofia: PersonId,
    grace: PersonId,
}

fn desk() -> Desk {
    let mut ws = Workspace::new("Test desk", t0());
    let sofia = ws.add_person("Sofia Rossi", "sofia@example.com", &[Role::Agent]);
    let grace = ws.add_person("Grace Okafor", "grace@example.com", &[Role::Agent, Role::GroupManager]);
    ws.add_group("Service Desk", &[sofia, grace], Some(grace)).unwrap();
    Desk { ws, sofia, grace }
}

impl Desk {
    /// A P1 incident assigned to Sofia at `at`, taken In Progress a minute later (its response met).
    fn p1(&mut self, at: Timestamp) -> TicketId {
        let group = self.ws.groups()[0].id;
        let new = NewIncident {
            short_description: "Warehouse scanners offline".into(),
            description: String::new(),
            caller: self.grace,
            category: Category::Hardware,
            subcategory: "Scanner".into(),
            service: None,
            ci: None,
            impact: 1,
            urgency: 1,
            assignment_group: Some(group),
            assigned_to: Some(self.sofia),
        };
        self.ws.advance_clock(at);
        let id = self.ws.apply(Command::CreateIncident(new), self.sofia, at).unwrap().created.unwrap();
        self.to(id, IncidentState::InProgress, at + TimeDelta::minutes(1));
        id
    }

    fn to(&mut self, id: TicketId, to: IncidentState, at: Timestamp) {
        let hold_reason = (to == IncidentState::OnHold).then_some(HoldReason::AwaitingVendor);
        let command = Command::Transition { id, to, hold_reason, resolution_code: None, resolution_notes: String::new() };
        self.ws.advance_clock(at);
        self.ws.apply(command, self.sofia, at).unwrap();
    }

    /// (instant, definition, percent, breached, recipients) of the ticket's notifications.
    fn notified(&self, id: TicketId) -> Vec<(Timestamp, u32, u16, bool, Vec<PersonId>)> {
        let record = self.ws.record(id).unwrap();
        record
            .events
            .iter()
            .filter_map(|e| match &e.change {
                Change::SlaNotified { sla, percent, breached, recipients, .. } => {
                    assert_eq!(e.actor, PersonId::SYSTEM);
                    Some((e.at, sla.0, *percent, *breached, recipients.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

#[test]
fn a_p1_notifies_the_assignee_at_50_then_the_manager_too_at_75_and_100_percent() {
    let mut d = desk();
    let id = d.p1(t0());
    let (sofia, grace) = (d.sofia, d.grace);
    d.ws.advance_clock(h(1.0));
    assert_eq!(d.notified(id), []);
    d.ws.advance_clock(h(2.5));
    assert_eq!(d.notified(id), [(h(2.0), 2, 50, false, vec![sofia])]);
    d.ws.advance_clock(h(3.5));
    d.ws.advance_clock(h(4.5));
    let expected = vec![
        (h(2.0), 2, 50, false, vec![sofia]),
        (h(3.0), 2, 75, false, vec![sofia, grace]),
        (h(4.0), 2, 100, true, vec![sofia, grace]),
    ];
    assert_eq!(d.notified(id), expected);
    // Nothing is recorded twice, however the clock is moved again.
    d.ws.advance_clock(h(4.5));
    d.ws.set_clock(h(4.2), true).unwrap();
    d.ws.advance_clock(h(9.0));
    assert_eq!(d.notified(id), expected);
    let record = d.ws.record(id).unwrap();
    let sentence = d.ws.describe(&record.events[record.events.len() - 2]);
    assert_eq!(sentence, "P1 resolution (4 h) reached 75 %: Sofia Rossi and Grace Okafor notified");
    let last = d.ws.describe(record.events.last().unwrap());
    assert_eq!(last, "P1 resolution (4 h) breached (100 %): Sofia Rossi and Grace Okafor notified");
    // The incident itself is untouched: notifications are not updates.
    assert_eq!(d.ws.incident(id).unwrap().updated_at, t0() + TimeDelta::minutes(1));
}

#[test]
fn a_jump_over_several_thresholds_records_each_in_order_and_lists_them_per_person() {
    let mut d = desk();
    let id = d.p1(t0());
    d.ws.advance_clock(h(6.0));
    let percents: Vec<(Timestamp, u16)> = d.notified(id).iter().map(|n| (n.0, n.2)).collect();
    assert_eq!(percents, [(h(2.0), 50), (h(3.0), 75), (h(4.0), 100)]);
    let for_sofia: Vec<Timestamp> = d.ws.notifications_for(d.sofia).iter().map(|n| n.at).collect();
    assert_eq!(for_sofia, [h(4.0), h(3.0), h(2.0)], "newest first");
    assert_eq!(d.ws.notifications_for(d.grace).len(), 2);
    assert_eq!((d.ws.unread_notifications(d.sofia), d.ws.unread_notifications(d.grace)), (3, 2));
    d.ws.apply(Command::MarkNotificationsRead { up_to: h(3.0) }, d.sofia, h(6.0)).unwrap();
    assert_eq!((d.ws.unread_notifications(d.sofia), d.ws.unread_notifications(d.grace)), (1, 2));
    assert_eq!(d.ws.notifications_seen(d.sofia), Some(h(3.0)));
}

#[test]
fn a_command_records_the_crossings_before_its_own_events() {
    let mut d = desk();
    let id = d.p1(t0());
    // No clock advance: the command at 3 h 30 records 50 % and 75 % first.
    let command = Command::AddWorkNote { id, text: "Vendor engaged".into() };
    d.ws.apply(command, d.sofia, h(3.5)).unwrap();
    let record = d.ws.record(id).unwrap();
    assert!(record.events.windows(2).all(|w| w[0].at <= w[1].at), "history stays in time order");
    assert!(matches!(record.events.last().unwrap().change, Change::WorkNote { .. }));
    assert_eq!(d.notified(id).iter().map(|n| n.2).collect::<Vec<_>>(), [50, 75]);
}

#[test]
fn pausing_shifts_the_crossings_by_the_time_on_hold() {
    let mut d = desk();
    let id = d.p1(t0());
    d.to(id, IncidentState::OnHold, h(1.0));
    d.to(id, IncidentState::InProgress, h(2.5));
    d.ws.advance_clock(h(8.0));
    let percents: Vec<(Timestamp, u16)> = d.notified(id).iter().map(|n| (n.0, n.2)).collect();
    assert_eq!(percents, [(h(3.5), 50), (h(4.5), 75), (h(5.5), 100)]);
}

#[test]
fn a_reopen_under_a_new_cycle_notifies_again_and_the_assignee_then_is_told() {
    let mut d = desk();
    let id = d.p1(t0());
    d.ws.advance_clock(h(2.5));
    let resolve = Command::Transition {
        id,
        to: IncidentState::Resolved,
        hold_reason: None,
        resolution_code: Some(servicelab::domain::ResolutionCode::ALL[0]),
        resolution_notes: "Restarted the scanner hub".into(),
    };
    d.ws.apply(resolve, d.sofia, h(2.5)).unwrap();
    d.to(id, IncidentState::InProgress, h(3.0));
    let group = d.ws.groups()[0].id;
    d.ws.apply(Command::Assign { id, group: Some(group), agent: Some(d.grace) }, d.sofia, h(3.0)).unwrap();
    d.ws.advance_clock(h(5.5));
    let notified = d.notified(id);
    let cycle_two: Vec<(Timestamp, u16, Vec<PersonId>)> = notified[1..].iter().map(|n| (n.0, n.2, n.4.clone())).collect();
    assert_eq!(notified[0].2, 50);
    assert_eq!(cycle_two, [(h(5.0), 50, vec![d.grace])], "the second cycle's 50 %, to the assignee then");
}

#[test]
fn notifications_survive_a_json_round_trip_with_the_same_index() {
    let mut d = desk();
    let first = d.p1(t0());
    let second = d.p1(h(1.0));
    d.ws.advance_clock(h(3.5));
    d.ws.apply(Command::MarkNotificationsRead { up_to: h(2.0) }, d.grace, h(3.5)).unwrap();
    let back = Workspace::from_json(&d.ws.to_json()).unwrap();
    assert_eq!(back, d.ws);
    for person in [d.sofia, d.grace] {
        assert_eq!(back.notifications_for(person), d.ws.notifications_for(person));
        assert_eq!(back.unread_notifications(person), d.ws.unread_notifications(person));
    }
    assert_eq!(d.notified(first).len() + d.notified(second).len(), 3);
    // A stored workspace written before notifications existed still loads, with the default rules.
    let mut value: serde_json::Value = serde_json::from_str(&d.ws.to_json()).unwrap();
    value.as_object_mut().unwrap().remove("notifications_seen");
    for sla in value["slas"].as_array_mut().unwrap() {
        sla.as_object_mut().unwrap().remove("notify");
    }
    let old = Workspace::from_json(&value.to_string()).unwrap();
    assert_eq!(old.slas(), d.ws.slas());
    assert_eq!(old.unread_notifications(d.grace), d.ws.notifications_for(d.grace).len());
    assert!(old.slas().iter().all(|s| s.recipients_at(100).is_some_and(|r| r.len() == 2)));
    let _ = SlaId(2);
}
