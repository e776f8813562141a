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
    settle(50).await;

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
