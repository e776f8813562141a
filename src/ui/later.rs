//! Work split across tasks, so the page never holds the main thread past
//! 50 ms, long enough for a key press to wait.
//!
//! * [`next_task`]: Leptos builds a page's elements in the task that opened
//!   it, and on a slow machine a page of a few hundred elements (plus taking
//!   down the page it replaces) takes longer than that. A page can show what
//!   the user came for first and build its secondary parts (an activity
//!   stream, side panels) in the next task.
//! * [`in_steps`]: work over the whole workspace (an export, a what-if, the
//!   timers of a new SLA configuration) done a range of tickets at a time;
//!   [`in_steps_after_page`] when a page being drawn asked for it.

use std::ops::ControlFlow;
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::Workspace;
use crate::storage::pace::Pace;
use crate::ui::state::AppState;

/// A flag that is false while the component is first built and turns true
/// in a later task. Rendering secondary parts only once it is true splits
/// the build; a component gone before then is simply never told.
pub fn next_task() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    set_timeout(move || {
        set_ready.try_set(true);
    }, Duration::ZERO);
    ready
}

/// How long the last task of [`in_steps`] may have worked before the
/// outcome waits for a task of its own.
const AFTER_STEPS_MS: f64 = 10.0;

/// Runs `step` over the app's workspace until it breaks with its outcome,
/// giving the page a turn ([`Pace::give_way`]) whenever a step has used its
/// ~30 ms, after telling `report` how far the work got (the `(done, total)`
/// of the last step that went on), and once more before handing over the
/// outcome when the last step's task has worked a while. `None` when the
/// workspace is gone, or `live` says after a turn that the work is no
/// longer wanted.
pub async fn in_steps<T>(
    app: AppState,
    mut step: impl FnMut(&Workspace) -> ControlFlow<T, (usize, usize)>,
    mut report: impl FnMut(usize, usize),
    live: impl Fn() -> bool,
) -> Option<T> {
    let mut pace = Pace::new();
    loop {
        match app.workspace.try_with_untracked(|ws| step(ws))? {
            ControlFlow::Break(outcome) => {
                // What the caller does with the outcome (draw it, put it in
                // force: about 38 ms of a 53 ms task when an SLA save's last
                // part was profiled at 100,000 tickets) gets a task of its
                // own, unless this one has barely started.
                if pace.spent_ms() >= AFTER_STEPS_MS {
                    pace.give_way_now().await;
                    if !live() {
                        return None;
                    }
                }
                return Some(outcome);
            }
            ControlFlow::Continue((done, total)) => {
                if pace.due() {
                    report(done, total);
                    pace.give_way().await;
                    if !live() {
                        return None;
                    }
                }
            }
        }
    }
}

/// [`in_steps`] for work asked for by a page being drawn (the What-if tab):
/// the steps start in a task of their own, after the page, which has spent
/// part of the 50 ms already (page and first steps together held the page
/// for up to 73 ms at 10,000 tickets).
pub async fn in_steps_after_page<T>(
    app: AppState,
    step: impl FnMut(&Workspace) -> ControlFlow<T, (usize, usize)>,
    report: impl FnMut(usize, usize),
    live: impl Fn() -> bool,
) -> Option<T> {
    Pace::new().give_way_now().await;
    if !live() {
        return None;
    }
    in_steps(app, step, report, live).await
}
