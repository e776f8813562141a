//! Incident management pages: the list, the form with its activity stream,
//! and the priority matrix editor.

mod activity;
mod controls;
mod draft;
mod feedback;
mod form;
mod grid;
mod labels;
mod list;
mod matrix;
mod shortcuts;

pub use form::{IncidentFormPage, NewIncidentPage};
pub use list::IncidentListPage;
pub use matrix::PriorityMatrixPage;
