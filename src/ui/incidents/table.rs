//! The incident table, virtualized: however many rows match, only those in
//! view (plus a few either side) are in the DOM, between two spacer rows that
//! keep the scrollbar true. Every row has the same height, so the visible
//! slice follows from the scroll position by division.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::A;

use super::list_state::ListState;
use crate::domain::query::Column;
use crate::domain::sla::{TicketSla, sla_summary};
use crate::domain::{Incident, TicketId, Timestamp, Workspace};
use crate::ui::later::next_task;
use crate::ui::state::use_app;

/// Height of one row in pixels; `style/main.css` gives rows exactly this height.
pub const ROW_HEIGHT: f64 = 40.0;
const OVERSCAN: usize = 6;

/// The rows `[first, last)` to render for a scroll position and viewport height.
pub fn visible_range(total: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    let first = ((scroll_top.max(0.0) / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
    let count = (viewport.max(ROW_HEIGHT) / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    (first, (first + count).min(total))
}

/// The table of `rows` (ticket ids in display order); SLA columns are read at `sla_now`.
#[component]
pub fn IncidentTable(rows: Memo<Vec<TicketId>>, sla_now: Memo<Timestamp>) -> impl IntoView {
    let app = use_app();
    let list = expect_context::<ListState>();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(640.0);
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(f64::from(el.client_height()));
        }
    });
    let range = Memo::new(move |_| visible_range(rows.with(Vec::len), scroll_top.get(), viewport.get()));

    // Keep the active row (moved by j/k) in view.
    Effect::new(move |_| {
        let active = list.active.get() as f64;
        let Some(el) = scroller.get_untracked() else { return };
        let head = ROW_HEIGHT; // the sticky header covers the first row's height
        let top = f64::from(el.scroll_top());
        let height = f64::from(el.client_height());
        let row_top = active * ROW_HEIGHT;
        if row_top < top {
            el.set_scroll_top(row_top as i32);
        } else if row_top + ROW_HEIGHT + head > top + height {
            el.set_scroll_top((row_top + ROW_HEIGHT + head - height) as i32);
        }
    });

    let all_selected = move || {
        rows.with(|r| !r.is_empty() && list.selected.with(|s| r.iter().all(|id| s.contains(id))))
    };
    let toggle_all = move |ev| {
        let on = event_target_checked(&ev);
        list.selected.update(|s| {
            rows.with_untracked(|r| {
                if on {
                    s.extend(r.iter().copied());
                } else {
                    r.iter().for_each(|id| {
                        s.remove(id);
                    });
                }
            })
        });
    };

    let header = move || {
        list.columns.get().into_iter().map(|column| {
            let sort = move || list.query.with(|q| {
                if q.sort.column != column { "none" } else if q.sort.descending { "descending" } else { "ascending" }
            });
            let arrow = move || match sort() { "ascending" => "▲", "descending" => "▼", _ => "" };
            view! {
                <th scope="col" aria-sort=sort>
                    <button type="button" class="sort" on:click=move |_| list.sort_by(column)>
                        {column.label()} <span aria-hidden="true" class="arrow">{arrow}</span>
                    </button>
                </th>
            }
        }).collect_view()
    };

    // What the rows in view show changes only with their tickets and with the
    // priority matrix (the badge's colour): a change elsewhere in the
    // workspace, an auto-close off screen say, leaves them as they are.
    let shown = Memo::new(move |_| {
        let (first, last) = range.get();
        app.workspace.with(|ws| {
            let versions = ws.ticket_versions();
            let marks: Vec<Option<u64>> = rows.with(|r| r[first..last].iter().map(|id| versions.get(id.0 as usize - 1).copied()).collect());
            (marks, ws.matrix().clone())
        })
    });

    // The rows come a task after the rest of the page (see `ui::later`); the
    // spacers keep the table its full height meanwhile.
    let rows_ready = next_task();
    let body = move || {
        let (first, last) = range.get();
        let last = if rows_ready.get() { last } else { first };
        let columns = list.columns.get();
        let total = rows.with(Vec::len);
        shown.track();
        let top = first as f64 * ROW_HEIGHT;
        let bottom = (total - last) as f64 * ROW_HEIGHT;
        let span = columns.len() + 1;
        let visible = app.workspace.with_untracked(|ws| {
            rows.with(|r| {
                r[first..last]
                    .iter()
                    .enumerate()
                    .filter_map(|(offset, id)| {
                        ws.incident(*id).map(|inc| row(ws, inc, &columns, first + offset, list, sla_now))
                    })
                    .collect_view()
            })
        });
        view! {
            <tr class="spacer" aria-hidden="true"><td colspan=span style:height=format!("{top}px")></td></tr>
            {visible}
            <tr class="spacer" aria-hidden="true"><td colspan=span style:height=format!("{bottom}px")></td></tr>
        }
    };

    view! {
        <div
            class="table-scroll"
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <table class="incident-table" aria-label="Incidents" aria-rowcount=move || rows.with(Vec::len) + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="select">
                            <input type="checkbox" aria-label="Select all listed incidents" prop:checked=all_selected on:change=toggle_all />
                        </th>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">"No incident matches this view, search and filters."</p>
            </Show>
        </div>
    }
}

fn row(
    ws: &Workspace,
    inc: &Incident,
    columns: &[Column],
    index: usize,
    list: ListState,
    sla_now: Memo<Timestamp>,
) -> impl IntoView + use<> {
    let id = inc.id;
    let number = inc.number.to_string();
    let checked = move || list.selected.with(|s| s.contains(&id));
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        list.selected.update(|s| {
            if on { s.insert(id); } else { s.remove(&id); }
        });
    };
    let severity = super::labels::severity_class(ws.matrix(), inc.priority);
    // The row's SLA line, recomputed when the minute changes, only for rows in view.
    let sla = columns.iter().any(|c| c.is_sla()).then(|| {
        let workspace = use_app().workspace;
        Memo::new(move |_| {
            let now = sla_now.get();
            workspace.with(|ws| sla_summary(ws, id, now))
        })
    });
    let cells = columns
        .iter()
        .map(|column| {
            if let (true, Some(sla)) = (column.is_sla(), sla) {
                return sla_cell(*column, sla).into_any();
            }
            let text = column.display(ws, inc);
            match column {
                Column::Number => view! { <td><A href=format!("/incidents/{text}")>{text}</A></td> }.into_any(),
                Column::Priority => view! { <td><span class=format!("badge {severity}")>{text}</span></td> }.into_any(),
                Column::State => view! { <td><span class="state">{text}</span></td> }.into_any(),
                Column::ShortDescription => {
                    let title = text.clone();
                    view! { <td class="wide" title=title>{text}</td> }.into_any()
                }
                _ => view! { <td>{text}</td> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <tr
            aria-rowindex=index + 2
            class:active=move || list.active.get() == index
            class:major=inc.major
            on:click=move |_| list.active.set(index)
        >
            <td class="select">
                <input type="checkbox" aria-label=format!("Select {number}") prop:checked=checked on:change=toggle />
            </td>
            {cells}
        </tr>
    }
}

/// A cell of an SLA column; the stage carries its band as a class and a
/// `data-band` attribute, and always says it in words too.
fn sla_cell(column: Column, sla: Memo<Option<TicketSla>>) -> impl IntoView {
    let text = move || sla.with(|s| column.sla_text(s.as_ref()));
    match column {
        Column::SlaStage => {
            let band = move || sla.with(|s| s.map_or("none", |s| s.band.key()));
            view! {
                <td>
                    <span class=move || format!("sla-stage band-{}", band()) data-band=band>{text}</span>
                </td>
            }
            .into_any()
        }
        _ => {
            let overdue = move || sla.with(|s| s.is_some_and(|s| s.overdue()));
            view! { <td class="sla-figure" class:overdue=overdue>{text}</td> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visible_range_covers_the_viewport_and_stays_in_bounds() {
        assert_eq!(visible_range(0, 0.0, 600.0), (0, 0));
        assert_eq!(visible_range(10, 0.0, 600.0), (0, 10));
        let (first, last) = visible_range(100_000, 400_000.0, 600.0);
        assert_eq!(first, 10_000 - OVERSCAN);
        assert!(last - first <= 15 + 2 * OVERSCAN + 1);
        assert!(last * 40 >= 400_000 + 600);
        assert_eq!(visible_range(100_000, 1e12, 600.0).1, 100_000);
    }
}
