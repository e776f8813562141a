//! Carrying out an [`ImportPlan`]: the organisation first, then every
//! incident's history through [`Workspace::apply`], in time order.
//!
//! Design decisions, each visible in the import report:
//!
//! * **Same rules as a person at the keyboard.** Every step is a
//!   [`Command`] applied at the row's time by the row's person, so an
//!   imported history is indistinguishable from one worked in the app, and
//!   its SLA timers, audit trail and reports follow.
//! * **Steps the lifecycle refuses are reported, not forced.** ServiceNow's
//!   log sometimes does what ServiceLab's lifecycle forbids (Active back to
//!   New, Active straight to Closed, updates after Closed). Recording them
//!   would need events our own rules could never produce and would make the
//!   workspace disagree with itself (a Closed incident that changes); so
//!   such a step is left out and listed as a [`Departure`] with the file
//!   line, what the file did and the lifecycle's reason. The history keeps
//!   everything else.
//! * **Changing the hold reason** (Awaiting User Info to Awaiting Problem)
//!   is recorded as resuming (In Progress) and holding again at the same
//!   instant: ServiceLab has no other way to change a reason, and the zero
//!   length step changes no timer.
//! * **Auto-close waits for the file.** ServiceLab closes a Resolved
//!   incident after `auto_close_days` (7); the ServiceNow instance in the log
//!   took up to 84 days. So during the replay the importer (an admin) sets
//!   auto-close to its maximum (365 days), and restores the setting after:
//!   incidents close when the file says they did. An incident left Resolved
//!   for over a year is closed by the rule and reported.
//! * **Time goes forward.** The replay runs in global time order and moves
//!   the clock with [`Workspace::advance_clock`], as the app does.

use std::collections::{BTreeMap, HashMap};

use super::convention::normalise_name;
use super::plan::{Action, Creation, ImportPlan, Names, OrgIds, OrgPlan, Problem};
use crate::domain::command::{Command, FieldEdit, NewIncident};
use crate::domain::org::{Role, ServiceKind};
use crate::domain::{CiId, DomainError, GroupId, IncidentState, PersonId, ServiceId, TicketId, TicketNumber, Timestamp, Workspace};

/// The auto-close period during a replay: the largest the settings allow,
/// so incidents close when the file says they did (see the module notes).
pub const REPLAY_AUTO_CLOSE_DAYS: u32 = 365;

/// A step of the file that ServiceLab did not record, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departure {
    /// The file line of the step.
    pub line: usize,
    /// The incident's number in the source tool.
    pub source: String,
    /// What the file did and why it is not in the history.
    pub message: String,
}

/// An incident as imported: its source number and the number ServiceLab gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedIncident {
    /// The number in the source tool, e.g. `INC0000045`.
    pub source: String,
    /// ServiceLab's number, e.g. `INC0001001`.
    pub number: TicketNumber,
    /// ServiceLab's id.
    pub id: TicketId,
}

/// The result of a successful import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new workspace: the base plus everything imported.
    pub workspace: Workspace,
    /// Every imported incident, in file order.
    pub incidents: Vec<ImportedIncident>,
    /// People matched and created.
    pub people: Names,
    /// Groups matched and created.
    pub groups: Names,
    /// CIs matched and created.
    pub cis: Names,
    /// Services matched and created.
    pub services: Names,
    /// Data rows read.
    pub rows: usize,
    /// Events recorded in the histories.
    pub events: usize,
    /// Steps of the file that were not recorded, with the reason.
    pub departures: Vec<Departure>,
    /// Notes from planning (times clamped, priorities recomputed...).
    pub notes: Vec<Problem>,
}

fn key(name: &str) -> String {
    normalise_name(name).to_lowercase()
}

/// Which names of the plan already exist in `ws` (case-insensitive) and
/// which would be created; and problems with matched records (a requester
/// who works incidents in the file, a group missing a member).
pub fn match_org(ws: &Workspace, org: &OrgPlan) -> ([Names; 4], Vec<Problem>) {
    let mut problems = Vec::new();
    let by_name: HashMap<String, &crate::domain::org::Person> = ws.people().iter().map(|p| (key(&p.name), p)).collect();
    let mut people = Names::default();
    for (name, agent) in &org.people {
        match by_name.get(&key(name)) {
            Some(p) => {
                if *agent && !p.is_agent() {
                    problems.push(Problem::file(format!(
                        "{} works incidents in the file but is {} in this workspace; import into a workspace where they are an agent, or into a new one",
                        p.name,
                        p.role_phrase()
                    )));
                }
                people.matched.push(name.clone());
            }
            None => people.created.push(name.clone()),
        }
    }
    let mut groups = Names::default();
    for (name, members) in &org.groups {
        match ws.groups().iter().find(|g| key(&g.name) == key(name)) {
            Some(g) => {
                for m in members {
                    let is_member = by_name.get(&key(m)).is_some_and(|p| g.members.contains(&p.id));
                    if !is_member {
                        problems.push(Problem::file(format!(
                            "{m} is assigned incidents of {} in the file but is not a member of that group here; add them to it first, or import into a new workspace",
                            g.name
                        )));
                    }
                }
                groups.matched.push(name.clone());
            }
            None => groups.created.push(name.clone()),
        }
    }
    let split = |names: &mut dyn Iterator<Item = &String>, existing: &dyn Fn(&str) -> bool| {
        let mut n = Names::default();
        for name in names {
            if existing(name) { n.matched.push(name.clone()) } else { n.created.push(name.clone()) }
        }
        n
    };
    let cis = split(&mut org.cis.iter(), &|name| ws.cis().iter().any(|c| key(&c.name) == key(name)));
    let services = split(&mut org.services.iter(), &|name| ws.services().iter().any(|s| key(&s.name) == key(name)));
    ([people, groups, cis, services], problems)
}

/// Creates what is missing and returns the ids of every name.
fn build_org(ws: &mut Workspace, org: &OrgPlan) -> Result<OrgIds, DomainError> {
    let mut ids = OrgIds::default();
    let existing: HashMap<String, PersonId> = ws.people().iter().map(|p| (key(&p.name), p.id)).collect();
    for (name, agent) in &org.people {
        let id = match existing.get(&key(name)) {
            Some(&id) => id,
            None => ws.add_person(name, "", &[if *agent { Role::Agent } else { Role::Requester }]),
        };
        ids.people.insert(name.clone(), id);
    }
    let existing: HashMap<String, GroupId> = ws.groups().iter().map(|g| (key(&g.name), g.id)).collect();
    for (name, members) in &org.groups {
        let id = match existing.get(&key(name)) {
            Some(&id) => id,
            None => {
                let member_ids: Vec<PersonId> = members.iter().map(|m| ids.people[m]).collect();
                ws.add_group(name, &member_ids, None)?
            }
        };
        ids.groups.insert(name.clone(), id);
    }
    let existing: HashMap<String, ServiceId> = ws.services().iter().map(|s| (key(&s.name), s.id)).collect();
    for name in &org.services {
        let id = match existing.get(&key(name)) {
            Some(&id) => id,
            None => ws.add_service(name, "Imported from a CSV file", ServiceKind::Business),
        };
        ids.services.insert(name.clone(), id);
    }
    let existing: HashMap<String, CiId> = ws.cis().iter().map(|c| (key(&c.name), c.id)).collect();
    for name in &org.cis {
        let id = match existing.get(&key(name)) {
            Some(&id) => id,
            None => ws.add_ci(name, "Imported", None)?,
        };
        ids.cis.insert(name.clone(), id);
    }
    Ok(ids)
}

/// Runs the plan on a copy of `base` as `importer` (who must be an admin,
/// to hold auto-close during the replay). Returns the new workspace, or
/// a refusal when the plan has problems or questions.
pub fn execute(base: &Workspace, plan: ImportPlan, importer: PersonId) -> Result<Imported, super::plan::Refusal> {
    let refuse = |problems: Vec<Problem>| super::plan::Refusal { problems, questions: Vec::new() };
    match base.person(importer) {
        Some(p) if p.is_admin() => {}
        Some(p) => {
            return Err(refuse(vec![Problem::file(format!(
                "Only an admin can import incidents with their history; {} is {}",
                p.name,
                p.role_phrase()
            ))]));
        }
        None => return Err(refuse(vec![Problem::file(format!("The importer ({importer}) is not a person of this workspace"))])),
    }
    let ([people, groups, cis, services], mut problems) = match_org(base, &plan.org);
    problems.extend(plan.problems.iter().cloned());
    if !problems.is_empty() || !plan.questions.is_empty() {
        return Err(super::plan::Refusal { problems, questions: plan.questions.clone() });
    }
    let mut ws = base.clone();
    let ids = build_org(&mut ws, &plan.org).map_err(|e| refuse(vec![Problem::file(e.to_string())]))?;
    let earliest = plan.steps.iter().map(|s| s.at).min().unwrap_or(ws.clock().now);
    let saved = ws.settings().clone();
    let mut hold = saved.clone();
    hold.auto_close_days = REPLAY_AUTO_CLOSE_DAYS;
    ws.apply(Command::UpdateSettings(hold), importer, earliest).map_err(|e| refuse(vec![Problem::file(e.to_string())]))?;

    let mut order: Vec<usize> = (0..plan.steps.len()).collect();
    order.sort_by_key(|&i| (plan.steps[i].at, plan.steps[i].incident));
    let mut tickets: Vec<Option<TicketId>> = vec![None; plan.incidents.len()];
    let mut departures = Vec::new();
    let events_before = ws.tickets().iter().map(|t| t.events.len()).sum::<usize>();
    let mut by_id: BTreeMap<TicketId, usize> = BTreeMap::new();
    for i in order {
        let step = &plan.steps[i];
        let source = &plan.incidents[step.incident].source;
        for closed in ws.advance_clock(step.at) {
            if let Some(&n) = by_id.get(&closed) {
                departures.push(Departure {
                    line: step.line,
                    source: plan.incidents[n].source.clone(),
                    message: "closed automatically: it stayed Resolved longer than the auto-close period".into(),
                });
            }
        }
        let actor = ids.people[&step.actor];
        let outcome = match (&step.action, tickets[step.incident]) {
            (Action::Create(c), None) => create(&mut ws, &ids, c, actor, step.at).map(|id| {
                tickets[step.incident] = Some(id);
                by_id.insert(id, step.incident);
            }),
            (Action::Create(_), Some(_)) => Ok(()),
            (_, None) => continue,
            (action, Some(id)) => change(&mut ws, &ids, id, action, actor, step.at),
        };
        if let Err(message) = outcome {
            departures.push(Departure { line: step.line, source: source.clone(), message });
        }
    }
    ws.apply(Command::UpdateSettings(saved), importer, earliest).map_err(|e| refuse(vec![Problem::file(e.to_string())]))?;
    let events = ws.tickets().iter().map(|t| t.events.len()).sum::<usize>() - events_before;
    let incidents = plan
        .incidents
        .iter()
        .zip(&tickets)
        .filter_map(|(p, t)| {
            let id = (*t)?;
            Some(ImportedIncident { source: p.source.clone(), number: ws.record(id)?.number, id })
        })
        .collect();
    Ok(Imported {
        workspace: ws,
        incidents,
        people,
        groups,
        cis,
        services,
        rows: plan.rows,
        events,
        departures,
        notes: plan.notes,
    })
}

fn create(ws: &mut Workspace, ids: &OrgIds, c: &Creation, actor: PersonId, at: Timestamp) -> Result<TicketId, String> {
    let new = NewIncident {
        short_description: c.short_description.clone(),
        description: c.description.clone(),
        caller: ids.people[&c.caller],
        category: c.category,
        subcategory: c.subcategory.clone(),
        service: c.service.as_ref().map(|s| ids.services[s]),
        ci: c.ci.as_ref().map(|s| ids.cis[s]),
        impact: c.impact,
        urgency: c.urgency,
        assignment_group: c.group.as_ref().map(|g| ids.groups[g]),
        assigned_to: c.agent.as_ref().map(|a| ids.people[a]),
    };
    let applied = ws.apply(Command::CreateIncident(new), actor, at).map_err(|e| format!("not created: {e}"))?;
    applied.created.ok_or_else(|| "not created".to_string())
}

fn transition(to: IncidentState, id: TicketId, hold: Option<crate::domain::HoldReason>, resolution: Option<&(crate::domain::ResolutionCode, String)>) -> Command {
    Command::Transition {
        id,
        to,
        hold_reason: hold,
        resolution_code: resolution.map(|r| r.0),
        resolution_notes: resolution.map(|r| r.1.clone()).unwrap_or_default(),
    }
}

fn change(ws: &mut Workspace, ids: &OrgIds, id: TicketId, action: &Action, actor: PersonId, at: Timestamp) -> Result<(), String> {
    let inc = ws.incident(id).ok_or("the incident is missing")?.clone();
    let refused = |what: String, e: DomainError| format!("{what} is not recorded: {e}");
    match action {
        Action::Create(_) => Ok(()),
        Action::Classify { category, subcategory } => {
            let edits = vec![FieldEdit::Category(*category), FieldEdit::Subcategory(subcategory.clone())];
            ws.apply(Command::UpdateIncident { id, edits }, actor, at)
                .map(|_| ())
                .map_err(|e| refused(format!("the change of category to {} / {subcategory}", category.label()), e))
        }
        Action::Levels { impact, urgency } => {
            let mut edits = Vec::new();
            edits.extend(impact.map(FieldEdit::Impact));
            edits.extend(urgency.map(FieldEdit::Urgency));
            ws.apply(Command::UpdateIncident { id, edits }, actor, at)
                .map(|_| ())
                .map_err(|e| refused("the change of impact or urgency".into(), e))
        }
        Action::Ci(ci) => {
            let edits = vec![FieldEdit::Ci(ci.as_ref().map(|c| ids.cis[c]))];
            ws.apply(Command::UpdateIncident { id, edits }, actor, at)
                .map(|_| ())
                .map_err(|e| refused("the change of configuration item".into(), e))
        }
        Action::Assign { group, agent } => {
            let command = Command::Assign {
                id,
                group: group.as_ref().map(|g| ids.groups[g]),
                agent: agent.as_ref().map(|a| ids.people[a]),
            };
            let what = format!(
                "the assignment to {} / {}",
                group.as_deref().unwrap_or("no group"),
                agent.as_deref().unwrap_or("nobody")
            );
            ws.apply(command, actor, at).map(|_| ()).map_err(|e| refused(what, e))
        }
        Action::State { to, hold, resolution } => {
            if inc.state == *to && (*to != IncidentState::OnHold || inc.hold_reason == *hold) {
                return Ok(());
            }
            let what = format!("{} to {}", inc.state.label(), to.label());
            if inc.state == IncidentState::OnHold && *to == IncidentState::OnHold {
                ws.apply(transition(IncidentState::InProgress, id, None, None), actor, at).map_err(|e| refused(what.clone(), e))?;
            }
            ws.apply(transition(*to, id, *hold, resolution.as_ref()), actor, at).map(|_| ()).map_err(|e| refused(what, e))
        }
    }
}
