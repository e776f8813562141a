//! The activity stream of a ticket: comments, work notes and every change.
//!
//! Posting adds a comment (the caller sees it) or a work note (agents only);
//! below, every event of the ticket's history is told as a sentence, newest first.

use leptos::prelude::*;

use super::feedback::{Feedback, FeedbackBox, Place};
use crate::domain::event::Change;
use crate::domain::{Command, TicketId};
use crate::ui::format;
use crate::ui::state::use_app;

/// What a post becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visibility {
    /// A comment visible to the caller.
    Comment,
    /// An internal work note.
    WorkNote,
}

/// The post box and the history of ticket `id`.
#[component]
pub fn ActivityStream(id: TicketId, feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let text = RwSignal::new(String::new());
    let visibility = RwSignal::new(Visibility::Comment);

    let post = move |_| {
        let body = text.get_untracked();
        let (command, done) = match visibility.get_untracked() {
            Visibility::Comment => (Command::AddComment { id, text: body }, "Comment posted."),
            Visibility::WorkNote => (Command::AddWorkNote { id, text: body }, "Work note added."),
        };
        match app.apply(command) {
            Ok(_) => {
                text.set(String::new());
                feedback.status(Place::Activity, done);
            }
            Err(e) => feedback.refused(Place::Activity, &e),
        }
    };

    let entries = move || {
        app.workspace.with(|ws| {
            let Some(record) = ws.record(id) else { return Vec::new() };
            record
                .events
                .iter()
                .rev()
                .map(|event| {
                    let (class, tag) = match event.change {
                        Change::WorkNote { .. } => ("entry work-note", Some("Work note")),
                        Change::Comment { .. } => ("entry comment", Some("Comment")),
                        _ => ("entry change", None),
                    };
                    let at = event.at;
                    view! {
                        <li class=class>
                            <div class="entry-head">
                                <span class="who">{ws.person_name(event.actor)}</span>
                                <time datetime=at.to_rfc3339()>{format::when(at)}</time>
                                {tag.map(|t| view! { <span class="tag">{t}</span> })}
                            </div>
                            <p class="what">{ws.describe(event)}</p>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    let choice = move |value: Visibility, input_id: &'static str, label: &'static str| {
        view! {
            <span class="choice">
                <input
                    type="radio"
                    id=input_id
                    name="post-visibility"
                    prop:checked=move || visibility.get() == value
                    on:change=move |_| visibility.set(value)
                />
                <label for=input_id>{label}</label>
            </span>
        }
    };

    view! {
        <section class="activity" aria-labelledby="activity-title">
            <h2 id="activity-title">"Activity"</h2>
            <div class="post-box">
                <div class="field">
                    <label for="post-text">"Comment"</label>
                    <textarea
                        id="post-text"
                        rows="3"
                        prop:value=text
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <fieldset class="choices">
                    <legend class="visually-hidden">"Visibility"</legend>
                    {choice(Visibility::Comment, "post-comment", "Comment (visible to the caller)")}
                    {choice(Visibility::WorkNote, "post-work-note", "Work note (internal)")}
                </fieldset>
                <div class="panel-buttons">
                    <button type="button" class="button primary" on:click=post>"Post"</button>
                </div>
                <FeedbackBox feedback place=Place::Activity />
            </div>
            <ol class="activity-list" aria-label="Activity">{entries}</ol>
        </section>
    }
}
