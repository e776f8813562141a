//! What an import would bring in, shown before anything is replaced.

use chrono::SecondsFormat;

use super::export::Scope;
use super::read::Header;
use super::validate::Tally;
use crate::domain::incident::IncidentState;
use crate::domain::{TicketKind, Timestamp, Workspace};

/// Counts and facts about an imported file, for the "Import this?" dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// A whole workspace or a design.
    pub scope: Scope,
    /// The workspace's name.
    pub name: String,
    /// The ServiceLab version that exported it (`None` for a bare workspace file).
    pub app_version: Option<String>,
    /// When it was exported (`None` for a bare workspace file).
    pub exported_at: Option<Timestamp>,
    /// The schema version the file was written in.
    pub schema_version: u32,
    /// `Some(version)` when the file was in an older schema and was upgraded.
    pub migrated_from: Option<u32>,
    /// People in the organisation.
    pub people: usize,
    /// Assignment groups.
    pub groups: usize,
    /// Services in the catalogue.
    pub services: usize,
    /// Configuration items.
    pub cis: usize,
    /// Saved views.
    pub views: usize,
    /// SLA, OLA and underpinning-contract definitions.
    pub sla_definitions: usize,
    /// Business calendars.
    pub calendars: usize,
    /// Tickets of every kind.
    pub tickets: usize,
    /// Events in all tickets' histories.
    pub events: usize,
    /// Tickets per kind, for every kind (zero included), in [`TicketKind::ALL`] order.
    pub tickets_by_kind: Vec<(TicketKind, usize)>,
    /// Tickets per kind and current state, only the non-zero ones, in lifecycle order.
    pub tickets_by_state: Vec<(TicketKind, IncidentState, usize)>,
}

impl Preview {
    /// Builds the preview of a checked workspace.
    pub(super) fn new(ws: &Workspace, header: &Header, tally: &Tally) -> Self {
        let migrated_from = (header.schema_version < crate::domain::SCHEMA_VERSION).then_some(header.schema_version);
        let tickets_by_kind = TicketKind::ALL
            .iter()
            .map(|&kind| (kind, tally.by_kind_and_state.iter().filter(|((k, _), _)| *k == kind).map(|(_, n)| n).sum()))
            .collect();
        Preview {
            scope: header.scope,
            name: ws.name().to_string(),
            app_version: header.app_version.clone(),
            exported_at: header.exported_at,
            schema_version: header.schema_version,
            migrated_from,
            people: ws.people().len(),
            groups: ws.groups().len(),
            services: ws.services().len(),
            cis: ws.cis().len(),
            views: ws.views().len(),
            sla_definitions: ws.slas().len(),
            calendars: ws.calendars().len(),
            tickets: ws.tickets().len(),
            events: tally.events,
            tickets_by_kind,
            tickets_by_state: tally.by_kind_and_state.iter().map(|(&(kind, state), &n)| (kind, state, n)).collect(),
        }
    }

    /// The preview in two or three sentences, e.g. "Workspace "Harbourside
    /// Logistics", exported by ServiceLab 0.1.0 on 2026-03-02T09:30:00Z:
    /// 16 people, 4 groups, ... 50 tickets (50 incidents) with 412 events."
    pub fn summary(&self) -> String {
        let scope = match self.scope {
            Scope::Workspace => "Workspace",
            Scope::Design => "Design",
        };
        let source = match (&self.app_version, self.exported_at) {
            (Some(version), Some(at)) => {
                format!(", exported by ServiceLab {version} on {}", at.to_rfc3339_opts(SecondsFormat::Secs, true))
            }
            (Some(version), None) => format!(", exported by ServiceLab {version}"),
            _ => ", a stored workspace (not an export)".to_string(),
        };
        let mut text = format!(
            "{scope} \"{}\"{source}: {}, {}, {}, {}, {}, {}, {}",
            self.name,
            count(self.people, "person", "people"),
            count(self.groups, "group", "groups"),
            count(self.services, "service", "services"),
            count(self.cis, "configuration item", "configuration items"),
            count(self.sla_definitions, "SLA definition", "SLA definitions"),
            count(self.calendars, "calendar", "calendars"),
            count(self.views, "saved view", "saved views"),
        );
        if self.scope == Scope::Workspace {
            let kinds: Vec<String> = self
                .tickets_by_kind
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(kind, n)| count(*n, &kind.label().to_lowercase(), &format!("{}s", kind.label().to_lowercase())))
                .collect();
            let kinds = if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) };
            text.push_str(&format!(", {}{kinds} with {}", count(self.tickets, "ticket", "tickets"), count(self.events, "event", "events")));
        }
        text.push('.');
        if let Some(version) = self.migrated_from {
            text.push_str(&format!(
                " It was written in format version {version} and has been upgraded to version {}; the file itself is unchanged.",
                crate::domain::SCHEMA_VERSION
            ));
        }
        text
    }
}

/// "1 person", "3 people".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}
