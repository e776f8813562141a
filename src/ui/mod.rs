//! The Leptos user interface: thin components that render the domain.

mod app;
mod banner;
mod clock;
mod clock_controls;
mod data;
mod download;
mod feedback;
pub mod format;
mod incidents;
mod later;
mod notifications;
mod offline;
mod pages;
mod recovery;
pub mod sections;
mod shell;
mod slas;
mod single_file;
pub mod state;

pub use app::App;
pub use clock::AppClock;
