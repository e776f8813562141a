//! Importing incidents from a CSV file: another tool's incident list, or
//! ServiceNow's audit log with one row per update. Every rule is in
//! `storage::csv`; this screen sequences it:
//!
//! 1. **Choose a file.** Its name and size are checked before it is read
//!    ([`csv::check_file`]), its text after ([`csv::decode`], the CSV
//!    grammar); the columns say which import it needs ([`csv::detect`]),
//!    which the person may change.
//! 2. **Columns** (incident lists): each column's field, proposed from its
//!    name and changeable; missing required fields are named.
//! 3. **Values**: every value with no meaning here is a question with a
//!    select; nothing is guessed ([`questions`]).
//! 4. **Preview**: the counts, the first incidents, every problem with its
//!    line and column. Importing is possible only when nothing blocks it.
//! 5. **Import** as a new workspace, then the report ([`report`]).
//!
//! Each change re-runs the preview after a pause, so the page shows that it
//! is checking; a newer change supersedes an older one. The preview and the
//! import of the whole file each run in one go (the API has no steps): for
//! the 4,850-row ServiceNow log that is a fraction of a second, and
//! [`csv::MAX_CSV_BYTES`] bounds it for larger files.

mod questions;
mod report;
mod steps;

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use super::picker::{bytes_of, file_drop, name_of, size_of};
use crate::storage::csv::{self, Answers, FileKind, Mapping, Preview, Problem, Question, QuestionKind, Refusal};
use crate::storage::workspace as store;
use crate::ui::state::{now_ms, sleep, use_app};
use report::Done;

/// The file being imported, as read.
#[derive(Clone, Debug)]
struct Loaded {
    name: String,
    headers: Vec<String>,
    /// The first data row, to show beside each column.
    sample: Vec<String>,
    rows: usize,
    detected: FileKind,
}

/// Where the import stands.
#[derive(Clone, Debug)]
enum Stage {
    Idle,
    Reading(String),
    Failed { file: String, sentence: String, problems: Vec<Problem> },
    /// The file is read: mapping, questions and preview are shown.
    Loaded,
    Importing,
    Done(Box<Done>),
}

/// Every value asked about for this file, by kind and value, so that an
/// answered question stays on screen (with its answer) after the preview
/// stops asking it.
type Asked = BTreeMap<(QuestionKind, String), Question>;

/// A problem as a sentence that says where it is.
fn sentence(p: &Problem) -> String {
    match (p.line, &p.column) {
        (Some(l), Some(c)) => format!("Line {l}, column “{c}”: {}", p.message),
        (Some(l), None) => format!("Line {l}: {}", p.message),
        _ => p.message.clone(),
    }
}

/// The most problems or notes listed; the rest are counted.
const LISTED: usize = 200;

/// A list of problems (or notes) as sentences, the first [`LISTED`] in full.
fn problem_list(label: &'static str, problems: &[Problem]) -> impl IntoView + use<> {
    let more = problems.len().saturating_sub(LISTED);
    let items: Vec<String> = problems.iter().take(LISTED).map(sentence).collect();
    view! {
        <ul class="import-problems" aria-label=label>
            {items.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
        </ul>
    }
}

/// The CSV import part of "Export and import".
#[component]
pub fn ImportCsv() -> impl IntoView {
    let app = use_app();
    let stage = RwSignal::new(Stage::Idle);
    let loaded = RwSignal::new(None::<Loaded>);
    let text = StoredValue::new(String::new());
    let as_log = RwSignal::new(false);
    let mapping = RwSignal::new(Mapping { headers: Vec::new(), targets: Vec::new() });
    let answers = RwSignal::new(Answers::default());
    let asked = RwSignal::new(Asked::new());
    let preview = RwSignal::new(None::<Preview>);
    let checking = RwSignal::new(false);
    let refused = RwSignal::new(None::<Refusal>);
    let message = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let run_id = StoredValue::new(0u32);

    let importer_name = move || {
        let name = app.workspace.with_untracked(|ws| ws.person_name(app.actor.get_untracked()));
        if name.trim().is_empty() { "Importer".to_owned() } else { name }
    };
    let plan = move |with: &Answers| {
        let (base, importer) = csv::workspace_for_import("Preview", &importer_name(), chrono::Utc::now());
        text.with_value(|t| {
            if as_log.get_untracked() {
                csv::preview_event_log(&base, t, with)
            } else {
                mapping.with_untracked(|m| csv::preview_incidents(&base, t, m, with, importer))
            }
        })
    };

    // Re-runs the preview. `afresh`: the file, its kind or its mapping
    // changed, so the values to ask about are collected again (a preview
    // without answers asks them all).
    let recheck = move |afresh: bool| {
        run_id.update_value(|n| *n += 1);
        let this_run = run_id.get_value();
        checking.set(true);
        refused.set(None);
        spawn_local(async move {
            sleep(40).await;
            if run_id.get_value() != this_run {
                return;
            }
            let given = answers.get_untracked();
            let mut found = if afresh { Asked::new() } else { asked.get_untracked() };
            let mut collect = |p: &Preview| {
                for q in &p.questions {
                    found.insert((q.kind, q.value.clone()), q.clone());
                }
            };
            if afresh && given != Answers::default() {
                collect(&plan(&Answers::default()));
            }
            let current = plan(&given);
            collect(&current);
            asked.set(found);
            preview.set(Some(current));
            checking.set(false);
        });
    };

    let reset = move |next: Stage| {
        run_id.update_value(|n| *n += 1);
        text.set_value(String::new());
        loaded.set(None);
        preview.set(None);
        asked.set(Asked::new());
        answers.set(Answers::default());
        refused.set(None);
        message.set(None);
        checking.set(false);
        stage.set(next);
    };

    let load = move |file: JsValue| {
        let name = name_of(&file);
        reset(Stage::Reading(name.clone()));
        let this_run = run_id.get_value();
        let file_name = name.clone();
        let fail = move |sentence: String, problems: Vec<Problem>| stage.set(Stage::Failed { file: file_name.clone(), sentence, problems });
        spawn_local(async move {
            if let Err(e) = csv::check_file(&name, size_of(&file) as usize) {
                return fail(format!("Nothing was read: {e}"), Vec::new());
            }
            let content = match bytes_of(&file).await.and_then(csv::decode) {
                Ok(content) => content,
                Err(e) => return fail(format!("Nothing was imported: {e}"), Vec::new()),
            };
            sleep(0).await;
            if run_id.get_value() != this_run {
                return;
            }
            let table = match csv::rfc4180::parse_table(&content) {
                Ok(table) => table,
                Err(e) => {
                    let problem = Problem { line: Some(e.line), column: None, message: e.message };
                    return fail("Nothing was imported: the file is not valid CSV, as shown below.".into(), vec![problem]);
                }
            };
            let Some(first) = table.rows.first() else {
                return fail("Nothing was imported: the file has a line of column names but no rows.".into(), Vec::new());
            };
            let detected = csv::detect(&table.headers);
            loaded.set(Some(Loaded {
                name: name.clone(),
                headers: table.headers.clone(),
                sample: first.cells.clone(),
                rows: table.rows.len(),
                detected,
            }));
            mapping.set(Mapping::propose(&table.headers));
            as_log.set(detected == FileKind::EventLog);
            text.set_value(content);
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
            new_name.set(format!("Imported from {stem}"));
            stage.set(Stage::Loaded);
            recheck(true);
        });
    };

    let import_new = move || {
        let Some(db) = app.database() else {
            message.set(Some("This browser is not storing workspaces right now, so nothing can be imported.".into()));
            return;
        };
        let Some(file) = loaded.get_untracked() else { return };
        let name = match new_name.get_untracked().trim() {
            "" => format!("Imported from {}", file.name),
            wanted => wanted.to_owned(),
        };
        message.set(None);
        refused.set(None);
        stage.set(Stage::Importing);
        spawn_local(async move {
            sleep(40).await;
            let started = now_ms();
            let (base, importer) = csv::workspace_for_import(&name, &importer_name(), chrono::Utc::now());
            let given = answers.get_untracked();
            let result = text.with_value(|t| {
                if as_log.get_untracked() {
                    csv::import_event_log(&base, t, &given, importer)
                } else {
                    mapping.with_untracked(|m| csv::import_incidents(&base, t, m, &given, importer))
                }
            });
            let replayed = now_ms();
            let imported = match result {
                Ok(imported) => imported,
                Err(refusal) => {
                    refused.set(Some(refusal));
                    return stage.set(Stage::Loaded);
                }
            };
            sleep(0).await;
            let stored_at = now_ms();
            let mut catalog = app.catalog.get_untracked();
            match store::create(&db, &mut catalog, &imported.workspace, chrono::Utc::now(), None).await {
                Ok(id) => {
                    let listed = catalog.get(&id).map_or_else(|| name.clone(), |e| e.name.clone());
                    app.catalog.set(catalog);
                    app.refresh_estimate();
                    let timing = report::Timing { replay_ms: replayed - started, store_ms: now_ms() - stored_at };
                    text.set_value(String::new());
                    loaded.set(None);
                    stage.set(Stage::Done(Box::new(Done::new(&file.name, id, listed, &imported, timing))));
                }
                Err(e) => {
                    message.set(Some(format!("Nothing was imported: {e}. Everything stored is as it was.")));
                    stage.set(Stage::Loaded);
                }
            }
        });
    };

    let ready = Signal::derive(move || !checking.get() && preview.with(|p| p.as_ref().is_some_and(Preview::is_ready)));
    let steps_view = move || {
        loaded.get().map(|file| {
            let cancel = move || reset(Stage::Idle);
            let state = steps::Steps { file, as_log, mapping, answers, asked, preview, checking, ready, new_name, refused, recheck, import_new, cancel };
            steps::view(state, stage)
        })
    };
    let stage_view = move || match stage.get() {
        Stage::Idle | Stage::Loaded => ().into_any(),
        Stage::Reading(file) => view! { <p role="status" class="data-message">{format!("Reading {file}…")}</p> }.into_any(),
        Stage::Importing => view! { <p role="status" class="data-message">"Importing: replaying every row and storing the new workspace…"</p> }.into_any(),
        Stage::Failed { file, sentence, problems } => view! {
            <div class="import-failed" role="alert">
                <h4>"Not imported: " <span class="file-name">{file}</span></h4>
                <p>{sentence}</p>
                {(!problems.is_empty()).then(|| problem_list("Problems in the file", &problems))}
                <p class="muted">"Nothing stored was changed."</p>
            </div>
        }
        .into_any(),
        Stage::Done(done) => report::view(*done, move || reset(Stage::Idle)).into_any(),
    };

    view! {
        <h3>"Import incidents from a CSV file"</h3>
        <p>"An incident list exported from ServiceNow, iTop or a spreadsheet (one row per incident), or ServiceNow's incident audit log (one row per update, replayed as each incident's history). It becomes a new workspace; nothing already stored changes."</p>
        {file_drop(
            "Choose a CSV file (.csv)",
            ".csv,text/csv,.txt,text/plain",
            " or drop it here. You check the columns, the values and a preview before anything is imported.",
            load,
        )}
        {stage_view}
        {steps_view}
        {move || message.get().map(|m| view! { <p role="alert" class="data-message">{m}</p> })}
    }
}
