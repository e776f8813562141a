//! The page for a URL that matches no section.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Says plainly that the address leads nowhere, and offers the way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| document().set_title("Page not found · ServiceLab"));
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-intro">
                <h1 id="page-title">"Page not found"</h1>
                <p class="purpose">
                    "Nothing in ServiceLab lives at "
                    <code>{move || location.pathname.get()}</code>
                    ". Pick a section from the navigation, or "
                    <A href="/">"go to the dashboard"</A>
                    "."
                </p>
            </header>
        </section>
    }
}
