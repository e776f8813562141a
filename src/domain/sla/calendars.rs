//! The named business calendars SLA definitions refer to.
//!
//! A definition names its calendar by id rather than holding a copy, so
//! several definitions share one "Office hours" calendar and editing it
//! (adding a holiday, say) changes every timer that uses it on the next replay.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::calendar::BusinessCalendar;

/// Id of a named calendar, unique within a [`Calendars`] collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CalendarId(pub u32);

impl fmt::Display for CalendarId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "calendar#{}", self.0)
    }
}

/// A business calendar with the id and the name a service designer gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCalendar {
    /// The id SLA definitions refer to.
    pub id: CalendarId,
    /// The name people see, e.g. "Office hours" or "24x7".
    pub name: String,
    /// Time zone, opening hours and holidays.
    pub calendar: BusinessCalendar,
}

/// The calendars of a workspace: when each SLA's clock runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Calendars {
    entries: Vec<NamedCalendar>,
}

impl Calendars {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a calendar, or replaces the one with the same id (so an edited
    /// calendar takes effect on the next replay of every timer).
    pub fn insert(&mut self, id: CalendarId, name: impl Into<String>, calendar: BusinessCalendar) {
        let entry = NamedCalendar { id, name: name.into(), calendar };
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
    }

    /// The calendar with this id, if there is one.
    pub fn get(&self, id: CalendarId) -> Option<&BusinessCalendar> {
        self.entry(id).map(|e| &e.calendar)
    }

    /// The calendar with this id and its name.
    pub fn entry(&self, id: CalendarId) -> Option<&NamedCalendar> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Every calendar, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &NamedCalendar> {
        self.entries.iter()
    }

    /// How many calendars there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
