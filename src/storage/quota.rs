//! The browser's storage for this site: kept or evictable, used and available.
//!
//! Browsers may clear a site's storage when the disk runs low, unless the
//! site asked to be kept (`navigator.storage.persist()`) and the browser
//! agreed. The Data section shows the answer and the usage estimate.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Absent in some browsers and insecure contexts: check before using it.
    let value = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!value.is_undefined()).then(|| value.unchecked_into())
}

/// Asks the browser to keep this site's data. `None` if it cannot be asked.
pub async fn persist() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Bytes this site uses, and the most it may use. `None` if unknown.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = manager()?.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}
