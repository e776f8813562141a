//! The steps shown once a CSV file is read: what the file is, its columns,
//! the values to decide, the preview, and the import itself.

use leptos::prelude::*;

use super::{Asked, Loaded, Stage, problem_list, questions};
use crate::storage::csv::{Answers, FileKind, Mapping, Preview, Refusal, Target, eventlog::REQUIRED_COLUMNS};
use crate::ui::incidents::controls::{id_value, option_list, parse_id};

/// How many of the incidents to come the preview lists.
const FIRST: usize = 10;

/// "1 row", "2 rows".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the steps read and change.
pub(super) struct Steps<R, I, C> {
    pub file: Loaded,
    pub as_log: RwSignal<bool>,
    pub mapping: RwSignal<Mapping>,
    pub answers: RwSignal<Answers>,
    pub asked: RwSignal<Asked>,
    pub preview: RwSignal<Option<Preview>>,
    pub checking: RwSignal<bool>,
    pub ready: Signal<bool>,
    pub new_name: RwSignal<String>,
    pub refused: RwSignal<Option<Refusal>>,
    /// Re-runs the preview (`true`: collect the values to decide afresh).
    pub recheck: R,
    pub import_new: I,
    pub cancel: C,
}

/// The file: what was detected, and which import to use.
fn kind_step<R: Fn(bool) + Copy + Send + Sync + 'static>(file: &Loaded, as_log: RwSignal<bool>, recheck: R) -> impl IntoView + use<R> {
    let detected = format!(
        ": {}, {}, {}.",
        file.detected.label(),
        count(file.rows, "row", "rows"),
        count(file.headers.len(), "column", "columns")
    );
    let choose = move |log: bool| {
        as_log.set(log);
        recheck(true);
    };
    view! {
        <section class="csv-step" aria-labelledby="csv-file-title">
            <h4 id="csv-file-title">"The file"</h4>
            <p>"Detected in " <span class="file-name">{file.name.clone()}</span> {detected}</p>
            <fieldset class="csv-kind">
                <legend>"Read it as"</legend>
                <label><input type="radio" name="csv-kind" prop:checked=move || !as_log.get() on:change=move |_| choose(false) />
                    " an incident list: one row per incident, as it stands now"</label>
                <label><input type="radio" name="csv-kind" prop:checked=move || as_log.get() on:change=move |_| choose(true) />
                    " a ServiceNow audit log: one row per update, replayed as each incident's history"</label>
            </fieldset>
        </section>
    }
}

/// The columns: for a list, a field per column; for a log, the columns it needs.
fn columns_step<R: Fn(bool) + Copy + Send + Sync + 'static>(file: &Loaded, as_log: RwSignal<bool>, mapping: RwSignal<Mapping>, recheck: R) -> impl IntoView + use<R> {
    let headers = file.headers.clone();
    let rows: Vec<(usize, String, String)> =
        file.headers.iter().enumerate().map(|(i, h)| (i, h.clone(), file.sample.get(i).cloned().unwrap_or_default())).collect();
    let log_columns = move || {
        let missing: Vec<&str> = REQUIRED_COLUMNS.into_iter().filter(|c| !headers.iter().any(|h| h == c)).collect();
        let status = if missing.is_empty() {
            "All of them are in this file.".to_owned()
        } else {
            format!("Missing from this file: {}.", missing.join(", "))
        };
        view! {
            <p>"An audit log is read by ServiceNow's own column names, so there is nothing to map. It needs "
                {REQUIRED_COLUMNS.join(", ")} ". " {status}</p>
        }
    };
    let field_choices: Vec<(String, String)> = std::iter::once((String::new(), "Ignore this column".to_owned()))
        .chain(Target::ALL.iter().enumerate().map(|(i, t)| {
            let required = if Target::REQUIRED.contains(t) { " (required)" } else { "" };
            (i.to_string(), format!("{}{required}", t.label()))
        }))
        .collect();
    let table = move || {
        let rows = rows.clone();
        let choices = field_choices.clone();
        view! {
            <div class="table-wrap">
                <table class="data-table csv-mapping">
                    <caption>"Each column of the file and the incident field it fills (proposed from the column names; change any)"</caption>
                    <thead><tr><th scope="col">"Column in the file"</th><th scope="col">"First row's value"</th><th scope="col">"Imported into"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(i, header, sample)| {
                            let selected = Signal::derive(move || mapping.with(|m| {
                                id_value(m.targets.get(i).copied().flatten().and_then(|t| Target::ALL.iter().position(|x| *x == t)).map(|p| p as u32))
                            }));
                            let on_change = move |ev| {
                                let target = parse_id(&event_target_value(&ev)).and_then(|p| Target::ALL.get(p as usize).copied());
                                mapping.update(|m| m.set(i, target));
                                recheck(true);
                            };
                            view! {
                                <tr class:ignored=move || selected.with(String::is_empty)>
                                    <th scope="row"><code>{header.clone()}</code></th>
                                    <td class="csv-sample">{sample}</td>
                                    <td><select aria-label=format!("Field for column {header}") on:change=on_change>{option_list(choices.clone(), selected)}</select></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || {
                let missing = mapping.with(Mapping::missing);
                if missing.is_empty() {
                    view! { <p class="csv-ok">"Every required field (Short description, Caller, Opened) has a column."</p> }.into_any()
                } else {
                    view! {
                        <ul class="csv-missing" aria-label="Required fields with no column">
                            {missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        }
    };
    view! {
        <section class="csv-step" aria-labelledby="csv-columns-title">
            <h4 id="csv-columns-title">"Columns"</h4>
            {move || if as_log.get() { log_columns.clone()().into_any() } else { table.clone()().into_any() }}
        </section>
    }
}

/// The counts, the first incidents, the problems and the notes.
fn preview_step(preview: RwSignal<Option<Preview>>, checking: RwSignal<bool>) -> impl IntoView {
    // One live region whose text changes, so a screen reader hears each outcome.
    let status = move || {
        if checking.get() {
            return (false, "Checking the file…".to_owned());
        }
        preview.with(|p| match p {
            None => (false, String::new()),
            Some(p) if p.is_ready() => (
                true,
                format!("Ready to import {} from {}; nothing blocks the import.", count(p.incidents.len(), "incident", "incidents"), count(p.rows, "row", "rows")),
            ),
            Some(p) => {
                let mut blocking = Vec::new();
                if !p.problems.is_empty() {
                    blocking.push(count(p.problems.len(), "problem", "problems"));
                }
                if !p.questions.is_empty() {
                    blocking.push(count(p.questions.len(), "value to decide", "values to decide"));
                }
                (false, format!("Not ready to import: {}.", blocking.join(" and ")))
            }
        })
    };
    let body = move || {
        let Some(p) = preview.get() else { return ().into_any() };
        let names = |n: &crate::storage::csv::Names| match n.matched.len() {
            0 => format!("{} new", n.created.len()),
            matched => format!("{} new + {matched} existing", n.created.len()),
        };
        let counts = [
            ("Rows", p.rows.to_string()),
            ("Incidents", p.incidents.len().to_string()),
            ("History steps", p.steps.to_string()),
            ("People", names(&p.people)),
            ("Assignment groups", names(&p.groups)),
            ("Configuration items", names(&p.cis)),
            ("Services", names(&p.services)),
        ];
        let total = p.incidents.len();
        let first: Vec<_> = p.incidents.iter().take(FIRST).cloned().collect();
        view! {
            {(!p.is_ready()).then(|| view! {
                <p class="muted">"Incomplete until nothing blocks the import: rows with a problem or an undecided value, and the rows after a problem, are not counted yet."</p>
            })}
            <dl class="csv-counts" aria-label="What the import creates">
                {counts.into_iter().map(|(label, n)| view! { <div><dt>{label}</dt><dd>{n}</dd></div> }).collect_view()}
            </dl>
            {(!first.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="data-table csv-first">
                        <caption>{format!("The first {} of {}; ServiceLab gives each its own number", first.len(), count(total, "incident", "incidents"))}</caption>
                        <thead><tr>
                            <th scope="col">"Number in the file"</th><th scope="col" class="num">"Line"</th><th scope="col">"Short description"</th>
                            <th scope="col">"Caller"</th><th scope="col">"State in the file"</th>
                        </tr></thead>
                        <tbody>
                            {first.into_iter().map(|i| view! {
                                <tr><th scope="row">{i.source}</th><td class="num">{i.line}</td><td>{i.short_description}</td><td>{i.caller}</td><td>{i.final_state}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!p.problems.is_empty()).then(|| view! {
                <div class="import-failed" role="alert">
                    <p>{format!("{} the import (fix the columns above, or fix the file and choose it again):", if p.problems.len() == 1 { "This problem stops".to_owned() } else { format!("These {} problems stop", p.problems.len()) })}</p>
                    {problem_list("Problems in the file", &p.problems)}
                </div>
            })}
            {(!p.notes.is_empty()).then(|| view! {
                <details class="csv-notes">
                    <summary>{format!("{} (they do not stop the import)", count(p.notes.len(), "note", "notes"))}</summary>
                    {problem_list("Notes on the file", &p.notes)}
                </details>
            })}
        }
        .into_any()
    };
    view! {
        <section class="csv-step" aria-labelledby="csv-preview-title">
            <h4 id="csv-preview-title">"Preview"</h4>
            <p role="status" class="data-message" class:csv-ok=move || status().0>{move || status().1}</p>
            <div class="csv-preview" class:stale=move || checking.get()>{body}</div>
        </section>
    }
}

/// Every step, in order.
pub(super) fn view<R, I, C>(s: Steps<R, I, C>, stage: RwSignal<Stage>) -> impl IntoView
where
    R: Fn(bool) + Copy + Send + Sync + 'static,
    I: Fn() + Copy + Send + Sync + 'static,
    C: Fn() + Copy + Send + Sync + 'static,
{
    let Steps { file, as_log, mapping, answers, asked, preview, checking, ready, new_name, refused, recheck, import_new, cancel } = s;
    let busy = move || matches!(stage.get(), Stage::Importing);
    let is_log = file.detected == FileKind::EventLog;
    view! {
        <div class="csv-import" class:log=is_log>
            {kind_step(&file, as_log, recheck)}
            {columns_step(&file, as_log, mapping, recheck)}
            {questions::step(answers, asked, preview, recheck)}
            {preview_step(preview, checking)}
            <section class="csv-step" aria-labelledby="csv-import-title">
                <h4 id="csv-import-title">"Import"</h4>
                <label class="csv-name">"Name of the new workspace "
                    <input type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                </label>
                <p class="banner-actions">
                    <button type="button" class="button primary" disabled=move || !ready.get() || busy() on:click=move |_| import_new()>
                        "Import as a new workspace"
                    </button>
                    <button type="button" class="button" disabled=busy on:click=move |_| cancel()>"Cancel"</button>
                </p>
                <p class="muted">{move || if ready.get() {
                    "A new workspace is created from the file; the workspaces already in this browser do not change."
                } else {
                    "The import is possible once no problem is listed and every value is decided."
                }}</p>
                {move || refused.get().map(|r| view! {
                    <div class="import-failed" role="alert">
                        <p>"Nothing was imported: replaying the file was refused for the reasons below. Everything stored is as it was."</p>
                        {problem_list("Why the import was refused", &r.problems)}
                    </div>
                })}
            </section>
        </div>
    }
}
