//! The app clock as the UI sees it: one reactive value that every view reads.
//!
//! The domain never reads a clock; the UI passes this value in as `now`. In
//! real mode it follows the computer. In simulated mode it starts wherever the
//! user puts it and, while running, moves `speed` seconds per real second.

use chrono::{DateTime, Duration, Utc};
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;

/// How the app clock moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    /// Follows the computer's clock.
    Real,
    /// Driven by the user: running or paused, at `speed` times real time.
    Simulated { running: bool, speed: u32 },
}

/// The speeds a simulated clock offers.
pub const SPEEDS: [u32; 4] = [1, 60, 600, 3600];

/// The current time of the app and how it moves, shared as context.
#[derive(Clone, Copy)]
pub struct AppClock {
    now: RwSignal<DateTime<Utc>>,
    pub mode: RwSignal<ClockMode>,
}

impl AppClock {
    /// Starts a clock that follows real time and ticks every second.
    pub fn start() -> Self {
        let clock = Self { now: RwSignal::new(Utc::now()), mode: RwSignal::new(ClockMode::Real) };
        let tick = move || match clock.mode.get_untracked() {
            ClockMode::Real => clock.now.set(Utc::now()),
            ClockMode::Simulated { running: true, speed } => {
                clock.now.update(|t| *t += Duration::seconds(i64::from(speed)));
            }
            ClockMode::Simulated { running: false, .. } => {}
        };
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
        clock
    }

    /// The current instant, tracked reactively.
    pub fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }

    /// The current instant, without subscribing to its changes.
    pub fn now_untracked(&self) -> DateTime<Utc> {
        self.now.get_untracked()
    }

    /// Puts the clock at `at` in the given mode (the caller has checked it with the domain).
    pub fn set(&self, at: DateTime<Utc>, mode: ClockMode) {
        self.mode.set(mode);
        self.now.set(at);
    }

    /// Whether the clock is simulated.
    pub fn is_simulated(&self) -> bool {
        matches!(self.mode.get(), ClockMode::Simulated { .. })
    }
}
