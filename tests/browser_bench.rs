//! Browser benchmark: the same workloads as `benches/incident_list.rs`, in
//! headless Chromium, timed with `performance.now()`.
//!
//!     bash scripts/bench.sh        (or, with the tools on PATH:)
//!     cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture
#![cfg(target_arch = "wasm32")]

#[path = "../benches/scenarios.rs"]
mod scenarios;

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
