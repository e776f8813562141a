//! How ServiceNow and iTop write values in CSV, in both directions.
//!
//! Sources, read with the project's search tools:
//!
//! * **ServiceNow** incident states and hold reasons: the product
//!   documentation page "Incident life cycle" (`c_IncidentManagementStateModel`,
//!   ServiceNow/ServiceNowDocs): New, In Progress, On Hold (Awaiting Caller,
//!   Awaiting Change, Awaiting Problem, Awaiting Vendor), Resolved, Closed,
//!   Canceled, stored as the choice values 1, 2, 3, 6, 7, 8. Releases before
//!   Fuji called In Progress "Active" and had the On Hold variants as states
//!   of their own ("Awaiting Problem", "Awaiting User Info", "Awaiting
//!   Evidence"): the audit log in `tests/fixtures/servicenow/` uses those names.
//! * **ServiceNow** dates: the default `glide.sys.date_format` is `yyyy-MM-dd`
//!   and the date/time format `yyyy-MM-dd HH:mm:ss` ("Global date and time
//!   field format"); import sets read times in the importing user's time zone
//!   ("Importing date/time values"), so our exports say they are UTC. Choice
//!   fields appear in list exports as their display value, e.g. impact
//!   `1 - High`, priority `3 - Moderate`; that is also what the audit log has.
//! * **iTop**: the data model files `itop-tickets/datamodel.itop-tickets.xml`
//!   (class `Ticket`: `ref`, `org_id`, `caller_id`, `team_id`, `agent_id`,
//!   `title`, `description`, `start_date`, `end_date`, `last_update`,
//!   `close_date`) and `itop-incident-mgmt-itil/datamodel.itop-incident-mgmt-itil.xml`
//!   (class `Incident`: `status` with the codes `new`, `assigned`, `pending`,
//!   `escalated_tto`, `escalated_ttr`, `resolved`, `closed`; `impact` 1..3,
//!   `urgency` and `priority` 1..4; `service_id`, `assignment_date`,
//!   `resolution_date`, `resolution_code`, `solution`, `pending_reason`), in
//!   Combodo/iTop. iTop's CSV import names an external key by the key and the
//!   target's attribute (`caller_id->name`) and reads dates as `Y-m-d H:i:s`.

use chrono::{NaiveDate, TimeZone, Utc};

use crate::domain::{HoldReason, IncidentState, Timestamp};

/// The date/time format both tools import: `2016-02-29 01:16:00` (UTC here).
pub const DATE_TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// A time written the way ServiceNow and iTop import it (always UTC).
pub fn format_time(t: Timestamp) -> String {
    t.format(DATE_TIME_FORMAT).to_string()
}

/// Reads a date and time, year first (`2016-02-29 01:16:00`, seconds or `T`
/// optional) or **day first** (`29-02-2016 01:16`, as the ServiceNow audit
/// log writes it). Times are taken as UTC. Month-first (US) dates are not
/// accepted: `03-04-2016` is read as 3 April, never as 4 March.
pub fn parse_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let text = text.strip_suffix('Z').unwrap_or(text);
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let numbers = |part: &str, sep: char| -> Option<Vec<u32>> {
        part.split(sep).map(|n| if n.is_empty() || n.len() > 4 { None } else { n.parse().ok() }).collect()
    };
    let fields: Vec<&str> = date.split('-').collect();
    let d = numbers(date, '-')?;
    let (year, month, day) = match (fields.as_slice(), d.as_slice()) {
        ([y, _, _], &[year, month, day]) if y.len() == 4 => (year, month, day),
        ([_, _, y], &[day, month, year]) if y.len() == 4 => (year, month, day),
        _ => return None,
    };
    let (hour, minute, second) = match time.map(|t| numbers(t, ':')) {
        None => (0, 0, 0),
        Some(Some(t)) => match *t.as_slice() {
            [h, m] => (h, m, 0),
            [h, m, s] => (h, m, s),
            _ => return None,
        },
        Some(None) => return None,
    };
    let naive = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?.and_hms_opt(hour, minute, second)?;
    Some(Utc.from_utc_datetime(&naive))
}

/// Whether a cell means "no value": empty, or ServiceNow's anonymised `?`.
pub fn is_blank(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty() || t == "?"
}

/// Collapses runs of spaces and trims, so `Opened by  8` and `Opened by 8`
/// name the same person.
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ServiceNow choice value of a state (1, 2, 3, 6, 7, 8).
pub fn servicenow_state_value(state: IncidentState) -> u8 {
    match state {
        IncidentState::New => 1,
        IncidentState::InProgress => 2,
        IncidentState::OnHold => 3,
        IncidentState::Resolved => 6,
        IncidentState::Closed => 7,
        IncidentState::Canceled => 8,
    }
}

/// iTop's `status` code for one of our states. iTop has no Canceled
/// incident: a canceled incident is exported `closed` (its resolution says
/// it was canceled); In Progress is `assigned`, iTop's working state.
pub fn itop_status(state: IncidentState) -> &'static str {
    match state {
        IncidentState::New => "new",
        IncidentState::InProgress => "assigned",
        IncidentState::OnHold => "pending",
        IncidentState::Resolved => "resolved",
        IncidentState::Closed | IncidentState::Canceled => "closed",
    }
}

/// A state a source value maps onto: our states, with the hold reason when
/// the source names one (ServiceNow's old "Awaiting ..." states).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MappedState {
    /// New.
    New,
    /// In Progress.
    InProgress,
    /// On Hold; the reason comes from the value itself, or else from a hold
    /// reason column (`None`).
    OnHold(Option<HoldReason>),
    /// Resolved.
    Resolved,
    /// Closed.
    Closed,
    /// Canceled.
    Canceled,
}

impl MappedState {
    /// Every answer a person can give to "map X to which state?".
    pub const CHOICES: [MappedState; 9] = [
        Self::New,
        Self::InProgress,
        Self::OnHold(Some(HoldReason::AwaitingCaller)),
        Self::OnHold(Some(HoldReason::AwaitingChange)),
        Self::OnHold(Some(HoldReason::AwaitingProblem)),
        Self::OnHold(Some(HoldReason::AwaitingVendor)),
        Self::Resolved,
        Self::Closed,
        Self::Canceled,
    ];

    /// The lifecycle state.
    pub fn state(self) -> IncidentState {
        match self {
            Self::New => IncidentState::New,
            Self::InProgress => IncidentState::InProgress,
            Self::OnHold(_) => IncidentState::OnHold,
            Self::Resolved => IncidentState::Resolved,
            Self::Closed => IncidentState::Closed,
            Self::Canceled => IncidentState::Canceled,
        }
    }

    /// "On Hold (Awaiting Caller)", "Resolved"...
    pub fn label(self) -> String {
        match self {
            Self::OnHold(Some(r)) => format!("On Hold ({})", r.label()),
            other => other.state().label().to_string(),
        }
    }
}

/// The documented mapping of a source state value onto ours, or `None` when
/// the value has no mapping and a person must say what it means.
///
/// | source value (case-insensitive) | tool | ServiceLab |
/// |---|---|---|
/// | `New`, `1`, iTop `new`, `escalated_tto` | ServiceNow, iTop | New |
/// | `In Progress`, `Active`, `2`, iTop `assigned`, `escalated_ttr` | ServiceNow (Active before Fuji), iTop | In Progress |
/// | `On Hold`, `3`, iTop `pending` | ServiceNow, iTop | On Hold, reason from the hold reason column |
/// | `Awaiting User Info`, `Awaiting Caller` | ServiceNow (old state / hold reason) | On Hold, Awaiting Caller |
/// | `Awaiting Problem` | ServiceNow | On Hold, Awaiting Problem |
/// | `Awaiting Vendor` | ServiceNow | On Hold, Awaiting Vendor |
/// | `Awaiting Change` | ServiceNow | On Hold, Awaiting Change |
/// | `Resolved`, `6`, iTop `resolved` | both | Resolved |
/// | `Closed`, `7`, iTop `closed` | both | Closed |
/// | `Canceled`, `Cancelled`, `8` | ServiceNow | Canceled |
///
/// Deliberately **not** mapped (asked instead): `Awaiting Evidence` (old
/// ServiceNow: waiting for proof from whom? caller or vendor), the old
/// numbers `4` and `5`, iTop's `waiting_for_approval` (a request state), and
/// anything else.
pub fn known_state(value: &str) -> Option<MappedState> {
    let v = value.trim().to_ascii_lowercase();
    Some(match v.as_str() {
        "new" | "1" | "escalated_tto" => MappedState::New,
        "in progress" | "active" | "2" | "assigned" | "escalated_ttr" => MappedState::InProgress,
        "on hold" | "3" | "pending" => MappedState::OnHold(None),
        "awaiting user info" | "awaiting caller" => MappedState::OnHold(Some(HoldReason::AwaitingCaller)),
        "awaiting problem" => MappedState::OnHold(Some(HoldReason::AwaitingProblem)),
        "awaiting vendor" => MappedState::OnHold(Some(HoldReason::AwaitingVendor)),
        "awaiting change" => MappedState::OnHold(Some(HoldReason::AwaitingChange)),
        "resolved" | "6" => MappedState::Resolved,
        "closed" | "7" => MappedState::Closed,
        "canceled" | "cancelled" | "8" => MappedState::Canceled,
        _ => return None,
    })
}

/// A hold reason written as ServiceNow names it ("Awaiting Caller"; the old
/// "Awaiting User Info" is the same thing), or `None` when unknown.
pub fn known_hold_reason(value: &str) -> Option<HoldReason> {
    let v = value.trim().to_ascii_lowercase();
    if v == "awaiting user info" {
        return Some(HoldReason::AwaitingCaller);
    }
    HoldReason::ALL.into_iter().find(|r| r.label().eq_ignore_ascii_case(&v))
}

/// The number at the start of a level cell: `2 - Medium` and `2` are 2.
pub fn parse_level(cell: &str) -> Option<u8> {
    let digits: String = cell.trim().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_year_first_and_day_first() {
        let t = parse_time("2016-02-29 01:16:00").unwrap();
        assert_eq!(parse_time("29-02-2016 01:16"), Some(t));
        assert_eq!(parse_time("2016-02-29T01:16:00Z"), Some(t));
        assert_eq!(format_time(t), "2016-02-29 01:16:00");
        assert_eq!(parse_time("02-29-2016 01:16"), None, "month first is refused");
        assert_eq!(parse_time("?"), None);
        assert_eq!(parse_time("2016-02-30 01:16"), None, "no 30 February");
        assert_eq!(parse_time("2016-02-29 25:00"), None);
        assert_eq!(parse_time("2016-02-29 01:16:00.5"), None);
        assert_eq!(parse_time("29-02-2016"), Utc.with_ymd_and_hms(2016, 2, 29, 0, 0, 0).single());
        assert_eq!(parse_time("02/30/2026"), None);
    }

    #[test]
    fn levels_and_states_follow_the_table() {
        assert_eq!(parse_level("2 - Medium"), Some(2));
        assert_eq!(parse_level("High"), None);
        assert_eq!(known_state("Active"), Some(MappedState::InProgress));
        assert_eq!(known_state("awaiting user info"), Some(MappedState::OnHold(Some(HoldReason::AwaitingCaller))));
        assert_eq!(known_state("Awaiting Evidence"), None);
        assert_eq!(known_state("4"), None);
        for s in IncidentState::ALL {
            assert_eq!(known_state(s.label()).map(MappedState::state), Some(s));
            assert_eq!(known_state(&servicenow_state_value(s).to_string()).map(MappedState::state), Some(s));
        }
    }
}
