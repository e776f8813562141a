//! The editable priority grid: one `<select>` per impact x urgency cell of a
//! draft matrix, with the cells the linter flags outlined.
//!
//! The table's structure only changes when the scales or layout change (a
//! preset is loaded); editing a cell updates that cell alone, so keyboard
//! focus stays where it is.

use leptos::prelude::*;

use super::controls::option_list;
use super::feedback::{Feedback, Place};
use super::grid::{cell_label, Grid};
use crate::domain::priority_lint::LintFinding;
use crate::domain::PriorityMatrix;

/// The draft's grid. `findings` are the linter's findings for the draft.
#[component]
pub fn MatrixGrid(draft: RwSignal<PriorityMatrix>, findings: Memo<Vec<LintFinding>>, feedback: Feedback) -> impl IntoView {
    // The draft without its cell values: equal as long as only cells change.
    let shape = Memo::new(move |_| {
        draft.with(|m| {
            let mut skeleton = m.clone();
            skeleton.cells.iter_mut().flatten().for_each(|c| *c = None);
            skeleton
        })
    });

    let cell = move |matrix: &PriorityMatrix, impact: u8, urgency: u8| {
        let flagged = move || findings.with(|f| f.iter().any(|x| (x.impact, x.urgency) == (impact, urgency)));
        let value = Signal::derive(move || {
            draft.with(|m| m.cell(impact, urgency).ok().flatten().map(|p| p.to_string()).unwrap_or_default())
        });
        let items = std::iter::once((String::new(), "(empty)".to_string()))
            .chain(matrix.priority.levels.iter().map(|l| (l.value.to_string(), matrix.priority.describe(l.value))))
            .collect();
        let on_change = move |ev| {
            let priority = event_target_value(&ev).parse::<u8>().ok();
            let result = draft.try_update(|m| m.set_cell(impact, urgency, priority));
            if let Some(Err(e)) = result {
                feedback.refused(Place::Form, &e);
            }
        };
        view! {
            <td class:lint-bad=flagged>
                <select
                    aria-label=cell_label(matrix, impact, urgency)
                    aria-invalid=move || flagged().to_string()
                    on:change=on_change
                >
                    {option_list(items, value)}
                </select>
            </td>
        }
    };

    move || {
        shape.with(|matrix| {
            let grid = Grid::of(matrix);
            let (row_name, column_name) = grid.axis_names();
            let header = grid
                .columns
                .iter()
                .map(|&c| view! { <th scope="col">{format!("{column_name} {}", grid.describe_column(matrix, c))}</th> })
                .collect_view();
            let rows = grid
                .rows
                .iter()
                .map(|&r| {
                    let cells = grid
                        .columns
                        .iter()
                        .map(|&c| {
                            let (impact, urgency) = grid.pair(r, c);
                            cell(matrix, impact, urgency)
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{format!("{row_name} {}", grid.describe_row(matrix, r))}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            let direction = if matrix.priority.lower_is_more_severe {
                "On this matrix a lower number is more severe."
            } else {
                "On this matrix a higher number is more severe."
            };
            view! {
                <div class="matrix-editor-wrap">
                    <table class="matrix-editor">
                        <caption>{format!("Draft: {}", matrix.name)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="corner">{format!("{row_name} ↓ {column_name} →")}</th>
                                {header}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p class="muted">{direction}</p>
                </div>
            }
        })
    }
}
