//! Export and import: the part of the Data section that moves a workspace
//! in and out of the browser as a file. (The JSON and CSV exchange formats
//! live in `src/storage/exchange` and `src/storage/csv`; their controls go
//! here.) Whatever exports a workspace calls [`AppState::mark_exported`] so
//! that the export reminder counts from zero again.
//!
//! [`AppState::mark_exported`]: crate::ui::state::AppState::mark_exported

use leptos::prelude::*;

use crate::ui::banner::file_name;
use crate::ui::download::download_text;
use crate::ui::state::use_app;

/// Export and import controls.
#[component]
pub fn ExportImport() -> impl IntoView {
    let app = use_app();
    let outcome = RwSignal::new(None::<String>);
    let export = move |_| {
        let (name, json) = app.workspace.with_untracked(|ws| (ws.name().to_owned(), ws.to_json()));
        match download_text(&file_name(&name), "application/json", &json) {
            Ok(()) => {
                app.mark_exported();
                outcome.set(Some(format!("Exported {} as {}.", name, file_name(&name))));
            }
            Err(e) => outcome.set(Some(e)),
        }
    };
    view! {
        <section class="data-block" aria-labelledby="export-import-title">
            <h2 id="export-import-title">"Export and import"</h2>
            <p>"An exported file is your own copy of the workspace, safe from the browser clearing its storage."</p>
            <p class="banner-actions">
                <button type="button" class="button" on:click=export>"Export this workspace (JSON)"</button>
            </p>
            {move || outcome.get().map(|text| view! { <p role="status">{text}</p> })}
        </section>
    }
}
