//! The audit trail: each event told as a sentence.
//!
//! There is no separate audit log to keep in step: the events *are* the
//! history. This module only puts them into words, using the workspace's
//! current names and matrix labels ("Impact changed from 2 - Medium to 1 - High").

use super::event::{Change, Escalation, Event, Field, FieldValue, Link};
use super::ids::TicketId;
use super::workspace::Workspace;

impl Workspace {
    /// One event of a ticket as a sentence, without who and when (the UI
    /// shows those beside it).
    pub fn describe(&self, event: &Event) -> String {
        match &event.change {
            Change::Created(f) => format!(
                "Incident logged for {}: \"{}\" (impact {}, urgency {}, priority {})",
                self.person_name(f.caller),
                f.short_description,
                self.matrix.impact.describe(f.impact),
                self.matrix.urgency.describe(f.urgency),
                self.matrix.priority.describe(f.priority)
            ),
            Change::FieldChanged { field, old, new } => match (old, new) {
                (FieldValue::Text(_), FieldValue::Text(_)) if *field != Field::Subcategory => {
                    format!("{} changed to \"{}\"", field.label(), self.value(*field, new))
                }
                (FieldValue::Flag(_), FieldValue::Flag(true)) => "Declared a major incident".to_string(),
                (FieldValue::Flag(_), FieldValue::Flag(false)) => "Major incident flag removed".to_string(),
                _ => format!(
                    "{} changed from {} to {}",
                    field.label(),
                    self.value(*field, old),
                    self.value(*field, new)
                ),
            },
            Change::StateChanged { from, to, hold_reason, resolution } => {
                let mut text = format!("State changed from {} to {}", from.label(), to.label());
                if let Some(reason) = hold_reason {
                    text.push_str(&format!(" ({})", reason.label()));
                }
                if let Some(r) = resolution {
                    text.push_str(&format!(": {}, \"{}\"", r.code.label(), r.notes));
                }
                text
            }
            Change::Comment { text } => format!("Comment: {text}"),
            Change::WorkNote { text } => format!("Work note: {text}"),
            Change::Assigned { group_from, group_to, agent_from, agent_to } => {
                let mut parts = Vec::new();
                if group_from != group_to {
                    let name = |g: &Option<_>| g.map_or_else(|| "(none)".to_string(), |g| self.group_name(g));
                    parts.push(format!("Assignment group changed from {} to {}", name(group_from), name(group_to)));
                }
                if agent_from != agent_to {
                    let name = |p: &Option<_>| p.map_or_else(|| "(nobody)".to_string(), |p| self.person_name(p));
                    parts.push(format!("Assigned to changed from {} to {}", name(agent_from), name(agent_to)));
                }
                parts.join("; ")
            }
            Change::Escalated(Escalation::Functional { to_group, .. }) => {
                format!("Escalated functionally to {}", self.group_name(*to_group))
            }
            Change::Escalated(Escalation::Hierarchical { manager, level }) => {
                format!("Escalated hierarchically to {} (level {level})", self.person_name(*manager))
            }
            Change::SlaNotified { sla, percent, breached, recipients, .. } => {
                let name = self.slas.iter().find(|d| d.id == *sla).map_or_else(|| format!("SLA {sla}"), |d| d.name.clone());
                let what = if *breached { format!("{name} breached ({percent} %)") } else { format!("{name} reached {percent} %") };
                let names: Vec<String> = recipients.iter().map(|&p| self.person_name(p)).collect();
                match names.as_slice() {
                    [] => format!("{what}: nobody to notify"),
                    [one] => format!("{what}: {one} notified"),
                    [first @ .., last] => format!("{what}: {} and {last} notified", first.join(", ")),
                }
            }
            Change::LinkAdded(link) => match *link {
                Link::Parent(p) => format!("Made a child of {}", self.number_text(p)),
                Link::Child(c) => format!("{} added as a child", self.number_text(c)),
                Link::Related(r) => format!("Related to {}", self.number_text(r)),
            },
        }
    }

    fn number_text(&self, id: TicketId) -> String {
        self.record(id).map_or_else(|| id.to_string(), |r| r.number.to_string())
    }

    fn value(&self, field: Field, value: &FieldValue) -> String {
        match value {
            FieldValue::Text(t) if t.is_empty() => "(empty)".to_string(),
            FieldValue::Text(t) => t.clone(),
            FieldValue::Person(p) => self.person_name(*p),
            FieldValue::Category(c) => c.label().to_string(),
            FieldValue::Service(s) => {
                s.and_then(|s| self.service(s)).map_or_else(|| "(none)".to_string(), |s| s.name.clone())
            }
            FieldValue::Ci(c) => c.and_then(|c| self.ci(c)).map_or_else(|| "(none)".to_string(), |c| c.name.clone()),
            FieldValue::Level(v) => match field {
                Field::Impact => self.matrix.impact.describe(*v),
                Field::Urgency => self.matrix.urgency.describe(*v),
                _ => self.matrix.priority.describe(*v),
            },
            FieldValue::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }
}
