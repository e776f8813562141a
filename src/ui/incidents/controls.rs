//! Small building blocks for the incident pages' `<select>` controls.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// The `value` of an option for an optional id: the number, or "" for none.
pub fn id_value(id: Option<u32>) -> String {
    id.map(|n| n.to_string()).unwrap_or_default()
}

/// The optional id an option's `value` stands for ("" is none).
pub fn parse_id(value: &str) -> Option<u32> {
    value.parse().ok()
}

/// `<option>`s from `(value, label)` pairs; the one whose value equals
/// `selected` is selected, and stays in step when `selected` changes.
pub fn option_list(items: Vec<(String, String)>, selected: Signal<String>) -> impl IntoView {
    items
        .into_iter()
        .map(|(value, label)| {
            let mine = value.clone();
            view! {
                <option value=value prop:selected=move || selected.with(|s| *s == mine)>{label}</option>
            }
        })
        .collect_view()
}

/// Moves keyboard focus to the element with this id, if it is on the page.
pub fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

/// Focuses the element with this id once the next frame has rendered it.
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus(id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_option_values() {
        assert_eq!(parse_id(&id_value(Some(12))), Some(12));
        assert_eq!(parse_id(&id_value(None)), None);
    }
}
