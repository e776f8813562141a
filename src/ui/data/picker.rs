//! Choosing a file to import: an `<input type="file">` in a zone a file can
//! also be dropped on, and the few File properties the imports read. The
//! size is a property of the File, so an import checks it before reading,
//! and a File can be read a slice at a time.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The first file of a `FileList` (from an input or a drop), if any.
fn first_file(files: &JsValue) -> Option<JsValue> {
    let file = js_sys::Reflect::get(files, &JsValue::from_f64(0.0)).ok()?;
    (!file.is_undefined() && !file.is_null()).then_some(file)
}

/// A File's name.
pub fn name_of(file: &JsValue) -> String {
    js_sys::Reflect::get(file, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// A File's size in bytes, known without reading it.
pub fn size_of(file: &JsValue) -> f64 {
    js_sys::Reflect::get(file, &"size".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// Reads a File's bytes through its `arrayBuffer()` promise.
pub async fn bytes_of(file: &JsValue) -> Result<Vec<u8>, String> {
    bytes_from(array_buffer_of(file)).await
}

/// Reads bytes `from..to` of a File (a `slice()` of it), without reading the
/// rest. The browser starts reading at once, before the result is awaited,
/// so a caller can ask for the next slice while it works on this one.
pub fn slice_of(file: &JsValue, from: f64, to: f64) -> impl Future<Output = Result<Vec<u8>, String>> + use<> {
    let asked = js_sys::Reflect::get(file, &"slice".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser cannot read files")
        .and_then(|slice| slice.call2(file, &from.into(), &to.into()).map_err(|_| "the file could not be read"))
        .and_then(|blob| array_buffer_of(&blob));
    bytes_from(asked)
}

/// Asks for the bytes of a Blob (a File or a slice of one).
fn array_buffer_of(blob: &JsValue) -> Result<js_sys::Promise, &'static str> {
    let method: js_sys::Function = js_sys::Reflect::get(blob, &"arrayBuffer".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("this browser cannot read files")?;
    Ok(method.call0(blob).map_err(|_| "the file could not be read")?.unchecked_into())
}

/// The bytes an `arrayBuffer()` promise gives, copied into wasm memory.
async fn bytes_from(asked: Result<js_sys::Promise, &'static str>) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(asked?).await.map_err(|_| "the file could not be read (was it moved or deleted?)")?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A labelled file input in a drop zone. `on_file` gets the chosen or
/// dropped file; choosing the same file again calls it again.
pub fn file_drop(label: &'static str, accept: &'static str, hint: &'static str, on_file: impl Fn(JsValue) + Clone + 'static) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let picked = on_file.clone();
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target() else { return };
        let input: JsValue = input.into();
        let files = js_sys::Reflect::get(&input, &"files".into()).unwrap_or(JsValue::NULL);
        if let Some(file) = first_file(&files) {
            picked(file);
        }
        let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let event: &JsValue = ev.as_ref();
        let files = js_sys::Reflect::get(event, &"dataTransfer".into()).ok().and_then(|d| js_sys::Reflect::get(&d, &"files".into()).ok());
        if let Some(file) = files.as_ref().and_then(first_file) {
            on_file(file);
        }
    };
    view! {
        <div class="drop-zone" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label>{label} " " <input type="file" accept=accept on:change=on_pick /></label>
            <span class="muted">{hint}</span>
        </div>
    }
}
