//! What the single-file build (`scripts/single-file.sh`) needs from the app:
//! addresses kept in the fragment, and notices about an embedded workspace.
//!
//! **Addresses.** The single-file build opens from disk, and a page at a `file://` address
//! may change the query and fragment of its address but never its path: the
//! app's addresses (`/incidents`, `/incidents/INC0001001`) cannot be paths
//! there. So that build keeps them in the fragment
//! (`servicelab.html#/incidents`). Its loader (`web/single-file-boot.js`)
//! turns every path the router writes into a fragment; [`FragmentRouting`]
//! does the reverse, telling the router the address in the fragment when the
//! app starts and whenever the user goes back or forward.
//!
//! The page asks for this with `<meta name="servicelab-routing" content="fragment">`;
//! served builds have no such element and keep plain paths.
//!
//! **An embedded workspace** opens on a first visit (`crate::storage::embedded`).
//! If it could not be read, [`SingleFile`] says so. If a workspace was already
//! stored, that one opened and the embedded one is offered as a download to
//! import, until the user takes or dismisses it.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use super::download::download_text;
use super::state::use_app;
use crate::storage::embedded::{self, Embedded};

/// Fragment routing and the embedded-workspace notices. Place it inside the
/// `<Router>`, above the routes.
#[component]
pub fn SingleFile() -> impl IntoView {
    view! {
        <FragmentRouting />
        <EmbeddedWorkspaceNotice />
    }
}

/// Says when the workspace embedded in the page did not open, and why.
#[component]
fn EmbeddedWorkspaceNotice() -> impl IntoView {
    if let Some(error) = embedded::problem() {
        return view! {
            <div class="banner danger" role="alert">
                <p><strong>"The workspace in this file could not be opened"</strong> " (" {error} "). "
                "You are looking at the demo workspace instead."</p>
            </div>
        }
        .into_any();
    }
    // Read only if it was not dealt with yet: a first visit that opened it
    // has acknowledged it, so a large workspace is not decoded twice.
    let offer = embedded::embedded().filter(|found| !found.acknowledged());
    match offer.map(|found| (found.read(), found)) {
        Some((Ok(workspace), found)) => view! { <EmbeddedOffer found name=workspace.name().to_owned() /> }.into_any(),
        _ => ().into_any(),
    }
}

/// Offers the embedded workspace as a file, next to the stored one that opened.
#[component]
fn EmbeddedOffer(found: Embedded, name: String) -> impl IntoView {
    let app = use_app();
    let current = move || app.workspace.with(|ws| ws.name().to_owned());
    let open = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let found = StoredValue::new(found);
    let done = move || {
        // If this note cannot be kept, the offer simply shows again next time.
        let _ = found.with_value(Embedded::acknowledge);
        open.set(false);
    };
    let file = format!("{}.servicelab.json", name.to_lowercase().replace(' ', "-"));
    let download = move |_| match found.with_value(|f| download_text(&file, "application/json", &f.json)) {
        Ok(()) => done(),
        Err(e) => error.set(Some(e)),
    };
    let label = format!("Download {name}");
    view! {
        <Show when=move || open.get()>
            <div class="banner info" role="region" aria-label="Workspace in this file">
                <p>"This file carries the workspace " <strong>{name.clone()}</strong> ". "
                "This browser already holds the workspace " <strong>{current}</strong> ", which stays as it is."</p>
                <p>"To work on " {name.clone()} ", download it and import it from the Data section."</p>
                <p class="banner-actions">
                    <button type="button" class="button" on:click=download.clone()>{label.clone()}</button>
                    <button type="button" class="button" on:click=move |_| done()>"Dismiss"</button>
                </p>
                {move || error.get().map(|e| view! { <p>{e}</p> })}
            </div>
        </Show>
    }
}

/// Follows the address in the fragment, when the page asks for it.
#[component]
fn FragmentRouting() -> impl IntoView {
    if uses_fragment_routing() {
        let navigate = use_navigate();
        let follow = move || {
            let hash = window().location().hash().unwrap_or_default();
            let options = NavigateOptions { replace: true, scroll: false, ..Default::default() };
            navigate(&route_in_fragment(&hash), options);
        };
        // After the first render, so that the router is in place.
        let start = follow.clone();
        Effect::new(move |_| start());
        // The router answers back and forward with the file's path, which no
        // route matches; this listener runs after it and puts things right.
        let _ = window_event_listener(ev::popstate, move |_| follow());
    }
}

fn uses_fragment_routing() -> bool {
    document()
        .query_selector("meta[name='servicelab-routing']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .is_some_and(|content| content == "fragment")
}

/// The app address held in a location fragment: `#/incidents?q=vpn` holds
/// `/incidents?q=vpn`; a fragment that holds no address means the dashboard.
pub fn route_in_fragment(hash: &str) -> String {
    match hash.strip_prefix('#') {
        Some(route) if route.starts_with('/') => route.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::route_in_fragment;

    #[test]
    fn a_fragment_that_starts_with_a_slash_is_the_address() {
        assert_eq!(route_in_fragment("#/incidents"), "/incidents");
        assert_eq!(route_in_fragment("#/incidents/INC0001001"), "/incidents/INC0001001");
        assert_eq!(route_in_fragment("#/incidents?q=vpn"), "/incidents?q=vpn");
    }

    #[test]
    fn no_fragment_or_another_fragment_opens_the_dashboard() {
        assert_eq!(route_in_fragment(""), "/");
        assert_eq!(route_in_fragment("#"), "/");
        assert_eq!(route_in_fragment("#main"), "/");
    }
}
