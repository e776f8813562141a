//! The notification list in the header: the SLA warnings and breaches the
//! person the user acts as was told about, newest first.
//!
//! Notifications are events on the tickets (`Change::SlaNotified`, recorded
//! when the clock passes a threshold), so this list is only a view of the
//! workspace; what the person has read is one stored instant per person,
//! moved by `Command::MarkNotificationsRead`.

use leptos::prelude::*;
use leptos_router::components::A;

use super::format;
use super::state::use_app;
use crate::domain::Command;

/// How many notifications the list shows; the rest are counted.
const SHOWN: usize = 30;

/// A bell with the unread count that opens the acting person's notifications.
#[component]
pub fn NotificationList() -> impl IntoView {
    let app = use_app();
    let unread = move || app.workspace.with(|ws| ws.unread_notifications(app.actor.get()));
    let summary_label = move || match unread() {
        0 => "Notifications, none unread".to_string(),
        1 => "Notifications, 1 unread".to_string(),
        n => format!("Notifications, {n} unread"),
    };
    let feedback = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let mark_read = move |_| {
        let up_to = app.workspace.with_untracked(|ws| ws.clock().now);
        match app.apply(Command::MarkNotificationsRead { up_to }) {
            Ok(_) => feedback.set(None),
            Err(e) => feedback.set(Some(e.to_string())),
        }
    };
    let items = move || {
        app.workspace.with(|ws| {
            let person = app.actor.get();
            let seen = ws.notifications_seen(person);
            let all = ws.notifications_for(person);
            let more = all.len().saturating_sub(SHOWN);
            let rows = all
                .into_iter()
                .take(SHOWN)
                .filter_map(|n| {
                    let record = ws.record(n.ticket)?;
                    let event = record.events.get(n.event)?;
                    let number = record.number.to_string();
                    let is_new = seen.is_none_or(|s| n.at > s);
                    Some(view! {
                        <li class:unread=is_new>
                            <A href=format!("/incidents/{number}")>{number.clone()}</A>
                            " "
                            <span class="what">{ws.describe(event)}</span>
                            <time datetime=n.at.to_rfc3339()>{format::when(n.at)}</time>
                            {is_new.then(|| view! { <span class="visually-hidden">" (unread)"</span> })}
                        </li>
                    })
                })
                .collect_view();
            (rows, more)
        })
    };
    view! {
        <div class="notifications" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            <button
                type="button"
                class="notifications-button"
                aria-label=summary_label
                aria-expanded=move || open.get().to_string()
                aria-controls="notifications-panel"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <svg class="bell" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
                </svg>
                {move || (unread() > 0).then(|| view! { <span class="badge" aria-hidden="true">{unread()}</span> })}
            </button>
            <div id="notifications-panel" class="notifications-panel" role="region" aria-label="Notifications" hidden=move || !open.get()>
                <h2>"Notifications"</h2>
                <p class="hint">"SLA warnings and breaches sent to the person you act as."</p>
                {move || {
                    // Drawn only while open: a closed panel costs nothing when tickets change.
                    if !open.get() {
                        return ().into_any();
                    }
                    let (rows, more) = items();
                    let empty = app.workspace.with(|ws| ws.notifications_for(app.actor.get()).is_empty());
                    if empty {
                        view! { <p>"No notifications yet. They arrive as SLA timers pass 50 %, 75 % and 100 % of their target."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="notification-items">{rows}</ul>
                            {(more > 0).then(|| view! { <p class="hint">{format!("and {more} older")}</p> })}
                        }
                        .into_any()
                    }
                }}
                <button type="button" class="button" on:click=mark_read disabled=move || unread() == 0>
                    "Mark all as read"
                </button>
                {move || feedback.get().map(|text| view! { <p role="alert">{text}</p> })}
            </div>
        </div>
    }
}
