//! What-if comparisons of draft SLA configurations, counted by hand on a
//! small service desk: a shorter P2 target, a holiday, a draft priority
//! matrix, an unchanged draft, and drafts that cannot be compared.
//!
//! The desk (office hours are Monday to Friday 08:00-17:00 London, GMT in
//! January; "now" is Wednesday 14 January 2026 12:00):
//!
//! | ticket | impact/urgency | logged | then |
//! |---|---|---|---|
//! | A INC0001001 | 1/2 (P2) | Mon 09:00 | resolved Mon 10:00 (1 h) |
//! | B INC0001002 | 1/2 (P2) | Mon 09:00 | resolved Mon 12:00 (3 h) |
//! | C INC0001003 | 1/2 (P2) | Mon 09:00 | resolved Mon 16:00 (7 h) |
//! | D INC0001004 | 1/2 (P2) | Mon 09:00 | resolved Tue 12:00 (12 business hours) |
//! | E INC0001005 | 1/2 (P2) | Wed 09:00 | still in progress (3 h) |
//! | F INC0001006 | 2/2 (P3) | Mon 09:00 | resolved Mon 12:00 |
//! | G INC0001007 | 2/1 (P2) | Mon 09:00 | resolved Mon 15:00 (6 h) |
//! | H INC0001008 | 2/2 (P3) | Mon 09:00 | urgency 1 (P2) at 10:00, resolved 12:00 |
//!
//! Each is put In Progress five minutes after logging, which meets its response target.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use servicelab::domain::calendar::BusinessCalendar;
use servicelab::domain::sla::whatif::{Baseline, ChangeKind, Comparison, Compliance};
use servicelab::domain::sla::{Draft, OFFICE_HOURS, SlaId, Stage, whatif};
use servicelab::domain::{
    Category, Command, FieldEdit, GroupId, IncidentState, NewIncident, PersonId, ResolutionCode, TicketId, Timestamp, Workspace,
};
use servicelab::domain::org::Role;

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("a valid instant").with_timezone(&Utc)
}

struct Desk {
    ws: Workspace,
    agent: PersonId,
    group: GroupId,
}

impl Desk {
    fn log(&mut self, when: &str, impact: u8, urgency: u8) -> TicketId {
        let new = NewIncident {
            short_description: "Scanner offline at Dock 3".into(),
            description: String::new(),
            caller: self.agent,
            category: Category::Hardware,
            subcategory: "Scanner".into(),
            service: None,
            ci: None,
            impact,
            urgency,
            assignment_group: Some(self.group),
            assigned_to: Some(self.agent),
        };
        let id = self.run(when, Command::CreateIncident(new)).expect("a new incident");
        let five_past = (at(when) + chrono::TimeDelta::minutes(5)).to_rfc3339();
        self.run(&five_past, Command::Transition {
            id,
            to: IncidentState::InProgress,
            hold_reason: None,
            resolution_code: None,
            resolution_notes: String::new(),
        });
        id
    }

    fn resolve(&mut self, id: TicketId, when: &str) {
        self.run(when, Command::Transition {
            id,
            to: IncidentState::Resolved,
            hold_reason: None,
            resolution_code: Some(ResolutionCode::SolvedRemotely),
            resolution_notes: "Scanner restarted.".into(),
        });
    }

    fn run(&mut self, when: &str, command: Command) -> Option<TicketId> {
        self.ws.apply(command, self.agent, at(when)).unwrap_or_else(|e| panic!("{e}")).created
    }
}

fn desk() -> Desk {
    let mut ws = Workspace::new("Harbour desk", at("2026-01-12T00:00:00Z"));
    let agent = ws.add_person("Ada Moreau", "ada@harbour.example", &[Role::Agent, Role::Admin]);
    let group = ws.add_group("Service Desk", &[agent], None).expect("a group of people who exist");
    let mut d = Desk { ws, agent, group };
    let mon = "2026-01-12T09:00:00Z";
    for resolved in ["2026-01-12T10:00:00Z", "2026-01-12T12:00:00Z", "2026-01-12T16:00:00Z", "2026-01-13T12:00:00Z"] {
        let id = d.log(mon, 1, 2);
        d.resolve(id, resolved);
    }
    d.log("2026-01-14T09:00:00Z", 1, 2);
    let f = d.log(mon, 2, 2);
    d.resolve(f, "2026-01-12T12:00:00Z");
    let g = d.log(mon, 2, 1);
    d.resolve(g, "2026-01-12T15:00:00Z");
    let h = d.log(mon, 2, 2);
    d.run("2026-01-12T10:00:00Z", Command::UpdateIncident { id: h, edits: vec![FieldEdit::Urgency(1)] });
    d.resolve(h, "2026-01-12T12:00:00Z");
    d
}

fn now() -> Timestamp {
    at("2026-01-14T12:00:00Z")
}

/// (ticket number, definition id, kind) of every change, in list order.
fn listed(result: &servicelab::domain::sla::WhatIf) -> Vec<(String, u32, ChangeKind)> {
    result.changes.iter().map(|c| (c.number.to_string(), c.definition.0, c.kind)).collect()
}

fn compliance(achieved: usize, breached: usize) -> Compliance {
    Compliance { achieved, breached }
}

#[test]
fn a_p2_target_cut_from_8_to_2_hours_breaches_the_slower_tickets() {
    let d = desk();
    let mut draft = Draft::current(&d.ws);
    let p2 = draft.slas.iter_mut().find(|s| s.id == SlaId(4)).expect("the P2 resolution SLA");
    p2.target_minutes = 120;
    p2.name = "P2 resolution (2 h)".into();
    let result = whatif(&d.ws, &draft, now()).expect("a valid draft");
    use ChangeKind::{Breaches, DueMoves};
    assert_eq!(
        listed(&result),
        [
            ("INC0001002".into(), 4, Breaches),
            ("INC0001003".into(), 4, Breaches),
            ("INC0001005".into(), 4, Breaches),
            ("INC0001007".into(), 4, Breaches),
            ("INC0001008".into(), 4, Breaches),
            ("INC0001001".into(), 4, DueMoves),
            ("INC0001004".into(), 4, DueMoves),
        ]
    );
    let b = &result.changes[0];
    assert_eq!((b.before.map(|o| o.stage), b.after.map(|o| o.stage)), (Some(Stage::Achieved), Some(Stage::Breached)));
    assert_eq!(b.after.map(|o| o.due), Some(at("2026-01-12T11:00:00Z")));
    let e = &result.changes[2];
    assert_eq!((e.before.map(|o| o.stage), e.after.map(|o| o.stage)), (Some(Stage::InProgress), Some(Stage::Breached)));
    assert!(b.describe().starts_with("INC0001002, \"P2 resolution (2 h)\": would breach: Achieved (due Mon 12 Jan 2026 17:00 GMT) → Breached"));

    // By hand: P2 before, 12 achieved (7 response, 5 resolution incl. H's P3 response) and D breached.
    let expected = BTreeMap::from([
        (2, Comparison { before: compliance(12, 1), after: compliance(8, 6) }),
        (3, Comparison { before: compliance(2, 0), after: compliance(2, 0) }),
    ]);
    assert_eq!(result.by_priority, expected);
    assert_eq!(result.overall, Comparison { before: compliance(14, 1), after: compliance(10, 6) });
    assert_eq!((result.overall.before.percent(), result.overall.after.percent()), (Some(93.33), Some(62.5)));
    assert_eq!(result.by_priority[&2].after.percent(), Some(57.14));
    let p2_resolution = result.by_definition.iter().find(|d| d.definition == SlaId(4)).expect("listed");
    assert_eq!(p2_resolution.compliance, Comparison { before: compliance(5, 1), after: compliance(1, 6) });
    assert_eq!((result.tickets, result.timers_before, result.timers_after), (8, 17, 17));
    let text = result.sentences().join("\n");
    assert!(text.contains("7 timers of the 8 tickets would change: 5 would breach, 2 due time would move."), "{text}");
    assert!(text.contains("Compliance of P2: 92.31 % (12 achieved of 13 finished) → 57.14 % (8 achieved of 14 finished)."), "{text}");
}

#[test]
fn a_holiday_in_the_draft_calendar_moves_a_due_time() {
    let d = desk();
    let mut draft = Draft::current(&d.ws);
    let calendar: BusinessCalendar = serde_json::from_str(
        r#"{"tz":"Europe/London","week":{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]]},"holidays":[{"date":"2026-01-13","name":"Harbour Day"}]}"#,
    )
    .expect("a valid calendar");
    draft.calendars.insert(OFFICE_HOURS, "Office hours", calendar);
    let result = whatif(&d.ws, &draft, now()).expect("a valid draft");
    // Only F's P3 resolution (27 business hours from Monday 09:00) reaches past Tuesday.
    assert_eq!(listed(&result), [("INC0001006".into(), 6, ChangeKind::DueMoves)]);
    let f = &result.changes[0];
    assert_eq!(f.before.map(|o| o.due), Some(at("2026-01-15T09:00:00Z")));
    assert_eq!(f.after.map(|o| o.due), Some(at("2026-01-16T09:00:00Z")));
    assert!(!result.overall.changed());
}

#[test]
fn a_matrix_making_impact_2_urgency_1_critical_attaches_p1_timers_instead() {
    let d = desk();
    let mut draft = Draft::current(&d.ws);
    draft.matrix.set_cell(2, 1, Some(1)).expect("a cell of the matrix");
    let result = whatif(&d.ws, &draft, now()).expect("a valid draft");
    use ChangeKind::{Attaches, Breaches, Detaches};
    // G was logged 2/1: P1 from the start, 6 hours against P1's 4 (24x7).
    // H became 2/1 at 10:00: P1 resolution attaches from logging and is met in 3 hours.
    assert_eq!(
        listed(&result),
        [
            ("INC0001007".into(), 2, Breaches),
            ("INC0001007".into(), 1, Attaches),
            ("INC0001008".into(), 2, Attaches),
            ("INC0001007".into(), 3, Detaches),
            ("INC0001007".into(), 4, Detaches),
            ("INC0001008".into(), 4, Detaches),
        ]
    );
    let h = &result.changes[2];
    assert_eq!((h.before, h.after.map(|o| o.stage)), (None, Some(Stage::Achieved)));
    let p1 = result.by_priority[&1];
    assert_eq!(p1, Comparison { before: compliance(0, 0), after: compliance(3, 1) });
    assert_eq!(p1.describe(), "no finished timers → 75.00 % (3 achieved of 4 finished)");
    assert!(d.ws.matrix().cell(2, 1).is_ok_and(|p| p == Some(2)), "the workspace's matrix is untouched");
}

#[test]
fn an_unchanged_draft_changes_nothing() {
    let d = desk();
    let result = whatif(&d.ws, &Draft::current(&d.ws), now()).expect("a valid draft");
    assert!(result.changes.is_empty());
    assert!(!result.overall.changed() && result.by_priority.values().all(|c| !c.changed()));
    assert_eq!(result.overall.before, compliance(14, 1));
    assert_eq!(result.sentences()[0], "No timer of the 8 tickets would change.");
}

#[test]
fn invalid_drafts_are_refused_with_every_problem_named() {
    let d = desk();
    let mut draft = Draft::current(&d.ws);
    draft.slas[3].target_minutes = 0;
    draft.slas[5].calendar = servicelab::domain::sla::CalendarId(99);
    draft.matrix.set_cell(1, 2, None).expect("a cell of the matrix");
    let problems = whatif(&d.ws, &draft, now()).expect_err("an invalid draft");
    assert_eq!(
        problems,
        [
            "\"P2 resolution (8 h)\": the target must be at least 1 minute: a 0-minute target is breached the moment a ticket is logged",
            "\"P3 resolution (27 h)\": the calendar calendar#99 does not exist: pick one of the calendars, or create it first",
            "priority matrix: The priority matrix has no priority for impact 1 - High with urgency 2 - Medium; fill that cell first (5 tickets had those values: INC0001001, INC0001002, INC0001003, ...)",
        ]
    );
    assert_eq!(draft.check(&d.ws).err(), Some(problems));

    // With no finished timer at all, compliance says so instead of 0 % or NaN.
    let empty = Workspace::new("Empty desk", now());
    let result = whatif(&empty, &Draft::current(&empty), now()).expect("a valid draft");
    assert_eq!(result.overall.describe(), "no finished timers → no finished timers");
    assert_eq!(result.sentences()[1], "Compliance overall: no finished timers → no finished timers.");
}

/// Compliance of every timer `timers` gives, counted the plain way.
fn counted_plainly(ws: &Workspace, slas: &[servicelab::domain::sla::SlaDefinition], calendars: &servicelab::domain::sla::Calendars) -> Compliance {
    let mut total = Compliance::default();
    for record in ws.tickets() {
        for timer in servicelab::domain::sla::timers(record, slas, calendars, now()) {
            total.count(timer.stage);
        }
    }
    total
}

#[test]
fn the_shortcuts_give_the_same_compliance_as_replaying_every_timer() {
    let ws = servicelab::domain::demo::demo_workspace(now());
    let mut draft = Draft::current(&ws);
    for sla in &mut draft.slas {
        sla.target_minutes = sla.target_minutes * 2 / 3;
        if sla.id == SlaId(8) {
            sla.conditions.priorities.insert(3);
            sla.name = "P3 and P4 resolution".into();
        }
    }
    draft.slas.retain(|s| s.id != SlaId(6));
    let result = whatif(&ws, &draft, now()).expect("a valid draft");
    assert_eq!(result.overall.before, counted_plainly(&ws, ws.slas(), ws.calendars()));
    assert_eq!(result.overall.after, counted_plainly(&ws, &draft.slas, &draft.calendars));
    assert!(result.changes.iter().any(|c| c.kind == ChangeKind::Breaches), "shorter targets breach some timers");
    assert!(result.changes.iter().any(|c| c.definition == SlaId(6) && c.kind == ChangeKind::Detaches));
    let per_priority = result.by_priority.values().fold(Compliance::default(), |sum, c| Compliance {
        achieved: sum.achieved + c.after.achieved,
        breached: sum.breached + c.after.breached,
    });
    assert_eq!(per_priority, result.overall.after);
}

#[test]
fn a_kept_baseline_answers_draft_after_draft_and_notices_new_history() {
    let mut d = desk();
    let baseline = Baseline::new(&d.ws, now());
    let mut draft = Draft::current(&d.ws);
    draft.slas.iter_mut().filter(|s| s.id == SlaId(4)).for_each(|s| s.target_minutes = 120);
    assert_eq!(baseline.compare(&d.ws, &draft), whatif(&d.ws, &draft, now()));
    draft.matrix.set_cell(2, 1, Some(1)).expect("a cell of the matrix");
    assert_eq!(baseline.compare(&d.ws, &draft), whatif(&d.ws, &draft, now()));

    // E is resolved in time: the baseline no longer fits, and the answer follows the new history.
    d.resolve(TicketId(5), "2026-01-14T10:00:00Z");
    assert!(!baseline.fits(&d.ws));
    let fresh = whatif(&d.ws, &draft, now());
    assert_eq!(baseline.compare(&d.ws, &draft), fresh);
    let result = fresh.expect("a valid draft");
    let e: Vec<ChangeKind> = result.changes.iter().filter(|c| c.number.to_string() == "INC0001005").map(|c| c.kind).collect();
    assert_eq!(e, [ChangeKind::DueMoves], "E took 55 minutes: achieved under both targets, due earlier");
}

#[test]
fn a_holiday_draft_lists_exactly_the_timers_a_full_replay_finds_changed() {
    use servicelab::domain::calendar::{Holiday, HolidayDate};
    let ws = servicelab::domain::demo::demo_workspace(now());
    let office = ws.calendars().get(OFFICE_HOURS).expect("office hours");
    let mut draft = Draft::current(&ws);
    for (holidays, expect_changes) in [
        (vec![Holiday::named(HolidayDate::parse("2026-01-06").expect("a date"), "Epiphany")], true),
        // The demo's tickets run from December to March: no timer counts through mid-August.
        (vec![Holiday::new(HolidayDate::parse("08-17").expect("a date"))], false),
        (vec![Holiday::new(HolidayDate::parse("12-25").expect("a date")), Holiday::new(HolidayDate::parse("2026-02-17").expect("a date"))], true),
    ] {
        let calendar = BusinessCalendar::new(office.zone(), office.hours().clone(), holidays).expect("a valid calendar");
        draft.calendars.insert(OFFICE_HOURS, "Office hours", calendar);
        let result = whatif(&ws, &draft, now()).expect("a valid draft");
        let mut replayed = Vec::new();
        for record in ws.tickets() {
            let before = servicelab::domain::sla::timers(record, ws.slas(), ws.calendars(), now());
            let after = servicelab::domain::sla::timers(record, &draft.slas, &draft.calendars, now());
            for (b, a) in before.iter().zip(&after) {
                assert_eq!(b.definition, a.definition, "a calendar never attaches or detaches a timer");
                if b.stage != a.stage || (b.due != a.due && b.stage != Stage::Cancelled) {
                    replayed.push((record.number.to_string(), b.definition.0));
                }
            }
        }
        let mut listed: Vec<(String, u32)> = result.changes.iter().map(|c| (c.number.to_string(), c.definition.0)).collect();
        listed.sort();
        replayed.sort();
        assert_eq!(listed, replayed);
        assert_eq!(!listed.is_empty(), expect_changes, "{listed:?}");
        assert_eq!(result.overall.after, counted_plainly(&ws, &draft.slas, &draft.calendars));
    }
}
