//! The root component: opens the workspace, then the router, shell and one route per section.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use super::clock::AppClock;
use super::format::count;
use super::incidents::list_state::ListState;
use super::incidents::{IncidentFormPage, IncidentListPage, NewIncidentPage, PriorityMatrixPage, ShortcutsDialog};
use super::offline::UpdateNotice;
use super::pages::{NotFound, SectionPage};
use super::sections::Section;
use super::shell::Shell;
use super::single_file::SingleFile;
use super::data::{DataPage, ShareOffer};
use super::recovery::RecoveryScreen;
use super::slas::{CalendarsTab, DefinitionsTab, SlasPage, TesterTab, WhatIfTab};
use super::state::AppState;
use crate::storage::pace::yield_to_page;
use crate::storage::workspace::{self as store, Boot};

/// The whole application. Mount it with `leptos::mount::mount_to_body(App)`.
///
/// Opening the workspace reads IndexedDB, which is asynchronous: until it is
/// done the page says so; stored data that cannot be read leads to the
/// recovery screen instead of the app.
#[component]
pub fn App() -> impl IntoView {
    let clock = AppClock::start();
    provide_context(clock);
    let booted = RwSignal::new_local(None::<Rc<std::cell::Cell<Option<Boot>>>>);
    // Tickets read so far, of how many, while a large workspace opens.
    let read = RwSignal::new(None::<(usize, usize)>);
    spawn_local(async move {
        let boot = store::boot(clock.now_untracked(), &|done, total| read.set(Some((done, total)))).await;
        // The page is built in a task of its own: opening ends with work of
        // its own (the last tickets read, the first visit's demo stored), and
        // building the page in the same task would freeze it for both.
        yield_to_page().await;
        booted.set(Some(Rc::new(std::cell::Cell::new(Some(boot)))));
    });
    move || match booted.get().and_then(|cell| cell.take()) {
        None => view! { <Opening read /> }.into_any(),
        Some(Boot::Recovery(recovery)) => view! { <RecoveryScreen recovery /> }.into_any(),
        Some(Boot::Ready(ready)) => {
            let boot_ms = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
            let state = AppState::from_ready(clock, *ready, boot_ms);
            view! { <Running state /> }.into_any()
        }
    }
}

/// What the page shows while the workspace opens: for a large one, how many
/// of its tickets have been read.
#[component]
fn Opening(read: RwSignal<Option<(usize, usize)>>) -> impl IntoView {
    let figures = move || read.get().filter(|(_, total)| *total > 0);
    view! {
        <main class="opening" aria-busy="true">
            <p role="status">
                "Opening your workspace…"
                {move || figures().map(|(done, total)| format!(" {} of {} tickets read.", count(done), count(total)))}
            </p>
            {move || figures().map(|(done, total)| view! {
                <progress aria-label="Tickets read" max=total value=done></progress>
            })}
        </main>
    }
}

/// The app with an open workspace.
#[component]
fn Running(state: AppState) -> impl IntoView {
    state.close_due_incidents_as_time_passes();
    provide_context(state);
    provide_context(ListState::new());
    let page = |section: Section| move || view! { <SectionPage section /> };
    view! {
        <Router>
            <Shell>
                <SingleFile />
                <ShareOffer />
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=page(Section::Dashboard) />
                    <Route path=path!("/incidents") view=IncidentListPage />
                    <Route path=path!("/incidents/new") view=NewIncidentPage />
                    <Route path=path!("/incidents/matrix") view=PriorityMatrixPage />
                    <Route path=path!("/incidents/:number") view=IncidentFormPage />
                    <Route path=path!("/requests") view=page(Section::Requests) />
                    <Route path=path!("/problems") view=page(Section::Problems) />
                    <Route path=path!("/changes") view=page(Section::Changes) />
                    <Route path=path!("/catalogue") view=page(Section::Catalogue) />
                    <ParentRoute path=path!("/slas") view=SlasPage>
                        <Route path=path!("") view=DefinitionsTab />
                        <Route path=path!("calendars") view=CalendarsTab />
                        <Route path=path!("tester") view=TesterTab />
                        <Route path=path!("whatif") view=WhatIfTab />
                    </ParentRoute>
                    <Route path=path!("/cis") view=page(Section::ConfigurationItems) />
                    <Route path=path!("/knowledge") view=page(Section::Knowledge) />
                    <Route path=path!("/reports") view=page(Section::Reports) />
                    <Route path=path!("/training") view=page(Section::Training) />
                    <Route path=path!("/data") view=DataPage />
                </Routes>
                <ShortcutsDialog />
                <UpdateNotice />
            </Shell>
        </Router>
    }
}
