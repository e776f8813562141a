//! `/slas`: every SLA, OLA and underpinning contract as a table, and the
//! editor of the one chosen (Edit on its row). Add, duplicate and delete
//! work on the draft.

use leptos::prelude::*;

use super::definition_form::DefinitionForm;
use super::editor::use_editor;
use super::notice::{NoticeBox, Spot};
use super::save_bar::SaveBar;
use crate::domain::sla::config::describe_target;
use crate::domain::sla::AgreementKind;
use crate::domain::sla::{SlaDefinition, SlaId};
use crate::domain::Workspace;
use crate::domain::sla::config::SlaConfigDraft;

/// The Definitions tab.
#[component]
pub fn DefinitionsTab() -> impl IntoView {
    let editor = use_editor();
    let notice = editor.notice;
    let confirming = RwSignal::new(None::<SlaId>);
    // The open definition, while it is in the draft.
    let open = Memo::new(move |_| editor.sla.get().filter(|id| editor.draft.with(|d| d.definition(*id).is_some())));

    let add = move |_| {
        let first = editor.app.workspace.with_untracked(|ws| ws.matrix().priority.levels.first().map(|l| l.value));
        let id = editor.draft.try_update(|d| d.add_definition(first));
        editor.sla.set(id);
        notice.status(Spot::Definitions, "Added \"New SLA\" to the draft: fill it in below, then save.");
    };

    let rows = move || {
        let draft = editor.draft.get();
        editor.app.workspace.with(|ws| {
            draft.slas.iter().map(|d| row(ws, &draft, d, confirming)).collect_view()
        })
    };

    let confirm = move || {
        confirming.get().and_then(|id| {
            let name = editor.draft.with(|d| d.definition(id).map(|s| s.name.clone()))?;
            let question = format!("Delete \"{name}\"? Its timers disappear from every ticket once you save.");
            let delete = move |_| {
                editor.draft.update(|d| d.remove_definition(id));
                confirming.set(None);
                notice.status(Spot::Definitions, format!("Deleted \"{name}\" from the draft. Save to put it out of force, or discard to get it back."));
            };
            Some(view! {
                <div class="confirm" role="group" aria-label="Confirm deletion">
                    <p>{question}</p>
                    <div class="form-buttons">
                        <button type="button" class="button danger" on:click=delete>"Delete definition"</button>
                        <button type="button" class="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                    </div>
                </div>
            })
        })
    };

    view! {
        <div class="definitions-tab">
            <div class="tab-toolbar">
                <p class="muted">
                    "A timer runs on every ticket a definition matches. Targets count only the open hours of the definition's calendar."
                </p>
                <button type="button" class="button" on:click=add>"Add definition"</button>
            </div>
            <div class="table-wrap">
                <table class="data-table sla-table">
                    <caption class="visually-hidden">"SLA definitions in the draft"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Metric"</th>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Calendar"</th>
                            <th scope="col">"Priorities"</th>
                            <th scope="col">"Conditions"</th>
                            <th scope="col">"On reopen"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <NoticeBox notice spot=Spot::Definitions />
            {move || open.get().map(|id| {
                let name = move || editor.draft.with(|d| d.definition(id).map(|s| s.name.clone()).unwrap_or_default());
                let duplicate = move |_| {
                    if let Some(copy) = editor.draft.try_update(|d| d.duplicate(id)).flatten() {
                        editor.sla.set(Some(copy));
                        confirming.set(None);
                        let name = editor.draft.with_untracked(|d| d.definition(copy).map(|s| s.name.clone()).unwrap_or_default());
                        notice.status(Spot::Definitions, format!("Added \"{name}\" to the draft: edit it below, then save."));
                    }
                };
                view! {
                    <div class="form-head">
                        <h2 id="definition-form-title">{move || format!("Edit \"{}\"", name())}</h2>
                        <div class="form-buttons">
                            <button type="button" class="button" on:click=duplicate>"Duplicate this definition"</button>
                            <button type="button" class="button" on:click=move |_| { notice.clear(); confirming.set(Some(id)); }>
                                "Delete this definition"
                            </button>
                        </div>
                    </div>
                    {confirm}
                    <DefinitionForm id />
                }
            })}
            <SaveBar />
        </div>
    }
}

/// One row of the table, with its Edit, Duplicate and Delete buttons.
fn row(ws: &Workspace, draft: &SlaConfigDraft, d: &SlaDefinition, confirming: RwSignal<Option<SlaId>>) -> impl IntoView + use<> {
    let editor = use_editor();
    let notice = editor.notice;
    let id = d.id;
    let edit = move |_| {
        editor.sla.set(Some(id));
        confirming.set(None);
        notice.clear();
        super::controls::focus_soon("sla-name");
    };
    let scale = &ws.matrix().priority;
    let priorities = d.conditions.priorities.iter().map(|p| format!("P{p}")).collect::<Vec<_>>().join(", ");
    let priorities_title = d.conditions.priorities.iter().map(|p| scale.describe(*p)).collect::<Vec<_>>().join(", ");
    let mut conditions = vec![d.conditions.ticket_kind.label().to_string()];
    if let Some(service) = d.conditions.service {
        conditions.push(format!("service {}", ws.services().iter().find(|s| s.id == service).map_or("(missing)", |s| s.name.as_str())));
    }
    if let Some(group) = d.conditions.group {
        conditions.push(format!("group {}", ws.group(group).map_or("(missing)", |g| g.name.as_str())));
    }
    let problems = draft.definition_problems(id).len();
    let name = d.name.clone();
    view! {
        <tr class:current=move || editor.sla.get() == Some(id) class:has-problems={problems > 0}>
            <th scope="row">
                {name.clone()}
                {(problems > 0).then(|| view! { <span class="badge problem">{if problems == 1 { "1 problem".to_string() } else { format!("{problems} problems") }}</span> })}
            </th>
            <td title=d.kind.label()>{kind_short(d.kind)}</td>
            <td>{d.metric.label()}</td>
            <td class="num">{describe_target(d.target_minutes)}</td>
            <td>{draft.calendar_name(d.calendar)}</td>
            <td title=priorities_title>{priorities}</td>
            <td>{conditions.join(", ")}</td>
            <td class="reopen">{d.reopen.label()}</td>
            <td class="row-actions">
                <button type="button" class="button small" on:click=edit aria-label=format!("Edit {name}")>"Edit"</button>
            </td>
        </tr>
    }
}

/// The kind as the table's narrow column shows it: SLA, OLA or UC.
fn kind_short(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::Sla => "SLA",
        AgreementKind::Ola => "OLA",
        AgreementKind::UnderpinningContract => "UC",
    }
}
