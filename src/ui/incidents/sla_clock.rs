//! The time SLA figures are read at: the app clock, moving on only when its
//! minute changes.
//!
//! Timer figures are whole minutes, so a real clock ticking every second
//! would recompute and redraw them 59 times for nothing. This memo keeps the
//! instant it last took until the clock reaches another minute (a tick past
//! the minute, or a jump of the simulated clock), then takes the clock's
//! exact time, so a step of "+1 hour" is exactly one hour later. It never
//! lags behind the workspace's own clock either: an event recorded a few
//! seconds into the minute (Start work, say) is in the figures at once.

use leptos::prelude::*;

use crate::domain::Timestamp;
use crate::ui::state::use_app;

/// Which minute an instant falls in.
fn minute(at: Timestamp) -> i64 {
    at.timestamp().div_euclid(60)
}

/// The app clock as SLA views read it: changes once a minute, or when the clock jumps.
pub fn use_sla_now() -> Memo<Timestamp> {
    let app = use_app();
    Memo::new(move |previous: Option<&Timestamp>| {
        let now = app.clock.now();
        // The latest moment the workspace has recorded anything at.
        let seen = app.workspace.with(|ws| ws.clock().now);
        match previous {
            Some(&kept) if minute(kept) == minute(now) && kept >= seen => kept,
            _ => now.max(seen),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn instants_in_one_minute_share_it_and_the_next_second_does_not() {
        let at = |s| Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, s).unwrap();
        assert_eq!(minute(at(0)), minute(at(59)));
        assert_ne!(minute(at(59)), minute(at(59) + chrono::Duration::seconds(1)));
        assert_eq!(minute(Utc.timestamp_opt(-1, 0).unwrap()), -1, "before 1970 too");
    }
}
