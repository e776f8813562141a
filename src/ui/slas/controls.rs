//! Small building blocks for the SLA forms: options and checkbox groups.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// `<option>`s from `(value, label)` pairs; the one whose value equals
/// `selected` is selected, and stays in step when it changes.
pub fn options(items: Vec<(String, String)>, selected: Signal<String>) -> impl IntoView {
    items
        .into_iter()
        .map(|(value, label)| {
            let mine = value.clone();
            view! { <option value=value prop:selected=move || selected.with(|s| *s == mine)>{label}</option> }
        })
        .collect_view()
}

/// A checkbox with its label; `checked` follows the draft, `on_toggle` gets the new state.
pub fn check(
    id: String,
    label: String,
    checked: Signal<bool>,
    on_toggle: impl Fn(bool) + 'static,
) -> impl IntoView {
    let for_id = id.clone();
    view! {
        <label class="check" for=for_id>
            <input
                type="checkbox"
                id=id
                prop:checked=checked
                on:change=move |ev| on_toggle(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}

/// The `aria-describedby` and message of a field's problems: the sentences, one per line.
pub fn field_messages(messages: Signal<Vec<String>>, id: &'static str) -> impl IntoView {
    view! {
        <p id=id class="field-error">
            {move || {
                messages
                    .get()
                    .into_iter()
                    .map(|m| view! { <span class="field-error-line">{m}</span> })
                    .collect_view()
            }}
        </p>
    }
}

/// Moves keyboard focus to the element with this id once the next frame has drawn it.
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(id)
            && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = element.focus();
        }
    });
}
