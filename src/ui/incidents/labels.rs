//! Words and badge styles the incident pages derive from domain values.

use crate::domain::{IncidentState, PriorityMatrix};

/// The button that moves an incident from `from` to `to`, e.g. "Start work".
/// Moving a Resolved incident back to In Progress is a reopen.
pub fn transition_button(from: IncidentState, to: IncidentState) -> &'static str {
    match to {
        IncidentState::InProgress if from == IncidentState::Resolved => "Reopen",
        IncidentState::InProgress => "Start work",
        IncidentState::OnHold => "Put on hold",
        IncidentState::Resolved => "Resolve",
        IncidentState::Closed => "Close",
        IncidentState::Canceled => "Cancel incident",
        IncidentState::New => "Move back to New",
    }
}

/// A CSS class ranking a priority by severity: `sev-1` for the most severe
/// level of the matrix's priority scale, `sev-2` for the next... (`sev-0` if
/// the value is not on the scale). The same class colours every tool's scale.
pub fn severity_class(matrix: &PriorityMatrix, priority: u8) -> String {
    let mut most_severe_first = matrix.priority.by_severity();
    most_severe_first.reverse();
    let rank = most_severe_first.iter().position(|&v| v == priority).map_or(0, |p| (p + 1).min(5));
    format!("sev-{rank}")
}

/// A CSS class for a state badge, e.g. `state-in-progress`.
pub fn state_class(state: IncidentState) -> String {
    format!("state-{}", state.label().to_lowercase().replace(' ', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_to_in_progress_is_a_reopen() {
        assert_eq!(transition_button(IncidentState::Resolved, IncidentState::InProgress), "Reopen");
        assert_eq!(transition_button(IncidentState::New, IncidentState::InProgress), "Start work");
        assert_eq!(transition_button(IncidentState::OnHold, IncidentState::Canceled), "Cancel incident");
    }

    #[test]
    fn severity_follows_the_scale_direction() {
        let now = PriorityMatrix::servicenow();
        assert_eq!(severity_class(&now, 1), "sev-1");
        assert_eq!(severity_class(&now, 4), "sev-4");
        let glpi = PriorityMatrix::glpi();
        assert_eq!(severity_class(&glpi, 5), "sev-1");
        assert_eq!(severity_class(&glpi, 9), "sev-0");
    }

    #[test]
    fn state_classes_are_css_friendly() {
        assert_eq!(state_class(IncidentState::OnHold), "state-on-hold");
    }
}
