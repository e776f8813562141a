//! Incident management pages: the list, the form with its activity stream,
//! and the priority matrix editor.

mod actions;
mod activity;
mod bulk;
pub(crate) mod controls;
mod draft;
mod editor;
mod escalation;
mod feedback;
mod fields;
mod filters;
mod form;
mod grid;
mod labels;
mod links;
mod list;
pub mod list_state;
mod matrix;
mod matrix_grid;
mod mini_matrix;
mod shortcuts;
mod sla_clock;
mod sla_explain;
mod table;
mod timers;

pub use form::{IncidentFormPage, NewIncidentPage};
pub use list::IncidentListPage;
pub use matrix::PriorityMatrixPage;
pub use shortcuts::ShortcutsDialog;
pub use sla_clock::use_sla_now;
