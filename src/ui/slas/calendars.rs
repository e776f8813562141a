//! `/slas/calendars`: the business calendars, and the editor of the one
//! chosen: name, time zone, 24x7, the weekly grid and the holidays.

use leptos::prelude::*;

use super::controls::{check, options};
use super::editor::{calendar_summary, use_editor};
use super::holidays::HolidayList;
use super::notice::{NoticeBox, Spot};
use super::save_bar::SaveBar;
use super::week_grid::WeekGrid;
use crate::domain::calendar::draft::{CalendarDraft, zone_choices};
use crate::domain::calendar::zone::parse_zone;
use crate::domain::sla::CalendarId;

/// The Calendars tab.
#[component]
pub fn CalendarsTab() -> impl IntoView {
    let editor = use_editor();
    let notice = editor.notice;
    let new_name = RwSignal::new(String::new());
    let open = Memo::new(move |_| editor.calendar.get().filter(|id| editor.draft.with(|d| d.calendar(*id).is_some())));

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let zone = editor.calendar.get_untracked().and_then(|id| editor.draft.with_untracked(|d| d.calendar(id).map(|c| c.draft.zone)));
        let name = new_name.get_untracked();
        match editor.draft.try_update(|d| d.add_calendar(&name, zone.unwrap_or(chrono_tz::Tz::UTC))) {
            Some(Ok(id)) => {
                editor.calendar.set(Some(id));
                new_name.set(String::new());
                notice.status(Spot::Calendars, format!("Added \"{}\": Monday to Friday 09:00–17:00 to start with. Draw its hours below, then save.", name.trim()));
            }
            Some(Err(e)) => notice.error(Spot::Calendars, e.to_string()),
            None => {}
        }
    };

    let list = move || {
        editor.draft.with(|d| {
            d.calendars
                .iter()
                .map(|c| {
                    let id = c.id;
                    let users = d.slas.iter().filter(|s| s.calendar == id).count();
                    let used = match users {
                        0 => "not used yet".to_string(),
                        1 => "used by 1 definition".to_string(),
                        n => format!("used by {n} definitions"),
                    };
                    let problem = c.draft.build().is_err();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="calendar-choice"
                                aria-pressed=move || (editor.calendar.get() == Some(id)).to_string()
                                on:click=move |_| {
                                    editor.calendar.set(Some(id));
                                    notice.clear();
                                }
                            >
                                <span class="name">{c.name.clone()}</span>
                                <span class="summary">{calendar_summary(&c.draft)}</span>
                                <span class="summary">{used}</span>
                                {problem.then(|| view! { <span class="badge problem">"Needs fixing"</span> })}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="calendars-tab">
            <aside class="calendar-list" aria-label="Calendars">
                <h2>"Calendars"</h2>
                <ul>{list}</ul>
                <form class="add-calendar" on:submit=add>
                    <div class="field">
                        <label for="new-calendar-name">"New calendar name"</label>
                        <input
                            id="new-calendar-name"
                            type="text"
                            placeholder="e.g. New York office"
                            prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="button">"Add calendar"</button>
                </form>
                <NoticeBox notice spot=Spot::Calendars />
            </aside>
            <div class="calendar-main">
                {move || match open.get() {
                    Some(id) => view! { <CalendarForm id /> }.into_any(),
                    None => view! { <p class="muted">"Choose a calendar to edit, or add one."</p> }.into_any(),
                }}
            </div>
        </div>
        <SaveBar />
    }
}

/// Reads the draft of calendar `id`.
fn read<T: Default>(id: CalendarId, f: impl Fn(&CalendarDraft) -> T) -> T {
    use_editor().draft.with(|d| d.calendar(id).map(|c| f(&c.draft)).unwrap_or_default())
}

/// The editor of calendar `id`.
#[component]
fn CalendarForm(id: CalendarId) -> impl IntoView {
    let editor = use_editor();
    let notice = editor.notice;
    let draft = editor.draft;
    let confirming = RwSignal::new(false);
    let name = move || draft.with(|d| d.calendar_name(id));
    let problem = Memo::new(move |_| draft.with(|d| d.calendar_problem(id)));
    let zone_items: Vec<(String, String)> =
        zone_choices().into_iter().map(|z| (z.name().to_string(), z.name().to_string())).collect();
    let zone_value = Signal::derive(move || read(id, |c| c.zone.name().to_string()));
    let always_open = Memo::new(move |_| read(id, |c| c.always_open));

    let rename = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match draft.try_update(|d| d.rename_calendar(id, &text)) {
            Some(Ok(())) => notice.clear(),
            Some(Err(e)) => {
                notice.error(Spot::Calendar, e.to_string());
                // Show the name in force again.
                draft.update(|_| {});
            }
            None => {}
        }
    };
    let set_zone = move |ev: leptos::ev::Event| {
        if let Ok(zone) = parse_zone(&event_target_value(&ev)) {
            draft.update(|d| {
                if let Some(c) = d.calendar_mut(id) {
                    c.draft.zone = zone;
                }
            });
        }
    };
    let delete = move |_| match draft.try_update(|d| d.remove_calendar(id)) {
        Some(Ok(())) => {
            confirming.set(false);
            editor.calendar.set(draft.with_untracked(|d| d.calendars.first().map(|c| c.id)));
            notice.status(Spot::Calendars, "Calendar deleted from the draft. Save to put it out of force.");
        }
        Some(Err(e)) => {
            confirming.set(false);
            notice.error(Spot::Calendar, e.to_string());
        }
        None => {}
    };

    view! {
        <section class="calendar-form" aria-labelledby="calendar-form-title">
            <h2 id="calendar-form-title">{move || format!("Edit \"{}\"", name())}</h2>
            {move || problem.get().map(|p| view! { <div class="feedback error" role="alert">{p}</div> })}
            <div class="field-row">
                <div class="field">
                    <label for="calendar-name">"Calendar name"</label>
                    <input id="calendar-name" type="text" prop:value=name on:change=rename />
                </div>
                <div class="field">
                    <label for="calendar-zone">"Time zone"</label>
                    <select id="calendar-zone" on:change=set_zone>{options(zone_items, zone_value)}</select>
                </div>
            </div>
            <div class="field">
                {check("calendar-24x7".into(), "Open 24x7 (every real hour counts)".into(), always_open.into(), move |on| {
                    draft.update(|d| {
                        if let Some(c) = d.calendar_mut(id) {
                            c.draft.always_open = on;
                        }
                    });
                })}
            </div>
            <NoticeBox notice spot=Spot::Calendar />
            {move || if always_open.get() {
                view! {
                    <p class="muted">
                        "Open around the clock: a day is 24 real hours, even on the days the clocks change. "
                        "The weekly hours are kept: untick 24x7 to see and edit them."
                    </p>
                }.into_any()
            } else {
                view! { <WeekGrid id /> }.into_any()
            }}
            <HolidayList id />
            <div class="danger-zone">
                {move || if confirming.get() {
                    view! {
                        <div class="confirm" role="group" aria-label="Confirm deletion">
                            <p>{format!("Delete the calendar \"{}\"?", name())}</p>
                            <div class="form-buttons">
                                <button type="button" class="button danger" on:click=delete>"Delete calendar"</button>
                                <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                            </div>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button" on:click=move |_| { notice.clear(); confirming.set(true); }>
                            "Delete this calendar"
                        </button>
                    }.into_any()
                }}
            </div>
        </section>
    }
}
