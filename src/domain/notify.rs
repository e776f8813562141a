//! SLA notifications: when a timer crosses a warning threshold, the people
//! its definition names are told in-app, and the ticket records it.
//!
//! ServiceNow warns at 50 %, 75 % and 100 % of an SLA's target; who is told
//! is part of the definition ([`NotifyRule`](super::sla::NotifyRule)). Here a
//! crossing becomes a [`Change::SlaNotified`] event on the ticket, stamped at
//! the crossing instant with the system as actor, when time passes it:
//! [`Workspace::advance_clock`] and [`Workspace::apply`] ask the SLA board's
//! index which crossings lie in the time that passed, so a clock tick costs
//! O(log n + crossings), not a scan of every ticket. Recipients are resolved
//! at the crossing (the assignee then, the group's manager). A crossing is
//! recorded once per (ticket, definition, cycle, threshold). A command written
//! behind the clock (a script building history) leaves its tickets' later
//! crossings to be recorded when time is next advanced past them, so each
//! ticket's history stays in time order.
//!
//! The events are the stored truth; the per-person lists behind
//! [`Workspace::notifications_for`] are derived from them, and only what each
//! person has read ("seen up to") is stored besides.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::event::{Change, Event};
use super::ids::{PersonId, TicketId, Timestamp};
use super::sla::{CrossingKind, Recipient, SlaCrossing, SlaId};
use super::ticket::TicketRecord;
use super::workspace::Workspace;

/// One in-app notification: an [`Change::SlaNotified`] event of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Notification {
    /// When the threshold was crossed.
    pub at: Timestamp,
    /// The ticket.
    pub ticket: TicketId,
    /// The event's position in the ticket's history (its text: [`Workspace::describe`]).
    pub event: usize,
}

/// The notifications derived from every ticket's history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Notifications {
    /// Each person's notifications, in time order.
    by_person: HashMap<PersonId, BTreeSet<Notification>>,
    /// (ticket, definition, cycle, threshold) already recorded.
    recorded: HashSet<(TicketId, SlaId, u32, u16)>,
}

impl Notifications {
    /// Indexes the notifications of one more record.
    pub(super) fn add_record(&mut self, record: &TicketRecord) {
        for (position, event) in record.events.iter().enumerate() {
            self.add(record.id, position, event);
        }
    }

    /// Indexes one event, if it is a notification.
    fn add(&mut self, ticket: TicketId, position: usize, event: &Event) {
        if let Change::SlaNotified { sla, cycle, percent, recipients, .. } = &event.change {
            self.recorded.insert((ticket, *sla, *cycle, *percent));
            for &person in recipients {
                self.by_person.entry(person).or_default().insert(Notification { at: event.at, ticket, event: position });
            }
        }
    }
}

impl Workspace {
    /// A person's notifications, newest first.
    pub fn notifications_for(&self, person: PersonId) -> Vec<Notification> {
        self.derived.notifications.by_person.get(&person).map_or_else(Vec::new, |set| set.iter().rev().copied().collect())
    }

    /// How many of a person's notifications are newer than what they marked read.
    pub fn unread_notifications(&self, person: PersonId) -> usize {
        let Some(set) = self.derived.notifications.by_person.get(&person) else { return 0 };
        match self.notifications_seen.get(&person) {
            None => set.len(),
            Some(&seen) => set.iter().rev().take_while(|n| n.at > seen).count(),
        }
    }

    /// Up to when a person has read their notifications, if they ever did.
    pub fn notifications_seen(&self, person: PersonId) -> Option<Timestamp> {
        self.notifications_seen.get(&person).copied()
    }

    /// Records every threshold crossing of the SLA board's index from the
    /// last instant recorded up to `to`, in time order, and takes them out of
    /// the index. Returns the tickets notified.
    pub(super) fn record_crossings(&mut self, to: Timestamp) -> Vec<TicketId> {
        let from = self.derived.notified_to;
        if to <= from {
            return Vec::new();
        }
        self.derived.notified_to = to;
        // Everything the window holds is dealt with now (breaches need no
        // notification); what is left in the index lies ahead of `to`.
        let mut crossings: Vec<SlaCrossing> = self.derived.sla.settle_until(to);
        crossings.retain(|c| c.at > from && matches!(c.kind, CrossingKind::Threshold(_)));
        self.notify_crossings(crossings)
    }

    /// Appends a notification for each crossing not yet recorded.
    fn notify_crossings(&mut self, crossings: Vec<SlaCrossing>) -> Vec<TicketId> {
        let mut touched = Vec::new();
        for crossing in crossings {
            let CrossingKind::Threshold(percent) = crossing.kind else { continue };
            let key = (crossing.ticket, crossing.definition, crossing.cycle, percent);
            if self.derived.notifications.recorded.contains(&key) {
                continue;
            }
            let Some(rule) = self.slas.iter().find(|d| d.id == crossing.definition).and_then(|d| d.recipients_at(percent)) else {
                continue;
            };
            let recipients = self.recipients(crossing.ticket, rule);
            let change = Change::SlaNotified {
                sla: crossing.definition,
                cycle: crossing.cycle,
                percent,
                breached: percent >= 100,
                recipients,
            };
            let event = Event { at: crossing.at, actor: PersonId::SYSTEM, change };
            let position = self.record(crossing.ticket).map_or(0, |r| r.events.len());
            self.derived.notifications.add(crossing.ticket, position, &event);
            self.append_event(crossing.ticket, event);
            if !touched.contains(&crossing.ticket) {
                touched.push(crossing.ticket);
            }
        }
        touched
    }

    /// The people `wanted` names for a ticket as it stands now (its last
    /// event is at or before the crossing, so "now" is "then"), each once.
    fn recipients(&self, ticket: TicketId, wanted: &BTreeSet<Recipient>) -> Vec<PersonId> {
        let Some(incident) = self.incident(ticket) else { return Vec::new() };
        let group = incident.assignment_group.and_then(|g| self.group(g));
        let mut people = Vec::new();
        for recipient in wanted {
            match recipient {
                Recipient::Assignee => people.extend(incident.assigned_to),
                Recipient::GroupManager => people.extend(group.and_then(|g| g.manager)),
                Recipient::GroupMembers => people.extend(group.iter().flat_map(|g| g.members.iter().copied())),
                Recipient::Caller => people.push(incident.caller),
            }
        }
        let mut seen = HashSet::new();
        people.retain(|p| seen.insert(*p));
        people
    }
}
