//! The weekly grid: seven rows, Monday to Sunday, of 48 half-hour cells.
//!
//! Click a cell to open or close it; press and drag to paint several with
//! the state the first one took. With the keyboard, the grid is one tab stop:
//! the arrow keys move, Home and End jump to the ends of the day, Space or
//! Enter toggles. Each day's hours are also written out ("08:00–12:00,
//! 13:00–17:00") so a lunch break is plain to read.

use chrono::Weekday;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::editor::use_editor;
use crate::domain::calendar::draft::{CELL_MINUTES, CalendarDraft, DAY_MINUTES};
use crate::domain::calendar::schedule::{LocalTime, WEEK};
use crate::domain::sla::CalendarId;

/// Cells in a day.
const CELLS: u16 = DAY_MINUTES / CELL_MINUTES;

/// The day's full name, for cell labels.
fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "08:00" for a minute of the day.
fn time(minute: u16) -> String {
    LocalTime::from_hm(minute / 60, minute % 60).map(|t| t.to_string()).unwrap_or_default()
}

/// The id of a cell's button, to move focus to it.
fn cell_id(day: usize, cell: u16) -> String {
    format!("week-cell-{day}-{cell}")
}

/// The grid of calendar `id`.
#[component]
pub fn WeekGrid(id: CalendarId) -> impl IntoView {
    let editor = use_editor();
    let draft = editor.draft;
    let calendar = Memo::new(move |_| draft.with(|d| d.calendar(id).map(|c| c.draft.clone())));
    // While the pointer is down: whether the cells it passes open (true) or close.
    let painting = RwSignal::new(None::<bool>);
    // The cell that is the grid's tab stop.
    let cursor = RwSignal::new((0usize, 16u16));

    let paint = move |day: usize, cell: u16, open: bool| {
        draft.update(|d| {
            if let Some(c) = d.calendar_mut(id) {
                c.draft.paint_cell(WEEK[day], cell, open);
            }
        });
    };
    let is_open = move |day: usize, cell: u16| {
        calendar.with(|c| c.as_ref().is_some_and(|c: &CalendarDraft| c.cell_is_open(WEEK[day], cell)))
    };
    let stop = window_event_listener(leptos::ev::pointerup, move |_| painting.set(None));
    on_cleanup(move || stop.remove());

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (day, cell) = cursor.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (day, (cell + 1).min(CELLS - 1)),
            "ArrowLeft" => (day, cell.saturating_sub(1)),
            "ArrowDown" => ((day + 1).min(6), cell),
            "ArrowUp" => (day.saturating_sub(1), cell),
            "Home" => (day, 0),
            "End" => (day, CELLS - 1),
            _ => return,
        };
        ev.prevent_default();
        cursor.set(next);
        if let Some(element) = document().get_element_by_id(&cell_id(next.0, next.1))
            && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = element.focus();
        }
    };

    let header = (0..24u16)
        .map(|h| view! { <th scope="col" colspan="2" class="hour">{format!("{h:02}")}</th> })
        .collect_view();
    let rows = WEEK
        .into_iter()
        .enumerate()
        .map(|(day, weekday)| {
            let cells = (0..CELLS)
                .map(|cell| {
                    let label = format!("{} {}–{}", day_name(weekday), time(cell * CELL_MINUTES), time((cell + 1) * CELL_MINUTES));
                    let on_down = move |ev: leptos::ev::PointerEvent| {
                        if ev.button() != 0 {
                            return;
                        }
                        // Let the next cells see the pointer (a touch is captured by the first one).
                        if let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = target.release_pointer_capture(ev.pointer_id());
                        }
                        let open = !is_open(day, cell);
                        painting.set(Some(open));
                        cursor.set((day, cell));
                        paint(day, cell, open);
                    };
                    let on_enter = move |_| {
                        if let Some(open) = painting.get_untracked() {
                            paint(day, cell, open);
                        }
                    };
                    // A click from the keyboard (Space, Enter) has no pointer press before it.
                    let on_click = move |ev: leptos::ev::MouseEvent| {
                        if ev.detail() == 0 {
                            cursor.set((day, cell));
                            paint(day, cell, !is_open(day, cell));
                        }
                    };
                    view! {
                        <td>
                            <button
                                type="button"
                                id=cell_id(day, cell)
                                class="cell"
                                class:hour-start=cell % 2 == 0
                                aria-label=label
                                aria-pressed=move || is_open(day, cell).to_string()
                                tabindex=move || if cursor.get() == (day, cell) { "0" } else { "-1" }
                                on:pointerdown=on_down
                                on:pointerenter=on_enter
                                on:click=on_click
                            ></button>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="day">{day_name(weekday)[..3].to_string()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let texts = WEEK
        .into_iter()
        .map(|weekday| {
            let text = move || calendar.with(|c| c.as_ref().map(|c| c.day_text(weekday)).unwrap_or_default());
            view! {
                <li class="day-hours">
                    <span class="day">{day_name(weekday)}": "</span>
                    <span class="hours" class:closed=move || text() == "Closed">{text}</span>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="week" aria-labelledby="week-title">
            <h3 id="week-title">"Opening hours"</h3>
            <p class="muted" id="week-help">
                "Click a half hour to open or close it, or press and drag across several. "
                "Keyboard: Tab to the grid, arrow keys to move, Space to toggle. Times are on the calendar's local clock."
            </p>
            <div class="week-grid-wrap">
                <table class="week-grid" aria-describedby="week-help" on:keydown=on_key>
                    <caption class="visually-hidden">"Opening hours by half hour, Monday to Sunday; a pressed cell is open"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="day"><span class="visually-hidden">"Day"</span></th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="legend" aria-hidden="true">
                <span class="swatch open"></span>"open"
                <span class="swatch"></span>"closed"
            </p>
            <ul class="day-list" aria-label="Opening hours as text">{texts}</ul>
        </section>
    }
}
