//! The priority matrix editor: presets, cells, and the linter's findings.
//!
//! Everything happens on a draft; the matrix in force changes only when the
//! draft is saved, and the domain decides whether it may be.

use leptos::prelude::*;

use super::controls::option_list;
use super::feedback::{Feedback, FeedbackBox, Place};
use super::matrix_grid::MatrixGrid;
use crate::domain::sla::whatif::Draft;
use crate::domain::{Command, PriorityMatrix};
use crate::ui::slas::{WhatIfProgress, WhatIfView, use_whatif_run};
use crate::ui::sections::Section;
use crate::ui::state::use_app;

/// `/incidents/matrix`.
#[component]
pub fn PriorityMatrixPage() -> impl IntoView {
    Effect::new(move |_| document().set_title("Priority matrix · ServiceLab"));
    let app = use_app();
    let feedback = Feedback::new();
    let presets = PriorityMatrix::presets();
    let in_force = app.workspace.with_untracked(|ws| ws.matrix().clone());
    let first_preset = presets.iter().position(|p| p.name == in_force.name).unwrap_or(0);
    let preset = RwSignal::new(first_preset.to_string());
    let draft = RwSignal::new(in_force);
    let findings = Memo::new(move |_| draft.with(|m| m.lint()));
    let unsaved = move || app.workspace.with(|ws| draft.with(|d| d != ws.matrix()));
    let in_force_name = move || app.workspace.with(|ws| ws.matrix().name.clone());

    let preset_items: Vec<(String, String)> =
        presets.iter().enumerate().map(|(n, p)| (n.to_string(), p.name.clone())).collect();
    let load = move |_| {
        let Some(chosen) = preset.get_untracked().parse::<usize>().ok().and_then(|n| PriorityMatrix::presets().get(n).cloned())
        else {
            return feedback.error(Place::Form, "Choose a preset to load.");
        };
        let name = chosen.name.clone();
        draft.set(chosen);
        feedback.status(Place::Form, format!("Loaded the {name} preset into the draft. Nothing changes until you save it."));
    };
    let save = move |_| match app.apply(Command::SetPriorityMatrix(draft.get_untracked())) {
        Ok(_) => feedback.status(
            Place::Actions,
            format!(
                "Saved: the \"{}\" matrix is now in force. New incidents and impact or urgency changes use it; recorded priorities stay as they are.",
                draft.with_untracked(|d| d.name.clone())
            ),
        ),
        Err(e) => feedback.refused(Place::Actions, &e),
    };
    let discard = move |_| {
        draft.set(app.workspace.with_untracked(|ws| ws.matrix().clone()));
        feedback.status(Place::Actions, "Draft discarded: the grid shows the matrix in force again.");
    };

    let lint = move || {
        findings.with(|list| {
            if list.is_empty() {
                view! {
                    <p class="lint-clean">
                        "No problems: priority never gets less severe as impact or urgency gets more severe."
                    </p>
                }
                .into_any()
            } else {
                let items = list.iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view();
                view! { <ul class="lint-findings">{items}</ul> }.into_any()
            }
        })
    };

    // What the draft would do to every ticket's SLA timers: priorities are
    // recomputed through the draft at every point of each ticket's history.
    let run = use_whatif_run(move || {
        app.workspace.with(|ws| {
            draft.with(|matrix| {
                (matrix != ws.matrix()).then(|| Ok(Draft { calendars: ws.calendars().clone(), slas: ws.slas().to_vec(), matrix: matrix.clone() }))
            })
        })
    });

    view! {
        <section class="page matrix-page" aria-labelledby="page-title">
            <header class="page-intro">
                <h1 id="page-title">"Priority matrix"</h1>
                <p class="purpose">
                    "Impact is how much of the business an incident hurts: how many people, services or customers are affected. "
                    "Urgency is how fast it hurts: how soon the damage grows if nothing is done. "
                    "Priority combines the two through this matrix and sets the order in which incidents are worked, and the targets they are held to."
                </p>
                <p class="itil">{Section::Incidents.itil_sentence()}</p>
            </header>
            <p class="matrix-status">
                "In force: " <strong>{in_force_name}</strong>
                {move || unsaved().then_some(view! { <span class="badge draft">"Draft has unsaved changes"</span> })}
            </p>
            <div class="preset-row">
                <div class="field">
                    <label for="matrix-preset">"Preset"</label>
                    <select id="matrix-preset" on:change=move |ev| preset.set(event_target_value(&ev))>
                        {option_list(preset_items, preset.into())}
                    </select>
                </div>
                <button type="button" class="button" on:click=load>"Load preset"</button>
            </div>
            <FeedbackBox feedback place=Place::Form />
            <MatrixGrid draft findings feedback />
            <section class="lint" aria-labelledby="lint-title">
                <h2 id="lint-title">"Linter"</h2>
                {lint}
            </section>
            <div class="form-buttons">
                <button type="button" class="button primary" on:click=save>"Save matrix"</button>
                <button type="button" class="button" on:click=discard>"Discard draft"</button>
            </div>
            <FeedbackBox feedback place=Place::Actions />
            <section class="whatif" aria-labelledby="matrix-whatif-title">
                <h2 id="matrix-whatif-title">"What if I save this matrix?"</h2>
                <WhatIfProgress run />
                {move || match run.result.get() {
                    None if !unsaved() => view! { <p class="whatif-none" role="status">"No unsaved changes: the draft is the matrix in force."</p> }.into_any(),
                    None => ().into_any(),
                    Some(Err(problems)) => view! {
                        <div class="whatif-problems" role="alert">
                            <p>"The draft cannot be compared until these are fixed:"</p>
                            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any(),
                    Some(Ok(whatif)) => view! { <WhatIfView whatif /> }.into_any(),
                }}
            </section>
        </section>
    }
}
