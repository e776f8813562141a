//! A query's rows, kept in order as the workspace changes.
//!
//! Sorting 100,000 incidents takes tens of milliseconds, too long to redo on
//! every tick of a running clock when one auto-close changed one ticket.
//! [`QueryRows`] keeps the sorted rows of its last run with each row's sort
//! key packed in a `u64`, and the [version](Workspace::ticket_versions) of
//! every ticket it looked at. Brought up to date, it looks again only at the
//! tickets whose version moved: their old places are dropped, their new
//! ones (if they still pass) found by merging. Anything else that could move
//! the answer (another query, actor or name order, the time for queries that
//! read it) makes it run the query from scratch, so its rows always equal
//! [`Query::run`]'s.
//!
//! Sort keys are small numbers: times and counts as they are, names by their
//! rank ([`NameRanks`]), short descriptions by their rank among the distinct
//! texts of the rows (lower-cased), so sorting compares integers only.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{NameRanks, Query, SlaRead, sla_key, sort_key};
use crate::domain::ids::{PersonId, TicketId, Timestamp};
use crate::domain::query::{Column, Key};
use crate::domain::sla::{Calendars, SlaDefinition};
use crate::domain::ticket::Incident;
use crate::domain::workspace::Workspace;

/// A row's place: sort key, number, id; rows are kept in ascending order.
type Entry = (u64, u32, u32);

/// Beyond this share of changed tickets a fresh run is as cheap as merging.
const MOST_CHANGED: usize = 8;

/// The rows of a query, brought up to date at little cost after a few
/// tickets changed (see the module's documentation).
#[derive(Debug, Clone, Default)]
pub struct QueryRows {
    /// What the rows answer; `None` before the first run.
    asked: Option<(Query, PersonId, Timestamp)>,
    names: Option<NameRanks>,
    /// Distinct lower-case short descriptions, sorted (when sorting by them).
    texts: Vec<String>,
    versions: Vec<u64>,
    ascending: Vec<Entry>,
    /// For a query that reads SLA lines: until when each ticket's line keeps
    /// what the query reads of it (see [`steady_until`](crate::domain::sla::SlaBoard::steady_until)); empty otherwise.
    steady: Vec<Timestamp>,
    /// The SLA settings the lines were read under.
    sla: Option<(Vec<SlaDefinition>, Calendars)>,
}

impl QueryRows {
    /// The rows of `query` run by `actor` at `now`, from scratch.
    pub fn new(query: &Query, ws: &Workspace, actor: PersonId, now: Timestamp) -> Self {
        let mut rows = QueryRows::default();
        rows.run(query, ws, actor, now);
        rows
    }

    /// Brings the rows up to date with `query` at `now` on `ws`; says whether
    /// they may have changed. Equals a fresh [`Query::run`], cheaply when
    /// only some tickets changed since the last call.
    pub fn refresh(&mut self, query: &Query, ws: &Workspace, actor: PersonId, now: Timestamp) -> bool {
        let narrowed = self.narrow(query, ws, actor);
        if !self.follows(query, ws, actor, now) {
            self.run(query, ws, actor, now);
            return true;
        }
        let flipped = self.asked.as_ref().is_some_and(|(q, _, _)| q.sort.descending != query.sort.descending);
        if let Some((asked, _, at)) = self.asked.as_mut() {
            asked.sort.descending = query.sort.descending;
            *at = now;
        }
        let versions = ws.ticket_versions();
        let steady = |row: usize| self.steady.get(row).is_none_or(|until| *until > now);
        let changed: Vec<usize> = (0..versions.len())
            .filter(|&row| self.versions.get(row) != Some(&versions[row]) || !steady(row))
            .collect();
        if changed.is_empty() {
            return flipped || narrowed;
        }
        if changed.len() > versions.len() / MOST_CHANGED || !self.merge(&changed, query, ws, actor, now) {
            self.run(query, ws, actor, now);
        }
        true
    }

    /// A search that only got more precise, the new text holding the old
    /// one (a letter typed at the end, say), can only drop rows, and the
    /// rows left keep their order: the kept rows are tested against the new
    /// text, rather than searched and sorted afresh. The question is then
    /// the new one, and [`QueryRows::refresh`] goes on as usual (changed
    /// tickets, the clock). True when rows were dropped.
    fn narrow(&mut self, query: &Query, ws: &Workspace, actor: PersonId) -> bool {
        let Some((asked, asked_actor, _)) = self.asked.as_mut() else { return false };
        // The usual case (a clock tick, another ticket changed) costs one comparison.
        if asked.text == query.text || *asked_actor != actor {
            return false;
        }
        let (old, new) = (asked.text.trim().to_lowercase(), query.text.trim().to_lowercase());
        if old.is_empty() || !new.contains(&old) {
            return false;
        }
        let mut turned = asked.clone();
        turned.text.clone_from(&query.text);
        turned.sort.descending = query.sort.descending;
        if turned != *query {
            return false;
        }
        asked.text.clone_from(&query.text);
        if new == old {
            return false;
        }
        let before = self.ascending.len();
        let matches = ws.search_index().matcher(&new);
        self.ascending.retain(|entry| matches(entry.2 as usize - 1));
        self.ascending.len() != before
    }

    /// The rows in display order.
    pub fn ids(&self) -> Vec<TicketId> {
        let id = |e: &Entry| TicketId(e.2);
        match &self.asked {
            Some((q, _, _)) if q.sort.descending => self.ascending.iter().rev().map(id).collect(),
            _ => self.ascending.iter().map(id).collect(),
        }
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.ascending.len()
    }

    /// Whether no row passes.
    pub fn is_empty(&self) -> bool {
        self.ascending.is_empty()
    }

    /// Whether the kept rows can be updated ticket by ticket: the same
    /// question (the direction aside) about the same names, at the same
    /// instant if it reads the week. A question about SLA lines must also
    /// be asked under the same SLA settings, at the same time or later, and
    /// not be sorted by time left: stage, band and due time hold between a
    /// ticket's crossings (the rows whose line may have moved are looked at
    /// again, see `steady`), but time left runs down at each calendar's pace.
    fn follows(&self, query: &Query, ws: &Workspace, actor: PersonId, now: Timestamp) -> bool {
        let Some((asked, asked_actor, asked_at)) = &self.asked else { return false };
        let mut turned = asked.clone();
        turned.sort.descending = query.sort.descending;
        let same_question = turned == *query && *asked_actor == actor;
        let versions = ws.ticket_versions();
        let clock_follows = || {
            query.sort.column != Column::SlaTimeLeft
                && now >= *asked_at
                && self.sla.as_ref().is_some_and(|(slas, calendars)| slas == ws.slas() && calendars == ws.calendars())
        };
        same_question
            && (!query.follows_the_clock() || clock_follows())
            && (!query.resolved_this_week || *asked_at == now)
            && versions.len() == ws.tickets().len()
            && versions.len() >= self.versions.len()
            && self.names.as_ref() == Some(&NameRanks::new(ws))
    }

    /// Runs the query from scratch.
    fn run(&mut self, query: &Query, ws: &Workspace, actor: PersonId, now: Timestamp) {
        let matching: Vec<&Incident> = if query.text.trim().is_empty() {
            ws.incidents().filter(|i| query.matches(i, actor, now)).collect()
        } else {
            ws.search_index()
                .search(&query.text)
                .into_iter()
                .filter_map(|row| ws.incident(TicketId(row as u32 + 1)))
                .filter(|i| query.matches(i, actor, now))
                .collect()
        };
        let names = NameRanks::new(ws);
        // SLA lines cost a look at the ticket's timers: only for rows the cheap filters kept.
        let needs_sla = query.follows_the_clock();
        let paused = paused_due(query);
        let mut steady = if needs_sla { vec![Timestamp::MAX_UTC; ws.tickets().len()] } else { Vec::new() };
        let kept: Vec<(&Incident, Option<u64>)> = matching
            .into_iter()
            .filter_map(|i| {
                let sla = if needs_sla { SlaRead::of(ws, i.id, now, query.sort.column) } else { None };
                if let Some(until) = steady.get_mut(i.id.0 as usize - 1) {
                    *until = ws.sla_board().steady_until(i.id, now, paused);
                }
                if query.sla.is_some_and(|filter| !filter.admits(sla.as_ref().map(SlaRead::standing))) {
                    return None;
                }
                let key = match query.sort.column {
                    Column::ShortDescription => None,
                    column if column.is_sla() => Some(packed(sla_key(column, sla.as_ref()))),
                    column => Some(packed(sort_key(ws, i, column, Some(&names)))),
                };
                Some((i, key))
            })
            .collect();
        self.texts = Vec::new();
        let mut ascending: Vec<Entry> = if query.sort.column == Column::ShortDescription {
            let (texts, ranks) = text_ranks(kept.iter().map(|(i, _)| i.short_description.as_str()));
            self.texts = texts;
            kept.iter().zip(ranks).map(|((i, _), rank)| (u64::from(rank), i.number.seq, i.id.0)).collect()
        } else {
            kept.iter().map(|(i, key)| (key.unwrap_or_default(), i.number.seq, i.id.0)).collect()
        };
        sort_entries(&mut ascending);
        self.ascending = ascending;
        self.names = Some(names);
        self.versions = ws.ticket_versions().to_vec();
        self.steady = steady;
        self.sla = needs_sla.then(|| (ws.slas().to_vec(), ws.calendars().clone()));
        self.asked = Some((query.clone(), actor, now));
    }

    /// Moves the `changed` rows (ascending) to their new places; false when
    /// one cannot be placed (a short description no kept row had), and the
    /// caller runs the query from scratch.
    fn merge(&mut self, changed: &[usize], query: &Query, ws: &Workspace, actor: PersonId, now: Timestamp) -> bool {
        let names = self.names.as_ref().expect("rows that follow were run before");
        let searching = !query.text.trim().is_empty();
        let needs_sla = query.follows_the_clock();
        let paused = paused_due(query);
        if needs_sla {
            self.steady.resize(ws.tickets().len(), Timestamp::MAX_UTC);
        }
        let mut placed: Vec<Entry> = Vec::new();
        for &row in changed {
            if let Some(until) = self.steady.get_mut(row) {
                *until = Timestamp::MAX_UTC;
            }
            let Some(inc) = ws.incident(TicketId(row as u32 + 1)) else { continue };
            if (searching && !ws.search_index().row_matches(row, &query.text)) || !query.matches(inc, actor, now) {
                continue;
            }
            let sla = if needs_sla { SlaRead::of(ws, inc.id, now, query.sort.column) } else { None };
            if let Some(until) = self.steady.get_mut(row) {
                *until = ws.sla_board().steady_until(inc.id, now, paused);
            }
            if query.sla.is_some_and(|filter| !filter.admits(sla.as_ref().map(SlaRead::standing))) {
                continue;
            }
            let key = if query.sort.column == Column::ShortDescription {
                match self.texts.binary_search(&inc.short_description.to_lowercase()) {
                    Ok(rank) => rank as u64,
                    Err(_) => return false,
                }
            } else if query.sort.column.is_sla() {
                packed(sla_key(query.sort.column, sla.as_ref()))
            } else {
                packed(sort_key(ws, inc, query.sort.column, Some(names)))
            };
            placed.push((key, inc.number.seq, inc.id.0));
        }
        placed.sort_unstable();
        let mut gone = vec![false; ws.tickets().len()];
        for &row in changed {
            gone[row] = true;
        }
        let kept = std::mem::take(&mut self.ascending).into_iter().filter(|e| !gone[e.2 as usize - 1]);
        self.ascending = merged(kept, placed);
        let versions = ws.ticket_versions();
        self.versions.resize(versions.len(), 0);
        for &row in changed {
            self.versions[row] = versions[row];
        }
        true
    }
}

/// Whether `query` reads the due time of a paused timer not yet breached,
/// which slides with the clock: only a sort by due time does, and not under
/// an SLA filter. "Breaching soon" admits running timers alone, and "SLA
/// breached" breached ones alone, whose due time is fixed; a ticket's most
/// urgent timer is a breached or running one whenever it has one, and a
/// paused timer neither runs nor breaches without an event.
fn paused_due(query: &Query) -> bool {
    query.sort.column == Column::SlaDue && query.sla.is_none()
}

/// An integer key as a `u64` in the same order.
fn packed(key: Key) -> u64 {
    match key {
        Key::Int(n) => (n as u64) ^ (1 << 63),
        // Every text column sorts by rank: names by `NameRanks`, short descriptions by `text_ranks`.
        Key::Text(_) => unreachable!("text columns are ranked, not packed"),
    }
}

/// The distinct lower-case texts, sorted, and each text's rank among them,
/// lower-casing each distinct text once.
fn text_ranks<'a>(texts: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<u32>) {
    let mut seen: HashMap<&str, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let slots: Vec<u32> = texts
        .map(|text| {
            *seen.entry(text).or_insert_with(|| {
                distinct.push(text);
                distinct.len() as u32 - 1
            })
        })
        .collect();
    let mut lower: Vec<String> = distinct.iter().map(|t| t.to_lowercase()).collect();
    let mut order: Vec<u32> = (0..lower.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| lower[a as usize].cmp(&lower[b as usize]));
    let mut sorted: Vec<String> = Vec::new();
    let mut rank_of = vec![0; lower.len()];
    for i in order.into_iter().map(|i| i as usize) {
        if sorted.last() != Some(&lower[i]) {
            sorted.push(std::mem::take(&mut lower[i]));
        }
        rank_of[i] = sorted.len() as u32 - 1;
    }
    (sorted, slots.into_iter().map(|slot| rank_of[slot as usize]).collect())
}

/// Sorts rows by key, then number, then id. Rows usually come in number
/// order (ids follow numbers unless an import mixed them) with keys in a
/// narrow range (ranks, priorities, states, numbers): then a counting sort,
/// which keeps the number order within each key, does it in two passes.
fn sort_entries(entries: &mut Vec<Entry>) {
    let in_number_order = entries.windows(2).all(|w| (w[0].1, w[0].2) < (w[1].1, w[1].2));
    let low = entries.iter().map(|e| e.0).min().unwrap_or(0);
    let high = entries.iter().map(|e| e.0).max().unwrap_or(0);
    if !in_number_order || high - low >= entries.len() as u64 {
        entries.sort_unstable();
        return;
    }
    let mut starts = vec![0usize; (high - low) as usize + 2];
    for e in entries.iter() {
        starts[(e.0 - low) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut sorted = vec![(0, 0, 0); entries.len()];
    for e in entries.iter() {
        let slot = &mut starts[(e.0 - low) as usize];
        sorted[*slot] = *e;
        *slot += 1;
    }
    *entries = sorted;
}

/// A quick hasher for the short descriptions `text_ranks` groups, eight
/// bytes per step (the keys are the user's own texts, and a poor spread
/// could only slow one sort down).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(tail) ^ bytes.len() as u64);
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(26) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Two ascending sequences as one.
fn merged(a: impl Iterator<Item = Entry>, b: Vec<Entry>) -> Vec<Entry> {
    let mut out = Vec::with_capacity(b.len() + a.size_hint().0);
    let mut b = b.into_iter().peekable();
    for entry in a {
        while let Some(next) = b.next_if(|next| *next < entry) {
            out.push(next);
        }
        out.push(entry);
    }
    out.extend(b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Command;
    use crate::domain::demo::demo_workspace;
    use crate::domain::query::Sort;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn the_counting_sort_orders_as_a_plain_sort_does() {
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for len in [0, 1, 2, 5, 50, 500] {
            for spread in [1, 3, 40, 1_000_000] {
                // In number order (the counting sort's case) and shuffled (the plain sort's).
                let in_order: Vec<Entry> = (0..len).map(|i| (next(spread) + 1000, i as u32 * 2 + 1, i as u32 + 1)).collect();
                let mut shuffled = in_order.clone();
                shuffled.reverse();
                shuffled.rotate_left(len / 3);
                for mut entries in [in_order, shuffled] {
                    let mut expected = entries.clone();
                    expected.sort_unstable();
                    sort_entries(&mut entries);
                    assert_eq!(entries, expected, "{len} rows, keys within {spread}");
                }
            }
        }
    }

    /// The property test (`tests/domain_query_rows.rs`) proves the rows right
    /// whichever way they were brought up to date; this one proves that a
    /// comment or an auto-close is merged, not run again from scratch.
    #[test]
    fn a_few_changed_tickets_are_merged_not_run_again() {
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        for column in [Column::ShortDescription, Column::State, Column::Caller, Column::Updated] {
            let mut ws = demo_workspace(now);
            let actor = ws.people().iter().find(|p| p.name == "Sofia Rossi").unwrap().id;
            let query = Query { sort: Sort { column, descending: true }, ..Query::default() };
            let mut rows = QueryRows::new(&query, &ws, actor, now);
            let id = rows.ids().into_iter().find(|&id| ws.incident(id).is_some_and(Incident::is_active)).unwrap();
            ws.apply(Command::AddComment { id, text: "Any news?".into() }, actor, now).unwrap();
            let later = now + Duration::days(30);
            let closed = ws.advance_clock(later);
            assert!(!closed.is_empty(), "the demo has resolved incidents to close");
            assert!(rows.follows(&query, &ws, actor, later));
            let versions = ws.ticket_versions();
            let changed: Vec<usize> = (0..versions.len()).filter(|&r| rows.versions[r] != versions[r]).collect();
            // The comment, the closes, and the tickets that got an SLA notification on the way.
            assert!(closed.iter().chain([&id]).all(|t| changed.contains(&(t.0 as usize - 1))));
            assert!(rows.merge(&changed, &query, &ws, actor, later), "{column:?}");
            assert_eq!(rows.ids(), query.run(&ws, actor, later), "{column:?}");
        }
    }
}
