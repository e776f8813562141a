//! A what-if done a range of tickets at a time (`Baseline::begin`,
//! `Baseline::advance`, `Baseline::comparing`), as the page does it on a
//! large workspace, gives exactly what the one-shot `Baseline::new`,
//! `Baseline::compare` and `whatif` give: for random workspaces (the demo
//! plus generated incidents), random "now"s before and after the workspace's
//! clock, random drafts and random step sizes.

#[path = "common/generated.rs"]
mod generated;

use chrono::TimeDelta;
use generated::{base_now, workspace};
use proptest::prelude::*;
use servicelab::domain::sla::whatif::{Baseline, Comparing, Replaying};
use servicelab::domain::sla::{Draft, whatif};
use servicelab::domain::Workspace;

/// Runs the steps, `sizes` tickets at a time (cycling through them).
fn replay_in_steps(mut steps: Replaying<'_>, ws: &Workspace, sizes: &[usize]) -> Baseline {
    for size in sizes.iter().cycle() {
        if steps.step(ws, *size) {
            break;
        }
    }
    steps.finish()
}

fn compare_in_steps(mut steps: Comparing<'_>, ws: &Workspace, sizes: &[usize]) -> servicelab::domain::sla::WhatIf {
    let mut last = 0;
    for size in sizes.iter().cycle() {
        let done = steps.step(ws, *size);
        let (at, total) = steps.progress();
        assert!(at >= last && at <= total, "progress only grows, up to the total");
        last = at;
        if done {
            break;
        }
    }
    steps.finish()
}

/// A draft: targets scaled, a definition dropped, a priority added to one,
/// a cell of the matrix changed; each with the given choices.
fn draft_of(ws: &Workspace, scale: &[u64], drop: Option<usize>, widen: Option<(usize, u8)>, cell: Option<(u8, u8, u8)>) -> Draft {
    let mut draft = Draft::current(ws);
    for (sla, percent) in draft.slas.iter_mut().zip(scale) {
        sla.target_minutes = (sla.target_minutes * percent / 100).max(1);
    }
    if let Some((at, priority)) = widen {
        let n = draft.slas.len();
        draft.slas[at % n].conditions.priorities.insert(priority);
    }
    if let Some(at) = drop {
        let n = draft.slas.len();
        draft.slas.remove(at % n);
    }
    if let Some((impact, urgency, priority)) = cell {
        draft.matrix.set_cell(impact, urgency, Some(priority)).expect("a cell of the matrix");
    }
    draft
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn a_stepped_what_if_equals_the_one_shot_one(
        extra in 0usize..60,
        seed in 0u64..1000,
        minutes in -4000i64..4000,
        later in 0i64..3000,
        sizes in prop::collection::vec(1usize..40, 1..5),
        scale in prop::collection::vec(prop::sample::select(vec![100u64, 100, 50, 150, 10]), 0..12),
        drop in prop::option::weighted(0.3, 0usize..12),
        widen in prop::option::weighted(0.3, (0usize..12, 1u8..=4)),
        cell in prop::option::weighted(0.3, (1u8..=3, 1u8..=3, 1u8..=4)),
    ) {
        let ws = workspace(extra, seed);
        let now = base_now() + TimeDelta::minutes(minutes);
        let once = Baseline::new(&ws, now);
        let stepped = replay_in_steps(Baseline::begin(&ws, now), &ws, &sizes);
        prop_assert_eq!(&stepped, &once);
        prop_assert!(stepped.fits(&ws));

        // Brought to a later (or the same) minute: only some rows are replayed, and it equals a fresh replay.
        let then = now + TimeDelta::minutes(later);
        let advanced = replay_in_steps(once.advance(&ws, then), &ws, &sizes);
        prop_assert_eq!(&advanced, &Baseline::new(&ws, then));
        // Back to an earlier minute: replayed afresh.
        let back = replay_in_steps(advanced.advance(&ws, now), &ws, &sizes);
        prop_assert_eq!(&back, &once);

        let draft = draft_of(&ws, &scale, drop, widen, cell);
        let expected = whatif(&ws, &draft, now);
        prop_assert_eq!(&once.compare(&ws, &draft), &expected);
        match once.comparing(&ws, &draft) {
            Ok(steps) => prop_assert_eq!(Ok(compare_in_steps(steps, &ws, &sizes)), expected),
            Err(problems) => prop_assert_eq!(Err(problems), expected),
        }
    }

    #[test]
    fn a_baseline_advanced_past_new_history_equals_a_fresh_one(
        extra in 1usize..40,
        seed in 0u64..1000,
        hours in 1i64..200,
        sizes in prop::collection::vec(1usize..40, 1..5),
    ) {
        let mut ws = workspace(extra, seed);
        let before = Baseline::new(&ws, base_now());
        // Time passes: resolved incidents auto-close, timers breach, thresholds are notified.
        let then = base_now() + TimeDelta::hours(hours);
        ws.advance_clock(then);
        let advanced = replay_in_steps(before.advance(&ws, then), &ws, &sizes);
        prop_assert_eq!(&advanced, &Baseline::new(&ws, then));
        prop_assert!(advanced.fits(&ws));
    }
}
