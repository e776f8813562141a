//! Save and Discard for the SLA draft, with what is unsaved and what is wrong.

use leptos::prelude::*;

use super::editor::use_editor;
use super::notice::{NoticeBox, Spot};
use crate::ui::format::count;

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
    let saving = move || editor.saving.get().is_some();
    // A large workspace: every timer is worked out again before the save, in steps.
    let progress = move || {
        editor.saving.get().map(|(done, total)| {
            view! {
                <div class="save-progress">
                    <p role="status">{format!("Saving: working out every timer again, {} of {} tickets…", count(done), count(total))}</p>
                    <progress aria-label="Saving progress" max=total value=done></progress>
                </div>
            }
        })
    };
    view! {
        <section class="save-bar" aria-label="Save SLA settings" aria-busy=move || saving().to_string()>
            {state}
            <div class="form-buttons">
                <button type="button" class="button primary" disabled=saving on:click=move |_| editor.save()>"Save SLA settings"</button>
                <button type="button" class="button" disabled=saving on:click=move |_| editor.discard()>"Discard changes"</button>
            </div>
            {progress}
            <NoticeBox notice=editor.notice spot=Spot::Save />
        </section>
    }
}
