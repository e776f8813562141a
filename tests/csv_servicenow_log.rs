//! Replaying the real ServiceNow audit log (tests/fixtures/servicenow, CC BY 4.0).
//!
//! The expected figures were computed independently from the raw file with
//! Python's csv module, following the rules documented in
//! `src/storage/csv/eventlog.rs` and `replay.rs` (rows in file order,
//! times never going back, ServiceLab's transition table):
//!
//! ```text
//! python3 figures.py tests/fixtures/servicenow/servicenow-incident-event-log.csv
//! final {'Closed': 712}
//! priority [('1', 13), ('2', 29), ('3', 604), ('4', 66)]
//! top groups [('Group 70', 139), ('Group 25', 49), ('Group 24', 48), ('Group 23', 44), ('Group 30', 36)] no group 15 distinct 49
//! reassignments 713 on 326 | reopens 10 on 9 | refused transitions 0
//! resolved 712 mean 15096.4017 median 3159.5000
//! ServiceNow final reassignment_count sum 733 reopen_count sum 10
//! ```
//!
//! ServiceNow's own final `reopen_count` agrees (10). Its `reassignment_count`
//! says 733 where the log shows 713 group changes: ServiceNow counts changes
//! made between two logged saves too, which the log cannot show.
//!
//! ```text
//! ```
//!
//! `figures.py` is the script at the end of this file: save it and rerun it.

use std::time::Instant;

use chrono::{TimeZone, Utc};
use servicelab::domain::{Category, IncidentState, ResolutionCode, Timestamp};
use servicelab::storage::csv::{
    import_event_log, preview_event_log, report, workspace_for_import, Answers, Imported, QuestionKind,
};

const LOG: &str = include_str!("fixtures/servicenow/servicenow-incident-event-log.csv");

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// The answers a person would give: the anonymised categories and close
/// codes have no meaning, so every one is "Inquiry / Help" and "Solved
/// (Permanently)"; the original values stay in the subcategory and notes.
fn answers() -> Answers {
    Answers {
        other_categories: Some(Category::Inquiry),
        other_close_codes: Some(ResolutionCode::SolvedPermanently),
        ..Answers::default()
    }
}

fn import() -> Imported {
    let (base, importer) = workspace_for_import("ServiceNow log", "Importer", now());
    import_event_log(&base, LOG, &answers(), importer).unwrap_or_else(|r| panic!("{:#?}", r.problems))
}

#[test]
fn the_preview_asks_about_anonymised_categories_and_codes_and_knows_every_state() {
    let (base, importer) = workspace_for_import("ServiceNow log", "Importer", now());
    let preview = preview_event_log(&base, LOG, &Answers::default());
    assert!(preview.problems.is_empty(), "{:#?}", preview.problems);
    let count = |k: QuestionKind| preview.questions.iter().filter(|q| q.kind == k).count();
    assert_eq!(count(QuestionKind::State), 0, "every state of the file is in the mapping table");
    assert_eq!(count(QuestionKind::Category), 32, "31 anonymised categories and the empty one");
    assert!(count(QuestionKind::CloseCode) > 0);
    let q = preview.questions.iter().find(|q| q.value == "Category 55").unwrap();
    assert!(q.prompt.starts_with("Map \"Category 55\" (category, "), "{}", q.prompt);
    assert!(import_event_log(&base, LOG, &Answers::default(), importer).is_err(), "nothing is imported while questions are open");

    let ready = preview_event_log(&base, LOG, &answers());
    assert!(ready.is_ready());
    assert_eq!((ready.rows, ready.incidents.len()), (4850, 712));
    assert_eq!(ready.groups.created.len(), 58, "every group named in the file (59 values with \"?\")");
    assert_eq!(ready.cis.created, ["cmdb_ci 22", "cmdb_ci 23", "cmdb_ci 31"]);
}

#[test]
fn the_figures_match_the_ones_computed_from_the_raw_file() {
    let imported = import();
    let ids: Vec<_> = imported.incidents.iter().map(|i| i.id).collect();
    let r = report(&imported.workspace, &ids);
    assert_eq!(r.incidents, 712);
    assert_eq!(r.by_state, [(IncidentState::Closed, 712)]);
    assert_eq!(r.by_priority, [(1, 13), (2, 29), (3, 604), (4, 66)]);
    let top: Vec<(Option<&str>, usize)> = r.by_group.iter().take(5).map(|(g, n)| (g.as_deref(), *n)).collect();
    assert_eq!(top, [(Some("Group 70"), 139), (Some("Group 25"), 49), (Some("Group 24"), 48), (Some("Group 23"), 44), (Some("Group 30"), 36)]);
    assert_eq!(r.by_group.iter().find(|(g, _)| g.is_none()).map(|(_, n)| *n), Some(15));
    assert_eq!(r.by_group.len(), 49);
    assert_eq!((r.reassignments, r.reassigned_incidents), (713, 326));
    assert_eq!((r.reopens, r.reopened_incidents), (10, 9));
    assert_eq!(r.resolved_incidents, 712);
    assert!((r.mean_minutes_to_resolve.unwrap() - 15096.4017).abs() < 0.001, "{:?}", r.mean_minutes_to_resolve);
    assert_eq!(r.median_minutes_to_resolve, Some(3159.5));
    println!("{}", r.to_text());
}

#[test]
fn the_real_log_replays_without_breaking_the_lifecycle() {
    let imported = import();
    assert!(imported.departures.is_empty(), "{:#?}", imported.departures);
    // The five incidents whose update numbers repeat or go back are noted.
    let mut noted: Vec<&str> = imported
        .notes
        .iter()
        .filter(|n| n.column.as_deref() == Some("sys_mod_count"))
        .map(|n| &n.message[..10])
        .collect();
    noted.dedup();
    assert_eq!(noted, ["INC0000130", "INC0000134", "INC0000135", "INC0000137", "INC0000164"]);
    let back_in_time: Vec<usize> = imported.notes.iter().filter(|n| n.column.as_deref() == Some("sys_updated_at")).filter_map(|n| n.line).collect();
    assert_eq!(back_in_time, [360, 361], "INC0000137's second and third rows are stamped before its first");
}

#[test]
fn steps_the_lifecycle_forbids_are_reported_with_their_line() {
    // INC0000045 (file lines 1-5), then two invented updates after it was
    // closed: ServiceNow reactivates it, then hands it to another group.
    let mut text: String = LOG.split_inclusive("\r\n").take(5).collect();
    let closed = LOG.split("\r\n").nth(4).unwrap();
    let reopened = closed.replacen("Closed,FALSE", "Active,TRUE", 1).replacen(",4,TRUE,Caller", ",5,TRUE,Caller", 1);
    let moved = reopened.replacen("Group 56", "Group 12", 1).replacen(",5,TRUE,Caller", ",6,TRUE,Caller", 1);
    text.push_str(&format!("{reopened}\r\n{moved}\r\n"));
    let (base, importer) = workspace_for_import("Small", "Importer", now());
    let imported = import_event_log(&base, &text, &answers(), importer).unwrap_or_else(|r| panic!("{r:?}"));
    let found: Vec<(usize, &str)> = imported.departures.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (6, "Closed to In Progress is not recorded: An incident that is Closed cannot be reopened: Closed is final"),
            (7, "the assignment to Group 12 / nobody is not recorded: INC0001001 is Closed, which is final: it can no longer be changed"),
            (7, "Closed to In Progress is not recorded: An incident that is Closed cannot be reopened: Closed is final"),
        ]
    );
    assert_eq!(imported.workspace.incidents().next().unwrap().state, IncidentState::Closed);
}

#[test]
fn one_incident_history_reads_like_the_file() {
    // INC0000045, lines 2-5 of the file: New (opened 29-02-2016 01:16 by
    // "Opened by  8"), Resolved at 08:53 by Updated by 642, saved again
    // Resolved at 11:29, Closed on 05-03-2016 12:00 by Updated by 908.
    let imported = import();
    let entry = imported.incidents.iter().find(|i| i.source == "INC0000045").unwrap();
    let ws = &imported.workspace;
    let inc = ws.incident(entry.id).unwrap();
    let at = |d, h, m| Utc.with_ymd_and_hms(2016, if d > 20 { 2 } else { 3 }, d, h, m, 0).unwrap();
    assert_eq!(inc.opened_at, at(29, 1, 16));
    assert_eq!(ws.person_name(inc.opened_by), "Opened by 8");
    assert_eq!(ws.person_name(inc.caller), "Caller 2403");
    assert_eq!(inc.resolved_at, Some(at(29, 8, 53)));
    assert_eq!(ws.person_name(inc.resolved_by.unwrap()), "Updated by 642");
    assert_eq!(inc.closed_at, Some(at(5, 12, 0)));
    assert_eq!(inc.state, IncidentState::Closed);
    assert_eq!(ws.group_name(inc.assignment_group.unwrap()), "Group 56");
    assert_eq!((inc.impact, inc.urgency, inc.priority), (2, 2, 3));
    assert_eq!(inc.subcategory, "Category 55 / Subcategory 170");
    assert!(inc.short_description.starts_with("INC0000045 (ServiceNow)"));
    assert!(inc.description.contains("Location: Location 143"));
    let notes = &inc.resolution.as_ref().unwrap().notes;
    assert_eq!(notes, "Resolved in ServiceNow with close code \"code 5\", resolved by Resolved by 149.");
    let states: Vec<_> = ws
        .record(entry.id)
        .unwrap()
        .events
        .iter()
        .filter_map(|e| match &e.change {
            servicelab::domain::event::Change::StateChanged { to, .. } => Some((*to, e.at)),
            _ => None,
        })
        .collect();
    assert_eq!(states, [(IncidentState::Resolved, at(29, 8, 53)), (IncidentState::Closed, at(5, 12, 0))]);
}

/// Prints how long the import takes (it asserts nothing about time): run
/// `cargo test --release --test csv_servicenow_log the_whole_log -- --nocapture`.
#[test]
fn the_whole_log_imports_in_reasonable_time() {
    use servicelab::storage::csv::{eventlog::plan_event_log, replay::execute};
    let (base, importer) = workspace_for_import("ServiceNow log", "Importer", now());
    let start = Instant::now();
    let plan = plan_event_log(&base, LOG, &answers());
    let planned = start.elapsed();
    let steps = plan.steps.len();
    let imported = execute(&base, plan, importer).unwrap();
    let elapsed = start.elapsed();
    println!(
        "imported {} rows, {} incidents, {steps} steps, {} events in {elapsed:?} (planning {planned:?}, replay {:?})",
        imported.rows,
        imported.incidents.len(),
        imported.events,
        elapsed - planned
    );
    assert_eq!(imported.incidents.len(), 712);
}

// The script behind the figures above (python3, standard library only):
//
// import csv, collections, datetime, statistics, sys
// rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
// P = lambda s: datetime.datetime.strptime(s, '%d-%m-%Y %H:%M')
// inc = collections.OrderedDict()
// for i, r in enumerate(rows): inc.setdefault(r['number'], []).append((i, r))
// STATE = {'New': 'New', 'Active': 'InProgress', 'Awaiting User Info': 'OnHold', 'Awaiting Problem': 'OnHold',
//          'Resolved': 'Resolved', 'Closed': 'Closed'}
// ALLOWED = {'New': {'InProgress', 'OnHold', 'Resolved', 'Canceled'}, 'InProgress': {'OnHold', 'Resolved', 'Canceled'},
//            'OnHold': {'InProgress', 'Resolved', 'Canceled'}, 'Resolved': {'InProgress', 'Closed'}, 'Closed': set(), 'Canceled': set()}
// final = collections.Counter(); prio = collections.Counter(); groups = collections.Counter()
// reassign = reassigned = reopens = reopened = 0; minutes = []; refused = 0
// for n, rs in inc.items():
//     rs = [r for _, r in rs]  # file order
//     g = lambda r: None if r['assignment_group'] == '?' else r['assignment_group']
//     t0 = min(P(rs[0]['opened_at']), P(rs[0]['sys_updated_at']))
//     state, reason, group, p, resolved, last = 'New', None, g(rs[0]), rs[0]['priority'][0], None, t0
//     ra = ro = 0
//     for k, r in enumerate(rs):
//         t = max(last, P(r['sys_updated_at'])); last = t
//         fin = state in ('Closed', 'Canceled')
//         if k > 0 and not fin:
//             if g(r) != group:
//                 if group is not None: ra += 1
//                 group = g(r)
//             p = r['priority'][0]
//         to = STATE[r['incident_state']]
//         if to == state and (to != 'OnHold' or reason == r['incident_state']): continue
//         if state == 'OnHold' and to == 'OnHold': state, reason = 'OnHold', r['incident_state']; continue
//         if to not in ALLOWED[state]: refused += 1; continue
//         if state == 'Resolved' and to == 'InProgress': ro += 1
//         if to == 'Resolved': resolved = t
//         elif to not in ('Closed', 'Canceled'): resolved = None
//         state, reason = to, r['incident_state'] if to == 'OnHold' else None
//     final[state] += 1; prio[p] += 1; groups[group] += 1
//     reassign += ra; reassigned += ra > 0; reopens += ro; reopened += ro > 0
//     if resolved: minutes.append((resolved - t0).total_seconds() / 60)
// print('final', dict(final)); print('priority', sorted(prio.items()))
// print('top groups', groups.most_common(5), 'no group', groups[None], 'distinct', len(groups))
// print('reassignments', reassign, 'on', reassigned, '| reopens', reopens, 'on', reopened, '| refused transitions', refused)
// print('resolved', len(minutes), 'mean %.4f' % statistics.mean(minutes), 'median %.4f' % statistics.median(minutes))
// last = {n: rs[-1][1] for n, rs in inc.items()}
// print('ServiceNow final reassignment_count sum', sum(int(r['reassignment_count']) for r in last.values()),
//       'reopen_count sum', sum(int(r['reopen_count']) for r in last.values()))
