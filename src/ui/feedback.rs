//! The one message a page shows after an action: a success status or the
//! reason an action was refused, placed beside the part of the page that
//! acted.
//!
//! A page owns one [`Feedback`], keyed by its own enum of places; every
//! action replaces the message, so there is never more than one
//! `role="status"` or `role="alert"` box at a time. The incident pages and
//! the SLAs section each name their places.

use leptos::prelude::*;

use crate::domain::DomainError;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Message<P> {
    place: P,
    error: bool,
    text: String,
}

/// The page's current message, shared by its components (it is `Copy`).
pub struct Feedback<P: Send + Sync + 'static>(RwSignal<Option<Message<P>>>);

impl<P: Send + Sync + 'static> Clone for Feedback<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Send + Sync + 'static> Copy for Feedback<P> {}

impl<P: Copy + PartialEq + Send + Sync + 'static> Feedback<P> {
    /// A page with no message yet.
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Shows a success status at `place`.
    pub fn status(&self, place: P, text: impl Into<String>) {
        self.0.set(Some(Message { place, error: false, text: text.into() }));
    }

    /// Shows an error at `place` (an alert for assistive technology).
    pub fn error(&self, place: P, text: impl Into<String>) {
        self.0.set(Some(Message { place, error: true, text: text.into() }));
    }

    /// Shows the domain's refusal at `place`.
    pub fn refused(&self, place: P, error: &DomainError) {
        self.error(place, error.to_string());
    }

    /// Removes the message.
    pub fn clear(&self) {
        self.0.set(None);
    }

    /// Renders the message if it belongs at `place`.
    pub fn view_at(self, place: P) -> impl IntoView {
        move || {
            self.0.get().filter(|m| m.place == place).map(|m| {
                if m.error {
                    view! { <div class="feedback error" role="alert">{m.text}</div> }.into_any()
                } else {
                    view! { <p class="feedback ok" role="status">{m.text}</p> }.into_any()
                }
            })
        }
    }
}

impl<P: Copy + PartialEq + Send + Sync + 'static> Default for Feedback<P> {
    fn default() -> Self {
        Self::new()
    }
}
