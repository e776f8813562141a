//! Moving the workspace clock, forwards or back.
//!
//! ServiceLab's clock can be simulated: a student jumps a day ahead to watch
//! incidents auto-close, or back to replay a morning. Forwards is always
//! allowed and triggers what the passing time causes (auto-close). Backwards
//! is allowed only to a moment at or after the last recorded event: history is
//! the source of truth and cannot be rewritten.

use super::error::DomainError;
use super::ids::{TicketId, Timestamp};
use super::sla::defaults::office_hours_calendar;
use super::workspace::Workspace;

/// One business day after `now` on the default Office hours calendar
/// (Monday to Friday, 08:00 to 17:00, London): nine business hours later,
/// so Friday 10:00 steps to Monday 10:00. The clock's "+1 business day" step.
pub fn one_business_day_after(now: Timestamp) -> Timestamp {
    office_hours_calendar().add_business_minutes(now, 9 * 60)
}

impl Workspace {
    /// The most recent event of any ticket, with its ticket.
    pub fn latest_event(&self) -> Option<(Timestamp, TicketId)> {
        self.tickets().iter().filter_map(|r| r.last_event_at().map(|at| (at, r.id))).max()
    }

    /// Sets the clock to `to` and says whether it is simulated. Going back is
    /// refused, changing nothing, if any ticket has an event after `to`.
    /// Returns the incidents that closed automatically on the way forward.
    pub fn set_clock(&mut self, to: Timestamp, simulated: bool) -> Result<Vec<TicketId>, DomainError> {
        if let Some((latest, id)) = self.latest_event().filter(|(latest, _)| to < *latest) {
            let number = self.record(id).map_or_else(|| id.to_string(), |r| r.number.to_string());
            return Err(DomainError::ClockBeforeHistory { to, number, latest });
        }
        self.clock.now = to;
        self.clock.simulated = simulated;
        Ok(self.advance_clock(to))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::demo::demo_workspace;
    use crate::domain::{DomainError, IncidentState};
    use chrono::{Duration, TimeZone, Utc};

    fn now() -> crate::domain::Timestamp {
        Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()
    }

    #[test]
    fn a_business_day_step_skips_the_weekend() {
        // Friday 20 November 2026, 10:00 in London (UTC in winter).
        let friday = Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap();
        assert_eq!(super::one_business_day_after(friday), Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap());
    }

    #[test]
    fn forwards_closes_what_is_due_and_marks_the_clock_simulated() {
        let mut ws = demo_workspace(now());
        let resolved = ws.incidents().filter(|i| i.state == IncidentState::Resolved).count();
        assert!(resolved > 0, "the demo has resolved incidents");
        let closed = ws.set_clock(now() + Duration::days(8), true).unwrap();
        assert_eq!(closed.len(), resolved);
        assert!(ws.clock().simulated);
        assert_eq!(ws.clock().now, now() + Duration::days(8));
        assert_eq!(ws.incidents().filter(|i| i.state == IncidentState::Resolved).count(), 0);
    }

    #[test]
    fn back_is_allowed_down_to_the_last_event_and_refused_before_it() {
        let mut ws = demo_workspace(now());
        let (latest, _) = ws.latest_event().unwrap();
        assert!(latest <= now());
        ws.set_clock(latest, true).unwrap();
        assert_eq!(ws.clock().now, latest);

        let before = ws.to_json();
        let err = ws.set_clock(latest - Duration::minutes(1), true).unwrap_err();
        assert!(matches!(err, DomainError::ClockBeforeHistory { .. }));
        assert!(err.to_string().contains("History cannot be rewritten"), "{err}");
        assert_eq!(ws.to_json(), before, "a refused move changes nothing");
    }
}
