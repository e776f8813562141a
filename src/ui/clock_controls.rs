//! The clock in the header, and the panel that drives a simulated clock:
//! run or pause, step, change speed, or jump to a date. Every move goes
//! through the domain, which refuses to go back before recorded history.
//! A date typed on a night the clocks change is read by the calendars' rule
//! ([`wall_time`]): its first occurrence, or the moment of the jump.

use chrono::{DateTime, Duration, Local, NaiveDateTime, TimeZone, Utc};
use leptos::prelude::*;

use super::clock::{ClockMode, SPEEDS};
use super::state::{AppState, use_app};
use crate::domain::clock::{WallTime, one_business_day_after, wall_time};

/// Moves the workspace and the app clock to `to` in `mode`. On refusal nothing
/// changes and the domain's reason is returned.
pub fn move_clock(app: AppState, to: DateTime<Utc>, mode: ClockMode) -> Result<String, String> {
    if let super::state::Persistence::ReadOnly { reason, .. } = app.persistence.get_untracked() {
        return Err(reason);
    }
    let simulated = matches!(mode, ClockMode::Simulated { .. });
    let result = app
        .workspace
        .try_maybe_update(|ws| match ws.set_clock(to, simulated) {
            Ok(closed) => (true, Ok(closed.len())),
            Err(e) => (false, Err(e.to_string())),
        })
        .expect("the workspace signal lives as long as the app");
    let closed = result?;
    app.clock.set(to, mode);
    app.persist();
    let when = to.with_timezone(&Local).format("%a %-d %b %Y, %H:%M");
    Ok(match closed {
        0 => format!("The clock is now at {when}."),
        1 => format!("The clock is now at {when}; 1 resolved incident closed automatically."),
        n => format!("The clock is now at {when}; {n} resolved incidents closed automatically."),
    })
}

/// The header's clock: the time, the mode, and the button to the controls.
#[component]
pub fn ClockDisplay() -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(false);
    let local = move || app.clock.now().with_timezone(&Local);
    let mode = move || match app.clock.mode.get() {
        ClockMode::Real => "Real time".to_string(),
        ClockMode::Simulated { running: true, speed } => format!("Simulated · ×{speed}"),
        ClockMode::Simulated { running: false, .. } => "Simulated · paused".to_string(),
    };
    view! {
        <div class="clock" role="group" aria-label="App clock">
            <span class="clock-mode" class:simulated=move || app.clock.is_simulated()>{mode}</span>
            <time datetime=move || local().to_rfc3339()>
                {move || local().format("%a %-d %b %Y, %H:%M:%S").to_string()}
            </time>
        </div>
        <button
            type="button"
            class="button clock-button"
            aria-expanded=move || open.get().to_string()
            aria-controls="clock-panel"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Clock"
        </button>
        <Show when=move || open.get()>
            <ClockPanel />
        </Show>
    }
}

/// The controls of the app clock.
#[component]
fn ClockPanel() -> impl IntoView {
    let app = use_app();
    let message = RwSignal::new(None::<Result<String, String>>);
    let show = move |result: Result<String, String>| message.set(Some(result));
    let simulated = move || app.clock.is_simulated();
    let speed = move || match app.clock.mode.get() {
        ClockMode::Simulated { speed, .. } => speed,
        ClockMode::Real => 60,
    };
    let running = move || matches!(app.clock.mode.get(), ClockMode::Simulated { running: true, .. });
    let go = move |to: DateTime<Utc>, mode: ClockMode| show(move_clock(app, to, mode));
    let paused = move || ClockMode::Simulated { running: false, speed: speed() };

    let to_real = move |_| go(Utc::now(), ClockMode::Real);
    let to_simulated = move |_| go(app.clock.now_untracked(), ClockMode::Simulated { running: false, speed: 60 });
    let step = move |by: Duration| go(app.clock.now_untracked() + by, paused());
    let date_input = RwSignal::new(app.clock.now_untracked().with_timezone(&Local).format("%Y-%m-%dT%H:%M").to_string());
    let set_date = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date_input.get_untracked();
        let Ok(local) = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M") else {
            return show(Err(format!("\u{201c}{text}\u{201d} is not a date and time; use the picker.")));
        };
        // The browser's zone is known only by its offsets, which it gives for any instant.
        let reading = wall_time(local, |at| Local.offset_from_utc_datetime(&at.naive_utc()));
        let typed = local.format("%H:%M");
        show(move_clock(app, reading.instant(), paused()).map(|said| match reading {
            WallTime::Once(_) => said,
            WallTime::Twice(_) => format!("{said} {typed} comes twice that night here (the clocks go back an hour); this is the first."),
            WallTime::Skipped(_) => {
                format!("{said} There is no {typed} that night here (the clocks go forward an hour), so the clock is at the moment they jump.")
            }
        }));
    };

    view! {
        <div id="clock-panel" class="clock-panel" role="group" aria-label="Clock controls">
            <fieldset class="clock-modes">
                <legend>"Clock mode"</legend>
                <label class="check">
                    <input type="radio" name="clock-mode" prop:checked=move || !simulated() on:change=to_real />
                    <span>"Real time"</span>
                </label>
                <label class="check">
                    <input type="radio" name="clock-mode" prop:checked=simulated on:change=to_simulated />
                    <span>"Simulated"</span>
                </label>
            </fieldset>
            <Show
                when=simulated
                fallback=|| view! { <p class="hint">"Simulate the clock to run time faster, step ahead or jump to a date. Every timer, age and auto-close follows it."</p> }
            >
                <div class="clock-row">
                    <button type="button" class="button" on:click=move |_| {
                        app.clock.mode.set(ClockMode::Simulated { running: !running(), speed: speed() });
                    }>{move || if running() { "Pause" } else { "Run" }}</button>
                    <label>
                        <span>"Speed"</span>
                        <select prop:value=move || speed().to_string() on:change=move |ev| {
                            if let Ok(s) = event_target_value(&ev).parse::<u32>() {
                                app.clock.mode.set(ClockMode::Simulated { running: running(), speed: s });
                            }
                        }>
                            {SPEEDS.into_iter().map(|s| view! { <option value=s.to_string()>{format!("×{s}")}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <div class="clock-row">
                    <button type="button" class="button" on:click=move |_| step(Duration::minutes(15))>"+15 min"</button>
                    <button type="button" class="button" on:click=move |_| step(Duration::hours(1))>"+1 hour"</button>
                    <button type="button" class="button" on:click=move |_| {
                        go(one_business_day_after(app.clock.now_untracked()), paused())
                    }>"+1 business day"</button>
                </div>
                <form class="clock-row" on:submit=set_date>
                    <label>
                        <span>"Set the clock to"</span>
                        <input type="datetime-local" bind:value=date_input />
                    </label>
                    <button type="submit" class="button">"Set"</button>
                </form>
            </Show>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="form-status" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            })}
        </div>
    }
}
