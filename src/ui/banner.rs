//! The storage banner: says loudly when the workspace is not safely stored.

use leptos::prelude::*;

use super::download::download_text;
use super::state::{Persistence, use_app};

/// Shown above every page while the workspace is not (or cannot be) saved.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let set_aside = move |_| outcome.set(Some(app.set_aside_unreadable()));
    let download_error = RwSignal::new(None::<String>);
    let download = move |_| {
        let (name, json) = app.workspace.with_untracked(|ws| (ws.name().to_owned(), ws.to_json()));
        let file = format!("{}.servicelab.json", name.to_lowercase().replace(' ', "-"));
        download_error.set(download_text(&file, "application/json", &json).err());
    };
    move || match app.persistence.get() {
        Persistence::Saved => outcome.get().and_then(Result::ok).map(|key| {
            view! {
                <div class="banner info" role="status">
                    <p>"The unreadable workspace is kept in this browser under " <code>{key}</code> ". Your new work is being saved."</p>
                </div>
            }
            .into_any()
        }),
        Persistence::Failed(reason) => Some(
            view! {
                <div class="banner danger" role="alert">
                    <p><strong>"Your last change was not saved. "</strong> {reason}</p>
                    <p>"Your work is still here in this tab. Keep the tab open and download the workspace before closing it."</p>
                    <p class="banner-actions">
                        <button type="button" class="button" on:click=download>"Download the workspace"</button>
                    </p>
                    {move || download_error.get().map(|e| view! { <p>{e}</p> })}
                </div>
            }
            .into_any(),
        ),
        Persistence::MemoryOnly(reason) => Some(
            view! {
                <div class="banner warn" role="alert">
                    <p><strong>"This browser does not let ServiceLab store anything"</strong> " (" {reason} "). "
                    "You can work normally, but everything is lost when the tab closes."</p>
                </div>
            }
            .into_any(),
        ),
        Persistence::Held { raw, error } => {
            let href = format!("data:application/json;charset=utf-8,{}", js_sys::encode_uri_component(&raw));
            Some(
                view! {
                    <div class="banner danger" role="alert">
                        <p><strong>"The workspace stored in this browser could not be read"</strong> " (" {error} "). "
                        "It has not been changed. You are looking at a demo workspace that is not saved."</p>
                        <p class="banner-actions">
                            <a class="button" href=href download="servicelab-unreadable-workspace.json">"Download the stored data"</a>
                            <button type="button" class="button" on:click=set_aside>"Keep it aside and start saving this demo"</button>
                        </p>
                        {move || outcome.get().and_then(Result::err).map(|e| view! { <p>"Nothing was changed: " {e}</p> })}
                    </div>
                }
                .into_any(),
            )
        }
    }
}
