//! A ticket's priority history as a draft priority matrix would have made it.
//!
//! Priority is never chosen by hand: it is recorded from impact and urgency
//! through the matrix in force, at logging and whenever impact or urgency
//! changes (a `Priority` field change follows the `Impact` or `Urgency` one,
//! at the same instant). So "what if the matrix had been this one?" is
//! answered by reading impact and urgency at every point of the history
//! and looking them up in the draft matrix instead.
//!
//! Most tickets come out the same; [`differs`] finds that out without
//! copying anything, and [`remap`] copies only the records that change.
//! The workspace itself is never touched.

use crate::domain::error::DomainError;
use crate::domain::event::{Change, Event, Field, FieldValue, InitialFields};
use crate::domain::ids::Timestamp;
use crate::domain::priority::PriorityMatrix;
use crate::domain::ticket::TicketRecord;

/// Every (impact, urgency) pair the ticket had, in order, with its instant.
fn levels(record: &TicketRecord) -> impl Iterator<Item = (Timestamp, u8, u8)> + '_ {
    let mut current = (0u8, 0u8);
    record.events.iter().filter_map(move |event| {
        match &event.change {
            Change::Created(fields) => current = (fields.impact, fields.urgency),
            Change::FieldChanged { field: Field::Impact, new: FieldValue::Level(v), .. } => current.0 = *v,
            Change::FieldChanged { field: Field::Urgency, new: FieldValue::Level(v), .. } => current.1 = *v,
            _ => return None,
        }
        Some((event.at, current.0, current.1))
    })
}

/// The first impact/urgency pair of the ticket's history that `matrix` gives
/// no priority for (a value off its scales, or an empty cell), with the reason.
pub(super) fn unmapped(record: &TicketRecord, matrix: &PriorityMatrix) -> Option<DomainError> {
    levels(record).find_map(|(_, impact, urgency)| matrix.priority(impact, urgency).err())
}

/// The priority changes as recorded: (instant, new priority), logging first.
fn recorded(record: &TicketRecord) -> impl Iterator<Item = (Timestamp, u8)> + '_ {
    record.events.iter().filter_map(|event| match &event.change {
        Change::Created(fields) => Some((event.at, fields.priority)),
        Change::FieldChanged { field: Field::Priority, new: FieldValue::Level(p), .. } => Some((event.at, *p)),
        _ => None,
    })
}

/// The priority changes `matrix` would have recorded: (instant, new priority).
fn through<'a>(record: &'a TicketRecord, matrix: &'a PriorityMatrix) -> impl Iterator<Item = (Timestamp, u8)> + 'a {
    let mut last: Option<u8> = None;
    levels(record).filter_map(move |(at, impact, urgency)| {
        // Pairs the matrix cannot map are refused before any comparison (see `unmapped`).
        let priority = matrix.priority(impact, urgency).ok()?;
        (last.replace(priority) != Some(priority)).then_some((at, priority))
    })
}

/// Whether `matrix` would have given the ticket another priority at some
/// point of its history (then its timers may differ too).
pub(super) fn differs(record: &TicketRecord, matrix: &PriorityMatrix) -> bool {
    !recorded(record).eq(through(record, matrix))
}

/// A copy of the record whose priorities are those `matrix` gives: the
/// logged priority is looked up again, recorded priority changes are
/// dropped, and one is added after each impact or urgency change that moves
/// the priority. Pairs `matrix` cannot map keep the priority they had.
pub(super) fn remap(record: &TicketRecord, matrix: &PriorityMatrix) -> TicketRecord {
    let mut events: Vec<Event> = Vec::with_capacity(record.events.len() + 1);
    let (mut impact, mut urgency, mut priority) = (0u8, 0u8, 0u8);
    for event in &record.events {
        match &event.change {
            Change::Created(fields) => {
                (impact, urgency) = (fields.impact, fields.urgency);
                priority = matrix.priority(impact, urgency).unwrap_or(fields.priority);
                let fields = InitialFields { priority, ..fields.clone() };
                events.push(Event { change: Change::Created(fields), ..event.clone() });
                continue;
            }
            Change::FieldChanged { field: Field::Priority, .. } => continue,
            Change::FieldChanged { field: Field::Impact, new: FieldValue::Level(v), .. } => impact = *v,
            Change::FieldChanged { field: Field::Urgency, new: FieldValue::Level(v), .. } => urgency = *v,
            _ => {
                events.push(event.clone());
                continue;
            }
        }
        events.push(event.clone());
        let new = matrix.priority(impact, urgency).unwrap_or(priority);
        if new != priority {
            let change = Change::FieldChanged { field: Field::Priority, old: FieldValue::Level(priority), new: FieldValue::Level(new) };
            events.push(Event { at: event.at, actor: event.actor, change });
            priority = new;
        }
    }
    TicketRecord { id: record.id, kind: record.kind, number: record.number, events }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{PersonId, TicketId, TicketKind, TicketNumber};
    use crate::domain::incident::Category;

    fn record(impact: u8, urgency: u8, priority: u8, edits: &[(Field, u8)]) -> TicketRecord {
        let at = Timestamp::default();
        let fields = InitialFields {
            short_description: "Label printer offline".into(),
            description: String::new(),
            caller: PersonId(1),
            category: Category::Hardware,
            subcategory: String::new(),
            service: None,
            ci: None,
            impact,
            urgency,
            priority,
        };
        let mut events = vec![Event { at, actor: PersonId(1), change: Change::Created(fields) }];
        let mut at = at;
        let mut last = [(Field::Impact, impact), (Field::Urgency, urgency), (Field::Priority, priority)];
        for &(field, value) in edits {
            let slot = last.iter_mut().find(|(f, _)| *f == field).expect("impact, urgency or priority");
            let old = std::mem::replace(&mut slot.1, value);
            // A recorded priority change comes with the impact or urgency change that caused it.
            if field != Field::Priority {
                at += chrono::TimeDelta::hours(1);
            }
            let change = Change::FieldChanged { field, old: FieldValue::Level(old), new: FieldValue::Level(value) };
            events.push(Event { at, actor: PersonId(2), change });
        }
        TicketRecord { id: TicketId(1), kind: TicketKind::Incident, number: TicketNumber::new(TicketKind::Incident, 1001), events }
    }

    #[test]
    fn the_same_matrix_changes_nothing_and_copies_nothing() {
        let matrix = PriorityMatrix::servicenow();
        let r = record(2, 2, 3, &[(Field::Urgency, 1), (Field::Priority, 2)]);
        assert!(!differs(&r, &matrix));
        assert_eq!(remap(&r, &matrix), r);
        assert!(unmapped(&r, &matrix).is_none());
    }

    #[test]
    fn a_draft_matrix_recomputes_every_priority_of_the_history() {
        let mut draft = PriorityMatrix::servicenow();
        draft.set_cell(2, 1, Some(1)).expect("a cell of the matrix");
        // Logged 2/2 (P3), urgency raised to 1: P2 in force, P1 in the draft.
        let r = record(2, 2, 3, &[(Field::Urgency, 1), (Field::Priority, 2)]);
        assert!(differs(&r, &draft));
        let remapped = remap(&r, &draft);
        let priorities: Vec<(Timestamp, u8)> = recorded(&remapped).collect();
        assert_eq!(priorities.iter().map(|p| p.1).collect::<Vec<_>>(), [3, 1]);
        assert_eq!(priorities[1].0, r.events[1].at, "the new priority is recorded with the urgency change");
        assert_eq!(remapped.events.len(), r.events.len());
        // A matrix lacking a value is reported, naming it.
        let itop = PriorityMatrix::itop();
        let r = record(3, 3, 4, &[(Field::Impact, 4)]);
        assert!(unmapped(&r, &itop).is_some_and(|e| e.to_string().contains("4 is not on the impact scale")));
    }
}
