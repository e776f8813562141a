//! The SLAs and calendars a new workspace starts with, modelled on
//! ServiceNow's incident SLAs, so a student has something realistic to run
//! and to change.
//!
//! Targets are written in minutes of schedule time, never in "days": DOMAIN.md
//! notes that "1 day" can mean 24 hours of schedule time (three business days
//! on an 8-hour schedule) or one business day, and the ambiguity is exactly
//! the kind of thing a student should not have to guess. On the 9-hour
//! "Office hours" calendar (08:00-17:00):
//!
//! | Priority | Response | Resolution | Calendar |
//! |---|---|---|---|
//! | 1 Critical | 15 min | 240 min (4 h) | 24x7 |
//! | 2 High | 30 min | 480 min (8 business hours) | Office hours |
//! | 3 Moderate | 240 min (4 business hours) | 1,620 min (3 business days of 9 h) | Office hours |
//! | 4 Low | 480 min (8 business hours) | 2,700 min (5 business days of 9 h) | Office hours |
//!
//! Resolution timers pause while the incident is On Hold (any reason), are
//! cancelled when it is Canceled, warn at 50/75/100 % (the assignee at 50 %,
//! the assignee and the group manager from 75 %) and start a new cycle on
//! reopen. Response timers never pause: they stop at the first move out of New.

use std::collections::BTreeSet;

use chrono::Weekday;
use chrono_tz::Europe::London;

use super::calendars::{CalendarId, Calendars};
use super::definition::{
    AgreementKind, CancelCondition, Conditions, DEFAULT_THRESHOLDS, Metric, PauseCondition, ReopenPolicy, SlaDefinition,
    SlaId, default_notify,
};
use crate::domain::calendar::{BusinessCalendar, Hours, LocalTime, OpenInterval, WeeklySchedule};
use crate::domain::ids::TicketKind;

/// The default 24x7 calendar: every real hour counts.
pub const ALWAYS_OPEN: CalendarId = CalendarId(1);

/// The default office-hours calendar: Monday to Friday, 08:00-17:00, London time.
pub const OFFICE_HOURS: CalendarId = CalendarId(2);

/// Monday to Friday 08:00-17:00 on the London clock (moves with British Summer Time).
pub fn office_hours_calendar() -> BusinessCalendar {
    let (open, close) = (LocalTime::from_hm(8, 0), LocalTime::from_hm(17, 0));
    let (open, close) = (open.expect("08:00 is a time"), close.expect("17:00 is a time"));
    let day = vec![OpenInterval::new(open, close)];
    let week = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri].map(|d| (d, day.clone()));
    let week = WeeklySchedule::new(week).expect("five 9-hour days are a valid week");
    BusinessCalendar::new(London, Hours::Weekly(week), Vec::new()).expect("office hours are a valid calendar")
}

/// The calendars a new workspace starts with: "24x7" and "Office hours".
pub fn default_calendars() -> Calendars {
    let mut calendars = Calendars::new();
    calendars.insert(ALWAYS_OPEN, "24x7", BusinessCalendar::always_open(London));
    calendars.insert(OFFICE_HOURS, "Office hours", office_hours_calendar());
    calendars
}

/// Response and resolution SLAs for incidents of priority 1 to 4 (see the
/// module's table). Ids: `2p - 1` for response, `2p` for resolution of priority `p`.
pub fn default_slas() -> Vec<SlaDefinition> {
    const TARGETS: [(u8, u64, u64, CalendarId); 4] = [
        (1, 15, 240, ALWAYS_OPEN),
        (2, 30, 480, OFFICE_HOURS),
        (3, 240, 1620, OFFICE_HOURS),
        (4, 480, 2700, OFFICE_HOURS),
    ];
    let mut out = Vec::new();
    for (priority, response, resolution, calendar) in TARGETS {
        let base = u32::from(priority) * 2;
        out.push(incident_sla(SlaId(base - 1), priority, Metric::Response, response, calendar));
        out.push(incident_sla(SlaId(base), priority, Metric::Resolution, resolution, calendar));
    }
    out
}

fn incident_sla(id: SlaId, priority: u8, metric: Metric, target_minutes: u64, calendar: CalendarId) -> SlaDefinition {
    let hours = if target_minutes.is_multiple_of(60) { format!("{} h", target_minutes / 60) } else { format!("{target_minutes} min") };
    SlaDefinition {
        id,
        name: format!("P{priority} {} ({hours})", metric.label().to_lowercase()),
        kind: AgreementKind::Sla,
        metric,
        target_minutes,
        calendar,
        conditions: Conditions {
            ticket_kind: TicketKind::Incident,
            priorities: BTreeSet::from([priority]),
            service: None,
            group: None,
        },
        pause: match metric {
            Metric::Response => PauseCondition::never(),
            Metric::Resolution => PauseCondition::default(),
        },
        cancel: CancelCondition::default(),
        thresholds: DEFAULT_THRESHOLDS.to_vec(),
        notify: default_notify(),
        reopen: ReopenPolicy::NewCycle,
        retroactive_start: true,
    }
}
