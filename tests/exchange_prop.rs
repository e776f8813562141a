#![cfg(not(target_arch = "wasm32"))]
//! Property: for any workspace the app can reach (generated incidents from
//! any seed and size, then any sequence of commands with any text, by any
//! actor, at any pace), export -> import gives an equal workspace and
//! export -> import -> export gives the same bytes, for whole workspaces
//! and designs, in both layouts.

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::*;
use servicelab::storage::exchange::{Scope, Style, export, import};

/// One random command, built from a few random numbers and a random text.
fn command(ws: &Workspace, choice: (u8, u8, u8, u8), text: &str) -> Command {
    let (kind, a, b, c) = choice;
    let n = ws.tickets().len().max(1) as u32;
    let id = TicketId(u32::from(a) % n + 1);
    let other = TicketId(u32::from(b) % n + 1);
    let people = ws.people();
    let person = people[usize::from(b) % people.len()].id;
    let group = ws.groups()[usize::from(c) % ws.groups().len()].id;
    match kind % 10 {
        0 | 1 => Command::CreateIncident(NewIncident {
            short_description: format!("{text}."),
            description: text.to_string(),
            caller: person,
            category: Category::ALL[usize::from(c) % 6],
            subcategory: text.chars().take(8).collect(),
            service: ws.services().get(usize::from(a) % 8).map(|s| s.id),
            ci: None,
            impact: a % 3 + 1,
            urgency: c % 3 + 1,
            assignment_group: c.is_multiple_of(2).then_some(group),
            assigned_to: None,
        }),
        2 => Command::UpdateIncident { id, edits: vec![FieldEdit::Impact(b % 3 + 1), FieldEdit::Description(text.to_string())] },
        3 => Command::Assign { id, group: Some(group), agent: b.is_multiple_of(2).then_some(person) },
        4 | 5 => Command::Transition {
            id,
            to: IncidentState::ALL[usize::from(b) % 6],
            hold_reason: Some(HoldReason::ALL[usize::from(c) % 4]),
            resolution_code: Some(ResolutionCode::ALL[usize::from(c) % 8]),
            resolution_notes: format!("{text}!"),
        },
        6 => Command::AddComment { id, text: format!("{text}?") },
        7 => Command::AddWorkNote { id, text: format!("{text};") },
        8 => Command::SetParent { child: id, parent: other },
        _ => Command::Relate { a: id, b: other },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn export_import_export_is_byte_identical(
        seed in any::<u64>(),
        size in 0usize..40,
        steps in prop::collection::vec(((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), "\\PC{0,12}", 0u16..2000, any::<u8>()), 0..40),
        name in "\\PC{0,20}",
        compact in any::<bool>(),
    ) {
        let start = Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap() + Duration::minutes((seed % 100_000) as i64);
        let mut ws = demo_workspace(start);
        generate_incidents(&mut ws, size, seed, start).unwrap();
        let mut now = start;
        for (choice, text, minutes, who) in &steps {
            now += Duration::minutes(i64::from(*minutes));
            ws.advance_clock(now);
            let actor = ws.people()[usize::from(*who) % ws.people().len()].id;
            let command = command(&ws, *choice, text);
            let _ = ws.apply(command, actor, now);
        }
        let mut renamed: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
        renamed["name"] = name.clone().into();
        let ws = Workspace::from_json(&renamed.to_string()).unwrap();
        let style = if compact { Style::Compact } else { Style::Records };
        for scope in [Scope::Workspace, Scope::Design] {
            let first = export(&ws, scope, now, style);
            let imported = match import(first.as_bytes(), now) {
                Ok(imported) => imported,
                Err(e) => return Err(TestCaseError::fail(format!("{scope:?} refused: {e}"))),
            };
            prop_assert_eq!(&export(&imported.workspace, scope, now, style), &first);
            if scope == Scope::Workspace {
                prop_assert_eq!(&imported.workspace, &ws);
            }
            prop_assert_eq!(imported.workspace.name(), name.as_str());
        }
    }
}
