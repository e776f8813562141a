//! A calendar's holidays: whole local days it is closed, once or every year.

use leptos::prelude::*;

use super::editor::use_editor;
use super::notice::{NoticeBox, Spot};
use crate::domain::calendar::draft::describe_holiday_date;
use crate::domain::sla::CalendarId;

/// The holiday list of calendar `id`, with a form to add one.
#[component]
pub fn HolidayList(id: CalendarId) -> impl IntoView {
    let editor = use_editor();
    let notice = editor.notice;
    let draft = editor.draft;
    let date = RwSignal::new(String::new());
    let yearly = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let holidays = Memo::new(move |_| draft.with(|d| d.calendar(id).map(|c| c.draft.holidays.clone()).unwrap_or_default()));

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (text, every_year, label) = (date.get_untracked(), yearly.get_untracked(), name.get_untracked());
        if text.trim().is_empty() {
            return notice.error(Spot::Holidays, "Choose the holiday's date first.");
        }
        let added = draft.try_update(|d| d.calendar_mut(id).map(|c| c.draft.add_holiday(&text, every_year, &label)));
        match added.flatten() {
            Some(Ok(())) => {
                let what = holidays.with_untracked(|h| h.last().map(|h| format!("{} ({})", h.label(), describe_holiday_date(&h.date))));
                notice.status(Spot::Holidays, format!("Added {} to the draft.", what.unwrap_or_default()));
                date.set(String::new());
                name.set(String::new());
                yearly.set(false);
            }
            Some(Err(e)) => notice.error(Spot::Holidays, e.to_string()),
            None => {}
        }
    };

    let rows = move || {
        holidays.with(|list| {
            list.iter()
                .enumerate()
                .map(|(position, holiday)| {
                    let label = holiday.label();
                    let remove = move |_| {
                        draft.update(|d| {
                            if let Some(c) = d.calendar_mut(id) {
                                c.draft.remove_holiday(position);
                            }
                        });
                        notice.clear();
                    };
                    view! {
                        <tr>
                            <td>{describe_holiday_date(&holiday.date)}</td>
                            <td>{holiday.name.clone().unwrap_or_else(|| "(no name)".to_string())}</td>
                            <td class="row-actions">
                                <button type="button" class="button small" aria-label=format!("Remove {label}") on:click=remove>"Remove"</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="holidays" aria-labelledby="holidays-title">
            <h3 id="holidays-title">"Holidays"</h3>
            <p class="muted">"A holiday closes the whole local day. Yearly holidays fall on the same day every year; holidays that move (Easter) are added once per year."</p>
            {move || if holidays.with(Vec::is_empty) {
                view! { <p class="muted">"No holidays."</p> }.into_any()
            } else {
                view! {
                    <table class="data-table holiday-table">
                        <caption class="visually-hidden">"Holidays of this calendar"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Name"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            <form class="add-holiday" on:submit=add>
                <div class="field">
                    <label for="holiday-date">"Holiday date"</label>
                    <input id="holiday-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                </div>
                <label class="check" for="holiday-yearly">
                    <input
                        id="holiday-yearly"
                        type="checkbox"
                        prop:checked=move || yearly.get()
                        on:change=move |ev| yearly.set(event_target_checked(&ev))
                    />
                    "Every year"
                </label>
                <div class="field">
                    <label for="holiday-name">"Holiday name"</label>
                    <input id="holiday-name" type="text" placeholder="e.g. Christmas Day" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button">"Add holiday"</button>
            </form>
            <NoticeBox notice spot=Spot::Holidays />
        </section>
    }
}
