//! Persistence: the only code that touches browser storage, and the pure
//! export and import of workspaces as files ([`exchange`]).
//!
//! The rule every function here keeps: stored data that cannot be decoded is
//! reported and left exactly as it was. Nothing replaces it with a default.

pub mod exchange;
pub mod local;
pub mod workspace;
