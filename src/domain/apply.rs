//! Applying commands: validation first, mutation after.
//!
//! [`Workspace::apply`] works in two phases. *Planning* reads the workspace,
//! checks every rule and produces the list of events (and configuration
//! changes) the command means; it cannot change anything because it only
//! holds `&self`. *Committing* appends those events. So a refused command
//! leaves the workspace exactly as it was, which a test checks by comparing
//! the JSON before and after.
//!
//! The lifecycle commands (transitions, comments, parent links) are planned in
//! `lifecycle.rs`; everything else is here.

use super::command::{Applied, Command, EscalationRequest, FieldEdit, NewIncident};
use super::error::DomainError;
use super::event::{Change, Escalation, Event, Field, FieldValue, InitialFields, Link};
use super::ids::{GroupId, PersonId, TicketId, TicketKind, Timestamp};
use super::org::Person;
use super::priority::PriorityMatrix;
use super::query::SavedView;
use super::sla::BoardRebuild;
use super::ticket::Incident;
use super::workspace::{Settings, Workspace};

/// A configuration change a command asks for.
pub(super) enum ConfigChange {
    Matrix(PriorityMatrix),
    Settings(Settings),
    Slas(crate::domain::sla::Calendars, Vec<crate::domain::sla::SlaDefinition>),
    SaveView(SavedView),
    DeleteView(String),
    NotificationsRead(PersonId, Timestamp),
}

/// Everything a validated command will do.
#[derive(Default)]
pub(super) struct Plan {
    /// A ticket to create: its kind, its `Created` event and the events that follow it.
    pub create: Option<(TicketKind, Event, Vec<Event>)>,
    /// Events for existing tickets, in order.
    pub events: Vec<(TicketId, Event)>,
    pub config: Option<ConfigChange>,
}

impl Plan {
    pub(super) fn push(&mut self, id: TicketId, at: Timestamp, actor: PersonId, change: Change) {
        self.events.push((id, Event { at, actor, change }));
    }
}

impl Workspace {
    /// Applies a command by `actor` at time `now`: checks every rule, then
    /// records the events. On error nothing changes. The clock moves to `now`
    /// if it is later.
    ///
    /// If resolved incidents were due to auto-close at or before `now`, the
    /// command is refused: call [`Workspace::advance_clock`] first, so time
    /// passes before the command happens.
    pub fn apply(&mut self, command: Command, actor: PersonId, now: Timestamp) -> Result<Applied, DomainError> {
        self.apply_with_board(command, actor, now, None)
    }

    /// [`Workspace::apply`], with the SLA board of a `SetSlaConfig` built
    /// beforehand in steps (see [`BoardRebuild`]): it is used when it was
    /// built for the very definitions and calendars saved, with every ticket
    /// whose history moved since replayed again, so the outcome is exactly
    /// `apply`'s. Any other command, or another configuration, ignores it.
    pub fn apply_with_board(
        &mut self,
        command: Command,
        actor: PersonId,
        now: Timestamp,
        board: Option<BoardRebuild>,
    ) -> Result<Applied, DomainError> {
        let pending = self.pending_auto_closes(now);
        if pending > 0 {
            return Err(DomainError::AutoClosePending { count: pending });
        }
        let plan = self.plan(command, actor, now)?;
        // Thresholds crossed before `now` are recorded before the command's
        // own events, so every ticket's history stays in time order.
        self.record_crossings(now);
        let applied = self.commit(plan, now, board);
        if !applied.changed.is_empty() {
            // Written behind the clock: its tickets' crossings from `now` on are
            // recorded when time is next advanced past them.
            self.derived.notified_to = self.derived.notified_to.min(now);
        }
        Ok(applied)
    }

    fn commit(&mut self, plan: Plan, now: Timestamp, board: Option<BoardRebuild>) -> Applied {
        self.clock.now = self.clock.now.max(now);
        let mut applied = Applied::default();
        if let Some((kind, created, following)) = plan.create {
            let id = self.insert_record(kind, created);
            for event in following {
                self.append_event(id, event);
            }
            applied.created = Some(id);
            applied.changed.push(id);
        }
        for (id, event) in plan.events {
            self.append_event(id, event);
            if !applied.changed.contains(&id) {
                applied.changed.push(id);
            }
        }
        for &id in &applied.changed {
            self.refresh_sla(id);
        }
        match plan.config {
            Some(ConfigChange::Matrix(m)) => self.matrix = m,
            Some(ConfigChange::Settings(s)) => self.settings = s,
            Some(ConfigChange::Slas(calendars, slas)) => {
                // The timers of new or edited definitions and calendars are replayed; the others stay.
                let rebuild = match board.filter(|b| b.is_for(&calendars, &slas)) {
                    Some(board) => board,
                    None => {
                        let mut board = BoardRebuild::new(self, &calendars, &slas);
                        board.step(self, usize::MAX);
                        board
                    }
                };
                self.calendars = calendars;
                self.slas = slas;
                rebuild.finish(&mut self.derived.sla, &self.tickets, &self.derived.versions.0);
                // Crossings the new definitions put in the past are not notified after the fact.
                self.derived.sla.settle_until(self.derived.notified_to);
            }
            Some(ConfigChange::SaveView(view)) => match self.views.iter_mut().find(|v| v.name == view.name) {
                Some(existing) => *existing = view,
                None => self.views.push(view),
            },
            Some(ConfigChange::DeleteView(name)) => self.views.retain(|v| v.name != name),
            Some(ConfigChange::NotificationsRead(person, up_to)) => {
                let seen = self.notifications_seen.entry(person).or_insert(up_to);
                *seen = (*seen).max(up_to);
            }
            None => {}
        }
        applied
    }

    fn plan(&self, command: Command, actor_id: PersonId, now: Timestamp) -> Result<Plan, DomainError> {
        let actor = self.person(actor_id).ok_or(DomainError::UnknownPerson(actor_id))?;
        match command {
            Command::CreateIncident(new) => self.plan_create(new, actor, now),
            Command::UpdateIncident { id, edits } => self.plan_update(id, edits, actor, now),
            Command::Assign { id, group, agent } => {
                require_agent(actor, "assign incidents")?;
                let inc = self.open_incident(id, now)?;
                self.check_assignment(group, agent)?;
                let mut plan = Plan::default();
                if (inc.assignment_group, inc.assigned_to) != (group, agent) {
                    plan.push(id, now, actor.id, assigned(inc, group, agent));
                }
                Ok(plan)
            }
            Command::Transition { id, to, hold_reason, resolution_code, resolution_notes } => {
                self.plan_transition(id, to, hold_reason, resolution_code, resolution_notes, actor, now)
            }
            Command::AddComment { id, text } => self.plan_comment(id, text, actor, now),
            Command::AddWorkNote { id, text } => {
                require_agent(actor, "add work notes")?;
                self.open_incident(id, now)?;
                let text = not_blank(text, "work note")?;
                let mut plan = Plan::default();
                plan.push(id, now, actor.id, Change::WorkNote { text });
                Ok(plan)
            }
            Command::Escalate { id, escalation } => self.plan_escalate(id, escalation, actor, now),
            Command::SetParent { child, parent } => self.plan_set_parent(child, parent, actor, now),
            Command::Relate { a, b } => self.plan_relate(a, b, actor, now),
            Command::SetMajor { id, major } => {
                if !actor.can_declare_major() {
                    return Err(not_allowed(actor, "group managers and admins", "declare major incidents"));
                }
                let inc = self.open_incident(id, now)?;
                if inc.major == major {
                    let what = if major { "a major incident" } else { "not a major incident" };
                    return Err(DomainError::AlreadySo { number: inc.number.to_string(), what });
                }
                let mut plan = Plan::default();
                let change = Change::FieldChanged { field: Field::Major, old: FieldValue::Flag(!major), new: FieldValue::Flag(major) };
                plan.push(id, now, actor.id, change);
                Ok(plan)
            }
            Command::SetPriorityMatrix(matrix) => {
                if !actor.is_admin() {
                    return Err(not_allowed(actor, "admins", "change the priority matrix"));
                }
                matrix.validate()?;
                let stranded = self
                    .incidents()
                    .filter(|i| {
                        !matrix.impact.contains(i.impact)
                            || !matrix.urgency.contains(i.urgency)
                            || !matrix.priority.contains(i.priority)
                    })
                    .count();
                if stranded > 0 {
                    return Err(DomainError::MatrixIncompatible { count: stranded, matrix: matrix.name });
                }
                Ok(Plan { config: Some(ConfigChange::Matrix(matrix)), ..Plan::default() })
            }
            Command::SetSlaConfig { calendars, slas } => {
                if !actor.is_admin() {
                    return Err(not_allowed(actor, "admins", "change SLA definitions and calendars"));
                }
                crate::domain::sla::check_config(&calendars, &slas)
                    .map_err(|problems| DomainError::BadSlas { reason: problems.join("; ") })?;
                Ok(Plan { config: Some(ConfigChange::Slas(calendars, slas)), ..Plan::default() })
            }
            Command::UpdateSettings(settings) => {
                if !actor.is_admin() {
                    return Err(not_allowed(actor, "admins", "change the settings"));
                }
                settings.validate()?;
                Ok(Plan { config: Some(ConfigChange::Settings(settings)), ..Plan::default() })
            }
            Command::SaveView(view) => {
                if view.name.trim().is_empty() {
                    return Err(DomainError::BlankText { what: "view name" });
                }
                Ok(Plan { config: Some(ConfigChange::SaveView(view)), ..Plan::default() })
            }
            Command::MarkNotificationsRead { up_to } => {
                Ok(Plan { config: Some(ConfigChange::NotificationsRead(actor.id, up_to)), ..Plan::default() })
            }
            Command::DeleteView { name } => {
                if !self.views.iter().any(|v| v.name == name) {
                    return Err(DomainError::UnknownView { name });
                }
                Ok(Plan { config: Some(ConfigChange::DeleteView(name)), ..Plan::default() })
            }
        }
    }

    fn plan_create(&self, new: NewIncident, actor: &Person, now: Timestamp) -> Result<Plan, DomainError> {
        if new.caller != actor.id && !actor.is_agent() {
            return Err(not_allowed(actor, "agents", "log incidents for someone else"));
        }
        let has_assignment = new.assignment_group.is_some() || new.assigned_to.is_some();
        if has_assignment && !actor.is_agent() {
            return Err(not_allowed(actor, "agents", "assign incidents"));
        }
        let short_description = not_blank(new.short_description, "short description")?;
        self.person(new.caller).ok_or(DomainError::UnknownPerson(new.caller))?;
        if let Some(s) = new.service {
            self.service(s).ok_or(DomainError::UnknownService(s))?;
        }
        if let Some(c) = new.ci {
            self.ci(c).ok_or(DomainError::UnknownCi(c))?;
        }
        self.check_assignment(new.assignment_group, new.assigned_to)?;
        let priority = self.matrix.priority(new.impact, new.urgency)?;
        let fields = InitialFields {
            short_description,
            description: new.description.trim().to_string(),
            caller: new.caller,
            category: new.category,
            subcategory: new.subcategory.trim().to_string(),
            service: new.service,
            ci: new.ci,
            impact: new.impact,
            urgency: new.urgency,
            priority,
        };
        let created = Event { at: now, actor: actor.id, change: Change::Created(fields) };
        let mut following = Vec::new();
        if has_assignment {
            let change = Change::Assigned {
                group_from: None,
                group_to: new.assignment_group,
                agent_from: None,
                agent_to: new.assigned_to,
            };
            following.push(Event { at: now, actor: actor.id, change });
        }
        Ok(Plan { create: Some((TicketKind::Incident, created, following)), ..Plan::default() })
    }

    fn plan_update(&self, id: TicketId, edits: Vec<FieldEdit>, actor: &Person, now: Timestamp) -> Result<Plan, DomainError> {
        require_agent(actor, "edit incidents")?;
        let mut current = self.open_incident(id, now)?.clone();
        let mut plan = Plan::default();
        for edit in edits {
            let (field, new) = match edit {
                FieldEdit::ShortDescription(t) => (Field::ShortDescription, FieldValue::Text(not_blank(t, "short description")?)),
                FieldEdit::Description(t) => (Field::Description, FieldValue::Text(t.trim().to_string())),
                FieldEdit::Subcategory(t) => (Field::Subcategory, FieldValue::Text(t.trim().to_string())),
                FieldEdit::Category(c) => (Field::Category, FieldValue::Category(c)),
                FieldEdit::Caller(p) => {
                    self.person(p).ok_or(DomainError::UnknownPerson(p))?;
                    (Field::Caller, FieldValue::Person(p))
                }
                FieldEdit::Service(s) => {
                    if let Some(s) = s {
                        self.service(s).ok_or(DomainError::UnknownService(s))?;
                    }
                    (Field::Service, FieldValue::Service(s))
                }
                FieldEdit::Ci(c) => {
                    if let Some(c) = c {
                        self.ci(c).ok_or(DomainError::UnknownCi(c))?;
                    }
                    (Field::Ci, FieldValue::Ci(c))
                }
                FieldEdit::Impact(v) => (Field::Impact, FieldValue::Level(v)),
                FieldEdit::Urgency(v) => (Field::Urgency, FieldValue::Level(v)),
            };
            let old = current.field_value(field);
            if old == new {
                continue;
            }
            let mut changes = vec![Change::FieldChanged { field, old, new }];
            if matches!(field, Field::Impact | Field::Urgency) {
                let (impact, urgency) = match changes[0] {
                    Change::FieldChanged { new: FieldValue::Level(v), .. } if field == Field::Impact => (v, current.urgency),
                    Change::FieldChanged { new: FieldValue::Level(v), .. } => (current.impact, v),
                    _ => unreachable!("impact and urgency edits are levels"),
                };
                let priority = self.matrix.priority(impact, urgency)?;
                if priority != current.priority {
                    changes.push(Change::FieldChanged {
                        field: Field::Priority,
                        old: FieldValue::Level(current.priority),
                        new: FieldValue::Level(priority),
                    });
                }
            }
            for change in changes {
                let event = Event { at: now, actor: actor.id, change };
                current.apply_event(&event);
                plan.events.push((id, event));
            }
        }
        Ok(plan)
    }

    fn plan_escalate(&self, id: TicketId, escalation: EscalationRequest, actor: &Person, now: Timestamp) -> Result<Plan, DomainError> {
        require_agent(actor, "escalate incidents")?;
        let inc = self.open_incident(id, now)?;
        let number = inc.number.to_string();
        let mut plan = Plan::default();
        match escalation {
            EscalationRequest::Functional { to_group } => {
                let group = self.group(to_group).ok_or(DomainError::UnknownGroup(to_group))?;
                if inc.assignment_group == Some(to_group) {
                    return Err(DomainError::SameGroup { number, group: group.name.clone() });
                }
                let from_group = inc.assignment_group;
                plan.push(id, now, actor.id, Change::Escalated(Escalation::Functional { from_group, to_group }));
                plan.push(id, now, actor.id, assigned(inc, Some(to_group), None));
            }
            EscalationRequest::Hierarchical => {
                let group_id = inc.assignment_group.ok_or_else(|| DomainError::NoManager {
                    number: number.clone(),
                    reason: "it has no assignment group yet".to_string(),
                })?;
                let group = self.group(group_id).ok_or(DomainError::UnknownGroup(group_id))?;
                let manager = group.manager.ok_or_else(|| DomainError::NoManager {
                    number,
                    reason: format!("{} has no manager", group.name),
                })?;
                let level = inc.escalation_level.saturating_add(1);
                plan.push(id, now, actor.id, Change::Escalated(Escalation::Hierarchical { manager, level }));
            }
        }
        Ok(plan)
    }

    fn plan_relate(&self, a: TicketId, b: TicketId, actor: &Person, now: Timestamp) -> Result<Plan, DomainError> {
        require_agent(actor, "link incidents")?;
        let first = self.open_incident(a, now)?;
        let second = self.open_incident(b, now)?;
        if a == b {
            return Err(DomainError::SelfLink { number: first.number.to_string() });
        }
        if first.related.contains(&b) {
            return Err(DomainError::AlreadyLinked { a: first.number.to_string(), b: second.number.to_string() });
        }
        let mut plan = Plan::default();
        plan.push(a, now, actor.id, Change::LinkAdded(Link::Related(b)));
        plan.push(b, now, actor.id, Change::LinkAdded(Link::Related(a)));
        Ok(plan)
    }

    /// Checks a group/agent pair: both exist, the agent is an agent and a member.
    pub(super) fn check_assignment(&self, group: Option<GroupId>, agent: Option<PersonId>) -> Result<(), DomainError> {
        let group = match group {
            Some(g) => Some(self.group(g).ok_or(DomainError::UnknownGroup(g))?),
            None => None,
        };
        if let Some(a) = agent {
            let person = self.person(a).ok_or(DomainError::UnknownPerson(a))?;
            if !person.is_agent() {
                return Err(DomainError::NotAnAgent { who: person.name.clone() });
            }
            let group = group.ok_or_else(|| DomainError::AgentWithoutGroup { agent: person.name.clone() })?;
            if !group.members.contains(&a) {
                return Err(DomainError::NotGroupMember { agent: person.name.clone(), group: group.name.clone() });
            }
        }
        Ok(())
    }

    /// An incident that exists, is not final, and has no event later than `now`.
    pub(super) fn open_incident(&self, id: TicketId, now: Timestamp) -> Result<&Incident, DomainError> {
        let inc = self.existing_incident(id, now)?;
        if inc.state.is_final() {
            return Err(DomainError::TicketIsFinal { number: inc.number.to_string(), state: inc.state.label() });
        }
        Ok(inc)
    }

    /// An incident that exists and has no event later than `now`.
    pub(super) fn existing_incident(&self, id: TicketId, now: Timestamp) -> Result<&Incident, DomainError> {
        let record = self.record(id).ok_or(DomainError::UnknownTicket(id))?;
        let inc = self.incident(id).ok_or_else(|| DomainError::NotAnIncident { number: record.number.to_string() })?;
        if let Some(last) = record.last_event_at()
            && now < last
        {
            return Err(DomainError::TimeBeforeLastEvent { number: record.number.to_string(), last, now });
        }
        Ok(inc)
    }
}

/// The `Assigned` event moving `inc` to this group and agent.
fn assigned(inc: &Incident, group: Option<GroupId>, agent: Option<PersonId>) -> Change {
    Change::Assigned { group_from: inc.assignment_group, group_to: group, agent_from: inc.assigned_to, agent_to: agent }
}

/// Refuses unless the person works incidents.
pub(super) fn require_agent(actor: &Person, action: &'static str) -> Result<(), DomainError> {
    if actor.is_agent() { Ok(()) } else { Err(not_allowed(actor, "agents", action)) }
}

/// "Only {needed} can {action}; {who} is {role}".
pub(super) fn not_allowed(actor: &Person, needed: &'static str, action: &'static str) -> DomainError {
    DomainError::NotAllowed { needed, action, who: actor.name.clone(), role: actor.role_phrase() }
}

/// The trimmed text, or an error naming what was blank.
pub(super) fn not_blank(text: String, what: &'static str) -> Result<String, DomainError> {
    let trimmed = text.trim();
    if trimmed.is_empty() { Err(DomainError::BlankText { what }) } else { Ok(trimmed.to_string()) }
}
