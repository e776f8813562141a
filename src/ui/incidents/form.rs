//! The incident form: create and edit an incident, move it through its lifecycle.

use leptos::prelude::*;

/// `/incidents/new`: log a new incident.
#[component]
pub fn NewIncidentPage() -> impl IntoView {
    view! { <h1>"New incident"</h1> }
}

/// `/incidents/:number`: one incident.
#[component]
pub fn IncidentFormPage() -> impl IntoView {
    view! { <h1>"Incident"</h1> }
}
