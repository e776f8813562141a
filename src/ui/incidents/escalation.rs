//! Escalating an incident (functionally to a group, hierarchically to the
//! group's manager) and declaring it a major incident.

use leptos::prelude::*;

use super::controls::{id_value, option_list, parse_id};
use super::feedback::{Feedback, Place};
use crate::domain::{Command, EscalationRequest, GroupId, TicketId};
use crate::ui::state::use_app;

/// Escalation buttons and the major incident toggle of incident `id`.
#[component]
pub fn EscalationPanel(id: TicketId, feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let to_group = RwSignal::new(String::new());
    // Bumped when the domain refuses the toggle, so the checkbox shows the stored flag again.
    let major_refresh = RwSignal::new(0u32);
    let number = move || app.workspace.with_untracked(|ws| ws.record(id).map(|r| r.number.to_string()).unwrap_or_default());

    let escalate = move |escalation: EscalationRequest| match app.apply(Command::Escalate { id, escalation }) {
        Ok(_) => {
            let text = app.workspace.with_untracked(|ws| match escalation {
                EscalationRequest::Functional { to_group } => {
                    format!("{} escalated to {}.", number(), ws.group_name(to_group))
                }
                EscalationRequest::Hierarchical => {
                    let manager = ws.incident(id).and_then(|i| i.escalated_to).map(|p| ws.person_name(p));
                    format!("{} escalated to {}.", number(), manager.unwrap_or_else(|| "the manager".into()))
                }
            });
            to_group.set(String::new());
            feedback.status(Place::Side, text);
        }
        Err(e) => feedback.refused(Place::Side, &e),
    };
    let escalate_to_group = move |_| match parse_id(&to_group.get_untracked()).map(GroupId) {
        Some(group) => escalate(EscalationRequest::Functional { to_group: group }),
        None => feedback.error(Place::Side, "Choose the group to escalate to in \"Escalation group\"."),
    };

    let group_options = move || {
        let mut items = vec![(String::new(), "Choose a group".to_string())];
        app.workspace.with(|ws| items.extend(ws.groups().iter().map(|g| (id_value(Some(g.id.0)), g.name.clone()))));
        option_list(items, to_group.into())
    };
    let major = move || {
        major_refresh.track();
        app.workspace.with(|ws| ws.incident(id).is_some_and(|i| i.major))
    };
    let on_major = move |ev| {
        let wanted = event_target_checked(&ev);
        match app.apply(Command::SetMajor { id, major: wanted }) {
            Ok(_) => {
                let text = if wanted { "declared a major incident" } else { "is no longer a major incident" };
                feedback.status(Place::Side, format!("{} {text}.", number()));
            }
            Err(e) => {
                major_refresh.update(|n| *n += 1);
                feedback.refused(Place::Side, &e);
            }
        }
    };
    let escalation_state = move || {
        app.workspace.with(|ws| {
            let inc = ws.incident(id)?;
            let mut parts = Vec::new();
            if inc.functional_escalations > 0 {
                parts.push(format!("{} functional escalation(s)", inc.functional_escalations));
            }
            if let Some(manager) = inc.escalated_to {
                parts.push(format!("level {} with {}", inc.escalation_level, ws.person_name(manager)));
            }
            (!parts.is_empty()).then(|| format!("So far: {}.", parts.join("; ")))
        })
    };

    view! {
        <section class="side-panel" aria-labelledby="escalation-title">
            <h2 id="escalation-title">"Escalation"</h2>
            <p class="muted">
                "Functional escalation hands the incident to a more specialised group; "
                "hierarchical escalation alerts the assignment group's manager."
            </p>
            <div class="field">
                <label for="escalation-group">"Escalation group"</label>
                <select id="escalation-group" on:change=move |ev| to_group.set(event_target_value(&ev))>
                    {group_options}
                </select>
            </div>
            <div class="panel-buttons">
                <button type="button" class="button" on:click=escalate_to_group>"Escalate to group"</button>
                <button type="button" class="button" on:click=move |_| escalate(EscalationRequest::Hierarchical)>
                    "Escalate to manager"
                </button>
            </div>
            {move || escalation_state().map(|text| view! { <p class="field-note">{text}</p> })}
            <div class="field checkbox">
                <input id="inc-major" type="checkbox" prop:checked=major on:change=on_major />
                <label for="inc-major">"Major incident"</label>
            </div>
            <p class="muted">"A major incident has its own, faster procedure. Group managers and admins declare it."</p>
        </section>
    }
}
