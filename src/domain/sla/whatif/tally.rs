//! The running counts of a what-if: compliance before and after (overall,
//! per priority, per definition), timers on each side, and the list of
//! timers that differ.
//!
//! The draft side starts as a copy of the saved side; each ticket whose
//! timers the draft can change then has those timers taken out of the draft
//! side and their replayed versions put in ([`Tally::replace`]).

use std::collections::BTreeMap;

use chrono_tz::Tz;

use super::compliance::Comparison;
use super::{DefinitionCompliance, Outcome, TimerChange, WhatIf, kind_of};
use crate::domain::sla::definition::SlaId;
use crate::domain::ticket::TicketRecord;

/// Compliance counts and changes, while tickets are compared.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Tally {
    /// (id, name, zone) of every definition a change or a row may name, the draft's first.
    definitions: Vec<(SlaId, String, Tz)>,
    changes: Vec<TimerChange>,
    by_priority: BTreeMap<u8, Comparison>,
    by_definition: BTreeMap<SlaId, Comparison>,
    overall: Comparison,
    timers: (usize, usize),
}

impl Tally {
    /// Empty counts naming these definitions.
    pub(super) fn new(definitions: impl Iterator<Item = (SlaId, String, Tz)>) -> Self {
        Tally { definitions: definitions.collect(), ..Tally::default() }
    }

    /// The same counts, naming these definitions instead (a draft's).
    pub(super) fn with_definitions(self, definitions: Vec<(SlaId, String, Tz)>) -> Self {
        Tally { definitions, ..self }
    }

    /// Counts a ticket's saved timers (the ticket at `priority`) on both
    /// sides: until shown otherwise, a draft gives the same timers.
    pub(super) fn count_before(&mut self, priority: u8, timers: &[(SlaId, Outcome)]) {
        self.timers.0 += timers.len();
        self.timers.1 += timers.len();
        for (id, outcome) in timers {
            for side in [&mut self.overall, self.by_priority.entry(priority).or_default(), self.by_definition.entry(*id).or_default()] {
                side.before.count(outcome.stage);
                side.after.count(outcome.stage);
            }
        }
    }

    /// On the draft side, replaces some saved timers of `record` (`before`,
    /// with the ticket's saved priority) by the draft's (`after`, with its
    /// priority under the draft), and notes every timer that differs.
    pub(super) fn replace(&mut self, record: &TicketRecord, before: (u8, &[(SlaId, Outcome)]), after: (u8, &[(SlaId, Outcome)])) {
        self.timers.1 = self.timers.1 + after.1.len() - before.1.len();
        for (id, outcome) in before.1 {
            for side in [&mut self.overall, self.by_priority.entry(before.0).or_default(), self.by_definition.entry(*id).or_default()] {
                side.after.uncount(outcome.stage);
            }
        }
        for (id, outcome) in after.1 {
            for side in [&mut self.overall, self.by_priority.entry(after.0).or_default(), self.by_definition.entry(*id).or_default()] {
                side.after.count(outcome.stage);
            }
        }
        for (id, name, zone) in &self.definitions {
            let old = before.1.iter().find(|(d, _)| d == id).map(|(_, o)| *o);
            let new = after.1.iter().find(|(d, _)| d == id).map(|(_, o)| *o);
            if let Some(kind) = kind_of(old, new) {
                self.changes.push(TimerChange {
                    ticket: record.id,
                    number: record.number,
                    definition: *id,
                    definition_name: name.clone(),
                    kind,
                    before: old,
                    after: new,
                    zone: *zone,
                });
            }
        }
    }

    /// The answer, changes sorted: most consequential kind first, then by
    /// ticket number and the definition's place in the list.
    pub(super) fn finish(mut self, tickets: usize) -> WhatIf {
        let definitions = std::mem::take(&mut self.definitions);
        let position = |id: SlaId| definitions.iter().position(|(d, _, _)| *d == id);
        self.changes.sort_by_key(|c| (c.kind, c.number, position(c.definition)));
        let by_definition = definitions
            .iter()
            .map(|(id, name, _)| DefinitionCompliance {
                definition: *id,
                name: name.clone(),
                compliance: self.by_definition.get(id).copied().unwrap_or_default(),
            })
            .collect();
        WhatIf {
            changes: self.changes,
            by_priority: self.by_priority,
            by_definition,
            overall: self.overall,
            tickets,
            timers_before: self.timers.0,
            timers_after: self.timers.1,
        }
    }
}
