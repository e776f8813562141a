//! The "SLA timers" panel of the incident form: every timer of the
//! incident, with a bar coloured by its band and the figures behind it.
//!
//! The timers are replayed from the incident's history at the app clock's
//! time (see `sla_clock.rs`), so the panel moves with the clock, live or
//! simulated. Bands, time left and every word about them come from
//! `domain::sla::summary`; this file only lays them out.

use leptos::prelude::*;

use super::sla_clock::use_sla_now;
use super::sla_explain::SlaExplain;
use crate::domain::sla::summary::{attaching, minutes_text, time_left_text};
use crate::domain::sla::{Band, SlaDefinition, Timer, timers};
use crate::domain::{TicketId, TicketKind};
use crate::ui::format::when;
use crate::ui::state::use_app;

/// The SLA timers of incident `id`, or, for a new incident (`None`), what will start them.
#[component]
pub fn SlaTimersPanel(id: Option<TicketId>) -> impl IntoView {
    let app = use_app();
    let now = use_sla_now();
    // One replay per minute of the clock (or per change to the workspace), shared by every row.
    let shown = Memo::new(move |_| {
        let now = now.get();
        app.workspace.with(|ws| {
            let record = id.and_then(|id| ws.record(id))?;
            let list: Vec<(Timer, SlaDefinition)> = timers(record, ws.slas(), ws.calendars(), now)
                .into_iter()
                .filter_map(|t| Some((t.clone(), ws.slas().iter().find(|d| d.id == t.definition)?.clone())))
                .collect();
            Some(list)
        })
    });
    let body = move || match shown.get() {
        None => view! {
            <p class="muted">
                "No timer yet: SLA timers start when the incident is created, from the SLA definitions its priority matches."
            </p>
            <StartingTimers />
        }
        .into_any(),
        Some(list) if list.is_empty() => {
            view! { <p class="muted">"No SLA definition applies to this incident's priority."</p> }.into_any()
        }
        Some(list) => view! {
            <ul class="timer-list">
                {list.into_iter().map(|(timer, definition)| view! { <TimerRow ticket=id timer definition /> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section class="side-panel sla-timers" aria-labelledby="sla-timers-title">
            <h2 id="sla-timers-title">"SLA timers"</h2>
            {body}
        </section>
    }
}

/// For a new incident: which timers each priority starts.
#[component]
fn StartingTimers() -> impl IntoView {
    let app = use_app();
    let rows = app.workspace.with_untracked(|ws| {
        let scale = &ws.matrix().priority;
        scale
            .levels
            .iter()
            .map(|level| {
                let names: Vec<String> =
                    attaching(ws.slas(), TicketKind::Incident, level.value, None, None).map(|d| d.name.clone()).collect();
                let names = if names.is_empty() { "none".to_string() } else { names.join(", ") };
                (scale.describe(level.value), names)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <dl class="timer-figures starting-timers">
            {rows.into_iter().map(|(priority, names)| view! { <dt>{priority}</dt><dd>{names}</dd> }).collect_view()}
        </dl>
    }
}

/// One timer: name, kind and metric, band, bar and figures.
#[component]
fn TimerRow(ticket: Option<TicketId>, timer: Timer, definition: SlaDefinition) -> impl IntoView {
    let band = Band::of(&timer, &definition.thresholds);
    let percent = timer.percent;
    let filled = percent.clamp(0.0, 100.0);
    let title_id = format!("timer-{}-title", definition.id.0);
    let labelled_by = title_id.clone();
    let target = minutes_text(definition.target_minutes);
    let used = format!("{percent:.0} % of {target}");
    let value_text = format!("{}: {used} used", band.label());
    let kind = format!("{} · {}", definition.kind.label(), definition.metric.label());
    let paused_since = timer.pauses.iter().rev().find(|p| p.to.is_none()).map(|p| when(p.from));
    let live = timer.achieved_at.is_none() && timer.cancelled_at.is_none();
    let moved = timer.due != timer.original_due;
    let cycle = (timer.cycle > 1).then(|| format!("Cycle {} (reopened)", timer.cycle));
    view! {
        <li class=format!("timer band-{}", band.key()) data-band=band.key() aria-labelledby=labelled_by>
            <div class="timer-head">
                <h3 id=title_id>{definition.name.clone()}</h3>
                <span class="timer-band">{band.label()}</span>
            </div>
            <p class="timer-kind">{kind}{cycle.map(|c| format!(" · {c}"))}</p>
            <div
                class="timer-bar"
                role="progressbar"
                aria-label=definition.name.clone()
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=format!("{filled:.0}")
                aria-valuetext=value_text
            >
                <div class="timer-fill" style:width=format!("{filled:.2}%")></div>
            </div>
            <p class="timer-used">{used}</p>
            <dl class="timer-figures">
                <dt>"Business elapsed"</dt>
                <dd>{format!("{} of {target} ({percent:.2} %)", minutes_text(timer.business_elapsed_minutes))}</dd>
                <dt>"Wall elapsed"</dt>
                <dd>{minutes_text(timer.wall_elapsed_minutes)}</dd>
                {live.then(|| view! {
                    <dt>"Time left"</dt>
                    <dd>{time_left_text(timer.time_left_minutes)}</dd>
                })}
                <dt>"Due"</dt>
                <dd><time datetime=timer.due.to_rfc3339()>{when(timer.due)}</time></dd>
                {moved.then(|| view! {
                    <dt>"Original due"</dt>
                    <dd><time datetime=timer.original_due.to_rfc3339()>{when(timer.original_due)}</time></dd>
                })}
                {paused_since.map(|since| view! { <dt>"Paused since"</dt><dd>{since}</dd> })}
                {timer.breached_at.map(|at| view! {
                    <dt>"Breached at"</dt>
                    <dd><time datetime=at.to_rfc3339()>{when(at)}</time></dd>
                })}
                {timer.achieved_at.map(|at| view! {
                    <dt>{if timer.breached_at.is_some() { "Met late at" } else { "Achieved at" }}</dt>
                    <dd><time datetime=at.to_rfc3339()>{when(at)}</time></dd>
                })}
                {timer.cancelled_at.map(|at| view! {
                    <dt>"Cancelled at"</dt>
                    <dd><time datetime=at.to_rfc3339()>{when(at)}</time></dd>
                })}
            </dl>
            {ticket.map(|ticket| view! { <SlaExplain ticket definition=definition.id name=definition.name.clone() /> })}
        </li>
    }
}
