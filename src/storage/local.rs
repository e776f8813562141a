//! Reading and writing JSON values in `localStorage` without ever losing data.
//!
//! [`load`] tells apart the four things a stored key can be (missing, readable,
//! undecodable, or unreachable because storage is blocked) so that callers can
//! act on each. [`save`] reports every failure, such as a full quota, instead
//! of swallowing it.

use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// What was found under a storage key.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Nothing is stored under the key yet.
    Missing,
    /// The stored value, decoded.
    Found(T),
    /// Something is stored but does not decode. `raw` is kept so that it can be
    /// exported or retried; it must never be overwritten by a default.
    Undecodable { raw: String, error: String },
    /// The browser refused access to storage (blocked, or private mode).
    Unavailable { error: String },
}

/// A write that did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    /// The storage key that was being written.
    pub key: String,
    /// What the browser said.
    pub reason: String,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Could not save \"{}\" in this browser: {}", self.key, self.reason)
    }
}

impl std::error::Error for SaveError {}

fn js_reason(value: &wasm_bindgen::JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Checks that `localStorage` can be reached. gloo's accessors panic when it
/// cannot (blocked cookies, some private modes), so every entry point asks first.
fn reachable() -> Result<(), String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err("this browser offers no localStorage".into()),
        Err(error) => Err(format!("the browser blocked localStorage ({})", js_reason(&error))),
    }
}

/// Reads the value stored under `key` and decodes it with `decode`.
pub fn load_with<T>(key: &str, decode: impl FnOnce(&str) -> Result<T, String>) -> Loaded<T> {
    if let Err(error) = reachable() {
        return Loaded::Unavailable { error };
    }
    match LocalStorage::raw().get_item(key) {
        Err(error) => Loaded::Unavailable { error: js_reason(&error) },
        Ok(None) => Loaded::Missing,
        Ok(Some(raw)) => match decode(&raw) {
            Ok(value) => Loaded::Found(value),
            Err(error) => Loaded::Undecodable { raw, error },
        },
    }
}

/// Reads and decodes the JSON value stored under `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Loaded<T> {
    load_with(key, |raw| serde_json::from_str(raw).map_err(|e| e.to_string()))
}

/// Stores `text` under `key` as it is, reporting any failure.
pub fn save_raw(key: &str, text: &str) -> Result<(), SaveError> {
    let fail = |reason: String| SaveError { key: key.to_owned(), reason };
    reachable().map_err(fail)?;
    LocalStorage::raw().set_item(key, text).map_err(|e| fail(js_reason(&e)))
}

/// Encodes `value` as JSON and stores it under `key`, reporting any failure.
pub fn save<T: Serialize>(key: &str, value: &T) -> Result<(), SaveError> {
    let fail = |reason: String| SaveError { key: key.to_owned(), reason };
    reachable().map_err(fail)?;
    LocalStorage::set(key, value).map_err(|e| fail(e.to_string()))
}
