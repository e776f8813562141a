//! The filter bar of the incident list, the column chooser and "save view".

use leptos::prelude::*;

use super::list_state::{ListState, ViewChoice};
use crate::domain::query::{AssigneeFilter, Column, SavedView};
use crate::domain::{Command, GroupId, IncidentState, PersonId};
use crate::ui::state::use_app;

/// Filters by state, priority, group, assignee and the major flag.
#[component]
pub fn Filters() -> impl IntoView {
    let app = use_app();
    let list = expect_context::<ListState>();
    let edit = move |f: &dyn Fn(&mut crate::domain::query::Query)| {
        list.query.update(|q| f(q));
        list.active.set(0);
    };

    let state_value = move || {
        list.query.with(|q| match (q.active, q.states.as_slice()) {
            (Some(true), _) => "active".to_string(),
            (Some(false), _) => "inactive".to_string(),
            (None, [one]) => format!("{one:?}"),
            _ => String::new(),
        })
    };
    let on_state = move |ev| {
        let value = event_target_value(&ev);
        edit(&|q| {
            q.states.clear();
            q.active = None;
            match value.as_str() {
                "active" => q.active = Some(true),
                "inactive" => q.active = Some(false),
                other => q.states.extend(IncidentState::ALL.into_iter().filter(|s| format!("{s:?}") == other)),
            }
        });
    };
    let priority_value = move || list.query.with(|q| q.priorities.first().map(u8::to_string).unwrap_or_default());
    let on_priority = move |ev| {
        let value = event_target_value(&ev).parse::<u8>().ok();
        edit(&|q| q.priorities = value.into_iter().collect());
    };
    let group_value = move || list.query.with(|q| q.group.map(|g| g.0.to_string()).unwrap_or_default());
    let on_group = move |ev| {
        let value = event_target_value(&ev).parse::<u32>().ok().map(GroupId);
        edit(&|q| q.group = value);
    };
    let assignee_value = move || {
        list.query.with(|q| match q.assignee {
            AssigneeFilter::Anyone => String::new(),
            AssigneeFilter::Unassigned => "unassigned".into(),
            AssigneeFilter::Me => "me".into(),
            AssigneeFilter::Person(p) => p.0.to_string(),
        })
    };
    let on_assignee = move |ev| {
        let value = event_target_value(&ev);
        edit(&|q| {
            q.assignee = match value.as_str() {
                "unassigned" => AssigneeFilter::Unassigned,
                "me" => AssigneeFilter::Me,
                other => other.parse::<u32>().map_or(AssigneeFilter::Anyone, |id| AssigneeFilter::Person(PersonId(id))),
            }
        });
    };

    // Memos: a clock tick that changes tickets leaves these lists, and their options, alone.
    let priorities = Memo::new(move |_| app.workspace.with(|ws| ws.matrix().priority.levels.iter().map(|l| (l.value, ws.matrix().priority.describe(l.value))).collect::<Vec<_>>()));
    let groups = Memo::new(move |_| app.workspace.with(|ws| ws.groups().iter().map(|g| (g.id, g.name.clone())).collect::<Vec<_>>()));
    let agents = Memo::new(move |_| app.workspace.with(|ws| ws.people().iter().filter(|p| p.is_agent()).map(|p| (p.id, p.name.clone())).collect::<Vec<_>>()));

    view! {
        <div class="filters" role="group" aria-label="Filters">
            <label>
                <span>"State"</span>
                <select aria-label="Filter by state" on:change=on_state prop:value=state_value>
                    <option value="">"Any state"</option>
                    <option value="active">"Active (not resolved)"</option>
                    <option value="inactive">"Resolved, closed or canceled"</option>
                    {IncidentState::ALL.into_iter().map(|s| view! { <option value=format!("{s:?}")>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                <span>"Priority"</span>
                <select aria-label="Filter by priority" on:change=on_priority prop:value=priority_value>
                    <option value="">"Any priority"</option>
                    {move || priorities.get().into_iter().map(|(v, label)| view! { <option value=v.to_string()>{label}</option> }).collect_view()}
                </select>
            </label>
            <label>
                <span>"Assignment group"</span>
                <select aria-label="Filter by assignment group" on:change=on_group prop:value=group_value>
                    <option value="">"Any group"</option>
                    {move || groups.get().into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
                </select>
            </label>
            <label>
                <span>"Assigned to"</span>
                <select aria-label="Filter by assignee" on:change=on_assignee prop:value=assignee_value>
                    <option value="">"Anyone"</option>
                    <option value="unassigned">"Nobody (unassigned)"</option>
                    <option value="me">"Me"</option>
                    {move || agents.get().into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || list.query.with(|q| q.major == Some(true))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(&|q| q.major = on.then_some(true));
                    }
                />
                <span>"Major only"</span>
            </label>
            <ColumnChooser />
            <SaveView />
        </div>
    }
}

/// A disclosure with one checkbox per column.
#[component]
fn ColumnChooser() -> impl IntoView {
    let list = expect_context::<ListState>();
    view! {
        <details class="column-chooser">
            <summary>"Columns"</summary>
            <fieldset>
                <legend>"Show columns"</legend>
                {Column::ALL
                    .into_iter()
                    .map(|column| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || list.columns.with(|c| c.contains(&column))
                                    on:change=move |_| list.toggle_column(column)
                                />
                                <span>{column.label()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </details>
    }
}

/// Saves the current query under a name, in the workspace.
#[component]
fn SaveView() -> impl IntoView {
    let app = use_app();
    let list = expect_context::<ListState>();
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let view = SavedView { name: name.get_untracked().trim().to_string(), query: list.query.get_untracked() };
        let saved_name = view.name.clone();
        match app.apply(Command::SaveView(view)) {
            Ok(_) => {
                list.view.set(ViewChoice::Saved(saved_name.clone()));
                name.set(String::new());
                message.set(Some(Ok(format!("Saved the view \u{201c}{saved_name}\u{201d}."))));
            }
            Err(e) => message.set(Some(Err(e.to_string()))),
        }
    };
    let delete = move |_| {
        if let ViewChoice::Saved(view_name) = list.view.get_untracked() {
            match app.apply(Command::DeleteView { name: view_name.clone() }) {
                Ok(_) => {
                    app.workspace.with_untracked(|ws| list.choose(ViewChoice::All, ws.views()));
                    message.set(Some(Ok(format!("Deleted the view \u{201c}{view_name}\u{201d}."))));
                }
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        }
    };
    view! {
        <form class="save-view" on:submit=save>
            <input type="text" aria-label="View name" placeholder="Name this view" bind:value=name />
            <button type="submit" class="button">"Save view"</button>
            <Show when=move || matches!(list.view.get(), ViewChoice::Saved(_))>
                <button type="button" class="button" on:click=delete>"Delete view"</button>
            </Show>
        </form>
        {move || message.get().map(|m| match m {
            Ok(text) => view! { <p class="form-status" role="status">{text}</p> }.into_any(),
            Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
        })}
    }
}
