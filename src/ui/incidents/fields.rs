//! The incident form's fields, grouped as ServiceNow users expect: caller and
//! classification, priority and assignment, then what is wrong.
//!
//! Every control has a `<label>`. Required fields carry `aria-required`, and
//! once the person has tried to submit, an inline message under each empty one.

use leptos::prelude::*;

use super::controls::{id_value, option_list, parse_id};
use super::draft::{IncidentDraft, Missing};
use super::mini_matrix::MiniMatrix;
use crate::domain::{Category, CiId, GroupId, PersonId, ServiceId};
use crate::ui::state::use_app;

/// The fields of one incident, editing `draft`. `number` and `state` are shown read-only.
#[component]
pub fn IncidentFields(
    draft: RwSignal<IncidentDraft>,
    /// Whether to show the inline messages of empty required fields.
    show_missing: Signal<bool>,
    number: Signal<String>,
    state: Signal<String>,
    /// A line under the state, e.g. the hold reason.
    state_note: Signal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let missing = move |which: Missing| show_missing.get() && draft.with(|d| d.missing().contains(&which));

    let people = move || {
        app.workspace.with(|ws| ws.people().iter().map(|p| (p.id.0.to_string(), p.name.clone())).collect::<Vec<_>>())
    };
    let caller_options = move || {
        let mut items = vec![(String::new(), "Choose a caller".to_string())];
        items.extend(people());
        option_list(items, Signal::derive(move || draft.with(|d| id_value(d.caller.map(|p| p.0)))))
    };
    let category_options = move || {
        let items = Category::ALL.iter().map(|c| (format!("{c:?}"), c.label().to_string())).collect();
        option_list(items, Signal::derive(move || draft.with(|d| format!("{:?}", d.category))))
    };
    let service_options = move || {
        let mut items = vec![(String::new(), "(none)".to_string())];
        app.workspace.with(|ws| items.extend(ws.services().iter().map(|s| (s.id.0.to_string(), s.name.clone()))));
        option_list(items, Signal::derive(move || draft.with(|d| id_value(d.service.map(|s| s.0)))))
    };
    let ci_options = move || {
        let mut items = vec![(String::new(), "(none)".to_string())];
        app.workspace.with(|ws| {
            items.extend(ws.cis().iter().map(|c| (c.id.0.to_string(), format!("{} ({})", c.name, c.class))))
        });
        option_list(items, Signal::derive(move || draft.with(|d| id_value(d.ci.map(|c| c.0)))))
    };
    let level_options = move |impact: bool| {
        let items = app.workspace.with(|ws| {
            let scale = if impact { &ws.matrix().impact } else { &ws.matrix().urgency };
            scale.levels.iter().map(|l| (l.value.to_string(), scale.describe(l.value))).collect()
        });
        let selected = Signal::derive(move || draft.with(|d| if impact { d.impact } else { d.urgency }.to_string()));
        option_list(items, selected)
    };
    let group_options = move || {
        let mut items = vec![(String::new(), "(none)".to_string())];
        app.workspace.with(|ws| items.extend(ws.groups().iter().map(|g| (g.id.0.to_string(), g.name.clone()))));
        option_list(items, Signal::derive(move || draft.with(|d| id_value(d.group.map(|g| g.0)))))
    };
    // Only members of the chosen group can be assigned.
    let chosen_group = Memo::new(move |_| draft.with(|d| d.group));
    let agent_options = move || {
        let mut items = vec![(String::new(), "(nobody)".to_string())];
        app.workspace.with(|ws| {
            if let Some(g) = chosen_group.get().and_then(|g| ws.group(g)) {
                items.extend(g.members.iter().map(|&p| (p.0.to_string(), ws.person_name(p))));
            }
        });
        option_list(items, Signal::derive(move || draft.with(|d| id_value(d.agent.map(|p| p.0)))))
    };

    let priority = move || {
        let (impact, urgency) = draft.with(|d| (d.impact, d.urgency));
        app.workspace.with(|ws| ws.matrix().priority(impact, urgency).map(|p| ws.matrix().priority.describe(p)))
    };

    let on_group = move |ev| {
        let group = parse_id(&event_target_value(&ev)).map(GroupId);
        let members = app.workspace.with_untracked(|ws| group.and_then(|g| ws.group(g)).map(|g| g.members.clone()));
        draft.update(|d| {
            d.group = group;
            if !d.agent.is_some_and(|a| members.as_ref().is_some_and(|m| m.contains(&a))) {
                d.agent = None;
            }
        });
    };

    view! {
        <div class="form-columns">
            <fieldset class="form-group">
                <legend>"Caller and classification"</legend>
                <div class="field">
                    <label for="inc-number">"Number"</label>
                    <input id="inc-number" type="text" readonly prop:value=number />
                </div>
                <div class="field required">
                    <label for="inc-caller">"Caller"</label>
                    <select
                        id="inc-caller"
                        aria-required="true"
                        aria-invalid=move || missing(Missing::Caller).to_string()
                        aria-describedby="inc-caller-error"
                        on:change=move |ev| {
                            let caller = parse_id(&event_target_value(&ev)).map(PersonId);
                            draft.update(|d| d.caller = caller);
                        }
                    >
                        {caller_options}
                    </select>
                    <p id="inc-caller-error" class="field-error">
                        {move || missing(Missing::Caller).then_some(Missing::Caller.message())}
                    </p>
                </div>
                <div class="field">
                    <label for="inc-category">"Category"</label>
                    <select
                        id="inc-category"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(c) = Category::ALL.into_iter().find(|c| format!("{c:?}") == value) {
                                draft.update(|d| d.category = c);
                            }
                        }
                    >
                        {category_options}
                    </select>
                </div>
                <div class="field">
                    <label for="inc-subcategory">"Subcategory"</label>
                    <input
                        id="inc-subcategory"
                        type="text"
                        prop:value=move || draft.with(|d| d.subcategory.clone())
                        on:input=move |ev| draft.update(|d| d.subcategory = event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="inc-service">"Service"</label>
                    <select
                        id="inc-service"
                        on:change=move |ev| {
                            let service = parse_id(&event_target_value(&ev)).map(ServiceId);
                            draft.update(|d| d.service = service);
                        }
                    >
                        {service_options}
                    </select>
                </div>
                <div class="field">
                    <label for="inc-ci">"Configuration item"</label>
                    <select
                        id="inc-ci"
                        on:change=move |ev| {
                            let ci = parse_id(&event_target_value(&ev)).map(CiId);
                            draft.update(|d| d.ci = ci);
                        }
                    >
                        {ci_options}
                    </select>
                </div>
            </fieldset>
            <fieldset class="form-group">
                <legend>"Priority and assignment"</legend>
                <div class="field">
                    <label for="inc-state">"State"</label>
                    <input id="inc-state" type="text" readonly prop:value=state />
                    {move || state_note.get().map(|note| view! { <p class="field-note">{note}</p> })}
                </div>
                <div class="priority-block">
                    <div class="priority-fields">
                        <div class="field">
                            <label for="inc-impact">"Impact"</label>
                            <select
                                id="inc-impact"
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).parse() {
                                        draft.update(|d| d.impact = v);
                                    }
                                }
                            >
                                {move || level_options(true)}
                            </select>
                        </div>
                        <div class="field">
                            <label for="inc-urgency">"Urgency"</label>
                            <select
                                id="inc-urgency"
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).parse() {
                                        draft.update(|d| d.urgency = v);
                                    }
                                }
                            >
                                {move || level_options(false)}
                            </select>
                        </div>
                        <div class="field">
                            <label for="inc-priority">"Priority"</label>
                            <input
                                id="inc-priority"
                                type="text"
                                readonly
                                prop:value=move || priority().unwrap_or_default()
                                aria-describedby="inc-priority-note"
                            />
                            <p id="inc-priority-note" class="field-note">
                                {move || priority().err().map(|e| e.to_string())}
                            </p>
                        </div>
                    </div>
                    <MiniMatrix
                        impact=Signal::derive(move || draft.with(|d| d.impact))
                        urgency=Signal::derive(move || draft.with(|d| d.urgency))
                    />
                </div>
                <div class="field">
                    <label for="inc-group">"Assignment group"</label>
                    <select id="inc-group" on:change=on_group>{group_options}</select>
                </div>
                <div class="field">
                    <label for="inc-agent">"Assigned to"</label>
                    <select
                        id="inc-agent"
                        aria-describedby="inc-agent-note"
                        on:change=move |ev| {
                            let agent = parse_id(&event_target_value(&ev)).map(PersonId);
                            draft.update(|d| d.agent = agent);
                        }
                    >
                        {agent_options}
                    </select>
                    <p id="inc-agent-note" class="field-note">
                        {move || chosen_group.get().is_none().then_some("Choose an assignment group first: only its members can be assigned.")}
                    </p>
                </div>
            </fieldset>
        </div>
        <fieldset class="form-group wide">
            <legend>"What is wrong"</legend>
            <div class="field required">
                <label for="inc-short">"Short description"</label>
                <input
                    id="inc-short"
                    type="text"
                    aria-required="true"
                    aria-invalid=move || missing(Missing::ShortDescription).to_string()
                    aria-describedby="inc-short-error"
                    prop:value=move || draft.with(|d| d.short_description.clone())
                    on:input=move |ev| draft.update(|d| d.short_description = event_target_value(&ev))
                />
                <p id="inc-short-error" class="field-error">
                    {move || missing(Missing::ShortDescription).then_some(Missing::ShortDescription.message())}
                </p>
            </div>
            <div class="field">
                <label for="inc-description">"Description"</label>
                <textarea
                    id="inc-description"
                    rows="5"
                    prop:value=move || draft.with(|d| d.description.clone())
                    on:input=move |ev| draft.update(|d| d.description = event_target_value(&ev))
                ></textarea>
            </div>
        </fieldset>
    }
}
