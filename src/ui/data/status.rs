//! Where the workspace is stored, whether the browser will keep it, and how much room it takes.

use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::storage::workspace::kept_aside;
use crate::ui::download::download_text;
use crate::ui::state::{Persistence, use_app};

fn megabytes(bytes: f64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes < MB {
        format!("{:.0} KB", bytes / 1024.0)
    } else if bytes < 1024.0 * MB {
        format!("{:.1} MB", bytes / MB)
    } else {
        format!("{:.1} GB", bytes / (1024.0 * MB))
    }
}

/// How often the memory figures are read again while the section is shown.
const MEMORY_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// This tab's WebAssembly memory in bytes (where the workspace lives).
fn wasm_bytes() -> Option<f64> {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().dyn_into().ok()?;
    let buffer: js_sys::ArrayBuffer = memory.buffer().dyn_into().ok()?;
    Some(f64::from(buffer.byte_length()))
}

/// The JavaScript heap this tab uses, where the browser tells
/// (`performance.memory`, Chromium only).
fn js_heap_bytes() -> Option<f64> {
    let performance = web_sys::window()?.performance()?;
    let memory = js_sys::Reflect::get(&performance, &"memory".into()).ok().filter(|m| m.is_object())?;
    js_sys::Reflect::get(&memory, &"usedJSHeapSize".into()).ok()?.as_f64()
}

/// The sentence of the "Memory" fact.
fn memory_sentence(wasm: Option<f64>, heap: Option<f64>) -> String {
    let wasm = wasm.map_or_else(|| "WebAssembly memory unknown".to_owned(), |b| format!("{} of WebAssembly memory", megabytes(b)));
    let heap = heap.map_or_else(
        || "this browser does not report its JavaScript heap".to_owned(),
        |b| format!("{} of JavaScript heap", megabytes(b)),
    );
    format!(
        "This tab holds {wasm} (where the workspace lives; it never shrinks, so it is the most this tab has needed) and {heap}."
    )
}

/// The storage facts of this browser and workspace.
#[component]
pub fn StorageStatus() -> impl IntoView {
    let app = use_app();
    let saving = move || match app.persistence.get() {
        Persistence::Saved => "Every change is saved in this browser within a moment of making it.".to_owned(),
        Persistence::Failed(reason) => format!("The last save failed: {reason}"),
        Persistence::ReadOnly { .. } => "Read-only: written by a newer version of ServiceLab, so nothing is saved.".to_owned(),
        Persistence::MemoryOnly(reason) => format!("Not saved: {reason}."),
    };
    let last_save = move || {
        app.info.with(|i| match i.last_save_ms {
            Some(ms) => format!("The last save was stored {ms:.0} ms after the change."),
            None => "Nothing saved since this tab opened the workspace.".to_owned(),
        })
    };
    let opened = move || app.info.with(|i| format!("Opened in {:.0} ms.", i.boot_ms));
    let kept = move || match app.info.with(|i| i.persisted) {
        Some(true) => "The browser agreed to keep this data: it will not clear it to free disk space.",
        Some(false) => "The browser may clear this data when the disk runs low (it did not agree to keep it). Export your work to be safe.",
        None => "This browser does not say whether it will keep this data.",
    };
    let usage = move || {
        app.info.with(|i| i.estimate).map_or_else(
            || "The browser does not say how much room is used.".to_owned(),
            |(used, quota)| format!("{} used of {} this site may use.", megabytes(used), megabytes(quota)),
        )
    };
    let exports = move || {
        let id = app.info.with(|i| i.id.clone());
        let last = app.catalog.with(|c| c.get(&id).and_then(|e| e.exported));
        let count = app.info.with(|i| i.unexported);
        let when = last.map_or_else(|| "never exported".to_owned(), |t| format!("last exported {}", t.format("%-d %b %Y %H:%M UTC")));
        format!("{count} changes since the last export ({when}).")
    };
    let memory = RwSignal::new(memory_sentence(wasm_bytes(), js_heap_bytes()));
    if let Ok(handle) = set_interval_with_handle(move || memory.set(memory_sentence(wasm_bytes(), js_heap_bytes())), MEMORY_EVERY) {
        on_cleanup(move || handle.clear());
    }
    let aside = kept_aside();
    view! {
        <section class="data-block" aria-labelledby="storage-title">
            <h2 id="storage-title">"Storage in this browser"</h2>
            <dl class="facts">
                <dt>"Saving"</dt><dd>{saving}</dd>
                <dt>"Where"</dt>
                <dd>"Tickets and settings in this browser's database (IndexedDB, “servicelab”), one record per ticket; the list of workspaces in localStorage. Nothing leaves this computer."</dd>
                <dt>"Speed"</dt><dd>{last_save} " " {opened}</dd>
                <dt>"Kept by the browser"</dt><dd>{kept}</dd>
                <dt>"Room"</dt><dd>{usage}</dd>
                <dt>"Exports"</dt><dd>{exports}</dd>
                <dt id="memory-term">"Memory"</dt><dd aria-labelledby="memory-term">{move || memory.get()}</dd>
            </dl>
            {(!aside.is_empty()).then(|| view! {
                <h3>"Data kept aside"</h3>
                <p>"Data that could not be read, or that an earlier version left, is kept here untouched until you download it."</p>
                <ul class="kept-aside">
                    {aside.into_iter().map(|key| {
                        let file = format!("{key}.json");
                        let label = format!("Download {key}");
                        let k = key.clone();
                        let get = move |_| {
                            let text = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).and_then(|s| s.get_item(&k).ok().flatten());
                            if let Some(text) = text { let _ = download_text(&file, "application/json", &text); }
                        };
                        view! { <li><code>{key}</code> " " <button type="button" class="button" aria-label=label on:click=get>"Download"</button></li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
