//! The state buttons of an incident: one per transition the domain offers.
//! Putting on hold asks for a reason and resolving for a code and notes, in
//! an inline panel, before the transition is applied.

use leptos::prelude::*;

use super::controls::{focus_soon, option_list};
use super::feedback::{Feedback, FeedbackBox, Place};
use super::labels::transition_button;
use crate::domain::{Command, HoldReason, IncidentState, ResolutionCode, TicketId};
use crate::ui::state::use_app;

/// Which extra question is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    Closed,
    Hold,
    Resolve,
}

/// The toolbar of state buttons and the hold/resolve panels.
#[component]
pub fn StateActions(id: TicketId, feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let panel = RwSignal::new(Panel::Closed);
    let hold_reason = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());

    let run = move |to: IncidentState, hold: Option<HoldReason>, resolution: Option<ResolutionCode>, text: String| {
        let command = Command::Transition { id, to, hold_reason: hold, resolution_code: resolution, resolution_notes: text };
        match app.apply(command) {
            Ok(_) => {
                panel.set(Panel::Closed);
                hold_reason.set(String::new());
                code.set(String::new());
                notes.set(String::new());
                let number = app.workspace.with_untracked(|ws| ws.record(id).map(|r| r.number.to_string()));
                feedback.status(Place::Actions, format!("{} is now {}.", number.unwrap_or_default(), to.label()));
            }
            Err(e) => feedback.refused(Place::Actions, &e),
        }
    };

    let buttons = move || {
        app.workspace.with(|ws| {
            let from = ws.incident(id).map_or(IncidentState::New, |i| i.state);
            ws.offered_transitions(id)
                .into_iter()
                .map(|to| {
                    let open = move |_| match to {
                        IncidentState::OnHold => {
                            panel.set(Panel::Hold);
                            focus_soon("hold-reason");
                        }
                        IncidentState::Resolved => {
                            panel.set(Panel::Resolve);
                            focus_soon("resolution-code");
                        }
                        _ => run(to, None, None, String::new()),
                    };
                    let primary = matches!(to, IncidentState::InProgress | IncidentState::Resolved);
                    view! {
                        <button type="button" class="button" class:primary=primary on:click=open>
                            {transition_button(from, to)}
                        </button>
                    }
                })
                .collect_view()
        })
    };

    let hold_panel = move || {
        let items = std::iter::once((String::new(), "Choose a reason".to_string()))
            .chain(HoldReason::ALL.iter().enumerate().map(|(n, r)| (n.to_string(), r.label().to_string())))
            .collect();
        view! {
            <div class="inline-panel" role="group" aria-labelledby="hold-title">
                <h3 id="hold-title">"Put the incident on hold"</h3>
                <div class="field">
                    <label for="hold-reason">"On hold reason"</label>
                    <select id="hold-reason" on:change=move |ev| hold_reason.set(event_target_value(&ev))>
                        {option_list(items, hold_reason.into())}
                    </select>
                </div>
                <div class="panel-buttons">
                    <button
                        type="button"
                        class="button primary"
                        on:click=move |_| {
                            let reason = hold_reason.get_untracked().parse::<usize>().ok().and_then(|n| HoldReason::ALL.get(n).copied());
                            run(IncidentState::OnHold, reason, None, String::new());
                        }
                    >
                        "Put incident on hold"
                    </button>
                    <button type="button" class="button" on:click=move |_| panel.set(Panel::Closed)>"Back"</button>
                </div>
            </div>
        }
    };

    let resolve_panel = move || {
        let items = std::iter::once((String::new(), "Choose a code".to_string()))
            .chain(ResolutionCode::ALL.iter().enumerate().map(|(n, c)| (n.to_string(), c.label().to_string())))
            .collect();
        view! {
            <div class="inline-panel" role="group" aria-labelledby="resolve-title">
                <h3 id="resolve-title">"Resolve the incident"</h3>
                <div class="field">
                    <label for="resolution-code">"Resolution code"</label>
                    <select id="resolution-code" on:change=move |ev| code.set(event_target_value(&ev))>
                        {option_list(items, code.into())}
                    </select>
                </div>
                <div class="field">
                    <label for="resolution-notes">"Resolution notes"</label>
                    <textarea
                        id="resolution-notes"
                        rows="3"
                        prop:value=notes
                        on:input=move |ev| notes.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <div class="panel-buttons">
                    <button
                        type="button"
                        class="button primary"
                        on:click=move |_| {
                            let chosen = code.get_untracked().parse::<usize>().ok().and_then(|n| ResolutionCode::ALL.get(n).copied());
                            run(IncidentState::Resolved, None, chosen, notes.get_untracked());
                        }
                    >
                        "Resolve incident"
                    </button>
                    <button type="button" class="button" on:click=move |_| panel.set(Panel::Closed)>"Back"</button>
                </div>
            </div>
        }
    };

    view! {
        <section class="state-actions" aria-label="Lifecycle actions">
            <div class="toolbar">
                {buttons}
                {move || {
                    let none = app.workspace.with(|ws| ws.offered_transitions(id).is_empty());
                    none.then_some(view! { <p class="muted">"No further state change: this state is final."</p> })
                }}
            </div>
            {move || match panel.get() {
                Panel::Hold => hold_panel().into_any(),
                Panel::Resolve => resolve_panel().into_any(),
                Panel::Closed => ().into_any(),
            }}
            <FeedbackBox feedback place=Place::Actions />
        </section>
    }
}
