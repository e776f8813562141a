//! Identifiers and ticket numbers.
//!
//! Every record in ServiceLab is referred to by a small typed id: a
//! [`TicketId`] can never be passed where a [`PersonId`] is expected. Ids are
//! internal; people talk about tickets by their *number* (`INC0001001`), the
//! way ServiceNow shows them, so the number is a separate value with its own
//! kind prefix.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::DomainError;

/// A moment in time, always in UTC. The domain never reads a clock: every
/// function that needs "now" receives it as a `Timestamp` argument.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "#{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Internal id of a ticket (incident, request, problem or change). Ids are
    /// dense and given in creation order: the first ticket is 1.
    TicketId, "ticket"
);
id_type!(
    /// Id of a person: a caller, an agent, a manager or an administrator.
    PersonId, "person"
);
id_type!(
    /// Id of an assignment group: a team that works tickets (e.g. Service Desk).
    GroupId, "group"
);
id_type!(
    /// Id of a service from the service catalogue.
    ServiceId, "service"
);
id_type!(
    /// Id of a configuration item (CI): a server, an application, a router...
    CiId, "ci"
);

impl PersonId {
    /// The actor recorded for automatic actions, such as closing a resolved
    /// incident after the auto-close period. It is not a real person.
    pub const SYSTEM: PersonId = PersonId(0);
}

/// The four kinds of ticket ITIL distinguishes, each handled by its own
/// practice: incident management, service request management, problem
/// management and change enablement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TicketKind {
    /// An unplanned interruption or reduction in quality of a service.
    Incident,
    /// A user asks for something normal: access, a laptop, information.
    Request,
    /// The cause, or potential cause, of one or more incidents.
    Problem,
    /// Adding, modifying or removing anything that could affect services.
    Change,
}

impl TicketKind {
    /// Every kind, in the order above.
    pub const ALL: [TicketKind; 4] = [Self::Incident, Self::Request, Self::Problem, Self::Change];

    /// The three-letter prefix of the kind's ticket numbers (ServiceNow style).
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Incident => "INC",
            Self::Request => "REQ",
            Self::Problem => "PRB",
            Self::Change => "CHG",
        }
    }

    /// The kind's name for people ("Incident").
    pub fn label(self) -> &'static str {
        match self {
            Self::Incident => "Incident",
            Self::Request => "Request",
            Self::Problem => "Problem",
            Self::Change => "Change",
        }
    }

    /// Position of the kind in [`TicketKind::ALL`].
    pub fn index(self) -> usize {
        match self {
            Self::Incident => 0,
            Self::Request => 1,
            Self::Problem => 2,
            Self::Change => 3,
        }
    }
}

/// The human number of a ticket, e.g. `INC0001001`: the kind's prefix and a
/// sequence of at least seven digits. Each kind counts separately and starts
/// at [`TicketNumber::FIRST`]. It is stored in JSON as its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TicketNumber {
    /// Which kind of ticket the number belongs to.
    pub kind: TicketKind,
    /// The running number within the kind.
    pub seq: u32,
}

impl TicketNumber {
    /// The first sequence number of each kind, as in ServiceNow.
    pub const FIRST: u32 = 1001;

    /// Builds a number.
    pub fn new(kind: TicketKind, seq: u32) -> Self {
        Self { kind, seq }
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:07}", self.kind.prefix(), self.seq)
    }
}

impl FromStr for TicketNumber {
    type Err = DomainError;

    /// Parses `INC0001001` (case-insensitive prefix, at least 7 digits).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || DomainError::BadTicketNumber { text: text.to_string() };
        let trimmed = text.trim();
        if trimmed.len() < 10 || !trimmed.is_char_boundary(3) {
            return Err(bad());
        }
        let (prefix, digits) = trimmed.split_at(3);
        let kind = TicketKind::ALL
            .into_iter()
            .find(|k| k.prefix().eq_ignore_ascii_case(prefix))
            .ok_or_else(bad)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let seq = digits.parse::<u32>().map_err(|_| bad())?;
        Ok(Self { kind, seq })
    }
}

impl Serialize for TicketNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TicketNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_prefix_and_seven_digits() {
        assert_eq!(TicketNumber::new(TicketKind::Incident, 1001).to_string(), "INC0001001");
        assert_eq!(TicketNumber::new(TicketKind::Change, 42).to_string(), "CHG0000042");
        assert_eq!(TicketNumber::new(TicketKind::Problem, 12_345_678).to_string(), "PRB12345678");
    }

    #[test]
    fn numbers_parse_back() {
        for kind in TicketKind::ALL {
            let n = TicketNumber::new(kind, 1001);
            assert_eq!(n.to_string().parse::<TicketNumber>().unwrap(), n);
        }
        assert_eq!("inc0001002".parse::<TicketNumber>().unwrap().seq, 1002);
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for text in ["", "INC", "INC12", "XYZ0001001", "INC00010a1", "INC-001001", "ÉNC0001001"] {
            assert!(text.parse::<TicketNumber>().is_err(), "{text} should not parse");
        }
    }

    #[test]
    fn numbers_serialize_as_text_and_ids_as_plain_integers() {
        let n = TicketNumber::new(TicketKind::Request, 1005);
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"REQ0001005\"");
        assert_eq!(serde_json::to_string(&TicketId(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<TicketNumber>("\"REQ0001005\"").unwrap(), n);
    }
}
