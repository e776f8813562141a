//! Random valid incident histories for the SLA property tests
//! (`domain_sla_prop`, `domain_sla_board`, `domain_sla_explain_prop`):
//! one creation, then steps that each wait a while and either move to one
//! of the states the lifecycle allows (with a hold reason when on hold) or
//! change the priority.

#![allow(dead_code)]

use chrono::TimeDelta;
use proptest::prelude::*;
use servicelab::domain::event::{Change, Event, Field, FieldValue, InitialFields};
use servicelab::domain::{Category, HoldReason, IncidentState, PersonId, TicketId, TicketKind, TicketNumber, TicketRecord, Timestamp};

/// One step of a history: wait `gap` minutes, then move to the `pick`-th
/// allowed state (with the `reason`-th hold reason) or change the priority.
#[derive(Debug, Clone)]
pub struct Step {
    pub gap: i64,
    pub pick: usize,
    pub reason: usize,
    pub new_priority: Option<u8>,
}

/// Steps waiting up to `max_gap` minutes, changing the priority with
/// probability `priority_change`.
pub fn step(max_gap: i64, priority_change: f64) -> impl Strategy<Value = Step> {
    (0i64..max_gap, 0usize..4, 0usize..4, prop::option::weighted(priority_change, 1u8..=4))
        .prop_map(|(gap, pick, reason, new_priority)| Step { gap, pick, reason, new_priority })
}

/// Incident INC0001001 opened at `opened` with `priority`, then `steps`;
/// also the time of its last event.
pub fn history(opened: Timestamp, priority: u8, steps: &[Step]) -> (TicketRecord, Timestamp) {
    let fields = InitialFields {
        short_description: "Scanner offline".into(),
        description: String::new(),
        caller: PersonId(1),
        category: Category::Hardware,
        subcategory: "Scanner".into(),
        service: None,
        ci: None,
        impact: 2,
        urgency: 2,
        priority,
    };
    let mut events = vec![Event { at: opened, actor: PersonId(1), change: Change::Created(fields) }];
    let (mut now, mut state, mut priority) = (opened, IncidentState::New, priority);
    for s in steps {
        now += TimeDelta::minutes(s.gap);
        let change = if let Some(new) = s.new_priority.filter(|&p| p != priority) {
            let old = std::mem::replace(&mut priority, new);
            Change::FieldChanged { field: Field::Priority, old: FieldValue::Level(old), new: FieldValue::Level(new) }
        } else {
            let options = state.allowed_transitions();
            if options.is_empty() {
                break;
            }
            let to = options[s.pick % options.len()];
            let hold_reason = (to == IncidentState::OnHold).then_some(HoldReason::ALL[s.reason]);
            Change::StateChanged { from: std::mem::replace(&mut state, to), to, hold_reason, resolution: None }
        };
        events.push(Event { at: now, actor: PersonId(2), change });
    }
    let number = TicketNumber::new(TicketKind::Incident, 1001);
    (TicketRecord { id: TicketId(1), kind: TicketKind::Incident, number, events }, now)
}

/// An instant written as RFC 3339 text.
pub fn at(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).expect("a valid instant").with_timezone(&chrono::Utc)
}

/// The default SLA definition `id`.
pub fn sla(id: u32) -> servicelab::domain::sla::SlaDefinition {
    servicelab::domain::sla::default_slas().into_iter().find(|d| d.id == servicelab::domain::sla::SlaId(id)).expect("a default SLA")
}

/// A ticket history written event by event, for worked examples.
pub struct History {
    events: Vec<Event>,
    state: IncidentState,
}

impl History {
    /// INC0001001, opened `when` with `priority`.
    pub fn opened(when: &str, priority: u8) -> Self {
        let fields = InitialFields {
            short_description: "Invoices cannot be printed".into(),
            description: String::new(),
            caller: PersonId(1),
            category: Category::Hardware,
            subcategory: "Printer".into(),
            service: None,
            ci: None,
            impact: 2,
            urgency: 2,
            priority,
        };
        History { events: vec![Event { at: at(when), actor: PersonId(1), change: Change::Created(fields) }], state: IncidentState::New }
    }

    /// Goes on from `record`, whose incident is now in `state`.
    pub fn resume(record: TicketRecord, state: IncidentState) -> Self {
        History { events: record.events, state }
    }

    /// Any change, made by agent 2.
    pub fn push(mut self, when: &str, change: Change) -> Self {
        self.events.push(Event { at: at(when), actor: PersonId(2), change });
        self
    }

    /// A move to state `to`.
    pub fn to(mut self, when: &str, to: IncidentState, hold_reason: Option<HoldReason>) -> Self {
        let from = std::mem::replace(&mut self.state, to);
        self.push(when, Change::StateChanged { from, to, hold_reason, resolution: None })
    }

    /// A change of priority.
    pub fn priority(self, when: &str, old: u8, new: u8) -> Self {
        self.push(when, Change::FieldChanged { field: Field::Priority, old: FieldValue::Level(old), new: FieldValue::Level(new) })
    }

    /// A (re)assignment to group `to`.
    pub fn assign(self, when: &str, from: Option<u32>, to: u32) -> Self {
        use servicelab::domain::GroupId;
        self.push(when, Change::Assigned { group_from: from.map(GroupId), group_to: Some(GroupId(to)), agent_from: None, agent_to: None })
    }

    /// The record.
    pub fn record(self) -> TicketRecord {
        let number = TicketNumber::new(TicketKind::Incident, 1001);
        TicketRecord { id: TicketId(1), kind: TicketKind::Incident, number, events: self.events }
    }
}
