//! The priority matrix editor: presets, cells, and the linter's findings.

use leptos::prelude::*;

/// `/incidents/matrix`.
#[component]
pub fn PriorityMatrixPage() -> impl IntoView {
    view! { <h1>"Priority matrix"</h1> }
}
