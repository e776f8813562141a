//! Checking what a file's data *means*, once it has the model's shape.
//!
//! Shape is serde's business (see [`super::diagnose`]). Meaning is here:
//! every id a record names must exist (group members and managers, each
//! event's actor, callers, assignees, groups, services, CIs, linked
//! tickets, the groups and services SLA conditions name, the people and
//! groups saved views filter on); ids are unique, and ticket ids dense and in
//! order as the model needs; ticket numbers fit their kind and are unique;
//! settings, the priority matrix and the SLA configuration pass the domain's
//! own checks; each history is a legal sequence
//! ([`crate::domain::check::check_history`]: the lifecycle's rules, not a
//! copy of them); no event is later than the workspace clock; and each
//! ticket's current impact, urgency and priority are on the matrix.
//!
//! Organisation and configuration are checked at once ([`Checker::new`]);
//! tickets in slices ([`Checker::check_tickets`]) so that a browser can
//! check 100,000 of them a few thousand at a time between frames.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::error::Problems;
use crate::domain::check::check_history;
use crate::domain::event::{Change, Escalation, Event, FieldValue, Link};
use crate::domain::incident::IncidentState;
use crate::domain::query::AssigneeFilter;
use crate::domain::{CiId, GroupId, PersonId, ServiceId, TicketKind, TicketNumber, Timestamp, Workspace};

/// What the checked tickets hold, for the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Tickets per kind and the state their history ends in.
    pub by_kind_and_state: BTreeMap<(TicketKind, IncidentState), usize>,
    /// Events in all checked tickets.
    pub events: usize,
}

/// The ids a workspace defines, sorted for lookups.
struct Ids {
    people: Vec<PersonId>,
    groups: Vec<GroupId>,
    services: Vec<ServiceId>,
    cis: Vec<CiId>,
}

/// Checks a workspace's meaning; tickets a slice at a time.
pub(super) struct Checker {
    root: String,
    ids: Ids,
    tickets: usize,
    clock: Timestamp,
    numbers: HashMap<TicketNumber, usize>,
    /// Every problem found so far.
    pub problems: Problems,
    /// What the checked tickets hold.
    pub tally: Tally,
}

/// The sorted ids of `items`, reporting repeats at `root.section[i].id`.
fn unique_ids<T, I: Ord + Copy + std::fmt::Display>(
    items: &[T],
    id: impl Fn(&T) -> I,
    section: &str,
    root: &str,
    problems: &mut Problems,
) -> Vec<I> {
    let mut first: BTreeMap<I, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(earlier) = first.insert(id(item), i) {
            first.insert(id(item), earlier);
            problems.push(
                format!("{root}.{section}[{i}].id"),
                format!("the id {} is already used by {section}[{earlier}]: each record needs an id of its own", id(item)),
            );
        }
    }
    first.into_keys().collect()
}

impl Checker {
    /// Checks organisation and configuration of `ws`, whose data is at JSON
    /// path `root`, and prepares to check its tickets.
    pub fn new(ws: &Workspace, root: &str) -> Self {
        let mut problems = Problems::new();
        let ids = Ids {
            people: unique_ids(ws.people(), |p| p.id, "people", root, &mut problems),
            groups: unique_ids(ws.groups(), |g| g.id, "groups", root, &mut problems),
            services: unique_ids(ws.services(), |s| s.id, "services", root, &mut problems),
            cis: unique_ids(ws.cis(), |c| c.id, "cis", root, &mut problems),
        };
        let mut checker = Checker {
            root: root.to_string(),
            ids,
            tickets: ws.tickets().len(),
            clock: ws.clock().now,
            numbers: HashMap::with_capacity(ws.tickets().len()),
            problems,
            tally: Tally::default(),
        };
        checker.check_organisation(ws);
        checker.check_configuration(ws);
        checker
    }

    fn say(&mut self, path: impl AsRef<str>, message: impl Into<String>) {
        self.problems.push(format!("{}{}", self.root, path.as_ref()), message);
    }

    fn person(&mut self, id: PersonId, path: impl FnOnce() -> String) {
        if self.ids.people.binary_search(&id).is_err() {
            self.say(path(), format!("there is no {id} among the people in the file"));
        }
    }

    fn group(&mut self, id: GroupId, path: impl FnOnce() -> String) {
        if self.ids.groups.binary_search(&id).is_err() {
            self.say(path(), format!("there is no {id} among the groups in the file"));
        }
    }

    fn service(&mut self, id: ServiceId, path: impl FnOnce() -> String) {
        if self.ids.services.binary_search(&id).is_err() {
            self.say(path(), format!("there is no {id} among the services in the file"));
        }
    }

    fn ci(&mut self, id: CiId, path: impl FnOnce() -> String) {
        if self.ids.cis.binary_search(&id).is_err() {
            self.say(path(), format!("there is no {id} among the configuration items in the file"));
        }
    }

    fn check_organisation(&mut self, ws: &Workspace) {
        for (i, person) in ws.people().iter().enumerate() {
            if person.id == PersonId::SYSTEM {
                self.say(format!(".people[{i}].id"), "person id 0 stands for the System actor; give this person another id");
            }
        }
        for (i, group) in ws.groups().iter().enumerate() {
            for (j, &member) in group.members.iter().enumerate() {
                self.person(member, || format!(".groups[{i}].members[{j}]"));
            }
            if let Some(manager) = group.manager {
                self.person(manager, || format!(".groups[{i}].manager"));
            }
        }
        for (i, ci) in ws.cis().iter().enumerate() {
            if let Some(service) = ci.service {
                self.service(service, || format!(".cis[{i}].service"));
            }
        }
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, view) in ws.views().iter().enumerate() {
            if view.name.trim().is_empty() {
                self.say(format!(".views[{i}].name"), "a saved view needs a name");
            } else if let Some(earlier) = names.insert(view.name.as_str(), i) {
                self.say(format!(".views[{i}].name"), format!("views[{earlier}] already has the name \"{}\"", view.name));
            }
            if let Some(group) = view.query.group {
                self.group(group, || format!(".views[{i}].query.group"));
            }
            if let AssigneeFilter::Person(person) = view.query.assignee {
                self.person(person, || format!(".views[{i}].query.assignee.Person"));
            }
        }
    }

    fn check_configuration(&mut self, ws: &Workspace) {
        if let Err(e) = ws.settings().validate() {
            self.say(".settings.auto_close_days", e.to_string());
        }
        if let Err(e) = ws.matrix().validate() {
            self.say(".matrix", e.to_string());
        }
        if let Err(problems) = crate::domain::sla::check_config(ws.calendars(), ws.slas()) {
            for problem in problems {
                self.say(".slas", problem);
            }
        }
        for (i, sla) in ws.slas().iter().enumerate() {
            if let Some(service) = sla.conditions.service {
                self.service(service, || format!(".slas[{i}].conditions.service"));
            }
            if let Some(group) = sla.conditions.group {
                self.group(group, || format!(".slas[{i}].conditions.group"));
            }
        }
    }

    /// Checks the tickets at positions `rows` (clamped to the list).
    pub fn check_tickets(&mut self, ws: &Workspace, rows: Range<usize>) {
        let tickets = ws.tickets();
        let rows = rows.start.min(tickets.len())..rows.end.min(tickets.len());
        for row in rows {
            let record = &tickets[row];
            let at = TicketAt(row);
            if record.id.0 as usize != row + 1 {
                let message = format!(
                    "this ticket's id is {}, but ticket ids count 1, 2, 3... in the order tickets are listed, so it must be {}",
                    record.id.0,
                    row + 1
                );
                self.say(format!("{at}.id"), message);
            }
            if record.number.kind != record.kind {
                let message =
                    format!("{} is a {} number, but the ticket is a {}", record.number, record.number.kind.label(), record.kind.label());
                self.say(format!("{at}.number"), message);
            }
            if let Some(earlier) = self.numbers.insert(record.number, row) {
                self.numbers.insert(record.number, earlier);
                self.say(format!("{at}.number"), format!("the number {} is already used by tickets[{earlier}]", record.number));
            }
            for (k, event) in record.events.iter().enumerate() {
                self.check_event(event, record.id.0, EventAt(row, k));
            }
            let history = check_history(record);
            for problem in &history.problems {
                let mut path = at.to_string();
                if let Some(k) = problem.event {
                    path.push_str(&format!(".events[{k}]"));
                }
                if !problem.within.is_empty() {
                    path.push('.');
                    path.push_str(problem.within);
                }
                self.say(path, format!("{}: {}", record.number, problem.message));
            }
            if let Some(ticket) = &history.ticket {
                self.check_levels(ws, [ticket.impact, ticket.urgency, ticket.priority], at, record.number);
            }
            *self.tally.by_kind_and_state.entry((record.kind, history.state())).or_default() += 1;
            self.tally.events += record.events.len();
        }
    }

    /// The current impact, urgency and priority must be on the matrix (the
    /// rule that keeps a matrix from being replaced under existing tickets).
    fn check_levels(&mut self, ws: &Workspace, [impact, urgency, priority]: [u8; 3], at: TicketAt, number: TicketNumber) {
        let matrix = ws.matrix();
        for (value, scale, name) in [(impact, &matrix.impact, "impact"), (urgency, &matrix.urgency, "urgency"), (priority, &matrix.priority, "priority")] {
            if !scale.contains(value) {
                let allowed: Vec<String> = scale.levels.iter().map(|l| l.value.to_string()).collect();
                self.say(at.to_string(), format!("{number} has {name} {value}, which is not on the matrix's {name} scale ({})", allowed.join(", ")));
            }
        }
    }

    /// Checks what one event refers to, and its time against the clock.
    fn check_event(&mut self, event: &Event, own: u32, at: EventAt) {
        if event.actor != PersonId::SYSTEM {
            self.person(event.actor, || format!("{at}.actor"));
        }
        if event.at > self.clock {
            let message = format!("this event ({}) is later than the workspace clock ({}): the clock is never behind what happened", event.at, self.clock);
            self.say(format!("{at}.at"), message);
        }
        match &event.change {
            Change::Created(fields) => {
                self.person(fields.caller, || format!("{at}.change.Created.caller"));
                if let Some(service) = fields.service {
                    self.service(service, || format!("{at}.change.Created.service"));
                }
                if let Some(ci) = fields.ci {
                    self.ci(ci, || format!("{at}.change.Created.ci"));
                }
            }
            Change::FieldChanged { old, new, .. } => {
                self.value(old, at, "old");
                self.value(new, at, "new");
            }
            Change::Assigned { group_from, group_to, agent_from, agent_to } => {
                for (group, key) in [(group_from, "group_from"), (group_to, "group_to")] {
                    if let Some(group) = *group {
                        self.group(group, || format!("{at}.change.Assigned.{key}"));
                    }
                }
                for (agent, key) in [(agent_from, "agent_from"), (agent_to, "agent_to")] {
                    if let Some(agent) = *agent {
                        self.person(agent, || format!("{at}.change.Assigned.{key}"));
                    }
                }
            }
            Change::Escalated(Escalation::Functional { from_group, to_group }) => {
                if let Some(group) = *from_group {
                    self.group(group, || format!("{at}.change.Escalated.Functional.from_group"));
                }
                self.group(*to_group, || format!("{at}.change.Escalated.Functional.to_group"));
            }
            Change::Escalated(Escalation::Hierarchical { manager, .. }) => {
                self.person(*manager, || format!("{at}.change.Escalated.Hierarchical.manager"));
            }
            Change::SlaNotified { recipients, .. } => {
                for (i, person) in recipients.iter().enumerate() {
                    self.person(*person, || format!("{at}.change.SlaNotified.recipients[{i}]"));
                }
            }
            Change::LinkAdded(link) => {
                let (target, key) = match *link {
                    Link::Parent(t) => (t, "Parent"),
                    Link::Child(t) => (t, "Child"),
                    Link::Related(t) => (t, "Related"),
                };
                if target.0 == own {
                    self.say(format!("{at}.change.LinkAdded.{key}"), "a ticket cannot be linked to itself");
                } else if target.0 == 0 || target.0 as usize > self.tickets {
                    let message = format!("there is no {target}: ticket ids in this file run from 1 to {}", self.tickets);
                    self.say(format!("{at}.change.LinkAdded.{key}"), message);
                }
            }
            Change::StateChanged { .. } | Change::Comment { .. } | Change::WorkNote { .. } => {}
        }
    }

    /// Checks the person, service or CI a field change's `old` or `new` value names.
    fn value(&mut self, value: &FieldValue, at: EventAt, side: &str) {
        match value {
            FieldValue::Person(p) => self.person(*p, || format!("{at}.change.FieldChanged.{side}.Person")),
            FieldValue::Service(Some(s)) => self.service(*s, || format!("{at}.change.FieldChanged.{side}.Service")),
            FieldValue::Ci(Some(c)) => self.ci(*c, || format!("{at}.change.FieldChanged.{side}.Ci")),
            _ => {}
        }
    }
}

/// The path of a ticket (`.tickets[12]`), written only when a problem is found.
#[derive(Clone, Copy)]
struct TicketAt(usize);

impl std::fmt::Display for TicketAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, ".tickets[{}]", self.0)
    }
}

/// The path of an event (`.tickets[12].events[3]`), written only when a problem is found.
#[derive(Clone, Copy)]
struct EventAt(usize, usize);

impl std::fmt::Display for EventAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, ".tickets[{}].events[{}]", self.0, self.1)
    }
}
