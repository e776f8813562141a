//! Building a page in two tasks instead of one.
//!
//! Leptos builds a page's elements in the task that opened it, and on a slow
//! machine a page of a few hundred elements (plus taking down the page it
//! replaces) holds the main thread past 50 ms, long enough for a key press
//! to wait. A page can show what the user came for first and build its
//! secondary parts (an activity stream, side panels) in the next task, so
//! the browser can handle input and paint in between.

use std::time::Duration;

use leptos::prelude::*;

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
