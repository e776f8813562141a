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

/// 0 for the most severe priority, 1 for the next, and so on: the colour of
/// a priority badge, whichever way the matrix's scale counts.
pub fn severity_rank(ws: &Workspace, value: u8) -> usize {
    let by_severity = ws.matrix().priority.by_severity();
    by_severity
        .iter()
        .rev()
        .position(|v| *v == value)
        .unwrap_or(by_severity.len())
}
