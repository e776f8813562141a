//! Planning lifecycle commands: transitions, comments and parent/child links.
//!
//! Rules enforced here, as the leading tools do:
//!
//! * Only agents move incidents through the lifecycle, except that the
//!   **caller** may accept a resolution (Resolved -> Closed) or reject it
//!   (Resolved -> In Progress, a reopen).
//! * On Hold needs a reason; Resolved needs a resolution code and notes.
//! * **Resolving a parent resolves every active descendant** with the
//!   parent's code and notes: one `StateChanged` event on each child, by the
//!   same actor at the same time.
//! * **A caller's comment on an incident On Hold / Awaiting Caller puts it
//!   back In Progress.** The `StateChanged` event is recorded with the caller
//!   as actor, right after their comment: it was their answer that resumed the
//!   work (ServiceNow's business rule also runs as the commenting user).
//! * A ticket can never become its own ancestor.

use super::apply::{Plan, not_allowed, not_blank, require_agent};
use super::command::Command;
use super::error::DomainError;
use super::event::{Change, Link};
use super::ids::TicketId;
use super::ids::Timestamp;
use super::incident::{HoldReason, IncidentState, Resolution, ResolutionCode};
use super::org::Person;
use super::workspace::Workspace;

impl Workspace {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn plan_transition(
        &self,
        id: TicketId,
        to: IncidentState,
        hold_reason: Option<HoldReason>,
        resolution_code: Option<ResolutionCode>,
        resolution_notes: String,
        actor: &Person,
        now: Timestamp,
    ) -> Result<Plan, DomainError> {
        let inc = self.existing_incident(id, now)?;
        let caller_answers_resolution = inc.caller == actor.id
            && inc.state == IncidentState::Resolved
            && matches!(to, IncidentState::Closed | IncidentState::InProgress);
        if !caller_answers_resolution {
            require_agent(actor, action_for(to))?;
        }
        if !inc.state.can_move_to(to) {
            return Err(DomainError::TransitionNotAllowed { from: inc.state, to });
        }
        let hold_reason = match to {
            IncidentState::OnHold => Some(hold_reason.ok_or(DomainError::HoldReasonRequired)?),
            _ => None,
        };
        let resolution = match to {
            IncidentState::Resolved => {
                let code = resolution_code.ok_or(DomainError::ResolutionCodeRequired)?;
                let notes = not_blank(resolution_notes, "resolution notes").map_err(|_| DomainError::ResolutionNotesRequired)?;
                Some(Resolution { code, notes })
            }
            _ => None,
        };
        let mut plan = Plan::default();
        let change = Change::StateChanged { from: inc.state, to, hold_reason, resolution: resolution.clone() };
        plan.push(id, now, actor.id, change);
        if to == IncidentState::Resolved {
            for child in self.descendants(id) {
                let child_inc = self.existing_incident(child, now)?;
                if child_inc.is_active() {
                    let change = Change::StateChanged {
                        from: child_inc.state,
                        to: IncidentState::Resolved,
                        hold_reason: None,
                        resolution: resolution.clone(),
                    };
                    plan.push(child, now, actor.id, change);
                }
            }
        }
        Ok(plan)
    }

    pub(super) fn plan_comment(&self, id: TicketId, text: String, actor: &Person, now: Timestamp) -> Result<Plan, DomainError> {
        let inc = self.open_incident(id, now)?;
        let is_caller = inc.caller == actor.id;
        if !is_caller && !actor.is_agent() {
            return Err(not_allowed(actor, "agents and the incident's caller", "comment on this incident"));
        }
        let text = not_blank(text, "comment")?;
        let mut plan = Plan::default();
        plan.push(id, now, actor.id, Change::Comment { text });
        if is_caller && inc.state == IncidentState::OnHold && inc.hold_reason == Some(HoldReason::AwaitingCaller) {
            let change = Change::StateChanged {
                from: IncidentState::OnHold,
                to: IncidentState::InProgress,
                hold_reason: None,
                resolution: None,
            };
            plan.push(id, now, actor.id, change);
        }
        Ok(plan)
    }

    pub(super) fn plan_set_parent(&self, child: TicketId, parent: TicketId, actor: &Person, now: Timestamp) -> Result<Plan, DomainError> {
        require_agent(actor, "link incidents")?;
        let child_inc = self.open_incident(child, now)?;
        let parent_inc = self.open_incident(parent, now)?;
        if child == parent {
            return Err(DomainError::SelfLink { number: child_inc.number.to_string() });
        }
        if let Some(existing) = child_inc.parent {
            let parent_number = self.record(existing).map_or_else(|| existing.to_string(), |r| r.number.to_string());
            return Err(DomainError::AlreadyHasParent { child: child_inc.number.to_string(), parent: parent_number });
        }
        if self.ancestors(parent).contains(&child) {
            return Err(DomainError::ParentCycle {
                child: child_inc.number.to_string(),
                parent: parent_inc.number.to_string(),
            });
        }
        let mut plan = Plan::default();
        plan.push(child, now, actor.id, Change::LinkAdded(Link::Parent(parent)));
        plan.push(parent, now, actor.id, Change::LinkAdded(Link::Child(child)));
        Ok(plan)
    }

    /// The incident's parent, grandparent... up to the top (stops on a repeat).
    pub fn ancestors(&self, id: TicketId) -> Vec<TicketId> {
        let mut found = Vec::new();
        let mut current = self.incident(id).and_then(|i| i.parent);
        while let Some(p) = current {
            if p == id || found.contains(&p) {
                break;
            }
            found.push(p);
            current = self.incident(p).and_then(|i| i.parent);
        }
        found
    }

    /// The incident's children, grandchildren... breadth first.
    pub fn descendants(&self, id: TicketId) -> Vec<TicketId> {
        let mut found: Vec<TicketId> = Vec::new();
        let mut next = 0;
        let mut frontier = vec![id];
        while let Some(current) = frontier.get(next).copied() {
            next += 1;
            for &c in self.incident(current).map(|i| i.children.as_slice()).unwrap_or(&[]) {
                if c != id && !found.contains(&c) {
                    found.push(c);
                    frontier.push(c);
                }
            }
        }
        found
    }

    /// The states the lifecycle lets the incident move to right now (the UI
    /// offers only these; empty for unknown ids and final states).
    pub fn offered_transitions(&self, id: TicketId) -> Vec<IncidentState> {
        self.incident(id).map(|i| i.state.allowed_transitions().to_vec()).unwrap_or_default()
    }
}

/// A transition command with only the target filled, for convenience.
pub fn transition(id: TicketId, to: IncidentState) -> Command {
    Command::Transition { id, to, hold_reason: None, resolution_code: None, resolution_notes: String::new() }
}

/// What a student is trying to do when moving an incident to `to`.
fn action_for(to: IncidentState) -> &'static str {
    match to {
        IncidentState::New | IncidentState::InProgress => "work incidents",
        IncidentState::OnHold => "put incidents on hold",
        IncidentState::Resolved => "resolve incidents",
        IncidentState::Closed => "close incidents",
        IncidentState::Canceled => "cancel incidents",
    }
}
