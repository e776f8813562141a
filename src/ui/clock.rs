//! The app clock as the UI sees it: one reactive value that every view reads.
//!
//! The domain never reads a clock; the UI passes this value in as `now`.

use chrono::{DateTime, Local, Utc};
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use std::time::Duration;

/// The current time of the app, refreshed every second from the system clock.
#[derive(Clone, Copy)]
pub struct AppClock {
    now: RwSignal<DateTime<Utc>>,
}

impl AppClock {
    /// Starts a clock that follows real time.
    pub fn start() -> Self {
        let now = RwSignal::new(Utc::now());
        if let Ok(handle) = set_interval_with_handle(move || now.set(Utc::now()), Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
        Self { now }
    }

    /// The current instant, tracked reactively.
    pub fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }

    /// The current instant, without subscribing to its changes.
    pub fn now_untracked(&self) -> DateTime<Utc> {
        self.now.get_untracked()
    }
}

/// The clock in the header: local date and time, and the clock's mode.
#[component]
pub fn ClockDisplay() -> impl IntoView {
    let clock = expect_context::<AppClock>();
    let local = move || clock.now().with_timezone(&Local);
    view! {
        <div class="clock" role="group" aria-label="App clock">
            <span class="clock-mode">"Real time"</span>
            <time datetime=move || local().to_rfc3339()>
                {move || local().format("%a %-d %b %Y, %H:%M:%S").to_string()}
            </time>
        </div>
    }
}
