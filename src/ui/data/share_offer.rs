//! Opening a share link: an address ending in `#import=<data>`, on any
//! page, offers to import what it carries. The data is decoded
//! (`storage::exchange::share`), unpacked ([`super::deflate`]), and checked
//! with the same checks as an imported file; then the same preview is shown
//! with two choices, **Import as a new workspace** and **Cancel**. Nothing is
//! stored before the user chooses, and nothing existing is ever replaced.
//! A damaged link gets a plain sentence and changes nothing.
//!
//! Once the user has imported, cancelled or dismissed, the fragment is taken
//! out of the address (`history.replaceState`), so that a reload or a
//! bookmark does not offer it again.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::deflate::decompress;
use super::held::Held;
use super::import_json::{Refused, Source, check_in_steps, preview_facts, store_as_new};
use super::workspaces::open;
use crate::storage::exchange::{FRAGMENT_PREFIX, MAX_IMPORT_BYTES, Preview, bytes_from_fragment};
use crate::ui::state::use_app;

/// Where the offer stands.
#[derive(Clone, Debug)]
enum Offer {
    /// No share link in the address.
    None,
    Checking,
    Failed(Refused),
    Ready(Preview),
    Done { text: String, id: String },
}

/// The address's fragment, when it carries a share link.
fn share_fragment() -> Option<String> {
    window().location().hash().ok().filter(|hash| hash.starts_with(FRAGMENT_PREFIX))
}

/// Takes the share link out of the address, keeping the page and the
/// router's history state, so that a reload does not offer it again.
fn forget_fragment() {
    if share_fragment().is_none() {
        return;
    }
    let location = window().location();
    let address = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&address));
    }
}

/// The offer to import a share link, shown above the page when the address
/// carries one. Place it inside the router, before anything that rewrites
/// the address (it reads the fragment when it is created).
#[component]
pub fn ShareOffer() -> impl IntoView {
    let app = use_app();
    let offer = RwSignal::new(Offer::None);
    let workspace = Held::new();
    let message = RwSignal::new(None::<String>);
    let storing = RwSignal::new(false);
    let run_id = StoredValue::new(0u32);

    let check = move |fragment: String| {
        workspace.discard();
        message.set(None);
        run_id.update_value(|n| *n += 1);
        let this_run = run_id.get_value();
        let current = move || run_id.get_value() == this_run;
        offer.set(Offer::Checking);
        spawn_local(async move {
            let unpacked = match bytes_from_fragment(&fragment) {
                Ok(packed) => decompress(&packed, MAX_IMPORT_BYTES).await,
                Err(e) => Err(e),
            };
            let bytes = match unpacked {
                Ok(bytes) => bytes,
                Err(e) if current() => return offer.set(Offer::Failed(Refused::plain(e.to_string()))),
                Err(_) => return,
            };
            match check_in_steps(bytes, |_| {}, current).await {
                None => {}
                Some(Ok(imported)) => {
                    workspace.hold(imported.workspace);
                    offer.set(Offer::Ready(imported.preview));
                }
                Some(Err(e)) => offer.set(Offer::Failed(Refused::new(&e, Source::Link))),
            }
        });
    };

    if let Some(fragment) = share_fragment() {
        check(fragment);
    }
    // A link pasted into the address bar of an open tab changes only the fragment.
    let _ = window_event_listener(ev::hashchange, move |_| {
        if let Some(fragment) = share_fragment() {
            check(fragment);
        }
    });

    let close = move || {
        forget_fragment();
        workspace.discard();
        offer.set(Offer::None);
    };

    let import = move || {
        let Some(db) = app.database() else {
            message.set(Some("This browser is not storing workspaces right now, so nothing can be imported here.".into()));
            return;
        };
        let Some(ws) = workspace.shared() else { return };
        storing.set(true);
        message.set(None);
        spawn_local(async move {
            match store_as_new(app, &db, &ws).await {
                Ok((text, id)) => {
                    forget_fragment();
                    workspace.discard();
                    offer.set(Offer::Done { text, id });
                }
                Err(e) => message.set(Some(format!("Nothing was imported: {e}. Everything stored is as it was."))),
            }
            storing.set(false);
        });
    };

    let body = move || match offer.get() {
        Offer::None => ().into_any(),
        Offer::Checking => view! { <p role="status">"Reading the share link…"</p> }.into_any(),
        Offer::Failed(refused) => view! {
            <div role="alert">
                {refused.view(Source::Link)}
                <p class="muted">"Nothing was imported, and nothing stored was changed."</p>
            </div>
            <p class="banner-actions"><button type="button" class="button" on:click=move |_| close()>"Dismiss"</button></p>
        }
        .into_any(),
        Offer::Ready(preview) => view! {
            <p>"Someone sent you this as a link. Look it over: nothing is stored until you choose, and your workspaces stay as they are."</p>
            {preview_facts(&preview)}
            <p class="banner-actions">
                <button type="button" class="button primary" disabled=storing on:click=move |_| import()>"Import as a new workspace"</button>
                <button type="button" class="button" disabled=storing on:click=move |_| close()>"Cancel"</button>
            </p>
            {move || storing.get().then(|| view! { <p role="status">"Storing the imported workspace…"</p> })}
        }
        .into_any(),
        Offer::Done { text, id } => {
            let name = app.catalog.with_untracked(|c| c.get(&id).map(|e| e.name.clone())).unwrap_or_default();
            view! {
                <p role="status" class="data-message">{text}</p>
                <p class="banner-actions">
                    <button type="button" class="button primary" on:click=move |_| open(app, id.clone(), message)>{format!("Open “{name}”")}</button>
                    <button type="button" class="button" on:click=move |_| offer.set(Offer::None)>"Close"</button>
                </p>
            }
            .into_any()
        }
    };

    view! {
        <Show when=move || !matches!(offer.get(), Offer::None)>
            <section
                class=move || if matches!(offer.get(), Offer::Failed(_)) { "banner danger share-offer" } else { "banner info share-offer" }
                aria-labelledby="share-offer-title"
            >
                <h2 id="share-offer-title">"Import from a share link"</h2>
                {body}
                {move || message.get().map(|m| view! { <p role="alert" class="data-message">{m}</p> })}
            </section>
        </Show>
    }
}
