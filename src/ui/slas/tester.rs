//! `/slas/tester`: pick a calendar, a start on its wall clock and a duration;
//! see when it is due and every stretch in between, counted or skipped and why.
//! The presets load worked cases: overnight, lunch, a holiday, and the clocks
//! changing both ways.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::controls::options;
use super::editor::use_editor;
use super::format::{in_utc, in_zone, short_in_zone};
use crate::domain::calendar::presets::{
    DueWalk, MAX_TESTER_MINUTES, TesterPreset, describe_minutes, local_start, tester_presets,
};
use crate::domain::calendar::{BusinessCalendar, LocalTime, StretchKind};

/// A calendar the tester can run on: the draft's, or a preset's the workspace lacks.
#[derive(Clone, PartialEq)]
struct Choice {
    value: String,
    label: String,
    calendar: BusinessCalendar,
}

/// What the inputs ask, worked out; or why it cannot be.
#[derive(Clone, PartialEq)]
enum Outcome {
    Walk { walk: DueWalk, zone: chrono_tz::Tz, minutes: u64 },
    Problem(String),
}

/// The Calendar tester tab.
#[component]
pub fn TesterTab() -> impl IntoView {
    let editor = use_editor();
    let presets = StoredValue::new(tester_presets());
    // The draft's valid calendars, then the presets' calendars the draft has no equal of.
    let choices = Memo::new(move |_| {
        let mut out: Vec<Choice> = editor.draft.with(|d| {
            d.calendars
                .iter()
                .filter_map(|c| {
                    let calendar = c.draft.build().ok()?;
                    Some(Choice { value: format!("w{}", c.id.0), label: c.name.clone(), calendar })
                })
                .collect()
        });
        presets.with_value(|list| {
            for (n, p) in list.iter().enumerate() {
                if !out.iter().any(|c| c.calendar == p.calendar) {
                    out.push(Choice {
                        value: format!("p{n}"),
                        label: format!("{} (preset, not in this workspace)", p.calendar_name),
                        calendar: p.calendar.clone(),
                    });
                }
            }
        });
        out
    });

    let calendar = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let preset = RwSignal::new(None::<usize>);

    let load = move |n: usize| {
        let Some(p) = presets.with_value(|list| list.get(n).cloned()) else { return };
        let value = choices.with_untracked(|list| list.iter().find(|c| c.calendar == p.calendar).map(|c| c.value.clone()));
        let local = p.local_start();
        calendar.set(value.unwrap_or_default());
        date.set(local.format("%Y-%m-%d").to_string());
        time.set(local.format("%H:%M").to_string());
        hours.set((p.minutes / 60).to_string());
        minutes.set((p.minutes % 60).to_string());
        preset.set(Some(n));
    };
    load(0);

    let outcome = Memo::new(move |_| {
        let chosen = calendar.with(|v| choices.with(|list| list.iter().find(|c| c.value == *v).map(|c| c.calendar.clone())));
        let Some(cal) = chosen else { return Outcome::Problem("Choose a calendar.".into()) };
        let Ok(day) = NaiveDate::parse_from_str(&date.get(), "%Y-%m-%d") else {
            return Outcome::Problem("Choose the start date.".into());
        };
        let text = time.get();
        let Ok(clock) = text.get(..5).unwrap_or_default().parse::<LocalTime>() else {
            return Outcome::Problem("Choose the start time.".into());
        };
        let number = |s: String| if s.trim().is_empty() { Some(0) } else { s.trim().parse::<u64>().ok() };
        let (Some(h), Some(m)) = (number(hours.get()), number(minutes.get())) else {
            return Outcome::Problem("Write the duration in whole hours and minutes.".into());
        };
        let total = h.saturating_mul(60).saturating_add(m);
        if total > MAX_TESTER_MINUTES {
            return Outcome::Problem(format!(
                "The tester works out durations up to {}: enough for any SLA target.",
                describe_minutes(MAX_TESTER_MINUTES as i64)
            ));
        }
        let Some(start) = local_start(cal.zone(), day, clock.minutes() / 60, clock.minutes() % 60) else {
            return Outcome::Problem("Choose a start time from 00:00 to 23:59.".into());
        };
        Outcome::Walk { walk: DueWalk::new(&cal, start, total), zone: cal.zone(), minutes: total }
    });

    let manual = move |signal: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            signal.set(event_target_value(&ev));
            preset.set(None);
        }
    };
    let preset_buttons = presets.with_value(|list| {
        list.iter()
            .enumerate()
            .map(|(n, p)| {
                view! {
                    <button
                        type="button"
                        class="view-button"
                        aria-pressed=move || (preset.get() == Some(n)).to_string()
                        on:click=move |_| load(n)
                    >
                        {p.name}
                    </button>
                }
            })
            .collect_view()
    });
    let calendar_options = move || {
        let items = choices.with(|list| list.iter().map(|c| (c.value.clone(), c.label.clone())).collect());
        let mut items: Vec<(String, String)> = items;
        items.insert(0, (String::new(), "Choose a calendar".into()));
        options(items, calendar.into())
    };
    let lesson = move || {
        preset.get().and_then(|n| presets.with_value(|list| list.get(n).cloned())).map(|p: TesterPreset| {
            let expected = in_zone(p.expected_due, p.calendar.zone());
            let agrees = outcome.with(|o| matches!(o, Outcome::Walk { walk, .. } if walk.due == p.expected_due));
            view! {
                <div class="lesson">
                    <p><strong>{p.name}": "</strong>{p.lesson}</p>
                    <p>
                        "Worked out by hand: due " {expected}
                        {if agrees { " — the calendar agrees." } else { " — the calendar disagrees!" }}
                    </p>
                </div>
            }
        })
    };

    view! {
        <div class="tester-tab">
            <p class="muted">
                "When is a ticket due, and why then? Pick a calendar, the moment the clock starts on that calendar's wall clock, and a business-time duration."
            </p>
            <div class="presets" role="group" aria-label="Presets">
                <span class="presets-label">"Presets:"</span>
                {preset_buttons}
            </div>
            {lesson}
            <form class="tester-form" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="tester-calendar">"Calendar"</label>
                    <select id="tester-calendar" on:change=manual(calendar)>{calendar_options}</select>
                </div>
                <div class="field">
                    <label for="tester-date">"Start date"</label>
                    <input id="tester-date" type="date" prop:value=move || date.get() on:input=manual(date) />
                </div>
                <div class="field">
                    <label for="tester-time">"Start time"</label>
                    <input id="tester-time" type="time" prop:value=move || time.get() on:input=manual(time) />
                </div>
                <div class="field narrow">
                    <label for="tester-hours">"Duration hours"</label>
                    <input id="tester-hours" type="number" min="0" inputmode="numeric" prop:value=move || hours.get() on:input=manual(hours) />
                </div>
                <div class="field narrow">
                    <label for="tester-minutes">"Duration minutes"</label>
                    <input id="tester-minutes" type="number" min="0" max="59" inputmode="numeric" prop:value=move || minutes.get() on:input=manual(minutes) />
                </div>
            </form>
            <section class="tester-result" aria-labelledby="tester-result-title" aria-live="polite">
                <h2 id="tester-result-title">"Result"</h2>
                {move || outcome.with(|o| match o {
                    Outcome::Problem(text) => view! { <p class="muted">{text.clone()}</p> }.into_any(),
                    Outcome::Walk { walk, zone, minutes } => result(walk, *zone, *minutes).into_any(),
                })}
            </section>
        </div>
    }
}

/// The due instant and the stretches that lead to it.
fn result(walk: &DueWalk, zone: chrono_tz::Tz, minutes: u64) -> impl IntoView + use<> {
    let rows = walk
        .stretches
        .iter()
        .map(|s| {
            let (class, what) = match &s.kind {
                StretchKind::Counted => ("counted", "Counted".to_string()),
                StretchKind::Skipped(reason) => ("skipped", format!("Skipped: {}", reason.describe())),
            };
            view! {
                <tr class=class>
                    <td>
                        <span class="nowrap">{short_in_zone(s.from, zone)}</span>
                        " – "
                        <span class="nowrap">{short_in_zone(s.to, zone)}</span>
                    </td>
                    <td>{what}</td>
                    <td class="num">{describe_minutes(s.duration().num_minutes())}</td>
                </tr>
            }
        })
        .collect_view();
    let counted = describe_minutes(walk.counted_minutes);
    let asked = describe_minutes(minutes as i64);
    let equal = if walk.counted_minutes == minutes as i64 { "= the duration asked" } else { "≠ the duration asked" };
    view! {
        <dl class="due">
            <div>
                <dt>"Start"</dt>
                <dd>{in_zone(walk.start, zone)}<span class="muted">{format!(" · {}", in_utc(walk.start))}</span></dd>
            </div>
            <div>
                <dt>{format!("Due ({})", zone.name())}</dt>
                <dd><strong>{in_zone(walk.due, zone)}</strong></dd>
            </div>
            <div>
                <dt>"Due (UTC)"</dt>
                <dd>{in_utc(walk.due)}</dd>
            </div>
        </dl>
        <div class="table-wrap">
            <table class="data-table stretch-table">
                <caption>{format!("From start to due, on the {} clock", zone.name())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"From – to"</th>
                        <th scope="col">"Counted or skipped"</th>
                        <th scope="col" class="num">"Duration"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">{format!("Counted {equal} ({asked})")}</th>
                        <td class="num"><strong>{counted}</strong></td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="2">"Skipped (calendar closed)"</th>
                        <td class="num">{describe_minutes(walk.skipped_minutes)}</td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="2">"Real time from start to due"</th>
                        <td class="num">{describe_minutes(walk.wall_minutes())}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
