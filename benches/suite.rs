//! The benchmark suite, natively, with criterion: every workload of
//! `benches/workloads.rs` at 1,000, 10,000 and 100,000 tickets.
//!
//!     cargo bench --bench suite
//!
//! `scripts/bench.sh` runs it with the browser suite and writes the figures
//! to `bench/RESULTS.md` and `bench/results.json`. Criterion keeps each
//! median in `target/criterion/<group>/<size>/new/estimates.json`.

#[path = "workloads.rs"]
mod workloads;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};

fn suite(c: &mut Criterion) {
    for size in workloads::SIZES {
        let mut ws = workloads::workspace(size);
        let json = ws.to_json();
        let visible = workloads::visible_rows(&ws);
        let id = workloads::active_ticket(&ws);
        let samples = if size >= 100_000 { 10 } else { 20 };
        let param = BenchmarkId::from_parameter(size);
        group(c, samples, "search keystroke").bench_with_input(param.clone(), &ws, |b, ws| b.iter(|| workloads::search_keystroke(black_box(ws))));
        group(c, samples, "sort by column").bench_with_input(param.clone(), &ws, |b, ws| b.iter(|| workloads::sort_by_short_description(black_box(ws))));
        group(c, samples, "open ticket").bench_with_input(param.clone(), &ws, |b, ws| b.iter(|| workloads::open_ticket(black_box(ws), id)));
        group(c, samples, "recompute all SLA timers").bench_with_input(param.clone(), &ws, |b, ws| b.iter(|| workloads::recompute_all_timers(black_box(ws))));
        group(c, samples, "export JSON").bench_with_input(param.clone(), &ws, |b, ws| b.iter(|| workloads::export_json(black_box(ws))));
        group(c, samples, "import JSON").bench_with_input(param.clone(), &json, |b, json| b.iter(|| workloads::import_json(black_box(json))));
        let mut n = 0;
        group(c, samples, "apply change and persist").bench_function(param.clone(), |b| {
            b.iter(|| {
                n += 1;
                workloads::apply_change_and_persist(&mut ws, id, n)
            })
        });
        group(c, samples, "clock tick").bench_function(param, |b| b.iter(|| workloads::clock_tick(&mut ws, &visible, 1)));
    }
}

/// A group of one workload; bigger sizes get fewer samples so the whole
/// suite stays within minutes.
fn group<'a>(c: &'a mut Criterion, samples: usize, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(samples).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    g
}

criterion_group!(benches, suite);
criterion_main!(benches);
