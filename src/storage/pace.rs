//! Long work done in steps, so the page keeps drawing and answering.
//!
//! A browser tab runs script, layout and input on one thread: a task that
//! takes more than about 50 ms is felt as a frozen page. Code that reads or
//! builds a large workspace keeps a [`Pace`] and calls [`Pace::breathe`]
//! often; once the current step has run for its budget, that gives the
//! browser a turn before the next step.

use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds since the page loaded (the browser's `performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Gives the browser a turn: `scheduler.yield()` where the browser has it
/// (it resumes before other queued work, and without the 4 ms that nested
/// timers are held back), else a timer.
pub async fn yield_to_page() {
    let scheduler = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("scheduler")).ok());
    let yielded = scheduler.filter(|s| s.is_object()).and_then(|s| {
        let function = js_sys::Reflect::get(&s, &JsValue::from_str("yield")).ok()?;
        let function: &js_sys::Function = function.dyn_ref()?;
        function.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match yielded {
        Some(promise) => {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
        None => sleep(0).await,
    }
}

/// Steps of at most `budget_ms` milliseconds of work.
pub struct Pace {
    budget_ms: f64,
    since: f64,
}

impl Pace {
    /// Milliseconds the current step has run.
    pub fn spent_ms(&self) -> f64 {
        now_ms() - self.since
    }

    /// Gives the page a turn now, as [`Pace::give_way`] does once the step is due.
    pub async fn give_way_now(&mut self) {
        sleep(0).await;
        self.since = now_ms();
    }

    /// Steps of about 30 ms: the page answers well within the 50 ms that
    /// people notice, and the turns add little to the whole.
    pub fn new() -> Self {
        Self::with_budget(30.0)
    }

    pub fn with_budget(budget_ms: f64) -> Self {
        Pace { budget_ms, since: now_ms() }
    }

    /// Whether the current step has used its budget.
    pub fn due(&self) -> bool {
        self.spent_ms() >= self.budget_ms
    }

    /// Gives the browser a turn if the current step has used its budget;
    /// returns whether it did.
    pub async fn breathe(&mut self) -> bool {
        if !self.due() {
            return false;
        }
        yield_to_page().await;
        self.since = now_ms();
        true
    }

    /// Like [`Pace::breathe`], for work the user can wait for while doing
    /// something else (a what-if, a save, an export): the turn is a timer,
    /// so the next step waits behind every task already queued (input,
    /// drawing, the clock's tick, storage callbacks, messages from other
    /// tabs). A `scheduler.yield()` continuation goes before those, holding
    /// frames back for up to about 100 ms and timers for the whole run. Each
    /// turn costs a few milliseconds more.
    pub async fn give_way(&mut self) -> bool {
        if !self.due() {
            return false;
        }
        self.give_way_now().await;
        true
    }
}

/// Tickets freed between two looks at the time.
const FREE_STEP: usize = 500;

/// Frees `workspace` a few hundred tickets at a time, between the page's
/// other work (see [`Teardown`](crate::domain::teardown::Teardown)): freeing
/// one of 100,000 tickets at once held the page for 100 to 160 ms. A small
/// workspace is freed at once.
pub fn free_in_steps(workspace: crate::domain::Workspace) {
    let mut teardown = workspace.teardown();
    if teardown.step(FREE_STEP) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut pace = Pace::new();
        loop {
            pace.give_way().await;
            while !pace.due() {
                if teardown.step(FREE_STEP) {
                    return;
                }
            }
        }
    });
}

impl Default for Pace {
    fn default() -> Self {
        Self::new()
    }
}
