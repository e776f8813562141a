//! The one message a page shows after an action: a success status or the
//! domain's reason for refusing, placed beside the part of the page that acted.
//!
//! A page owns one [`Feedback`]; every action replaces its message, so there is
//! never more than one `role="status"` or `role="alert"` box at a time.

use leptos::prelude::*;

use crate::domain::DomainError;

/// Where on the page a message belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The form fields and their Create/Save button (on the matrix page: the preset picker).
    Form,
    /// The state buttons and their panels (on the matrix page: Save and Discard).
    Actions,
    /// The escalation, major incident and related-record panels.
    Side,
    /// The activity stream.
    Activity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    place: Place,
    error: bool,
    text: String,
}

/// The page's current message, shared by its components (it is `Copy`).
#[derive(Clone, Copy)]
pub struct Feedback(RwSignal<Option<Message>>);

impl Feedback {
    /// A page with no message yet.
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Shows a success status at `place`.
    pub fn status(&self, place: Place, text: impl Into<String>) {
        self.0.set(Some(Message { place, error: false, text: text.into() }));
    }

    /// Shows an error at `place` (an alert for assistive technology).
    pub fn error(&self, place: Place, text: impl Into<String>) {
        self.0.set(Some(Message { place, error: true, text: text.into() }));
    }

    /// Shows the domain's refusal at `place`.
    pub fn refused(&self, place: Place, error: &DomainError) {
        self.error(place, error.to_string());
    }

    /// Removes the message.
    pub fn clear(&self) {
        self.0.set(None);
    }
}

impl Default for Feedback {
    fn default() -> Self {
        Self::new()
    }
}

/// Renders the page's message if it belongs at `place`.
#[component]
pub fn FeedbackBox(feedback: Feedback, place: Place) -> impl IntoView {
    let here = move || feedback.0.get().filter(|m| m.place == place);
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
