//! Offline use of a release build, and the notice that a new release is ready.
//!
//! A release build's `index.html` names its service worker in
//! `<meta name="servicelab-service-worker" content="/sw.js">` (written by
//! `scripts/post-build.mjs`). [`UpdateNotice`] registers that worker, which
//! keeps the release's files so that the app opens without a network after
//! the first visit. When a new release is served, the browser installs its
//! worker next to the running one and holds it waiting: the notice then says
//! "A new version of ServiceLab is ready", and Reload lets the new worker take
//! over and reloads the page on the new release. Nothing reloads by itself, so
//! no one loses what they are typing.
//!
//! Development builds carry no such element and a page opened from disk (the
//! single-file build) cannot have a service worker: for them this does nothing.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Where the build says its service worker is.
const WORKER_META: &str = "meta[name='servicelab-service-worker']";
/// The message that tells a waiting worker to take over (see `web/service-worker.js`).
const SKIP_WAITING: &str = "skip-waiting";

/// Registers the release's service worker and says when a new release waits.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(false);
    let registration = StoredValue::new_local(None::<ServiceWorkerRegistration>);
    register(ready, registration);
    let reload = move |_| registration.with_value(|r| take_update(r.as_ref()));
    // The live region is always in the page, so that screen readers announce
    // the message when it appears.
    view! {
        <div class="update-notice" class:shown=move || ready.get() role="status">
            <Show when=move || ready.get()>
                <p>"A new version of ServiceLab is ready."</p>
                <button type="button" class="button" on:click=reload>"Reload"</button>
            </Show>
        </div>
    }
}

/// The service worker URL of a release build, if this page has one.
fn worker_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    document.query_selector(WORKER_META).ok()??.get_attribute("content")
}

/// The browser's service worker container; absent on insecure origins, on
/// `file://` and in some private modes.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?.dyn_into().ok()
}

/// Whether a worker controls this page: then a newly installed worker is an
/// update (on the very first visit nothing controls the page yet).
fn controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

fn register(ready: RwSignal<bool>, registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>) {
    let (Some(url), Some(container)) = (worker_url(), container()) else {
        return;
    };
    let registered = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
        let Ok(reg) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_updates(&reg, ready);
        registration.set_value(Some(reg));
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(|error: JsValue| {
        web_sys::console::warn_2(&"ServiceLab will not work offline: its service worker could not be registered.".into(), &error);
    });
    let _ = container.register(&url).then2(&registered, &failed);
    // Each runs once, for the life of the page.
    registered.forget();
    failed.forget();
}

/// Sets `ready` when a new release's worker is installed and waiting: found
/// on an earlier visit, installing as this page registers, or found later.
fn watch_for_updates(reg: &ServiceWorkerRegistration, ready: RwSignal<bool>) {
    if reg.waiting().is_some() && controlled() {
        ready.set(true);
    }
    if let Some(worker) = reg.installing() {
        watch_install(&worker, ready);
    }
    let registration = reg.clone();
    let update_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(worker) = registration.installing() {
            watch_install(&worker, ready);
        }
    });
    reg.set_onupdatefound(Some(update_found.as_ref().unchecked_ref()));
    update_found.forget();
}

/// Sets `ready` once `worker` has installed, if it is an update.
fn watch_install(worker: &ServiceWorker, ready: RwSignal<bool>) {
    let installing = worker.clone();
    let state_changed = Closure::<dyn FnMut()>::new(move || {
        if installing.state() == ServiceWorkerState::Installed && controlled() {
            ready.set(true);
        }
    });
    worker.set_onstatechange(Some(state_changed.as_ref().unchecked_ref()));
    state_changed.forget();
}

/// Lets the waiting worker take over, then reloads once it controls the page.
/// If no worker waits any more (another tab took the update), reloads at once.
fn take_update(reg: Option<&ServiceWorkerRegistration>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let reload = move || {
        let _ = window.location().reload();
    };
    let waiting = reg.and_then(ServiceWorkerRegistration::waiting);
    match (waiting, container()) {
        (Some(worker), Some(container)) => {
            let changed = Closure::<dyn FnMut()>::new(reload.clone());
            container.set_oncontrollerchange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
            if worker.post_message(&JsValue::from_str(SKIP_WAITING)).is_err() {
                reload();
            }
        }
        _ => reload(),
    }
}
