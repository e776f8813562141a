//! A what-if worked out in steps, so that the page never freezes while
//! 100,000 tickets are replayed.
//!
//! Two runs, each a range of tickets at a time with the browser given a
//! turn every 30 ms or so ([`Pace`]): the **baseline** (the timers in force
//! at the app clock's minute), redone when the workspace or that minute
//! changes, keeping every ticket whose timers cannot have moved since the
//! last one (see `Baseline::advance`); and the **comparison** of the draft
//! with it, redone when the draft or the baseline changes. A run that a newer
//! one replaces stops at its next step. While a run takes more than one
//! step, [`WhatIfRun::progress`] says how far it got; the last answer stays
//! shown until the new one is complete.

use std::cell::Cell;
use std::ops::ControlFlow::{Break, Continue};
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::Workspace;
use crate::domain::sla::whatif::{Baseline, Draft, WhatIf};
use crate::ui::format::count;
use crate::ui::incidents::use_sla_now;
use crate::ui::later::in_steps_after_page;
use crate::ui::state::use_app;

/// Tickets handled between two looks at the time. The time is looked at
/// between steps, so a task runs its ~30 ms plus one step: with steps of
/// 500, What-if tasks of 54-59 ms at 100,000 tickets; steps of 100 cut the
/// overrun to a fifth.
const ROWS: usize = 100;

/// Which run is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Replaying the timers in force.
    Baseline,
    /// Comparing the draft with them.
    Comparing,
}

/// How far a run that takes more than one step has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// "Comparing 40,000 of 100,000 tickets…".
    pub fn describe(&self) -> String {
        let (done, total) = (count(self.done), count(self.total));
        match self.stage {
            Stage::Baseline => format!("Reading the timers in force: {done} of {total} tickets…"),
            Stage::Comparing => format!("Comparing {done} of {total} tickets…"),
        }
    }
}

/// The answer of a what-if and how far its runs have got.
#[derive(Clone, Copy)]
pub struct WhatIfRun {
    /// The last complete answer: `None` before the first one, or while there is nothing to compare.
    pub result: RwSignal<Option<Result<WhatIf, Vec<String>>>>,
    /// Set while a run takes more than one step.
    pub progress: RwSignal<Option<Progress>>,
}

impl WhatIfRun {
    /// Shows how far a run of `stage` got.
    fn reporter(self, stage: Stage) -> impl FnMut(usize, usize) {
        move |done, total| self.progress.set(Some(Progress { stage, done, total }))
    }
}

/// Runs the what-if of `draft` (`None`: nothing to compare) against the
/// workspace, in steps, for as long as the calling component lives.
pub fn use_whatif_run(draft: impl Fn() -> Option<Result<Draft, Vec<String>>> + 'static) -> WhatIfRun {
    let app = use_app();
    let now = use_sla_now();
    let run = WhatIfRun { result: RwSignal::new(None), progress: RwSignal::new(None) };
    let baseline: StoredValue<Option<Arc<Baseline>>> = StoredValue::new(None);
    let baseline_ready = RwSignal::new(0u64);
    // Each run keeps the number it started with; a newer run changes it, and the older one stops.
    let baseline_run = Rc::new(Cell::new(0u64));
    let compare_run = Rc::new(Cell::new(0u64));
    let alive = StoredValue::new(());

    let current = baseline_run.clone();
    Effect::new(move |_| {
        let now = now.get();
        app.workspace.track();
        let me = current.get() + 1;
        current.set(me);
        let current = current.clone();
        let previous = baseline.get_value();
        spawn_local(async move {
            let live = || current.get() == me && !alive.is_disposed();
            let mut steps = match app.workspace.try_with_untracked(|ws| match &previous {
                Some(p) => p.advance(ws, now),
                None => Baseline::begin(ws, now),
            }) {
                Some(steps) => steps,
                None => return,
            };
            let step = |ws: &Workspace| if steps.step(ws, ROWS) { Break(()) } else { Continue(steps.progress()) };
            if in_steps_after_page(app, step, run.reporter(Stage::Baseline), &live).await.is_none() {
                return;
            }
            let fresh = steps.finish();
            drop(previous);
            if live() {
                baseline.set_value(Some(Arc::new(fresh)));
                baseline_ready.update(|n| *n += 1);
            }
        });
    });

    Effect::new(move |_| {
        baseline_ready.track();
        let me = compare_run.get() + 1;
        compare_run.set(me);
        let Some(draft) = draft() else {
            run.progress.set(None);
            run.result.set(None);
            return;
        };
        let draft = match draft {
            Ok(draft) => draft,
            Err(problems) => {
                run.progress.set(None);
                run.result.set(Some(Err(problems)));
                return;
            }
        };
        let Some(kept) = baseline.get_value() else { return };
        // A workspace that moved on has a new baseline on the way; this effect runs again once it is there.
        if !app.workspace.with(|ws| kept.fits(ws)) {
            return;
        }
        let current = compare_run.clone();
        spawn_local(async move {
            let live = || current.get() == me && !alive.is_disposed();
            let started = app.workspace.try_with_untracked(|ws| kept.comparing(ws, &draft).map(|c| (c, ws.tickets().len())));
            let mut steps = match started {
                None => return,
                Some(Err(problems)) => {
                    if live() {
                        run.progress.set(None);
                        run.result.set(Some(Err(problems)));
                    }
                    return;
                }
                Some(Ok((steps, _))) => steps,
            };
            let step = |ws: &Workspace| if steps.step(ws, ROWS) { Break(()) } else { Continue(steps.progress()) };
            if in_steps_after_page(app, step, run.reporter(Stage::Comparing), &live).await.is_none() {
                return;
            }
            let answer = steps.finish();
            if live() {
                run.progress.set(None);
                run.result.set(Some(Ok(answer)));
            }
        });
    });
    run
}

/// The progress line and bar of a run under way, if any.
#[component]
pub fn WhatIfProgress(run: WhatIfRun) -> impl IntoView {
    move || {
        run.progress.get().map(|p| {
            view! {
                <div class="whatif-progress">
                    <p role="status">{p.describe()}</p>
                    <progress aria-label="What-if progress" max=p.total value=p.done></progress>
                </div>
            }
        })
    }
}
