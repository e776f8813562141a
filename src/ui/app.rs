//! The root component: app state, router, shell and one route per section.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use super::clock::AppClock;
use super::incidents::list_state::ListState;
use super::incidents::{IncidentFormPage, IncidentListPage, NewIncidentPage, PriorityMatrixPage, ShortcutsDialog};
use super::offline::UpdateNotice;
use super::pages::{NotFound, SectionPage};
use super::sections::Section;
use super::shell::Shell;
use super::single_file::SingleFile;
use super::slas::{CalendarsTab, DefinitionsTab, SlasPage, TesterTab};
use super::state::AppState;

/// The whole application. Mount it with `leptos::mount::mount_to_body(App)`.
#[component]
pub fn App() -> impl IntoView {
    let clock = AppClock::start();
    provide_context(clock);
    let state = AppState::open(clock);
    state.close_due_incidents_as_time_passes();
    provide_context(state);
    provide_context(ListState::new());
    let page = |section: Section| move || view! { <SectionPage section /> };
    view! {
        <Router>
            <Shell>
                <SingleFile />
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
                    </ParentRoute>
                    <Route path=path!("/cis") view=page(Section::ConfigurationItems) />
                    <Route path=path!("/knowledge") view=page(Section::Knowledge) />
                    <Route path=path!("/reports") view=page(Section::Reports) />
                    <Route path=path!("/training") view=page(Section::Training) />
                    <Route path=path!("/data") view=page(Section::Data) />
                </Routes>
                <ShortcutsDialog />
                <UpdateNotice />
            </Shell>
        </Router>
    }
}
