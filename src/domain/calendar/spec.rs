//! The JSON shape of a business calendar, as people write it.
//!
//! ```json
//! { "tz": "Europe/London",
//!   "week": { "mon": [["09:00", "12:00"], ["13:00", "17:00"]], "tue": [["09:00", "17:00"]] },
//!   "holidays": ["2026-12-24", "12-25", { "date": "12-26", "name": "Boxing Day" }] }
//! ```
//!
//! Days left out are closed; `"24:00"` ends a day; a holiday is `YYYY-MM-DD`
//! (once) or `MM-DD` (every year), as text or with a name. A 24x7 calendar is
//! `{ "tz": "UTC", "week": "24x7" }`. This is the shape of the `calendar`
//! object in the worked SLA cases. Loading checks everything
//! ([`BusinessCalendar::new`]); saving writes the same shape back.

use std::fmt;

use chrono::Weekday;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::error::CalendarError;
use super::holiday::{Holiday, HolidayDate};
use super::schedule::{OpenInterval, WEEK, WeeklySchedule};
use super::zone::parse_zone;
use super::{BusinessCalendar, Hours};

/// The word that stands for an always-open schedule.
const ALWAYS_OPEN: &str = "24x7";

/// A calendar as written in JSON, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA time zone name, e.g. `Europe/London`.
    pub tz: String,
    /// Opening hours per day, or `24x7`.
    pub week: WeekSpec,
    /// Days closed: `YYYY-MM-DD` once, `MM-DD` every year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<HolidaySpec>,
}

/// Opening hours as written: the word `24x7`, or intervals per day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum WeekSpec {
    /// Any text; only `24x7` is accepted when the calendar is checked.
    Keyword(String),
    /// `[from, to]` pairs of `HH:MM` per day.
    Days(DaysSpec),
}

/// Intervals per day of the week, each `["HH:MM", "HH:MM"]`; a day left out is closed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaysSpec {
    /// Monday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mon: Vec<[String; 2]>,
    /// Tuesday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tue: Vec<[String; 2]>,
    /// Wednesday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wed: Vec<[String; 2]>,
    /// Thursday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thu: Vec<[String; 2]>,
    /// Friday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fri: Vec<[String; 2]>,
    /// Saturday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sat: Vec<[String; 2]>,
    /// Sunday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sun: Vec<[String; 2]>,
}

impl DaysSpec {
    /// The days' lists from Monday to Sunday.
    fn days(&self) -> [&Vec<[String; 2]>; 7] {
        [&self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun]
    }
}

/// A holiday as written: its date alone, or its date and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum HolidaySpec {
    /// `"2026-12-25"` or `"12-25"`.
    Date(String),
    /// `{ "date": "12-25", "name": "Christmas Day" }`.
    Named {
        /// `YYYY-MM-DD` or `MM-DD`.
        date: String,
        /// What people call the day.
        name: String,
    },
}

impl<'de> Deserialize<'de> for WeekSpec {
    /// Reads the text `24x7` or a map of days, with serde's own message for a misspelt day.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WeekVisitor;
        impl<'de> Visitor<'de> for WeekVisitor {
            type Value = WeekSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "\"24x7\" or a map from mon..sun to lists of [\"HH:MM\", \"HH:MM\"]")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<WeekSpec, E> {
                Ok(WeekSpec::Keyword(text.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<WeekSpec, M::Error> {
                DaysSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(WeekSpec::Days)
            }
        }
        deserializer.deserialize_any(WeekVisitor)
    }
}

impl TryFrom<CalendarSpec> for BusinessCalendar {
    type Error = CalendarError;

    /// Checks a written calendar: zone, times, intervals, holidays.
    fn try_from(spec: CalendarSpec) -> Result<Self, CalendarError> {
        let zone = parse_zone(&spec.tz)?;
        let hours = match &spec.week {
            WeekSpec::Keyword(word) if word.eq_ignore_ascii_case(ALWAYS_OPEN) => Hours::AlwaysOpen,
            WeekSpec::Keyword(word) => return Err(CalendarError::BadWeek { text: word.clone() }),
            WeekSpec::Days(days) => {
                let mut week = Vec::with_capacity(7);
                for (day, pairs) in WEEK.into_iter().zip(days.days()) {
                    let intervals = pairs
                        .iter()
                        .map(|[from, to]| Ok(OpenInterval::new(from.parse()?, to.parse()?)))
                        .collect::<Result<Vec<_>, CalendarError>>()?;
                    week.push((day, intervals));
                }
                Hours::Weekly(WeeklySchedule::new(week)?)
            }
        };
        let holidays = spec
            .holidays
            .iter()
            .map(|holiday| match holiday {
                HolidaySpec::Date(text) => HolidayDate::parse(text).map(Holiday::new),
                HolidaySpec::Named { date, name } => HolidayDate::parse(date).map(|d| Holiday::named(d, name)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        BusinessCalendar::new(zone, hours, holidays)
    }
}

impl From<BusinessCalendar> for CalendarSpec {
    /// Writes a calendar back in the shape it is read from.
    fn from(calendar: BusinessCalendar) -> Self {
        let week = match calendar.hours() {
            Hours::AlwaysOpen => WeekSpec::Keyword(ALWAYS_OPEN.to_string()),
            Hours::Weekly(schedule) => {
                let list = |day: Weekday| {
                    schedule.intervals(day).iter().map(|i| [i.from.to_string(), i.to.to_string()]).collect()
                };
                WeekSpec::Days(DaysSpec {
                    mon: list(Weekday::Mon),
                    tue: list(Weekday::Tue),
                    wed: list(Weekday::Wed),
                    thu: list(Weekday::Thu),
                    fri: list(Weekday::Fri),
                    sat: list(Weekday::Sat),
                    sun: list(Weekday::Sun),
                })
            }
        };
        let holidays = calendar
            .holidays()
            .iter()
            .map(|holiday| match &holiday.name {
                None => HolidaySpec::Date(holiday.date.to_string()),
                Some(name) => HolidaySpec::Named { date: holiday.date.to_string(), name: name.clone() },
            })
            .collect();
        Self { tz: calendar.zone().name().to_string(), week, holidays }
    }
}
