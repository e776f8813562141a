//! Which CSV column feeds which incident field.
//!
//! A file exported from another tool names its columns its own way:
//! ServiceNow says `caller_id`, iTop `caller_id->name`, a spreadsheet
//! `Caller`. [`Mapping::propose`] recognises the headers of both dialects
//! and common variants; the person importing sees the proposal and may
//! change any column with [`Mapping::set`] before anything is imported.

use std::fmt;

/// An incident field a column can be imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The source tool's number (`INC0000045`, iTop `ref`); kept for the
    /// report, since ServiceLab numbers its own tickets.
    Number,
    /// One-line summary (required).
    ShortDescription,
    /// Details.
    Description,
    /// Who reported it (required): a person matched or created by name.
    Caller,
    /// Broad classification, mapped onto ServiceLab's categories.
    Category,
    /// Finer classification, free text.
    Subcategory,
    /// Impact level (`2 - Medium` or `2`).
    Impact,
    /// Urgency level.
    Urgency,
    /// Priority as the source recorded it; checked against the matrix.
    Priority,
    /// Lifecycle state, mapped onto ours.
    State,
    /// Why it is on hold.
    HoldReason,
    /// The team working it: a group matched or created by name.
    AssignmentGroup,
    /// The agent working it: a person matched or created by name.
    AssignedTo,
    /// When it was logged (required).
    OpenedAt,
    /// Who logged it.
    OpenedBy,
    /// When it last changed (time of its current state when no other time says).
    UpdatedAt,
    /// When it was resolved.
    ResolvedAt,
    /// Who resolved it.
    ResolvedBy,
    /// When it was closed or canceled.
    ClosedAt,
    /// Resolution code, mapped onto ours.
    CloseCode,
    /// Resolution notes.
    CloseNotes,
    /// Affected configuration item, matched or created by name.
    Ci,
    /// Affected service, matched or created by name.
    Service,
}

impl Target {
    /// Every field, in the order a mapping screen lists them.
    pub const ALL: [Target; 23] = [
        Self::Number,
        Self::ShortDescription,
        Self::Description,
        Self::Caller,
        Self::Category,
        Self::Subcategory,
        Self::Impact,
        Self::Urgency,
        Self::Priority,
        Self::State,
        Self::HoldReason,
        Self::AssignmentGroup,
        Self::AssignedTo,
        Self::OpenedAt,
        Self::OpenedBy,
        Self::UpdatedAt,
        Self::ResolvedAt,
        Self::ResolvedBy,
        Self::ClosedAt,
        Self::CloseCode,
        Self::CloseNotes,
        Self::Ci,
        Self::Service,
    ];

    /// Fields without which no incident can be imported.
    pub const REQUIRED: [Target; 3] = [Self::ShortDescription, Self::Caller, Self::OpenedAt];

    /// The field's name as the incident form shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Number => "Number",
            Self::ShortDescription => "Short description",
            Self::Description => "Description",
            Self::Caller => "Caller",
            Self::Category => "Category",
            Self::Subcategory => "Subcategory",
            Self::Impact => "Impact",
            Self::Urgency => "Urgency",
            Self::Priority => "Priority",
            Self::State => "State",
            Self::HoldReason => "On hold reason",
            Self::AssignmentGroup => "Assignment group",
            Self::AssignedTo => "Assigned to",
            Self::OpenedAt => "Opened",
            Self::OpenedBy => "Opened by",
            Self::UpdatedAt => "Updated",
            Self::ResolvedAt => "Resolved",
            Self::ResolvedBy => "Resolved by",
            Self::ClosedAt => "Closed",
            Self::CloseCode => "Resolution code",
            Self::CloseNotes => "Resolution notes",
            Self::Ci => "Configuration item",
            Self::Service => "Service",
        }
    }

    /// Header names recognised for the field, lower case with every
    /// character but letters and digits removed (`caller_id->name` becomes
    /// `calleridname`). ServiceNow's column names, iTop's attribute codes and
    /// the form labels are all here.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Number => &["number", "ref", "ticketnumber", "incidentnumber", "id"],
            Self::ShortDescription => &["shortdescription", "title", "summary", "subject"],
            Self::Description => &["description", "details"],
            Self::Caller => &["callerid", "caller", "calleridname", "callername", "calleridfriendlyname", "requester"],
            Self::Category => &["category"],
            Self::Subcategory => &["subcategory", "servicesubcategoryidname", "servicesubcategoryname"],
            Self::Impact => &["impact"],
            Self::Urgency => &["urgency"],
            Self::Priority => &["priority"],
            Self::State => &["state", "incidentstate", "status"],
            Self::HoldReason => &["holdreason", "onholdreason", "pendingreason"],
            Self::AssignmentGroup => &["assignmentgroup", "teamidname", "teamname", "team", "group"],
            Self::AssignedTo => &["assignedto", "agentidname", "agentname", "agent", "assignee"],
            Self::OpenedAt => &["openedat", "opened", "startdate", "syscreatedon", "created", "createdon"],
            Self::OpenedBy => &["openedby"],
            Self::UpdatedAt => &["sysupdatedon", "sysupdatedat", "lastupdate", "updated", "updatedon"],
            Self::ResolvedAt => &["resolvedat", "resolved", "resolutiondate"],
            Self::ResolvedBy => &["resolvedby"],
            Self::ClosedAt => &["closedat", "closed", "closedate"],
            Self::CloseCode => &["closecode", "closedcode", "resolutioncode"],
            Self::CloseNotes => &["closenotes", "resolutionnotes", "solution"],
            Self::Ci => &["cmdbci", "configurationitem", "ci"],
            Self::Service => &["businessservice", "service", "serviceidname", "servicename"],
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Lower case, letters and digits only: how headers are compared.
fn squash(header: &str) -> String {
    header.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Which field each column of the file goes to (`None`: ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The file's headers, in file order.
    pub headers: Vec<String>,
    /// `targets[i]` is the field column `i` is imported into.
    pub targets: Vec<Option<Target>>,
}

impl Mapping {
    /// Proposes a field for every header it recognises. A field is proposed
    /// for one column only: the first that names it.
    pub fn propose(headers: &[String]) -> Mapping {
        let mut targets: Vec<Option<Target>> = Vec::with_capacity(headers.len());
        for header in headers {
            let key = squash(header);
            let found = Target::ALL
                .into_iter()
                .find(|t| t.aliases().contains(&key.as_str()) && !targets.contains(&Some(*t)));
            targets.push(found);
        }
        Mapping { headers: headers.to_vec(), targets }
    }

    /// Imports column `column` into `target` (or ignores it with `None`). A
    /// field fed by another column is taken from that column first.
    pub fn set(&mut self, column: usize, target: Option<Target>) {
        if let Some(t) = target {
            for existing in self.targets.iter_mut() {
                if *existing == Some(t) {
                    *existing = None;
                }
            }
        }
        if let Some(slot) = self.targets.get_mut(column) {
            *slot = target;
        }
    }

    /// The column feeding `target`, if any.
    pub fn column(&self, target: Target) -> Option<usize> {
        self.targets.iter().position(|t| *t == Some(target))
    }

    /// The required fields no column feeds, each as a sentence saying what to do.
    pub fn missing(&self) -> Vec<String> {
        Target::REQUIRED
            .into_iter()
            .filter(|t| self.column(*t).is_none())
            .map(|t| format!("No column is mapped to {}: choose the column that holds it", t.label()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn both_dialects_and_variants_are_recognised() {
        let m = Mapping::propose(&headers(&["number", "caller_id", "Short Description", "incident_state", "Whatever"]));
        assert_eq!(m.targets, vec![Some(Target::Number), Some(Target::Caller), Some(Target::ShortDescription), Some(Target::State), None]);
        let m = Mapping::propose(&headers(&["ref", "title", "caller_id->name", "team_id->name", "agent_id->name", "start_date"]));
        assert_eq!(m.column(Target::AssignedTo), Some(4));
        assert_eq!(m.column(Target::OpenedAt), Some(5));
        assert!(m.missing().is_empty());
    }

    #[test]
    fn overriding_moves_a_field_to_one_column() {
        let mut m = Mapping::propose(&headers(&["opened_at", "sys_created_on", "title"]));
        assert_eq!(m.column(Target::OpenedAt), Some(0));
        m.set(1, Some(Target::OpenedAt));
        assert_eq!(m.targets, vec![None, Some(Target::OpenedAt), Some(Target::ShortDescription)]);
        m.set(1, None);
        assert_eq!(m.missing().len(), 2, "{:?}", m.missing());
    }
}
