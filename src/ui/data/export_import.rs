//! Export and import: the part of the Data section that moves a workspace
//! in and out of the browser as a file or a share link. The formats live in
//! `src/storage/exchange` (JSON) and `src/storage/csv`; this file only
//! offers them. Whatever exports a whole workspace calls
//! [`AppState::mark_exported`] so that the export reminder counts from zero.
//!
//! An export is written in steps of about 30 ms ([`Pace`]), so the page
//! keeps answering at 100,000 tickets; meanwhile it shows how far it got,
//! the export buttons wait, and auto-closes wait too (see
//! [`AppState::export`]). A workspace that changes anyway (an edit, another
//! tab's save) stops the export: no file ever mixes two moments.
//!
//! [`AppState::mark_exported`]: crate::ui::state::AppState::mark_exported
//! [`AppState::export`]: crate::ui::state::AppState::export

use std::ops::ControlFlow::{Break, Continue};

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::import_csv::ImportCsv;
use super::import_json::ImportJson;
use super::share_link::ShareLinks;
use crate::storage::csv::export::{CsvExportJob, Dialect};
use crate::storage::exchange::{self, ExportJob, ExportSteps, Scope, StepError, Style};
use crate::domain::Workspace;
use crate::storage::pace::sleep;
use crate::ui::download::{Parts, offer};
use crate::ui::format::count;
use crate::ui::later::in_steps;
use crate::ui::state::{AppState, Exporting, use_app};

/// Tickets (or incidents) written per step of a job: a few milliseconds,
/// so a step of the page ends close to its 30 ms.
const BATCH: usize = 250;

/// What the user is told when the workspace changed during an export.
const CHANGED: &str = "The workspace changed while it was being exported (an edit, or a save from another tab), \
                       so no file was made: an export holds one moment. Export again.";

/// One export to run: the job, where its file goes, and what to say when done.
struct Plan {
    job: Box<dyn ExportSteps>,
    /// What is exported, for the progress line ("the workspace").
    what: &'static str,
    /// What the job counts ("tickets", "incidents").
    noun: &'static str,
    file: String,
    mime: &'static str,
    /// The status once the download started.
    done: String,
    /// Whether the whole workspace is exported (the reminder starts again).
    whole: bool,
}

/// Runs `job` to its end in steps, showing progress, then offers the file.
async fn run(app: AppState, mut job: Box<dyn ExportSteps>, file: &str, mime: &str) -> Result<(), String> {
    let mut parts = Parts::new();
    // The click's task ends first, and the last step and the download get
    // tasks of their own, so that none of them adds up past 50 ms.
    sleep(0).await;
    let step = |ws: &Workspace| match job.step(ws, &mut parts, BATCH) {
        Ok(false) => Continue((job.written(), job.total())),
        ended => Break(ended),
    };
    let report = |done, _| {
        app.export.update(|e| {
            if let Some(e) = e {
                e.done = done;
            }
        })
    };
    match in_steps(app, step, report, || true).await.ok_or("The page closed during the export.")? {
        Ok(_) => {}
        Err(StepError::Changed) => return Err(CHANGED.to_string()),
        Err(e) => return Err(format!("The export stopped: {e}.")),
    }
    sleep(0).await;
    offer(parts, file, mime)
}

/// Export and import controls.
#[component]
pub fn ExportImport() -> impl IntoView {
    let app = use_app();
    let outcome = RwSignal::new(None::<String>);
    let busy = move || app.export.with(Option::is_some);
    let launch = move |plan: Plan| {
        if app.export.with_untracked(Option::is_some) {
            return;
        }
        let Plan { job, what, noun, file, mime, done, whole } = plan;
        app.export.set(Some(Exporting { what, noun, done: 0, total: job.total() }));
        outcome.set(None);
        spawn_local(async move {
            let result = run(app, job, &file, mime).await;
            app.export.set(None);
            let message = match result {
                Ok(()) => {
                    if whole {
                        app.mark_exported();
                    }
                    done
                }
                Err(e) => e,
            };
            // The Data page may be closed by now; the download went ahead anyway.
            let _ = outcome.try_set(Some(message));
        });
    };
    let export_json = move |scope: Scope| {
        let now = chrono::Utc::now();
        let (file, job) = app.workspace.with_untracked(|ws| (exchange::file_name(ws, scope, now), ExportJob::new(ws, scope, now, Style::Records)));
        let what = if scope == Scope::Workspace { "the workspace" } else { "the design" };
        let done = format!("Exported {} as {file}.", scope.label());
        launch(Plan { job: Box::new(job), what, noun: "tickets", file, mime: "application/json", done, whole: scope == Scope::Workspace });
    };
    let export_csv = move |dialect: Dialect| {
        let job = app.workspace.with_untracked(|ws| CsvExportJob::new(ws, dialect));
        let what = match dialect {
            Dialect::ServiceNow => "the incidents for ServiceNow",
            Dialect::Itop => "the incidents for iTop",
        };
        let done = format!("Exported the incidents for {} as {}.", dialect.label(), dialect.file_name());
        let file = dialect.file_name().to_string();
        launch(Plan { job: Box::new(job), what, noun: "incidents", file, mime: "text/csv", done, whole: false });
    };
    view! {
        <section class="data-block" aria-labelledby="export-import-title">
            <h2 id="export-import-title">"Export and import"</h2>
            <p>"An exported file is your own copy of the workspace, safe from the browser clearing its storage."</p>
            <h3>"Export"</h3>
            <p class="banner-actions">
                <button type="button" class="button" disabled=busy on:click=move |_| export_json(Scope::Workspace)>"Export this workspace (JSON)"</button>
                <button type="button" class="button" disabled=busy on:click=move |_| export_json(Scope::Design)>"Export its design, no tickets (JSON)"</button>
                <button type="button" class="button" disabled=busy on:click=move |_| export_csv(Dialect::ServiceNow)>"Export incidents for ServiceNow (CSV)"</button>
                <button type="button" class="button" disabled=busy on:click=move |_| export_csv(Dialect::Itop)>"Export incidents for iTop (CSV)"</button>
            </p>
            // Shown once a first step is written: a small export is over before then.
            {move || app.export.get().filter(|e| e.done > 0).map(|e| view! {
                <p role="status" class="data-message">
                    {format!("Exporting {}… {} of {} {} written.", e.what, count(e.done), count(e.total), e.noun)}
                </p>
                <progress class="data-progress" aria-label="Export progress" max=e.total value=e.done></progress>
            })}
            {move || outcome.get().map(|text| view! { <p role="status" class="data-message">{text}</p> })}
            <ShareLinks />
            <ImportJson />
            <ImportCsv />
        </section>
    }
}
