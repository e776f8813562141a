//! Export and import: the part of the Data section that moves a workspace
//! in and out of the browser as a file or a share link. The formats live in
//! `src/storage/exchange` (JSON) and `src/storage/csv`; this file only
//! offers them. Whatever exports a whole workspace calls
//! [`AppState::mark_exported`] so that the export reminder counts from zero.
//!
//! [`AppState::mark_exported`]: crate::ui::state::AppState::mark_exported

use leptos::prelude::*;

use super::import_csv::ImportCsv;
use super::import_json::ImportJson;
use super::share_link::ShareLinks;
use crate::storage::csv::export::{Dialect, export_incidents};
use crate::storage::exchange::{self, Scope, Style};
use crate::ui::download::{download_text, download_written};
use crate::ui::state::use_app;

/// Export and import controls.
#[component]
pub fn ExportImport() -> impl IntoView {
    let app = use_app();
    let outcome = RwSignal::new(None::<String>);
    let export_json = move |scope: Scope| {
        let now = chrono::Utc::now();
        // Written straight into the download's parts: never one text of the whole workspace.
        let (file, started) = app.workspace.with_untracked(|ws| {
            let file = exchange::file_name(ws, scope, now);
            let started = download_written(&file, "application/json", |out| exchange::export_to(ws, scope, now, Style::Records, out));
            (file, started)
        });
        match started {
            Ok(()) => {
                if scope == Scope::Workspace {
                    app.mark_exported();
                }
                outcome.set(Some(format!("Exported {} as {file}.", scope.label())));
            }
            Err(e) => outcome.set(Some(e)),
        }
    };
    let export_csv = move |dialect: Dialect| {
        let csv = app.workspace.with_untracked(|ws| export_incidents(ws, dialect));
        match download_text(dialect.file_name(), "text/csv", &csv) {
            Ok(()) => outcome.set(Some(format!("Exported the incidents for {} as {}.", dialect.label(), dialect.file_name()))),
            Err(e) => outcome.set(Some(e)),
        }
    };
    view! {
        <section class="data-block" aria-labelledby="export-import-title">
            <h2 id="export-import-title">"Export and import"</h2>
            <p>"An exported file is your own copy of the workspace, safe from the browser clearing its storage."</p>
            <h3>"Export"</h3>
            <p class="banner-actions">
                <button type="button" class="button" on:click=move |_| export_json(Scope::Workspace)>"Export this workspace (JSON)"</button>
                <button type="button" class="button" on:click=move |_| export_json(Scope::Design)>"Export its design, no tickets (JSON)"</button>
                <button type="button" class="button" on:click=move |_| export_csv(Dialect::ServiceNow)>"Export incidents for ServiceNow (CSV)"</button>
                <button type="button" class="button" on:click=move |_| export_csv(Dialect::Itop)>"Export incidents for iTop (CSV)"</button>
            </p>
            {move || outcome.get().map(|text| view! { <p role="status" class="data-message">{text}</p> })}
            <ShareLinks />
            <ImportJson />
            <ImportCsv />
        </section>
    }
}
