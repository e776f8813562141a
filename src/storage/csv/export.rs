//! CSV export of incidents, so a design tried here can move to a real tool.
//!
//! Two dialects, each in the column names and value conventions its tool
//! imports (see `convention.rs` for the sources):
//!
//! * [`Dialect::ServiceNow`]: the columns of the `incident` table, as a
//!   ServiceNow import set or a list export has them; choice fields as
//!   display values (`2 - Medium`, `In Progress`), reference fields as the
//!   referenced record's name, dates `yyyy-MM-dd HH:mm:ss` in UTC.
//! * [`Dialect::Itop`]: iTop's `Incident` attribute codes, external keys as
//!   `key->name`, `status` codes (`new`, `assigned`, `pending`, `resolved`,
//!   `closed`), dates `Y-m-d H:i:s` in UTC. iTop matches a person by
//!   `name`, which is the surname there (`first_name` is separate): create
//!   the people in iTop with ServiceLab's full name as their name, or edit
//!   the column. Levels are written as the numbers stored here; iTop's
//!   impact means "1 a department, 2 a service, 3 a person", so load the
//!   iTop matrix preset before designing for iTop.
//!
//! Rows come in creation order (ticket id), columns in the fixed order of
//! [`columns`], so two exports of the same workspace are byte-identical.
//! [`CsvExportJob`] writes the same bytes a bounded number of incidents at a
//! time, for a page that must keep answering at 100,000 tickets.

use std::io::Write;

use super::convention::{format_time, itop_status};
use super::rfc4180::{write_record, write_table};
use crate::domain::{Incident, IncidentState, PersonId, TicketId, Workspace};
use crate::storage::exchange::{ExportSteps, Moment, StepError};

/// Which tool's CSV conventions to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// ServiceNow import sets and list exports.
    ServiceNow,
    /// iTop's CSV import of the `Incident` class.
    Itop,
}

impl Dialect {
    /// Both dialects, for a picker.
    pub const ALL: [Dialect; 2] = [Dialect::ServiceNow, Dialect::Itop];

    /// The dialect's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::ServiceNow => "ServiceNow (import set)",
            Self::Itop => "iTop (CSV import)",
        }
    }

    /// A file name for the download.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::ServiceNow => "incidents-servicenow.csv",
            Self::Itop => "incidents-itop.csv",
        }
    }
}

/// ServiceNow `incident` columns, in export order.
const SERVICENOW: [&str; 25] = [
    "number",
    "short_description",
    "description",
    "caller_id",
    "category",
    "subcategory",
    "impact",
    "urgency",
    "priority",
    "state",
    "hold_reason",
    "assignment_group",
    "assigned_to",
    "opened_at",
    "opened_by",
    "sys_updated_on",
    "resolved_at",
    "resolved_by",
    "closed_at",
    "close_code",
    "close_notes",
    "cmdb_ci",
    "business_service",
    "reassignment_count",
    "reopen_count",
];

/// iTop `Incident` attribute codes, in export order.
const ITOP: [&str; 20] = [
    "ref",
    "title",
    "description",
    "org_id->name",
    "caller_id->name",
    "status",
    "impact",
    "urgency",
    "priority",
    "team_id->name",
    "agent_id->name",
    "start_date",
    "last_update",
    "assignment_date",
    "resolution_date",
    "close_date",
    "resolution_code",
    "solution",
    "pending_reason",
    "service_id->name",
];

/// The header of a dialect, in export order.
pub fn columns(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::ServiceNow => &SERVICENOW,
        Dialect::Itop => &ITOP,
    }
}

/// Every incident of the workspace as rows of cells, in creation order.
pub fn export_rows(ws: &Workspace, dialect: Dialect) -> Vec<Vec<String>> {
    ws.incidents().map(|inc| row(ws, inc, dialect)).collect()
}

/// Every incident of the workspace as a CSV text (header, then CRLF rows).
pub fn export_incidents(ws: &Workspace, dialect: Dialect) -> String {
    write_table(columns(dialect), &export_rows(ws, dialect))
}

fn row(ws: &Workspace, inc: &Incident, dialect: Dialect) -> Vec<String> {
    match dialect {
        Dialect::ServiceNow => servicenow_row(ws, inc),
        Dialect::Itop => itop_row(ws, inc),
    }
}

/// A CSV export in steps: the same bytes as [`export_incidents`] for the
/// workspace as it was when the job started. Like the JSON export's
/// [`ExportJob`](crate::storage::exchange::ExportJob), every step checks
/// that the workspace has not changed (a row depends on names and the
/// matrix as well as on its incident), and fails with
/// [`StepError::Changed`] if it did.
pub struct CsvExportJob {
    dialect: Dialect,
    moment: Moment,
    /// The next ticket row to look at (`id - 1`).
    next: usize,
    written: usize,
    total: usize,
    started: bool,
}

impl CsvExportJob {
    /// A job exporting the incidents of `ws` as it is now.
    pub fn new(ws: &Workspace, dialect: Dialect) -> Self {
        Self { dialect, moment: Moment::of(ws), next: 0, written: 0, total: ws.incidents().count(), started: false }
    }
}

impl ExportSteps for CsvExportJob {
    /// Incidents.
    fn total(&self) -> usize {
        self.total
    }

    fn written(&self) -> usize {
        self.written
    }

    /// The header comes first, then the incidents.
    fn step(&mut self, ws: &Workspace, out: &mut dyn Write, budget: usize) -> Result<bool, StepError> {
        let rows = ws.tickets().len();
        if self.started && self.next >= rows {
            return Ok(true);
        }
        if !self.moment.holds(ws) {
            return Err(StepError::Changed);
        }
        let mut text = String::new();
        if !self.started {
            write_record(&mut text, columns(self.dialect));
            self.started = true;
        }
        let mut taken = 0;
        while self.next < rows && taken < budget.max(1) {
            if let Some(inc) = ws.incident(TicketId(self.next as u32 + 1)) {
                write_record(&mut text, &row(ws, inc, self.dialect));
                taken += 1;
            }
            self.next += 1;
        }
        out.write_all(text.as_bytes())?;
        self.written += taken;
        Ok(self.next >= rows)
    }
}

fn person(ws: &Workspace, id: Option<PersonId>) -> String {
    id.map(|p| ws.person_name(p)).unwrap_or_default()
}

fn time(t: Option<crate::domain::Timestamp>) -> String {
    t.map(format_time).unwrap_or_default()
}

fn servicenow_row(ws: &Workspace, inc: &Incident) -> Vec<String> {
    let m = ws.matrix();
    let (code, notes) = inc.resolution.as_ref().map_or((String::new(), String::new()), |r| (r.code.label().to_string(), r.notes.clone()));
    vec![
        inc.number.to_string(),
        inc.short_description.clone(),
        inc.description.clone(),
        ws.person_name(inc.caller),
        inc.category.label().to_string(),
        inc.subcategory.clone(),
        m.impact.describe(inc.impact),
        m.urgency.describe(inc.urgency),
        m.priority.describe(inc.priority),
        inc.state.label().to_string(),
        inc.hold_reason.map(|r| r.label().to_string()).unwrap_or_default(),
        inc.assignment_group.map(|g| ws.group_name(g)).unwrap_or_default(),
        person(ws, inc.assigned_to),
        format_time(inc.opened_at),
        ws.person_name(inc.opened_by),
        format_time(inc.updated_at),
        time(inc.resolved_at),
        person(ws, inc.resolved_by),
        time(inc.closed_at),
        code,
        notes,
        inc.ci.and_then(|c| ws.ci(c)).map(|c| c.name.clone()).unwrap_or_default(),
        inc.service.and_then(|s| ws.service(s)).map(|s| s.name.clone()).unwrap_or_default(),
        inc.reassignment_count.to_string(),
        inc.reopen_count.to_string(),
    ]
}

/// When the incident was first given an agent (iTop's `assignment_date`).
fn first_assignment(ws: &Workspace, inc: &Incident) -> Option<crate::domain::Timestamp> {
    use crate::domain::event::Change;
    ws.record(inc.id)?
        .events
        .iter()
        .find(|e| matches!(e.change, Change::Assigned { agent_to: Some(_), .. }))
        .map(|e| e.at)
}

fn itop_row(ws: &Workspace, inc: &Incident) -> Vec<String> {
    // iTop has no resolution codes like ServiceNow's and no Canceled state:
    // `resolution_code` is `other` and the solution text starts with ours; a
    // canceled incident is `closed`, with no resolution date and the
    // solution "Canceled" (the import reads both back).
    let (code, solution) = match (&inc.resolution, inc.state) {
        (_, IncidentState::Canceled) => (String::new(), super::import::CANCELED.to_string()),
        (Some(r), _) => ("other".to_string(), format!("{}: {}", r.code.label(), r.notes)),
        (None, _) => (String::new(), String::new()),
    };
    vec![
        inc.number.to_string(),
        inc.short_description.clone(),
        inc.description.clone(),
        ws.name().to_string(),
        ws.person_name(inc.caller),
        itop_status(inc.state).to_string(),
        inc.impact.to_string(),
        inc.urgency.to_string(),
        inc.priority.to_string(),
        inc.assignment_group.map(|g| ws.group_name(g)).unwrap_or_default(),
        person(ws, inc.assigned_to),
        format_time(inc.opened_at),
        format_time(inc.updated_at),
        time(first_assignment(ws, inc)),
        time(inc.resolved_at),
        time(inc.closed_at),
        code,
        solution,
        inc.hold_reason.map(|r| r.label().to_string()).unwrap_or_default(),
        inc.service.and_then(|s| ws.service(s)).map(|s| s.name.clone()).unwrap_or_default(),
    ]
}
