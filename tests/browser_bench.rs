//! Browser benchmark: the same workloads as `benches/incident_list.rs`, in
//! headless Chromium, timed with `performance.now()`.
//!
//!     bash scripts/bench.sh        (or, with the tools on PATH:)
//!     cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture
#![cfg(target_arch = "wasm32")]

#[path = "../benches/scenarios.rs"]
mod scenarios;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn filter_search_and_sort_100k_incidents() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let clock = move || performance.now();
    let start = clock();
    let ws = scenarios::workspace_with(100_000 - 50);
    let built = clock() - start;
    assert_eq!(ws.incidents().count(), 100_000);
    let results = scenarios::measure(&ws, &clock, 5);
    // Every workload returned rows, so nothing was measured on an empty result.
    assert!(results.iter().all(|(_, _, rows)| *rows > 0), "{results:?}");
    web_sys::console::log_1(&format!("browser: built a workspace of 100000 incidents in {built:.0} ms").into());
    web_sys::console::log_1(&scenarios::table(&results).into());
}

/// Stores a workspace of 100,000 incidents in IndexedDB, saves one edit the
/// way the app does (head plus the changed ticket), and opens it again.
#[wasm_bindgen_test]
async fn store_edit_and_reopen_100k_incidents() {
    use servicelab::storage::catalog::Catalog;
    use servicelab::storage::idb::{self, Writes};
    use servicelab::storage::parts;
    use servicelab::storage::workspace::{self as store, Boot, full_writes};

    let performance = web_sys::window().unwrap().performance().unwrap();
    let clock = move || performance.now();
    let ws = scenarios::workspace_with(100_000 - 50);
    let db = idb::open().await.unwrap();
    let id = format!("bench-{}", js_sys::Math::random());

    let start = clock();
    idb::write(&db, &id, None, full_writes(&ws)).await.unwrap();
    let first_save = clock() - start;

    let start = clock();
    let edit = Writes { head: Some(parts::head_json(&ws)), tickets: vec![(77, parts::ticket_json(&ws, 77))], changes: 1, ..Writes::default() };
    idb::write(&db, &id, Some(1), edit).await.unwrap();
    let one_edit = clock() - start;

    let start = clock();
    let opened = store::open_stored(db.clone(), id.clone(), Catalog::default(), &|_, _| ()).await;
    let reopen = clock() - start;
    match opened {
        Boot::Ready(ready) => assert_eq!(ready.workspace.incidents().count(), 100_000),
        Boot::Recovery(r) => panic!("{}", r.error),
    }
    idb::delete(&db, &id).await.unwrap();
    web_sys::console::log_1(
        &format!("browser: IndexedDB, 100000 incidents: first save {first_save:.0} ms, one edit saved {one_edit:.0} ms, reopened {reopen:.0} ms").into(),
    );
}

#[path = "../benches/workloads.rs"]
mod workloads;

/// Runs `work` `runs` times and returns the median in milliseconds.
fn median_ms(clock: &dyn Fn() -> f64, runs: usize, mut work: impl FnMut() -> usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = clock();
            std::hint::black_box(work());
            clock() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Gives the page back to the browser for a moment, so that a long run never
/// blocks it for longer than one workload (the test driver gives up on a
/// page that does not answer for 30 seconds).
async fn breathe() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A plain JavaScript function, compiled by the page, for the baselines.
fn js(args: &str, body: &str) -> js_sys::Function {
    js_sys::Function::new_with_args(args, body)
}

/// One figure, as a line `scripts/bench-report.mjs` reads.
fn report(size: usize, workload: &str, ms: f64, baseline: Option<f64>) {
    let baseline = baseline.map_or_else(|| "null".to_string(), |b| format!("{b:.3}"));
    let line = format!(
        "BENCH {{\"env\":\"browser\",\"size\":{size},\"workload\":\"{workload}\",\"median_ms\":{ms:.3},\"baseline_ms\":{baseline}}}"
    );
    web_sys::console::log_1(&line.into());
}

/// Issue 4's SLA workload, the very one `cargo bench --bench sla_replay`
/// times natively (`workloads::replay_all` on 100,050 tickets with two
/// definitions each): the browser/native ratio compares like with like.
#[wasm_bindgen_test]
async fn sla_replay_100k_as_natively() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let clock = move || performance.now();
    let start = clock();
    let replay = workloads::sla_replay_setup();
    web_sys::console::log_1(&format!("generated {} tickets in {:.1} s", replay.ws.tickets().len(), (clock() - start) / 1000.0).into());
    breathe().await;
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..5 {
        let started = clock();
        count = workloads::replay_all(&replay);
        times.push(clock() - started);
        breathe().await;
    }
    times.sort_by(f64::total_cmp);
    web_sys::console::log_1(
        &format!(
            "sla replay (browser): {count} timers for {} tickets, median {:.1} ms of 5 runs (min {:.1}, max {:.1})",
            replay.ws.tickets().len(),
            times[2],
            times[0],
            times[4]
        )
        .into(),
    );
    report(replay.ws.tickets().len(), "SLA replay, two definitions (as sla_replay)", times[2], None);
}

/// The suite of `benches/workloads.rs` at every size, each figure beside
/// plain JavaScript doing the same work on the same data in the same page:
/// `Array.filter` with a lower-case `includes` for search, `Array.sort` for
/// sorting, `JSON.parse` / `JSON.stringify` for import and export.
#[wasm_bindgen_test]
async fn suite_with_javascript_baselines() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let clock = move || performance.now();
    let search_js = js(
        "rows, q",
        "return rows.filter(r => (r.number + '\\n' + r.short + '\\n' + r.description).toLowerCase().includes(q)).length;",
    );
    let sort_js = js(
        "rows",
        "return rows.slice().sort((a, b) => { const x = a.short.toLowerCase(), y = b.short.toLowerCase(); \
         return x < y ? -1 : x > y ? 1 : 0; }).length;",
    );
    let parse_js = js("text", "return JSON.parse(text);");
    let stringify_js = js("value", "return JSON.stringify(value).length;");
    let call = |f: &js_sys::Function, a: &wasm_bindgen::JsValue, b: &wasm_bindgen::JsValue| {
        f.call2(&wasm_bindgen::JsValue::NULL, a, b).expect("the baseline runs")
    };
    for size in workloads::SIZES {
        let runs = if size >= 100_000 { 3 } else { 7 };
        let start = clock();
        let mut ws = workloads::workspace(size);
        report(size, "generate workspace", clock() - start, None);
        breathe().await;
        let json = ws.to_json();
        let json_js = wasm_bindgen::JsValue::from_str(&json);
        let rows = call(&parse_js, &wasm_bindgen::JsValue::from_str(&workloads::plain_rows_json(&ws)), &wasm_bindgen::JsValue::NULL);
        let parsed = call(&parse_js, &json_js, &wasm_bindgen::JsValue::NULL);
        let keystroke = wasm_bindgen::JsValue::from_str(workloads::KEYSTROKE);
        let js_ms = |f: &js_sys::Function, a: &wasm_bindgen::JsValue, b: &wasm_bindgen::JsValue| {
            median_ms(&clock, runs, || {
                call(f, a, b);
                0
            })
        };

        let ours = median_ms(&clock, runs, || workloads::search_keystroke(&ws));
        let found_js = call(&search_js, &rows, &keystroke).as_f64().unwrap() as usize;
        assert_eq!(workloads::search_keystroke(&ws), found_js, "both searches find the same tickets");
        report(size, "search keystroke", ours, Some(js_ms(&search_js, &rows, &keystroke)));
        breathe().await;

        let ours = median_ms(&clock, runs, || workloads::sort_by_short_description(&ws));
        report(size, "sort by column", ours, Some(js_ms(&sort_js, &rows, &wasm_bindgen::JsValue::NULL)));
        breathe().await;

        let id = workloads::active_ticket(&ws);
        report(size, "open ticket", median_ms(&clock, runs, || workloads::open_ticket(&ws, id)), None);
        breathe().await;
        report(size, "recompute all SLA timers", median_ms(&clock, runs, || workloads::recompute_all_timers(&ws)), None);
        breathe().await;
        report(size, "export JSON", median_ms(&clock, runs, || workloads::export_json(&ws)), Some(js_ms(&stringify_js, &parsed, &wasm_bindgen::JsValue::NULL)));
        breathe().await;
        report(size, "import JSON", median_ms(&clock, runs, || workloads::import_json(&json)), Some(js_ms(&parse_js, &json_js, &wasm_bindgen::JsValue::NULL)));
        breathe().await;

        let mut n = 0;
        let ours = median_ms(&clock, runs, || {
            n += 1;
            workloads::apply_change_and_persist(&mut ws, id, n)
        });
        report(size, "apply change and persist", ours, None);
        breathe().await;
        let visible = workloads::visible_rows(&ws);
        report(size, "clock tick", median_ms(&clock, runs, || workloads::clock_tick(&mut ws, &visible, 1)), None);
        breathe().await;

        if size == 100_000 {
            let wasm_bytes = wasm_bindgen::memory()
                .dyn_into::<js_sys::WebAssembly::Memory>()
                .map(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().map_or(0.0, |b| f64::from(b.byte_length())))
                .unwrap_or(0.0);
            let heap = js_sys::Reflect::get(&web_sys::window().unwrap().performance().unwrap(), &"memory".into())
                .and_then(|m| js_sys::Reflect::get(&m, &"usedJSHeapSize".into()))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            let line = format!(
                "BENCH {{\"env\":\"browser\",\"size\":{size},\"workload\":\"memory\",\"wasm_mb\":{:.1},\"js_heap_mb\":{:.1}}}",
                wasm_bytes / 1_048_576.0,
                heap / 1_048_576.0
            );
            web_sys::console::log_1(&line.into());
        }
    }
}
