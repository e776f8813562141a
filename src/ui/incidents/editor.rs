//! The incident form itself: it holds the draft, checks the required fields,
//! and turns Create / Save into domain commands.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::controls::focus;
use super::draft::{IncidentDraft, Missing};
use super::feedback::{Feedback, FeedbackBox, Place};
use super::fields::IncidentFields;
use crate::domain::{Command, IncidentState, TicketId, TicketKind};
use crate::ui::state::{use_app, AppState};

/// The form for a new incident (`id` is `None`) or an existing one.
#[component]
pub fn IncidentEditor(id: Option<TicketId>, feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let stored = move |ws: &crate::domain::Workspace| id.and_then(|id| ws.incident(id)).map(IncidentDraft::of);
    let initial = app
        .workspace
        .with_untracked(|ws| stored(ws).unwrap_or_else(|| IncidentDraft::blank(ws.matrix())));
    let base = StoredValue::new(initial.clone());
    let draft = RwSignal::new(initial);
    let show_missing = RwSignal::new(false);

    // When a transition, an escalation or another action changes the stored
    // incident, the untouched fields follow it; the person's edits stay.
    let current = Memo::new(move |_| app.workspace.with(stored));
    Effect::new(move |_| {
        if let Some(new_base) = current.get() {
            let old_base = base.get_value();
            if old_base != new_base {
                draft.update(|d| *d = d.rebase(&old_base, &new_base));
                base.set_value(new_base);
            }
        }
    });

    let state = Memo::new(move |_| {
        app.workspace.with(|ws| id.and_then(|id| ws.incident(id)).map(|i| (i.state, i.hold_reason)))
    });
    let number = Signal::derive(move || {
        app.workspace.with(|ws| match id.and_then(|id| ws.record(id)) {
            Some(record) => record.number.to_string(),
            None => ws.next_number(TicketKind::Incident).to_string(),
        })
    });
    let state_text = Signal::derive(move || state.get().map_or(IncidentState::New, |(s, _)| s).label().to_string());
    let state_note = Signal::derive(move || {
        state.get().and_then(|(_, reason)| reason).map(|r| format!("Reason: {}", r.label()))
    });
    let is_final = move || state.get().is_some_and(|(s, _)| s.is_final());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        show_missing.set(true);
        let wanted = draft.get_untracked();
        if let Some(first) = wanted.missing().first() {
            feedback.clear();
            focus(match first {
                Missing::Caller => "inc-caller",
                Missing::ShortDescription => "inc-short",
            });
            return;
        }
        match id {
            None => {
                let Ok(command) = wanted.create_command() else { return };
                match app.apply(command) {
                    Ok(applied) => {
                        let number = applied
                            .created
                            .and_then(|c| app.workspace.with_untracked(|ws| ws.record(c).map(|r| r.number)));
                        if let Some(number) = number {
                            navigate(&format!("/incidents/{number}"), Default::default());
                        }
                    }
                    Err(e) => feedback.refused(Place::Form, &e),
                }
            }
            Some(id) => save(app, id, &wanted, base, draft, feedback),
        }
    };

    let button = if id.is_some() { "Save" } else { "Create" };
    view! {
        <form class="incident-form" novalidate on:submit=on_submit>
            <FeedbackBox feedback place=Place::Form />
            <fieldset class="form-body" disabled=is_final>
                <IncidentFields
                    draft
                    show_missing=show_missing.into()
                    number
                    state=state_text
                    state_note
                />
                <div class="form-buttons">
                    <button type="submit" class="button primary">{button}</button>
                </div>
            </fieldset>
        </form>
    }
}

/// Saves an existing incident: the changed fields first, then the assignment.
fn save(
    app: AppState,
    id: TicketId,
    wanted: &IncidentDraft,
    base: StoredValue<IncidentDraft>,
    draft: RwSignal<IncidentDraft>,
    feedback: Feedback,
) {
    let before = base.get_value();
    let edits = wanted.edits_from(&before);
    let assign = wanted.assign_command(id, &before);
    if edits.is_empty() && assign.is_none() {
        feedback.status(Place::Form, "Nothing to save: no field has changed.");
        return;
    }
    let had_edits = !edits.is_empty();
    if had_edits && let Err(e) = app.apply(Command::UpdateIncident { id, edits }) {
        feedback.refused(Place::Form, &e);
        return;
    }
    let assigned = assign.map(|command| app.apply(command));
    // Show exactly what is stored now, as the domain normalised it.
    let (saved, number) = app.workspace.with_untracked(|ws| {
        (ws.incident(id).map(IncidentDraft::of), ws.record(id).map(|r| r.number.to_string()).unwrap_or_default())
    });
    if let Some(saved) = saved {
        let mut next = saved.clone();
        if matches!(assigned, Some(Err(_))) {
            // Keep the refused assignment on screen so it can be corrected.
            (next.group, next.agent) = (wanted.group, wanted.agent);
        }
        base.set_value(saved);
        draft.set(next);
    }
    match assigned {
        Some(Err(e)) if had_edits => {
            feedback.error(Place::Form, format!("The fields were saved, but the assignment was refused: {e}"));
        }
        Some(Err(e)) => feedback.refused(Place::Form, &e),
        _ => feedback.status(Place::Form, format!("{number} saved.")),
    }
}
