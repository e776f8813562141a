//! ServiceNow's incident audit log: one row per update, replayed as history.
//!
//! The log (`tests/fixtures/servicenow/`, see its README for the source and
//! licence) has one row each time an incident was saved, with the whole
//! record as it was after that save, `sys_mod_count` numbering the saves,
//! `sys_updated_at` and `sys_updated_by` saying when and by whom. An
//! incident's rows, in `sys_mod_count` order, are therefore its history: we
//! compare each row with the one before and turn every difference into the
//! command a person would have given (see [`plan_event_log`]).
//!
//! How the file's conventions are read:
//!
//! * `?` is an empty value (the anonymisation writes it); names such as
//!   `Opened by  8` are people, spaces collapsed. Each anonymised column is its
//!   own namespace (`Resolver 12` and `Resolved by 12` are not known to be
//!   the same person), so each distinct name is one person.
//! * Dates are day first, `29-02-2016 01:16`, read as UTC.
//! * States follow the table of [`known_state`](super::convention::known_state)
//!   (`Active` is In Progress, `Awaiting User Info` is On Hold awaiting the
//!   caller...). Categories (`Category 55`) and close codes (`code 6`) are
//!   anonymised, so they have no meaning here: each is asked as a question.
//! * Columns that hold the *final* value on every row (`closed_code`,
//!   `resolved_by`, `resolved_at`, `closed_at`, `made_sla`) are not read as
//!   history: resolutions take their time from the row that moves to
//!   Resolved, and the code and resolver are quoted in the resolution notes.
//! * Rows are replayed **in the file's order** (reversed if an incident's
//!   `sys_mod_count` runs from high to low, as in a newest-first export). In
//!   this log the file order is the update order; `sys_mod_count` is not
//!   reliable on its own: five incidents repeat or go back in it (INC0000135
//!   has a first row numbered 7), and sorting by it would invent a reopen and
//!   a return to New. Such rows are listed in the notes. A row stamped
//!   earlier than the one before (INC0000137) is recorded at the earlier
//!   row's time, because history cannot go back, and noted too.
//! * An incident is created at `opened_at` (or its first row, if earlier) by
//!   `opened_by` (else `sys_created_by`, else the first row's updater), with
//!   the first row's fields. Columns ServiceLab has no field for (location,
//!   contact type, symptom, problem, change, knowledge, made SLA) go into
//!   the description so nothing is lost to analysis.
//! * An assignee with no assignment group (72 rows) cannot be recorded:
//!   ServiceLab assigns agents within a group. The row's group change is
//!   kept and the assignee is listed in the notes.

use std::collections::HashMap;

use super::convention::{is_blank, normalise_name, parse_level, parse_time};
use super::plan::{Action, Creation, ImportPlan, PlannedIncident, Problem, Step};
use super::questions::{Answers, Resolver};
use super::rfc4180::{parse_table, Record};
use crate::domain::{Category, IncidentState, Timestamp, Workspace};

/// The columns without which the log cannot be replayed.
pub const REQUIRED_COLUMNS: [&str; 9] = [
    "number",
    "incident_state",
    "sys_mod_count",
    "sys_updated_at",
    "sys_updated_by",
    "opened_at",
    "caller_id",
    "impact",
    "urgency",
];

/// One row read into the values the replay compares.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    line: usize,
    at: Timestamp,
    actor: Option<String>,
    state: Option<(IncidentState, Option<crate::domain::HoldReason>)>,
    category: Option<Category>,
    subcategory: String,
    impact: u8,
    urgency: u8,
    group: Option<String>,
    agent: Option<String>,
    ci: Option<String>,
}

struct Columns<'a> {
    index: HashMap<&'a str, usize>,
}

impl Columns<'_> {
    fn get<'r>(&self, record: &'r Record, name: &str) -> &'r str {
        self.index.get(name).map_or("", |&i| record.cells[i].trim())
    }
    fn name(&self, record: &Record, column: &str) -> Option<String> {
        let v = self.get(record, column);
        (!is_blank(v)).then(|| normalise_name(v))
    }
}

/// Reads the log into an [`ImportPlan`]: incidents, people and groups, every
/// step of every history, and the problems and questions that must be
/// settled before [`import_event_log`](super::import_event_log) may run.
pub fn plan_event_log(base: &Workspace, text: &str, answers: &Answers) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let table = match parse_table(text) {
        Ok(t) => t,
        Err(e) => {
            plan.problems.push(Problem { line: Some(e.line), column: None, message: e.message });
            return plan;
        }
    };
    let cols = Columns { index: table.headers.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect() };
    let missing: Vec<&str> = REQUIRED_COLUMNS.into_iter().filter(|c| !cols.index.contains_key(c)).collect();
    if !missing.is_empty() {
        plan.problems.push(Problem::file(format!(
            "This is not a ServiceNow incident audit log: the column(s) {} are missing. Use the one-row-per-incident import for other files",
            missing.join(", ")
        )));
        return plan;
    }
    plan.rows = table.rows.len();
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for record in &table.rows {
        let number = cols.get(record, "number");
        if is_blank(number) {
            plan.problems.push(Problem::at(record.line, "number", "the incident number is empty; every row must say which incident it updates"));
            continue;
        }
        let slot = *seen.entry(number).or_insert_with(|| {
            groups.push((number.to_string(), Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(record);
    }
    let mut resolver = Resolver::new(answers.clone());
    for (source, mut rows) in groups {
        let counts: Option<Vec<u32>> = rows.iter().map(|r| cols.get(r, "sys_mod_count").parse::<u32>().ok()).collect();
        let Some(mut counts) = counts else {
            let line = rows[0].line;
            plan.problems.push(Problem::at(line, "sys_mod_count", format!("{source} has a row whose update count is not a whole number")));
            continue;
        };
        if counts.first() > counts.last() {
            rows.reverse();
            counts.reverse();
        }
        for (pair, r) in counts.windows(2).zip(&rows[1..]) {
            if pair[1] <= pair[0] {
                plan.notes.push(Problem::at(r.line, "sys_mod_count", format!(
                    "{source}: update number {} follows number {}; the rows are replayed in the file's order",
                    pair[1], pair[0]
                )));
            }
        }
        plan_incident(base, &cols, &source, &rows, &mut resolver, &mut plan);
    }
    plan.questions = resolver.questions();
    plan
}

fn snapshot(cols: &Columns, r: &Record, resolver: &mut Resolver, problems: &mut Vec<Problem>) -> Option<Snapshot> {
    let Some(at) = parse_time(cols.get(r, "sys_updated_at")) else {
        problems.push(Problem::at(r.line, "sys_updated_at", format!("\"{}\" is not a date and time like 29-02-2016 01:16", cols.get(r, "sys_updated_at"))));
        return None;
    };
    let state = resolver.state("incident_state", cols.get(r, "incident_state"), r.line).and_then(|m| {
        let hold = match m {
            super::convention::MappedState::OnHold(None) => Some(resolver.hold_reason("hold_reason", cols.get(r, "hold_reason"), r.line)?),
            super::convention::MappedState::OnHold(reason) => reason,
            _ => None,
        };
        Some((m.state(), hold))
    });
    let category_cell = cols.get(r, "category");
    let category_value = if is_blank(category_cell) { "" } else { category_cell };
    let category = resolver.category("category", category_value, r.line);
    let parts: Vec<&str> = ["category", "subcategory"].iter().map(|c| cols.get(r, c)).filter(|v| !is_blank(v)).collect();
    let level = |column: &str, problems: &mut Vec<Problem>| {
        let cell = cols.get(r, column);
        parse_level(cell).or_else(|| {
            problems.push(Problem::at(r.line, column, format!("\"{cell}\" is not a level like \"2 - Medium\"")));
            None
        })
    };
    let impact = level("impact", problems);
    let urgency = level("urgency", problems);
    let group = cols.name(r, "assignment_group");
    let agent = cols.name(r, "assigned_to").filter(|_| group.is_some());
    Some(Snapshot {
        line: r.line,
        at,
        actor: cols.name(r, "sys_updated_by"),
        state,
        category,
        subcategory: parts.join(" / "),
        impact: impact?,
        urgency: urgency?,
        group,
        agent,
        ci: cols.name(r, "cmdb_ci"),
    })
}

fn description(cols: &Columns, first: &Record, last: &Record) -> String {
    let mut lines = vec!["Imported from a ServiceNow incident audit log.".to_string()];
    for (label, column, row) in [
        ("Contact type", "contact_type", first),
        ("Location", "location", first),
        ("Symptom", "u_symptom", first),
        ("Problem", "problem_id", last),
        ("Change (rfc)", "rfc", last),
        ("Caused by", "caused_by", last),
        ("Vendor", "vendor", last),
        ("Knowledge", "knowledge", last),
        ("Made SLA", "made_sla", last),
        ("Reassignment count", "reassignment_count", last),
        ("Reopen count", "reopen_count", last),
    ] {
        let v = cols.get(row, column);
        if !is_blank(v) {
            lines.push(format!("{label}: {}", normalise_name(v)));
        }
    }
    lines.join("\n")
}

fn plan_incident(base: &Workspace, cols: &Columns, source: &str, rows: &[&Record], resolver: &mut Resolver, plan: &mut ImportPlan) {
    let first = rows[0];
    let last = rows[rows.len() - 1];
    let mut problems = Vec::new();
    let snaps: Vec<Option<Snapshot>> = rows.iter().map(|r| snapshot(cols, r, resolver, &mut problems)).collect();
    let Some(caller) = cols.name(first, "caller_id") else {
        problems.push(Problem::at(first.line, "caller_id", format!("{source} has no caller; every incident needs one")));
        plan.problems.append(&mut problems);
        return;
    };
    let opened_cell = cols.get(first, "opened_at");
    let opened = parse_time(opened_cell);
    if opened.is_none() && !is_blank(opened_cell) {
        problems.push(Problem::at(first.line, "opened_at", format!("\"{opened_cell}\" is not a date and time like 29-02-2016 01:16")));
    }
    if !problems.is_empty() || snaps.iter().any(Option::is_none) {
        plan.problems.append(&mut problems);
        return;
    }
    let snaps: Vec<Snapshot> = snaps.into_iter().flatten().collect();
    for (s, r) in snaps.iter().zip(rows) {
        let computed = match base.matrix().priority(s.impact, s.urgency) {
            Ok(p) => p,
            Err(e) => {
                plan.problems.push(Problem::at(s.line, "impact", e.to_string()));
                return;
            }
        };
        if let Some(recorded) = parse_level(cols.get(r, "priority"))
            && recorded != computed
        {
            plan.notes.push(Problem::at(s.line, "priority", format!(
                "{source}: the file records priority {recorded} but the matrix gives {computed} for impact {} and urgency {}; ServiceLab records the matrix's",
                s.impact, s.urgency
            )));
        }
    }
    // An unanswered category stands in as Inquiry: its question blocks the
    // import, and planning on lets the preview ask every question at once.
    let category = snaps[0].category.unwrap_or(Category::Inquiry);
    let index = plan.incidents.len();
    let creator = ["opened_by", "sys_created_by"].iter().find_map(|c| cols.name(first, c)).or(snaps[0].actor.clone());
    let Some(creator) = creator else {
        plan.problems.push(Problem::at(first.line, "opened_by", format!("{source}: nobody is named as opening or updating it")));
        return;
    };
    let created_at = opened.map_or(snaps[0].at, |o| o.min(snaps[0].at));
    if opened.is_some_and(|o| o > snaps[0].at) {
        plan.notes.push(Problem::at(first.line, "opened_at", format!("{source} was opened after its first update; it is created at the first update's time")));
    }
    plan.org.person(&caller, false);
    plan.org.person(&creator, true);
    let symptom = cols.get(first, "u_symptom");
    let label = [snaps[0].subcategory.as_str(), if is_blank(symptom) { "" } else { symptom }]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let short_description = if label.is_empty() { format!("{source} (ServiceNow)") } else { format!("{source} (ServiceNow): {label}") };
    plan.incidents.push(PlannedIncident {
        source: source.to_string(),
        line: first.line,
        short_description: short_description.clone(),
        caller: caller.clone(),
        final_state: cols.get(last, "incident_state").to_string(),
    });
    let s0 = &snaps[0];
    if let Some(g) = &s0.group {
        plan.org.group(g, s0.agent.as_deref());
    }
    if let Some(ci) = &s0.ci {
        plan.org.cis.insert(ci.clone());
    }
    let creation = Creation {
        short_description,
        description: description(cols, first, last),
        caller,
        category,
        subcategory: s0.subcategory.clone(),
        service: None,
        ci: s0.ci.clone(),
        impact: s0.impact,
        urgency: s0.urgency,
        group: s0.group.clone(),
        agent: s0.agent.clone(),
    };
    plan.steps.push(Step { incident: index, at: created_at, actor: creator.clone(), line: first.line, action: Action::Create(Box::new(creation)) });
    let resolved_by = cols.name(last, "resolved_by");
    let mut previous: Option<&Snapshot> = None;
    let mut at = created_at;
    let mut actor = creator;
    for (s, r) in snaps.iter().zip(rows) {
        if s.at < at {
            plan.notes.push(Problem::at(s.line, "sys_updated_at", format!(
                "{source}: this update (number {}) is stamped before the previous one; it is recorded at the previous one's time",
                cols.get(r, "sys_mod_count")
            )));
        }
        at = at.max(s.at);
        if let Some(a) = &s.actor {
            actor = a.clone();
            plan.org.person(a, true);
        }
        if cols.name(r, "assigned_to").is_some() && s.group.is_none() {
            plan.notes.push(Problem::at(s.line, "assigned_to", format!(
                "{source}: {} is assigned with no assignment group; ServiceLab assigns agents within a group, so the assignee is not recorded",
                cols.get(r, "assigned_to")
            )));
        }
        let mut push = |action: Action| plan.steps.push(Step { incident: index, at, actor: actor.clone(), line: s.line, action });
        if let Some(p) = previous {
            if let Some(category) = s.category
                && (Some(category), &s.subcategory) != (p.category, &p.subcategory)
            {
                push(Action::Classify { category, subcategory: s.subcategory.clone() });
            }
            if (s.impact, s.urgency) != (p.impact, p.urgency) {
                let changed = |new: u8, old: u8| (new != old).then_some(new);
                push(Action::Levels { impact: changed(s.impact, p.impact), urgency: changed(s.urgency, p.urgency) });
            }
            if s.ci != p.ci {
                push(Action::Ci(s.ci.clone()));
            }
            if (&s.group, &s.agent) != (&p.group, &p.agent) {
                push(Action::Assign { group: s.group.clone(), agent: s.agent.clone() });
            }
        }
        if let Some((to, hold)) = s.state {
            let resolution = (to == IncidentState::Resolved).then(|| {
                let code_cell = cols.get(r, "closed_code");
                let code_value = if is_blank(code_cell) { "" } else { code_cell };
                let code = resolver.close_code("closed_code", code_value, s.line);
                let notes = format!(
                    "Resolved in ServiceNow with close code \"{}\"{}.",
                    if code_value.is_empty() { "(none)" } else { code_value },
                    resolved_by.as_ref().map(|b| format!(", resolved by {b}")).unwrap_or_default()
                );
                (code, notes)
            });
            match resolution {
                Some((Some(code), notes)) => push(Action::State { to, hold, resolution: Some((code, notes)) }),
                Some((None, _)) => {} // a question is pending
                None => push(Action::State { to, hold, resolution: None }),
            }
        }
        if let Some(g) = &s.group {
            plan.org.group(g, s.agent.as_deref());
        }
        if let Some(ci) = &s.ci {
            plan.org.cis.insert(ci.clone());
        }
        previous = Some(s);
    }
    if let Some(b) = resolved_by {
        plan.org.person(&b, true);
    }
}
