//! What the incident form holds while someone edits it, and how it turns into
//! commands: a new incident, or only the fields that changed.
//!
//! These are plain values without any Leptos type, so they are tested natively.
//! The domain still checks every rule; the draft only decides *what to ask*.

use crate::domain::{
    Category, CiId, Command, FieldEdit, GroupId, Incident, NewIncident, PersonId, PriorityMatrix, ServiceId,
    TicketId,
};

/// The editable fields of an incident as the form shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentDraft {
    /// Who reports it; `None` until someone is chosen.
    pub caller: Option<PersonId>,
    /// Broad classification.
    pub category: Category,
    /// Finer classification, free text.
    pub subcategory: String,
    /// Affected service.
    pub service: Option<ServiceId>,
    /// Affected configuration item.
    pub ci: Option<CiId>,
    /// Impact value from the matrix's impact scale.
    pub impact: u8,
    /// Urgency value from the matrix's urgency scale.
    pub urgency: u8,
    /// The team that should work it.
    pub group: Option<GroupId>,
    /// The agent that should work it.
    pub agent: Option<PersonId>,
    /// One line saying what is wrong.
    pub short_description: String,
    /// The details.
    pub description: String,
}

/// A required field the person left empty, found before anything is submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The short description is blank.
    ShortDescription,
    /// No caller is chosen.
    Caller,
}

impl Missing {
    /// The inline message shown under the field.
    pub fn message(self) -> &'static str {
        match self {
            Self::ShortDescription => "Enter a short description: one line saying what is wrong.",
            Self::Caller => "Choose the caller: the person who reports the incident.",
        }
    }
}

impl IncidentDraft {
    /// An empty form: no caller, the first category, and the least severe
    /// impact and urgency of the matrix in force (as ServiceNow starts at 3 / 3).
    pub fn blank(matrix: &PriorityMatrix) -> Self {
        let least = |values: Vec<u8>| values.first().copied().unwrap_or_default();
        Self {
            caller: None,
            category: Category::ALL[0],
            subcategory: String::new(),
            service: None,
            ci: None,
            impact: least(matrix.impact.by_severity()),
            urgency: least(matrix.urgency.by_severity()),
            group: None,
            agent: None,
            short_description: String::new(),
            description: String::new(),
        }
    }

    /// The form filled from an existing incident.
    pub fn of(incident: &Incident) -> Self {
        Self {
            caller: Some(incident.caller),
            category: incident.category,
            subcategory: incident.subcategory.clone(),
            service: incident.service,
            ci: incident.ci,
            impact: incident.impact,
            urgency: incident.urgency,
            group: incident.assignment_group,
            agent: incident.assigned_to,
            short_description: incident.short_description.clone(),
            description: incident.description.clone(),
        }
    }

    /// The required fields that are still empty, in the order the form shows them.
    pub fn missing(&self) -> Vec<Missing> {
        let mut missing = Vec::new();
        if self.caller.is_none() {
            missing.push(Missing::Caller);
        }
        if self.short_description.trim().is_empty() {
            missing.push(Missing::ShortDescription);
        }
        missing
    }

    /// The command logging this draft as a new incident, or what is missing.
    pub fn create_command(&self) -> Result<Command, Vec<Missing>> {
        let missing = self.missing();
        let Some(caller) = self.caller.filter(|_| missing.is_empty()) else {
            return Err(missing);
        };
        Ok(Command::CreateIncident(NewIncident {
            short_description: self.short_description.clone(),
            description: self.description.clone(),
            caller,
            category: self.category,
            subcategory: self.subcategory.clone(),
            service: self.service,
            ci: self.ci,
            impact: self.impact,
            urgency: self.urgency,
            assignment_group: self.group,
            assigned_to: self.agent,
        }))
    }

    /// The field edits that turn `base` into this draft, in form order. Empty
    /// when nothing changed. Assignment is not a field edit: see [`Self::assign_command`].
    pub fn edits_from(&self, base: &IncidentDraft) -> Vec<FieldEdit> {
        let mut edits = Vec::new();
        if self.caller != base.caller
            && let Some(caller) = self.caller
        {
            edits.push(FieldEdit::Caller(caller));
        }
        if self.category != base.category {
            edits.push(FieldEdit::Category(self.category));
        }
        if self.subcategory != base.subcategory {
            edits.push(FieldEdit::Subcategory(self.subcategory.clone()));
        }
        if self.service != base.service {
            edits.push(FieldEdit::Service(self.service));
        }
        if self.ci != base.ci {
            edits.push(FieldEdit::Ci(self.ci));
        }
        if self.impact != base.impact {
            edits.push(FieldEdit::Impact(self.impact));
        }
        if self.urgency != base.urgency {
            edits.push(FieldEdit::Urgency(self.urgency));
        }
        if self.short_description != base.short_description {
            edits.push(FieldEdit::ShortDescription(self.short_description.clone()));
        }
        if self.description != base.description {
            edits.push(FieldEdit::Description(self.description.clone()));
        }
        edits
    }

    /// The `Assign` command when the group or the agent differs from `base`.
    pub fn assign_command(&self, id: TicketId, base: &IncidentDraft) -> Option<Command> {
        let changed = (self.group, self.agent) != (base.group, base.agent);
        changed.then_some(Command::Assign { id, group: self.group, agent: self.agent })
    }

    /// Follows a change made elsewhere (a transition, an escalation...): every
    /// field the person has not touched since `old_base` takes its value from
    /// `new_base`; fields they edited keep their edit.
    pub fn rebase(&self, old_base: &IncidentDraft, new_base: &IncidentDraft) -> IncidentDraft {
        fn pick<T: Clone + PartialEq>(mine: &T, old: &T, new: &T) -> T {
            if mine == old { new.clone() } else { mine.clone() }
        }
        let (m, o, n) = (self, old_base, new_base);
        IncidentDraft {
            caller: pick(&m.caller, &o.caller, &n.caller),
            category: pick(&m.category, &o.category, &n.category),
            subcategory: pick(&m.subcategory, &o.subcategory, &n.subcategory),
            service: pick(&m.service, &o.service, &n.service),
            ci: pick(&m.ci, &o.ci, &n.ci),
            impact: pick(&m.impact, &o.impact, &n.impact),
            urgency: pick(&m.urgency, &o.urgency, &n.urgency),
            group: pick(&m.group, &o.group, &n.group),
            agent: pick(&m.agent, &o.agent, &n.agent),
            short_description: pick(&m.short_description, &o.short_description, &n.short_description),
            description: pick(&m.description, &o.description, &n.description),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> IncidentDraft {
        IncidentDraft {
            caller: Some(PersonId(3)),
            short_description: "Email down".into(),
            ..IncidentDraft::blank(&PriorityMatrix::servicenow())
        }
    }

    #[test]
    fn a_blank_draft_starts_at_the_least_severe_levels() {
        let draft = IncidentDraft::blank(&PriorityMatrix::servicenow());
        assert_eq!((draft.impact, draft.urgency), (3, 3));
        let glpi = IncidentDraft::blank(&PriorityMatrix::glpi());
        assert_eq!((glpi.impact, glpi.urgency), (1, 1));
    }

    #[test]
    fn caller_and_short_description_are_required() {
        let mut draft = IncidentDraft::blank(&PriorityMatrix::servicenow());
        draft.short_description = "   ".into();
        assert_eq!(draft.missing(), vec![Missing::Caller, Missing::ShortDescription]);
        assert_eq!(draft.create_command(), Err(vec![Missing::Caller, Missing::ShortDescription]));
        assert!(filled().create_command().is_ok());
    }

    #[test]
    fn only_changed_fields_become_edits() {
        let base = filled();
        assert!(base.edits_from(&base).is_empty());
        let mut draft = base.clone();
        draft.impact = 1;
        draft.description = "Since 9:00".into();
        assert_eq!(
            draft.edits_from(&base),
            vec![FieldEdit::Impact(1), FieldEdit::Description("Since 9:00".into())]
        );
        assert_eq!(draft.assign_command(TicketId(1), &base), None);
        draft.group = Some(GroupId(2));
        assert_eq!(
            draft.assign_command(TicketId(1), &base),
            Some(Command::Assign { id: TicketId(1), group: Some(GroupId(2)), agent: None })
        );
    }

    #[test]
    fn rebase_keeps_edits_and_follows_the_rest() {
        let old = filled();
        let mut mine = old.clone();
        mine.subcategory = "Outlook".into();
        let mut new = old.clone();
        new.group = Some(GroupId(4));
        new.subcategory = "Mail".into();
        let rebased = mine.rebase(&old, &new);
        assert_eq!(rebased.subcategory, "Outlook");
        assert_eq!(rebased.group, Some(GroupId(4)));
    }
}
