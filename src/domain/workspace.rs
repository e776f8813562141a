//! The workspace: one organisation's whole ITSM world in one value.
//!
//! It holds the organisation (people, groups, services, CIs), the
//! configuration (settings, priority matrix, saved views), every ticket's
//! event history and the clock. That is what is saved, exported and imported.
//!
//! Alongside the stored data it keeps *derived* caches (current incidents,
//! the search index, lookups). They are never saved: [`Workspace::rebuild`]
//! recomputes them from the stored data, which is why a loaded file can never
//! disagree with its own history. Changes go through
//! [`Workspace::apply`] (in `apply.rs`) and time through
//! [`Workspace::advance_clock`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::event::{Change, Event};
use super::ids::{CiId, GroupId, PersonId, ServiceId, TicketId, TicketKind, TicketNumber, Timestamp};
use super::incident::IncidentState;
use super::notify::Notifications;
use super::org::{Ci, Group, Person, Role, Service, ServiceKind};
use super::priority::PriorityMatrix;
use super::query::SavedView;
use super::search::{haystack, SearchIndex};
use super::sla::{default_calendars, default_slas, Calendars, SlaBoard, SlaDefinition};
use super::ticket::{Incident, TicketRecord};

/// The version of the stored format; bumped (with a migration) when it changes.
pub const SCHEMA_VERSION: u32 = 2;

/// Rules an administrator can tune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Days after resolution when a Resolved incident closes by itself if the
    /// caller neither accepts nor rejects the resolution (ServiceNow: 7).
    pub auto_close_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { auto_close_days: 7 }
    }
}

impl Settings {
    /// Checks the settings make sense.
    pub fn validate(&self) -> Result<(), DomainError> {
        if !(1..=365).contains(&self.auto_close_days) {
            return Err(DomainError::BadSettings {
                reason: format!("auto-close must be between 1 and 365 days, not {}", self.auto_close_days),
            });
        }
        Ok(())
    }
}

/// The workspace's clock: real (follows the computer) or simulated (a
/// student moves it to see timers run and incidents auto-close).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// The latest moment the workspace has seen.
    pub now: Timestamp,
    /// Whether time is driven by the user rather than the computer.
    pub simulated: bool,
}

/// Caches computed from the stored data, never saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Derived {
    /// `incidents[id - 1]` is the folded incident of ticket `id` (None for other kinds).
    pub incidents: Vec<Option<Incident>>,
    pub search: SearchIndex,
    /// Resolved incidents by resolution time, for auto-close.
    pub resolved: BTreeSet<(Timestamp, TicketId)>,
    pub next_seq: [u32; 4],
    pub by_number: HashMap<TicketNumber, TicketId>,
    pub person_ix: HashMap<PersonId, usize>,
    pub group_ix: HashMap<GroupId, usize>,
    pub service_ix: HashMap<ServiceId, usize>,
    pub ci_ix: HashMap<CiId, usize>,
    /// Every ticket's SLA timers, replayed as of its last event.
    pub sla: SlaBoard,
    /// SLA notifications by person, from the tickets' events.
    pub notifications: Notifications,
    /// Threshold crossings up to this instant have been recorded. Usually
    /// the clock; lower after a command written behind the clock (a script
    /// building history), until time is advanced past it again.
    pub notified_to: Timestamp,
    /// `versions.0[id - 1]` changes whenever ticket `id` does.
    pub versions: Versions,
}

/// One mark per ticket, taken from a counter shared by every workspace in
/// the program, renewed whenever the ticket gets an event. Two equal marks
/// therefore mean the same history, even across copies of a workspace that
/// went separate ways, so a cache of per-ticket results can tell which
/// tickets to look at again without comparing histories.
///
/// Marks say nothing about the data: two workspaces with the same data are
/// equal whatever their marks.
#[derive(Debug, Clone, Default)]
pub struct Versions(pub Vec<u64>);

impl PartialEq for Versions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Versions {}

static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// A mark no ticket of any workspace has had yet.
fn fresh_version() -> u64 {
    NEXT_VERSION.fetch_add(1, AtomicOrdering::Relaxed)
}

impl Derived {
    /// The caches of a workspace with no tickets yet, after checking its
    /// configuration; [`Derived::add`] then takes its tickets in id order,
    /// settling their SLA crossings up to the workspace's clock.
    pub(super) fn start(ws: &Workspace) -> Result<Self, DomainError> {
        ws.matrix.validate()?;
        ws.settings.validate()?;
        super::sla::check_config(&ws.calendars, &ws.slas).map_err(|problems| bad_workspace(problems.join("; ")))?;
        Ok(Derived {
            next_seq: [TicketNumber::FIRST; 4],
            person_ix: ws.people.iter().enumerate().map(|(i, p)| (p.id, i)).collect(),
            group_ix: ws.groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect(),
            service_ix: ws.services.iter().enumerate().map(|(i, s)| (s.id, i)).collect(),
            ci_ix: ws.cis.iter().enumerate().map(|(i, c)| (c.id, i)).collect(),
            sla: SlaBoard::build(&[], &ws.slas, &ws.calendars),
            notified_to: ws.clock.now,
            ..Derived::default()
        })
    }

    /// Makes room for `tickets` tickets in one allocation per cache, so that
    /// a large workspace's caches neither hold unused room from doubling nor
    /// need a second copy of themselves while they grow.
    pub(super) fn reserve(&mut self, tickets: usize) {
        let more = tickets.saturating_sub(self.incidents.len());
        self.incidents.reserve_exact(more);
        self.versions.0.reserve_exact(more);
        self.by_number.reserve(more);
        self.search.reserve(tickets);
        self.sla.reserve(tickets);
    }

    /// Takes the next ticket (the one whose id is one more than the last):
    /// checks its id and number, folds it and indexes it for search, auto-close,
    /// SLA timers and notifications.
    pub(super) fn add(&mut self, record: &TicketRecord) -> Result<(), DomainError> {
        let row = self.incidents.len();
        if record.id != TicketId(row as u32 + 1) {
            return Err(bad_workspace(format!("ticket {} is stored at position {}", record.id.0, row + 1)));
        }
        if record.number.kind != record.kind {
            return Err(bad_workspace(format!("{} is stored as a {}", record.number, record.kind.label())));
        }
        if self.by_number.insert(record.number, record.id).is_some() {
            return Err(bad_workspace(format!("the number {} is used twice", record.number)));
        }
        let next = &mut self.next_seq[record.kind.index()];
        *next = (*next).max(record.number.seq + 1);
        let incident = Incident::fold(record);
        if record.kind == TicketKind::Incident && incident.is_none() {
            return Err(bad_workspace(format!("{} does not start with its creation", record.number)));
        }
        let text = incident.as_ref().map_or_else(
            || haystack(&record.number.to_string(), "", ""),
            |i| haystack(&record.number.to_string(), &i.short_description, &i.description),
        );
        self.search.set_row(row, text);
        if let Some(i) = &incident
            && let (IncidentState::Resolved, Some(at)) = (i.state, i.resolved_at)
        {
            self.resolved.insert((at, i.id));
        }
        self.incidents.push(incident);
        self.versions.0.push(fresh_version());
        self.sla.refresh(record);
        // Crossings the clock has passed were dealt with when it passed them.
        self.sla.settle_ticket_until(record.id, self.notified_to);
        self.notifications.add_record(record);
        Ok(())
    }

    /// Done once every ticket is in, with the clock at `now` (each ticket's
    /// crossings up to the clock were settled as it came).
    pub(super) fn finish(&mut self, now: Timestamp) {
        self.search.shrink_to_fit();
        self.sla.settle_until(now);
        self.notified_to = now;
    }
}

fn bad_workspace(reason: String) -> DomainError {
    DomainError::BadWorkspace { reason }
}

/// One organisation's ITSM data: organisation, configuration, tickets, clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub(super) name: String,
    pub(super) schema_version: u32,
    pub(super) settings: Settings,
    pub(super) people: Vec<Person>,
    pub(super) groups: Vec<Group>,
    pub(super) services: Vec<Service>,
    pub(super) cis: Vec<Ci>,
    pub(super) matrix: PriorityMatrix,
    pub(super) views: Vec<SavedView>,
    pub(super) calendars: Calendars,
    pub(super) slas: Vec<SlaDefinition>,
    pub(super) tickets: Vec<TicketRecord>,
    pub(super) clock: Clock,
    /// Up to when each person has read their notifications.
    #[serde(default)]
    pub(super) notifications_seen: BTreeMap<PersonId, Timestamp>,
    #[serde(skip)]
    pub(super) derived: Derived,
}

impl Workspace {
    /// An empty workspace with default settings, ServiceNow's matrix and the
    /// default SLA definitions and calendars.
    pub fn new(name: &str, now: Timestamp) -> Self {
        let mut ws = Workspace {
            name: name.to_string(),
            schema_version: SCHEMA_VERSION,
            settings: Settings::default(),
            people: Vec::new(),
            groups: Vec::new(),
            services: Vec::new(),
            cis: Vec::new(),
            matrix: PriorityMatrix::servicenow(),
            views: Vec::new(),
            calendars: default_calendars(),
            slas: default_slas(),
            tickets: Vec::new(),
            clock: Clock { now, simulated: false },
            notifications_seen: BTreeMap::new(),
            derived: Derived::default(),
        };
        ws.derived.next_seq = [TicketNumber::FIRST; 4];
        ws.derived.sla = SlaBoard::build(&[], &ws.slas, &ws.calendars);
        ws.derived.notified_to = now;
        ws
    }

    /// Reads a workspace saved with [`Workspace::to_json`] and rebuilds its caches.
    pub fn from_json(json: &str) -> Result<Self, DomainError> {
        Self::from_json_migrating(json).map(|(ws, _)| ws)
    }

    /// Like [`Workspace::from_json`], and also says which schema version the
    /// text was written in (older versions are migrated in memory; the
    /// caller decides whether to keep a backup of the original text).
    pub fn from_json_migrating(json: &str) -> Result<(Self, u32), DomainError> {
        let bad = |e: serde_json::Error| DomainError::BadWorkspace { reason: e.to_string() };
        // The usual case, a workspace in the current format, is read straight
        // into its types in one pass: going through a `serde_json::Value`
        // first costs about as much again. Older, newer or damaged files take
        // the slow road, which migrates them or names what is wrong.
        #[derive(Deserialize)]
        struct Version {
            schema_version: Option<serde_json::Value>,
        }
        let (mut ws, found): (Workspace, u32) = match serde_json::from_str::<Workspace>(json) {
            Ok(ws) if ws.schema_version == SCHEMA_VERSION => (ws, SCHEMA_VERSION),
            direct => {
                let current = serde_json::from_str::<Version>(json)
                    .is_ok_and(|v| v.schema_version.and_then(|n| n.as_u64()) == Some(u64::from(SCHEMA_VERSION)));
                if let (true, Err(e)) = (current, direct) {
                    // In the current format but wrong: serde's message names the line and column.
                    return Err(bad(e));
                }
                let mut value: serde_json::Value = serde_json::from_str(json).map_err(bad)?;
                let found = super::migrate::upgrade(&mut value)?;
                // Read from the migrated value's text, as above: each other way of
                // reading the workspace types would add its own copy of their code.
                // That text is not the user's, so its line and column are left out.
                let migrated = serde_json::from_str::<Workspace>(&value.to_string())
                    .map_err(|e| DomainError::BadWorkspace { reason: super::error::bare_message(&e) })?;
                (migrated, found)
            }
        };
        ws.rebuild()?;
        Ok((ws, found))
    }

    /// The stored data as JSON (caches are not included).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a workspace always serializes")
    }

    /// Recomputes every cache from the stored data, checking that ticket ids
    /// are dense and that each ticket's number matches its kind.
    pub fn rebuild(&mut self) -> Result<(), DomainError> {
        let mut d = Derived::start(self)?;
        d.reserve(self.tickets.len());
        for record in &mut self.tickets {
            // A history read from JSON grew by doubling; keep only what it holds.
            record.events.shrink_to_fit();
        }
        for record in &self.tickets {
            d.add(record)?;
        }
        d.finish(self.clock.now);
        self.derived = d;
        Ok(())
    }

    /// The workspace's name (the organisation).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The priority matrix in force.
    pub fn matrix(&self) -> &PriorityMatrix {
        &self.matrix
    }
    /// Everyone in the organisation.
    pub fn people(&self) -> &[Person] {
        &self.people
    }
    /// The assignment groups.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// The service catalogue.
    pub fn services(&self) -> &[Service] {
        &self.services
    }
    /// The configuration items.
    pub fn cis(&self) -> &[Ci] {
        &self.cis
    }
    /// The user-defined saved views.
    pub fn views(&self) -> &[SavedView] {
        &self.views
    }
    /// The named business calendars SLA definitions count time on.
    pub fn calendars(&self) -> &Calendars {
        &self.calendars
    }
    /// The SLA, OLA and underpinning-contract definitions in force.
    pub fn slas(&self) -> &[SlaDefinition] {
        &self.slas
    }
    /// Every ticket record (the stored truth), in creation order.
    pub fn tickets(&self) -> &[TicketRecord] {
        &self.tickets
    }
    /// The clock.
    pub fn clock(&self) -> Clock {
        self.clock
    }
    /// Switches between the real and the simulated clock (the time itself is kept).
    pub fn set_simulated(&mut self, simulated: bool) {
        self.clock.simulated = simulated;
    }

    /// A person by id.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.derived.person_ix.get(&id).map(|&i| &self.people[i])
    }
    /// A group by id.
    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.derived.group_ix.get(&id).map(|&i| &self.groups[i])
    }
    /// A service by id.
    pub fn service(&self, id: ServiceId) -> Option<&Service> {
        self.derived.service_ix.get(&id).map(|&i| &self.services[i])
    }
    /// A CI by id.
    pub fn ci(&self, id: CiId) -> Option<&Ci> {
        self.derived.ci_ix.get(&id).map(|&i| &self.cis[i])
    }
    /// A ticket record by id.
    pub fn record(&self, id: TicketId) -> Option<&TicketRecord> {
        (id.0 as usize).checked_sub(1).and_then(|row| self.tickets.get(row))
    }
    /// A ticket id by its number (`INC0001001`).
    pub fn find_number(&self, number: TicketNumber) -> Option<TicketId> {
        self.derived.by_number.get(&number).copied()
    }
    /// The current incident of ticket `id`, derived from its events.
    pub fn incident(&self, id: TicketId) -> Option<&Incident> {
        let row = (id.0 as usize).checked_sub(1)?;
        self.derived.incidents.get(row)?.as_ref()
    }
    /// Every incident, in creation order.
    pub fn incidents(&self) -> impl Iterator<Item = &Incident> {
        self.derived.incidents.iter().flatten()
    }
    /// Every ticket's SLA timers, kept ready to read at any "now" after the
    /// ticket's last event without replaying it (see [`SlaBoard`]), with the
    /// threshold and breach crossings ahead.
    pub fn sla_board(&self) -> &SlaBoard {
        &self.derived.sla
    }
    /// The search index over ticket numbers and descriptions.
    pub fn search_index(&self) -> &SearchIndex {
        &self.derived.search
    }
    /// Each ticket's version mark (see [`Versions`]), by row (`id - 1`).
    pub fn ticket_versions(&self) -> &[u64] {
        &self.derived.versions.0
    }
    /// A person's name, or a placeholder for the system actor and unknown ids.
    pub fn person_name(&self, id: PersonId) -> String {
        if id == PersonId::SYSTEM {
            return "System".to_string();
        }
        self.person(id).map_or_else(|| format!("unknown {id}"), |p| p.name.clone())
    }
    /// A group's name, or a placeholder.
    pub fn group_name(&self, id: GroupId) -> String {
        self.group(id).map_or_else(|| format!("unknown {id}"), |g| g.name.clone())
    }

    /// Adds a person (organisation setup, not a ticket change) and returns their id.
    pub fn add_person(&mut self, name: &str, email: &str, roles: &[Role]) -> PersonId {
        let id = PersonId(self.people.iter().map(|p| p.id.0).max().unwrap_or(0) + 1);
        self.derived.person_ix.insert(id, self.people.len());
        self.people.push(Person { id, name: name.into(), email: email.into(), roles: roles.to_vec() });
        id
    }
    /// Adds an assignment group and returns its id. Members must exist.
    pub fn add_group(&mut self, name: &str, members: &[PersonId], manager: Option<PersonId>) -> Result<GroupId, DomainError> {
        for &p in members.iter().chain(manager.iter()) {
            self.person(p).ok_or(DomainError::UnknownPerson(p))?;
        }
        let id = GroupId(self.groups.iter().map(|g| g.id.0).max().unwrap_or(0) + 1);
        self.derived.group_ix.insert(id, self.groups.len());
        self.groups.push(Group { id, name: name.into(), members: members.to_vec(), manager });
        Ok(id)
    }
    /// Adds a service to the catalogue and returns its id.
    pub fn add_service(&mut self, name: &str, description: &str, kind: ServiceKind) -> ServiceId {
        let id = ServiceId(self.services.iter().map(|s| s.id.0).max().unwrap_or(0) + 1);
        self.derived.service_ix.insert(id, self.services.len());
        self.services.push(Service { id, name: name.into(), description: description.into(), kind });
        id
    }
    /// Adds a configuration item and returns its id.
    pub fn add_ci(&mut self, name: &str, class: &str, service: Option<ServiceId>) -> Result<CiId, DomainError> {
        if let Some(s) = service {
            self.service(s).ok_or(DomainError::UnknownService(s))?;
        }
        let id = CiId(self.cis.iter().map(|c| c.id.0).max().unwrap_or(0) + 1);
        self.derived.ci_ix.insert(id, self.cis.len());
        self.cis.push(Ci { id, name: name.into(), class: class.into(), service });
        Ok(id)
    }

    /// When a resolved incident closes by itself.
    pub fn auto_close_at(&self, resolved_at: Timestamp) -> Timestamp {
        resolved_at + Duration::days(i64::from(self.settings.auto_close_days))
    }

    /// How many resolved incidents were due to auto-close at or before `now`.
    pub fn pending_auto_closes(&self, now: Timestamp) -> usize {
        self.derived.resolved.iter().take_while(|(at, _)| self.auto_close_at(*at) <= now).count()
    }

    /// Moves the clock to `now` (it never goes backwards), records every SLA
    /// threshold crossed on the way (see [`super::notify`]) and closes every
    /// Resolved incident whose auto-close moment has come. Each Closed event
    /// is stamped at exactly resolution + `auto_close_days` (or at the
    /// ticket's last event, if a shortened setting puts that earlier), with
    /// [`PersonId::SYSTEM`] as actor. Returns the closed incidents.
    pub fn advance_clock(&mut self, now: Timestamp) -> Vec<TicketId> {
        self.clock.now = self.clock.now.max(now);
        self.record_crossings(now);
        let mut closed = Vec::new();
        while let Some(&(resolved_at, id)) = self.derived.resolved.first() {
            let due = self.auto_close_at(resolved_at);
            if due > now {
                break;
            }
            let at = self.record(id).and_then(TicketRecord::last_event_at).map_or(due, |last| due.max(last));
            let change = Change::StateChanged {
                from: IncidentState::Resolved,
                to: IncidentState::Closed,
                hold_reason: None,
                resolution: None,
            };
            self.append_event(id, Event { at, actor: PersonId::SYSTEM, change });
            self.refresh_sla(id);
            closed.push(id);
        }
        closed
    }

    /// Appends one validated event and keeps every cache in step.
    pub(super) fn append_event(&mut self, id: TicketId, event: Event) {
        let row = id.0 as usize - 1;
        let record = &mut self.tickets[row];
        if let Some(incident) = self.derived.incidents[row].as_mut() {
            let before = (incident.state == IncidentState::Resolved).then_some(incident.resolved_at).flatten();
            incident.apply_event(&event);
            let after = (incident.state == IncidentState::Resolved).then_some(incident.resolved_at).flatten();
            if before != after {
                if let Some(at) = before {
                    self.derived.resolved.remove(&(at, id));
                }
                if let Some(at) = after {
                    self.derived.resolved.insert((at, id));
                }
            }
            if matches!(event.change, Change::FieldChanged { .. }) {
                let text = haystack(&record.number.to_string(), &incident.short_description, &incident.description);
                self.derived.search.set_row(row, text);
            }
        }
        record.events.push(event);
        if let Some(version) = self.derived.versions.0.get_mut(row) {
            *version = fresh_version();
        }
    }

    /// Replays ticket `id`'s SLA timers again, after it received events.
    pub(super) fn refresh_sla(&mut self, id: TicketId) {
        let row = (id.0 as usize).saturating_sub(1);
        if let Some(record) = self.tickets.get(row) {
            self.derived.sla.refresh(record);
        }
    }

    /// Stores a new record whose first event is its creation; returns its id.
    pub(super) fn insert_record(&mut self, kind: TicketKind, created: Event) -> TicketId {
        let id = TicketId(self.tickets.len() as u32 + 1);
        let seq = self.derived.next_seq[kind.index()];
        self.derived.next_seq[kind.index()] = seq + 1;
        let number = TicketNumber::new(kind, seq);
        let record = TicketRecord { id, kind, number, events: vec![created] };
        let incident = Incident::fold(&record);
        let text = incident.as_ref().map_or_else(
            || haystack(&number.to_string(), "", ""),
            |i| haystack(&number.to_string(), &i.short_description, &i.description),
        );
        self.derived.search.set_row(self.tickets.len(), text);
        self.derived.by_number.insert(number, id);
        self.derived.incidents.push(incident);
        self.derived.versions.0.push(fresh_version());
        self.tickets.push(record);
        id
    }

    /// The number the next ticket of `kind` will get.
    pub fn next_number(&self, kind: TicketKind) -> TicketNumber {
        TicketNumber::new(kind, self.derived.next_seq[kind.index()])
    }
}
