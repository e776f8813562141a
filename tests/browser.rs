//! Browser tests: the app and its storage in a real headless Chromium.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser`
//! (scripts/test.sh does), which uses wasm-bindgen-test-runner and ChromeDriver.
#![cfg(target_arch = "wasm32")]

use servicelab::storage::local::{self, Loaded};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the browser run pending work (rendering, routing) for `ms` milliseconds.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn heading() -> String {
    document().query_selector("h1").unwrap().expect("a page heading").text_content().unwrap()
}

fn nav_link(name: &str) -> HtmlElement {
    let links = document().query_selector_all("nav[aria-label='Sections'] a").unwrap();
    (0..links.length())
        .filter_map(|i| links.item(i))
        .find(|link| link.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no navigation link named {name}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_navigates_between_sections() {
    leptos::mount::mount_to_body(servicelab::ui::App);
    // Opening the workspace reads IndexedDB first.
    for _ in 0..100 {
        if document().query_selector("h1").unwrap().is_some() {
            break;
        }
        settle(50).await;
    }

    let links = document().query_selector_all("nav[aria-label='Sections'] a").unwrap();
    assert_eq!(links.length(), 12, "one navigation link per section");
    assert_eq!(heading(), "Dashboard");

    for name in ["Incidents", "Service catalogue", "Data", "Dashboard"] {
        nav_link(name).click();
        settle(50).await;
        assert_eq!(heading(), name);
        assert_eq!(nav_link(name).get_attribute("aria-current").as_deref(), Some("page"));
    }
    nav_link("Changes").click();
    settle(50).await;
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/changes");
    assert_eq!(document().title(), "Changes · ServiceLab");
}

#[wasm_bindgen_test]
fn storage_reports_a_missing_key() {
    let loaded: Loaded<Vec<u32>> = local::load("servicelab.test.missing");
    assert_eq!(loaded, Loaded::Missing);
}

#[wasm_bindgen_test]
fn storage_round_trips_a_value() {
    local::save("servicelab.test.roundtrip", &vec![1u32, 2, 3]).unwrap();
    assert_eq!(local::load("servicelab.test.roundtrip"), Loaded::Found(vec![1u32, 2, 3]));
}

#[wasm_bindgen_test]
fn undecodable_data_is_reported_and_left_as_it_was() {
    let raw = "[1, 2, 3"; // a write cut short
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item("servicelab.test.corrupt", raw).unwrap();
    match local::load::<Vec<u32>>("servicelab.test.corrupt") {
        Loaded::Undecodable { raw: kept, error } => {
            assert_eq!(kept, raw);
            assert!(error.contains("EOF"), "the error says what is wrong: {error}");
        }
        other => panic!("expected Undecodable, got {other:?}"),
    }
    assert_eq!(storage.get_item("servicelab.test.corrupt").unwrap().as_deref(), Some(raw));
}

// ---- Workspaces in IndexedDB -------------------------------------------------

mod idb_storage {
    use servicelab::domain::Workspace;
    use servicelab::domain::demo::demo_workspace;
    use servicelab::storage::catalog::Catalog;
    use servicelab::storage::idb::{self, Meta, WriteError, Writes};
    use servicelab::storage::parts;
    use servicelab::storage::workspace::{self as store, Boot, Mode, full_writes};
    use wasm_bindgen_test::*;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 9, 0, 0).unwrap()
    }

    /// A workspace id of its own for each test, so tests never meet.
    fn fresh_id(test: &str) -> String {
        format!("test-{test}-{}", js_sys::Math::random())
    }

    async fn dump(db: &web_sys::IdbDatabase, id: &str) -> String {
        idb::export_raw(db, id).await.unwrap()
    }

    fn texts(ws: &Workspace) -> Vec<String> {
        parts::ticket_texts(ws).into_iter().map(|(_, t)| t).collect()
    }

    #[wasm_bindgen_test]
    async fn a_workspace_round_trips_through_indexeddb() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("roundtrip");
        let ws = demo_workspace(now());
        let meta = idb::write(&db, &id, None, full_writes(&ws)).await.unwrap();
        assert_eq!(meta, Meta { version: 1, unexported: 0, writer: 0 });
        let stored = idb::read(&db, &id).await.unwrap().expect("stored");
        assert_eq!(stored.tickets.len(), ws.tickets().len());
        assert_eq!(parts::join(&stored.head, &stored.tickets).unwrap(), parts::joined_json(&ws));
        assert!(idb::list(&db).await.unwrap().contains(&id));
        idb::delete(&db, &id).await.unwrap();
        assert_eq!(idb::read(&db, &id).await.unwrap(), None);
    }

    #[wasm_bindgen_test]
    async fn a_large_workspace_opens_in_steps_and_equals_the_stored_one() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("steps");
        let mut ws = demo_workspace(now());
        let at = ws.clock().now;
        servicelab::domain::generate::generate_incidents(&mut ws, 4_000, 7, at).unwrap();
        idb::write(&db, &id, None, full_writes(&ws)).await.unwrap();
        let told = std::cell::RefCell::new(Vec::new());
        let opened = store::open_stored(db.clone(), id.clone(), Catalog::default(), &|done, total| told.borrow_mut().push((done, total))).await;
        match opened {
            Boot::Ready(ready) => {
                assert_eq!(ready.mode, Mode::Editable);
                assert_eq!(ready.workspace, Workspace::from_json(&ws.to_json()).unwrap());
            }
            Boot::Recovery(r) => panic!("expected the workspace, got recovery: {}", r.error),
        }
        let told = told.into_inner();
        let total = ws.tickets().len();
        assert_eq!(told.last(), Some(&(total, total)), "the last word is every ticket read");
        assert!(told.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 == total), "counts only go up: {told:?}");
        idb::delete(&db, &id).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn records_outside_the_dense_ids_are_still_read_and_refused() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("gap");
        let ws = demo_workspace(now());
        let all = texts(&ws);
        // Tickets 1, 2 and 4: ids are read in batches from 1 to the count (3), which miss ticket 4.
        let tickets = vec![(1, all[0].clone()), (2, all[1].clone()), (4, all[3].clone())];
        idb::write(&db, &id, None, Writes { head: Some(parts::head_json(&ws)), tickets, ..Writes::default() }).await.unwrap();
        let stored = idb::read(&db, &id).await.unwrap().unwrap();
        assert_eq!(stored.tickets, vec![all[0].clone(), all[1].clone(), all[3].clone()], "every record, as stored");
        let before = dump(&db, &id).await;
        assert!(matches!(store::open_stored(db.clone(), id.clone(), Catalog::default(), &|_, _| ()).await, Boot::Recovery(_)));
        assert_eq!(dump(&db, &id).await, before);
        idb::delete(&db, &id).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_stale_write_is_refused_and_changes_nothing() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("stale");
        let ws = demo_workspace(now());
        idb::write(&db, &id, None, full_writes(&ws)).await.unwrap();
        // Another tab saves version 2.
        let other = Writes { head: Some(parts::head_json(&ws)), changes: 1, ..Writes::default() };
        assert_eq!(idb::write(&db, &id, Some(1), other).await.unwrap().version, 2);
        let before = dump(&db, &id).await;
        // This tab still believes it holds version 1.
        let stale = Writes { head: Some("{\"name\":\"stale\"}".into()), tickets: vec![(1, "{}".into())], changes: 1, ..Writes::default() };
        assert_eq!(idb::write(&db, &id, Some(1), stale).await, Err(WriteError::Stale { expected: Some(1), found: Some(2) }));
        assert_eq!(dump(&db, &id).await, before, "nothing of the stale write was stored");
        // Creating a workspace that exists is refused the same way.
        assert!(matches!(idb::write(&db, &id, None, full_writes(&ws)).await, Err(WriteError::Stale { .. })));
        idb::delete(&db, &id).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_write_the_browser_refuses_is_reported_and_stores_nothing() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("quota");
        let ws = demo_workspace(now());
        idb::write(&db, &id, None, full_writes(&ws)).await.unwrap();
        let before = dump(&db, &id).await;
        js_sys::eval(
            "window.__put = IDBObjectStore.prototype.put; \
             IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
        )
        .unwrap();
        let writes = Writes { head: Some(parts::head_json(&ws)), tickets: vec![(1, texts(&ws)[0].clone())], changes: 1, ..Writes::default() };
        let result = idb::write(&db, &id, Some(1), writes).await;
        js_sys::eval("IDBObjectStore.prototype.put = window.__put;").unwrap();
        match result {
            Err(WriteError::Failed(reason)) => assert!(reason.contains("QuotaExceededError"), "{reason}"),
            other => panic!("expected a failure, got {other:?}"),
        }
        assert_eq!(dump(&db, &id).await, before);
        idb::delete(&db, &id).await.unwrap();
    }

    /// Stores `ws` as JSON text `json` (any schema), cut into parts.
    async fn store_text(db: &web_sys::IdbDatabase, id: &str, json: &str) {
        let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
        let tickets = value.as_object_mut().unwrap().remove("tickets").unwrap();
        let tickets = tickets.as_array().unwrap().iter().enumerate().map(|(i, t)| (i as u32 + 1, t.to_string())).collect();
        let writes = Writes { head: Some(value.to_string()), tickets, ..Writes::default() };
        idb::write(db, id, None, writes).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn an_older_schema_is_migrated_with_a_backup_and_equals_fresh() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("older");
        let fresh = demo_workspace(now());
        let mut v1: serde_json::Value = serde_json::from_str(&fresh.to_json()).unwrap();
        let object = v1.as_object_mut().unwrap();
        object.remove("calendars");
        object.remove("slas");
        object.insert("schema_version".into(), 1.into());
        store_text(&db, &id, &v1.to_string()).await;
        let original = idb::read(&db, &id).await.unwrap().unwrap();
        let original_text = parts::join(&original.head, &original.tickets).unwrap();
        match store::open_stored(db.clone(), id.clone(), Catalog::default(), &|_, _| ()).await {
            Boot::Ready(ready) => {
                assert_eq!(ready.mode, Mode::Editable);
                assert_eq!(ready.workspace, fresh, "migrated data equals data created fresh");
                assert!(ready.notice.unwrap().contains("upgraded"));
                assert_eq!(ready.meta.version, 2);
            }
            Boot::Recovery(r) => panic!("expected the workspace, got recovery: {}", r.error),
        }
        assert_eq!(idb::read_backup(&db, &id, "schema-1").await.unwrap().as_deref(), Some(original_text.as_str()));
        let now_stored = idb::read(&db, &id).await.unwrap().unwrap();
        assert_eq!(parts::join(&now_stored.head, &now_stored.tickets).unwrap(), parts::joined_json(&fresh));
        idb::delete(&db, &id).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_newer_schema_opens_read_only_and_is_never_written() {
        let db = idb::open().await.unwrap();
        let id = fresh_id("newer");
        let mut v9: serde_json::Value = serde_json::from_str(&demo_workspace(now()).to_json()).unwrap();
        v9["schema_version"] = 9.into();
        v9["feature_from_the_future"] = serde_json::json!({"kept": true});
        store_text(&db, &id, &v9.to_string()).await;
        let before = dump(&db, &id).await;
        match store::open_stored(db.clone(), id.clone(), Catalog::default(), &|_, _| ()).await {
            Boot::Ready(ready) => match ready.mode {
                Mode::ReadOnly { reason, found } => {
                    assert_eq!(found, 9);
                    assert!(reason.contains("newer version"), "{reason}");
                }
                other => panic!("expected read-only, got {other:?}"),
            },
            Boot::Recovery(r) => panic!("expected read-only, got recovery: {}", r.error),
        }
        assert_eq!(dump(&db, &id).await, before);
        assert!(dump(&db, &id).await.contains("feature_from_the_future"));
        idb::delete(&db, &id).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn corrupt_records_lead_to_recovery_and_stay_as_they_were() {
        let db = idb::open().await.unwrap();
        let ws = demo_workspace(now());
        let head = parts::head_json(&ws);
        // (what is damaged, the head, the tickets) -- written raw, bypassing every check.
        let truncated = texts(&ws).into_iter().enumerate().map(|(i, t)| if i == 4 { t[..t.len() / 2].to_owned() } else { t }).collect::<Vec<_>>();
        let mut wrong_types: serde_json::Value = serde_json::from_str(&head).unwrap();
        wrong_types["people"] = "everyone".into();
        let cases: Vec<(&str, String, Vec<String>)> = vec![
            ("truncated ticket", head.clone(), truncated),
            ("garbage head", "\u{1}\u{2}garbage".into(), texts(&ws)),
            ("wrong types", wrong_types.to_string(), texts(&ws)),
            ("missing ticket", head.clone(), texts(&ws)[1..].to_vec()),
        ];
        for (case, head, tickets) in cases {
            let id = fresh_id("corrupt");
            let tickets = tickets.into_iter().enumerate().map(|(i, t)| (i as u32 + 1, t)).collect();
            idb::write(&db, &id, None, Writes { head: Some(head), tickets, ..Writes::default() }).await.unwrap();
            let before = dump(&db, &id).await;
            match store::open_stored(db.clone(), id.clone(), Catalog::default(), &|_, _| ()).await {
                Boot::Recovery(r) => {
                    assert!(!r.error.is_empty(), "{case}: says what is wrong");
                    assert!(!r.raw.is_empty(), "{case}: the raw data can be downloaded");
                }
                Boot::Ready(_) => panic!("{case}: corrupt data was opened"),
            }
            assert_eq!(dump(&db, &id).await, before, "{case}: stored data untouched");
            idb::delete(&db, &id).await.unwrap();
        }
        // A record of the wrong type (a number where text belongs) is caught too.
        let id = fresh_id("wrong-record-type");
        idb::write(&db, &id, None, full_writes(&ws)).await.unwrap();
        js_sys::eval(&format!(
            "new Promise((ok) => {{ const r = indexedDB.open('servicelab'); r.onsuccess = () => {{ \
               const tx = r.result.transaction('heads', 'readwrite'); tx.objectStore('heads').put(42, '{id}'); \
               tx.oncomplete = () => {{ r.result.close(); ok(); }}; }}; }})"
        ))
        .map(|p| wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(p)))
        .unwrap()
        .await
        .unwrap();
        assert!(matches!(store::open_stored(db.clone(), id.clone(), Catalog::default(), &|_, _| ()).await, Boot::Recovery(_)));
        assert!(dump(&db, &id).await.contains("\"head\":42"));
        idb::delete(&db, &id).await.unwrap();
    }
}
