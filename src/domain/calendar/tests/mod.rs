//! Unit tests of the business calendar, beyond the worked cases of
//! `tests/domain_sla_vectors.rs`: validation and JSON, weekends, holidays,
//! lunch breaks, daylight saving both ways, stretches, and timers with pauses.

mod arithmetic;
mod dst;
mod offsets;
mod spec;
mod stretches;
mod timer;

use chrono::{DateTime, Utc};

use super::BusinessCalendar;
use crate::domain::ids::Timestamp;

/// An instant from RFC 3339 text, e.g. `2026-11-23T09:00:00Z`.
pub(super) fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 instant").with_timezone(&Utc)
}

/// A calendar from its JSON shape.
pub(super) fn calendar(json: &str) -> BusinessCalendar {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("calendar {json} refused: {e}"))
}

/// Monday to Friday, 09:00-17:00, in `zone`, with these holidays (JSON list items).
pub(super) fn office(zone: &str, holidays: &str) -> BusinessCalendar {
    let day = r#"[["09:00","17:00"]]"#;
    calendar(&format!(
        r#"{{"tz":"{zone}","week":{{"mon":{day},"tue":{day},"wed":{day},"thu":{day},"fri":{day}}},"holidays":[{holidays}]}}"#
    ))
}

/// Monday to Friday 09:00-12:00 and 13:00-17:00 in UTC.
pub(super) fn office_with_lunch() -> BusinessCalendar {
    let day = r#"[["09:00","12:00"],["13:00","17:00"]]"#;
    calendar(&format!(r#"{{"tz":"UTC","week":{{"mon":{day},"tue":{day},"wed":{day},"thu":{day},"fri":{day}}}}}"#))
}
