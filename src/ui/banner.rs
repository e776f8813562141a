//! The storage banner: says loudly when the workspace is not safely stored,
//! and reminds the user to export when much has changed since the last export.

use leptos::prelude::*;

use super::download::download_text;
use super::state::{EXPORT_REMINDER_AT, Notice, Persistence, use_app};

/// The file name a workspace is downloaded under.
pub fn file_name(workspace_name: &str) -> String {
    format!("{}.servicelab.json", workspace_name.to_lowercase().replace(' ', "-"))
}

/// Shown above every page while the workspace is not (or cannot be) saved.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let download_error = RwSignal::new(None::<String>);
    let download = move |_| {
        let (name, json) = app.workspace.with_untracked(|ws| (ws.name().to_owned(), ws.to_json()));
        download_error.set(download_text(&file_name(&name), "application/json", &json).err());
    };
    let state = move || match app.persistence.get() {
        Persistence::Saved => None,
        Persistence::Failed(reason) => Some(
            view! {
                <div class="banner danger" role="alert">
                    <p><strong>"Your last change was not saved. "</strong> {reason}</p>
                    <p>"Your work is still here in this tab. Keep the tab open and download the workspace before closing it."</p>
                    <p class="banner-actions">
                        <button type="button" class="button" on:click=download>"Download the workspace"</button>
                        <button type="button" class="button" on:click=move |_| app.flush()>"Try saving again"</button>
                    </p>
                    {move || download_error.get().map(|e| view! { <p>{e}</p> })}
                </div>
            }
            .into_any(),
        ),
        Persistence::MemoryOnly(reason) => Some(
            view! {
                <div class="banner warn" role="alert">
                    <p><strong>"ServiceLab cannot store anything in this browser"</strong> " (" {reason} "). "
                    "You can work normally, but everything is lost when the tab closes."</p>
                    <p class="banner-actions">
                        <button type="button" class="button" on:click=download>"Download the workspace"</button>
                    </p>
                </div>
            }
            .into_any(),
        ),
        Persistence::ReadOnly { reason, .. } => Some(
            view! {
                <div class="banner warn" role="alert">
                    <p><strong>"Read-only. "</strong> {reason}</p>
                    <p>"You can look around; changes are refused and nothing is written."</p>
                </div>
            }
            .into_any(),
        ),
    };
    let notice = move || {
        app.info.with(|i| i.notice.clone()).map(|notice| match notice {
            Notice::Info(text) => view! {
                <div class="banner info" role="status">
                    <p>{text}</p>
                    <p class="banner-actions"><button type="button" class="button" on:click=move |_| app.dismiss_notice()>"Dismiss"</button></p>
                </div>
            }
            .into_any(),
            Notice::Conflict(text) => {
                let mine = move |_| {
                    if let Some(json) = app.stale_copy() {
                        let name = app.workspace.with_untracked(|ws| ws.name().to_owned());
                        download_error.set(download_text(&file_name(&format!("{name} (this tab)")), "application/json", &json).err());
                    }
                };
                view! {
                    <div class="banner danger" role="alert">
                        <p>{text}</p>
                        <p class="banner-actions">
                            <button type="button" class="button" on:click=mine>"Download this tab's version"</button>
                            <button type="button" class="button" on:click=move |_| app.dismiss_notice()>"Dismiss"</button>
                        </p>
                    </div>
                }
                .into_any()
            }
        })
    };
    let reminded = RwSignal::new(0u64);
    let reminder = move || {
        let count = app.info.with(|i| i.unexported);
        let due = count >= EXPORT_REMINDER_AT && count >= reminded.get() + EXPORT_REMINDER_AT;
        due.then(|| {
            let export = move |e| {
                download(e);
                if download_error.get_untracked().is_none() {
                    app.mark_exported();
                }
            };
            view! {
                <div class="banner info" role="status" aria-label="Export reminder">
                    <p><strong>{count} " changes since this workspace was last exported. "</strong>
                    "Browser storage can be cleared; an exported file is your own copy."</p>
                    <p class="banner-actions">
                        <button type="button" class="button" on:click=export>"Export now"</button>
                        <button type="button" class="button" on:click=move |_| reminded.set(count)>"Remind me later"</button>
                    </p>
                </div>
            }
        })
    };
    view! { {state} {notice} {reminder} }
}
