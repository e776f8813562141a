//! Keyboard shortcuts of the incident pages, and the dialog that lists them.

use leptos::prelude::*;

/// The `?` dialog.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    view! { <div></div> }
}
