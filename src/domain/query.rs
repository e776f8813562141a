//! List queries: which incidents to show, in which order.
//!
//! A [`Query`] is plain data (filters, a search text, a sort), so it can be
//! saved under a name ([`SavedView`]) in the workspace and exported with it.
//! Six views are built in, the ones every service desk lives in: *My open*,
//! *Unassigned*, *Major incidents*, *Resolved this week*, and the two SLA
//! views *Breaching soon* and *SLA breached*.
//!
//! Running a query on 100,000 incidents stays fast: the search text goes
//! through the prebuilt trigram index first, filters are simple comparisons,
//! and sort keys are small integers computed once per row (not once per
//! comparison); [`QueryRows`] keeps an answer up to date ticket by ticket. The
//! SLA filter and the SLA columns depend on the time: they are judged last,
//! only for the rows the other filters kept, through [`sla_standing`] (and
//! [`sla_summary`] when sorting by time left, the one figure that needs the
//! business time a timer counted).

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveTime};
use serde::{Deserialize, Serialize};

use super::ids::{GroupId, PersonId, ServiceId, TicketId, Timestamp};
use super::incident::{Category, IncidentState};
use super::sla::{SlaStanding, sla_standing, sla_summary};
use super::ticket::Incident;
use super::workspace::Workspace;

mod rows;
pub use rows::QueryRows;

/// Whose incidents to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AssigneeFilter {
    /// Assigned or not, to anyone.
    #[default]
    Anyone,
    /// Not assigned to an agent yet (the queue to pick from).
    Unassigned,
    /// Assigned to whoever runs the query.
    Me,
    /// Assigned to this person.
    Person(PersonId),
}

/// A column of the incident list, to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    /// Ticket number.
    Number,
    /// One-line summary (case-insensitive).
    ShortDescription,
    /// Caller's name.
    Caller,
    /// Category label.
    Category,
    /// Affected service's name.
    Service,
    /// Impact value.
    Impact,
    /// Urgency value.
    Urgency,
    /// Priority value.
    Priority,
    /// State, in lifecycle order.
    State,
    /// Assignment group's name.
    AssignmentGroup,
    /// Assigned agent's name.
    AssignedTo,
    /// Major flag (minor first when ascending).
    Major,
    /// When it was opened.
    Opened,
    /// When it was last updated.
    Updated,
    /// When it was resolved (unresolved first when ascending).
    Resolved,
    /// How many times it changed group.
    ReassignmentCount,
    /// Hierarchical escalation level.
    EscalationLevel,
    /// The stage of the most urgent SLA timer (most urgent first when ascending).
    SlaStage,
    /// Business time left on the most urgent live SLA timer (least first; none last).
    SlaTimeLeft,
    /// When the most urgent live SLA timer is due (soonest first; none last).
    SlaDue,
}

impl Column {
    /// Whether the column shows a ticket's SLA line, which depends on the time.
    pub fn is_sla(self) -> bool {
        matches!(self, Column::SlaStage | Column::SlaTimeLeft | Column::SlaDue)
    }
}

/// Which tickets to show by their SLA line (see [`crate::domain::sla::summary`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SlaFilter {
    /// The most urgent timer is running and past the last warning threshold.
    BreachingSoon,
    /// The most urgent timer is live and past its due time.
    Breached,
}

impl SlaFilter {
    /// Whether a ticket whose most urgent timer stands so passes.
    pub fn admits(self, sla: Option<&SlaStanding>) -> bool {
        match self {
            Self::BreachingSoon => sla.is_some_and(SlaStanding::breaching_soon),
            Self::Breached => sla.is_some_and(SlaStanding::overdue),
        }
    }
}

/// A sort order: one column, ascending or descending. Rows that tie on the
/// column are ordered by number, so the order is total: the same query always
/// lists the same rows in the same order, and descending is exactly ascending
/// reversed (ties then show the newest number first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Largest first when true.
    pub descending: bool,
}

impl Default for Sort {
    /// Newest number first.
    fn default() -> Self {
        Sort { column: Column::Number, descending: true }
    }
}

/// Filters, search text and sort for the incident list. Empty lists and
/// `None` mean "no filter".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Query {
    /// Text searched in number, short description and description.
    pub text: String,
    /// Only these states.
    pub states: Vec<IncidentState>,
    /// Only these priorities.
    pub priorities: Vec<u8>,
    /// Only this assignment group.
    pub group: Option<GroupId>,
    /// Whose incidents.
    pub assignee: AssigneeFilter,
    /// Only major (true) or only non-major (false) incidents.
    pub major: Option<bool>,
    /// Only active (true) or only inactive (false) incidents.
    pub active: Option<bool>,
    /// Only incidents resolved since Monday 00:00 UTC of the current week.
    pub resolved_this_week: bool,
    /// Only incidents in this SLA position at the time of the query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<SlaFilter>,
    /// The order.
    pub sort: Sort,
}

/// A query saved under a name, stored in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    /// The name shown in the list of views (unique).
    pub name: String,
    /// What it shows.
    pub query: Query,
}

/// The views every service desk uses, built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BuiltinView {
    /// Active incidents assigned to me.
    MyOpen,
    /// Active incidents nobody is assigned to.
    Unassigned,
    /// Active major incidents.
    MajorIncidents,
    /// Incidents resolved since Monday 00:00 UTC.
    ResolvedThisWeek,
    /// Active incidents breaching soon, the soonest due first.
    BreachingSoon,
    /// Active incidents past the due time of a live SLA timer, the longest overdue first.
    SlaBreached,
}

impl BuiltinView {
    /// Every built-in view, in menu order.
    pub const ALL: [BuiltinView; 6] = [
        Self::MyOpen,
        Self::Unassigned,
        Self::MajorIncidents,
        Self::ResolvedThisWeek,
        Self::BreachingSoon,
        Self::SlaBreached,
    ];

    /// The view's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::MyOpen => "My open",
            Self::Unassigned => "Unassigned",
            Self::MajorIncidents => "Major incidents",
            Self::ResolvedThisWeek => "Resolved this week",
            Self::BreachingSoon => "Breaching soon",
            Self::SlaBreached => "SLA breached",
        }
    }

    /// The query behind the view.
    pub fn query(self) -> Query {
        let active = Query { active: Some(true), ..Query::default() };
        match self {
            Self::MyOpen => Query { assignee: AssigneeFilter::Me, ..active },
            Self::Unassigned => Query { assignee: AssigneeFilter::Unassigned, ..active },
            Self::MajorIncidents => Query { major: Some(true), ..active },
            Self::ResolvedThisWeek => Query {
                resolved_this_week: true,
                sort: Sort { column: Column::Resolved, descending: true },
                ..Query::default()
            },
            Self::BreachingSoon => Query {
                sla: Some(SlaFilter::BreachingSoon),
                sort: Sort { column: Column::SlaDue, descending: false },
                ..active
            },
            Self::SlaBreached => Query {
                sla: Some(SlaFilter::Breached),
                sort: Sort { column: Column::SlaDue, descending: false },
                ..active
            },
        }
    }
}

/// Monday 00:00 UTC of the week containing `now` (ISO weeks start on Monday).
pub fn start_of_week(now: Timestamp) -> Timestamp {
    let date = now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday()));
    date.and_time(NaiveTime::MIN).and_utc()
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Int(i64),
    Text(String),
}

impl Query {
    /// Whether the result depends on the time beyond the day: SLA filters
    /// and columns move minute by minute, so a list showing them must be
    /// rerun as the clock moves.
    pub fn follows_the_clock(&self) -> bool {
        self.sla.is_some() || self.sort.column.is_sla()
    }

    /// Whether one incident passes the filters (not the search text nor the SLA filter).
    pub fn matches(&self, inc: &Incident, actor: PersonId, now: Timestamp) -> bool {
        let assignee_ok = match self.assignee {
            AssigneeFilter::Anyone => true,
            AssigneeFilter::Unassigned => inc.assigned_to.is_none(),
            AssigneeFilter::Me => inc.assigned_to == Some(actor),
            AssigneeFilter::Person(p) => inc.assigned_to == Some(p),
        };
        assignee_ok
            && (self.states.is_empty() || self.states.contains(&inc.state))
            && (self.priorities.is_empty() || self.priorities.contains(&inc.priority))
            && self.group.is_none_or(|g| inc.assignment_group == Some(g))
            && self.major.is_none_or(|m| inc.major == m)
            && self.active.is_none_or(|a| inc.is_active() == a)
            && (!self.resolved_this_week || inc.resolved_at.is_some_and(|at| at >= start_of_week(now) && at <= now))
    }

    /// Runs the query for `actor` (who "Me" is) at `now`; returns the
    /// matching incidents in sort order. [`QueryRows`] keeps the answer and
    /// brings it up to date as tickets change.
    pub fn run(&self, ws: &Workspace, actor: PersonId, now: Timestamp) -> Vec<TicketId> {
        QueryRows::new(self, ws, actor, now).ids()
    }
}

/// The alphabetical rank of every name a list can be sorted by (people,
/// groups, services, categories), case-insensitive, with "no name" ranked as
/// the empty string. Equal names share a rank, so sorting by rank gives
/// exactly the order of sorting by name, without a name per row.
#[derive(Debug, Clone, PartialEq)]
struct NameRanks {
    people: HashMap<PersonId, i64>,
    groups: HashMap<GroupId, i64>,
    services: HashMap<ServiceId, i64>,
    categories: Vec<(Category, i64)>,
    none: i64,
}

impl NameRanks {
    fn new(ws: &Workspace) -> Self {
        let mut names: Vec<String> = std::iter::once(String::new())
            .chain(ws.people().iter().map(|p| p.name.to_lowercase()))
            .chain(ws.groups().iter().map(|g| g.name.to_lowercase()))
            .chain(ws.services().iter().map(|s| s.name.to_lowercase()))
            .chain(Category::ALL.iter().map(|c| c.label().to_lowercase()))
            .collect();
        names.sort_unstable();
        names.dedup();
        let rank = |name: &str| names.binary_search(&name.to_lowercase()).map_or(0, |i| i as i64);
        NameRanks {
            people: ws.people().iter().map(|p| (p.id, rank(&p.name))).collect(),
            groups: ws.groups().iter().map(|g| (g.id, rank(&g.name))).collect(),
            services: ws.services().iter().map(|s| (s.id, rank(&s.name))).collect(),
            categories: Category::ALL.iter().map(|c| (*c, rank(c.label()))).collect(),
            none: rank(""),
        }
    }
}

/// What a filter or sort by SLA reads of a ticket: where its most urgent
/// timer stands, and its business time left only when `column` is *Time
/// left*, the one figure that costs the business time the timer counted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SlaRead {
    standing: SlaStanding,
    time_left_minutes: Option<i64>,
}

impl SlaRead {
    /// Ticket `id`'s SLA at `now`, as far as sorting by `column` needs.
    pub(crate) fn of(ws: &Workspace, id: TicketId, now: Timestamp, column: Column) -> Option<SlaRead> {
        if column == Column::SlaTimeLeft {
            let line = sla_summary(ws, id, now)?;
            return Some(SlaRead { standing: line.standing(), time_left_minutes: Some(line.time_left_minutes) });
        }
        sla_standing(ws, id, now).map(|standing| SlaRead { standing, time_left_minutes: None })
    }

    /// Where the most urgent timer stands.
    pub(crate) fn standing(&self) -> &SlaStanding {
        &self.standing
    }
}

/// The sort key of an SLA column: ascending puts the most urgent first and
/// tickets without a (live) timer last.
fn sla_key(column: Column, sla: Option<&SlaRead>) -> Key {
    let live = sla.filter(|s| s.standing.live);
    Key::Int(match column {
        Column::SlaStage => sla.map_or(i64::MAX, |s| s.standing.stage_rank()),
        Column::SlaTimeLeft => live.and_then(|s| s.time_left_minutes).unwrap_or(i64::MAX),
        _ => live.map_or(i64::MAX, |s| s.standing.due.timestamp_millis()),
    })
}

fn sort_key(ws: &Workspace, inc: &Incident, column: Column, ranks: Option<&NameRanks>) -> Key {
    let time = |t: Option<Timestamp>| Key::Int(t.map_or(i64::MIN, |t| t.timestamp_millis()));
    let text = |s: String| Key::Text(s.to_lowercase());
    if let Some(r) = ranks {
        let ranked = |rank: Option<&i64>| Key::Int(rank.copied().unwrap_or(r.none));
        match column {
            Column::Caller => return ranked(r.people.get(&inc.caller)),
            Column::AssignedTo => return ranked(inc.assigned_to.and_then(|p| r.people.get(&p))),
            Column::AssignmentGroup => return ranked(inc.assignment_group.and_then(|g| r.groups.get(&g))),
            Column::Service => return ranked(inc.service.and_then(|s| r.services.get(&s))),
            Column::Category => {
                return ranked(r.categories.iter().find(|(c, _)| *c == inc.category).map(|(_, rank)| rank));
            }
            _ => {}
        }
    }
    match column {
        Column::Number => Key::Int(i64::from(inc.number.seq)),
        Column::ShortDescription => text(inc.short_description.clone()),
        Column::Caller => text(ws.person_name(inc.caller)),
        Column::Category => text(inc.category.label().to_string()),
        Column::Service => text(inc.service.and_then(|s| ws.service(s)).map_or_else(String::new, |s| s.name.clone())),
        Column::Impact => Key::Int(i64::from(inc.impact)),
        Column::Urgency => Key::Int(i64::from(inc.urgency)),
        Column::Priority => Key::Int(i64::from(inc.priority)),
        Column::State => Key::Int(IncidentState::ALL.iter().position(|s| *s == inc.state).unwrap_or(0) as i64),
        Column::AssignmentGroup => text(inc.assignment_group.map_or_else(String::new, |g| ws.group_name(g))),
        Column::AssignedTo => text(inc.assigned_to.map_or_else(String::new, |p| ws.person_name(p))),
        Column::Major => Key::Int(i64::from(inc.major)),
        Column::Opened => time(Some(inc.opened_at)),
        Column::Updated => time(Some(inc.updated_at)),
        Column::Resolved => time(inc.resolved_at),
        Column::ReassignmentCount => Key::Int(i64::from(inc.reassignment_count)),
        Column::EscalationLevel => Key::Int(i64::from(inc.escalation_level)),
        Column::SlaStage | Column::SlaTimeLeft | Column::SlaDue => {
            sla_key(column, SlaRead::of(ws, inc.id, ws.clock().now, column).as_ref())
        }
    }
}

/// Compares two incidents by a column the way [`Query::run`] sorts them
/// ascending (ties by number), for callers sorting their own lists. SLA
/// columns are read at the workspace clock's time.
pub fn compare(ws: &Workspace, a: &Incident, b: &Incident, column: Column) -> Ordering {
    sort_key(ws, a, column, None).cmp(&sort_key(ws, b, column, None)).then(a.number.seq.cmp(&b.number.seq))
}
