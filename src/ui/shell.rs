//! The frame around every page: header (product, workspace, clock), navigation and main area.

use leptos::prelude::*;
use leptos_router::components::A;

use super::banner::StorageBanner;
use super::clock_controls::ClockDisplay;
use super::notifications::NotificationList;
use super::sections::Section;
use super::state::use_app;
use crate::domain::PersonId;

/// Header, navigation and the routed page in `children`.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let menu_open = RwSignal::new(false);
    let app = use_app();
    let workspace_name = move || app.workspace.with(|ws| ws.name().to_owned());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <button
                type="button"
                class="menu-button"
                aria-controls="sections-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|open| *open = !*open)
            >
                <span aria-hidden="true">"☰"</span>
                " Menu"
            </button>
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"SL"</span>
                <span class="brand-name">"ServiceLab"</span>
            </A>
            <div class="workspace" role="group" aria-label="Workspace">
                <span class="label">"Workspace"</span>
                <span class="value">{workspace_name}</span>
            </div>
            <ClockDisplay />
            <NotificationList />
            <ActingAs />
        </header>
        <div class="layout">
            <nav
                id="sections-nav"
                class="sidebar"
                class:open=move || menu_open.get()
                aria-label="Sections"
                // Following a link on a narrow screen closes the menu again.
                on:click=move |_| menu_open.set(false)
            >
                <ul>
                    {Section::ALL
                        .into_iter()
                        .map(|s| view! { <li><A href=s.path() exact=true>{s.title()}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" tabindex="-1">
                <StorageBanner />
                {children()}
            </main>
        </div>
    }
}

/// Chooses the person the user acts as; every action is recorded as them.
#[component]
fn ActingAs() -> impl IntoView {
    let app = use_app();
    // A memo: a change to tickets (a clock tick's auto-close) leaves the options alone.
    let people = Memo::new(move |_| {
        app.workspace.with(|ws| {
            ws.people()
                .iter()
                .map(|p| {
                    let role = p.roles.iter().max().map_or("No role", |r| r.label());
                    (p.id, format!("{} · {role}", p.name))
                })
                .collect::<Vec<_>>()
        })
    });
    let options = move || {
        people
            .get()
            .into_iter()
            .map(|(id, label)| view! { <option value=id.0.to_string() selected=move || app.actor.get() == id>{label}</option> })
            .collect_view()
    };
    let on_change = move |ev| {
        if let Ok(id) = event_target_value(&ev).parse::<u32>() {
            app.act_as(PersonId(id));
        }
    };
    view! {
        <label class="acting-as">
            <span class="label">"Acting as"</span>
            <select aria-label="Acting as" on:change=on_change>{options}</select>
        </label>
    }
}
