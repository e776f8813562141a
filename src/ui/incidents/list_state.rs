//! What the incident list remembers while the user moves around the app:
//! the query, the chosen columns, the selection and the active row.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::query::{BuiltinView, Column, Query, SavedView};
use crate::domain::TicketId;
use crate::storage::local;

const COLUMNS_KEY: &str = "servicelab.incident-columns";

/// Which saved view the list shows (the query may have been edited since).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewChoice {
    /// Every incident.
    All,
    /// A view every workspace has.
    Builtin(BuiltinView),
    /// A view the user saved, by name.
    Saved(String),
}

impl ViewChoice {
    /// The name shown on the view's button.
    pub fn name(&self) -> String {
        match self {
            Self::All => "All incidents".into(),
            Self::Builtin(view) => view.name().into(),
            Self::Saved(name) => name.clone(),
        }
    }
}

/// The list's state, provided as context for the whole app's lifetime.
#[derive(Clone, Copy)]
pub struct ListState {
    pub query: RwSignal<Query>,
    pub view: RwSignal<ViewChoice>,
    pub columns: RwSignal<Vec<Column>>,
    pub selected: RwSignal<BTreeSet<TicketId>>,
    /// Index, in the current rows, of the row `j`/`k` move and `Enter` opens.
    pub active: RwSignal<usize>,
    /// Set by the `/` shortcut from another page: focus search on arrival.
    pub focus_search: RwSignal<bool>,
}

impl ListState {
    /// A fresh list: all incidents, newest first, the remembered columns.
    pub fn new() -> Self {
        let columns = match local::load::<Vec<Column>>(COLUMNS_KEY) {
            local::Loaded::Found(columns) if !columns.is_empty() => columns,
            _ => Column::DEFAULT.to_vec(),
        };
        Self {
            query: RwSignal::new(Query::default()),
            view: RwSignal::new(ViewChoice::All),
            columns: RwSignal::new(columns),
            selected: RwSignal::new(BTreeSet::new()),
            active: RwSignal::new(0),
            focus_search: RwSignal::new(false),
        }
    }

    /// Shows a view: its query replaces the current one (search text is kept).
    pub fn choose(&self, choice: ViewChoice, saved: &[SavedView]) {
        let mut query = match &choice {
            ViewChoice::All => Query::default(),
            ViewChoice::Builtin(view) => view.query(),
            ViewChoice::Saved(name) => match saved.iter().find(|v| &v.name == name) {
                Some(view) => view.query.clone(),
                None => return,
            },
        };
        query.text = self.query.with_untracked(|q| q.text.clone());
        self.query.set(query);
        self.view.set(choice);
        self.active.set(0);
    }

    /// Shows or hides a column, remembering the choice in this browser.
    pub fn toggle_column(&self, column: Column) {
        self.columns.update(|columns| {
            if let Some(i) = columns.iter().position(|c| *c == column) {
                if columns.len() > 1 {
                    columns.remove(i);
                }
            } else {
                // Keep the chooser's order so columns do not jump around.
                columns.push(column);
                columns.sort_by_key(|c| Column::ALL.iter().position(|x| x == c));
            }
        });
        // A lost column preference is harmless: the default columns come back.
        let _ = self.columns.with_untracked(|columns| local::save(COLUMNS_KEY, columns));
    }

    /// Sorts by `column`; the same column again flips the direction.
    pub fn sort_by(&self, column: Column) {
        self.query.update(|q| {
            if q.sort.column == column {
                q.sort.descending = !q.sort.descending;
            } else {
                q.sort.column = column;
                q.sort.descending = false;
            }
        });
    }
}

impl Default for ListState {
    fn default() -> Self {
        Self::new()
    }
}
