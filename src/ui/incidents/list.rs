//! `/incidents`: the incident list with saved views, search, filters, column
//! choice, bulk update and keyboard navigation. The rows come from the
//! domain's `QueryRows` (the answer of `Query::run`, kept up to date); this
//! page only renders them.

use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::bulk::BulkBar;
use super::filters::Filters;
use super::list_state::{ListState, ViewChoice};
use super::sla_clock::use_sla_now;
use super::table::IncidentTable;
use crate::domain::query::{BuiltinView, QueryRows};
use crate::domain::TicketId;
use crate::ui::pages::SectionIntro;
use crate::ui::sections::Section;
use crate::ui::state::use_app;

/// The incident list page.
#[component]
pub fn IncidentListPage() -> impl IntoView {
    let app = use_app();
    let list = expect_context::<ListState>();
    let sla_now = use_sla_now();
    // The answer is kept between runs: when a change (an auto-close on a clock
    // tick, an edit) touched a few tickets, only those are placed again.
    let kept = StoredValue::new(QueryRows::default());
    let rows: Memo<Vec<TicketId>> = Memo::new_owning(move |previous: Option<Vec<TicketId>>| {
        let query = list.query.get();
        let actor = app.actor.get();
        // Most views depend on the date only through "this week"; a clock tick need
        // not rerun them. SLA filters and sorts move with the minute.
        let now = if query.follows_the_clock() { sla_now.get() } else { app.clock.now_untracked() };
        let moved = app.workspace.with(|ws| kept.try_update_value(|k| k.refresh(&query, ws, actor, now)).unwrap_or(true));
        match previous {
            Some(same) if !moved => (same, false),
            previous => {
                let ids = kept.with_value(QueryRows::ids);
                let changed = previous.is_none_or(|before| before != ids);
                (ids, changed)
            }
        }
    });
    let search = NodeRef::<Input>::new();
    Effect::new(move |_| {
        if let Some(input) = search.get()
            && list.focus_search.get()
        {
            let _ = input.focus();
            list.focus_search.set(false);
        }
    });
    list_keys(list, rows, search);

    let count = move || {
        let n = rows.with(Vec::len);
        let total = app.workspace.with(|ws| ws.incidents().count());
        if n == total {
            format!("{n} incidents")
        } else {
            format!("{n} of {total} incidents")
        }
    };

    view! {
        <section class="page incidents" aria-labelledby="page-title">
            <SectionIntro section=Section::Incidents />
            <div class="list-toolbar">
                <ViewButtons />
                <div class="toolbar-actions">
                    <input
                        type="search"
                        class="search"
                        node_ref=search
                        aria-label="Search incidents"
                        placeholder="Search number or description  ( / )"
                        prop:value=move || list.query.with(|q| q.text.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            list.query.update(|q| q.text = text);
                            list.active.set(0);
                        }
                    />
                    <A href="/incidents/new" attr:class="button primary">"New incident"</A>
                    <A href="/incidents/matrix" attr:class="button">"Priority matrix"</A>
                </div>
            </div>
            <Filters />
            <div class="list-status">
                <p role="status" class="row-count">{count}</p>
                <p class="hint">"Press " <kbd>"?"</kbd> " for keyboard shortcuts"</p>
            </div>
            <BulkBar />
            <IncidentTable rows sla_now />
        </section>
    }
}

/// The saved views: the built-in ones and those saved in the workspace.
#[component]
fn ViewButtons() -> impl IntoView {
    let app = use_app();
    let list = expect_context::<ListState>();
    // A memo: a change to tickets leaves the buttons alone.
    let choices = Memo::new(move |_| {
        let mut choices = vec![ViewChoice::All];
        choices.extend(BuiltinView::ALL.into_iter().map(ViewChoice::Builtin));
        app.workspace.with(|ws| choices.extend(ws.views().iter().map(|v| ViewChoice::Saved(v.name.clone()))));
        choices
    });
    view! {
        <div class="views" role="group" aria-label="Saved views">
            {move || {
                choices
                    .get()
                    .into_iter()
                    .map(|choice| {
                        let pressed = {
                            let choice = choice.clone();
                            move || (list.view.get() == choice).to_string()
                        };
                        let name = choice.name();
                        let on_click = move |_| {
                            let choice = choice.clone();
                            app.workspace.with_untracked(|ws| list.choose(choice, ws.views()));
                        };
                        view! {
                            <button type="button" class="view-button" aria-pressed=pressed on:click=on_click>
                                {name}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// `j`/`k` move the active row, `Enter` opens it, `/` focuses the search box.
fn list_keys(list: ListState, rows: Memo<Vec<TicketId>>, search: NodeRef<Input>) {
    let navigate = use_navigate();
    let app = use_app();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || super::shortcuts::typing_in_a_field(&ev) {
            return;
        }
        let on_control = super::shortcuts::on_a_control(&ev);
        let n = rows.with_untracked(Vec::len);
        match ev.key().as_str() {
            "j" if n > 0 => list.active.update(|i| *i = (*i + 1).min(n - 1)),
            "k" => list.active.update(|i| *i = i.saturating_sub(1)),
            "/" => {
                ev.prevent_default();
                if let Some(input) = search.get_untracked() {
                    let _ = input.focus();
                }
            }
            "Enter" if n > 0 && !on_control => {
                let index = list.active.get_untracked().min(n - 1);
                let id = rows.with_untracked(|r| r[index]);
                if let Some(number) = app.workspace.with_untracked(|ws| ws.incident(id).map(|i| i.number)) {
                    navigate(&format!("/incidents/{number}"), Default::default());
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
