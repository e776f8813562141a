//! The incident-list workloads that the native and the browser benchmarks
//! both time, so that their figures compare like with like. The clock is an
//! argument: `Instant` natively, `performance.now()` in the browser.

use chrono::{TimeZone, Utc};
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::query::{AssigneeFilter, Column, Query, Sort};
use servicelab::domain::{GroupId, PersonId, Timestamp, Workspace};

/// The fixed "now" of every benchmark run.
pub fn bench_now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()
}

/// The demo organisation with `extra` generated incidents on top of its 50.
pub fn workspace_with(extra: usize) -> Workspace {
    let mut ws = demo_workspace(bench_now());
    generate_incidents(&mut ws, extra, 7, bench_now()).expect("the demo has groups and callers");
    ws
}

/// Named list queries: filters, searches and sorts a service desk runs.
pub fn scenarios() -> Vec<(&'static str, Query)> {
    let sorted = |column, descending| Query { sort: Sort { column, descending }, ..Query::default() };
    vec![
        ("all, newest first", Query::default()),
        ("filter: active", Query { active: Some(true), ..Query::default() }),
        (
            "filter: group + priority 1-2",
            Query { group: Some(GroupId(2)), priorities: vec![1, 2], ..Query::default() },
        ),
        ("filter: unassigned", Query { assignee: AssigneeFilter::Unassigned, active: Some(true), ..Query::default() }),
        ("search: \"printer\"", Query { text: "printer".into(), ..Query::default() }),
        ("search: \"vp\" (2 letters)", Query { text: "vp".into(), ..Query::default() }),
        ("sort: priority", sorted(Column::Priority, false)),
        ("sort: short description", sorted(Column::ShortDescription, false)),
        ("sort: assigned to", sorted(Column::AssignedTo, true)),
        ("sort: updated", sorted(Column::Updated, true)),
    ]
}

/// Runs every scenario `runs` times and returns (name, median ms, rows).
pub fn measure(ws: &Workspace, clock: &dyn Fn() -> f64, runs: usize) -> Vec<(&'static str, f64, usize)> {
    let actor = PersonId(6);
    scenarios()
        .into_iter()
        .map(|(name, query)| {
            let mut times = Vec::with_capacity(runs);
            let mut rows = 0;
            for _ in 0..runs {
                let start = clock();
                rows = query.run(ws, actor, bench_now()).len();
                times.push(clock() - start);
            }
            times.sort_by(f64::total_cmp);
            (name, times[times.len() / 2], rows)
        })
        .collect()
}

/// The results as Markdown table rows.
pub fn table(results: &[(&'static str, f64, usize)]) -> String {
    let mut out = String::from("| workload | median ms | rows |\n| --- | ---: | ---: |\n");
    for (name, ms, rows) in results {
        out.push_str(&format!("| {name} | {ms:.2} | {rows} |\n"));
    }
    out
}
