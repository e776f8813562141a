//! Random commands for the property tests over whole workspaces
//! (`domain_fold_prop`, `domain_query_rows`): a small organisation, and a
//! command picked and filled in from a few random bytes. Many are refused
//! (a transition the lifecycle does not allow, say); the rest reach every
//! state (`the_command_generator_reaches_every_state`).

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use servicelab::domain::org::Role;
use servicelab::domain::*;

pub struct World {
    pub ws: Workspace,
    pub people: Vec<PersonId>,
    pub groups: Vec<GroupId>,
}

pub fn world() -> World {
    let t0 = Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap();
    let mut ws = Workspace::new("Prop", t0);
    let ana = ws.add_person("Ana", "a@x", &[Role::Requester]);
    let bo = ws.add_person("Bo", "b@x", &[Role::Agent]);
    let cy = ws.add_person("Cy", "c@x", &[Role::Agent, Role::GroupManager]);
    let di = ws.add_person("Di", "d@x", &[Role::Admin]);
    let g1 = ws.add_group("Desk", &[bo, cy], Some(cy)).unwrap();
    let g2 = ws.add_group("Apps", &[cy], None).unwrap();
    World { ws, people: vec![ana, bo, cy, di], groups: vec![g1, g2] }
}

/// Creates `count` incidents at `at`, their short descriptions taken in turn
/// from `texts`, their other fields spread over the world's people, groups,
/// categories, impacts and urgencies.
pub fn add_incidents(w: &mut World, texts: &[&str], count: usize, at: Timestamp) {
    for (n, text) in texts.iter().cycle().take(count).enumerate() {
        let new = NewIncident {
            short_description: (*text).to_string(),
            description: format!("start {n}"),
            caller: w.people[n % w.people.len()],
            category: Category::ALL[n % 6],
            subcategory: String::new(),
            service: None,
            ci: None,
            impact: (n % 3) as u8 + 1,
            urgency: (n % 2) as u8 + 1,
            assignment_group: Some(w.groups[n % 2]),
            assigned_to: None,
        };
        w.ws.apply(Command::CreateIncident(new), w.people[3], at).unwrap();
    }
}

pub fn command(w: &World, kind: u8, a: u8, b: u8, c: u8) -> Command {
    let n = w.ws.tickets().len().max(1) as u32;
    let id = TicketId(u32::from(a) % n + 1);
    let other = TicketId(u32::from(b) % n + 1);
    let person = w.people[usize::from(b) % w.people.len()];
    let group = w.groups[usize::from(c) % w.groups.len()];
    let state = IncidentState::ALL[usize::from(b) % 6];
    let text = format!("note {a} {b} {c}");
    match kind % 11 {
        0 | 1 => Command::CreateIncident(NewIncident {
            short_description: format!("Issue {a}"),
            description: text,
            caller: person,
            category: Category::ALL[usize::from(c) % 6],
            subcategory: String::new(),
            service: None,
            ci: None,
            impact: a % 3 + 1,
            urgency: c % 4 + 1,
            assignment_group: (c.is_multiple_of(2)).then_some(group),
            assigned_to: None,
        }),
        2 => Command::UpdateIncident {
            id,
            edits: vec![FieldEdit::Impact(b % 3 + 1), FieldEdit::Urgency(c % 3 + 1), FieldEdit::ShortDescription(text)],
        },
        3 => Command::Assign { id, group: Some(group), agent: (b.is_multiple_of(2)).then_some(person) },
        4 | 5 => Command::Transition {
            id,
            to: state,
            hold_reason: (!c.is_multiple_of(4)).then_some(HoldReason::ALL[usize::from(c) % 4]),
            resolution_code: (!c.is_multiple_of(5)).then_some(ResolutionCode::ALL[usize::from(c) % 8]),
            resolution_notes: if c.is_multiple_of(3) { String::new() } else { text },
        },
        6 => Command::AddComment { id, text },
        7 => Command::AddWorkNote { id, text },
        8 => Command::Escalate {
            id,
            escalation: if c.is_multiple_of(2) { EscalationRequest::Hierarchical } else { EscalationRequest::Functional { to_group: group } },
        },
        9 => Command::SetParent { child: id, parent: other },
        _ => Command::SetMajor { id, major: c.is_multiple_of(2) },
    }
}
