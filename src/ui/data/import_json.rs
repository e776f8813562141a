//! Importing a JSON export: pick a file, watch it being checked, read the
//! problems or the preview, then import it as a new workspace or replace
//! one (which keeps a backup). Every rule is in `storage::exchange` and
//! `storage::workspace`; this component only sequences them and shows them.
//!
//! The file's size is checked before it is read. An export of the current
//! version is then read a [`SLICE`] at a time ([`read_in_slices`]), each
//! slice's tickets read as it comes, so the page keeps drawing, a bar shows
//! how much is read, and the whole file is never held at once. Any other
//! file (an older version, a design, a damaged file) is read whole, as
//! before, which is what words its refusal. The checks run in steps
//! of [`STEP`] tickets with a pause between them, so the page keeps
//! responding and the progress bar moves. Nothing stored changes until the
//! user confirms, and a refused file changes nothing at all.
//!
//! A share link is checked, refused or previewed the same way
//! ([`check_in_steps`], [`Refused`], [`preview_facts`], [`store_as_new`]);
//! see `super::share_offer`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use web_sys::IdbDatabase;

use super::held::Held;
use super::picker::{bytes_of, file_drop, name_of, size_of, slice_of};
use super::workspaces::open;
use crate::domain::Workspace;
use crate::storage::exchange::{ImportError, ImportJob, Imported, MAX_IMPORT_BYTES, Preview, Problem, Progress, StreamRead};
use crate::storage::pace::Pace;
use crate::storage::workspace as store;
use crate::ui::state::{AppState, sleep, use_app};

/// Tickets checked between two pauses.
const STEP: usize = 2_000;

/// Bytes of a file read at a time: half a megabyte, read in 5 to 20 ms
/// (the first slices take longer, before the browser has optimised the code).
const SLICE: usize = 1 << 19;

/// Tickets whose caches are built between two looks at the time.
const BUILD_STEP: usize = 64;

/// Where an import stands.
#[derive(Clone, Debug)]
enum Stage {
    Idle,
    /// Reading the file a slice at a time: `read` of its `size` bytes.
    Reading { file: String, read: usize, size: usize },
    /// Reading or checking; `total` is 0 while the file is being read.
    Checking { file: String, checked: usize, total: usize },
    Failed { file: String, refused: Refused },
    Ready { file: String, preview: Preview },
    Working(String),
    Done { text: String, open: Option<String> },
}

/// Where the data being imported came from, for the sentences about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    File,
    Link,
}

/// Why nothing was imported, as shown: a sentence, and the problems with
/// their JSON paths when the data was a readable export.
#[derive(Clone, Debug)]
pub(super) struct Refused {
    sentence: String,
    problems: Vec<Problem>,
    /// Problems found beyond those listed.
    more: usize,
}

impl Refused {
    /// A refusal with only a sentence.
    pub(super) fn plain(sentence: String) -> Self {
        Refused { sentence, problems: Vec::new(), more: 0 }
    }

    /// What to say about `error`. The problems are listed below the
    /// sentence, so then it only counts them.
    pub(super) fn new(error: &ImportError, source: Source) -> Self {
        let ImportError::Invalid(problems) = error else { return Self::plain(error.to_string()) };
        if problems.listed().is_empty() {
            return Self::plain(error.to_string());
        }
        let (whole, part, remedy) = match source {
            Source::File => ("the file", "in the file", "Fix them, or export the file again."),
            Source::Link => ("the data in this link", "in that data", "Ask for a new link."),
        };
        let sentence = match problems.total() {
            1 => format!("Nothing was imported: {whole} has 1 problem, shown below with where it is {part}. {}", remedy.replace("them", "it")),
            n => format!("Nothing was imported: {whole} has {n} problems, listed below with where each is {part}. {remedy}"),
        };
        Refused { sentence, problems: problems.listed().to_vec(), more: problems.more() }
    }

    /// The sentence, then the problems (each with its JSON path).
    pub(super) fn view(self, source: Source) -> impl IntoView {
        let label = match source {
            Source::File => "Problems in the file",
            Source::Link => "Problems in the link",
        };
        let Refused { sentence, problems, more } = self;
        view! {
            <p>{sentence}</p>
            {(!problems.is_empty()).then(|| view! {
                <ul class="import-problems" aria-label=label>
                    {problems.into_iter().map(|p| view! { <li><code>{p.path}</code> " " {p.message}</li> }).collect_view()}
                    {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
                </ul>
            })}
        }
    }
}

fn failed(file: String, error: ImportError) -> Stage {
    Stage::Failed { file, refused: Refused::new(&error, Source::File) }
}

/// Checks an export in steps of [`STEP`] tickets with a pause between them,
/// telling `on_step` how far it got. `None` if `current` says that a newer
/// check has replaced this one.
pub(super) async fn check_in_steps(
    bytes: Vec<u8>,
    on_step: impl Fn(Progress),
    current: impl Fn() -> bool,
) -> Option<Result<Imported, ImportError>> {
    sleep(0).await;
    let started = ImportJob::start(&bytes, chrono::Utc::now());
    drop(bytes);
    match started {
        Ok(job) => check_started(job, on_step, current).await,
        Err(e) => Some(Err(e)),
    }
}

/// What reading a file in slices came to.
enum Sliced {
    Read(Box<ImportJob>),
    /// Not an export of the current version read without a hitch: read it whole.
    Unusual,
    Failed(String),
    /// A newer import replaced this one.
    Replaced,
}

/// Reads `file` (`size` bytes) a [`SLICE`] at a time into a [`StreamRead`],
/// telling `on_read` how many bytes are in. Each slice comes through a
/// promise, which gives the browser a turn; the next one is asked for before
/// this one is read, so the browser reads the file meanwhile.
async fn read_in_slices(file: &JsValue, size: usize, on_read: impl Fn(usize), current: impl Fn() -> bool) -> Sliced {
    let mut stream = StreamRead::new();
    let ask = |from: usize| slice_of(file, from as f64, (from + SLICE).min(size) as f64);
    let mut from = 0;
    let mut next = (size > 0).then(|| ask(0));
    while let Some(asked) = next.take() {
        let slice = match asked.await {
            Ok(slice) => slice,
            Err(e) => return Sliced::Failed(e),
        };
        if !current() {
            return Sliced::Replaced;
        }
        from += slice.len();
        // A file changed since it was chosen may give fewer bytes than asked.
        if slice.is_empty() {
            return Sliced::Unusual;
        }
        next = (from < size).then(|| ask(from));
        if !stream.feed(&slice) {
            return Sliced::Unusual;
        }
        on_read(from);
    }
    match ImportJob::streamed(stream) {
        Some(job) => Sliced::Read(Box::new(job)),
        None => Sliced::Unusual,
    }
}

/// Checks a started import's tickets in steps, then builds its caches.
async fn check_started(mut job: ImportJob, on_step: impl Fn(Progress), current: impl Fn() -> bool) -> Option<Result<Imported, ImportError>> {
    loop {
        let progress = job.step(STEP);
        if !current() {
            return None;
        }
        on_step(progress);
        if job.is_done() {
            break;
        }
        sleep(0).await;
    }
    // Then the workspace's caches, a few hundred tickets at a time as well.
    let mut building = match job.build() {
        Ok(building) => building,
        Err(e) => return Some(Err(e)),
    };
    let mut pace = Pace::new();
    loop {
        match building.step(BUILD_STEP) {
            Ok(true) => return Some(Ok(building.finish())),
            Ok(false) => {}
            Err(e) => return Some(Err(e)),
        }
        if pace.breathe().await && !current() {
            return None;
        }
    }
}

/// How much of a file is read, in the unit that suits its size:
/// "640 of 900 kB", "12.0 of 135.8 MB".
fn share_read(read: usize, size: usize) -> String {
    if size < 1_000_000 {
        format!("{} of {} kB", read.div_ceil(1000), size.div_ceil(1000))
    } else {
        format!("{:.1} of {:.1} MB", read as f64 / 1e6, size as f64 / 1e6)
    }
}

/// What an import would bring in: the preview's sentences and a count per kind.
pub(super) fn preview_facts(preview: &Preview) -> impl IntoView + use<> {
    let counts = [
        ("Tickets", preview.tickets),
        ("Events", preview.events),
        ("People", preview.people),
        ("Groups", preview.groups),
        ("Services", preview.services),
        ("Configuration items", preview.cis),
        ("SLA definitions", preview.sla_definitions),
        ("Calendars", preview.calendars),
        ("Saved views", preview.views),
    ];
    view! {
        <p>{preview.summary()}</p>
        <dl class="preview-counts">
            {counts.into_iter().map(|(label, n)| view! { <div><dt>{label}</dt><dd>{n}</dd></div> }).collect_view()}
        </dl>
    }
}

/// Stores `ws` as a new workspace beside the others and lists it: the
/// sentence to show and the new workspace's id.
pub(super) async fn store_as_new(app: AppState, db: &IdbDatabase, ws: &Workspace) -> Result<(String, String), String> {
    let mut catalog = app.catalog.get_untracked();
    let id = store::create(db, &mut catalog, ws, chrono::Utc::now(), None).await?;
    let name = catalog.get(&id).map(|e| e.name.clone()).unwrap_or_default();
    app.catalog.set(catalog);
    app.refresh_estimate();
    Ok((format!("Imported as the new workspace “{name}”. Your other workspaces are unchanged."), id))
}

/// The import part of "Export and import".
#[component]
pub fn ImportJson() -> impl IntoView {
    let app = use_app();
    let stage = RwSignal::new(Stage::Idle);
    let workspace = Held::new();
    let replace = RwSignal::new(false);
    let target = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let run_id = StoredValue::new(0u32);

    let check = move |file: JsValue| {
        let name = name_of(&file);
        workspace.discard();
        confirming.set(false);
        message.set(None);
        run_id.update_value(|n| *n += 1);
        let this_run = run_id.get_value();
        let current = move || run_id.get_value() == this_run;
        let size = size_of(&file);
        stage.set(Stage::Reading { file: name.clone(), read: 0, size: size as usize });
        spawn_local(async move {
            if size > MAX_IMPORT_BYTES as f64 {
                stage.set(failed(name, ImportError::TooLarge { bytes: size as usize, limit: MAX_IMPORT_BYTES }));
                return;
            }
            let cannot_read = |e: String| Stage::Failed { file: name.clone(), refused: Refused::plain(format!("Nothing was imported: {e}.")) };
            let size = size as usize;
            let on_read = |read: usize| stage.set(Stage::Reading { file: name.clone(), read, size });
            let on_step = |p: Progress| stage.set(Stage::Checking { file: name.clone(), checked: p.checked, total: p.total });
            let checked = match read_in_slices(&file, size, on_read, current).await {
                Sliced::Read(job) => check_started(*job, on_step, current).await,
                Sliced::Replaced => None,
                Sliced::Failed(e) => return stage.set(cannot_read(e)),
                Sliced::Unusual => {
                    // Read whole, as before: that reader words what is wrong, or migrates it.
                    stage.set(Stage::Checking { file: name.clone(), checked: 0, total: 0 });
                    match bytes_of(&file).await {
                        Ok(bytes) => check_in_steps(bytes, on_step, current).await,
                        Err(e) => return stage.set(cannot_read(e)),
                    }
                }
            };
            match checked {
                None => {}
                Some(Ok(imported)) => {
                    replace.set(false);
                    workspace.hold(imported.workspace);
                    stage.set(Stage::Ready { file: name, preview: imported.preview });
                }
                Some(Err(e)) => stage.set(failed(name, e)),
            }
        });
    };

    let finish = move |result: Result<(String, Option<String>), String>| match result {
        Ok((text, open)) => {
            workspace.discard();
            stage.set(Stage::Done { text, open });
        }
        Err(e) => {
            message.set(Some(format!("Nothing was imported: {e}. Everything stored is as it was.")));
            stage.update(|_| {});
        }
    };

    let import_new = move || {
        let Some(db) = app.database() else {
            message.set(Some("This browser is not storing workspaces right now, so nothing can be imported.".into()));
            return;
        };
        let Some(ws) = workspace.shared() else { return };
        let previous = stage.get_untracked();
        stage.set(Stage::Working("Storing the imported workspace…".into()));
        spawn_local(async move {
            let result = store_as_new(app, &db, &ws).await.map(|(text, id)| (text, Some(id)));
            if result.is_err() {
                stage.set(previous);
            }
            finish(result);
        });
    };

    let replace_chosen = move || {
        let Some(db) = app.database() else { return };
        let Some(ws) = workspace.shared() else { return };
        let id = target.get_untracked();
        let Some(entry) = app.catalog.with_untracked(|c| c.get(&id).cloned()) else { return };
        confirming.set(false);
        let previous = stage.get_untracked();
        stage.set(Stage::Working(format!("Replacing “{}”…", entry.name)));
        spawn_local(async move {
            let is_open = id == app.info.with_untracked(|i| i.id.clone());
            let result = async {
                if is_open {
                    app.save_now().await?;
                }
                let now = chrono::Utc::now();
                let mut catalog = app.catalog.get_untracked();
                let backup_name = format!("Backup of {} ({})", entry.name, now.format("%Y-%m-%d %H:%M"));
                let backup = store::replace(&db, &mut catalog, &id, &ws, &backup_name, now).await?;
                app.catalog.set(catalog);
                app.refresh_estimate();
                Ok::<_, String>((
                    format!("Replaced “{}” with the imported workspace. Its previous content is kept as the workspace “{backup}”.", entry.name),
                    Some(id.clone()),
                ))
            }
            .await;
            match &result {
                Err(_) => stage.set(previous),
                // The open workspace changed underneath this tab: open it afresh.
                Ok(_) if is_open => crate::storage::catalog::set_current(&id),
                Ok(_) => {}
            }
            let reload = is_open && result.is_ok();
            finish(result);
            if reload && let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
    };

    let preview_view = move |file: String, preview: Preview| {
        let choices = move || app.catalog.get().workspaces;
        let target_name = move || app.catalog.with(|c| c.get(&target.get()).map(|e| e.name.clone()).unwrap_or_default());
        view! {
            <div class="import-preview" role="region" aria-label="Import preview">
                <h4>"Ready to import " <span class="file-name">{file}</span></h4>
                {preview_facts(&preview)}
                <fieldset>
                    <legend>"Import it"</legend>
                    <label><input type="radio" name="import-as" prop:checked=move || !replace.get() on:change=move |_| { replace.set(false); confirming.set(false); } /> " as a new workspace (nothing else changes)"</label>
                    <label><input type="radio" name="import-as" prop:checked=move || replace.get() on:change=move |_| {
                        replace.set(true);
                        if target.get_untracked().is_empty() { target.set(app.info.with_untracked(|i| i.id.clone())); }
                    } /> " in place of an existing workspace (a backup of it is kept)"</label>
                    {move || replace.get().then(|| view! {
                        <label class="replace-target">"Workspace to replace "
                            <select on:change=move |ev| { target.set(event_target_value(&ev)); confirming.set(false); } prop:value=move || target.get()>
                                {choices().into_iter().map(|e| {
                                    let id = e.id.clone();
                                    view! { <option value=e.id selected=move || target.get() == id>{e.name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    })}
                </fieldset>
                <p class="banner-actions">
                    {move || if replace.get() {
                        view! { <button type="button" class="button primary" on:click=move |_| confirming.set(true) disabled=move || target.get().is_empty()>"Replace…"</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button primary" on:click=move |_| import_new()>"Import as a new workspace"</button> }.into_any()
                    }}
                    <button type="button" class="button" on:click=move |_| { workspace.discard(); stage.set(Stage::Idle); }>"Cancel"</button>
                </p>
                {move || confirming.get().then(|| view! {
                    <div class="confirm" role="alertdialog" aria-label="Confirm replacement">
                        <p>"Replace “" {target_name} "” with the imported workspace? Its current content will be kept as a new workspace “Backup of " {target_name} " (date)”."</p>
                        <button type="button" class="button danger" on:click=move |_| replace_chosen()>"Replace “" {target_name} "”"</button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                    </div>
                })}
            </div>
        }
    };

    let stage_view = move || match stage.get() {
        Stage::Idle => ().into_any(),
        Stage::Reading { file, read, size } => {
            let label = format!("Reading {file}: {}", share_read(read, size));
            view! {
                <div class="import-progress" role="status">
                    <label>{label.clone()} <progress max=size.max(1) value=read aria-label=label></progress></label>
                </div>
            }
            .into_any()
        }
        Stage::Checking { file, checked, total } => {
            let label = if total == 0 { format!("Reading {file}…") } else { format!("Checking {file}: {checked} of {total} tickets") };
            view! {
                <div class="import-progress" role="status">
                    <label>{label.clone()} <progress max=total.max(1) value=if total == 0 { 0 } else { checked } aria-label=label></progress></label>
                </div>
            }
            .into_any()
        }
        Stage::Failed { file, refused } => view! {
            <div class="import-failed" role="alert">
                <h4>"Not imported: " <span class="file-name">{file}</span></h4>
                {refused.view(Source::File)}
                <p class="muted">"Nothing stored was changed."</p>
            </div>
        }
        .into_any(),
        Stage::Ready { file, preview } => preview_view(file, preview).into_any(),
        Stage::Working(text) => view! { <p role="status" class="data-message">{text}</p> }.into_any(),
        Stage::Done { text, open: to_open } => {
            let name = to_open.as_ref().and_then(|id| app.catalog.with_untracked(|c| c.get(id).map(|e| e.name.clone())));
            let is_current = to_open.as_deref() == Some(app.info.with_untracked(|i| i.id.clone()).as_str());
            view! {
                <p role="status" class="data-message">{text}</p>
                {to_open.filter(|_| !is_current).zip(name).map(|(id, name)| view! {
                    <button type="button" class="button primary" on:click=move |_| open(app, id.clone(), message)>{format!("Open “{name}”")}</button>
                })}
            }
            .into_any()
        }
    };

    view! {
        <h3>"Import a JSON export"</h3>
        {file_drop("Choose a ServiceLab export (.json)", ".json,application/json", " or drop it here. It is checked first; nothing changes until you confirm.", check)}
        {stage_view}
        {move || message.get().map(|m| view! { <p role="alert" class="data-message">{m}</p> })}
    }
}
