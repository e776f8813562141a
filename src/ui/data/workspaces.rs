//! The workspaces in this browser: create, open, rename, duplicate, delete.
//!
//! Opening another workspace saves this one, remembers the choice and
//! reloads the page, which opens it the way every workspace is opened
//! (with its checks, migration and recovery). Deleting asks first, naming
//! the workspace, and is not offered for the workspace open in this tab.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::Workspace;
use crate::domain::demo::demo_workspace;
use crate::storage::catalog::{self, Entry};
use crate::storage::workspace as store;
use crate::ui::state::{AppState, use_app};

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Saves this tab's changes, then opens workspace `id`.
pub(super) fn open(app: AppState, id: String, message: RwSignal<Option<String>>) {
    spawn_local(async move {
        match app.save_now().await {
            Ok(()) => {
                catalog::set_current(&id);
                reload();
            }
            Err(e) => message.set(Some(format!("This workspace's changes are not saved ({e}), so it stays open."))),
        }
    });
}

/// The list of workspaces and the form that creates one.
#[component]
pub fn Workspaces() -> impl IntoView {
    let app = use_app();
    let message = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let stored = move || app.database().is_some() && !app.info.with(|i| i.id.is_empty());
    let current = move || app.info.with(|i| i.id.clone());

    let run = move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, String>>>>| {
        busy.set(true);
        spawn_local(async move {
            let text = match work.await {
                Ok(done) => done,
                Err(e) => format!("Nothing was changed: {e}"),
            };
            message.set(Some(text));
            busy.set(false);
            app.refresh_estimate();
        });
    };

    let new_name = RwSignal::new(String::new());
    let demo = RwSignal::new(true);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(db) = app.database() else { return };
        let wanted = new_name.get_untracked().trim().to_owned();
        let with_demo = demo.get_untracked();
        run(Box::pin(async move {
            let now = chrono::Utc::now();
            let mut catalog = app.catalog.get_untracked();
            let workspace = if with_demo {
                demo_workspace(now)
            } else {
                Workspace::new(if wanted.is_empty() { "Empty workspace" } else { &wanted }, now)
            };
            let id = store::create(&db, &mut catalog, &workspace, now, None).await?;
            let mut name = catalog.get(&id).map(|e| e.name.clone()).unwrap_or_default();
            if !wanted.is_empty() && wanted != name {
                store::rename(&db, &mut catalog, &id, &wanted).await?;
                name = wanted;
            }
            app.catalog.set(catalog);
            new_name.set(String::new());
            Ok(format!("Created “{name}”. Open it from the list."))
        }));
    };

    let row = move |entry: Entry| {
        let is_current = entry.id == current();
        let (id, name) = (entry.id.clone(), entry.name.clone());
        let created = entry.created.format("%-d %b %Y").to_string();
        let exported = entry.exported.map_or_else(|| "never exported".to_owned(), |t| format!("exported {}", t.format("%-d %b %Y")));
        let open_id = id.clone();
        let on_open = move |_| open(app, open_id.clone(), message);
        let dup_id = id.clone();
        let dup_name = name.clone();
        let on_duplicate = move |_| {
            let Some(db) = app.database() else { return };
            let (from, base) = (dup_id.clone(), dup_name.clone());
            run(Box::pin(async move {
                if from == app.info.with_untracked(|i| i.id.clone()) {
                    app.save_now().await?;
                }
                let mut catalog = app.catalog.get_untracked();
                let name = catalog.unused_name(&format!("Copy of {base}"));
                store::duplicate(&db, &mut catalog, &from, &name, chrono::Utc::now()).await?;
                app.catalog.set(catalog);
                Ok(format!("Duplicated “{base}” as “{name}”."))
            }));
        };
        let draft = RwSignal::new(name.clone());
        let rename_id = id.clone();
        let old_name = name.clone();
        let on_rename = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(db) = app.database() else { return };
            let (id, old, wanted) = (rename_id.clone(), old_name.clone(), draft.get_untracked());
            renaming.set(None);
            run(Box::pin(async move {
                let is_open = id == app.info.with_untracked(|i| i.id.clone());
                if is_open {
                    app.save_now().await?;
                }
                let mut catalog = app.catalog.get_untracked();
                store::rename(&db, &mut catalog, &id, &wanted).await?;
                app.catalog.set(catalog);
                if is_open {
                    app.reload_from_storage().await;
                }
                Ok(format!("Renamed “{old}” to “{}”.", wanted.trim()))
            }));
        };
        let delete_id = id.clone();
        let delete_name = name.clone();
        let on_delete = move |_| {
            let Some(db) = app.database() else { return };
            let (id, name) = (delete_id.clone(), delete_name.clone());
            confirming.set(None);
            run(Box::pin(async move {
                let mut catalog = app.catalog.get_untracked();
                store::delete(&db, &mut catalog, &id).await?;
                app.catalog.set(catalog);
                Ok(format!("Deleted “{name}”."))
            }));
        };
        let (ask_id, rename_open, confirm_open) = (id.clone(), id.clone(), id.clone());
        let label = |verb: &str| format!("{verb} {name}");
        view! {
            <li class="workspace-row" class:current=is_current>
                <div class="workspace-title">
                    <strong>{name.clone()}</strong>
                    {is_current.then(|| view! { <span class="tag">"Open in this tab"</span> })}
                    <span class="muted">"Created " {created} ", " {exported}</span>
                </div>
                <div class="workspace-actions">
                    {(!is_current).then(|| view! { <button type="button" class="button" aria-label=label("Open") on:click=on_open disabled=move || busy.get()>"Open"</button> })}
                    <button type="button" class="button" aria-label=label("Rename") on:click=move |_| renaming.set(Some(rename_open.clone())) disabled=move || busy.get()>"Rename"</button>
                    <button type="button" class="button" aria-label=label("Duplicate") on:click=on_duplicate disabled=move || busy.get()>"Duplicate"</button>
                    {(!is_current).then(|| view! {
                        <button type="button" class="button danger" aria-label=label("Delete") on:click=move |_| confirming.set(Some(ask_id.clone())) disabled=move || busy.get()>"Delete"</button>
                    })}
                </div>
                {move || (renaming.get().as_deref() == Some(id.as_str())).then(|| view! {
                    <form class="inline-form" on:submit=on_rename.clone()>
                        <label>"New name " <input type="text" required prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev)) /></label>
                        <button type="submit" class="button primary">"Save name"</button>
                        <button type="button" class="button" on:click=move |_| renaming.set(None)>"Cancel"</button>
                    </form>
                })}
                {move || (confirming.get().as_deref() == Some(confirm_open.as_str())).then(|| {
                    let name = delete_name_view(&entry.name);
                    view! {
                        <div class="confirm" role="alertdialog" aria-label="Confirm deletion">
                            <p>"Delete “" {name.clone()} "” and all its tickets from this browser? This cannot be undone; export it first if you may need it."</p>
                            <button type="button" class="button danger" on:click=on_delete.clone()>"Delete “" {name} "” for good"</button>
                            <button type="button" class="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                        </div>
                    }
                })}
            </li>
        }
    };

    view! {
        <section class="data-block" aria-labelledby="workspaces-title">
            <h2 id="workspaces-title">"Workspaces in this browser"</h2>
            {move || (!stored()).then(|| view! { <p>"This browser is not storing workspaces right now (see the warning above), so there is only the one in this tab."</p> })}
            <ul class="workspace-list" aria-label="Workspaces">
                {move || app.catalog.get().workspaces.into_iter().map(row).collect_view()}
            </ul>
            {move || message.get().map(|m| view! { <p role="status" class="data-message">{m}</p> })}
            <form class="create-workspace" on:submit=create>
                <h3>"New workspace"</h3>
                <label>"Name " <input type="text" placeholder="Harbourside Logistics" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) /></label>
                <fieldset>
                    <legend>"Start with"</legend>
                    <label><input type="radio" name="start" prop:checked=move || demo.get() on:change=move |_| demo.set(true) /> " the demo organisation (16 people, 50 incidents)"</label>
                    <label><input type="radio" name="start" prop:checked=move || !demo.get() on:change=move |_| demo.set(false) /> " nothing (an empty workspace)"</label>
                </fieldset>
                <button type="submit" class="button primary" disabled=move || busy.get() || !stored()>"Create workspace"</button>
            </form>
        </section>
    }
}

fn delete_name_view(name: &str) -> String {
    name.to_owned()
}
