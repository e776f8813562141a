//! CSV export and import of incidents, so designs and data can move between
//! ServiceLab and the real tools (ServiceNow, iTop).
//!
//! Everything here is pure: text in, text or a new [`Workspace`] out. The UI
//! reads the file, calls these functions and offers the download.
//!
//! * **Export** ([`export_incidents`]): every incident in ServiceNow's
//!   import-set columns or iTop's `Incident` CSV import codes ([`Dialect`]).
//! * **Import of an export** (one row per incident): [`propose_mapping`]
//!   reads the headers and proposes a [`Mapping`] the person may change;
//!   [`preview_incidents`] says what would be created or matched, what is
//!   wrong (each [`Problem`] with line and column) and what must be decided
//!   (each [`Question`], "map X to which state?"); [`import_incidents`]
//!   returns the new workspace, or the same problems and questions and
//!   changes nothing.
//! * **Import of ServiceNow's audit log** (one row per update):
//!   [`preview_event_log`] and [`import_event_log`] replay every incident's
//!   rows as its history (see `eventlog.rs` and `replay.rs` for the rules).
//! * **Checking** ([`report`]): figures a person can recompute from the file.
//! * **Before any of it**: [`check_file`] refuses a file by its name and size
//!   before it is read, [`decode`] refuses what is not UTF-8 text, and
//!   [`detect`] says which of the two imports a file's columns call for.
//!
//! Module map: `rfc4180` (the CSV format), `convention` (each tool's values,
//! with sources), `export`, `mapping`, `questions`, `plan` (what an import
//! will do), `import` and `eventlog` (the two planners), `replay` (carrying a
//! plan out through `Workspace::apply`), `report`.

pub mod convention;
pub mod eventlog;
pub mod export;
pub mod import;
pub mod mapping;
pub mod plan;
pub mod questions;
pub mod replay;
pub mod report;
pub mod rfc4180;

pub use convention::MappedState;
pub use export::{columns, export_incidents, export_rows, Dialect};
pub use mapping::{Mapping, Target};
pub use plan::{Names, PlannedIncident, Problem, Refusal};
pub use questions::{Answers, Question, QuestionKind};
pub use replay::{Departure, Imported, ImportedIncident};
pub use report::{report, Report};
pub use rfc4180::{CsvError, Table};

use crate::domain::org::Role;
use crate::domain::{PersonId, Timestamp, Workspace};
use plan::ImportPlan;

/// The largest CSV file the import reads (16 MiB). Previewing and importing
/// run in one go on the page: the 1.6 MB ServiceNow audit log (4,850 rows)
/// takes a fraction of a second, so this bounds the wait at a few seconds.
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

/// Refuses a file before reading it: empty, too large, or not named as a
/// CSV (or plain text) file. The sentence says what to do instead.
pub fn check_file(name: &str, bytes: usize) -> Result<(), String> {
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".csv") || lower.ends_with(".txt")) {
        return Err(format!("“{name}” is not a CSV file (its name does not end in .csv). Export the incidents as CSV and choose that file."));
    }
    if bytes == 0 {
        return Err(format!("“{name}” is empty: a CSV export starts with a line of column names."));
    }
    if bytes > MAX_CSV_BYTES {
        let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
        return Err(format!(
            "“{name}” is {:.1} MiB; the CSV import reads files up to {:.0} MiB. Split it (by date, for example) and import the parts.",
            mib(bytes),
            mib(MAX_CSV_BYTES)
        ));
    }
    Ok(())
}

/// The file's text, or why it is not UTF-8 text.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "the file is not UTF-8 text (byte {} is not valid). If a spreadsheet saved it, save it again as \"CSV UTF-8\"; if it is not a CSV file, export the incidents as CSV first.",
            at + 1
        )
    })
}

/// What a CSV file holds, judged from its column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// ServiceNow's incident audit log, one row per update: it has every
    /// column of [`eventlog::REQUIRED_COLUMNS`].
    EventLog,
    /// One row per incident, in the columns of one tool's export (`None`:
    /// neither tool's, such as a spreadsheet's).
    Export(Option<Dialect>),
}

impl FileKind {
    /// The kind in words, for "Detected: ...".
    pub fn label(self) -> &'static str {
        match self {
            Self::EventLog => "a ServiceNow incident audit log (one row per update of an incident)",
            Self::Export(Some(Dialect::ServiceNow)) => "an incident list in ServiceNow's columns (one row per incident)",
            Self::Export(Some(Dialect::Itop)) => "an incident list in iTop's columns (one row per incident)",
            Self::Export(None) => "an incident list in columns of its own (one row per incident)",
        }
    }
}

/// Which import a file's headers call for. An export's dialect is the one
/// with more of its own columns in the file (columns both tools use, such as
/// `impact`, do not count); two or more are needed to name it.
pub fn detect(headers: &[String]) -> FileKind {
    let has = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
    if eventlog::REQUIRED_COLUMNS.iter().all(|c| has(c)) {
        return FileKind::EventLog;
    }
    let own = |d: Dialect, other: Dialect| columns(d).iter().filter(|c| has(c) && !columns(other).contains(c)).count();
    let servicenow = own(Dialect::ServiceNow, Dialect::Itop);
    let itop = own(Dialect::Itop, Dialect::ServiceNow);
    FileKind::Export(match servicenow.max(itop) {
        0 | 1 => None,
        _ if servicenow > itop => Some(Dialect::ServiceNow),
        _ if itop > servicenow => Some(Dialect::Itop),
        _ => None,
    })
}

/// What an import would do, for the person to check before importing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Data rows in the file.
    pub rows: usize,
    /// The incidents that would be created, in file order (with their
    /// source number, first line, summary, caller and final state).
    pub incidents: Vec<PlannedIncident>,
    /// People matched by name, and to be created.
    pub people: Names,
    /// Assignment groups matched and to be created.
    pub groups: Names,
    /// Configuration items matched and to be created.
    pub cis: Names,
    /// Services matched and to be created.
    pub services: Names,
    /// History steps that would be replayed.
    pub steps: usize,
    /// What prevents the import; empty when it can run.
    pub problems: Vec<Problem>,
    /// Values to decide first; empty when it can run.
    pub questions: Vec<Question>,
    /// Worth knowing, not blocking (times clamped, priorities recomputed...).
    pub notes: Vec<Problem>,
}

impl Preview {
    /// Whether the import can run as it is.
    pub fn is_ready(&self) -> bool {
        self.problems.is_empty() && self.questions.is_empty()
    }
}

fn preview_of(base: &Workspace, plan: ImportPlan) -> Preview {
    let ([people, groups, cis, services], org_problems) = replay::match_org(base, &plan.org);
    let mut problems = plan.problems;
    problems.extend(org_problems);
    Preview {
        rows: plan.rows,
        incidents: plan.incidents,
        people,
        groups,
        cis,
        services,
        steps: plan.steps.len(),
        problems,
        questions: plan.questions,
        notes: plan.notes,
    }
}

/// A new, empty workspace with one admin who performs the import (an import
/// replays history as the file's people, but only an admin may start it).
pub fn workspace_for_import(name: &str, importer: &str, now: Timestamp) -> (Workspace, PersonId) {
    let mut ws = Workspace::new(name, now);
    let id = ws.add_person(importer, "", &[Role::Admin]);
    (ws, id)
}

/// Reads a CSV export and proposes which column feeds which field.
pub fn propose_mapping(text: &str) -> Result<Mapping, CsvError> {
    let table = rfc4180::parse_table(text)?;
    Ok(Mapping::propose(&table.headers))
}

fn incidents_plan(base: &Workspace, text: &str, mapping: &Mapping, answers: &Answers, importer: PersonId) -> ImportPlan {
    match rfc4180::parse_table(text) {
        Ok(table) if table.headers != mapping.headers => ImportPlan {
            problems: vec![Problem::file("The mapping was made for another file (its columns differ); propose a mapping for this file")],
            ..ImportPlan::default()
        },
        Ok(table) => import::plan_rows(base, &table, mapping, answers, importer),
        Err(e) => ImportPlan { problems: vec![Problem { line: Some(e.line), column: None, message: e.message }], ..ImportPlan::default() },
    }
}

/// What importing a one-row-per-incident CSV into `base` would do.
pub fn preview_incidents(base: &Workspace, text: &str, mapping: &Mapping, answers: &Answers, importer: PersonId) -> Preview {
    preview_of(base, incidents_plan(base, text, mapping, answers, importer))
}

/// Imports a one-row-per-incident CSV into a copy of `base`: all incidents,
/// or none and the reasons. `importer` must be an admin of `base`.
pub fn import_incidents(base: &Workspace, text: &str, mapping: &Mapping, answers: &Answers, importer: PersonId) -> Result<Imported, Refusal> {
    let imported = replay::execute(base, incidents_plan(base, text, mapping, answers, importer), importer)?;
    if imported.departures.is_empty() {
        return Ok(imported);
    }
    let problems = imported
        .departures
        .into_iter()
        .map(|d| Problem { line: Some(d.line), column: None, message: format!("{}: {}", d.source, d.message) })
        .collect();
    Err(Refusal { problems, questions: Vec::new() })
}

/// What importing a ServiceNow incident audit log into `base` would do.
pub fn preview_event_log(base: &Workspace, text: &str, answers: &Answers) -> Preview {
    preview_of(base, eventlog::plan_event_log(base, text, answers))
}

/// Replays a ServiceNow incident audit log into a copy of `base`, as
/// `importer` (an admin of `base`). Steps ServiceLab's lifecycle refuses are
/// left out and listed in [`Imported::departures`].
pub fn import_event_log(base: &Workspace, text: &str, answers: &Answers, importer: PersonId) -> Result<Imported, Refusal> {
    replay::execute(base, eventlog::plan_event_log(base, text, answers), importer)
}
