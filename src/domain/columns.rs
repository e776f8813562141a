//! The columns of a ticket list: their names and the text each shows.
//!
//! One definition serves the on-screen list, its sort and (later) CSV export,
//! so a column always means the same thing wherever it appears.

use super::query::Column;
use super::sla::{TicketSla, sla_summary};
use super::ticket::Incident;
use super::workspace::Workspace;
use super::Timestamp;

impl Column {
    /// Every column, in the order a column chooser lists them.
    pub const ALL: [Column; 20] = [
        Column::Number,
        Column::ShortDescription,
        Column::Caller,
        Column::Category,
        Column::Service,
        Column::Impact,
        Column::Urgency,
        Column::Priority,
        Column::State,
        Column::SlaStage,
        Column::SlaTimeLeft,
        Column::SlaDue,
        Column::AssignmentGroup,
        Column::AssignedTo,
        Column::Major,
        Column::Opened,
        Column::Updated,
        Column::Resolved,
        Column::ReassignmentCount,
        Column::EscalationLevel,
    ];

    /// The columns a new list shows, as a service desk's default list does.
    pub const DEFAULT: [Column; 8] = [
        Column::Number,
        Column::ShortDescription,
        Column::Caller,
        Column::Priority,
        Column::State,
        Column::SlaStage,
        Column::AssignmentGroup,
        Column::AssignedTo,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Number => "Number",
            Column::ShortDescription => "Short description",
            Column::Caller => "Caller",
            Column::Category => "Category",
            Column::Service => "Service",
            Column::Impact => "Impact",
            Column::Urgency => "Urgency",
            Column::Priority => "Priority",
            Column::State => "State",
            Column::AssignmentGroup => "Assignment group",
            Column::AssignedTo => "Assigned to",
            Column::Major => "Major",
            Column::Opened => "Opened",
            Column::Updated => "Updated",
            Column::Resolved => "Resolved",
            Column::ReassignmentCount => "Reassignments",
            Column::EscalationLevel => "Escalation level",
            Column::SlaStage => "SLA stage",
            Column::SlaTimeLeft => "SLA time left",
            Column::SlaDue => "SLA due",
        }
    }

    /// The text of this column for one incident, SLA columns read at the
    /// workspace clock's time (see [`Column::display_at`]).
    pub fn display(self, ws: &Workspace, inc: &Incident) -> String {
        self.display_at(ws, inc, ws.clock().now)
    }

    /// The text of this column for one incident at `now`. Times are UTC, as
    /// `YYYY-MM-DD HH:MM`; empty values are empty strings.
    pub fn display_at(self, ws: &Workspace, inc: &Incident, now: Timestamp) -> String {
        if self.is_sla() {
            return self.sla_text(sla_summary(ws, inc.id, now).as_ref());
        }
        let time = |t: Timestamp| t.format("%Y-%m-%d %H:%M").to_string();
        let matrix = ws.matrix();
        match self {
            Column::Number => inc.number.to_string(),
            Column::ShortDescription => inc.short_description.clone(),
            Column::Caller => ws.person_name(inc.caller),
            Column::Category => inc.category.label().to_string(),
            Column::Service => inc.service.and_then(|s| ws.service(s)).map_or_else(String::new, |s| s.name.clone()),
            Column::Impact => matrix.impact.describe(inc.impact),
            Column::Urgency => matrix.urgency.describe(inc.urgency),
            Column::Priority => matrix.priority.describe(inc.priority),
            Column::State => match inc.hold_reason {
                Some(reason) if inc.state == super::IncidentState::OnHold => {
                    format!("{} ({})", inc.state.label(), reason.label())
                }
                _ => inc.state.label().to_string(),
            },
            Column::AssignmentGroup => inc.assignment_group.map_or_else(String::new, |g| ws.group_name(g)),
            Column::AssignedTo => inc.assigned_to.map_or_else(String::new, |p| ws.person_name(p)),
            Column::Major => if inc.major { "Major" } else { "" }.to_string(),
            Column::Opened => time(inc.opened_at),
            Column::Updated => time(inc.updated_at),
            Column::Resolved => inc.resolved_at.map_or_else(String::new, time),
            Column::ReassignmentCount => inc.reassignment_count.to_string(),
            Column::EscalationLevel => inc.escalation_level.to_string(),
            Column::SlaStage | Column::SlaTimeLeft | Column::SlaDue => String::new(),
        }
    }

    /// The text of an SLA column for a ticket whose SLA line is `sla`
    /// (empty for other columns, and when there is no timer or, for time
    /// left and due, no live one).
    pub fn sla_text(self, sla: Option<&TicketSla>) -> String {
        let Some(sla) = sla else { return String::new() };
        match self {
            Column::SlaStage => sla.stage_text(),
            Column::SlaTimeLeft => sla.time_left_text(),
            Column::SlaDue if sla.live => sla.due.format("%Y-%m-%d %H:%M").to_string(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_workspace;
    use chrono::TimeZone;
    use std::collections::HashSet;

    #[test]
    fn every_column_is_listed_once_with_a_unique_label() {
        let labels: HashSet<_> = Column::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), Column::ALL.len());
        assert!(Column::DEFAULT.iter().all(|c| Column::ALL.contains(c)));
    }

    #[test]
    fn display_uses_the_matrix_labels_and_names() {
        let ws = demo_workspace(chrono::Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap());
        let inc = ws.incidents().find(|i| i.assigned_to.is_some()).expect("an assigned demo incident");
        assert_eq!(Column::Number.display(&ws, inc), inc.number.to_string());
        assert_eq!(Column::Priority.display(&ws, inc), ws.matrix().priority.describe(inc.priority));
        assert_eq!(Column::AssignedTo.display(&ws, inc), ws.person_name(inc.assigned_to.unwrap()));
        assert!(Column::Priority.display(&ws, inc).contains(" - "));
    }

    #[test]
    fn sla_columns_show_the_most_urgent_timer_at_the_time_asked() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        let ws = demo_workspace(now);
        let running = ws
            .incidents()
            .find(|i| i.state == crate::domain::IncidentState::InProgress && sla_summary(&ws, i.id, now).is_some_and(|s| !s.overdue()))
            .expect("a demo incident in progress and on time");
        let sla = sla_summary(&ws, running.id, now).unwrap();
        assert_eq!(Column::SlaStage.display_at(&ws, running, now), sla.stage_text());
        assert_eq!(Column::SlaTimeLeft.display_at(&ws, running, now), sla.time_left_text());
        assert_eq!(Column::SlaDue.display_at(&ws, running, now), sla.due.format("%Y-%m-%d %H:%M").to_string());
        // A year later the same timer is overdue.
        let later = now + chrono::Duration::days(365);
        assert!(Column::SlaTimeLeft.display_at(&ws, running, later).ends_with(" overdue"));
        assert_eq!(Column::SlaStage.display_at(&ws, running, later), "Breached");
        let closed = ws
            .incidents()
            .find(|i| i.state == crate::domain::IncidentState::Closed && sla_summary(&ws, i.id, now).is_some())
            .expect("a closed demo incident with timers");
        assert_eq!(Column::SlaTimeLeft.display_at(&ws, closed, now), "");
        assert_eq!(Column::SlaDue.display_at(&ws, closed, now), "");
        assert!(["Achieved", "Breached (met late)", "Cancelled"].contains(&Column::SlaStage.display_at(&ws, closed, now).as_str()));
        assert_eq!(Column::Number.sla_text(Some(&sla)), "");
    }
}
