//! Explained SLA timers: DOMAIN.md's worked example, a holiday, a lunch
//! break, a pause over a night, daylight saving, priority changes that attach
//! and cancel timers, and a timeline a year long summed up.

use chrono::TimeDelta;
use servicelab::domain::calendar::{BusinessCalendar, SkipReason};
use servicelab::domain::sla::explain::{CancelReason, Condition, Ending, FactChange, Row, SegmentKind, Step};
use servicelab::domain::sla::{
    AgreementKind, Calendars, Explanation, OFFICE_HOURS, SlaDefinition, SlaId, Stage, default_calendars, default_slas, explain, timers,
};
use servicelab::domain::{GroupId, HoldReason, IncidentState, TicketKind, TicketRecord, Timestamp};

#[path = "common/sla_history.rs"]
mod sla_history;
use sla_history::{History, at, sla};

/// The default calendars with "Office hours" replaced by `json`.
fn office_hours(json: &str) -> Calendars {
    let mut calendars = default_calendars();
    let calendar: BusinessCalendar = serde_json::from_str(json).expect("a valid calendar");
    calendars.insert(OFFICE_HOURS, "Office hours", calendar);
    calendars
}

fn explained(record: &TicketRecord, definition: &SlaDefinition, calendars: &Calendars, now: &str) -> Explanation {
    explain(record, definition, calendars, at(now)).expect("the definition applies")
}

/// (from, to, kind) of every piece of the timeline, for comparing with a table.
fn pieces(e: &Explanation) -> Vec<(Timestamp, Timestamp, SegmentKind)> {
    e.timeline.segments.iter().map(|s| (s.from, s.to, s.kind.clone())).collect()
}

fn skipped(reason: SkipReason) -> SegmentKind {
    SegmentKind::Skipped(reason)
}

/// Fails, showing the whole explanation, unless one of its sentences contains `words`.
fn says(e: &Explanation, words: &str) {
    let sentences = e.sentences();
    assert!(sentences.iter().any(|s| s.contains(words)), "missing {words:?} in:\n{}", sentences.join("\n"));
}

#[test]
fn the_worked_example_explained_friday_night_and_the_weekend_skipped() {
    let record = History::opened("2026-01-09T21:00:00Z", 2).to("2026-01-09T21:05:00Z", IncidentState::InProgress, None).record();
    let e = explained(&record, &sla(4), &default_calendars(), "2026-01-12T09:30:00Z");
    assert_eq!((e.timer.business_elapsed_minutes, e.timer.wall_elapsed_minutes), (90, 60 * 60 + 30));
    assert_eq!(e.timer.percent.round(), 19.0);
    assert_eq!(
        pieces(&e),
        [
            (at("2026-01-09T21:00:00Z"), at("2026-01-10T00:00:00Z"), skipped(SkipReason::OutsideHours)),
            (at("2026-01-10T00:00:00Z"), at("2026-01-12T00:00:00Z"), skipped(SkipReason::Weekend)),
            (at("2026-01-12T00:00:00Z"), at("2026-01-12T08:00:00Z"), skipped(SkipReason::OutsideHours)),
            (at("2026-01-12T08:00:00Z"), at("2026-01-12T09:30:00Z"), SegmentKind::Counted),
        ]
    );
    assert_eq!(e.timeline.counted(), TimeDelta::minutes(90));

    assert_eq!(e.attachment.conditions, [Condition::Kind(TicketKind::Incident), Condition::Priority { value: 2, covered: [2].into() }]);
    assert!(e.attachment.trigger.is_empty() && !e.attachment.retroactive);
    assert_eq!(e.ending, Ending::Running { paused: false });
    assert_eq!(
        e.arithmetic[0],
        Step::OriginalDue {
            start: at("2026-01-09T21:00:00Z"),
            counting_from: at("2026-01-12T08:00:00Z"),
            target_minutes: 480,
            calendar: "Office hours".into(),
            original_due: at("2026-01-12T16:00:00Z"),
        }
    );
    assert_eq!(e.arithmetic[3], Step::TimeLeft { minutes: 390, stopped: false });

    let text = e.sentences().join("\n");
    for expected in [
        "\"P2 resolution (8 h)\" attached when the ticket was logged, Fri 9 Jan 2026 21:00 GMT, because it is an incident; its priority 2 is one the definition covers (2).",
        "Fri 9 Jan 2026 21:00 GMT → Sat 10 Jan 2026 00:00 GMT (3 h): not counted, outside opening hours",
        "Sat 10 Jan 2026 00:00 GMT → Mon 12 Jan 2026 00:00 GMT (48 h): not counted, closed all day (weekend)",
        "Mon 12 Jan 2026 08:00 GMT → 09:30 GMT (1 h 30 min): counted",
        "Start Fri 9 Jan 2026 21:00 GMT (the calendar was closed then, so counting began at Mon 12 Jan 2026 08:00 GMT) + target 8 h of business time on the \"Office hours\" calendar = original due Mon 12 Jan 2026 16:00 GMT.",
        "No pause came before the due time, so the due time stays Mon 12 Jan 2026 16:00 GMT.",
        "Business time elapsed 1 h 30 min / target 8 h = 18.75 % (real time elapsed, pauses excluded: 60 h 30 min).",
        "Time left: 6 h 30 min of business time.",
        "Not breached yet: the target must be met by Mon 12 Jan 2026 16:00 GMT.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_holiday_is_skipped_by_name_and_moves_the_due_time() {
    let calendars = office_hours(
        r#"{"tz":"Europe/London","week":{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]]},"holidays":[{"date":"2026-01-12","name":"Founders' Day"}]}"#,
    );
    let record = History::opened("2026-01-09T16:00:00Z", 2).record();
    let e = explained(&record, &sla(4), &calendars, "2026-01-13T10:00:00Z");
    let holiday = SkipReason::Holiday { date: chrono::NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(), label: "Founders' Day".into() };
    assert_eq!(
        pieces(&e),
        [
            (at("2026-01-09T16:00:00Z"), at("2026-01-09T17:00:00Z"), SegmentKind::Counted),
            (at("2026-01-09T17:00:00Z"), at("2026-01-10T00:00:00Z"), skipped(SkipReason::OutsideHours)),
            (at("2026-01-10T00:00:00Z"), at("2026-01-12T00:00:00Z"), skipped(SkipReason::Weekend)),
            (at("2026-01-12T00:00:00Z"), at("2026-01-13T00:00:00Z"), skipped(holiday)),
            (at("2026-01-13T00:00:00Z"), at("2026-01-13T08:00:00Z"), skipped(SkipReason::OutsideHours)),
            (at("2026-01-13T08:00:00Z"), at("2026-01-13T10:00:00Z"), SegmentKind::Counted),
        ]
    );
    assert_eq!((e.timer.business_elapsed_minutes, e.timer.due), (180, at("2026-01-13T15:00:00Z")));
    says(&e, "not counted, holiday on 2026-01-12: Founders' Day");
    says(&e, "= original due Tue 13 Jan 2026 15:00 GMT.");
}

#[test]
fn a_lunch_break_is_skipped_between_two_opening_intervals() {
    let day = r#"[["09:00","12:00"],["13:00","17:00"]]"#;
    let calendars = office_hours(&format!(
        r#"{{"tz":"UTC","week":{{"mon":{day},"tue":{day},"wed":{day},"thu":{day},"fri":{day}}}}}"#
    ));
    let record = History::opened("2026-01-12T11:00:00Z", 2).to("2026-01-12T11:30:00Z", IncidentState::InProgress, None).record();
    let e = explained(&record, &sla(4), &calendars, "2026-01-12T14:00:00Z");
    assert_eq!(
        pieces(&e),
        [
            (at("2026-01-12T11:00:00Z"), at("2026-01-12T12:00:00Z"), SegmentKind::Counted),
            (at("2026-01-12T12:00:00Z"), at("2026-01-12T13:00:00Z"), skipped(SkipReason::LunchBreak)),
            (at("2026-01-12T13:00:00Z"), at("2026-01-12T14:00:00Z"), SegmentKind::Counted),
        ]
    );
    assert_eq!((e.timer.business_elapsed_minutes, e.timer.wall_elapsed_minutes), (120, 180));
    says(&e, "Mon 12 Jan 2026 12:00 UTC → 13:00 UTC (1 h): not counted, break between two opening intervals (lunch)");
}

#[test]
fn a_pause_over_a_night_is_one_piece_and_moves_the_due_time_by_its_business_hours() {
    let record = History::opened("2026-01-12T09:00:00Z", 2)
        .to("2026-01-12T09:10:00Z", IncidentState::InProgress, None)
        .to("2026-01-12T16:00:00Z", IncidentState::OnHold, Some(HoldReason::AwaitingVendor))
        .to("2026-01-13T10:00:00Z", IncidentState::InProgress, None)
        .record();
    let e = explained(&record, &sla(4), &default_calendars(), "2026-01-13T10:30:00Z");
    let paused = SegmentKind::Paused { state: IncidentState::OnHold, hold_reason: Some(HoldReason::AwaitingVendor) };
    assert_eq!(
        pieces(&e),
        [
            (at("2026-01-12T09:00:00Z"), at("2026-01-12T16:00:00Z"), SegmentKind::Counted),
            (at("2026-01-12T16:00:00Z"), at("2026-01-13T10:00:00Z"), paused),
            (at("2026-01-13T10:00:00Z"), at("2026-01-13T10:30:00Z"), SegmentKind::Counted),
        ]
    );
    assert_eq!(e.timeline.segments[1].business, TimeDelta::hours(3));
    assert_eq!(e.timeline.counted(), TimeDelta::minutes(450));
    assert_eq!(
        e.arithmetic[1],
        Step::Due { original_due: at("2026-01-12T17:00:00Z"), paused_business_minutes: 180, due: at("2026-01-13T11:00:00Z") }
    );
    says(&e, "(18 h): paused while On Hold (Awaiting Vendor); 3 h of it fell in opening hours and did not count");
    says(&e, "Original due Mon 12 Jan 2026 17:00 GMT + 3 h of business time spent paused = due Tue 13 Jan 2026 11:00 GMT.");

    // Read during the pause: the ending says the clock is paused, the pause runs to "now".
    let during = explained(&record, &sla(4), &default_calendars(), "2026-01-13T09:00:00Z");
    assert_eq!(during.ending, Ending::Running { paused: true });
    assert_eq!(during.timeline.segments.last().map(|s| s.to), Some(at("2026-01-13T09:00:00Z")));
    says(&during, "The clock is paused now");
}

#[test]
fn daylight_saving_shortens_the_weekend_and_shows_summer_time() {
    // London springs forward on Sunday 29 March 2026: Monday opens at 08:00 BST = 07:00 UTC.
    let record = History::opened("2026-03-27T16:00:00Z", 2).record();
    let e = explained(&record, &sla(4), &default_calendars(), "2026-03-30T08:00:00Z");
    assert_eq!(
        pieces(&e),
        [
            (at("2026-03-27T16:00:00Z"), at("2026-03-27T17:00:00Z"), SegmentKind::Counted),
            (at("2026-03-27T17:00:00Z"), at("2026-03-28T00:00:00Z"), skipped(SkipReason::OutsideHours)),
            (at("2026-03-28T00:00:00Z"), at("2026-03-29T23:00:00Z"), skipped(SkipReason::Weekend)),
            (at("2026-03-29T23:00:00Z"), at("2026-03-30T07:00:00Z"), skipped(SkipReason::OutsideHours)),
            (at("2026-03-30T07:00:00Z"), at("2026-03-30T08:00:00Z"), SegmentKind::Counted),
        ]
    );
    assert_eq!(e.timeline.segments[2].wall(), TimeDelta::hours(47), "the weekend lost an hour");
    assert_eq!((e.timer.business_elapsed_minutes, e.timer.wall_elapsed_minutes), (120, 64 * 60));
    says(&e, "Sat 28 Mar 2026 00:00 GMT → Mon 30 Mar 2026 00:00 BST (47 h): not counted, closed all day (weekend)");
    says(&e, "Mon 30 Mar 2026 08:00 BST → 09:00 BST (1 h): counted");

    // On 24x7 the night of the change counts the 3 real hours that passed between 00:30 GMT and 04:30 BST.
    let p1 = History::opened("2026-03-29T00:30:00Z", 1).record();
    let e = explained(&p1, &sla(2), &default_calendars(), "2026-03-29T03:30:00Z");
    assert_eq!(pieces(&e), [(at("2026-03-29T00:30:00Z"), at("2026-03-29T03:30:00Z"), SegmentKind::Counted)]);
    says(&e, "Sun 29 Mar 2026 00:30 GMT → 04:30 BST (3 h): counted");
}

#[test]
fn a_raised_priority_cancels_one_timer_and_attaches_another_retroactively() {
    let record = History::opened("2026-01-12T09:00:00Z", 3)
        .to("2026-01-12T09:05:00Z", IncidentState::InProgress, None)
        .priority("2026-01-12T10:00:00Z", 3, 1)
        .record();
    let now = "2026-01-12T12:00:00Z";
    let p3 = explained(&record, &sla(6), &default_calendars(), now);
    let cancelled = Ending::Cancelled {
        at: at("2026-01-12T10:00:00Z"),
        reason: CancelReason::StoppedMatching(vec![FactChange::Priority { from: 3, to: 1 }]),
    };
    assert_eq!(p3.ending, cancelled);
    assert_eq!(p3.timeline.to, at("2026-01-12T10:00:00Z"));
    says(&p3, "when the ticket stopped meeting the definition's conditions (priority 3 → 1)");
    says(&p3, "Cancelled at Mon 12 Jan 2026 10:00 GMT");

    let p1 = explained(&record, &sla(2), &default_calendars(), now);
    assert_eq!(p1.attachment.trigger, [FactChange::Priority { from: 3, to: 1 }]);
    assert!(p1.attachment.retroactive);
    assert_eq!(p1.attachment.start, at("2026-01-12T09:00:00Z"));
    says(&p1, "attached at Mon 12 Jan 2026 10:00 GMT, when this changed: priority 3 → 1");
    says(&p1, "(retroactive start), as if it had applied all along; 1 h of business time was already used");
    // The P1 response target never attached: the ticket had left New before it became P1.
    assert_eq!(explain(&record, &sla(1), &default_calendars(), at(now)), None);
}

#[test]
fn a_canceled_incident_says_which_state_cancelled_the_timer_and_a_met_one_which_state_met_it() {
    let record = History::opened("2026-03-02T10:00:00Z", 2)
        .to("2026-03-02T10:20:00Z", IncidentState::InProgress, None)
        .to("2026-03-02T12:00:00Z", IncidentState::Canceled, None)
        .record();
    let e = explained(&record, &sla(4), &default_calendars(), "2026-03-05T12:00:00Z");
    assert_eq!(e.ending, Ending::Cancelled { at: at("2026-03-02T12:00:00Z"), reason: CancelReason::State(IncidentState::Canceled) });
    says(&e, "cancelled at Mon 2 Mar 2026 12:00 GMT, when the ticket reached Canceled");
    let response = explained(&record, &sla(3), &default_calendars(), "2026-03-05T12:00:00Z");
    assert_eq!(response.ending, Ending::Met { at: at("2026-03-02T10:20:00Z"), state: IncidentState::InProgress });
    assert_eq!(response.timer.stage, Stage::Achieved);
    says(&response, "Achieved: met at Mon 2 Mar 2026 10:20 GMT, by the due time Mon 2 Mar 2026 10:30 GMT.");
}

#[test]
fn a_ticket_open_for_a_year_is_summed_up_in_a_few_rows() {
    let record = History::opened("2025-03-03T09:00:00Z", 4).to("2025-03-03T09:30:00Z", IncidentState::InProgress, None).record();
    let e = explained(&record, &sla(8), &default_calendars(), "2026-03-02T12:00:00Z");
    assert!(e.timeline.segments.len() > 500, "{} pieces", e.timeline.segments.len());
    let rows = e.timeline.rows(24);
    assert_eq!(rows.len(), 24);
    let Row::Summary(summary) = &rows[11] else { panic!("the middle row sums up the rest: {:?}", rows[11]) };
    assert_eq!(summary.segments, e.timeline.segments.len() - 23);
    let shown: TimeDelta = rows.iter().filter_map(|r| match r {
        Row::Segment(s) if s.is_counted() => Some(s.wall()),
        _ => None,
    }).sum();
    assert_eq!(shown + summary.counted, e.timeline.counted());
    assert!(summary.nights > 200 && summary.weekends > 40, "{summary:?}");
    assert!(e.sentences().len() < 40);
    says(&e, "pieces in brief:");
    assert_eq!(e.timer.stage, Stage::Breached);
    says(&e, "Breached at ");
}

#[test]
fn the_explained_timer_is_the_replayed_timer() {
    let record = History::opened("2026-01-09T21:00:00Z", 2).to("2026-01-09T21:05:00Z", IncidentState::OnHold, Some(HoldReason::AwaitingCaller)).record();
    let now = at("2026-01-14T09:30:00Z");
    for timer in timers(&record, &default_slas(), &default_calendars(), now) {
        let definition = sla(timer.definition.0);
        let e = explain(&record, &definition, &default_calendars(), now).expect("an explanation for every timer");
        assert_eq!(e.timer, timer);
    }
}

#[test]
fn an_ola_for_one_group_attaches_on_assignment_and_is_cancelled_when_the_ticket_moves_on() {
    let mut ola = sla(4);
    (ola.id, ola.name, ola.kind, ola.conditions.group) = (SlaId(20), "Network team OLA".into(), AgreementKind::Ola, Some(GroupId(3)));
    let record = History::opened("2026-01-12T09:00:00Z", 2)
        .assign("2026-01-12T09:10:00Z", None, 3)
        .to("2026-01-12T09:10:00Z", IncidentState::InProgress, None)
        .assign("2026-01-12T11:00:00Z", Some(3), 4)
        .record();
    let e = explained(&record, &ola, &default_calendars(), "2026-01-12T12:00:00Z");
    assert_eq!(e.attachment.trigger, [FactChange::Group { from: None, to: Some(GroupId(3)) }]);
    assert!(e.attachment.conditions.contains(&Condition::Group(GroupId(3))));
    assert_eq!((e.attachment.start, e.attachment.retroactive), (at("2026-01-12T09:00:00Z"), true));
    let moved = CancelReason::StoppedMatching(vec![FactChange::Group { from: Some(GroupId(3)), to: Some(GroupId(4)) }]);
    assert_eq!(e.ending, Ending::Cancelled { at: at("2026-01-12T11:00:00Z"), reason: moved });
    says(&e, "when this changed: assignment group none → group#3, because it is an incident; its priority 2 is one the definition covers (2); it is assigned to group#3.");
    says(&e, "stopped meeting the definition's conditions (assignment group group#3 → group#4)");
    assert_eq!(e.timer.business_elapsed_minutes, 120);

    // With a workspace, groups and priorities are named as people see them.
    let mut ws = servicelab::domain::Workspace::new("Harbour", at("2026-01-01T00:00:00Z"));
    for name in ["Service Desk", "Applications", "Network", "Facilities"] {
        ws.add_group(name, &[], None).expect("a group with no members yet");
    }
    let named = e.sentences_in(&ws).join("\n");
    assert!(named.contains("its priority 2 - High is one the definition covers (2 - High); it is assigned to Network."), "{named}");
    assert!(named.contains("(assignment group Network → Facilities)"), "{named}");
}
