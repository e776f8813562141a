//! A workspace cut into the parts IndexedDB stores, and put back together.
//!
//! The *head* is the workspace's JSON without its `tickets` field: the
//! organisation, configuration, SLA definitions and clock (whatever fields
//! the domain has, including ones added later). Each ticket's record is its
//! own JSON text. Saving an edit writes the head and the tickets that
//! changed; at 100,000 tickets that is a few kilobytes instead of the whole
//! workspace.
//!
//! [`head_json`] serializes the workspace through a serializer that passes
//! every field on except `tickets`, so the head never goes out of step with
//! the domain's own format. [`join`] puts the texts back into the one JSON
//! document [`Workspace::from_json_migrating`] reads, so migration and every
//! check the domain makes on load apply to stored parts exactly as to a file.
//! Nothing here is browser-specific; it is tested natively.

use super::exchange::export::Without;

use crate::domain::Workspace;

/// The field that holds the ticket histories, stored one record per ticket.
const TICKETS: &str = "tickets";

/// The workspace's JSON without its tickets.
pub fn head_json(workspace: &Workspace) -> String {
    serde_json::to_string(&Without { inner: workspace, skip: &[TICKETS] }).expect("a workspace always serializes")
}

/// The JSON text [`join`] makes of a workspace's parts: the same document
/// as [`Workspace::to_json`], with `tickets` as its last field.
pub fn joined_json(workspace: &Workspace) -> String {
    let tickets: Vec<String> = ticket_texts(workspace).into_iter().map(|(_, t)| t).collect();
    join(&head_json(workspace), &tickets).expect("a head is always a JSON object")
}

/// Every ticket as `(id, JSON text)`, in id order.
pub fn ticket_texts(workspace: &Workspace) -> Vec<(u32, String)> {
    workspace.tickets().iter().map(|t| (t.id.0, ticket_json(workspace, t.id.0))).collect()
}

/// One ticket's record as JSON text. Panics if there is no ticket `id`.
pub fn ticket_json(workspace: &Workspace, id: u32) -> String {
    let record = workspace.record(crate::domain::TicketId(id)).expect("the ticket exists");
    serde_json::to_string(record).expect("a ticket record always serializes")
}

/// The one JSON document that a head and its ticket texts (in id order) stand for.
pub fn join(head: &str, tickets: &[String]) -> Result<String, String> {
    let head = head.trim_end();
    let open = head
        .strip_suffix('}')
        .filter(|h| h.trim_start().starts_with('{'))
        .ok_or("its record of organisation, settings and clock is damaged (it is not a JSON object)")?;
    let size = head.len() + tickets.iter().map(|t| t.len() + 1).sum::<usize>() + 16;
    let mut json = String::with_capacity(size);
    json.push_str(open);
    if open.trim() != "{" {
        json.push(',');
    }
    json.push_str("\"tickets\":[");
    for (i, ticket) in tickets.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(ticket);
    }
    json.push_str("]}");
    Ok(json)
}

/// Puts the parts of a [journal](super::journal) over stored parts: its
/// head (if any) replaces the stored head, and each of its tickets replaces
/// the stored ticket of that id or, just past the last one, adds it. A
/// ticket id that would leave a gap is refused: ids are dense from 1.
pub fn overlay(head: &mut String, tickets: &mut Vec<String>, new_head: Option<&str>, new_tickets: &[(u32, String)]) -> Result<(), String> {
    let mut sorted: Vec<&(u32, String)> = new_tickets.iter().collect();
    sorted.sort_by_key(|(id, _)| *id);
    // Checked before anything changes, so a refusal leaves the parts as they were.
    let mut len = tickets.len();
    for (id, _) in &sorted {
        let index = (*id as usize).checked_sub(1).ok_or("a ticket numbered 0 cannot exist")?;
        if index > len {
            return Err(format!("ticket {id} would follow ticket {len}, leaving a gap"));
        }
        len = len.max(index + 1);
    }
    for (id, text) in sorted {
        let index = *id as usize - 1;
        if index < tickets.len() { tickets[index].clone_from(text) } else { tickets.push(text.clone()) }
    }
    if let Some(new_head) = new_head {
        new_head.clone_into(head);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_workspace;
    use chrono::{TimeZone, Utc};

    fn demo() -> Workspace {
        demo_workspace(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())
    }

    #[test]
    fn the_head_is_the_workspace_without_its_tickets() {
        let ws = demo();
        let mut whole: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
        whole.as_object_mut().unwrap().remove("tickets");
        let head: serde_json::Value = serde_json::from_str(&head_json(&ws)).unwrap();
        assert_eq!(head, whole);
    }

    #[test]
    fn parts_join_back_into_the_same_workspace() {
        let ws = demo();
        let tickets: Vec<String> = ticket_texts(&ws).into_iter().map(|(_, t)| t).collect();
        assert_eq!(tickets.len(), ws.tickets().len());
        let joined = join(&head_json(&ws), &tickets).unwrap();
        // The same document as the workspace's own JSON (`tickets` moves to the end).
        let ours: serde_json::Value = serde_json::from_str(&joined).unwrap();
        let whole: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
        assert_eq!(ours, whole);
        assert_eq!(Workspace::from_json(&joined).unwrap(), ws);
    }

    #[test]
    fn an_empty_workspace_joins_too() {
        let ws = Workspace::new("Empty", Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
        assert_eq!(Workspace::from_json(&join(&head_json(&ws), &[]).unwrap()).unwrap(), ws);
    }

    #[test]
    fn a_damaged_part_is_an_error_not_a_default() {
        assert!(join("[1, 2]", &[]).is_err());
        assert!(join("{\"name\": \"cut sh", &[]).is_err());
        let ws = demo();
        let mut tickets: Vec<String> = ticket_texts(&ws).into_iter().map(|(_, t)| t).collect();
        tickets.remove(3); // a missing record leaves a gap in the ids
        assert!(Workspace::from_json(&join(&head_json(&ws), &tickets).unwrap()).is_err());
        let cut = tickets[0][..20].to_owned();
        tickets[0] = cut;
        assert!(Workspace::from_json(&join(&head_json(&ws), &tickets).unwrap()).is_err());
    }

    #[test]
    fn a_journal_over_the_last_save_gives_the_workspace_of_the_moment() {
        let saved = demo();
        let mut head = head_json(&saved);
        let mut tickets: Vec<String> = ticket_texts(&saved).into_iter().map(|(_, t)| t).collect();
        // The newest ticket was created after the save: it is not stored yet.
        let newest = tickets.pop().unwrap();
        let newest_id = tickets.len() as u32 + 1;

        let mut now = saved.clone();
        let at = now.clock().now + chrono::Duration::minutes(5);
        let agent = now.people().iter().find(|p| p.is_agent()).unwrap().id;
        // Work notes on the first two tickets that still take them (closed ones refuse).
        let noted: Vec<u32> = (1..newest_id)
            .filter(|&id| {
                let command = crate::domain::Command::AddWorkNote { id: crate::domain::TicketId(id), text: format!("note on {id}") };
                now.apply(command, agent, at).is_ok()
            })
            .take(2)
            .collect();
        assert_eq!(noted.len(), 2);
        now.set_clock(at + chrono::Duration::hours(1), true).unwrap();
        let journal: Vec<(u32, String)> = [noted[1], newest_id, noted[0]].into_iter().map(|id| (id, ticket_json(&now, id))).collect();
        assert_ne!(ticket_json(&now, noted[0]), tickets[noted[0] as usize - 1], "the note changed the ticket");

        overlay(&mut head, &mut tickets, Some(&head_json(&now)), &journal).unwrap();
        assert_eq!(tickets.last(), Some(&newest));
        assert_eq!(Workspace::from_json(&join(&head, &tickets).unwrap()).unwrap(), now);
    }

    #[test]
    fn a_journal_that_would_leave_a_gap_changes_nothing() {
        let ws = demo();
        let mut head = head_json(&ws);
        let mut tickets: Vec<String> = ticket_texts(&ws).into_iter().map(|(_, t)| t).collect();
        let (before_head, before) = (head.clone(), tickets.clone());
        let past_the_end = tickets.len() as u32 + 2;
        let err = overlay(&mut head, &mut tickets, Some("{}"), &[(past_the_end, "{}".into())]).unwrap_err();
        assert!(err.contains("gap"), "{err}");
        assert_eq!((head, tickets), (before_head, before));
        assert!(overlay(&mut String::new(), &mut Vec::new(), None, &[(0, String::new())]).is_err());
    }
}
