//! The recovery screen: stored data that cannot be read, and what to do about it.
//!
//! It replaces the whole app, because showing another workspace in its place
//! would make it too easy to believe the data was gone. The unreadable data
//! stays exactly as it is whatever the user picks: download it, start a new
//! workspace beside it, open another workspace, or try again.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::download::download_text;
use crate::domain::demo::demo_workspace;
use crate::storage::catalog;
use crate::storage::workspace::{self as store, Recovery, Source, WORKSPACE_KEY};

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Says what could not be read and offers the ways forward.
#[component]
pub fn RecoveryScreen(recovery: Recovery) -> impl IntoView {
    Effect::new(move |_| document().set_title("Workspace cannot be opened · ServiceLab"));
    let Recovery { db, source, raw, error, catalog } = recovery;
    let (what, where_) = match &source {
        Source::Stored { name, id } => (format!("The workspace “{name}”"), format!("in this browser's database (IndexedDB) under the id {id}")),
        Source::Legacy => ("Your workspace".to_owned(), format!("in this browser's localStorage under \"{WORKSPACE_KEY}\"")),
    };
    let skip = match &source {
        Source::Stored { id, .. } => Some(id.clone()),
        Source::Legacy => None,
    };
    let others: Vec<_> = catalog.workspaces.iter().filter(|e| Some(&e.id) != skip.as_ref()).cloned().collect();
    let has_raw = !raw.is_empty();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let download = move |_| {
        let file = "servicelab-unreadable-workspace.json";
        if let Err(e) = download_text(file, "application/json", &raw) {
            message.set(Some(e));
        }
    };
    let start_fresh = move |_| {
        let Some(db) = db.clone() else {
            message.set(Some("This browser's database cannot be reached, so no new workspace can be stored.".into()));
            return;
        };
        let mut catalog = catalog.clone();
        busy.set(true);
        spawn_local(async move {
            let now = chrono::Utc::now();
            match store::create(&db, &mut catalog, &demo_workspace(now), now, None).await {
                Ok(id) => {
                    catalog::set_current(&id);
                    reload();
                }
                Err(e) => {
                    busy.set(false);
                    message.set(Some(format!("No new workspace was created: {e}. Nothing stored was changed.")));
                }
            }
        });
    };
    view! {
        <main id="main" class="recovery" aria-labelledby="recovery-title">
            <h1 id="recovery-title">"This workspace cannot be opened"</h1>
            <p class="lead">{what} " is stored " {where_} ", but it cannot be read:"</p>
            <pre class="recovery-error">{error}</pre>
            <p><strong>"Nothing has been changed or deleted."</strong>
               " ServiceLab does not write over data it cannot read. Choose what to do:"</p>
            <ul class="recovery-choices">
                <li>
                    <button type="button" class="button" on:click=download disabled=!has_raw>"Download the stored data"</button>
                    <span>"Save it as a file, exactly as stored, to repair it or send it to someone who can."</span>
                </li>
                <li>
                    <button type="button" class="button primary" on:click=start_fresh disabled=move || busy.get()>"Start fresh in a new workspace"</button>
                    <span>"Create a new demo workspace beside it. The unreadable data stays where it is, listed in the Data section."</span>
                </li>
                <li>
                    <button type="button" class="button" on:click=move |_| reload()>"Try again"</button>
                    <span>"Read it again, for example after closing another ServiceLab tab or freeing disk space."</span>
                </li>
            </ul>
            {move || message.get().map(|m| view! { <p role="alert" class="recovery-message">{m}</p> })}
            {(!others.is_empty()).then(|| view! {
                <h2>"Other workspaces in this browser"</h2>
                <ul class="recovery-others">
                    {others.into_iter().map(|entry| {
                        let id = entry.id.clone();
                        let open = move |_| { catalog::set_current(&id); reload(); };
                        let label = format!("Open {}", entry.name);
                        view! { <li><span>{entry.name.clone()}</span> <button type="button" class="button" aria-label=label on:click=open>"Open"</button></li> }
                    }).collect_view()}
                </ul>
            })}
        </main>
    }
}
