//! Related records of an incident: its parent, children and related tickets
//! as links, and the setting that makes it a child of another incident.

use leptos::prelude::*;
use leptos_router::components::A;

use super::feedback::{Feedback, Place};
use crate::domain::{Command, TicketId, TicketNumber, Workspace};
use crate::ui::state::use_app;

/// A link to a ticket's page with its number and short description.
fn ticket_link(ws: &Workspace, id: TicketId) -> impl IntoView + use<> {
    let number = ws.record(id).map_or_else(|| id.to_string(), |r| r.number.to_string());
    let summary = ws.incident(id).map(|i| format!(" · {}", i.short_description)).unwrap_or_default();
    view! {
        <li>
            <A href=format!("/incidents/{number}")>{number.clone()}</A>
            <span class="muted">{summary}</span>
        </li>
    }
}

/// Parent, children and related tickets of incident `id`, and the parent setting.
#[component]
pub fn RelatedRecords(id: TicketId, feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let parent_text = RwSignal::new(String::new());

    let list = move |which: fn(&crate::domain::Incident) -> Vec<TicketId>| {
        app.workspace.with(|ws| {
            let ids = ws.incident(id).map(which).unwrap_or_default();
            if ids.is_empty() {
                view! { <p class="muted">"None"</p> }.into_any()
            } else {
                let items = ids.into_iter().map(|t| ticket_link(ws, t)).collect_view();
                view! { <ul class="record-links">{items}</ul> }.into_any()
            }
        })
    };

    let set_parent = move |_| {
        let text = parent_text.get_untracked();
        let number = match text.trim().parse::<TicketNumber>() {
            Ok(n) => n,
            Err(e) => return feedback.refused(Place::Side, &e),
        };
        let Some(parent) = app.workspace.with_untracked(|ws| ws.find_number(number)) else {
            return feedback.error(Place::Side, format!("No incident {number} in this workspace."));
        };
        match app.apply(Command::SetParent { child: id, parent }) {
            Ok(_) => {
                parent_text.set(String::new());
                let child = app.workspace.with_untracked(|ws| ws.record(id).map(|r| r.number.to_string()));
                feedback.status(Place::Side, format!("{} is now a child of {number}.", child.unwrap_or_default()));
            }
            Err(e) => feedback.refused(Place::Side, &e),
        }
    };

    view! {
        <section class="side-panel" aria-labelledby="related-title">
            <h2 id="related-title">"Related records"</h2>
            <h3>"Parent"</h3>
            {move || list(|i| i.parent.into_iter().collect())}
            <h3>"Children"</h3>
            {move || list(|i| i.children.clone())}
            <h3>"Related"</h3>
            {move || list(|i| i.related.clone())}
            <p class="muted">"Resolving a parent resolves its active children with the same code and notes."</p>
            <div class="field">
                <label for="inc-parent">"Parent incident"</label>
                <input
                    id="inc-parent"
                    type="text"
                    placeholder="INC0001001"
                    autocomplete="off"
                    prop:value=parent_text
                    on:input=move |ev| parent_text.set(event_target_value(&ev))
                />
            </div>
            <div class="panel-buttons">
                <button type="button" class="button" on:click=set_parent>"Set parent"</button>
            </div>
        </section>
    }
}
