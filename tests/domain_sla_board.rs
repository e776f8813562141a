#![cfg(not(target_arch = "wasm32"))]
//! The SLA board against a fresh replay: for random histories, policies and
//! any "now" after the last event, its timers and list figures are exactly
//! what `sla::timers` replays, and its index of crossings lists every
//! threshold and breach the clock passes, at the instant it shows.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use servicelab::domain::event::{Change, Event};
use servicelab::domain::sla::{
    CrossingKind, Metric, PauseCondition, ReopenPolicy, SlaBoard, SlaDefinition, Stage, TicketSla, Timer, default_calendars, default_slas, timers,
};
use servicelab::domain::{HoldReason, IncidentState, PersonId, TicketRecord, Timestamp};

#[path = "common/sla_history.rs"]
mod sla_history;
use sla_history::{Step, history};

fn step() -> impl Strategy<Value = Step> {
    sla_history::step(2 * 24 * 60, 0.15)
}

fn definitions(policy: usize, odd_thresholds: bool) -> Vec<SlaDefinition> {
    let mut slas = default_slas();
    for sla in &mut slas {
        sla.reopen = ReopenPolicy::ALL[policy];
        if odd_thresholds {
            sla.thresholds = vec![33, 50, 99, 100, 150];
        }
    }
    slas
}

fn arbitrary() -> impl Strategy<Value = (TicketRecord, usize, bool)> {
    with_steps(0..10)
}

/// Short histories, most of them still open: timers running towards their thresholds.
fn active() -> impl Strategy<Value = (TicketRecord, usize, bool)> {
    with_steps(0..3)
}

fn with_steps(steps: std::ops::Range<usize>) -> impl Strategy<Value = (TicketRecord, usize, bool)> {
    (0i64..365 * 24 * 60, 1u8..=4, prop::collection::vec(step(), steps), 0..ReopenPolicy::ALL.len(), any::<bool>()).prop_map(
        |(offset, priority, steps, policy, odd)| {
            let opened = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap() + TimeDelta::minutes(offset);
            (history(opened, priority, &steps).0, policy, odd)
        },
    )
}

/// Running, paused, met, cancelled; then the earliest due time.
fn most_urgent(found: &[Timer]) -> Option<&Timer> {
    let class = |t: &Timer| match (t.cancelled_at, t.achieved_at) {
        (Some(_), _) => 3,
        (None, Some(_)) => 2,
        _ if t.pauses.last().is_some_and(|p| p.to.is_none()) => 1,
        _ => 0,
    };
    found.iter().min_by_key(|t| (class(t), t.due))
}

fn shows(found: &[Timer], definition: servicelab::domain::sla::SlaId, cycle: u32, kind: CrossingKind) -> bool {
    found.iter().filter(|t| t.definition == definition && t.cycle == cycle).any(|t| match kind {
        CrossingKind::Threshold(p) => t.thresholds.iter().any(|c| c.percent == p),
        CrossingKind::Breach => t.stage == Stage::Breached,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_board_reads_what_a_fresh_replay_gives_at_any_later_now(
        (record, policy, odd) in arbitrary(), later in prop::collection::vec(0i64..6 * 24 * 3600, 1..4),
    ) {
        let (slas, calendars) = (definitions(policy, odd), default_calendars());
        let board = SlaBoard::build(std::slice::from_ref(&record), &slas, &calendars);
        let last = record.last_event_at().unwrap();
        for seconds in later {
            let now = last + TimeDelta::seconds(seconds);
            let fresh = timers(&record, &slas, &calendars, now);
            prop_assert_eq!(&board.timers(record.id, now), &fresh);
            let summary = board.summary(record.id, now);
            let expected = most_urgent(&fresh);
            prop_assert_eq!(summary.is_some(), expected.is_some());
            if let (Some(s), Some(t)) = (summary, expected) {
                prop_assert_eq!((s.definition, s.stage, s.percent, s.time_left_minutes, s.due), (t.definition, t.stage, t.percent, t.time_left_minutes, t.due));
            }
            let line = TicketSla::of(&fresh, &slas);
            prop_assert_eq!(board.ticket_sla(record.id, now), line);
            prop_assert_eq!(board.standing(record.id, now), line.map(|l| l.standing()));
        }
    }

    #[test]
    fn the_index_lists_each_crossing_at_the_instant_the_timer_shows_it(
        (record, policy, odd) in arbitrary(), seconds in 0i64..10 * 24 * 3600,
    ) {
        let (slas, calendars) = (definitions(policy, odd), default_calendars());
        let board = SlaBoard::build(std::slice::from_ref(&record), &slas, &calendars);
        let last = record.last_event_at().unwrap();
        let now = last + TimeDelta::seconds(seconds);
        let crossings: Vec<_> = board.changes_between(last, now).copied().collect();
        prop_assert!(crossings.windows(2).all(|w| w[0].at <= w[1].at));
        for c in &crossings {
            prop_assert!(c.at > last && c.at <= now);
            let after = match c.kind {
                CrossingKind::Threshold(_) => c.at,
                CrossingKind::Breach => c.at + TimeDelta::seconds(1),
            };
            prop_assert!(shows(&timers(&record, &slas, &calendars, after), c.definition, c.cycle, c.kind), "{c:?} not shown at {after}");
            let before = c.at - TimeDelta::nanoseconds(1);
            if before >= last && matches!(c.kind, CrossingKind::Threshold(_)) {
                prop_assert!(!shows(&timers(&record, &slas, &calendars, before), c.definition, c.cycle, c.kind), "{c:?} shown before");
            }
        }
        // Every threshold shown at `now` and not at the last event is listed.
        let (then, at_now) = (timers(&record, &slas, &calendars, last), timers(&record, &slas, &calendars, now));
        for timer in &at_now {
            for c in &timer.thresholds {
                let kind = CrossingKind::Threshold(c.percent);
                if !shows(&then, timer.definition, timer.cycle, kind) {
                    prop_assert!(crossings.iter().any(|x| x.definition == timer.definition && x.kind == kind), "{:?} {} % missing", timer.definition, c.percent);
                }
            }
        }
    }

    /// The list's line around every instant a timer crosses a threshold or
    /// its due time, where the band changes and the recorded crossings
    /// decide it: the board's short way gives what the full timers give.
    #[test]
    fn the_board_s_line_is_the_full_timers_line_around_each_crossing(
        (record, policy, odd) in active(), offsets in prop::collection::vec(-90i64..90, 0..4), target in 1u64..600,
        mixed_pauses in any::<bool>(),
    ) {
        // Odd targets put a threshold's share of the target between two
        // whole seconds: at the second it is recorded the rounded percentage
        // is a hundredth under it, and only the recorded crossing tells.
        let mut slas = definitions(policy, odd);
        slas.iter_mut().for_each(|sla| sla.target_minutes = target);
        if mixed_pauses {
            // One timer of a ticket paused (breached or not) while another
            // runs: each response becomes a second resolution target, twice
            // as long and never paused (an underpinning contract's, say).
            for sla in slas.iter_mut().step_by(2) {
                sla.metric = Metric::Resolution;
                sla.pause = PauseCondition::never();
                sla.target_minutes = target * 2;
            }
        }
        let calendars = default_calendars();
        let board = SlaBoard::build(std::slice::from_ref(&record), &slas, &calendars);
        let last = record.last_event_at().unwrap();
        for c in board.changes_between(last, last + TimeDelta::days(60)) {
            for offset in [0, -1, 1].into_iter().chain(offsets.iter().copied()) {
                let now = (c.at + TimeDelta::seconds(offset)).max(last);
                let fresh = timers(&record, &slas, &calendars, now);
                let line = TicketSla::of(&fresh, &slas);
                prop_assert_eq!(board.ticket_sla(record.id, now), line, "{:?} at {}", c, now);
                prop_assert_eq!(board.standing(record.id, now), line.map(|l| l.standing()), "{:?} at {}", c, now);
            }
        }
    }
}

#[test]
fn refreshing_a_ticket_moves_its_crossings_in_the_index() {
    let opened = DateTime::<Utc>::from_timestamp(1_772_445_600, 0).unwrap(); // Monday 2026-03-02 10:00 UTC
    let mut record = history(opened, 1, &[]).0;
    let (slas, calendars) = (default_slas(), default_calendars());
    let mut board = SlaBoard::build(std::slice::from_ref(&record), &slas, &calendars);
    let ahead: Vec<_> = board.changes_between(opened, opened + TimeDelta::days(1)).map(|c| (c.definition.0, c.kind, c.at - opened)).collect();
    let minutes = |m: i64| TimeDelta::minutes(m);
    let expected = vec![
        (1, CrossingKind::Threshold(50), TimeDelta::seconds(450)),
        (1, CrossingKind::Threshold(75), TimeDelta::seconds(675)),
        (1, CrossingKind::Threshold(100), minutes(15)),
        (1, CrossingKind::Breach, minutes(15)),
        (2, CrossingKind::Threshold(50), minutes(120)),
        (2, CrossingKind::Threshold(75), minutes(180)),
        (2, CrossingKind::Threshold(100), minutes(240)),
        (2, CrossingKind::Breach, minutes(240)),
    ];
    assert_eq!(ahead, expected);
    // Put on hold after 10 minutes: the response is met, the resolution stands still.
    let to = IncidentState::OnHold;
    let change = Change::StateChanged { from: IncidentState::New, to, hold_reason: Some(HoldReason::AwaitingCaller), resolution: None };
    record.events.push(Event { at: opened + minutes(10), actor: PersonId(2), change });
    board.refresh(&record);
    assert_eq!(board.pending_crossings(), 0);
    let summary = board.summary(record.id, opened + TimeDelta::hours(5)).unwrap();
    assert_eq!((summary.stage, summary.percent), (Stage::Paused, 4.17));
    assert_eq!(summary.due, opened + TimeDelta::hours(5) + minutes(230), "the due time slides while paused");
}

#[test]
fn the_workspace_keeps_its_board_in_step_with_history_and_json() {
    use servicelab::domain::demo::demo_workspace;
    use servicelab::domain::{Command, Workspace};
    let now = DateTime::<Utc>::from_timestamp(1_772_452_800, 0).unwrap();
    let mut ws = demo_workspace(now);
    let check = |ws: &Workspace, at: Timestamp| {
        for record in ws.tickets() {
            assert_eq!(ws.sla_board().timers(record.id, at), timers(record, ws.slas(), ws.calendars(), at), "{}", record.number);
        }
    };
    check(&ws, now + TimeDelta::hours(2));
    let open = ws.incidents().find(|i| i.state == IncidentState::InProgress).map(|i| i.id).unwrap();
    let agent = ws.people().iter().find(|p| p.is_admin()).unwrap().id;
    let later = now + TimeDelta::minutes(30);
    let hold = Command::Transition {
        id: open,
        to: IncidentState::OnHold,
        hold_reason: Some(HoldReason::AwaitingVendor),
        resolution_code: None,
        resolution_notes: String::new(),
    };
    ws.advance_clock(later);
    ws.apply(hold, agent, later).unwrap();
    check(&ws, later + TimeDelta::hours(3));
    let mut slas = ws.slas().to_vec();
    slas[1].target_minutes = 60;
    let admin = ws.people().iter().find(|p| p.is_admin()).unwrap().id;
    ws.apply(Command::SetSlaConfig { calendars: ws.calendars().clone(), slas }, admin, later).unwrap();
    check(&ws, later + TimeDelta::hours(3));
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back, ws, "the board rebuilt from JSON is the board kept in step");
}
