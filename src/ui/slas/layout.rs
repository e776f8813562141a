//! `/slas/*`: the section's introduction, its three tabs as links, and the tab in view.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

use super::editor::SlaEditor;
use crate::ui::pages::SectionIntro;
use crate::ui::sections::Section;

/// The SLAs section around its tabs; the draft lives here, so it survives switching tabs.
#[component]
pub fn SlasPage() -> impl IntoView {
    provide_context(SlaEditor::new());
    view! {
        <section class="page slas" aria-labelledby="page-title">
            <SectionIntro section=Section::Slas />
            <nav class="tabs" aria-label="SLA pages">
                <A href="/slas" exact=true>"Definitions"</A>
                <A href="/slas/calendars" exact=true>"Calendars"</A>
                <A href="/slas/tester" exact=true>"Calendar tester"</A>
                <A href="/slas/whatif" exact=true>"What if"</A>
            </nav>
            <Outlet />
        </section>
    }
}
