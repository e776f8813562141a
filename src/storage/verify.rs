//! Writing a whole workspace (a new one, or an import replacing one) and
//! checking the copy read back, a few tickets at a time with turns for the
//! page, so that storing 100,000 tickets never freezes it.

use super::idb::{Fetched, Writes};
use super::pace::Pace;
use super::parts;
use crate::domain::Workspace;

/// Tickets serialized or compared between two looks at the time.
const TICKETS_PER_LOOK: usize = 64;

/// [`full_writes`](super::workspace::full_writes), the same texts, written a few tickets at a time with
/// turns for the page, so that storing a large workspace never freezes it.
pub(super) async fn full_writes_paced(workspace: &Workspace) -> Writes {
    let mut tickets = Vec::with_capacity(workspace.tickets().len());
    let mut pace = Pace::new();
    for record in workspace.tickets() {
        tickets.push((record.id.0, parts::ticket_json(workspace, record.id.0)));
        if tickets.len() % TICKETS_PER_LOOK == 0 {
            pace.breathe().await;
        }
    }
    Writes { head: Some(parts::head_json(workspace)), tickets, replace_tickets: true, ..Writes::default() }
}

/// Whether a workspace read back holds exactly the head and ticket records
/// of a full write, compared record by record (so neither side is ever
/// joined into one text of the whole workspace) with turns for the page.
pub(super) async fn read_back_paced(copy: &Fetched, writes: &Writes) -> bool {
    let mut pace = Pace::new();
    let mut from = 0;
    while from < writes.tickets.len() {
        let to = (from + TICKETS_PER_LOOK).min(writes.tickets.len());
        if !reads_back_as_written(copy, writes, from..to) {
            return false;
        }
        from = to;
        pace.breathe().await;
    }
    reads_back_as_written(copy, writes, 0..0)
}

/// Whether the copy read back has the head and as many ticket records as
/// a full write, and its records in `range` are exactly those written.
fn reads_back_as_written(copy: &Fetched, writes: &Writes, range: std::ops::Range<usize>) -> bool {
    writes.head.as_deref() == Some(copy.head.as_str())
        && copy.tickets.len() == writes.tickets.len()
        && writes.tickets[range.clone()].iter().zip(range).all(|((ticket, text), index)| {
            *ticket as usize == index + 1 && copy.tickets.get(index).is_ok_and(|stored| stored == text.as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_workspace;
    use crate::storage::idb::{Meta, TicketTexts};
    use crate::storage::workspace::full_writes;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_read_back_must_hold_every_record_as_written() {
        let writes = full_writes(&demo_workspace(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()));
        let all_read_back = |copy: &Fetched, writes: &Writes| reads_back_as_written(copy, writes, 0..writes.tickets.len());
        let fetched = |head: &str, tickets: Vec<String>| Fetched { meta: Meta::default(), head: head.to_owned(), tickets: TicketTexts::Owned(tickets) };
        let head = writes.head.clone().unwrap();
        let texts: Vec<String> = writes.tickets.iter().map(|(_, t)| t.clone()).collect();
        assert!(all_read_back(&fetched(&head, texts.clone()), &writes));

        let mut changed = texts.clone();
        changed[7].push(' ');
        assert!(!all_read_back(&fetched(&head, changed), &writes), "a record differs");
        assert!(!all_read_back(&fetched(&head, texts[..texts.len() - 1].to_vec()), &writes), "a record is missing");
        let mut more = texts.clone();
        more.push(texts[0].clone());
        assert!(!all_read_back(&fetched(&head, more), &writes), "a record too many");
        let mut swapped = texts.clone();
        swapped.swap(0, 1);
        assert!(!all_read_back(&fetched(&head, swapped), &writes), "records out of order");
        assert!(!all_read_back(&fetched(&head.replace("Harbourside", "Harborside"), texts), &writes), "the head differs");
    }
}
