//! The introduction every section opens with: its title and the ITIL practice it serves.

use leptos::prelude::*;

use crate::ui::sections::Section;

/// Heading, purpose and ITIL classification of a section.
#[component]
pub fn SectionIntro(section: Section) -> impl IntoView {
    Effect::new(move |_| document().set_title(&format!("{} · ServiceLab", section.title())));
    view! {
        <header class="page-intro">
            <h1 id="page-title">{section.title()}</h1>
            <p class="purpose">{section.purpose()}</p>
            <p class="itil">{section.itil_sentence()}</p>
        </header>
    }
}

/// A section page. Sections whose features are still to come show their introduction only.
#[component]
pub fn SectionPage(section: Section) -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <SectionIntro section />
        </section>
    }
}
