//! Import of a one-row-per-incident CSV export (ServiceNow, iTop, a spreadsheet).
//!
//! Each row is an incident as it stands *now*; the file does not say how it
//! got there. The import therefore writes the shortest history that the
//! row's times support, each step through the lifecycle's own rules:
//!
//! 1. logged at *opened at* by *opened by* (else the importer), with its
//!    assignment;
//! 2. In Progress or On Hold at *updated at* (else *opened at*), by the importer;
//! 3. Resolved at *resolved at* by *resolved by* (else the assignee, else the
//!    importer), with the mapped code and the notes (a file without notes
//!    gets "No resolution notes in the imported file.", since resolving needs some);
//! 4. Closed or Canceled at *closed at* (Canceled: else *updated at*).
//!
//! Every row is checked before anything is created: a missing required
//! value, a date that does not read, a resolution before the opening, an
//! agent without a group... each is a [`Problem`] with its line and column.
//! Unknown states, categories, codes and hold reasons are [`Question`]s.
//! Nothing is imported while either list is not empty (all or nothing).
//!
//! [`Question`]: super::questions::Question

use super::convention::{is_blank, normalise_name, parse_level, parse_time, MappedState};
use super::mapping::{Mapping, Target};
use super::plan::{Action, Creation, ImportPlan, PlannedIncident, Problem, Step};
use super::questions::{Answers, Resolver};
use super::rfc4180::{Record, Table};
use crate::domain::{IncidentState, PersonId, ResolutionCode, Timestamp, Workspace};

/// How our iTop export marks a canceled incident: iTop has no Canceled
/// state, so it is `closed` with no resolution date and this solution text,
/// which reads back as Canceled.
pub const CANCELED: &str = "Canceled";

/// Notes recorded when the file has none: resolving requires notes.
pub const NO_NOTES: &str = "No resolution notes in the imported file.";

struct Row<'a> {
    mapping: &'a Mapping,
    record: &'a Record,
}

impl Row<'_> {
    fn column(&self, t: Target) -> String {
        self.mapping.column(t).map_or_else(|| format!("({})", t.label()), |i| self.mapping.headers[i].clone())
    }
    fn raw(&self, t: Target) -> Option<&str> {
        self.mapping.column(t).map(|i| self.record.cells[i].trim())
    }
    fn text(&self, t: Target) -> Option<String> {
        self.raw(t).filter(|v| !is_blank(v)).map(str::to_string)
    }
    fn name(&self, t: Target) -> Option<String> {
        self.text(t).map(|v| normalise_name(&v))
    }
    fn time(&self, t: Target, problems: &mut Vec<Problem>) -> Option<Timestamp> {
        let v = self.text(t)?;
        let parsed = parse_time(&v);
        if parsed.is_none() {
            problems.push(Problem::at(self.record.line, &self.column(t), format!("\"{v}\" is not a date and time like 2016-02-29 01:16:00")));
        }
        parsed
    }
}

/// Reads the table through the mapping into an [`ImportPlan`]; `importer`
/// is recorded for the steps the file names nobody for.
pub fn plan_rows(base: &Workspace, table: &Table, mapping: &Mapping, answers: &Answers, importer: PersonId) -> ImportPlan {
    let mut plan = ImportPlan { rows: table.rows.len(), ..ImportPlan::default() };
    plan.problems.extend(mapping.missing().into_iter().map(Problem::file));
    if !plan.problems.is_empty() {
        return plan;
    }
    let importer_name = base.person(importer).map_or_else(|| "Importer".to_string(), |p| normalise_name(&p.name));
    let mut resolver = Resolver::new(answers.clone());
    for record in &table.rows {
        let row = Row { mapping, record };
        plan_row(base, &row, &importer_name, &mut resolver, &mut plan);
    }
    plan.questions = resolver.questions();
    plan
}

fn plan_row(base: &Workspace, row: &Row, importer: &str, resolver: &mut Resolver, plan: &mut ImportPlan) {
    let line = row.record.line;
    let mut problems = Vec::new();
    let require = |t: Target, problems: &mut Vec<Problem>| {
        let v = row.text(t);
        if v.is_none() {
            problems.push(Problem::at(line, &row.column(t), format!("{} is empty; every incident needs one", t.label())));
        }
        v
    };
    let short_description = require(Target::ShortDescription, &mut problems);
    let caller = require(Target::Caller, &mut problems).map(|c| normalise_name(&c));
    let opened_at = row.time(Target::OpenedAt, &mut problems);
    if opened_at.is_none() && row.text(Target::OpenedAt).is_none() {
        problems.push(Problem::at(line, &row.column(Target::OpenedAt), "the opening time is empty; every incident needs one"));
    }
    let level = |t: Target, problems: &mut Vec<Problem>| {
        let v = require(t, problems)?;
        let parsed = parse_level(&v);
        if parsed.is_none() {
            problems.push(Problem::at(line, &row.column(t), format!("\"{v}\" is not a level like \"2 - Medium\" or 2")));
        }
        parsed
    };
    let impact = level(Target::Impact, &mut problems);
    let urgency = level(Target::Urgency, &mut problems);
    if let (Some(i), Some(u)) = (impact, urgency) {
        match base.matrix().priority(i, u) {
            Ok(computed) => {
                if let Some(recorded) = row.text(Target::Priority).and_then(|p| parse_level(&p))
                    && recorded != computed
                {
                    plan.notes.push(Problem::at(line, &row.column(Target::Priority), format!(
                        "the file records priority {recorded} but the matrix gives {computed}; ServiceLab records {computed}"
                    )));
                }
            }
            Err(e) => problems.push(Problem::at(line, &row.column(Target::Impact), e.to_string())),
        }
    }
    let category = resolver.category(&row.column(Target::Category), row.text(Target::Category).as_deref().unwrap_or(""), line);
    let state = match row.raw(Target::State) {
        None => Some(MappedState::New),
        Some(v) if is_blank(v) => {
            problems.push(Problem::at(line, &row.column(Target::State), "the state is empty; write the incident's state or leave the column unmapped"));
            None
        }
        Some(v) => resolver.state(&row.column(Target::State), v, line),
    };
    let hold = match state {
        Some(MappedState::OnHold(Some(r))) => Some(r),
        Some(MappedState::OnHold(None)) => {
            resolver.hold_reason(&row.column(Target::HoldReason), row.text(Target::HoldReason).as_deref().unwrap_or(""), line)
        }
        _ => None,
    };
    let group = row.name(Target::AssignmentGroup);
    let agent = row.name(Target::AssignedTo);
    if agent.is_some() && group.is_none() {
        problems.push(Problem::at(line, &row.column(Target::AssignedTo), "an agent is given without an assignment group; ServiceLab assigns agents within a group, so fill the group"));
    }
    let updated_at = row.time(Target::UpdatedAt, &mut problems);
    let resolved_at = row.time(Target::ResolvedAt, &mut problems);
    let closed_at = row.time(Target::ClosedAt, &mut problems);
    let mut to = state.map(MappedState::state);
    if to == Some(IncidentState::Closed) && row.text(Target::ResolvedAt).is_none() && row.text(Target::CloseNotes).as_deref() == Some(CANCELED) {
        to = Some(IncidentState::Canceled);
    }
    let needs_resolution = matches!(to, Some(IncidentState::Resolved | IncidentState::Closed));
    let code_cell = row.text(Target::CloseCode).unwrap_or_default();
    let mut notes = row.text(Target::CloseNotes).unwrap_or_else(|| NO_NOTES.to_string());
    let from_notes = (code_cell.is_empty() || code_cell.eq_ignore_ascii_case("other")).then(|| code_in_notes(&notes)).flatten();
    let code = needs_resolution.then(|| match from_notes {
        Some((code, rest)) => {
            notes = rest;
            Some(code)
        }
        None => resolver.close_code(&row.column(Target::CloseCode), &code_cell, line),
    });
    if needs_resolution && resolved_at.is_none() && row.text(Target::ResolvedAt).is_none() {
        problems.push(Problem::at(line, &row.column(Target::ResolvedAt), "the incident is resolved or closed but has no resolution time; fill it or map the column that has it"));
    }
    if to == Some(IncidentState::Closed) && closed_at.is_none() && row.text(Target::ClosedAt).is_none() {
        problems.push(Problem::at(line, &row.column(Target::ClosedAt), "the incident is closed but has no closing time; fill it or map the column that has it"));
    }
    if let Some(opened) = opened_at {
        for (t, at) in [(Target::UpdatedAt, updated_at), (Target::ResolvedAt, resolved_at), (Target::ClosedAt, closed_at)] {
            if at.is_some_and(|a| a < opened) {
                problems.push(Problem::at(line, &row.column(t), format!("{} is before the incident was opened", t.label())));
            }
        }
    }
    if let (Some(r), Some(c)) = (resolved_at, closed_at)
        && c < r
        && to == Some(IncidentState::Closed)
    {
        problems.push(Problem::at(line, &row.column(Target::ClosedAt), "the incident is closed before it was resolved"));
    }
    plan.problems.append(&mut problems);
    let (Some(short_description), Some(caller), Some(opened), Some(impact), Some(urgency), Some(category), Some(to)) =
        (short_description, caller, opened_at, impact, urgency, category, to)
    else {
        return;
    };
    if matches!(code, Some(None)) || (to == IncidentState::OnHold && hold.is_none()) || !plan.problems.is_empty() {
        return; // the import is refused anyway; the remaining rows are still checked
    }
    let index = plan.incidents.len();
    let source = row.text(Target::Number).unwrap_or_else(|| format!("line {line}"));
    let opener = row.name(Target::OpenedBy).unwrap_or_else(|| importer.to_string());
    let resolver_name = row.name(Target::ResolvedBy).or(agent.clone()).unwrap_or_else(|| importer.to_string());
    plan.org.person(&caller, false);
    plan.org.person(&opener, true);
    plan.org.person(importer, true);
    if let Some(g) = &group {
        plan.org.group(g, agent.as_deref());
    }
    let ci = row.name(Target::Ci);
    let service = row.name(Target::Service);
    plan.org.cis.extend(ci.clone());
    plan.org.services.extend(service.clone());
    plan.incidents.push(PlannedIncident {
        source,
        line,
        short_description: short_description.clone(),
        caller: caller.clone(),
        final_state: to.label().to_string(),
    });
    let creation = Creation {
        short_description,
        description: row.text(Target::Description).unwrap_or_default(),
        caller,
        category,
        subcategory: row.text(Target::Subcategory).unwrap_or_default(),
        service,
        ci,
        impact,
        urgency,
        group,
        agent,
    };
    let mut push = |at: Timestamp, actor: &str, action: Action| {
        plan.steps.push(Step { incident: index, at, actor: actor.to_string(), line, action });
    };
    push(opened, &opener, Action::Create(Box::new(creation)));
    let worked_at = updated_at.unwrap_or(opened);
    let resolution = code.flatten().map(|c| (c, notes));
    let state = |to, hold, resolution| Action::State { to, hold, resolution };
    match to {
        IncidentState::New => {}
        IncidentState::InProgress | IncidentState::OnHold => push(worked_at, importer, state(to, hold, None)),
        IncidentState::Resolved | IncidentState::Closed => {
            let resolved = resolved_at.unwrap_or(opened);
            plan.org.person(&resolver_name, true);
            push(resolved, &resolver_name, state(IncidentState::Resolved, None, resolution));
            if to == IncidentState::Closed {
                push(closed_at.unwrap_or(resolved), importer, state(IncidentState::Closed, None, None));
            }
        }
        IncidentState::Canceled => push(closed_at.unwrap_or(worked_at), importer, state(to, None, None)),
    }
}

/// Our iTop export writes the resolution code at the start of iTop's
/// `solution` ("Solved (Work Around): restarted the service"), because
/// iTop's own codes differ; this reads it back. Returns the code and the rest.
fn code_in_notes(notes: &str) -> Option<(ResolutionCode, String)> {
    ResolutionCode::ALL.into_iter().find_map(|code| {
        let rest = notes.strip_prefix(code.label())?.strip_prefix(": ")?;
        Some((code, rest.to_string()))
    })
}
