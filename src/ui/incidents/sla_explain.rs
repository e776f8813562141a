//! "Why?" under each SLA timer: the domain's [`Explanation`] laid out for a
//! student: which definition attached and why, how the clock ended, every
//! piece of time counted, skipped or paused, and the arithmetic that gives
//! the due time.
//!
//! The explanation is only worked out while the disclosure is open, and then
//! again at every minute of the app clock, so it always agrees with the bar
//! above it. Every word comes from `domain::sla::explain`.

use leptos::prelude::*;

use super::sla_clock::use_sla_now;
use crate::domain::TicketId;
use crate::domain::sla::explain::words::{local_range, span};
use crate::domain::sla::explain::{Row, SENTENCE_ROWS, Segment, SegmentKind};
use crate::domain::sla::{Explanation, SlaId, explain};
use crate::ui::state::use_app;

/// How many timeline rows the panel shows before summing up the middle.
const ROWS: usize = 12;

/// The "Why?" disclosure of timer `definition` on ticket `ticket`.
#[component]
pub fn SlaExplain(ticket: TicketId, definition: SlaId, name: String) -> impl IntoView {
    let app = use_app();
    let now = use_sla_now();
    let open = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let now = now.get();
        app.workspace.with(|ws| {
            let record = ws.record(ticket)?;
            let sla = ws.slas().iter().find(|d| d.id == definition)?;
            let explanation = explain(record, sla, ws.calendars(), now)?;
            // Attachment and ending: the sentences before the timeline's.
            let sentences = explanation.sentences_in(ws);
            let tail = explanation.timeline.rows(SENTENCE_ROWS).len() + explanation.arithmetic.len() + 1;
            let lead = sentences[..sentences.len().saturating_sub(tail)].to_vec();
            Some((explanation, lead))
        })
    });
    let body = move || {
        shown.get().map(|(explanation, lead)| view! { <ExplanationView explanation lead /> }.into_any()).unwrap_or_else(|| {
            view! { <p class="muted">{move || if open.get() { "No explanation: this timer has no replay at this time." } else { "" }}</p> }
                .into_any()
        })
    };
    view! {
        <details class="timer-why" on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
            <summary aria-label=format!("Why? Explain {name}")>"Why?"</summary>
            {body}
        </details>
    }
}

/// The explanation: sentences, timeline table and arithmetic.
#[component]
fn ExplanationView(explanation: Explanation, lead: Vec<String>) -> impl IntoView {
    let zone = explanation.zone;
    let rows = explanation.timeline.rows(ROWS);
    let caption = format!("Timeline on the \"{}\" calendar ({})", explanation.calendar_name, zone.name());
    let steps: Vec<String> = explanation.arithmetic.iter().map(|step| step.describe(zone)).collect();
    view! {
        <div class="why-body">
            {lead.into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
            <table class="why-timeline">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">"When"</th><th scope="col">"Length"</th><th scope="col">"Clock"</th><th scope="col">"Why"</th></tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| timeline_row(&row, zone)).collect_view()}
                </tbody>
            </table>
            <h4>"The arithmetic"</h4>
            <ol class="why-steps">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
        </div>
    }
}

/// One row of the timeline table: its class and the "Clock" column say the same thing.
fn timeline_row(row: &Row, zone: chrono_tz::Tz) -> impl IntoView + use<> {
    let (class, clock, why, from, to) = match row {
        Row::Segment(segment) => {
            let (class, clock) = segment_kind(segment);
            (class, clock, segment_why(segment), segment.from, segment.to)
        }
        Row::Summary(summary) => ("why-several", "Several pieces", summary.describe(zone), summary.from, summary.to),
    };
    view! {
        <tr class=class>
            <td>{local_range(zone, from, to)}</td>
            <td>{span(to - from)}</td>
            <td>{clock}</td>
            <td>{why}</td>
        </tr>
    }
}

fn segment_kind(segment: &Segment) -> (&'static str, &'static str) {
    match segment.kind {
        SegmentKind::Counted => ("why-counted", "Counted"),
        SegmentKind::Skipped(_) => ("why-skipped", "Skipped"),
        SegmentKind::Paused { .. } => ("why-paused", "Paused"),
    }
}

fn segment_why(segment: &Segment) -> String {
    match &segment.kind {
        SegmentKind::Counted => "the calendar was open".to_string(),
        SegmentKind::Skipped(reason) => reason.describe(),
        SegmentKind::Paused { state, hold_reason } => {
            let why = hold_reason.map_or_else(|| state.label().to_string(), |r| format!("{} ({})", state.label(), r.label()));
            format!("{why}; {} of opening hours did not count", span(segment.business))
        }
    }
}
