//! Moving the workspace clock, forwards or back.
//!
//! ServiceLab's clock can be simulated: a student jumps a day ahead to watch
//! incidents auto-close, or back to replay a morning. Forwards is always
//! allowed and triggers what the passing time causes (auto-close). Backwards
//! is allowed only to a moment at or after the last recorded event: history is
//! the source of truth and cannot be rewritten.

use chrono::{FixedOffset, NaiveDateTime, TimeDelta};

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

/// How a wall-clock time the user typed maps to an instant in their time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WallTime {
    /// The wall clock shows that time once.
    Once(Timestamp),
    /// It shows it twice (the clocks go back); this is the first time.
    Twice(Timestamp),
    /// It never shows it (the clocks go forward past it); this is the
    /// instant they jump, the first at which the clock shows a later time.
    Skipped(Timestamp),
}

impl WallTime {
    /// The instant chosen.
    pub fn instant(self) -> Timestamp {
        match self {
            Self::Once(at) | Self::Twice(at) | Self::Skipped(at) => at,
        }
    }
}

/// The first instant at which a wall clock shows `local` or a later time,
/// the rule calendars follow too (see `calendar::zone`), in a time zone
/// known only by `offset_at`, its offset from UTC at any instant (a
/// browser's own zone is known only that way).
///
/// The offsets a day and a half either side are the candidates: a zone
/// changes its offset at most once in that span.
pub fn wall_time(local: NaiveDateTime, offset_at: impl Fn(Timestamp) -> FixedOffset) -> WallTime {
    let as_utc = local.and_utc();
    let span = TimeDelta::hours(36);
    let (before, after) = (offset_at(as_utc - span), offset_at(as_utc + span));
    let reading = |offset: FixedOffset| as_utc - TimeDelta::seconds(i64::from(offset.local_minus_utc()));
    let shows = |offset: FixedOffset| offset_at(reading(offset)) == offset;
    match (shows(before), shows(after)) {
        (true, true) if before != after => WallTime::Twice(reading(before).min(reading(after))),
        (true, _) => WallTime::Once(reading(before)),
        (false, true) => WallTime::Once(reading(after)),
        (false, false) => {
            // Skipped: the jump lies between the two readings. Find its first second.
            let at = |second: i64| Timestamp::from_timestamp(second, 0).unwrap_or(as_utc);
            let (mut low, mut high) = (reading(after).timestamp(), reading(before).timestamp());
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if offset_at(at(middle)) == before { low = middle } else { high = middle }
            }
            WallTime::Skipped(at(high))
        }
    }
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

    mod wall_times {
        use super::super::{WallTime, wall_time};
        use crate::domain::calendar::schedule::LocalTime;
        use crate::domain::calendar::zone::local_instant;
        use chrono::{NaiveDate, Offset, TimeZone, Utc};
        use chrono_tz::Tz;

        fn read(zone: Tz, text: &str) -> WallTime {
            let local = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap();
            wall_time(local, |at| zone.offset_from_utc_datetime(&at.naive_utc()).fix())
        }

        fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> crate::domain::Timestamp {
            Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
        }

        #[test]
        fn london_and_new_york_across_both_changes() {
            let (london, new_york) = (chrono_tz::Europe::London, chrono_tz::America::New_York);
            assert_eq!(read(london, "2026-03-29T00:30"), WallTime::Once(utc(2026, 3, 29, 0, 30)));
            // 01:30 never shows in London that night: the clocks jump from 01:00 GMT to 02:00 BST.
            assert_eq!(read(london, "2026-03-29T01:30"), WallTime::Skipped(utc(2026, 3, 29, 1, 0)));
            assert_eq!(read(london, "2026-03-29T02:30"), WallTime::Once(utc(2026, 3, 29, 1, 30)));
            // 01:30 shows twice in October: first in BST (00:30 UTC), then in GMT.
            assert_eq!(read(london, "2026-10-25T01:30"), WallTime::Twice(utc(2026, 10, 25, 0, 30)));
            assert_eq!(read(london, "2026-10-25T02:30"), WallTime::Once(utc(2026, 10, 25, 2, 30)));
            assert_eq!(read(new_york, "2026-03-08T01:30"), WallTime::Once(utc(2026, 3, 8, 6, 30)));
            assert_eq!(read(new_york, "2026-03-08T02:30"), WallTime::Skipped(utc(2026, 3, 8, 7, 0)));
            assert_eq!(read(new_york, "2026-03-08T03:30"), WallTime::Once(utc(2026, 3, 8, 7, 30)));
            assert_eq!(read(new_york, "2026-11-01T01:30"), WallTime::Twice(utc(2026, 11, 1, 5, 30)));
            assert_eq!(read(chrono_tz::UTC, "2026-03-29T01:30"), WallTime::Once(utc(2026, 3, 29, 1, 30)));
        }

        #[test]
        fn every_minute_of_the_change_days_agrees_with_the_calendars_rule() {
            let days = [
                (chrono_tz::Europe::London, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()),
                (chrono_tz::Europe::London, NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()),
                (chrono_tz::America::New_York, NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()),
                (chrono_tz::America::New_York, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
                (chrono_tz::Australia::Sydney, NaiveDate::from_ymd_opt(2026, 4, 5).unwrap()),
                (chrono_tz::Australia::Sydney, NaiveDate::from_ymd_opt(2026, 10, 4).unwrap()),
            ];
            for (zone, date) in days {
                let mut previous = None;
                for minute in 0..24 * 60u16 {
                    let local = date.and_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0).unwrap();
                    let got = wall_time(local, |at| zone.offset_from_utc_datetime(&at.naive_utc()).fix()).instant();
                    assert_eq!(got, local_instant(zone, date, LocalTime::from_hm(minute / 60, minute % 60).unwrap()), "{zone} {local}");
                    assert!(previous.is_none_or(|p| p <= got), "a later wall time is never an earlier instant ({zone} {local})");
                    previous = Some(got);
                }
            }
        }
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
