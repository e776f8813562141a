//! Words for instants and lengths of time, the way an explanation shows them.
//!
//! Instants are shown on the calendar's own wall clock with its zone
//! abbreviation ("Fri 9 Jan 2026 21:00 GMT"), because opening hours are
//! agreed in local time and a student checks them against that clock.
//! Lengths are hours and minutes ("60 h 30 min"), never days: DOMAIN.md
//! warns that "a day" means 24 hours to one tool and one business day to
//! another.

use chrono::TimeDelta;
use chrono_tz::Tz;

use crate::domain::ids::Timestamp;

/// An instant on the wall clock of `zone`, e.g. `Fri 9 Jan 2026 21:00 GMT`.
pub fn local_time(zone: Tz, at: Timestamp) -> String {
    at.with_timezone(&zone).format("%a %-d %b %Y %H:%M %Z").to_string()
}

/// From one instant to another on the wall clock of `zone`; the date is
/// written once when both fall on the same local day:
/// `Mon 12 Jan 2026 08:00 GMT → 09:30 GMT`.
pub fn local_range(zone: Tz, from: Timestamp, to: Timestamp) -> String {
    let (start, end) = (from.with_timezone(&zone), to.with_timezone(&zone));
    if start.date_naive() == end.date_naive() {
        format!("{} → {}", local_time(zone, from), end.format("%H:%M %Z"))
    } else {
        format!("{} → {}", local_time(zone, from), local_time(zone, to))
    }
}

/// A number of minutes as hours and minutes: `45 min`, `8 h`, `60 h 30 min`.
pub fn minutes(total: u64) -> String {
    match (total / 60, total % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A length of time in whole minutes (rounded down), as [`minutes`] writes it.
pub fn span(length: TimeDelta) -> String {
    minutes(whole_minutes(length))
}

/// Whole minutes in a length of time, rounded down; 0 for a negative length.
pub fn whole_minutes(length: TimeDelta) -> u64 {
    u64::try_from(length.num_minutes()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_written_in_hours_and_minutes() {
        assert_eq!(minutes(0), "0 min");
        assert_eq!(minutes(45), "45 min");
        assert_eq!(minutes(480), "8 h");
        assert_eq!(minutes(60 * 60 + 30), "60 h 30 min");
        assert_eq!(span(TimeDelta::seconds(119)), "1 min");
        assert_eq!(whole_minutes(TimeDelta::minutes(-5)), 0);
    }

    #[test]
    fn instants_are_shown_on_the_local_clock_with_the_zone() {
        let summer = chrono::DateTime::from_timestamp(1_783_000_800, 0).expect("an instant");
        assert_eq!(local_time(chrono_tz::Europe::London, summer), "Thu 2 Jul 2026 15:00 BST");
        assert_eq!(local_time(chrono_tz::UTC, summer), "Thu 2 Jul 2026 14:00 UTC");
        let later = summer + TimeDelta::minutes(90);
        assert_eq!(local_range(chrono_tz::UTC, summer, later), "Thu 2 Jul 2026 14:00 UTC → 15:30 UTC");
        let next_day = summer + TimeDelta::hours(12);
        assert_eq!(local_range(chrono_tz::UTC, summer, next_day), "Thu 2 Jul 2026 14:00 UTC → Fri 3 Jul 2026 02:00 UTC");
    }
}
