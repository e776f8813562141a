//! The SLA configuration while a service designer edits it: definitions and
//! calendars together, saved in one go.
//!
//! Definitions refer to calendars by id, so the two are edited as one draft
//! ([`SlaConfigDraft`]) and saved with one `SetSlaConfig` command: a calendar
//! and the definition that starts using it arrive together or not at all.
//! The draft may be wrong for a while (that is what drafts are for); it says
//! what is wrong, problem by problem and field by field, in the words of
//! [`SlaError`] and [`crate::domain::calendar::CalendarError`], and
//! [`SlaConfigDraft::to_config`] only gives a configuration once every
//! calendar is a calendar. The domain checks the rest when the command is applied.

use std::collections::BTreeSet;

use chrono_tz::Tz;

use super::calendars::{CalendarId, Calendars};
use super::definition::{
    AgreementKind, CancelCondition, Conditions, DEFAULT_THRESHOLDS, Metric, PauseCondition, ReopenPolicy, SlaDefinition,
    SlaId,
};
use super::validate::{MAX_THRESHOLD, SlaError};
use crate::domain::calendar::draft::CalendarDraft;
use crate::domain::calendar::presets::describe_minutes;
use crate::domain::calendar::BusinessCalendar;
use crate::domain::ids::TicketKind;

/// Every kind of agreement, for a picker.
pub const AGREEMENT_KINDS: [AgreementKind; 3] =
    [AgreementKind::Sla, AgreementKind::Ola, AgreementKind::UnderpinningContract];

/// Every metric, for a picker.
pub const METRICS: [Metric; 2] = [Metric::Response, Metric::Resolution];

/// A calendar of the draft: its id, its name and its hours being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntryDraft {
    /// The id definitions refer to.
    pub id: CalendarId,
    /// The name people see.
    pub name: String,
    /// Zone, hours and holidays.
    pub draft: CalendarDraft,
}

/// The part of a definition a problem is about, so a form shows it beside that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The name.
    Name,
    /// The target duration.
    Target,
    /// The calendar.
    Calendar,
    /// The priorities it attaches to.
    Priorities,
    /// The states that pause it.
    PauseStates,
    /// The hold reasons that pause it.
    HoldReasons,
    /// The states that cancel it.
    CancelStates,
    /// The warning thresholds.
    Thresholds,
}

impl Field {
    /// The field an [`SlaError`] is about.
    pub fn of(error: &SlaError) -> Self {
        match error {
            SlaError::BlankName => Self::Name,
            SlaError::ZeroTarget => Self::Target,
            SlaError::NoPriority => Self::Priorities,
            SlaError::UnknownCalendar(_) => Self::Calendar,
            SlaError::PauseInStartState | SlaError::PauseInStopState { .. } | SlaError::PauseAndCancel(_) => {
                Self::PauseStates
            }
            SlaError::CancelInStartState | SlaError::CancelInStopState { .. } => Self::CancelStates,
            SlaError::ReasonsWithoutOnHold | SlaError::NoHoldReason => Self::HoldReasons,
            SlaError::ThresholdOutOfRange(_)
            | SlaError::ThresholdsNotAscending(..)
            | SlaError::NotifyOutOfRange(_)
            | SlaError::NotifyNotAscending(..)
            | SlaError::NotifyNobody(_) => Self::Thresholds,
        }
    }
}

/// Something wrong with one definition of the draft, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field to show it beside.
    pub field: Field,
    /// The sentence to show, starting with a capital.
    pub message: String,
}

/// Why an edit of the draft's calendars was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A calendar needs a name.
    #[error("Give the calendar a name, so definitions can be told which one they use")]
    BlankCalendarName,
    /// Two calendars may not share a name.
    #[error("There is already a calendar named \"{0}\": choose another name")]
    CalendarNameTaken(String),
    /// A calendar some definitions use cannot be deleted.
    #[error("\"{calendar}\" cannot be deleted: {} on it ({}). Move {} to another calendar first", if definitions.len() == 1 { "1 definition counts time" } else { "these definitions count time" }, definitions.join(", "), if definitions.len() == 1 { "it" } else { "them" })]
    CalendarInUse {
        /// The calendar's name.
        calendar: String,
        /// The names of the definitions that use it.
        definitions: Vec<String>,
    },
}

/// Definitions and calendars being edited together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaConfigDraft {
    /// The calendars, in the order they were added.
    pub calendars: Vec<CalendarEntryDraft>,
    /// The definitions, in the order they were added.
    pub slas: Vec<SlaDefinition>,
}

impl SlaConfigDraft {
    /// The draft of a configuration in force.
    pub fn of(calendars: &Calendars, slas: &[SlaDefinition]) -> Self {
        let calendars = calendars
            .iter()
            .map(|e| CalendarEntryDraft { id: e.id, name: e.name.clone(), draft: CalendarDraft::of(&e.calendar) })
            .collect();
        Self { calendars, slas: slas.to_vec() }
    }

    /// The definition with this id.
    pub fn definition(&self, id: SlaId) -> Option<&SlaDefinition> {
        self.slas.iter().find(|d| d.id == id)
    }

    /// The definition with this id, to edit.
    pub fn definition_mut(&mut self, id: SlaId) -> Option<&mut SlaDefinition> {
        self.slas.iter_mut().find(|d| d.id == id)
    }

    /// The calendar with this id.
    pub fn calendar(&self, id: CalendarId) -> Option<&CalendarEntryDraft> {
        self.calendars.iter().find(|c| c.id == id)
    }

    /// The calendar with this id, to edit.
    pub fn calendar_mut(&mut self, id: CalendarId) -> Option<&mut CalendarEntryDraft> {
        self.calendars.iter_mut().find(|c| c.id == id)
    }

    /// The name of a calendar, or "(missing calendar)" for an id that is not in the draft.
    pub fn calendar_name(&self, id: CalendarId) -> String {
        self.calendar(id).map_or_else(|| "(missing calendar)".to_string(), |c| c.name.clone())
    }

    /// Adds a resolution SLA for incidents of `priority`, 8 hours on the
    /// first calendar, pausing On Hold: a starting point to edit. Its name is
    /// "New SLA", numbered when taken.
    pub fn add_definition(&mut self, priority: Option<u8>) -> SlaId {
        let id = SlaId(self.slas.iter().map(|d| d.id.0).max().unwrap_or(0) + 1);
        let calendar = self.calendars.first().map_or(CalendarId(1), |c| c.id);
        let name = self.free_name("New SLA");
        self.slas.push(SlaDefinition {
            id,
            name,
            kind: AgreementKind::Sla,
            metric: Metric::Resolution,
            target_minutes: 8 * 60,
            calendar,
            conditions: Conditions {
                ticket_kind: TicketKind::Incident,
                priorities: priority.into_iter().collect(),
                service: None,
                group: None,
            },
            pause: PauseCondition::default(),
            cancel: CancelCondition::default(),
            thresholds: DEFAULT_THRESHOLDS.to_vec(),
            notify: super::definition::default_notify(),
            reopen: ReopenPolicy::NewCycle,
            retroactive_start: true,
        });
        id
    }

    /// Adds a copy of a definition, named "... (copy)", right after it.
    pub fn duplicate(&mut self, id: SlaId) -> Option<SlaId> {
        let position = self.slas.iter().position(|d| d.id == id)?;
        let mut copy = self.slas[position].clone();
        copy.id = SlaId(self.slas.iter().map(|d| d.id.0).max().unwrap_or(0) + 1);
        copy.name = self.free_name(&format!("{} (copy)", copy.name.trim()));
        let new_id = copy.id;
        self.slas.insert(position + 1, copy);
        Some(new_id)
    }

    /// Removes a definition (running timers of it disappear on the next replay once saved).
    pub fn remove_definition(&mut self, id: SlaId) {
        self.slas.retain(|d| d.id != id);
    }

    /// Adds a calendar open Monday to Friday 09:00-17:00 in `zone`.
    pub fn add_calendar(&mut self, name: &str, zone: Tz) -> Result<CalendarId, ConfigError> {
        let name = self.check_calendar_name(name, None)?;
        let id = CalendarId(self.calendars.iter().map(|c| c.id.0).max().unwrap_or(0) + 1);
        self.calendars.push(CalendarEntryDraft { id, name, draft: CalendarDraft::office(zone) });
        Ok(id)
    }

    /// Renames a calendar; definitions follow, since they refer to its id.
    pub fn rename_calendar(&mut self, id: CalendarId, name: &str) -> Result<(), ConfigError> {
        let name = self.check_calendar_name(name, Some(id))?;
        if let Some(entry) = self.calendar_mut(id) {
            entry.name = name;
        }
        Ok(())
    }

    /// Deletes a calendar no definition uses; refused, naming them, otherwise.
    pub fn remove_calendar(&mut self, id: CalendarId) -> Result<(), ConfigError> {
        let users: Vec<String> = self.slas.iter().filter(|d| d.calendar == id).map(|d| d.name.clone()).collect();
        if !users.is_empty() {
            return Err(ConfigError::CalendarInUse { calendar: self.calendar_name(id), definitions: users });
        }
        self.calendars.retain(|c| c.id != id);
        Ok(())
    }

    /// Why a calendar of the draft is not a calendar yet, if it is not.
    pub fn calendar_problem(&self, id: CalendarId) -> Option<String> {
        self.calendar(id)?.draft.build().err().map(|e| e.to_string())
    }

    /// What is wrong with one definition, each problem with its field:
    /// the definition's own checks, and a name another definition has.
    pub fn definition_problems(&self, id: SlaId) -> Vec<Problem> {
        let Some(definition) = self.definition(id) else {
            return Vec::new();
        };
        let mut problems: Vec<Problem> = match definition.validate(&self.known_calendars()) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(|e| Problem { field: Field::of(e), message: sentence(&e.to_string()) }).collect(),
        };
        let name = definition.name.trim().to_lowercase();
        if !name.is_empty() && self.slas.iter().any(|d| d.id != id && d.name.trim().to_lowercase() == name) {
            problems.push(Problem {
                field: Field::Name,
                message: format!("Another definition is already named \"{}\": give each a name of its own", definition.name.trim()),
            });
        }
        problems
    }

    /// Every problem of the draft, each naming its calendar or definition.
    pub fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .calendars
            .iter()
            .filter_map(|c| c.draft.build().err().map(|e| format!("Calendar \"{}\": {e}", c.name)))
            .collect();
        for definition in &self.slas {
            out.extend(self.definition_problems(definition.id).into_iter().map(|p| format!("\"{}\": {}", definition.name, p.message)));
        }
        out
    }

    /// The calendars and definitions to save, once every calendar is a
    /// calendar; otherwise what is wrong with the calendars. The definitions
    /// are checked by the domain when the configuration is applied.
    pub fn to_config(&self) -> Result<(Calendars, Vec<SlaDefinition>), Vec<String>> {
        let mut calendars = Calendars::new();
        let mut problems = Vec::new();
        for entry in &self.calendars {
            match entry.draft.build() {
                Ok(calendar) => calendars.insert(entry.id, entry.name.clone(), calendar),
                Err(e) => problems.push(format!("Calendar \"{}\": {e}", entry.name)),
            }
        }
        if problems.is_empty() { Ok((calendars, self.slas.clone())) } else { Err(problems) }
    }

    /// The draft's calendars for checking definitions: a calendar still being
    /// fixed is stood in for by a 24x7 one in its zone, since a definition
    /// only needs its calendar to exist (its own problem is shown on its own).
    fn known_calendars(&self) -> Calendars {
        let mut calendars = Calendars::new();
        for entry in &self.calendars {
            let calendar = entry.draft.build().unwrap_or_else(|_| BusinessCalendar::always_open(entry.draft.zone));
            calendars.insert(entry.id, entry.name.clone(), calendar);
        }
        calendars
    }

    /// `base`, or `base 2`, `base 3`... whichever no definition has.
    fn free_name(&self, base: &str) -> String {
        let taken = |name: &str| self.slas.iter().any(|d| d.name.trim().eq_ignore_ascii_case(name));
        if !taken(base) {
            return base.to_string();
        }
        (2..).map(|n| format!("{base} {n}")).find(|name| !taken(name)).unwrap_or_else(|| base.to_string())
    }

    fn check_calendar_name(&self, name: &str, except: Option<CalendarId>) -> Result<String, ConfigError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ConfigError::BlankCalendarName);
        }
        if self.calendars.iter().any(|c| Some(c.id) != except && c.name.trim().eq_ignore_ascii_case(name)) {
            return Err(ConfigError::CalendarNameTaken(name.to_string()));
        }
        Ok(name.to_string())
    }
}

/// A target as the definitions table shows it: "8 h", "30 min", "27 h".
pub fn describe_target(minutes: u64) -> String {
    describe_minutes(i64::try_from(minutes).unwrap_or(i64::MAX))
}

/// A target split into whole hours and the minutes left, for two number fields.
pub fn split_target(minutes: u64) -> (u64, u64) {
    (minutes / 60, minutes % 60)
}

/// Hours and minutes back into a target in minutes (minutes over 59 simply add up).
pub fn join_target(hours: u64, minutes: u64) -> u64 {
    hours.saturating_mul(60).saturating_add(minutes)
}

/// Thresholds as a person types them: "50, 75, 100".
pub fn thresholds_text(thresholds: &[u16]) -> String {
    thresholds.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

/// Reads "50, 75, 100" (commas or spaces, an optional % after each). An
/// empty text is no warning at all. Order and range are the definition's
/// own checks; this only refuses what is not a whole number.
pub fn parse_thresholds(text: &str) -> Result<Vec<u16>, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .map(|part| part.trim().trim_end_matches('%').trim())
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<u16>().map_err(|_| {
                format!("\"{part}\" is not a percentage: write whole numbers from 1 to {MAX_THRESHOLD}, separated by commas (50, 75, 100)")
            })
        })
        .collect()
}

/// The states a pause or cancel condition names, as a list: "On Hold, Canceled" or "none".
pub fn states_text(states: &BTreeSet<crate::domain::incident::IncidentState>) -> String {
    if states.is_empty() {
        return "none".to_string();
    }
    states.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
}

/// An error message as a sentence: its first letter in capitals.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;

    use super::*;
    use crate::domain::incident::IncidentState;
    use crate::domain::sla::{ALWAYS_OPEN, OFFICE_HOURS, check_config, default_calendars, default_slas};

    fn draft() -> SlaConfigDraft {
        SlaConfigDraft::of(&default_calendars(), &default_slas())
    }

    #[test]
    fn an_untouched_draft_gives_back_the_configuration_in_force() {
        let d = draft();
        assert!(d.problems().is_empty());
        let (calendars, slas) = d.to_config().unwrap();
        assert_eq!(calendars, default_calendars());
        assert_eq!(slas, default_slas());
    }

    #[test]
    fn pausing_in_new_is_shown_beside_the_pause_states() {
        let mut d = draft();
        let id = d.slas[3].id;
        d.definition_mut(id).unwrap().pause.states.insert(IncidentState::New);
        let problems = d.definition_problems(id);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::PauseStates);
        assert!(problems[0].message.starts_with("The timer cannot pause in New"), "{}", problems[0].message);
        assert_eq!(d.problems().len(), 1);
        let (calendars, slas) = d.to_config().unwrap();
        assert!(check_config(&calendars, &slas).is_err(), "the domain refuses it on save too");
    }

    #[test]
    fn names_must_differ_and_new_definitions_get_free_names() {
        let mut d = draft();
        let first = d.add_definition(Some(2));
        let second = d.add_definition(None);
        assert_eq!(d.definition(first).unwrap().name, "New SLA");
        assert_eq!(d.definition(second).unwrap().name, "New SLA 2");
        assert_eq!(d.definition_problems(first), vec![]);
        assert_eq!(d.definition_problems(second)[0].field, Field::Priorities);
        d.definition_mut(second).unwrap().name = " new sla ".into();
        assert!(d.definition_problems(second).iter().any(|p| p.field == Field::Name));
    }

    #[test]
    fn a_duplicate_follows_its_original_with_a_new_id_and_name() {
        let mut d = draft();
        let original = d.slas[1].clone();
        let copy = d.duplicate(original.id).unwrap();
        assert_eq!(d.slas[2].id, copy);
        assert_eq!(d.slas[2].name, format!("{} (copy)", original.name));
        assert_ne!(copy, original.id);
        let again = d.duplicate(original.id).unwrap();
        assert_eq!(d.definition(again).unwrap().name, format!("{} (copy) 2", original.name));
        d.remove_definition(copy);
        assert!(d.definition(copy).is_none());
        assert!(d.to_config().is_ok() && d.problems().is_empty());
    }

    #[test]
    fn a_calendar_in_use_cannot_be_deleted_and_says_by_whom() {
        let mut d = draft();
        let error = d.remove_calendar(ALWAYS_OPEN).unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"24x7\" cannot be deleted: these definitions count time on it (P1 response (15 min), P1 resolution (4 h)). Move them to another calendar first"
        );
        d.slas.retain(|s| s.calendar != ALWAYS_OPEN || s.metric == Metric::Response);
        assert!(d.remove_calendar(ALWAYS_OPEN).unwrap_err().to_string().contains("1 definition counts time on it (P1 response (15 min)). Move it"));
        d.slas.retain(|s| s.calendar != ALWAYS_OPEN);
        d.remove_calendar(ALWAYS_OPEN).unwrap();
        assert!(d.calendar(ALWAYS_OPEN).is_none());
    }

    #[test]
    fn calendars_are_added_and_renamed_with_names_of_their_own() {
        let mut d = draft();
        let id = d.add_calendar(" New York office ", Tz::America__New_York).unwrap();
        assert_eq!(d.calendar(id).unwrap().name, "New York office");
        assert_eq!(d.add_calendar("office HOURS", Tz::UTC), Err(ConfigError::CalendarNameTaken("office HOURS".into())));
        assert_eq!(d.rename_calendar(id, "  "), Err(ConfigError::BlankCalendarName));
        d.rename_calendar(OFFICE_HOURS, "Office hours").unwrap();
        d.rename_calendar(id, "NYC").unwrap();
        assert_eq!(d.calendar_name(id), "NYC");
        assert_eq!(d.calendar_name(CalendarId(99)), "(missing calendar)");
        let (calendars, _) = d.to_config().unwrap();
        assert_eq!(calendars.len(), 3);
    }

    #[test]
    fn a_calendar_being_fixed_blocks_saving_but_not_its_definitions() {
        let mut d = draft();
        let entry = d.calendar_mut(OFFICE_HOURS).unwrap();
        for day in crate::domain::calendar::schedule::WEEK {
            entry.draft.paint(day, 0, 24 * 60, false);
        }
        assert!(d.calendar_problem(OFFICE_HOURS).unwrap().starts_with("This calendar is never open"));
        assert!(d.definition_problems(d.slas[2].id).is_empty());
        let problems = d.to_config().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("Calendar \"Office hours\": This calendar is never open"));
    }

    #[test]
    fn targets_and_thresholds_read_and_write_as_people_type_them() {
        assert_eq!(describe_target(480), "8 h");
        assert_eq!(describe_target(30), "30 min");
        assert_eq!(describe_target(90), "1 h 30 min");
        assert_eq!(split_target(1620), (27, 0));
        assert_eq!(join_target(1, 30), 90);
        assert_eq!(thresholds_text(&[50, 75, 100]), "50, 75, 100");
        assert_eq!(parse_thresholds("50, 75 100%"), Ok(vec![50, 75, 100]));
        assert_eq!(parse_thresholds("  "), Ok(vec![]));
        assert!(parse_thresholds("50, half").unwrap_err().starts_with("\"half\" is not a percentage"));
        assert_eq!(states_text(&BTreeSet::new()), "none");
        assert_eq!(states_text(&BTreeSet::from([IncidentState::Canceled, IncidentState::OnHold])), "On Hold, Canceled");
    }
}
