#![cfg(not(target_arch = "wasm32"))]
//! Property: lists filtered or sorted by SLA lines, kept up to date as the
//! clock moves in small steps (seconds to hours) and tickets change, equal a
//! fresh [`Query::run`] at every step, including when the clock is read
//! back in time and when the SLA settings change; and a minute in which no
//! timer crosses anything costs the kept rows no fresh run.

use chrono::Duration;
use proptest::prelude::*;
use servicelab::domain::query::{BuiltinView, Column, Query, QueryRows, SlaFilter, Sort};
use servicelab::domain::sla::Stage;
use servicelab::domain::*;

#[path = "common/commands.rs"]
mod commands;
use commands::{World, command, world};

/// Every question about SLA lines the list can ask.
fn sla_queries() -> Vec<Query> {
    let mut all = vec![BuiltinView::BreachingSoon.query(), BuiltinView::SlaBreached.query()];
    for column in [Column::SlaStage, Column::SlaDue, Column::SlaTimeLeft] {
        for descending in [false, true] {
            all.push(Query { sort: Sort { column, descending }, ..Query::default() });
        }
    }
    all.push(Query { sla: Some(SlaFilter::BreachingSoon), sort: Sort { column: Column::Priority, descending: false }, ..Query::default() });
    all.push(Query { sla: Some(SlaFilter::Breached), text: "note".into(), ..Query::default() });
    all
}

/// A few dozen incidents at every priority, some in progress, and with
/// `holds` every third of them on hold.
fn busy_world(holds: bool) -> World {
    let mut w = world();
    let t = w.ws.clock().now;
    for n in 0..30u8 {
        let at = t + Duration::minutes(i64::from(n) * 7);
        let cmd = command(&w, 0, n, n.wrapping_mul(7), n);
        let _ = w.ws.apply(cmd, w.people[3], at);
        // The new ticket to In progress (b = 1), then every third on hold (b = 2).
        for b in [1u8, 2].into_iter().take(if holds && n % 3 == 0 { 2 } else { 1 }) {
            let cmd = command(&w, 4, n, b, 1);
            let _ = w.ws.apply(cmd, w.people[1], at + Duration::minutes(1));
        }
    }
    w
}

/// The SLA settings with every target halved (and at least a minute).
fn tighter(ws: &Workspace) -> Command {
    let slas = ws
        .slas()
        .iter()
        .cloned()
        .map(|mut d| {
            d.target_minutes = (d.target_minutes / 2).max(1);
            d
        })
        .collect();
    Command::SetSlaConfig { calendars: ws.calendars().clone(), slas }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn sla_rows_follow_the_clock_exactly(
        steps in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), 0u32..20_000), 1..40),
    ) {
        let mut w = busy_world(true);
        let actor = w.people[1];
        let queries = sla_queries();
        let mut t = w.ws.clock().now + Duration::hours(1);
        let mut kept: Vec<QueryRows> = queries.iter().map(|q| QueryRows::new(q, &w.ws, actor, t)).collect();
        for (kind, a, b, c, seconds) in steps {
            // Mostly small moves of the clock; sometimes an edit, a change of SLA settings, or a look back.
            t += Duration::seconds(i64::from(seconds % 4 * 59 + seconds / 7));
            w.ws.advance_clock(t);
            let asked_at = match kind % 16 {
                0..=4 => {
                    let cmd = command(&w, kind.wrapping_mul(3), a, b, c);
                    let _ = w.ws.apply(cmd, w.people[usize::from(b) % w.people.len()], t);
                    t
                }
                5 => {
                    let cmd = tighter(&w.ws);
                    w.ws.apply(cmd, w.people[3], t).expect("an admin may change the SLA settings");
                    t
                }
                6 => t - Duration::minutes(i64::from(a)),
                // Ahead of the workspace's clock: crossings not yet notified, nor settled.
                7 | 8 => t + Duration::seconds(i64::from(a) * 97),
                _ => t,
            };
            for (query, rows) in queries.iter().zip(kept.iter_mut()) {
                rows.refresh(query, &w.ws, actor, asked_at);
                prop_assert_eq!(rows.ids(), query.run(&w.ws, actor, asked_at), "{:?} at {}", query, asked_at);
            }
        }
    }
}

/// Between two crossings nothing in a "Breaching soon" list can move, so
/// bringing it up to date a minute later runs nothing afresh (`refresh`
/// says the rows did not change); once a timer crosses, its row is placed.
#[test]
fn a_quiet_minute_leaves_the_rows_alone() {
    let mut w = busy_world(false);
    let actor = w.people[1];
    let query = BuiltinView::BreachingSoon.query();
    let mut t = w.ws.clock().now;
    let mut rows = QueryRows::new(&query, &w.ws, actor, t);
    let (mut quiet, mut moved) = (0, 0);
    // Three days, minute by minute, as a list open on a running clock sees them.
    for _ in 0..3 * 24 * 60 {
        t += Duration::minutes(1);
        // Asked before the clock moves: moving it settles the crossings it passes.
        let crossed = w.ws.sla_board().changes_between(t - Duration::minutes(1), t).count() > 0;
        w.ws.advance_clock(t);
        let changed = rows.refresh(&query, &w.ws, actor, t);
        assert_eq!(rows.ids(), query.run(&w.ws, actor, t), "at {t}");
        if changed { moved += 1 } else { quiet += 1 }
        if !crossed && w.ws.tickets().iter().all(|r| r.last_event_at().is_none_or(|last| last < t - Duration::minutes(1))) {
            // No crossing and no event in the minute: only paused timers could move a row.
            let paused = w.ws.incidents().any(|i| {
                w.ws.sla_board().timers(i.id, t).iter().any(|timer| timer.stage == Stage::Paused)
            });
            if !paused {
                assert!(!changed, "a quiet minute at {t} ran the query afresh");
            }
        }
    }
    assert!(quiet > 1000, "most minutes are quiet ({quiet} quiet, {moved} not)");
    assert!(moved > 0, "some timers crossed a threshold or their due time in three days");
}

/// What `QueryRows` counts on for "SLA breached" sorted by due time: a
/// timer paused after its breach keeps its due time as the clock runs,
/// while one paused in time has its due time slide.
#[test]
fn a_timer_paused_after_its_breach_keeps_its_due_time() {
    let mut w = busy_world(false);
    let t0 = w.ws.clock().now;
    let on_hold = |id: TicketId| Command::Transition {
        id,
        to: IncidentState::OnHold,
        hold_reason: Some(HoldReason::ALL[1]),
        resolution_code: None,
        resolution_notes: String::new(),
    };
    // Ticket 1 breaches first, then is put on hold; ticket 2 goes on hold at once.
    let late = t0 + Duration::days(10);
    w.ws.advance_clock(late);
    let due_of = |w: &World, id: u32, at| w.ws.sla_board().summary(TicketId(id), at).map(|s| (s.stage, s.due));
    let (stage, breached_due) = due_of(&w, 1, late).expect("ticket 1 has a timer");
    assert_eq!(stage, Stage::Breached);
    w.ws.apply(on_hold(TicketId(1)), w.people[1], late).unwrap();
    let mut w2 = busy_world(false);
    w2.ws.apply(on_hold(TicketId(2)), w2.people[1], t0 + Duration::minutes(20)).unwrap();
    for hours in [1, 5, 30] {
        let at = late + Duration::hours(hours);
        assert_eq!(due_of(&w, 1, at).map(|(_, due)| due), Some(breached_due), "paused after its breach, {hours} h on");
        if hours > 24 {
            continue;
        }
        // Thursday to Friday: a working day passes on any calendar.
        let (a, b) = (due_of(&w2, 2, at), due_of(&w2, 2, at + Duration::days(1)));
        assert_eq!(a.map(|(stage, _)| stage), Some(Stage::Paused));
        assert_ne!(a.map(|(_, due)| due), b.map(|(_, due)| due), "paused in time, its due time slides");
    }
    let query = BuiltinView::SlaBreached.query();
    let mut rows = QueryRows::new(&query, &w.ws, w.people[1], late);
    for minutes in (0..600).step_by(7) {
        let at = late + Duration::minutes(minutes);
        rows.refresh(&query, &w.ws, w.people[1], at);
        assert_eq!(rows.ids(), query.run(&w.ws, w.people[1], at));
    }
}
