//! Bulk update of the selected incidents: assign, or change state where the
//! lifecycle allows it. Each incident goes through the domain on its own, so
//! one refusal neither blocks nor undoes the others; every refusal is listed.

use leptos::prelude::*;

use super::list_state::ListState;
use crate::domain::{Command, GroupId, HoldReason, IncidentState, PersonId, ResolutionCode, TicketId};
use crate::ui::state::use_app;

/// The outcome of one bulk action, as shown to the user.
#[derive(Clone)]
struct Outcome {
    done: usize,
    refused: Vec<String>,
}

/// The bar shown above the table while incidents are selected.
#[component]
pub fn BulkBar() -> impl IntoView {
    let app = use_app();
    let list = expect_context::<ListState>();
    let group = RwSignal::new(None::<GroupId>);
    let agent = RwSignal::new(None::<PersonId>);
    let state = RwSignal::new(None::<IncidentState>);
    let hold = RwSignal::new(HoldReason::AwaitingCaller);
    let code = RwSignal::new(ResolutionCode::ALL[0]);
    let notes = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);

    let run = move |make: &dyn Fn(TicketId) -> Command| {
        let ids: Vec<TicketId> = list.selected.get_untracked().into_iter().collect();
        let mut result = Outcome { done: 0, refused: Vec::new() };
        for id in ids {
            match app.apply(make(id)) {
                Ok(_) => result.done += 1,
                Err(e) => {
                    let number = app.workspace.with_untracked(|ws| ws.incident(id).map(|i| i.number.to_string()));
                    result.refused.push(format!("{}: {e}", number.unwrap_or_default()));
                }
            }
        }
        outcome.set(Some(result));
    };
    let assign = move |_| run(&|id| Command::Assign { id, group: group.get_untracked(), agent: agent.get_untracked() });
    let change_state = move |_| {
        let Some(to) = state.get_untracked() else { return };
        run(&|id| Command::Transition {
            id,
            to,
            hold_reason: Some(hold.get_untracked()),
            resolution_code: Some(code.get_untracked()),
            resolution_notes: notes.get_untracked(),
        })
    };

    let groups = move || app.workspace.with(|ws| ws.groups().iter().map(|g| (g.id, g.name.clone())).collect::<Vec<_>>());
    let members = move || {
        app.workspace.with(|ws| {
            group.get().and_then(|g| ws.group(g)).map_or_else(Vec::new, |g| {
                g.members.iter().map(|m| (*m, ws.person_name(*m))).collect::<Vec<_>>()
            })
        })
    };
    let count = move || list.selected.with(|s| s.len());

    view! {
        <Show when=move || { count() > 0 }>
            <div class="bulk-bar" role="region" aria-label="Bulk update">
                <p class="selected-count">{move || format!("{} selected", count())}</p>
                <div class="bulk-group">
                    <select aria-label="Bulk assignment group" on:change=move |ev| {
                        group.set(event_target_value(&ev).parse::<u32>().ok().map(GroupId));
                        agent.set(None);
                    }>
                        <option value="">"Choose a group"</option>
                        {move || groups().into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <select aria-label="Bulk assignee" on:change=move |ev| agent.set(event_target_value(&ev).parse::<u32>().ok().map(PersonId))>
                        <option value="">"Nobody in particular"</option>
                        {move || members().into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <button type="button" class="button" on:click=assign disabled=move || group.get().is_none()>"Assign selected"</button>
                </div>
                <div class="bulk-group">
                    <select aria-label="Bulk new state" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.set(IncidentState::ALL.into_iter().find(|s| format!("{s:?}") == value));
                    }>
                        <option value="">"Choose a state"</option>
                        {IncidentState::ALL.into_iter().filter(|s| *s != IncidentState::New).map(|s| view! { <option value=format!("{s:?}")>{s.label()}</option> }).collect_view()}
                    </select>
                    <Show when=move || state.get() == Some(IncidentState::OnHold)>
                        <select aria-label="Bulk on hold reason" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(r) = HoldReason::ALL.into_iter().find(|r| format!("{r:?}") == value) { hold.set(r) }
                        }>
                            {HoldReason::ALL.into_iter().map(|r| view! { <option value=format!("{r:?}")>{r.label()}</option> }).collect_view()}
                        </select>
                    </Show>
                    <Show when=move || state.get() == Some(IncidentState::Resolved)>
                        <select aria-label="Bulk resolution code" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(c) = ResolutionCode::ALL.into_iter().find(|c| format!("{c:?}") == value) { code.set(c) }
                        }>
                            {ResolutionCode::ALL.into_iter().map(|c| view! { <option value=format!("{c:?}")>{c.label()}</option> }).collect_view()}
                        </select>
                        <input type="text" aria-label="Bulk resolution notes" placeholder="Resolution notes" bind:value=notes />
                    </Show>
                    <button type="button" class="button" on:click=change_state disabled=move || state.get().is_none()>"Apply state"</button>
                </div>
                <button type="button" class="button link" on:click=move |_| { list.selected.set(Default::default()); outcome.set(None); }>
                    "Clear selection"
                </button>
            </div>
        </Show>
        {move || outcome.get().map(|o| view! {
            <div class="bulk-outcome" role="status">
                <p>{format!("Updated {} incident{}.", o.done, if o.done == 1 { "" } else { "s" })}
                   {(!o.refused.is_empty()).then(|| format!(" {} refused:", o.refused.len()))}</p>
                <ul>{o.refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            </div>
        })}
    }
}
