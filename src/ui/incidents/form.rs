//! The incident form pages: create and edit an incident, move it through its
//! lifecycle, escalate and link it, and follow its activity.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::actions::StateActions;
use super::activity::ActivityStream;
use super::editor::IncidentEditor;
use super::escalation::EscalationPanel;
use super::feedback::{Feedback, FeedbackBox, Place};
use super::labels::{severity_class, state_class};
use super::links::RelatedRecords;
use super::timers::SlaTimersPanel;
use crate::domain::{TicketId, TicketNumber};
use crate::ui::later::next_task;
use crate::ui::sections::Section;
use crate::ui::state::use_app;

/// `/incidents/new`: log a new incident.
#[component]
pub fn NewIncidentPage() -> impl IntoView {
    Effect::new(move |_| document().set_title("New incident · ServiceLab"));
    view! {
        <section class="page incident-page" aria-labelledby="page-title">
            <header class="page-intro">
                <h1 id="page-title">"New incident"</h1>
                <p class="itil">{Section::Incidents.itil_sentence()}</p>
            </header>
            <IncidentEditor id=None feedback=Feedback::new() />
            <SlaTimersPanel id=None />
        </section>
    }
}

/// `/incidents/:number`: one incident, or a clear message when the workspace has none by that number.
#[component]
pub fn IncidentFormPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let number_text = Memo::new(move |_| params.with(|p| p.get("number").unwrap_or_default()));
    // Which incident the address names; `Err` carries why there is none.
    let target = Memo::new(move |_| {
        let text = number_text.get();
        let number = text.parse::<TicketNumber>().map_err(|e| (text.clone(), Some(e.to_string())))?;
        app.workspace
            .with(|ws| ws.find_number(number).filter(|&id| ws.incident(id).is_some()))
            .ok_or((number.to_string(), None))
    });
    move || match target.get() {
        Ok(id) => view! { <IncidentPage id /> }.into_any(),
        Err((text, reason)) => view! { <UnknownIncident text reason /> }.into_any(),
    }
}

/// Says there is no such incident, and leads back to the list.
#[component]
fn UnknownIncident(text: String, reason: Option<String>) -> impl IntoView {
    let title = format!("No incident {text} in this workspace");
    let page_title = format!("{title} · ServiceLab");
    Effect::new(move |_| document().set_title(&page_title));
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-intro">
                <h1 id="page-title">{title}</h1>
                {reason.map(|r| view! { <p class="purpose">{r}</p> })}
                <p class="purpose">
                    "It may have been typed wrong, or belong to another workspace. "
                    <A href="/incidents">"Back to the incident list"</A>
                </p>
            </header>
        </section>
    }
}

/// The page of an existing incident: header, state actions, form, side panels and activity.
#[component]
fn IncidentPage(id: TicketId) -> impl IntoView {
    let app = use_app();
    let feedback = Feedback::new();
    let heading = Memo::new(move |_| {
        app.workspace.with(|ws| {
            ws.incident(id).map(|i| format!("{} · {}", i.number, i.short_description)).unwrap_or_default()
        })
    });
    Effect::new(move |_| document().set_title(&format!("{} · ServiceLab", heading.get())));
    let badges = move || {
        app.workspace.with(|ws| {
            ws.incident(id).map(|i| {
                let priority = format!("Priority {}", ws.matrix().priority.describe(i.priority));
                let priority_class = format!("badge {}", severity_class(ws.matrix(), i.priority));
                view! {
                    <p class="badges">
                        <span class=format!("badge {}", state_class(i.state))>{i.state.label()}</span>
                        <span class=priority_class>{priority}</span>
                        {i.major.then_some(view! { <span class="badge major">"Major incident"</span> })}
                    </p>
                }
            })
        })
    };
    let resolution = move || {
        app.workspace.with(|ws| {
            let r = ws.incident(id)?.resolution.clone()?;
            Some(view! {
                <div class="resolution-summary">
                    <h2>"Resolution"</h2>
                    <p><strong>{r.code.label()}</strong>": "{r.notes}</p>
                </div>
            })
        })
    };
    // The activity and the side panels come a task later: opening a ticket
    // then never holds the page for the whole build (see `ui::later`).
    let rest = next_task();
    view! {
        <section class="page incident-page" aria-labelledby="page-title">
            <header class="page-intro incident-head">
                <p class="crumbs"><A href="/incidents">"Incidents"</A></p>
                <h1 id="page-title">{heading}</h1>
                {badges}
                <p class="itil">{Section::Incidents.itil_sentence()}</p>
            </header>
            <StateActions id feedback />
            {resolution}
            <div class="incident-layout">
                <div class="incident-main">
                    <SlaTimersPanel id=Some(id) />
                    <IncidentEditor id=Some(id) feedback />
                    <Show when=move || rest.get()>
                        <ActivityStream id feedback />
                    </Show>
                </div>
                <aside class="incident-side" aria-label="Escalation and related records">
                    <FeedbackBox feedback place=Place::Side />
                    <Show when=move || rest.get()>
                        <EscalationPanel id feedback />
                        <RelatedRecords id feedback />
                    </Show>
                </aside>
            </div>
        </section>
    }
}
