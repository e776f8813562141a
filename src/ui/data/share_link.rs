//! "Share as a link": the workspace, or its design, packed into the
//! fragment of an address (`…#import=<data>`, see
//! `storage::exchange::share`). The link is copied to the clipboard and
//! also shown in a read-only field, for browsers that refuse the copy.
//! Opening such a link is [`super::share_offer`].

use leptos::prelude::*;
use leptos::task::spawn_local;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::deflate::compress;
use crate::storage::exchange::{self, Scope, ShareError, Style, fragment_for};
use crate::ui::format::count;
use crate::ui::state::use_app;

/// Links longer than this may be cut by chat apps and mail programs.
const LONG_LINK: usize = 2_000;

/// Where making a link stands.
#[derive(Clone, Debug)]
enum Made {
    Idle,
    Working(Scope),
    Ready { scope: Scope, link: String, copied: bool },
    Refused(ShareError),
}

/// This page's address without its query and fragment: where a link points.
fn app_address() -> String {
    let href = window().location().href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_owned()
}

/// The method `name` of `object`, if it has one.
fn method(object: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(object, &name.into()).ok()?.dyn_into().ok()
}

/// Copies `text` with the asynchronous clipboard API; `false` if the browser refused.
async fn copy_to_clipboard(text: &str) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Some(clipboard) = Reflect::get(&navigator, &"clipboard".into()).ok().filter(|c| c.is_object()) else { return false };
    let Some(write) = method(&clipboard, "writeText") else { return false };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}

/// Selects the whole text of the field that got the focus, ready to copy.
fn select_all(ev: leptos::ev::FocusEvent) {
    if let Some(field) = ev.target().map(JsValue::from)
        && let Some(select) = method(&field, "select")
    {
        let _ = select.call0(&field);
    }
}

/// The link to `scope` of the open workspace, made and copied.
async fn make(scope: Scope, json: String) -> Made {
    let packed = match compress(json.as_bytes()).await {
        Ok(packed) => packed,
        Err(e) => return Made::Refused(e),
    };
    match fragment_for(&packed) {
        Ok(fragment) => {
            let link = format!("{}{fragment}", app_address());
            let copied = copy_to_clipboard(&link).await;
            Made::Ready { scope, link, copied }
        }
        Err(e) => Made::Refused(e),
    }
}

/// The "Share as a link" part of "Export and import".
#[component]
pub fn ShareLinks() -> impl IntoView {
    let app = use_app();
    let made = RwSignal::new(Made::Idle);
    let share = move |scope: Scope| {
        made.set(Made::Working(scope));
        let json = app.workspace.with_untracked(|ws| exchange::export(ws, scope, chrono::Utc::now(), Style::Compact));
        spawn_local(async move { made.set(make(scope, json).await) });
    };
    let busy = move || matches!(made.get(), Made::Working(_));
    let from_file = window().location().protocol().is_ok_and(|p| p == "file:");

    let outcome = move || match made.get() {
        Made::Idle => ().into_any(),
        Made::Working(scope) => view! { <p role="status" class="data-message">{format!("Making a link to the {}…", scope.label())}</p> }.into_any(),
        Made::Refused(error) => view! { <p role="alert" class="data-message share-refused">{error.to_string()}</p> }.into_any(),
        Made::Ready { scope, link, copied } => {
            let length = count(link.chars().count());
            let said = if copied {
                format!("Copied a link to the {} to the clipboard ({length} characters).", scope.label())
            } else {
                format!(
                    "A link to the {} is ready ({length} characters). This browser did not let ServiceLab copy it: select the link below and copy it.",
                    scope.label()
                )
            };
            let long = link.len() > LONG_LINK;
            view! {
                <p role="status" class="data-message">{said}</p>
                <label class="share-link-field">"Share link"
                    <input type="text" readonly prop:value=link on:focus=select_all />
                </label>
                {long.then(|| view! {
                    <p class="muted">{format!(
                        "Some chat apps and mail programs cut links longer than about {} characters. If the link arrives broken, send an exported file instead.",
                        count(LONG_LINK)
                    )}</p>
                })}
            }
            .into_any()
        }
    };

    view! {
        <h3>"Share as a link"</h3>
        <p>"A share link carries a copy of the data inside the link itself, packed small; no server sees it. "
        <strong>"Whoever gets the link can read everything in it"</strong>
        " (names, tickets, notes), so send it only to people who may see that. Opening it offers to import it as a new workspace; nothing is replaced."</p>
        {from_file.then(|| view! {
            <p class="muted">"This page was opened from a file, so a link to it only works where the same file is at the same place. To share with someone else, send an exported file."</p>
        })}
        <p class="banner-actions">
            <button type="button" class="button" disabled=busy on:click=move |_| share(Scope::Workspace)>"Copy a share link to this workspace"</button>
            <button type="button" class="button" disabled=busy on:click=move |_| share(Scope::Design)>"Copy a share link to its design, no tickets"</button>
        </p>
        {outcome}
    }
}
