//! Persistence: the only code that touches browser storage, and the pure
//! export and import of workspaces as files ([`exchange`]).
//!
//! The rule every function here keeps: stored data that cannot be decoded is
//! reported and left exactly as it was. Nothing replaces it with a default.
//!
//! * [`local`]: small values in localStorage (preferences, the workspace list);
//! * [`catalog`]: the list of workspaces in this browser;
//! * [`idb`]: workspace data in IndexedDB, one record per ticket, in transactions;
//! * [`parts`]: a workspace cut into those records and joined back;
//! * [`pace`]: long work in steps, so the page never freezes;
//! * [`journal`]: changes a closing tab had not seen committed, saved at the next start;
//! * [`workspace`]: opening a workspace at boot (migration, recovery) and whole-workspace operations;
//! * [`tabs`]: several tabs on one workspace (writer lock, save announcements).

pub mod catalog;
pub mod idb;
pub mod journal;
pub mod embedded;
pub mod csv;
pub mod exchange;
pub mod local;
pub mod pace;
pub mod parts;
pub mod quota;
pub mod tabs;
mod verify;
pub mod workspace;
