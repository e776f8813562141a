//! After a CSV import: what was created, how long it took, and the figures
//! of [`csv::report`] that a person can recompute from the file by hand
//! (incidents per state, priority and group, reassignments, reopens, time
//! to resolve), with the steps the lifecycle did not record.

use leptos::prelude::*;

use super::problem_list;
use super::steps::count;
use crate::storage::csv::{self, Departure, Imported, Problem, Report};
use crate::ui::data::workspaces::open;
use crate::ui::download::download_text;
use crate::ui::state::use_app;

/// How long the import took in this browser, in milliseconds.
#[derive(Clone, Copy, Debug)]
pub(super) struct Timing {
    /// Planning and replaying every row (the page is busy meanwhile).
    pub replay_ms: f64,
    /// Writing the new workspace and reading it back.
    pub store_ms: f64,
}

/// A finished import.
#[derive(Clone, Debug)]
pub(super) struct Done {
    file: String,
    id: String,
    name: String,
    rows: usize,
    events: usize,
    report: Report,
    /// `report.by_priority` with each priority as the matrix names it.
    priorities: Vec<(String, usize)>,
    departures: Vec<Departure>,
    notes: Vec<Problem>,
    timing: Timing,
}

impl Done {
    pub(super) fn new(file: &str, id: String, name: String, imported: &Imported, timing: Timing) -> Self {
        let ids: Vec<_> = imported.incidents.iter().map(|i| i.id).collect();
        let report = csv::report(&imported.workspace, &ids);
        let scale = &imported.workspace.matrix().priority;
        let priorities = report.by_priority.iter().map(|(p, n)| (scale.describe(*p), *n)).collect();
        Done {
            file: file.to_owned(),
            id,
            name,
            rows: imported.rows,
            events: imported.events,
            report,
            priorities,
            departures: imported.departures.clone(),
            notes: imported.notes.clone(),
            timing,
        }
    }

    fn seconds(ms: f64) -> String {
        format!("{:.2} s", ms / 1000.0)
    }

    fn summary(&self) -> String {
        format!(
            "Imported {} from {} ({}, {}) as the new workspace “{}” in {} (replaying the file {}, storing it {}). Your other workspaces are unchanged.",
            count(self.report.incidents, "incident", "incidents"),
            self.file,
            count(self.rows, "row", "rows"),
            count(self.events, "event", "events"),
            self.name,
            Self::seconds(self.timing.replay_ms + self.timing.store_ms),
            Self::seconds(self.timing.replay_ms),
            Self::seconds(self.timing.store_ms),
        )
    }

    /// The report as a text file to keep beside the source file.
    fn text(&self) -> String {
        let mut out = format!("{}\n\n{}", self.summary(), self.report.to_text());
        if !self.departures.is_empty() {
            out.push_str("\nSteps of the file not recorded:\n");
            for d in &self.departures {
                out.push_str(&format!("  line {}: {}: {}\n", d.line, d.source, d.message));
            }
        }
        out
    }
}

fn minutes(m: Option<f64>) -> String {
    m.map_or_else(|| "none resolved".to_owned(), |m| format!("{m:.1} minutes ({:.1} hours)", m / 60.0))
}

fn table(caption: &'static str, what: &'static str, rows: Vec<(String, usize)>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{what}</th><th scope="col" class="num">"Incidents"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="num">{n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The report, with a button to open the new workspace.
pub(super) fn view(done: Done, again: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let app = use_app();
    let message = RwSignal::new(None::<String>);
    let r = &done.report;
    let figures = [
        ("Incidents", r.incidents.to_string()),
        ("Reassignments", format!("{}, on {} (a change of assignment group after the first)", r.reassignments, count(r.reassigned_incidents, "incident", "incidents"))),
        ("Reopens", format!("{}, on {} (Resolved back to In Progress)", r.reopens, count(r.reopened_incidents, "incident", "incidents"))),
        ("Resolved", format!("{} with a time to resolve", count(r.resolved_incidents, "incident", "incidents"))),
        ("Mean time to resolve", minutes(r.mean_minutes_to_resolve)),
        ("Median time to resolve", minutes(r.median_minutes_to_resolve)),
    ];
    let states = r.by_state.iter().map(|(s, n)| (s.label().to_owned(), *n)).collect();
    let groups: Vec<(String, usize)> = r.by_group.iter().map(|(g, n)| (g.clone().unwrap_or_else(|| "(no group)".to_owned()), *n)).collect();
    let group_caption = if groups.len() == 1 { "By assignment group" } else { "By assignment group (most incidents first)" };
    let text = done.text();
    let download = move |_| {
        let outcome = download_text("import-report.txt", "text/plain", &text).map(|()| "Downloaded the report as import-report.txt.".to_owned());
        message.set(Some(outcome.unwrap_or_else(|e| e)));
    };
    let (id, name) = (done.id.clone(), done.name.clone());
    let departures = done.departures.clone();
    view! {
        <section class="import-report" aria-labelledby="csv-report-title">
            <h4 id="csv-report-title">"Import report"</h4>
            <p role="status" class="data-message">{done.summary()}</p>
            <p class="banner-actions">
                <button type="button" class="button primary" on:click=move |_| open(app, id.clone(), message)>{format!("Open “{name}”")}</button>
                <button type="button" class="button" on:click=download>"Download this report (.txt)"</button>
                <button type="button" class="button" on:click=move |_| again()>"Import another file"</button>
            </p>
            {move || message.get().map(|m| view! { <p role="status" class="data-message">{m}</p> })}
            <p>"Figures to check against the file: each can be recomputed from it by hand or in a spreadsheet."</p>
            <dl class="facts" aria-label="Figures to check">
                {figures.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            <div class="report-tables">
                {table("By state", "State", states)}
                {table("By priority", "Priority", done.priorities.clone())}
                <div class="report-groups">{table(group_caption, "Assignment group", groups)}</div>
            </div>
            {(!departures.is_empty()).then(|| {
                let problems: Vec<Problem> = departures
                    .iter()
                    .map(|d| Problem { line: Some(d.line), column: None, message: format!("{}: {}", d.source, d.message) })
                    .collect();
                view! {
                    <h5>{format!("Steps of the file not recorded ({}): ServiceLab's lifecycle refuses them", departures.len())}</h5>
                    {problem_list("Steps not recorded", &problems)}
                }
            })}
            {(!done.notes.is_empty()).then(|| view! {
                <details class="csv-notes">
                    <summary>{format!("{} on how the file was read", count(done.notes.len(), "note", "notes"))}</summary>
                    {problem_list("Notes on the file", &done.notes)}
                </details>
            })}
        </section>
    }
}
