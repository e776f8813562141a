//! SLA timers replayed from whole ticket histories: DOMAIN.md's worked
//! example, pauses over nights, achieved, breached, cancelled, the five
//! reopen policies on one history, a priority change, an edited definition,
//! and warning thresholds with their instants.

use servicelab::domain::demo::demo_workspace;
use servicelab::domain::sla::{
    ALWAYS_OPEN, OFFICE_HOURS, ReopenPolicy, SlaDefinition, SlaId, Stage, Timer, default_calendars, default_slas, timers,
};
use servicelab::domain::{HoldReason, IncidentState, TicketRecord, Timestamp};

#[path = "common/sla_history.rs"]
mod sla_history;
use sla_history::{History, at, sla};

fn only(record: &TicketRecord, definition: &SlaDefinition, now: &str) -> Timer {
    let mut found = timers(record, std::slice::from_ref(definition), &default_calendars(), at(now));
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

fn crossed(timer: &Timer) -> Vec<(u16, Timestamp)> {
    timer.thresholds.iter().map(|c| (c.percent, c.at)).collect()
}

/// DOMAIN.md: 8-hour SLA, Monday-Friday 08:00-17:00, opened Friday 21:00, read Monday 09:30.
fn worked_example() -> TicketRecord {
    History::opened("2026-01-09T21:00:00Z", 2).to("2026-01-09T21:05:00Z", IncidentState::InProgress, None).record()
}

#[test]
fn the_worked_example_shows_1h30_business_19_percent_and_60h30_wall() {
    let timer = only(&worked_example(), &sla(4), "2026-01-12T09:30:00Z");
    assert_eq!(timer.stage, Stage::InProgress);
    assert_eq!(timer.business_elapsed_minutes, 90);
    assert_eq!(timer.wall_elapsed_minutes, 60 * 60 + 30);
    assert_eq!(timer.percent, 18.75);
    assert_eq!(timer.time_left_minutes, 390);
    assert_eq!(timer.due, at("2026-01-12T16:00:00Z"));
    assert_eq!(timer.original_due, timer.due);
    assert_eq!(crossed(&timer), []);
    assert_eq!((timer.breached_at, timer.achieved_at, timer.cycle), (None, None, 1));
}

#[test]
fn a_pause_over_a_night_moves_the_due_time_by_its_business_hours_only() {
    let record = History::opened("2026-01-12T09:00:00Z", 2)
        .to("2026-01-12T09:10:00Z", IncidentState::InProgress, None)
        .to("2026-01-12T16:00:00Z", IncidentState::OnHold, Some(HoldReason::AwaitingVendor))
        .to("2026-01-13T10:00:00Z", IncidentState::InProgress, None)
        .record();
    let timer = only(&record, &sla(4), "2026-01-13T10:30:00Z");
    assert_eq!(timer.stage, Stage::InProgress);
    assert_eq!(timer.pauses.len(), 1);
    let pause = &timer.pauses[0];
    assert_eq!((pause.from, pause.to), (at("2026-01-12T16:00:00Z"), Some(at("2026-01-13T10:00:00Z"))));
    assert_eq!((pause.state, pause.hold_reason), (IncidentState::OnHold, Some(HoldReason::AwaitingVendor)));
    assert_eq!((pause.wall_minutes, pause.business_minutes), (18 * 60, 180));
    assert_eq!(timer.business_elapsed_minutes, 450);
    assert_eq!(timer.wall_elapsed_minutes, 450, "25 h 30 of real time minus the 18 h pause");
    assert_eq!(timer.percent, 93.75);
    assert_eq!(timer.original_due, at("2026-01-12T17:00:00Z"));
    assert_eq!(timer.due, at("2026-01-13T11:00:00Z"));
    // 50 % (4 h) and 75 % (6 h) were both reached on Monday, before the pause.
    assert_eq!(crossed(&timer), [(50, at("2026-01-12T13:00:00Z")), (75, at("2026-01-12T15:00:00Z"))]);
}

#[test]
fn resolving_in_time_achieves_the_timer_and_freezes_its_figures() {
    let record = worked_example();
    let record = History::resume(record, IncidentState::InProgress)
        .to("2026-01-12T14:00:00Z", IncidentState::Resolved, None)
        .record();
    let at_resolve = only(&record, &sla(4), "2026-01-12T14:00:00Z");
    let later = only(&record, &sla(4), "2026-01-20T12:00:00Z");
    assert_eq!(later, at_resolve);
    assert_eq!(later.stage, Stage::Achieved);
    assert_eq!(later.achieved_at, Some(at("2026-01-12T14:00:00Z")));
    assert_eq!((later.business_elapsed_minutes, later.percent, later.time_left_minutes), (360, 75.0, 120));
}

#[test]
fn an_open_p1_past_four_hours_is_breached_with_every_threshold_crossed() {
    let record = History::opened("2026-03-02T10:00:00Z", 1).to("2026-03-02T10:05:00Z", IncidentState::InProgress, None).record();
    let timer = only(&record, &sla(2), "2026-03-02T15:00:00Z");
    assert_eq!(timer.stage, Stage::Breached);
    assert_eq!(timer.breached_at, Some(at("2026-03-02T14:00:00Z")));
    assert!(timer.ever_breached);
    assert_eq!((timer.percent, timer.time_left_minutes), (125.0, -60));
    let expected = [(50, "2026-03-02T12:00:00Z"), (75, "2026-03-02T13:00:00Z"), (100, "2026-03-02T14:00:00Z")];
    assert_eq!(crossed(&timer), expected.map(|(p, t)| (p, at(t))));
    // A minute before the due time it is not breached yet, and 100 % not reached.
    let before = only(&record, &sla(2), "2026-03-02T13:59:00Z");
    assert_eq!((before.stage, before.breached_at, before.thresholds.len()), (Stage::InProgress, None, 2));
}

#[test]
fn cancelling_the_incident_cancels_its_timers() {
    let record = History::opened("2026-03-02T10:00:00Z", 2)
        .to("2026-03-02T10:20:00Z", IncidentState::InProgress, None)
        .to("2026-03-02T12:00:00Z", IncidentState::Canceled, None)
        .record();
    let found = timers(&record, &default_slas(), &default_calendars(), at("2026-03-05T12:00:00Z"));
    let stages: Vec<(SlaId, Stage)> = found.iter().map(|t| (t.definition, t.stage)).collect();
    assert_eq!(stages, [(SlaId(3), Stage::Achieved), (SlaId(4), Stage::Cancelled)]);
    let resolution = &found[1];
    assert_eq!(resolution.cancelled_at, Some(at("2026-03-02T12:00:00Z")));
    assert_eq!((resolution.business_elapsed_minutes, resolution.achieved_at), (120, None));
}

/// A 4-hour resolution target on 24x7: resolved late at 04:30, reopened at
/// 05:00, resolved again at 05:30, read at noon.
fn reopened_history() -> TicketRecord {
    History::opened("2026-03-02T00:00:00Z", 1)
        .to("2026-03-02T00:10:00Z", IncidentState::InProgress, None)
        .to("2026-03-02T04:30:00Z", IncidentState::Resolved, None)
        .to("2026-03-02T05:00:00Z", IncidentState::InProgress, None)
        .to("2026-03-02T05:30:00Z", IncidentState::Resolved, None)
        .record()
}

fn with_policy(policy: ReopenPolicy) -> Timer {
    let mut definition = sla(2);
    definition.reopen = policy;
    only(&reopened_history(), &definition, "2026-03-02T12:00:00Z")
}

#[test]
fn the_reopen_policies_on_one_history() {
    // iTop stops its stopwatch while resolved and resumes from the time spent:
    // the 30 minutes spent Resolved do not count, exactly as GLPI's pause.
    let resume = with_policy(ReopenPolicy::ResumeSameTimer);
    assert_eq!((resume.stage, resume.business_elapsed_minutes, resume.percent), (Stage::Breached, 300, 125.0));
    assert_eq!((resume.achieved_at, resume.breached_at), (Some(at("2026-03-02T05:30:00Z")), Some(at("2026-03-02T04:00:00Z"))));
    assert_eq!(resume.pauses.len(), 1);
    assert_eq!((resume.pauses[0].state, resume.pauses[0].wall_minutes), (IncidentState::Resolved, 30));

    let pause = with_policy(ReopenPolicy::CountResolvedAsPause);
    assert_eq!((pause.stage, pause.business_elapsed_minutes, pause.percent), (Stage::Breached, 300, 125.0));
    assert_eq!(pause.pauses.len(), 1);
    assert_eq!((pause.pauses[0].state, pause.pauses[0].wall_minutes), (IncidentState::Resolved, 30));

    let cycle = with_policy(ReopenPolicy::NewCycle);
    assert_eq!((cycle.stage, cycle.cycle, cycle.start), (Stage::Achieved, 2, at("2026-03-02T05:00:00Z")));
    assert_eq!((cycle.business_elapsed_minutes, cycle.percent, cycle.breached_at), (30, 12.5, None));
    assert!(cycle.ever_breached, "the first cycle ended 30 minutes late");

    let first = with_policy(ReopenPolicy::KeepFirstClose);
    assert_eq!((first.stage, first.business_elapsed_minutes, first.percent), (Stage::Breached, 270, 112.5));
    assert_eq!(first.achieved_at, Some(at("2026-03-02T04:30:00Z")));

    // ServiceNow's reset: the same second run as Jira's cycle, but the late
    // first run is forgotten, and the fresh timer is attached at the reopen.
    let restart = with_policy(ReopenPolicy::Restart);
    assert_eq!((restart.stage, restart.cycle, restart.start), (Stage::Achieved, 2, at("2026-03-02T05:00:00Z")));
    assert_eq!((restart.business_elapsed_minutes, restart.percent, restart.breached_at), (30, 12.5, None));
    assert!(!restart.ever_breached, "a restart forgets the late first run");
    assert_eq!((restart.attached_at, cycle.attached_at), (at("2026-03-02T05:00:00Z"), at("2026-03-02T00:00:00Z")));
}

/// What a student compares between policies: stage, cycle, ever breached,
/// attached at, start, business elapsed, percent, due, breached at, achieved
/// at, pauses and thresholds reached.
type Figures = (Stage, u32, bool, Timestamp, Timestamp, u64, f64, Timestamp, Option<Timestamp>, Option<Timestamp>, usize, usize);

fn figures(timer: &Timer) -> Figures {
    (
        timer.stage,
        timer.cycle,
        timer.ever_breached,
        timer.attached_at,
        timer.start,
        timer.business_elapsed_minutes,
        timer.percent,
        timer.due,
        timer.breached_at,
        timer.achieved_at,
        timer.pauses.len(),
        timer.thresholds.len(),
    )
}

#[test]
fn the_five_reopen_policies_give_five_readings_of_one_late_reopened_ticket() {
    // P1 resolution, 4 hours on 24x7. One hour on hold, resolved half an hour
    // late at 05:30 (due 05:00 after the pause), reopened at 06:00, read at 07:00.
    let record = History::opened("2026-03-02T00:00:00Z", 1)
        .to("2026-03-02T00:10:00Z", IncidentState::InProgress, None)
        .to("2026-03-02T01:00:00Z", IncidentState::OnHold, Some(HoldReason::AwaitingCaller))
        .to("2026-03-02T02:00:00Z", IncidentState::InProgress, None)
        .to("2026-03-02T05:30:00Z", IncidentState::Resolved, None)
        .to("2026-03-02T06:00:00Z", IncidentState::InProgress, None)
        .record();
    let read = |policy| {
        let mut definition = sla(2);
        definition.reopen = policy;
        figures(&only(&record, &definition, "2026-03-02T07:00:00Z"))
    };
    let (logged, reopened) = (at("2026-03-02T00:00:00Z"), at("2026-03-02T06:00:00Z"));
    let first_due = Some(at("2026-03-02T05:00:00Z"));
    // Counted 00:00-01:00, 02:00-05:30 and, after the reopen, 06:00-07:00: 330 minutes.
    let resumed = (Stage::Breached, 1, true, logged, logged, 330, 137.5, at("2026-03-02T05:00:00Z"), first_due, None, 2, 3);
    let expected = [
        (ReopenPolicy::ResumeSameTimer, resumed),
        (ReopenPolicy::CountResolvedAsPause, resumed),
        // A second cycle from 06:00 with the full 4 hours; the late first cycle is remembered.
        (ReopenPolicy::NewCycle, (Stage::InProgress, 2, true, logged, reopened, 60, 25.0, at("2026-03-02T10:00:00Z"), None, None, 0, 0)),
        // Znuny: the first resolution at 05:30 stays the answer, 270 minutes late by 30.
        (
            ReopenPolicy::KeepFirstClose,
            (Stage::Breached, 1, true, logged, logged, 270, 112.5, at("2026-03-02T05:00:00Z"), first_due, Some(at("2026-03-02T05:30:00Z")), 1, 3),
        ),
        // ServiceNow's reset: the same second run as Jira's, but nothing of the first is kept.
        (ReopenPolicy::Restart, (Stage::InProgress, 2, false, reopened, reopened, 60, 25.0, at("2026-03-02T10:00:00Z"), None, None, 0, 0)),
    ];
    for (policy, figures) in expected {
        assert_eq!(read(policy), figures, "{policy:?}");
    }
    // iTop and GLPI agree in every figure (see ReopenPolicy); every other pair differs.
    for (i, (a, fa)) in expected.iter().enumerate() {
        for (b, fb) in &expected[i + 1..] {
            let same = [a, b] == [&ReopenPolicy::ResumeSameTimer, &ReopenPolicy::CountResolvedAsPause];
            assert_eq!(fa == fb, same, "{a:?} and {b:?}");
        }
    }
}

#[test]
fn a_restart_crosses_the_thresholds_again_and_can_be_breached_afresh() {
    let record = reopened_history();
    let mut definition = sla(2);
    definition.reopen = ReopenPolicy::Restart;
    // Read at 10:00 (the second resolution at 05:30 is left out): 5 hours after the reopen.
    let record = TicketRecord { events: record.events[..4].to_vec(), ..record };
    let timer = only(&record, &definition, "2026-03-02T10:00:00Z");
    assert_eq!((timer.stage, timer.cycle, timer.breached_at), (Stage::Breached, 2, Some(at("2026-03-02T09:00:00Z"))));
    assert!(timer.ever_breached, "the new run is late in its own right");
    let expected = [(50, "2026-03-02T07:00:00Z"), (75, "2026-03-02T08:00:00Z"), (100, "2026-03-02T09:00:00Z")];
    assert_eq!(crossed(&timer), expected.map(|(p, t)| (p, at(t))));
}

#[test]
fn a_reopened_timer_runs_again_except_under_keep_first_close() {
    let mut definition = sla(2);
    let record = reopened_history();
    for (policy, stage) in [
        (ReopenPolicy::ResumeSameTimer, Stage::Breached),
        (ReopenPolicy::CountResolvedAsPause, Stage::Breached),
        (ReopenPolicy::NewCycle, Stage::InProgress),
        (ReopenPolicy::KeepFirstClose, Stage::Breached),
        (ReopenPolicy::Restart, Stage::InProgress),
    ] {
        definition.reopen = policy;
        let timer = only(&record, &definition, "2026-03-02T05:10:00Z");
        assert_eq!(timer.stage, stage, "{policy:?}");
        assert_eq!(timer.achieved_at.is_some(), policy == ReopenPolicy::KeepFirstClose, "{policy:?}");
    }
}

#[test]
fn raising_the_priority_cancels_the_p3_timer_and_starts_p1_from_logging() {
    let record = History::opened("2026-01-12T09:00:00Z", 3)
        .to("2026-01-12T09:05:00Z", IncidentState::InProgress, None)
        .priority("2026-01-12T10:00:00Z", 3, 1)
        .record();
    let found = timers(&record, &default_slas(), &default_calendars(), at("2026-01-12T12:00:00Z"));
    let summary: Vec<(SlaId, Stage)> = found.iter().map(|t| (t.definition, t.stage)).collect();
    // P1 response does not attach: the ticket had already left New.
    assert_eq!(summary, [(SlaId(2), Stage::InProgress), (SlaId(5), Stage::Achieved), (SlaId(6), Stage::Cancelled)]);
    let p1 = &found[0];
    assert_eq!((p1.attached_at, p1.start), (at("2026-01-12T10:00:00Z"), at("2026-01-12T09:00:00Z")));
    assert_eq!((p1.business_elapsed_minutes, p1.percent), (180, 75.0));
    assert_eq!(crossed(p1), [(50, at("2026-01-12T11:00:00Z")), (75, at("2026-01-12T12:00:00Z"))]);
    let p3 = &found[2];
    assert_eq!((p3.cancelled_at, p3.business_elapsed_minutes), (Some(at("2026-01-12T10:00:00Z")), 60));

    let mut not_retroactive = sla(2);
    not_retroactive.retroactive_start = false;
    let p1 = only(&record, &not_retroactive, "2026-01-12T12:00:00Z");
    assert_eq!((p1.start, p1.business_elapsed_minutes), (at("2026-01-12T10:00:00Z"), 120));
}

#[test]
fn lowering_the_priority_back_gives_the_timer_back_from_logging() {
    let record = History::opened("2026-01-12T09:00:00Z", 2)
        .priority("2026-01-12T10:00:00Z", 2, 1)
        .priority("2026-01-12T11:00:00Z", 1, 2)
        .record();
    let timer = only(&record, &sla(4), "2026-01-12T12:00:00Z");
    assert_eq!((timer.stage, timer.attached_at, timer.business_elapsed_minutes), (Stage::InProgress, at("2026-01-12T11:00:00Z"), 180));
}

#[test]
fn an_edited_definition_replays_to_new_figures_with_nothing_stale() {
    let record = worked_example();
    let mut definition = sla(4);
    let before = only(&record, &definition, "2026-01-12T09:30:00Z");
    definition.target_minutes = 240;
    let shorter = only(&record, &definition, "2026-01-12T09:30:00Z");
    assert_eq!((shorter.percent, shorter.due), (37.5, at("2026-01-12T12:00:00Z")));
    definition.calendar = ALWAYS_OPEN;
    let round_the_clock = only(&record, &definition, "2026-01-12T09:30:00Z");
    assert_eq!(round_the_clock.business_elapsed_minutes, round_the_clock.wall_elapsed_minutes);
    assert_eq!((round_the_clock.stage, round_the_clock.breached_at), (Stage::Breached, Some(at("2026-01-10T01:00:00Z"))));
    definition.target_minutes = 480;
    definition.calendar = OFFICE_HOURS;
    assert_eq!(only(&record, &definition, "2026-01-12T09:30:00Z"), before, "the original definition gives the original figures");
}

#[test]
fn every_demo_incident_has_one_resolution_timer_for_its_current_priority() {
    let now = at("2026-03-02T12:00:00Z");
    let ws = demo_workspace(now);
    let (slas, calendars) = (default_slas(), default_calendars());
    let mut stages = std::collections::BTreeMap::new();
    for record in ws.tickets() {
        let incident = ws.incident(record.id).expect("the demo holds incidents");
        let found = timers(record, &slas, &calendars, now);
        let current = found.iter().filter(|t| t.definition == SlaId(u32::from(incident.priority) * 2));
        let current: Vec<&Timer> = current.collect();
        assert_eq!(current.len(), 1, "{}", record.number);
        let others_cancelled = found
            .iter()
            .filter(|t| t.definition.0 % 2 == 0 && t.definition != current[0].definition)
            .all(|t| t.stage == Stage::Cancelled);
        assert!(others_cancelled, "an earlier priority's resolution timer is cancelled: {}", record.number);
        for timer in &found {
            assert!(timer.business_elapsed_minutes <= timer.wall_elapsed_minutes);
            *stages.entry(timer.stage.label()).or_insert(0) += 1;
        }
    }
    assert!(stages.len() >= 3, "a demo shows several stages: {stages:?}");
}
