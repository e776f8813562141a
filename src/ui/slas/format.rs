//! Instants as the SLA pages show them: on a calendar's wall clock, with the
//! zone's abbreviation, and in UTC.

use chrono_tz::Tz;

use crate::domain::Timestamp;

/// "Mon 2026-03-30 09:00 BST": an instant on `zone`'s wall clock.
pub fn in_zone(at: Timestamp, zone: Tz) -> String {
    at.with_timezone(&zone).format("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// "Mon 2026-03-30 08:00 UTC".
pub fn in_utc(at: Timestamp) -> String {
    at.format("%a %Y-%m-%d %H:%M UTC").to_string()
}

/// "Fri 27 Mar 16:00": a stretch boundary on `zone`'s wall clock, short.
pub fn short_in_zone(at: Timestamp, zone: Tz) -> String {
    at.with_timezone(&zone).format("%a %-d %b %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn instants_show_the_local_clock_with_its_abbreviation() {
        let at = Utc.with_ymd_and_hms(2026, 3, 30, 8, 0, 0).unwrap();
        assert_eq!(in_zone(at, Tz::Europe__London), "Mon 2026-03-30 09:00 BST");
        assert_eq!(in_zone(at, Tz::America__New_York), "Mon 2026-03-30 04:00 EDT");
        assert_eq!(in_utc(at), "Mon 2026-03-30 08:00 UTC");
        assert_eq!(short_in_zone(at, Tz::Europe__London), "Mon 30 Mar 09:00");
    }
}
