//! Which timers a calendar edit can change.
//!
//! A service designer's most common calendar edit is a holiday added or
//! removed. That day's open hours only matter to timers whose count ran
//! through it: a timer is due when its target has been counted from its
//! start, so if the calendar is the same on every local day from the start
//! to the due time, the due time is the same, and so is the stage (met or
//! missed is the end compared with the due time). Such timers need no
//! replay. Any other edit (time zone, opening hours) may change every timer.

use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;

use crate::domain::calendar::{BusinessCalendar, HolidayDate};
use crate::domain::ids::Timestamp;

/// What differs between a saved calendar and its draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CalendarChange {
    /// The time zone or the opening hours: any timer may change.
    Everything,
    /// Only holidays, added or removed, on these dates.
    Holidays(Vec<HolidayDate>),
}

impl CalendarChange {
    /// The difference between `saved` and `draft` (names of holidays do not count).
    pub(super) fn between(saved: &BusinessCalendar, draft: &BusinessCalendar) -> Self {
        if saved.zone() != draft.zone() || saved.hours() != draft.hours() {
            return Self::Everything;
        }
        let dates = |c: &BusinessCalendar| c.holidays().iter().map(|h| h.date).collect::<Vec<_>>();
        let (before, after) = (dates(saved), dates(draft));
        let mut changed: Vec<HolidayDate> = before.iter().filter(|d| !after.contains(d)).copied().collect();
        changed.extend(after.iter().filter(|d| !before.contains(d)));
        Self::Holidays(changed)
    }

    /// Whether a timer that counted from `start` to its due time `due` may
    /// come out differently: a changed date lies between them, on the local
    /// clock of `zone` (a day either side is included, to be safe around
    /// daylight-saving changes at midnight).
    pub(super) fn touches(&self, zone: Tz, start: Timestamp, due: Timestamp) -> bool {
        let Self::Holidays(dates) = self else {
            return true;
        };
        let day = |at: Timestamp| at.with_timezone(&zone).date_naive();
        let first = day(start.min(due)) - Days::new(1);
        let last = day(start.max(due)) + Days::new(1);
        dates.iter().any(|date| match *date {
            HolidayDate::Once(once) => first <= once && once <= last,
            HolidayDate::Yearly { month, day } => yearly_between(month, day, first, last),
        })
    }
}

/// Whether the day `month`-`day` of some year falls from `first` to `last`.
fn yearly_between(month: u32, day: u32, first: NaiveDate, last: NaiveDate) -> bool {
    (first.year()..=last.year()).any(|year| {
        NaiveDate::from_ymd_opt(year, month, day).is_some_and(|date| first <= date && date <= last)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Holiday;
    use crate::domain::sla::office_hours_calendar;

    fn at(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).expect("an instant").with_timezone(&chrono::Utc)
    }

    fn with_holidays(dates: &[HolidayDate]) -> BusinessCalendar {
        let office = office_hours_calendar();
        let holidays = dates.iter().map(|d| Holiday::named(*d, "Closed")).collect();
        BusinessCalendar::new(office.zone(), office.hours().clone(), holidays).expect("a valid calendar")
    }

    #[test]
    fn an_added_holiday_touches_only_timers_counting_through_it() {
        let harbour_day = HolidayDate::Once(NaiveDate::from_ymd_opt(2026, 2, 3).expect("a date"));
        let change = CalendarChange::between(&office_hours_calendar(), &with_holidays(&[harbour_day]));
        assert_eq!(change, CalendarChange::Holidays(vec![harbour_day]));
        let zone = office_hours_calendar().zone();
        assert!(change.touches(zone, at("2026-02-02T09:00:00Z"), at("2026-02-04T09:00:00Z")));
        assert!(!change.touches(zone, at("2026-01-26T09:00:00Z"), at("2026-01-30T09:00:00Z")));
        assert!(!change.touches(zone, at("2026-02-05T09:00:00Z"), at("2026-02-06T09:00:00Z")));
    }

    #[test]
    fn a_yearly_holiday_touches_every_year_and_other_edits_touch_everything() {
        let christmas = HolidayDate::Yearly { month: 12, day: 25 };
        let change = CalendarChange::between(&with_holidays(&[christmas]), &office_hours_calendar());
        let zone = office_hours_calendar().zone();
        assert!(change.touches(zone, at("2027-12-24T09:00:00Z"), at("2027-12-29T09:00:00Z")));
        assert!(change.touches(zone, at("2026-12-30T09:00:00Z"), at("2028-01-02T09:00:00Z")));
        assert!(!change.touches(zone, at("2027-06-01T09:00:00Z"), at("2027-06-05T09:00:00Z")));
        let always = BusinessCalendar::always_open(zone);
        assert_eq!(CalendarChange::between(&office_hours_calendar(), &always), CalendarChange::Everything);
        assert!(CalendarChange::Everything.touches(zone, at("2027-06-01T09:00:00Z"), at("2027-06-01T10:00:00Z")));
    }
}
