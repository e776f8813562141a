//! Persistence: the only code that touches browser storage.
//!
//! The rule every function here keeps: stored data that cannot be decoded is
//! reported and left exactly as it was. Nothing replaces it with a default.

pub mod csv;
pub mod local;
pub mod workspace;
