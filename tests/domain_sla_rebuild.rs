//! Saving SLA definitions with a board built beforehand in steps
//! (`BoardRebuild`, `Workspace::apply_with_board`), as the page does on a
//! large workspace, leaves exactly the workspace a plain `apply` leaves:
//! the same data and the same board, for random workspaces, random
//! configurations, random step sizes, and time passing (auto-closes,
//! notifications) while the board is being built. And a save keeps the
//! timers it cannot change, leaving the board a reload builds from scratch.

#[path = "common/generated.rs"]
mod generated;

use chrono::TimeDelta;
use generated::{base_now, workspace};
use proptest::prelude::*;
use servicelab::domain::calendar::{BusinessCalendar, Holiday, HolidayDate};
use servicelab::domain::sla::{BoardRebuild, Calendars, NamedCalendar, SlaBoard, SlaDefinition, SlaId};
use servicelab::domain::{Command, FieldEdit, PersonId, Workspace};

fn admin(ws: &Workspace) -> PersonId {
    ws.people().iter().find(|p| p.is_admin()).expect("the demo has an admin").id
}

/// The workspace's definitions with targets scaled and perhaps one dropped.
fn config(ws: &Workspace, scale: &[u64], drop: Option<usize>) -> (Calendars, Vec<SlaDefinition>) {
    let mut slas = ws.slas().to_vec();
    for (sla, percent) in slas.iter_mut().zip(scale) {
        sla.target_minutes = (sla.target_minutes * percent / 100).max(1);
    }
    if let Some(at) = drop {
        let n = slas.len();
        slas.remove(at % n);
    }
    (ws.calendars().clone(), slas)
}

fn save(calendars: &Calendars, slas: &[SlaDefinition]) -> Command {
    Command::SetSlaConfig { calendars: calendars.clone(), slas: slas.to_vec() }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn a_save_with_a_board_built_in_steps_equals_a_plain_save(
        extra in 0usize..60,
        seed in 0u64..1000,
        scale in prop::collection::vec(prop::sample::select(vec![100u64, 50, 150, 10]), 0..12),
        drop in prop::option::weighted(0.3, 0usize..12),
        sizes in prop::collection::vec(1usize..40, 1..5),
        pause_after in 0usize..6,
        hours in 0i64..100,
        pick in 0usize..30,
        other_config in any::<bool>(),
    ) {
        let ws = workspace(extra, seed);
        let actor = admin(&ws);
        let (calendars, slas) = config(&ws, &scale, drop);
        let midway = base_now() + TimeDelta::hours(hours);
        let saved_at = midway + TimeDelta::minutes(5);
        // While the board is built, an open incident's urgency is raised (its priority, so its timers, move).
        let agent = ws.people().iter().find(|p| p.is_agent()).expect("the demo has agents").id;
        let raised = ws.incidents().filter(|i| i.state.is_active() && i.urgency > 1).nth(pick).map(|i| i.id);
        let edit = |ws: &mut Workspace| {
            ws.advance_clock(midway);
            if let Some(id) = raised {
                ws.apply(Command::UpdateIncident { id, edits: vec![FieldEdit::Urgency(1)] }, agent, midway).expect("an open incident");
            }
        };

        // The plain way: the edit, then the save.
        let mut plain = ws.clone();
        edit(&mut plain);
        plain.advance_clock(saved_at);
        let plain_result = plain.apply(save(&calendars, &slas), actor, saved_at);

        // In steps, with the edit after a few of them.
        let mut stepped = ws.clone();
        let built_for = if other_config { config(&ws, &[7], None) } else { (calendars.clone(), slas.clone()) };
        let mut board = BoardRebuild::new(&stepped, &built_for.0, &built_for.1);
        let mut edited = false;
        for (n, size) in sizes.iter().cycle().enumerate() {
            if n == pause_after {
                edit(&mut stepped);
                edited = true;
            }
            let done = board.step(&stepped, *size);
            let (at, total) = board.progress();
            prop_assert!(at <= total.max(stepped.tickets().len()));
            if done {
                break;
            }
        }
        if !edited {
            // Done in fewer steps than that: the edit comes after the last one.
            edit(&mut stepped);
        }
        stepped.advance_clock(saved_at);
        let stepped_result = stepped.apply_with_board(save(&calendars, &slas), actor, saved_at, Some(board));

        prop_assert_eq!(plain_result.is_ok(), stepped_result.is_ok());
        prop_assert_eq!(stepped.to_json(), plain.to_json(), "the same data is kept");
        prop_assert!(stepped.sla_board() == plain.sla_board(), "the same board");
    }
}

/// A configuration changed in several ways at once: targets scaled, one
/// definition dropped, the order reversed, a copy of one added under a new
/// id, a holiday added to one calendar.
fn changed(ws: &Workspace, scale: &[u64], drop: Option<usize>, reverse: bool, copy: Option<usize>, holiday: Option<(usize, u32)>) -> (Calendars, Vec<SlaDefinition>) {
    let (mut calendars, mut slas) = config(ws, scale, drop);
    if let Some(at) = copy {
        let mut extra = slas[at % slas.len()].clone();
        extra.id = SlaId(slas.iter().map(|s| s.id.0).max().unwrap_or(0) + 1);
        extra.name = format!("{} (copy)", extra.name);
        slas.push(extra);
    }
    if reverse {
        slas.reverse();
    }
    if let Some((at, day)) = holiday {
        let entries: Vec<NamedCalendar> = calendars.iter().cloned().collect();
        let entry = &entries[at % entries.len()];
        let mut holidays = entry.calendar.holidays().to_vec();
        let date = base_now().date_naive() - TimeDelta::days(i64::from(day));
        holidays.push(Holiday::new(HolidayDate::parse(&date.format("%Y-%m-%d").to_string()).expect("a date")));
        let calendar = BusinessCalendar::new(entry.calendar.zone(), entry.calendar.hours().clone(), holidays);
        if let Ok(calendar) = calendar {
            calendars.insert(entry.id, entry.name.clone(), calendar);
        }
    }
    (calendars, slas)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// A save replays only the timers of definitions it adds or edits, or
    /// whose calendar it edits, and keeps the others; the board it leaves
    /// is the one a reload builds from scratch, in one go or in steps.
    #[test]
    fn a_save_keeps_the_timers_it_cannot_change(
        extra in 0usize..60,
        seed in 0u64..1000,
        scale in prop::collection::vec(prop::sample::select(vec![100u64, 50, 150]), 0..12),
        drop in prop::option::weighted(0.3, 0usize..12),
        reverse in any::<bool>(),
        copy in prop::option::weighted(0.3, 0usize..12),
        holiday in prop::option::weighted(0.3, (0usize..4, 0u32..40)),
        hours in 0i64..100,
        stepped in any::<bool>(),
        size in 1usize..50,
    ) {
        let mut ws = workspace(extra, seed);
        let actor = admin(&ws);
        let saved_at = base_now() + TimeDelta::hours(hours);
        ws.advance_clock(saved_at);
        let (calendars, slas) = changed(&ws, &scale, drop, reverse, copy, holiday);

        let mut rebuild = BoardRebuild::new(&ws, &calendars, &slas);
        while !rebuild.step(&ws, size) {}
        // The timers replayed are those of the definitions the save adds or edits, or whose calendar it edits.
        let unchanged = |new: &SlaDefinition| {
            ws.slas().iter().any(|old| old == new && ws.calendars().get(old.calendar) == calendars.get(new.calendar))
        };
        let mut expected = SlaBoard::build(ws.tickets(), &slas, &calendars);
        let must = slas.iter().filter(|s| !unchanged(s)).cloned().collect::<Vec<_>>();
        let needed = SlaBoard::build(ws.tickets(), &must, &calendars).timer_count();
        prop_assert_eq!(rebuild.timers_replayed(), needed);

        let result = if stepped {
            ws.apply_with_board(save(&calendars, &slas), actor, saved_at, Some(rebuild))
        } else {
            ws.apply(save(&calendars, &slas), actor, saved_at)
        };
        prop_assume!(result.is_ok());
        prop_assert_eq!(ws.slas(), &slas[..]);
        expected.settle_until(saved_at);
        prop_assert!(ws.sla_board() == &expected, "the board of a fresh build");
        let reloaded = Workspace::from_json(&ws.to_json()).expect("it reads back");
        prop_assert!(ws.sla_board() == reloaded.sla_board(), "the board a reload builds");
        // Reading them gives the same timers too.
        for record in ws.tickets().iter().step_by(7) {
            prop_assert_eq!(ws.sla_board().timers(record.id, saved_at), reloaded.sla_board().timers(record.id, saved_at));
        }
    }
}
