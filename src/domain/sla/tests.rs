//! Unit tests of SLA definitions, validation, defaults and the clock through
//! states. Whole ticket histories are in `tests/domain_sla_timers.rs`.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::domain::calendar::BusinessCalendar;
use crate::domain::event::{Change, Event, InitialFields};
use crate::domain::ids::{GroupId, PersonId, ServiceId, TicketId, TicketKind, TicketNumber, Timestamp};
use crate::domain::incident::{Category, HoldReason, IncidentState};
use crate::domain::ticket::TicketRecord;

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("a valid instant").with_timezone(&Utc)
}

fn resolution_p2() -> SlaDefinition {
    default_slas().into_iter().find(|d| d.id == SlaId(4)).expect("P2 resolution is a default")
}

fn record(created: Timestamp, priority: u8, moves: &[(Timestamp, IncidentState, Option<HoldReason>)]) -> TicketRecord {
    let fields = InitialFields {
        short_description: "Mail is down".into(),
        description: String::new(),
        caller: PersonId(1),
        category: Category::Software,
        subcategory: "Email".into(),
        service: None,
        ci: None,
        impact: 1,
        urgency: 1,
        priority,
    };
    let mut events = vec![Event { at: created, actor: PersonId(1), change: Change::Created(fields) }];
    let mut from = IncidentState::New;
    for &(when, to, hold_reason) in moves {
        let change = Change::StateChanged { from, to, hold_reason, resolution: None };
        events.push(Event { at: when, actor: PersonId(1), change });
        from = to;
    }
    TicketRecord { id: TicketId(1), kind: TicketKind::Incident, number: TicketNumber::new(TicketKind::Incident, 1001), events }
}

#[test]
fn the_defaults_are_valid_and_cover_priorities_one_to_four_twice() {
    let (slas, calendars) = (default_slas(), default_calendars());
    assert_eq!(slas.len(), 8);
    for sla in &slas {
        assert_eq!(sla.validate(&calendars), Ok(()), "{}", sla.name);
    }
    let ids: BTreeSet<SlaId> = slas.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 8);
    for priority in 1..=4 {
        let metrics: Vec<Metric> =
            slas.iter().filter(|s| s.conditions.priorities.contains(&priority)).map(|s| s.metric).collect();
        assert_eq!(metrics, [Metric::Response, Metric::Resolution], "priority {priority}");
    }
    assert_eq!(calendars.entry(OFFICE_HOURS).map(|e| e.name.as_str()), Some("Office hours"));
    assert_eq!(calendars.entry(ALWAYS_OPEN).map(|e| e.name.as_str()), Some("24x7"));
}

#[test]
fn office_hours_count_nine_hours_a_weekday_and_nothing_at_weekends() {
    let office = office_hours_calendar();
    assert_eq!(office.business_minutes_between(at("2026-01-12T00:00:00Z"), at("2026-01-19T00:00:00Z")), 5 * 9 * 60);
    // Summer: 08:00 London is 07:00 UTC.
    assert_eq!(office.next_business_instant(at("2026-07-04T12:00:00Z")), at("2026-07-06T07:00:00Z"));
}

#[test]
fn validation_names_every_problem_at_once() {
    let mut sla = resolution_p2();
    sla.name = "  ".into();
    sla.target_minutes = 0;
    sla.conditions.priorities.clear();
    sla.calendar = CalendarId(99);
    sla.pause.states = BTreeSet::from([IncidentState::New, IncidentState::Resolved, IncidentState::Canceled]);
    sla.cancel.states = BTreeSet::from([IncidentState::Canceled, IncidentState::Closed]);
    sla.thresholds = vec![75, 50, 0, 2000];
    let errors = sla.validate(&default_calendars()).expect_err("everything is wrong");
    let expected = [
        SlaError::BlankName,
        SlaError::ZeroTarget,
        SlaError::NoPriority,
        SlaError::UnknownCalendar(CalendarId(99)),
        SlaError::PauseInStartState,
        SlaError::PauseInStopState { state: "Resolved", metric: "Resolution" },
        SlaError::PauseAndCancel("Canceled"),
        SlaError::CancelInStopState { state: "Closed", metric: "Resolution" },
        SlaError::ThresholdOutOfRange(0),
        SlaError::ThresholdOutOfRange(2000),
        SlaError::ThresholdsNotAscending(50, 75),
        SlaError::ThresholdsNotAscending(0, 50),
    ];
    for error in &expected {
        assert!(errors.contains(error), "missing {error:?} in {errors:?}");
    }
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    assert_eq!(
        SlaError::ThresholdsNotAscending(50, 75).to_string(),
        "list the warning thresholds in ascending order, each once (50 % comes after 75 %)"
    );
}

#[test]
fn a_response_target_cannot_pause_but_may_be_cancelled_from_new() {
    let calendars = default_calendars();
    let mut response = default_slas().remove(0);
    assert_eq!(response.metric, Metric::Response);
    assert_eq!(response.validate(&calendars), Ok(()));
    response.pause = PauseCondition::default();
    let errors = response.validate(&calendars).expect_err("On Hold is already a response");
    assert_eq!(errors, [SlaError::PauseInStopState { state: "On Hold", metric: "Response" }]);
}

#[test]
fn hold_reasons_need_on_hold_and_at_least_one_reason() {
    let calendars = default_calendars();
    let mut sla = resolution_p2();
    sla.pause.hold_reasons = Some(BTreeSet::new());
    assert_eq!(sla.validate(&calendars), Err(vec![SlaError::NoHoldReason]));
    sla.pause = PauseCondition { states: BTreeSet::new(), hold_reasons: Some(BTreeSet::from([HoldReason::AwaitingCaller])) };
    assert_eq!(sla.validate(&calendars), Err(vec![SlaError::ReasonsWithoutOnHold]));
}

#[test]
fn a_pause_condition_with_reasons_pauses_only_for_those_reasons() {
    let pause = PauseCondition {
        states: BTreeSet::from([IncidentState::OnHold]),
        hold_reasons: Some(BTreeSet::from([HoldReason::AwaitingCaller])),
    };
    assert!(pause.pauses(IncidentState::OnHold, Some(HoldReason::AwaitingCaller)));
    assert!(!pause.pauses(IncidentState::OnHold, Some(HoldReason::AwaitingVendor)));
    assert!(!pause.pauses(IncidentState::InProgress, None));
    assert!(PauseCondition::default().pauses(IncidentState::OnHold, Some(HoldReason::AwaitingVendor)));
}

#[test]
fn conditions_match_on_priority_then_service_and_group_when_set() {
    let mut conditions = resolution_p2().conditions;
    assert!(conditions.matches(2, Some(ServiceId(4)), None));
    assert!(!conditions.matches(3, None, None));
    conditions.service = Some(ServiceId(4));
    conditions.group = Some(GroupId(7));
    assert!(conditions.matches(2, Some(ServiceId(4)), Some(GroupId(7))));
    assert!(!conditions.matches(2, Some(ServiceId(5)), Some(GroupId(7))));
    assert!(!conditions.matches(2, Some(ServiceId(4)), None));
}

#[test]
fn a_definition_reads_from_json_with_the_documented_defaults() {
    let json = r#"{"id":9,"name":"Gold resolution","kind":"Ola","metric":"Resolution","target_minutes":120,
        "calendar":2,"conditions":{"ticket_kind":"Incident","priorities":[1,2],"service":null,"group":3},
        "reopen":"KeepFirstClose"}"#;
    let sla: SlaDefinition = serde_json::from_str(json).expect("a valid definition");
    assert_eq!(sla.pause, PauseCondition::default());
    assert_eq!(sla.cancel.states, BTreeSet::from([IncidentState::Canceled]));
    assert_eq!(sla.thresholds, DEFAULT_THRESHOLDS);
    assert!(sla.retroactive_start);
    let back: SlaDefinition = serde_json::from_str(&serde_json::to_string(&sla).unwrap()).unwrap();
    assert_eq!(back, sla);
}

#[test]
fn replacing_a_calendar_keeps_one_entry_under_its_id() {
    let mut calendars = default_calendars();
    calendars.insert(OFFICE_HOURS, "Office hours (UK)", BusinessCalendar::always_open(chrono_tz::UTC));
    assert_eq!(calendars.len(), 2);
    assert_eq!(calendars.entry(OFFICE_HOURS).map(|e| e.name.as_str()), Some("Office hours (UK)"));
}

#[test]
fn a_response_timer_is_met_by_the_first_move_out_of_new() {
    let calendars = default_calendars();
    let response_p1 = default_slas().remove(0);
    let opened = at("2026-03-02T10:00:00Z");
    let ticket = record(opened, 1, &[(opened + TimeDelta::minutes(12), IncidentState::OnHold, Some(HoldReason::AwaitingCaller))]);
    let timer = timer(&ticket, &response_p1, calendars.get(ALWAYS_OPEN).unwrap(), opened + TimeDelta::hours(5)).unwrap();
    assert_eq!(timer.stage, Stage::Achieved);
    assert_eq!(timer.achieved_at, Some(opened + TimeDelta::minutes(12)));
    assert_eq!((timer.business_elapsed_minutes, timer.percent, timer.time_left_minutes), (12, 80.0, 3));
    assert!(timer.pauses.is_empty());
    let crossed: Vec<(u16, Timestamp)> = timer.thresholds.iter().map(|c| (c.percent, c.at)).collect();
    assert_eq!(crossed, [(50, opened + TimeDelta::seconds(450)), (75, opened + TimeDelta::seconds(675))]);
}

#[test]
fn a_response_timer_is_cancelled_when_the_ticket_goes_from_new_to_canceled() {
    let calendars = default_calendars();
    let response_p1 = default_slas().remove(0);
    let opened = at("2026-03-02T10:00:00Z");
    let ticket = record(opened, 1, &[(opened + TimeDelta::minutes(20), IncidentState::Canceled, None)]);
    let timer = timer(&ticket, &response_p1, calendars.get(ALWAYS_OPEN).unwrap(), opened + TimeDelta::hours(1)).unwrap();
    assert_eq!(timer.stage, Stage::Cancelled);
    assert_eq!(timer.cancelled_at, Some(opened + TimeDelta::minutes(20)));
    assert_eq!(timer.achieved_at, None);
    // It was past its 15 minutes when cancelled; reports still leave it out.
    assert_eq!(timer.breached_at, Some(opened + TimeDelta::minutes(15)));
}

#[test]
fn only_on_hold_reasons_in_the_condition_pause_the_clock() {
    let calendars = default_calendars();
    let mut sla = default_slas().into_iter().find(|d| d.id == SlaId(2)).unwrap();
    sla.pause.hold_reasons = Some(BTreeSet::from([HoldReason::AwaitingCaller]));
    let opened = at("2026-03-02T10:00:00Z");
    let h = |n: i64| opened + TimeDelta::hours(n);
    let ticket = record(
        opened,
        1,
        &[
            (h(1), IncidentState::OnHold, Some(HoldReason::AwaitingVendor)),
            (h(2), IncidentState::InProgress, None),
            (h(3), IncidentState::OnHold, Some(HoldReason::AwaitingCaller)),
        ],
    );
    let timer = timer(&ticket, &sla, calendars.get(ALWAYS_OPEN).unwrap(), h(4)).unwrap();
    assert_eq!(timer.stage, Stage::Paused);
    assert_eq!(timer.business_elapsed_minutes, 180);
    assert_eq!(timer.pauses.len(), 1);
    assert_eq!((timer.pauses[0].from, timer.pauses[0].to), (h(3), None));
    assert_eq!(timer.pauses[0].hold_reason, Some(HoldReason::AwaitingCaller));
    assert_eq!(timer.due, h(5), "one hour left, counted from now while the pause goes on");
    assert_eq!(timer.original_due, h(4));
}

#[test]
fn events_after_now_are_not_seen() {
    let calendars = default_calendars();
    let sla = default_slas().into_iter().find(|d| d.id == SlaId(2)).unwrap();
    let opened = at("2026-03-02T10:00:00Z");
    let ticket = record(opened, 1, &[(opened + TimeDelta::hours(2), IncidentState::Resolved, None)]);
    let cal = calendars.get(ALWAYS_OPEN).unwrap();
    let early = timer(&ticket, &sla, cal, opened + TimeDelta::hours(1)).unwrap();
    assert_eq!((early.stage, early.business_elapsed_minutes), (Stage::InProgress, 60));
    assert!(timer(&ticket, &sla, cal, opened - TimeDelta::minutes(1)).is_none(), "not logged yet");
    let kinds = timers(&ticket, &default_slas(), &calendars, opened + TimeDelta::hours(3));
    assert_eq!(kinds.iter().map(|t| t.definition).collect::<Vec<_>>(), [SlaId(1), SlaId(2)]);
}

#[test]
fn every_reopen_policy_has_its_own_label_and_reads_back_from_json() {
    let labels: BTreeSet<&str> = ReopenPolicy::ALL.iter().map(|p| p.label()).collect();
    assert_eq!(labels.len(), ReopenPolicy::ALL.len());
    assert_eq!(ReopenPolicy::Restart.label(), "Restart from zero (ServiceNow reset)");
    for policy in ReopenPolicy::ALL {
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(serde_json::from_str::<ReopenPolicy>(&json).unwrap(), policy);
    }
    assert_eq!(serde_json::to_string(&ReopenPolicy::Restart).unwrap(), "\"Restart\"");
}

#[test]
fn a_restart_forgets_the_pauses_and_the_breach_of_the_earlier_run() {
    let calendars = default_calendars();
    let mut sla = default_slas().into_iter().find(|d| d.id == SlaId(2)).unwrap();
    let opened = at("2026-03-02T10:00:00Z");
    let h = |n: i64| opened + TimeDelta::hours(n);
    let ticket = record(
        opened,
        1,
        &[
            (h(1), IncidentState::OnHold, Some(HoldReason::AwaitingVendor)),
            (h(2), IncidentState::InProgress, None),
            (h(6), IncidentState::Resolved, None),
            (h(7), IncidentState::InProgress, None),
        ],
    );
    let cal = calendars.get(ALWAYS_OPEN).unwrap();
    sla.reopen = ReopenPolicy::NewCycle;
    let cycle = timer(&ticket, &sla, cal, h(8)).unwrap();
    sla.reopen = ReopenPolicy::Restart;
    let restart = timer(&ticket, &sla, cal, h(8)).unwrap();
    assert!(cycle.ever_breached, "the first run was 1 hour late");
    assert!(!restart.ever_breached);
    for t in [&cycle, &restart] {
        assert_eq!((t.cycle, t.start, t.business_elapsed_minutes, t.due), (2, h(7), 60, h(11)));
        assert!(t.pauses.is_empty() && t.thresholds.is_empty(), "{t:?}");
    }
    assert_eq!((cycle.attached_at, restart.attached_at), (opened, h(7)));
}

#[test]
fn notification_rules_apply_from_their_percent_up_and_are_checked() {
    let mut sla = resolution_p2();
    let names = |percent| sla_recipients(&sla, percent);
    assert_eq!(names(49), None);
    assert_eq!(names(50), Some(vec![Recipient::Assignee]));
    assert_eq!(names(75), Some(vec![Recipient::Assignee, Recipient::GroupManager]));
    assert_eq!(names(100), Some(vec![Recipient::Assignee, Recipient::GroupManager]), "the 75 % rule covers the breach");
    sla.notify = vec![
        NotifyRule { percent: 100, recipients: BTreeSet::from([Recipient::Caller]) },
        NotifyRule { percent: 90, recipients: BTreeSet::new() },
        NotifyRule { percent: 1200, recipients: BTreeSet::from([Recipient::GroupMembers]) },
    ];
    let errors = sla.validate(&default_calendars()).expect_err("three problems");
    assert_eq!(
        errors,
        [SlaError::NotifyNobody(90), SlaError::NotifyOutOfRange(1200), SlaError::NotifyNotAscending(90, 100)]
    );
    assert_eq!(
        SlaError::NotifyNobody(90).to_string(),
        "the notification rule at 90 % tells nobody: choose at least one recipient, or remove the rule"
    );
}

fn sla_recipients(sla: &SlaDefinition, percent: u16) -> Option<Vec<Recipient>> {
    sla.recipients_at(percent).map(|set| set.iter().copied().collect())
}
