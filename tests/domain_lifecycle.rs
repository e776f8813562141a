//! The incident lifecycle through `Workspace::apply`: every transition allowed
//! and refused, resolution rules, the caller's comment, auto-close,
//! parent/child resolution, role refusals and untouched-on-error.

use chrono::{Duration, TimeZone, Utc};
use servicelab::domain::lifecycle::transition;
use servicelab::domain::org::Role;
use servicelab::domain::*;

struct Fx {
    ws: Workspace,
    ana: PersonId,
    tom: PersonId,
    sofia: PersonId,
    jonas: PersonId,
    desk: GroupId,
    t0: Timestamp,
}

fn fx() -> Fx {
    let t0 = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
    let mut ws = Workspace::new("Test", t0);
    let ana = ws.add_person("Ana Silva", "ana@x", &[Role::Requester]);
    let tom = ws.add_person("Tom Becker", "tom@x", &[Role::Requester]);
    let sofia = ws.add_person("Sofia Rossi", "sofia@x", &[Role::Agent]);
    let jonas = ws.add_person("Jonas Weber", "jonas@x", &[Role::Agent]);
    let desk = ws.add_group("Service Desk", &[sofia], None).unwrap();
    ws.add_group("Network", &[jonas], None).unwrap();
    Fx { ws, ana, tom, sofia, jonas, desk, t0 }
}

impl Fx {
    fn at(&self, minutes: i64) -> Timestamp {
        self.t0 + Duration::minutes(minutes)
    }
    fn create(&mut self, minute: i64) -> TicketId {
        let new = NewIncident {
            short_description: "Printer jammed".into(),
            description: "Paper stuck in tray 2".into(),
            caller: self.ana,
            category: Category::Hardware,
            subcategory: "Printer".into(),
            service: None,
            ci: None,
            impact: 2,
            urgency: 2,
            assignment_group: Some(self.desk),
            assigned_to: Some(self.sofia),
        };
        self.ws.apply(Command::CreateIncident(new), self.sofia, self.at(minute)).unwrap().created.unwrap()
    }
    fn state(&self, id: TicketId) -> IncidentState {
        self.ws.incident(id).unwrap().state
    }
    /// The command moving `id` to `to` with valid details.
    fn go(&self, id: TicketId, to: IncidentState) -> Command {
        Command::Transition {
            id,
            to,
            hold_reason: (to == IncidentState::OnHold).then_some(HoldReason::AwaitingVendor),
            resolution_code: (to == IncidentState::Resolved).then_some(ResolutionCode::SolvedPermanently),
            resolution_notes: if to == IncidentState::Resolved { "Replaced the roller".into() } else { String::new() },
        }
    }
    fn drive(&mut self, id: TicketId, path: &[IncidentState], minute: i64) {
        for &to in path {
            let cmd = self.go(id, to);
            self.ws.apply(cmd, self.sofia, self.at(minute)).unwrap();
        }
    }
}

/// A path from New to each state.
fn path_to(state: IncidentState) -> Vec<IncidentState> {
    use IncidentState::*;
    match state {
        New => vec![],
        InProgress => vec![InProgress],
        OnHold => vec![OnHold],
        Resolved => vec![Resolved],
        Closed => vec![Resolved, Closed],
        Canceled => vec![Canceled],
    }
}

#[test]
fn allowed_transitions_are_servicenows() {
    use IncidentState::*;
    assert_eq!(New.allowed_transitions(), &[InProgress, OnHold, Resolved, Canceled]);
    assert_eq!(InProgress.allowed_transitions(), &[OnHold, Resolved, Canceled]);
    assert_eq!(OnHold.allowed_transitions(), &[InProgress, Resolved, Canceled]);
    assert_eq!(Resolved.allowed_transitions(), &[InProgress, Closed]);
    assert!(Closed.allowed_transitions().is_empty());
    assert!(Canceled.allowed_transitions().is_empty());
}

#[test]
fn every_transition_is_allowed_or_refused_as_the_lifecycle_says() {
    let mut checked = 0;
    for from in IncidentState::ALL {
        let mut f = fx();
        let id = f.create(0);
        f.drive(id, &path_to(from), 1);
        assert_eq!(f.state(id), from);
        assert_eq!(f.ws.offered_transitions(id), from.allowed_transitions());
        for to in IncidentState::ALL {
            let mut ws = f.ws.clone();
            let result = ws.apply(f.go(id, to), f.sofia, f.at(2));
            if from.can_move_to(to) {
                result.unwrap_or_else(|e| panic!("{from:?} -> {to:?} refused: {e}"));
                assert_eq!(ws.incident(id).unwrap().state, to);
            } else {
                assert_eq!(result.unwrap_err(), DomainError::TransitionNotAllowed { from, to }, "{from:?} -> {to:?}");
                assert_eq!(ws, f.ws, "a refused transition changes nothing");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 36);
}

#[test]
fn refusals_explain_the_rule() {
    use IncidentState::*;
    assert_eq!(
        DomainError::TransitionNotAllowed { from: Closed, to: InProgress }.to_string(),
        "An incident that is Closed cannot be reopened: Closed is final"
    );
    assert_eq!(
        InProgress.refusal(Closed),
        "An incident that is In Progress cannot be closed: it must be Resolved first (from In Progress it can go to On Hold, Resolved, Canceled)"
    );
    assert_eq!(Resolved.refusal(OnHold), "An incident that is Resolved cannot be put on hold: reopen it (In Progress) first (from Resolved it can go to In Progress, Closed)");
    assert_eq!(New.refusal(New), "The incident is already New");
    assert!(OnHold.refusal(New).contains("an incident never returns to New"));
}

#[test]
fn resolving_needs_a_code_and_notes_and_hold_needs_a_reason() {
    let mut f = fx();
    let id = f.create(0);
    let before = f.ws.clone();
    let resolve = |code, notes: &str| Command::Transition {
        id,
        to: IncidentState::Resolved,
        hold_reason: None,
        resolution_code: code,
        resolution_notes: notes.to_string(),
    };
    let no_code = f.ws.apply(resolve(None, "done"), f.sofia, f.at(1)).unwrap_err();
    assert_eq!(no_code, DomainError::ResolutionCodeRequired);
    let blank = f.ws.apply(resolve(Some(ResolutionCode::Duplicate), "   "), f.sofia, f.at(1)).unwrap_err();
    assert_eq!(blank, DomainError::ResolutionNotesRequired);
    let hold = f.ws.apply(transition(id, IncidentState::OnHold), f.sofia, f.at(1)).unwrap_err();
    assert_eq!(hold, DomainError::HoldReasonRequired);
    assert_eq!(f.ws, before);
    f.ws.apply(resolve(Some(ResolutionCode::Duplicate), " Same as INC0001000 "), f.sofia, f.at(1)).unwrap();
    let inc = f.ws.incident(id).unwrap();
    let r = inc.resolution.as_ref().unwrap();
    assert_eq!((r.code, r.notes.as_str()), (ResolutionCode::Duplicate, "Same as INC0001000"));
    assert_eq!((inc.resolved_at, inc.resolved_by), (Some(f.at(1)), Some(f.sofia)));
}

#[test]
fn a_requester_cannot_resolve_or_work_incidents() {
    let mut f = fx();
    let id = f.create(0);
    let before = f.ws.to_json();
    let err = f.ws.apply(f.go(id, IncidentState::Resolved), f.ana, f.at(1)).unwrap_err();
    assert_eq!(err.to_string(), "Only agents can resolve incidents; Ana Silva is a requester");
    let err = f.ws.apply(Command::AddWorkNote { id, text: "x".into() }, f.ana, f.at(1)).unwrap_err();
    assert_eq!(err.to_string(), "Only agents can add work notes; Ana Silva is a requester");
    let err = f.ws.apply(Command::AddComment { id, text: "me too".into() }, f.tom, f.at(1)).unwrap_err();
    assert_eq!(err.to_string(), "Only agents and the incident's caller can comment on this incident; Tom Becker is a requester");
    let err = f.ws.apply(Command::SetMajor { id, major: true }, f.sofia, f.at(1)).unwrap_err();
    assert_eq!(err.to_string(), "Only group managers and admins can declare major incidents; Sofia Rossi is an agent");
    assert_eq!(f.ws.to_json(), before);
}

#[test]
fn the_caller_may_accept_or_reject_a_resolution() {
    let mut f = fx();
    let a = f.create(0);
    let b = f.create(0);
    f.drive(a, &[IncidentState::Resolved], 1);
    f.drive(b, &[IncidentState::Resolved], 1);
    f.ws.apply(transition(a, IncidentState::Closed), f.ana, f.at(2)).unwrap();
    f.ws.apply(transition(b, IncidentState::InProgress), f.ana, f.at(2)).unwrap();
    assert_eq!(f.state(a), IncidentState::Closed);
    let reopened = f.ws.incident(b).unwrap();
    assert_eq!((reopened.state, reopened.reopen_count, reopened.resolution.clone()), (IncidentState::InProgress, 1, None));
    // Another requester may not.
    let c = f.create(3);
    f.drive(c, &[IncidentState::Resolved], 3);
    assert!(f.ws.apply(transition(c, IncidentState::Closed), f.tom, f.at(4)).is_err());
}

#[test]
fn the_callers_comment_takes_an_incident_off_hold_awaiting_caller() {
    let mut f = fx();
    let waiting = f.create(0);
    let vendor = f.create(0);
    let hold = |id, reason| Command::Transition { id, to: IncidentState::OnHold, hold_reason: Some(reason), resolution_code: None, resolution_notes: String::new() };
    f.ws.apply(hold(waiting, HoldReason::AwaitingCaller), f.sofia, f.at(1)).unwrap();
    f.ws.apply(hold(vendor, HoldReason::AwaitingVendor), f.sofia, f.at(1)).unwrap();
    // An agent's comment does not resume it.
    f.ws.apply(Command::AddComment { id: waiting, text: "Any news?".into() }, f.sofia, f.at(2)).unwrap();
    assert_eq!(f.state(waiting), IncidentState::OnHold);
    let applied = f.ws.apply(Command::AddComment { id: waiting, text: "Here it is".into() }, f.ana, f.at(3)).unwrap();
    assert_eq!(applied.changed, vec![waiting]);
    assert_eq!(f.state(waiting), IncidentState::InProgress);
    assert_eq!(f.ws.incident(waiting).unwrap().hold_reason, None);
    let last = f.ws.record(waiting).unwrap().events.last().unwrap().clone();
    assert_eq!(last.actor, f.ana, "the caller's answer resumed the work");
    assert_eq!(f.ws.describe(&last), "State changed from On Hold to In Progress");
    // Awaiting vendor: the caller's comment changes nothing but the comment count.
    f.ws.apply(Command::AddComment { id: vendor, text: "Still waiting?".into() }, f.ana, f.at(3)).unwrap();
    assert_eq!(f.state(vendor), IncidentState::OnHold);
    assert_eq!(f.ws.incident(vendor).unwrap().comment_count, 1);
}

#[test]
fn resolved_incidents_close_automatically_after_exactly_n_days() {
    let mut f = fx();
    let id = f.create(0);
    f.drive(id, &[IncidentState::InProgress, IncidentState::Resolved], 10);
    let due = f.at(10) + Duration::days(7);
    assert!(f.ws.advance_clock(due - Duration::seconds(1)).is_empty());
    assert_eq!(f.state(id), IncidentState::Resolved);
    // A command later than the deadline is refused until time has passed.
    let late = f.ws.apply(Command::AddWorkNote { id, text: "x".into() }, f.sofia, due + Duration::hours(1)).unwrap_err();
    assert_eq!(late, DomainError::AutoClosePending { count: 1 });
    assert_eq!(f.ws.advance_clock(due + Duration::hours(5)), vec![id]);
    let record = f.ws.record(id).unwrap();
    let closing = record.events.last().unwrap();
    assert_eq!((closing.at, closing.actor), (due, PersonId::SYSTEM));
    let inc = f.ws.incident(id).unwrap();
    assert_eq!((inc.state, inc.closed_at), (IncidentState::Closed, Some(due)));
    assert!(inc.resolution.is_some(), "closing keeps the resolution");
    assert_eq!(f.ws.clock().now, due + Duration::hours(5));
    assert!(f.ws.advance_clock(due + Duration::days(30)).is_empty());
}

#[test]
fn auto_close_follows_the_setting_and_skips_reopened_incidents() {
    let mut f = fx();
    let admin = f.ws.add_person("Ingrid Larsen", "i@x", &[Role::Admin]);
    f.ws.apply(Command::UpdateSettings(Settings { auto_close_days: 2 }), admin, f.at(0)).unwrap();
    let a = f.create(0);
    let b = f.create(0);
    f.drive(a, &[IncidentState::Resolved], 1);
    f.drive(b, &[IncidentState::Resolved], 1);
    f.ws.apply(transition(b, IncidentState::InProgress), f.sofia, f.at(60)).unwrap();
    assert_eq!(f.ws.advance_clock(f.at(1) + Duration::days(2)), vec![a]);
    assert_eq!(f.state(b), IncidentState::InProgress);
    let bad = f.ws.apply(Command::UpdateSettings(Settings { auto_close_days: 0 }), admin, f.at(3000)).unwrap_err();
    assert!(bad.to_string().contains("between 1 and 365"));
    let not_admin = f.ws.apply(Command::UpdateSettings(Settings::default()), f.sofia, f.at(3000)).unwrap_err();
    assert_eq!(not_admin.to_string(), "Only admins can change the settings; Sofia Rossi is an agent");
}

#[test]
fn resolving_a_parent_resolves_its_active_descendants() {
    let mut f = fx();
    let parent = f.create(0);
    let child = f.create(1);
    let grandchild = f.create(1);
    let canceled = f.create(1);
    for (c, p) in [(child, parent), (grandchild, child), (canceled, parent)] {
        f.ws.apply(Command::SetParent { child: c, parent: p }, f.sofia, f.at(2)).unwrap();
    }
    f.drive(canceled, &[IncidentState::Canceled], 3);
    f.drive(child, &[IncidentState::OnHold], 3);
    let applied = f.ws.apply(f.go(parent, IncidentState::Resolved), f.sofia, f.at(4)).unwrap();
    assert_eq!(applied.changed, vec![parent, child, grandchild]);
    for id in [child, grandchild] {
        let inc = f.ws.incident(id).unwrap();
        assert_eq!(inc.state, IncidentState::Resolved);
        assert_eq!(inc.resolution, f.ws.incident(parent).unwrap().resolution);
        assert_eq!(inc.resolved_at, Some(f.at(4)));
    }
    assert_eq!(f.state(canceled), IncidentState::Canceled);
    assert_eq!(f.ws.incident(parent).unwrap().children, vec![child, canceled]);
    assert_eq!(f.ws.descendants(parent), vec![child, canceled, grandchild]);
    assert_eq!(f.ws.ancestors(grandchild), vec![child, parent]);
}

#[test]
fn a_ticket_cannot_be_its_own_ancestor() {
    let mut f = fx();
    let a = f.create(0);
    let b = f.create(0);
    let c = f.create(0);
    f.ws.apply(Command::SetParent { child: b, parent: a }, f.sofia, f.at(1)).unwrap();
    f.ws.apply(Command::SetParent { child: c, parent: b }, f.sofia, f.at(1)).unwrap();
    let before = f.ws.clone();
    let cycle = f.ws.apply(Command::SetParent { child: a, parent: c }, f.sofia, f.at(2)).unwrap_err();
    assert_eq!(cycle.to_string(), "INC0001003 cannot become the parent of INC0001001: INC0001003 is already below INC0001001, and a ticket cannot be its own ancestor");
    let own = f.ws.apply(Command::SetParent { child: a, parent: a }, f.sofia, f.at(2)).unwrap_err();
    assert_eq!(own.to_string(), "INC0001001 cannot be linked to itself");
    let twice = f.ws.apply(Command::SetParent { child: c, parent: a }, f.sofia, f.at(2)).unwrap_err();
    assert_eq!(twice.to_string(), "INC0001003 already has a parent (INC0001002)");
    assert_eq!(f.ws, before);
}

#[test]
fn assignment_rules_and_the_reassignment_count() {
    let mut f = fx();
    let id = f.create(0);
    let net = f.ws.groups()[1].id;
    let before = f.ws.clone();
    let not_member = f.ws.apply(Command::Assign { id, group: Some(net), agent: Some(f.sofia) }, f.sofia, f.at(1)).unwrap_err();
    assert_eq!(not_member.to_string(), "Sofia Rossi cannot be assigned: they are not a member of Network");
    let requester = f.ws.apply(Command::Assign { id, group: Some(f.desk), agent: Some(f.ana) }, f.sofia, f.at(1)).unwrap_err();
    assert_eq!(requester.to_string(), "Ana Silva cannot be assigned incidents: they are not an agent");
    let no_group = f.ws.apply(Command::Assign { id, group: None, agent: Some(f.jonas) }, f.sofia, f.at(1)).unwrap_err();
    assert_eq!(no_group.to_string(), "Choose an assignment group before assigning Jonas Weber");
    let by_requester = f.ws.apply(Command::Assign { id, group: Some(net), agent: None }, f.ana, f.at(1)).unwrap_err();
    assert_eq!(by_requester.to_string(), "Only agents can assign incidents; Ana Silva is a requester");
    assert_eq!(f.ws, before);
    // The first assignment (at creation) does not count; group changes after it do.
    f.ws.apply(Command::Assign { id, group: Some(f.desk), agent: None }, f.sofia, f.at(1)).unwrap();
    assert_eq!(f.ws.incident(id).unwrap().reassignment_count, 0, "changing only the agent is not a reassignment");
    f.ws.apply(Command::Assign { id, group: Some(net), agent: Some(f.jonas) }, f.sofia, f.at(2)).unwrap();
    f.ws.apply(Command::Assign { id, group: Some(f.desk), agent: None }, f.jonas, f.at(3)).unwrap();
    let inc = f.ws.incident(id).unwrap();
    assert_eq!((inc.reassignment_count, inc.assignment_group, inc.assigned_to), (2, Some(f.desk), None));
    // Assigning the same pair again records nothing.
    let same = f.ws.apply(Command::Assign { id, group: Some(f.desk), agent: None }, f.sofia, f.at(4)).unwrap();
    assert!(same.changed.is_empty());
}

#[test]
fn nothing_changes_when_a_command_is_refused() {
    let mut f = fx();
    let id = f.create(0);
    f.drive(id, &[IncidentState::Resolved, IncidentState::Closed], 5);
    let open = f.create(6);
    let before = f.ws.to_json();
    let refused = [
        (Command::AddComment { id, text: "hello".into() }, f.sofia, f.at(7)),
        (Command::UpdateIncident { id: open, edits: vec![FieldEdit::ShortDescription("ok".into()), FieldEdit::Impact(9)] }, f.sofia, f.at(7)),
        (Command::UpdateIncident { id: open, edits: vec![FieldEdit::ShortDescription("  ".into())] }, f.sofia, f.at(7)),
        (Command::AddWorkNote { id: open, text: "too early".into() }, f.sofia, f.at(1)),
        (Command::AddWorkNote { id: TicketId(99), text: "x".into() }, f.sofia, f.at(7)),
        (Command::AddWorkNote { id: open, text: "x".into() }, PersonId(77), f.at(7)),
        (Command::Escalate { id: open, escalation: EscalationRequest::Hierarchical }, f.sofia, f.at(7)),
        (Command::Escalate { id: open, escalation: EscalationRequest::Functional { to_group: f.desk } }, f.sofia, f.at(7)),
        (Command::DeleteView { name: "nope".into() }, f.sofia, f.at(7)),
    ];
    let messages: Vec<String> = refused
        .into_iter()
        .map(|(cmd, actor, now)| f.ws.apply(cmd, actor, now).unwrap_err().to_string())
        .collect();
    assert_eq!(f.ws.to_json(), before);
    assert_eq!(messages[0], "INC0001001 is Closed, which is final: it can no longer be changed");
    assert_eq!(messages[1], "9 is not on the impact scale of the \"ServiceNow default\" priority matrix");
    assert_eq!(messages[2], "The short description cannot be blank");
    assert!(messages[3].starts_with("INC0001002 last changed at 2025-03-03 09:06:00 UTC; nothing can happen to it at the earlier time"), "{}", messages[3]);
    assert_eq!(messages[4], "There is no ticket with id ticket#99");
    assert_eq!(messages[5], "There is no person with id person#77");
    assert_eq!(messages[6], "INC0001002 cannot be escalated to a manager: Service Desk has no manager");
    assert_eq!(messages[7], "INC0001002 is already with Service Desk");
    assert_eq!(messages[8], "There is no saved view named \"nope\"");
}
