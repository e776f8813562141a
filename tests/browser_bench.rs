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
    let opened = store::open_stored(db.clone(), id.clone(), Catalog::default()).await;
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
