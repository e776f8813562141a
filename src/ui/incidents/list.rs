//! The incident list.

use leptos::prelude::*;

use crate::ui::pages::SectionIntro;
use crate::ui::sections::Section;

/// `/incidents`.
#[component]
pub fn IncidentListPage() -> impl IntoView {
    view! { <section class="page" aria-labelledby="page-title"><SectionIntro section=Section::Incidents /></section> }
}
