//! Keyboard shortcuts, and the `?` dialog that lists them.
//!
//! Global keys live here; the list page adds its own (`j`, `k`, `Enter`, `/`)
//! while it is shown. No shortcut fires while the user types in a field.

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use super::list_state::ListState;

/// Every shortcut, as the dialog lists it.
pub const SHORTCUTS: [(&str, &str); 6] = [
    ("n", "New incident"),
    ("/", "Search incidents"),
    ("j", "Next incident in the list"),
    ("k", "Previous incident in the list"),
    ("Enter", "Open the highlighted incident"),
    ("?", "Show this list of shortcuts"),
];

fn target_tag(ev: &web_sys::KeyboardEvent) -> Option<(String, bool)> {
    let element = ev.target()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    Some((element.tag_name().to_ascii_lowercase(), element.is_content_editable()))
}

/// Whether the key went to a text field, where letters must stay letters.
pub fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    target_tag(ev).is_some_and(|(tag, editable)| editable || matches!(tag.as_str(), "input" | "textarea" | "select"))
}

/// Whether the key went to a control that handles `Enter` itself.
pub fn on_a_control(ev: &web_sys::KeyboardEvent) -> bool {
    typing_in_a_field(ev)
        || target_tag(ev).is_some_and(|(tag, _)| matches!(tag.as_str(), "a" | "button" | "summary"))
}

/// Listens for the global shortcuts and renders the `?` dialog.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let navigate = use_navigate();
    let location = use_location();
    let list = expect_context::<ListState>();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_a_field(&ev) {
            return;
        }
        match ev.key().as_str() {
            "?" => {
                if let Some(d) = dialog.get_untracked()
                    && !d.open()
                {
                    let _ = d.show_modal();
                }
            }
            "n" => navigate("/incidents/new", Default::default()),
            "/" if location.pathname.get_untracked() != "/incidents" => {
                ev.prevent_default();
                list.focus_search.set(true);
                navigate("/incidents", Default::default());
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    // The browser moves focus off a closed dialog's button only when it next
    // draws the page, and its `close` event comes in a later task, after key
    // presses already waiting (input goes first on a busy page): until then,
    // keys (Enter above all) would still go to that button. So focus leaves
    // the dialog as it closes, whichever way: the Close button, Escape (its
    // `cancel` event comes at once), or anything else (`close`).
    let release_focus = move || {
        let focused = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        if let (Some(d), Some(focused)) = (dialog.get_untracked(), focused)
            && d.contains(Some(&focused))
            && let Ok(focused) = focused.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = focused.blur();
        }
    };
    let close = move |_| {
        release_focus();
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    view! {
        <dialog node_ref=dialog class="shortcuts" aria-labelledby="shortcuts-title" on:cancel=move |_: web_sys::Event| release_focus() on:close=move |_| release_focus()>
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl>
                {SHORTCUTS.into_iter().map(|(key, what)| view! { <dt><kbd>{key}</kbd></dt><dd>{what}</dd> }).collect_view()}
            </dl>
            <p class="hint">"Shortcuts work whenever you are not typing in a field."</p>
            <button type="button" class="button" on:click=close>"Close"</button>
        </dialog>
    }
}
