//! Timers as a pure function of a ticket's history, the definitions, the
//! calendars and "now".
//!
//! Nothing about a timer is stored. [`timers`] replays the ticket's events
//! up to `now` every time it is called, so a changed definition, an edited
//! calendar or a moved simulation clock always gives the right figures, and
//! none can go stale (the bugs DOMAIN.md lists for GLPI and Zammad).
//!
//! **Attachment rule.** A definition applies while the ticket matches its
//! conditions (kind, priority, and service and group when set), judged after
//! every event from the ticket's replayed fields, and only while the timer is
//! still running: a met or cancelled timer is not disturbed by later edits.
//!
//! * When a running ticket stops matching (its priority moves from 3 to 1,
//!   say), that timer is **cancelled** at the instant of the change.
//! * When it starts matching, the timer **attaches** then. With
//!   `retroactive_start` (the default, like ServiceNow's "Retroactive start"
//!   for priority changes) its clock counts from the ticket's logging, as if
//!   it had applied all along, pauses included; so a ticket raised to P1
//!   after three hours may already be breached. Without it, the clock
//!   starts at the instant of attachment, in the ticket's state then.
//! * A ticket that matches again after a cancellation gets the timer back by
//!   the same rule; one cancelled timer is not kept beside it.
//! * A ticket that never matched while the timer could run has no timer.

use super::calendars::Calendars;
use super::definition::{Conditions, SlaDefinition};
use super::run::Run;
use super::timer::{Timer, read};
use crate::domain::calendar::BusinessCalendar;
use crate::domain::event::{Change, Field, FieldValue};
use crate::domain::ids::{GroupId, ServiceId, Timestamp};
use crate::domain::incident::{HoldReason, IncidentState};
use crate::domain::ticket::TicketRecord;

/// The fields of a ticket that decide whether a definition applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Facts {
    priority: u8,
    service: Option<ServiceId>,
    group: Option<GroupId>,
    state: IncidentState,
    hold_reason: Option<HoldReason>,
}

impl Conditions {
    /// Whether a ticket with this priority, service and group is covered
    /// (the ticket kind is checked separately, once per ticket).
    pub fn matches(&self, priority: u8, service: Option<ServiceId>, group: Option<GroupId>) -> bool {
        self.priorities.contains(&priority)
            && self.service.is_none_or(|wanted| service == Some(wanted))
            && self.group.is_none_or(|wanted| group == Some(wanted))
    }
}

/// Every timer of a ticket at `now`: one per definition that applies (or
/// applied and was cancelled), in the order of `definitions`.
///
/// The ticket's kind is read from the record. Events after `now` are
/// ignored, so a timer can be read as it stood at any earlier moment.
/// Definitions whose calendar is missing from `calendars` give no timer:
/// [`SlaDefinition::validate`] reports them.
pub fn timers(record: &TicketRecord, definitions: &[SlaDefinition], calendars: &Calendars, now: Timestamp) -> Vec<Timer> {
    definitions
        .iter()
        .filter(|d| d.conditions.ticket_kind == record.kind)
        .filter_map(|d| timer(record, d, calendars.get(d.calendar)?, now))
        .collect()
}

/// The timer of one definition on one ticket at `now`, if it ever applied.
pub fn timer(record: &TicketRecord, definition: &SlaDefinition, calendar: &BusinessCalendar, now: Timestamp) -> Option<Timer> {
    Some(replay(record, definition, calendar, now)?.read(definition, calendar, now))
}

/// Where one timer's replay stands after the events up to some instant: all
/// that [`Timer`] figures are read from. Reading it at any later `now`, while
/// no event comes, gives what replaying up to that `now` would give; the SLA
/// board keeps these so a clock tick needs no replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Replayed {
    /// The clock through states and reopens.
    pub run: Run,
    /// When the ticket last started matching the definition.
    pub attached_at: Timestamp,
    /// When it stopped matching, and the clock as it stood then (boxed: few
    /// timers are ever detached, and the SLA board keeps one `Replayed` per
    /// timer of every ticket).
    pub detached: Option<Box<(Timestamp, Run)>>,
}

impl Replayed {
    /// The timer's figures at `now` (not before the last event replayed).
    pub fn read(&self, definition: &SlaDefinition, calendar: &BusinessCalendar, now: Timestamp) -> Timer {
        match self.detached.as_deref() {
            Some((at, snapshot)) => read(definition, calendar, snapshot, self.attached_at, *at, Some(*at)),
            None => read(definition, calendar, &self.run, self.attached_at, now, None),
        }
    }

    /// Whether the timer's clock is running: attached, neither stopped,
    /// cancelled nor paused. Only then do its figures move with the clock
    /// and its thresholds and breach lie ahead.
    pub fn is_running(&self) -> bool {
        self.detached.is_none() && self.run.is_live() && self.run.pauses.last().is_none_or(|p| p.to.is_some())
    }
}

/// Replays one definition over the ticket's events up to `now`.
pub(super) fn replay(record: &TicketRecord, definition: &SlaDefinition, calendar: &BusinessCalendar, now: Timestamp) -> Option<Replayed> {
    let (first, rest) = record.events.split_first()?;
    let Change::Created(fields) = &first.change else {
        return None;
    };
    if first.at > now {
        return None;
    }
    let conditions = &definition.conditions;
    let mut facts = Facts {
        priority: fields.priority,
        service: fields.service,
        group: None,
        state: IncidentState::New,
        hold_reason: None,
    };
    let mut run = Run::new(first.at);
    let mut attached_at = conditions.matches(facts.priority, facts.service, facts.group).then_some(first.at);
    let mut detached: Option<Box<(Timestamp, Run)>> = None;
    for event in rest.iter().take_while(|e| e.at <= now) {
        let before = facts;
        match &event.change {
            Change::StateChanged { to, hold_reason, .. } => {
                facts.state = *to;
                facts.hold_reason = if *to == IncidentState::OnHold { *hold_reason } else { None };
                run.on_state(definition, calendar, event.at, facts.state, facts.hold_reason);
                continue;
            }
            Change::FieldChanged { field: Field::Priority, new: FieldValue::Level(p), .. } => facts.priority = *p,
            Change::FieldChanged { field: Field::Service, new: FieldValue::Service(s), .. } => facts.service = *s,
            Change::Assigned { group_to, .. } => facts.group = *group_to,
            _ => continue,
        }
        if facts == before || !run.is_live() {
            continue;
        }
        let matching = detached.is_none() && attached_at.is_some();
        let now_matches = conditions.matches(facts.priority, facts.service, facts.group);
        if matching && !now_matches {
            detached = Some(Box::new((event.at, run.clone())));
        } else if !matching && now_matches {
            detached = None;
            attached_at = Some(event.at);
            if !definition.retroactive_start {
                run = Run::new(event.at);
                run.on_state(definition, calendar, event.at, facts.state, facts.hold_reason);
            }
        }
    }
    Some(Replayed { run, attached_at: attached_at?, detached })
}
