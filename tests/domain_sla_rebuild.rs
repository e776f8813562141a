//! Saving SLA definitions with a board built beforehand in steps
//! (`BoardRebuild`, `Workspace::apply_with_board`), as the page does on a
//! large workspace, leaves exactly the workspace a plain `apply` leaves:
//! the same data and the same board, for random workspaces, random
//! configurations, random step sizes, and time passing (auto-closes,
//! notifications) while the board is being built.

#[path = "common/generated.rs"]
mod generated;

use chrono::TimeDelta;
use generated::{base_now, workspace};
use proptest::prelude::*;
use servicelab::domain::sla::{BoardRebuild, Calendars, SlaDefinition};
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
        let mut board = BoardRebuild::new(&built_for.0, &built_for.1, stepped.tickets().len());
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
