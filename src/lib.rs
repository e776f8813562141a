//! ServiceLab: an IT service management sandbox that runs in one browser tab.
//!
//! The crate has three layers, and the dependency arrows only point downwards:
//!
//! * [`domain`] is the ITSM model in plain Rust. It reads no clock, touches no
//!   storage and imports nothing from the web stack, so every rule is tested
//!   natively with `cargo test` in milliseconds.
//! * [`storage`] is the only code that talks to browser storage.
//! * [`ui`] holds the Leptos components; they call the domain and render it.

pub mod domain;
pub mod storage;
pub mod ui;
