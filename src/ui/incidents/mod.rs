//! Incident management pages: the list, the form with its activity stream,
//! and the priority matrix editor.

mod activity;
mod bulk;
mod filters;
mod form;
mod list;
pub mod list_state;
mod matrix;
mod shortcuts;
mod table;

pub use form::{IncidentFormPage, NewIncidentPage};
pub use list::IncidentListPage;
pub use matrix::PriorityMatrixPage;
pub use shortcuts::ShortcutsDialog;
