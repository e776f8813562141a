//! The small priority matrix beside impact and urgency: the cell the form's
//! values select is highlighted, and hovering a cell explains it.

use leptos::prelude::*;

use super::grid::{cell_sentence, cell_text, Grid};
use crate::ui::state::use_app;

/// The workspace's matrix as a table, highlighting the `impact` x `urgency` cell.
#[component]
pub fn MiniMatrix(impact: Signal<u8>, urgency: Signal<u8>) -> impl IntoView {
    let app = use_app();
    let hovered = RwSignal::new(None::<(u8, u8)>);
    let table = move || {
        app.workspace.with(|ws| {
            let matrix = ws.matrix();
            let grid = Grid::of(matrix);
            let (row_name, column_name) = grid.axis_names();
            let header = grid
                .columns
                .iter()
                .map(|&c| view! { <th scope="col" title=grid.describe_column(matrix, c)>{c}</th> })
                .collect_view();
            let rows = grid
                .rows
                .iter()
                .map(|&r| {
                    let cells = grid
                        .columns
                        .iter()
                        .map(|&c| {
                            let pair = grid.pair(r, c);
                            let is_current = move || (impact.get(), urgency.get()) == pair;
                            let is_hovered = move || hovered.get() == Some(pair);
                            view! {
                                <td
                                    class:current=is_current
                                    class:hovered=is_hovered
                                    title=cell_sentence(matrix, pair.0, pair.1)
                                    on:mouseenter=move |_| hovered.set(Some(pair))
                                >
                                    {cell_text(matrix, pair.0, pair.1)}
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row" title=grid.describe_row(matrix, r)>{r}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="mini-matrix" on:mouseleave=move |_| hovered.set(None)>
                    <caption>{format!("{} matrix", matrix.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="corner">
                                {format!("{row_name} ↓ {column_name} →")}
                            </th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    // What the hovered cell means, else what the selected cell gives.
    let explanation = move || {
        let (i, u) = hovered.get().unwrap_or_else(|| (impact.get(), urgency.get()));
        app.workspace.with(|ws| cell_sentence(ws.matrix(), i, u))
    };
    view! {
        <div class="mini-matrix-box">
            {table}
            <p class="matrix-explanation">{explanation}</p>
        </div>
    }
}
