//! `/slas/whatif`: "What if I save this?" for the section's draft of
//! definitions and calendars: compliance per priority before → after, and
//! the timers that would change, before anything is saved.
//!
//! The saved side (`Baseline`) is replayed when the workspace or the clock's
//! minute changes, keeping the tickets whose timers cannot have moved; each
//! edit of the draft only compares against it. Both are done in steps (see
//! `whatif_run.rs`), with a progress bar on a large workspace. Every figure
//! and word comes from `domain::sla::whatif`.

use leptos::prelude::*;
use leptos_router::components::A;

use super::editor::use_editor;
use super::whatif_run::{WhatIfProgress, use_whatif_run};
use crate::domain::sla::whatif::{Draft, Outcome, WhatIf};
use crate::ui::state::use_app;

/// How many changed timers the list shows.
const SHOWN: usize = 50;

/// The What-if tab.
#[component]
pub fn WhatIfTab() -> impl IntoView {
    let app = use_app();
    let editor = use_editor();
    let run = use_whatif_run(move || {
        let config = editor.draft.with(|d| d.to_config());
        Some(config.map(|(calendars, slas)| Draft { calendars, slas, matrix: app.workspace.with(|ws| ws.matrix().clone()) }))
    });
    let unsaved = move || editor.unsaved();
    view! {
        <section class="whatif" aria-labelledby="whatif-title">
            <h2 id="whatif-title">"What if I save this?"</h2>
            <p class="muted">
                "The draft of definitions and calendars (edit it on the other tabs) compared with what is in force, at the app clock's time, with the workspace's priority matrix."
            </p>
            {move || (!unsaved()).then(|| view! { <p class="whatif-none" role="status">"No unsaved changes: the draft is what is in force."</p> })}
            <WhatIfProgress run />
            {move || match run.result.get() {
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
    }
}

/// The comparison: compliance table, counts and changed timers (also shown
/// under the priority matrix editor for its draft).
#[component]
pub fn WhatIfView(whatif: WhatIf) -> impl IntoView {
    let app = use_app();
    let priorities: Vec<(String, String, String, bool)> = app.workspace.with_untracked(|ws| {
        whatif
            .by_priority
            .iter()
            .map(|(&p, c)| (ws.matrix().priority.describe(p), c.before.describe(), c.after.describe(), c.changed()))
            .collect()
    });
    let overall = whatif.overall;
    let total = whatif.changes.len();
    let counts: Vec<String> = whatif.counts().into_iter().map(|(kind, n)| format!("{n} {}", kind.label())).collect();
    let summary = if total == 0 {
        "No timer would change.".to_string()
    } else {
        format!("{total} timer{} would change: {}.", if total == 1 { "" } else { "s" }, counts.join(", "))
    };
    let more = total.saturating_sub(SHOWN);
    let changes = whatif.changes.into_iter().take(SHOWN).collect::<Vec<_>>();
    view! {
        <table class="whatif-compliance">
            <caption>"Compliance per priority (achieved of finished timers)"</caption>
            <thead>
                <tr><th scope="col">"Priority"</th><th scope="col">"In force"</th><th scope="col">"With the draft"</th></tr>
            </thead>
            <tbody>
                {priorities.into_iter().map(|(p, before, after, changed)| view! {
                    <tr class:whatif-changed=changed>
                        <th scope="row">{p}</th><td>{before}</td><td>{after}{changed.then_some(" (changed)")}</td>
                    </tr>
                }).collect_view()}
                <tr class="whatif-total" class:whatif-changed=overall.changed()>
                    <th scope="row">"All"</th><td>{overall.before.describe()}</td><td>{overall.after.describe()}</td>
                </tr>
            </tbody>
        </table>
        <p class="whatif-summary" role="status">{summary}</p>
        {(total > 0).then(|| view! {
            <table class="whatif-changes">
                <caption>"Timers that would change"</caption>
                <thead>
                    <tr><th scope="col">"Ticket"</th><th scope="col">"Definition"</th><th scope="col">"Change"</th><th scope="col">"In force"</th><th scope="col">"With the draft"</th></tr>
                </thead>
                <tbody>
                    {changes.into_iter().map(|c| {
                        let number = c.number.to_string();
                        let href = format!("/incidents/{number}");
                        view! {
                            <tr>
                                <td><A href=href>{number}</A></td>
                                <td>{c.definition_name.clone()}</td>
                                <td>{c.kind.label()}</td>
                                <td>{side(c.before, c.zone)}</td>
                                <td>{side(c.after, c.zone)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! { <p class="muted">{format!("… and {more} more.")}</p> })}
        })}
    }
}

fn side(outcome: Option<Outcome>, zone: chrono_tz::Tz) -> String {
    match outcome {
        Some(o) => format!("{} (due {})", o.stage.label(), crate::domain::sla::explain::words::local_time(zone, o.due)),
        None => "not attached".to_string(),
    }
}
