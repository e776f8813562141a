//! Figures a person can check by hand against the imported file.
//!
//! After an import, the first question is "did it come across right?". These
//! counts are the ones a service manager would compute in a spreadsheet from
//! the source file, so each can be checked against it:
//!
//! * incidents per final state, per priority, per assignment group;
//! * **reassignments**: how often an incident's group changed after it had
//!   one (ServiceNow's `reassignment_count`, "ticket ping-pong");
//! * **reopens**: how often a Resolved incident went back In Progress;
//! * **time to resolve**, wall clock from opening to the last resolution,
//!   mean and median (MTTR as ITIL reports it), over incidents resolved at
//!   least once and not reopened since.

use std::fmt::Write;

use crate::domain::{IncidentState, TicketId, Workspace};

/// Counts and durations over a set of incidents.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// How many incidents the report covers.
    pub incidents: usize,
    /// Incidents per current state, in lifecycle order (states with none left out).
    pub by_state: Vec<(IncidentState, usize)>,
    /// Incidents per priority value, most severe first as numbered (1 first).
    pub by_priority: Vec<(u8, usize)>,
    /// Incidents per current assignment group, most incidents first, then by
    /// name; `None` is "no group".
    pub by_group: Vec<(Option<String>, usize)>,
    /// Group changes after a first group, summed over the incidents.
    pub reassignments: u64,
    /// Incidents reassigned at least once.
    pub reassigned_incidents: usize,
    /// Reopens (Resolved back to In Progress), summed.
    pub reopens: u64,
    /// Incidents reopened at least once.
    pub reopened_incidents: usize,
    /// Incidents with a resolution time (currently Resolved or Closed after one).
    pub resolved_incidents: usize,
    /// Mean minutes from opening to resolution.
    pub mean_minutes_to_resolve: Option<f64>,
    /// Median minutes from opening to resolution (mean of the two middle
    /// values when the count is even).
    pub median_minutes_to_resolve: Option<f64>,
}

/// The report over the given incidents (e.g. those an import created).
pub fn report(ws: &Workspace, ids: &[TicketId]) -> Report {
    let incidents: Vec<_> = ids.iter().filter_map(|&id| ws.incident(id)).collect();
    let by_state = IncidentState::ALL
        .into_iter()
        .map(|s| (s, incidents.iter().filter(|i| i.state == s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut priorities: Vec<u8> = incidents.iter().map(|i| i.priority).collect();
    priorities.sort_unstable();
    priorities.dedup();
    let by_priority = priorities.iter().map(|&p| (p, incidents.iter().filter(|i| i.priority == p).count())).collect();
    let mut groups: std::collections::BTreeMap<Option<String>, usize> = std::collections::BTreeMap::new();
    for i in &incidents {
        *groups.entry(i.assignment_group.map(|g| ws.group_name(g))).or_default() += 1;
    }
    let mut by_group: Vec<(Option<String>, usize)> = groups.into_iter().collect();
    by_group.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut minutes: Vec<f64> = incidents
        .iter()
        .filter_map(|i| i.resolved_at.map(|r| (r - i.opened_at).num_seconds() as f64 / 60.0))
        .collect();
    minutes.sort_by(f64::total_cmp);
    let mean = (!minutes.is_empty()).then(|| minutes.iter().sum::<f64>() / minutes.len() as f64);
    let median = (!minutes.is_empty()).then(|| {
        let mid = minutes.len() / 2;
        if minutes.len() % 2 == 1 { minutes[mid] } else { (minutes[mid - 1] + minutes[mid]) / 2.0 }
    });
    Report {
        incidents: incidents.len(),
        by_state,
        by_priority,
        by_group,
        reassignments: incidents.iter().map(|i| u64::from(i.reassignment_count)).sum(),
        reassigned_incidents: incidents.iter().filter(|i| i.reassignment_count > 0).count(),
        reopens: incidents.iter().map(|i| u64::from(i.reopen_count)).sum(),
        reopened_incidents: incidents.iter().filter(|i| i.reopen_count > 0).count(),
        resolved_incidents: minutes.len(),
        mean_minutes_to_resolve: mean,
        median_minutes_to_resolve: median,
    }
}

impl Report {
    /// The report as plain text, one figure per line, for a person to check.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Incidents: {}", self.incidents);
        for (state, n) in &self.by_state {
            let _ = writeln!(out, "  {}: {n}", state.label());
        }
        let _ = writeln!(out, "By priority:");
        for (p, n) in &self.by_priority {
            let _ = writeln!(out, "  {p}: {n}");
        }
        let _ = writeln!(out, "By assignment group:");
        for (g, n) in &self.by_group {
            let _ = writeln!(out, "  {}: {n}", g.as_deref().unwrap_or("(no group)"));
        }
        let _ = writeln!(out, "Reassignments: {} (on {} incidents)", self.reassignments, self.reassigned_incidents);
        let _ = writeln!(out, "Reopens: {} (on {} incidents)", self.reopens, self.reopened_incidents);
        let minutes = |m: Option<f64>| m.map_or("n/a".to_string(), |m| format!("{m:.1} min ({:.2} h)", m / 60.0));
        let _ = writeln!(out, "Resolved: {}", self.resolved_incidents);
        let _ = writeln!(out, "Mean time to resolve: {}", minutes(self.mean_minutes_to_resolve));
        let _ = writeln!(out, "Median time to resolve: {}", minutes(self.median_minutes_to_resolve));
        out
    }
}
