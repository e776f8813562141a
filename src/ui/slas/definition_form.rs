//! The editor of one definition: every field, with the domain's messages
//! shown live beside the field they are about (pausing in New, no priority...).
//!
//! Each control writes straight into the draft; nothing here decides what is
//! valid. The messages come from [`SlaConfigDraft::definition_problems`].

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::controls::{check, field_messages, options};
use super::editor::use_editor;
use crate::domain::incident::{HoldReason, IncidentState};
use crate::domain::sla::config::{
    AGREEMENT_KINDS, Field, METRICS, SlaConfigDraft, join_target, parse_thresholds, split_target, thresholds_text,
};
use crate::domain::sla::{ReopenPolicy, SlaDefinition, SlaId};
use crate::domain::{GroupId, ServiceId, TicketKind};

/// Reads a value of definition `id` in the draft (the default when it is gone).
fn read<T: Default>(draft: RwSignal<SlaConfigDraft>, id: SlaId, f: impl Fn(&SlaDefinition) -> T) -> T {
    draft.with(|d| d.definition(id).map(f).unwrap_or_default())
}

/// Changes definition `id` in the draft.
fn edit(draft: RwSignal<SlaConfigDraft>, id: SlaId, f: impl FnOnce(&mut SlaDefinition)) {
    draft.update(|d| {
        if let Some(definition) = d.definition_mut(id) {
            f(definition);
        }
    });
}

/// The form of definition `id`.
#[component]
pub fn DefinitionForm(id: SlaId) -> impl IntoView {
    let editor = use_editor();
    let app = editor.app;
    let draft = editor.draft;
    let problems = Memo::new(move |_| draft.with(|d| d.definition_problems(id)));
    let messages = move |field: Field| {
        Signal::derive(move || {
            problems.with(|ps| ps.iter().filter(|p| p.field == field).map(|p| p.message.clone()).collect::<Vec<_>>())
        })
    };
    let invalid = move |field: Field| move || problems.with(|ps| ps.iter().any(|p| p.field == field)).to_string();

    // Kind, metric, calendar, ticket kind, service, group and reopen policy: selects.
    let kind_items = AGREEMENT_KINDS.iter().enumerate().map(|(n, k)| (n.to_string(), k.label().to_string())).collect();
    let kind_value = Signal::derive(move || {
        read(draft, id, |d| AGREEMENT_KINDS.iter().position(|k| *k == d.kind).unwrap_or(0).to_string())
    });
    let metric_items = METRICS.iter().enumerate().map(|(n, m)| (n.to_string(), m.label().to_string())).collect();
    let metric_value =
        Signal::derive(move || read(draft, id, |d| METRICS.iter().position(|m| *m == d.metric).unwrap_or(0).to_string()));
    let calendar_items = Memo::new(move |_| {
        draft.with(|d| d.calendars.iter().map(|c| (c.id.0.to_string(), c.name.clone())).collect::<Vec<_>>())
    });
    let calendar_options = move || {
        options(calendar_items.get(), Signal::derive(move || read(draft, id, |d| d.calendar.0.to_string())))
    };
    let ticket_items = TicketKind::ALL.iter().enumerate().map(|(n, k)| (n.to_string(), k.label().to_string())).collect();
    let ticket_value = Signal::derive(move || {
        read(draft, id, |d| TicketKind::ALL.iter().position(|k| *k == d.conditions.ticket_kind).unwrap_or(0).to_string())
    });
    let service_options = move || {
        let mut items = vec![(String::new(), "Any service".to_string())];
        app.workspace.with(|ws| items.extend(ws.services().iter().map(|s| (s.id.0.to_string(), s.name.clone()))));
        options(items, Signal::derive(move || read(draft, id, |d| d.conditions.service.map(|s| s.0.to_string()).unwrap_or_default())))
    };
    let group_options = move || {
        let mut items = vec![(String::new(), "Any group".to_string())];
        app.workspace.with(|ws| items.extend(ws.groups().iter().map(|g| (g.id.0.to_string(), g.name.clone()))));
        options(items, Signal::derive(move || read(draft, id, |d| d.conditions.group.map(|g| g.0.to_string()).unwrap_or_default())))
    };
    let reopen_items = ReopenPolicy::ALL.iter().enumerate().map(|(n, p)| (n.to_string(), p.label().to_string())).collect();
    let reopen_value = Signal::derive(move || {
        read(draft, id, |d| ReopenPolicy::ALL.iter().position(|p| *p == d.reopen).unwrap_or(0).to_string())
    });
    let index = |ev: &leptos::ev::Event| event_target_value(ev).parse::<usize>().ok();

    // Target: whole hours and minutes.
    let hours = move || read(draft, id, |d| split_target(d.target_minutes).0.to_string());
    let minutes = move || read(draft, id, |d| split_target(d.target_minutes).1.to_string());
    let number = |ev: &leptos::ev::Event| event_target_value(ev).trim().parse::<u64>().unwrap_or(0);

    // Priorities from the matrix's priority scale.
    let priority_boxes = move || {
        let levels = app.workspace.with(|ws| {
            let scale = &ws.matrix().priority;
            scale.levels.iter().map(|l| (l.value, scale.describe(l.value))).collect::<Vec<_>>()
        });
        levels
            .into_iter()
            .map(|(value, label)| {
                let checked = Signal::derive(move || read(draft, id, |d| d.conditions.priorities.contains(&value)));
                check(format!("sla-priority-{value}"), label, checked, move |on| {
                    edit(draft, id, |d| toggle(&mut d.conditions.priorities, value, on));
                })
            })
            .collect_view()
    };
    let state_boxes = |prefix: &'static str, pause: bool| {
        IncidentState::ALL
            .into_iter()
            .map(|state| {
                let checked = Signal::derive(move || {
                    read(draft, id, |d| if pause { &d.pause.states } else { &d.cancel.states }.contains(&state))
                });
                check(format!("{prefix}-{state:?}"), state.label().to_string(), checked, move |on| {
                    edit(draft, id, |d| toggle(if pause { &mut d.pause.states } else { &mut d.cancel.states }, state, on));
                })
            })
            .collect_view()
    };
    let on_hold_pauses =
        Memo::new(move |_| read(draft, id, |d| d.pause.states.contains(&IncidentState::OnHold) || d.pause.hold_reasons.is_some()));
    let some_reasons = Memo::new(move |_| read(draft, id, |d| d.pause.hold_reasons.is_some()));
    let reason_boxes = move || {
        some_reasons.get().then(|| {
            HoldReason::ALL
                .into_iter()
                .map(|reason| {
                    let checked = Signal::derive(move || {
                        read(draft, id, |d| d.pause.hold_reasons.as_ref().is_some_and(|r| r.contains(&reason)))
                    });
                    check(format!("sla-reason-{reason:?}"), reason.label().to_string(), checked, move |on| {
                        edit(draft, id, |d| {
                            if let Some(reasons) = d.pause.hold_reasons.as_mut() {
                                toggle(reasons, reason, on);
                            }
                        });
                    })
                })
                .collect_view()
        })
    };

    // Thresholds: typed as "50, 75, 100"; text that is not numbers is kept in the field with a message.
    let threshold_error = RwSignal::new(None::<String>);
    let threshold_messages = Signal::derive(move || {
        let mut all: Vec<String> = threshold_error.get().into_iter().collect();
        all.extend(messages(Field::Thresholds).get());
        all
    });

    view! {
        <form class="definition-form" aria-labelledby="definition-form-title" on:submit=|ev| ev.prevent_default()>
            <div class="form-columns">
                <fieldset class="form-group">
                    <legend>"Agreement"</legend>
                    <div class="field">
                        <label for="sla-name">"Name"</label>
                        <input
                            id="sla-name"
                            type="text"
                            prop:value=move || read(draft, id, |d| d.name.clone())
                            aria-invalid=invalid(Field::Name)
                            aria-describedby="sla-name-error"
                            on:input=move |ev| {
                                let name = event_target_value(&ev);
                                edit(draft, id, |d| d.name = name);
                            }
                        />
                        {field_messages(messages(Field::Name), "sla-name-error")}
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="sla-kind">"Kind"</label>
                            <select id="sla-kind" on:change=move |ev| { if let Some(k) = index(&ev).and_then(|n| AGREEMENT_KINDS.get(n)) {
                                edit(draft, id, |d| d.kind = *k);
                            } }>{options(kind_items, kind_value)}</select>
                        </div>
                        <div class="field">
                            <label for="sla-metric">"Metric"</label>
                            <select id="sla-metric" on:change=move |ev| { if let Some(m) = index(&ev).and_then(|n| METRICS.get(n)) {
                                edit(draft, id, |d| d.metric = *m);
                            } }>{options(metric_items, metric_value)}</select>
                        </div>
                    </div>
                    <fieldset class="field inline-fields" aria-describedby="sla-target-error">
                        <legend>"Target (business time on the calendar)"</legend>
                        <span class="pair">
                            <label for="sla-target-hours">"Target hours"</label>
                            <input
                                id="sla-target-hours"
                                type="number"
                                min="0"
                                inputmode="numeric"
                                prop:value=hours
                                aria-invalid=invalid(Field::Target)
                                on:change=move |ev| {
                                    let h = number(&ev);
                                    edit(draft, id, |d| d.target_minutes = join_target(h, split_target(d.target_minutes).1));
                                }
                            />
                        </span>
                        <span class="pair">
                            <label for="sla-target-minutes">"Target minutes"</label>
                            <input
                                id="sla-target-minutes"
                                type="number"
                                min="0"
                                max="59"
                                inputmode="numeric"
                                prop:value=minutes
                                aria-invalid=invalid(Field::Target)
                                on:change=move |ev| {
                                    let m = number(&ev);
                                    edit(draft, id, |d| d.target_minutes = join_target(split_target(d.target_minutes).0, m));
                                }
                            />
                        </span>
                    </fieldset>
                    {field_messages(messages(Field::Target), "sla-target-error")}
                    <div class="field">
                        <label for="sla-calendar">"Calendar"</label>
                        <select
                            id="sla-calendar"
                            aria-invalid=invalid(Field::Calendar)
                            aria-describedby="sla-calendar-error"
                            on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                edit(draft, id, |d| d.calendar = crate::domain::sla::CalendarId(n));
                            } }
                        >{calendar_options}</select>
                        {field_messages(messages(Field::Calendar), "sla-calendar-error")}
                    </div>
                </fieldset>
                <fieldset class="form-group">
                    <legend>"Which tickets"</legend>
                    <div class="field">
                        <label for="sla-ticket-kind">"Ticket kind"</label>
                        <select id="sla-ticket-kind" on:change=move |ev| { if let Some(k) = index(&ev).and_then(|n| TicketKind::ALL.get(n)) {
                            edit(draft, id, |d| d.conditions.ticket_kind = *k);
                        } }>{options(ticket_items, ticket_value)}</select>
                    </div>
                    <fieldset class="checks" aria-describedby="sla-priorities-error" aria-invalid=invalid(Field::Priorities)>
                        <legend>"Priorities"</legend>
                        {priority_boxes}
                    </fieldset>
                    {field_messages(messages(Field::Priorities), "sla-priorities-error")}
                    <div class="field">
                        <label for="sla-service">"Service"</label>
                        <select id="sla-service" on:change=move |ev| {
                            let service = event_target_value(&ev).parse::<u32>().ok().map(ServiceId);
                            edit(draft, id, |d| d.conditions.service = service);
                        }>{service_options}</select>
                    </div>
                    <div class="field">
                        <label for="sla-group">"Assignment group"</label>
                        <select id="sla-group" on:change=move |ev| {
                            let group = event_target_value(&ev).parse::<u32>().ok().map(GroupId);
                            edit(draft, id, |d| d.conditions.group = group);
                        }>{group_options}</select>
                    </div>
                </fieldset>
                <fieldset class="form-group">
                    <legend>"Pause and cancel"</legend>
                    <fieldset class="checks" aria-describedby="sla-pause-error">
                        <legend>"Pause in states"</legend>
                        {state_boxes("sla-pause", true)}
                    </fieldset>
                    {field_messages(messages(Field::PauseStates), "sla-pause-error")}
                    {move || on_hold_pauses.get().then(|| view! {
                        <fieldset class="checks" aria-describedby="sla-reasons-error">
                            <legend>"On Hold reasons that pause"</legend>
                            {check("sla-some-reasons".into(), "Only some hold reasons pause".into(), some_reasons.into(), move |on| {
                                edit(draft, id, |d| d.pause.hold_reasons = on.then(|| HoldReason::ALL.into_iter().collect()));
                            })}
                            {reason_boxes}
                        </fieldset>
                    })}
                    {field_messages(messages(Field::HoldReasons), "sla-reasons-error")}
                    <fieldset class="checks" aria-describedby="sla-cancel-error">
                        <legend>"Cancel in states"</legend>
                        {state_boxes("sla-cancel", false)}
                    </fieldset>
                    {field_messages(messages(Field::CancelStates), "sla-cancel-error")}
                </fieldset>
                <fieldset class="form-group">
                    <legend>"Warnings and reopening"</legend>
                    <div class="field">
                        <label for="sla-thresholds">"Warning thresholds (% of the target)"</label>
                        <input
                            id="sla-thresholds"
                            type="text"
                            inputmode="numeric"
                            prop:value=move || read(draft, id, |d| thresholds_text(&d.thresholds))
                            aria-invalid=move || (!threshold_messages.get().is_empty()).to_string()
                            aria-describedby="sla-thresholds-error"
                            on:change=move |ev| match parse_thresholds(&event_target_value(&ev)) {
                                Ok(list) => {
                                    threshold_error.set(None);
                                    edit(draft, id, |d| d.thresholds = list);
                                }
                                Err(e) => threshold_error.set(Some(e)),
                            }
                        />
                        <p class="field-note">"ServiceNow warns at 50, 75 and 100 %; iTop at 75 and 100 %. Over 100: reminders after the breach."</p>
                        {field_messages(threshold_messages, "sla-thresholds-error")}
                    </div>
                    <div class="field">
                        <label for="sla-reopen">"Reopen policy"</label>
                        <select id="sla-reopen" on:change=move |ev| { if let Some(p) = index(&ev).and_then(|n| ReopenPolicy::ALL.get(n)) {
                            edit(draft, id, |d| d.reopen = *p);
                        } }>{options(reopen_items, reopen_value)}</select>
                        <p class="field-note">"What a reopened ticket does to the resolution timer. A response timer, once met, stays met."</p>
                    </div>
                    <div class="field">
                        {check(
                            "sla-retroactive".into(),
                            "Retroactive start".into(),
                            Signal::derive(move || read(draft, id, |d| d.retroactive_start)),
                            move |on| edit(draft, id, |d| d.retroactive_start = on),
                        )}
                        <p class="field-note">"When a ticket starts matching later (its priority is raised), count from when it was logged, as ServiceNow's Retroactive start does; unticked, the clock starts at that moment."</p>
                    </div>
                </fieldset>
            </div>
        </form>
    }
}

/// Adds `value` to the set when `on`, removes it otherwise.
fn toggle<T: Ord>(set: &mut BTreeSet<T>, value: T, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}
