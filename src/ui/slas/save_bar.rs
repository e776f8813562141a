//! Save and Discard for the SLA draft, with what is unsaved and what is wrong.

use leptos::prelude::*;

use super::editor::use_editor;
use super::notice::{NoticeBox, Spot};

/// The bar under the Definitions and Calendars tabs.
#[component]
pub fn SaveBar() -> impl IntoView {
    let editor = use_editor();
    let problems = Memo::new(move |_| editor.draft.with(|d| d.problems()));
    let state = move || {
        let count = problems.with(Vec::len);
        match (editor.unsaved(), count) {
            (false, _) => view! { <p class="save-state">"No unsaved changes: this is the configuration in force."</p> }.into_any(),
            (true, 0) => view! {
                <p class="save-state"><span class="badge draft">"Unsaved changes"</span>" Save to put them in force, for every ticket's timers."</p>
            }.into_any(),
            (true, n) => {
                let items = problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view();
                let heading = if n == 1 { "1 problem to fix before saving:".to_string() } else { format!("{n} problems to fix before saving:") };
                view! {
                    <div class="save-state">
                        <p><span class="badge draft">"Unsaved changes"</span>" "{heading}</p>
                        <ul class="lint-findings">{items}</ul>
                    </div>
                }.into_any()
            }
        }
    };
    view! {
        <section class="save-bar" aria-label="Save SLA settings">
            {state}
            <div class="form-buttons">
                <button type="button" class="button primary" on:click=move |_| editor.save()>"Save SLA settings"</button>
                <button type="button" class="button" on:click=move |_| editor.discard()>"Discard changes"</button>
            </div>
            <NoticeBox notice=editor.notice spot=Spot::Save />
        </section>
    }
}
