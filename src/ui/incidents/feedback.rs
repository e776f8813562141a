//! Where an incident page's one message goes ([`crate::ui::feedback`]).

use leptos::prelude::*;


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

/// The incident pages' message (see [`crate::ui::feedback`]).
pub type Feedback = crate::ui::feedback::Feedback<Place>;

/// Renders the page's message if it belongs at `place`.
#[component]
pub fn FeedbackBox(feedback: Feedback, place: Place) -> impl IntoView {
    feedback.view_at(place)
}
