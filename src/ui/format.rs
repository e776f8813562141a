//! Small display helpers shared by pages.

use chrono::{DateTime, Local, Utc};

/// A timestamp as a person reads it, in the browser's time zone.
pub fn when(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}
