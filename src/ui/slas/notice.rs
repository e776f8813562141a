//! The one message a tab shows after an action: a status, or a refusal with
//! its reason, placed beside the part of the page that acted.

use leptos::prelude::*;

/// Where on the page a message belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// Beside Save and Discard.
    Save,
    /// Under the definitions table (add, duplicate, delete).
    Definitions,
    /// Beside the calendar list (add, delete).
    Calendars,
    /// The calendar editor (rename).
    Calendar,
    /// The holiday list.
    Holidays,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    spot: Spot,
    error: bool,
    text: String,
}

/// The section's current message (it is `Copy`); each action replaces it.
#[derive(Clone, Copy)]
pub struct Notice(RwSignal<Option<Message>>);

impl Notice {
    /// No message yet.
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// A success status at `spot`.
    pub fn status(&self, spot: Spot, text: impl Into<String>) {
        self.0.set(Some(Message { spot, error: false, text: text.into() }));
    }

    /// An error at `spot`, announced at once by assistive technology.
    pub fn error(&self, spot: Spot, text: impl Into<String>) {
        self.0.set(Some(Message { spot, error: true, text: text.into() }));
    }

    /// Removes the message.
    pub fn clear(&self) {
        self.0.set(None);
    }
}

/// Renders the message if it belongs at `spot`.
#[component]
pub fn NoticeBox(notice: Notice, spot: Spot) -> impl IntoView {
    let here = move || notice.0.get().filter(|m| m.spot == spot);
    move || {
        here().map(|m| {
            if m.error {
                view! { <div class="feedback error" role="alert">{m.text}</div> }.into_any()
            } else {
                view! { <p class="feedback ok" role="status">{m.text}</p> }.into_any()
            }
        })
    }
}
