//! Where the SLAs section's one message goes ([`crate::ui::feedback`]).

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

/// The section's current message (see [`crate::ui::feedback`]).
pub type Notice = crate::ui::feedback::Feedback<Spot>;

/// Renders the message if it belongs at `spot`.
#[component]
pub fn NoticeBox(notice: Notice, spot: Spot) -> impl IntoView {
    notice.view_at(spot)
}
