//! A workspace of the demo organisation grown by the incident generator,
//! at a fixed "now", for property tests that need many tickets.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::{Timestamp, Workspace};

/// The workspaces' "now": their clock when built.
pub fn base_now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0).unwrap()
}

/// The demo plus `extra` generated incidents from `seed`, its clock at [`base_now`].
pub fn workspace(extra: usize, seed: u64) -> Workspace {
    let mut ws = demo_workspace(base_now());
    generate_incidents(&mut ws, extra, seed, base_now()).expect("the demo has groups and callers");
    ws.advance_clock(base_now());
    ws
}
