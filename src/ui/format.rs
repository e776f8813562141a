//! Small display helpers shared by pages: dates, people and priorities as text.

use chrono::{DateTime, Local, Utc};

use crate::domain::Workspace;

/// A timestamp as a person reads it, in the browser's time zone.
pub fn when(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// "1 - Critical": a priority value with its label from the workspace's matrix.
pub fn priority(ws: &Workspace, value: u8) -> String {
    ws.matrix().priority.describe(value)
}
