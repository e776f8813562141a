//! Several tabs on one workspace: who may write, and telling the others.
//!
//! Two mechanisms keep tabs from undoing each other's work:
//!
//! * a **writer lock** per workspace (the Web Locks API), held for the
//!   length of a save, so that two tabs never interleave their saves;
//! * the **version check** inside every save's transaction ([`super::idb::write`]),
//!   which is what actually refuses a stale write. The lock makes conflicts
//!   rarer; the check makes them harmless. Where the browser has no Web
//!   Locks, the check alone still keeps data safe.
//!
//! After each committed save a tab posts `{workspace, version}` on a
//! BroadcastChannel; the other tabs on that workspace read the new version.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const CHANNEL: &str = "servicelab";

/// What a tab announces after a committed save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub workspace: String,
    pub version: u64,
}

/// Runs `work` while holding the exclusive lock `name`, or without a lock if
/// the browser has no Web Locks API.
pub async fn with_lock<T: 'static>(name: &str, work: impl Future<Output = T> + 'static) -> T {
    let Some(locks) = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("locks")).ok())
        .filter(|l| !l.is_undefined() && !l.is_null())
    else {
        return work.await;
    };
    let Some(request) = Reflect::get(&locks, &JsValue::from_str("request")).ok().and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return work.await;
    };
    // The lock is held until the promise our callback returns settles: we
    // settle it (`release`) once `work` is done.
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let held = release.clone();
    let granted = Promise::new(&mut |granted: Function, _| {
        let held = held.clone();
        let grant = granted.clone();
        let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            let _ = grant.call0(&JsValue::NULL);
            Promise::new(&mut |resolve, _| *held.borrow_mut() = Some(resolve)).into()
        });
        if request.call2(&locks, &JsValue::from_str(name), &callback).is_err() {
            // The lock could not even be asked for: go ahead without it.
            let _ = granted.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(granted).await;
    let result = work.await;
    if let Some(resolve) = release.borrow_mut().take() {
        let _ = resolve.call0(&JsValue::NULL);
    }
    result
}

/// The channel on which tabs announce saves. `None` if the browser has none.
pub struct Channel(web_sys::BroadcastChannel);

impl Channel {
    /// Joins the channel; `on_saved` runs for each save another tab announces.
    pub fn join(on_saved: impl Fn(Saved) + 'static) -> Option<Self> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
        let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(saved) = event.data().as_string().and_then(|text| serde_json::from_str(&text).ok()) {
                on_saved(saved);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        Some(Channel(channel))
    }

    /// Tells the other tabs that `saved` is now stored.
    pub fn announce(&self, saved: &Saved) {
        if let Ok(text) = serde_json::to_string(saved) {
            let _ = self.0.post_message(&JsValue::from_str(&text));
        }
    }
}
