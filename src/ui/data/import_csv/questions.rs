//! Values with no meaning here (a state ServiceLab does not have, an
//! anonymised category, an unknown resolution code): one row each, with a
//! select for what it means. Nothing is guessed: until each is answered,
//! or covered by an explicit "every other ... is" choice, the import waits.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::Asked;
use super::steps::count;
use crate::domain::{Category, HoldReason, ResolutionCode};
use crate::storage::csv::{Answers, MappedState, Preview, Question, QuestionKind};
use crate::ui::incidents::controls::{id_value, option_list, parse_id};

fn kind_label(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::State => "State",
        QuestionKind::Category => "Category",
        QuestionKind::CloseCode => "Resolution code",
        QuestionKind::HoldReason => "On-hold reason",
    }
}

fn position<T: PartialEq>(all: &[T], found: Option<&T>) -> Option<u32> {
    found.and_then(|f| all.iter().position(|x| x == f)).map(|p| p as u32)
}

/// The answer given for a value, as its index among the question's options.
fn answer_of(answers: &Answers, kind: QuestionKind, value: &str) -> Option<u32> {
    match kind {
        QuestionKind::State => position(&MappedState::CHOICES, answers.states.get(value)),
        QuestionKind::Category => position(&Category::ALL, answers.categories.get(value)),
        QuestionKind::CloseCode => position(&ResolutionCode::ALL, answers.close_codes.get(value)),
        QuestionKind::HoldReason => position(&HoldReason::ALL, answers.hold_reasons.get(value)),
    }
}

fn put<T: Copy>(map: &mut BTreeMap<String, T>, all: &[T], value: &str, index: Option<u32>) {
    match index.and_then(|i| all.get(i as usize)) {
        Some(answer) => {
            map.insert(value.to_owned(), *answer);
        }
        None => {
            map.remove(value);
        }
    }
}

/// Records (or, with `None`, withdraws) the answer for a value.
fn answer(answers: &mut Answers, kind: QuestionKind, value: &str, index: Option<u32>) {
    match kind {
        QuestionKind::State => put(&mut answers.states, &MappedState::CHOICES, value, index),
        QuestionKind::Category => put(&mut answers.categories, &Category::ALL, value, index),
        QuestionKind::CloseCode => put(&mut answers.close_codes, &ResolutionCode::ALL, value, index),
        QuestionKind::HoldReason => put(&mut answers.hold_reasons, &HoldReason::ALL, value, index),
    }
}

/// What an unanswered select says: "Choose…", or the "every other" answer
/// that covers it.
fn unanswered(answers: &Answers, kind: QuestionKind) -> String {
    let other = match kind {
        QuestionKind::Category => answers.other_categories.map(Category::label),
        QuestionKind::CloseCode => answers.other_close_codes.map(ResolutionCode::label),
        _ => None,
    };
    other.map_or_else(|| "Choose…".to_owned(), |o| format!("As every other: {o}"))
}

fn row(q: Question, answers: RwSignal<Answers>, preview: RwSignal<Option<Preview>>, recheck: impl Fn(bool) + Copy + Send + Sync + 'static) -> impl IntoView {
    let Question { kind, column, value, count: rows, first_line, prompt, options } = q;
    let key = value.clone();
    let selected = Signal::derive(move || answers.with(|a| id_value(answer_of(a, kind, &key))));
    let key = value.clone();
    let open = move || preview.with(|p| p.as_ref().is_some_and(|p| p.questions.iter().any(|q| q.kind == kind && q.value == key)));
    let key = value.clone();
    let on_change = move |ev| {
        let index = parse_id(&event_target_value(&ev));
        answers.update(|a| answer(a, kind, &key, index));
        recheck(false);
    };
    // Only the first option's label follows the answers; the others never change.
    let unanswered_label = move || answers.with(|a| unanswered(a, kind));
    let items: Vec<(String, String)> = options.iter().enumerate().map(|(i, o)| (i.to_string(), o.clone())).collect();
    let shown = if value.is_empty() { "(empty)".to_owned() } else { value.clone() };
    view! {
        <tr class:open=open>
            <th scope="row">{shown}</th>
            <td>{kind_label(kind)}</td>
            <td><code>{column}</code></td>
            <td class="num">{rows}</td>
            <td class="num">{first_line}</td>
            <td>
                <select aria-label=prompt on:change=on_change>
                    <option value="" prop:selected=move || selected.with(String::is_empty)>{unanswered_label}</option>
                    {option_list(items, selected)}
                </select>
            </td>
        </tr>
    }
}

/// "Every other category is ...": an explicit answer for every value of a
/// kind not answered one by one.
fn every_other(kind: QuestionKind, answers: RwSignal<Answers>, recheck: impl Fn(bool) + Copy + Send + Sync + 'static) -> impl IntoView {
    let (label, labels): (&str, Vec<&str>) = match kind {
        QuestionKind::Category => ("Every category not answered above means", Category::ALL.iter().map(|c| c.label()).collect()),
        _ => ("Every resolution code not answered above means", ResolutionCode::ALL.iter().map(|c| c.label()).collect()),
    };
    let selected = Signal::derive(move || {
        answers.with(|a| match kind {
            QuestionKind::Category => id_value(position(&Category::ALL, a.other_categories.as_ref())),
            _ => id_value(position(&ResolutionCode::ALL, a.other_close_codes.as_ref())),
        })
    });
    let on_change = move |ev| {
        let index = parse_id(&event_target_value(&ev)).map(|i| i as usize);
        answers.update(|a| match kind {
            QuestionKind::Category => a.other_categories = index.and_then(|i| Category::ALL.get(i).copied()),
            _ => a.other_close_codes = index.and_then(|i| ResolutionCode::ALL.get(i).copied()),
        });
        recheck(false);
    };
    let items: Vec<(String, String)> = std::iter::once((String::new(), "(ask for each)".to_owned()))
        .chain(labels.into_iter().enumerate().map(|(i, l)| (i.to_string(), l.to_owned())))
        .collect();
    view! {
        <label class="csv-every-other">{label} " " <select on:change=on_change>{option_list(items, selected)}</select></label>
    }
}

/// The "Values to decide" step.
pub(super) fn step(
    answers: RwSignal<Answers>,
    asked: RwSignal<Asked>,
    preview: RwSignal<Option<Preview>>,
    recheck: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // Memos, so that a new preview does not rebuild (and unfocus) these selects.
    let has = move |kind: QuestionKind| Memo::new(move |_| asked.with(|a| a.keys().any(|(k, _)| *k == kind)));
    let (categories, codes) = (has(QuestionKind::Category), has(QuestionKind::CloseCode));
    let open = move || preview.with(|p| p.as_ref().map(|p| p.questions.len()));
    let intro = move || match (asked.with(Asked::len), open()) {
        (_, None) => "Reading the values…".to_owned(),
        (0, Some(_)) => "Every state, category, resolution code and on-hold reason in the file has a meaning here: nothing to decide.".to_owned(),
        (n, Some(0)) => format!("All {} decided.", count(n, "value is", "values are")),
        (n, Some(left)) => format!(
            "ServiceLab does not guess what another tool's values mean: say what each one is here. {} of {n} still to decide (highlighted).",
            left
        ),
    };
    view! {
        <section class="csv-step" aria-labelledby="csv-values-title">
            <h4 id="csv-values-title">"Values to decide"</h4>
            <p>{intro}</p>
            <Show when=move || asked.with(|a| !a.is_empty())>
                <div class="table-wrap csv-questions-wrap">
                    <table class="data-table csv-questions">
                        <caption>"Values in the file with no meaning in ServiceLab"</caption>
                        <thead><tr>
                            <th scope="col">"Value in the file"</th><th scope="col">"Kind"</th><th scope="col">"Column"</th>
                            <th scope="col" class="num">"Rows"</th><th scope="col" class="num">"First on line"</th><th scope="col">"Means in ServiceLab"</th>
                        </tr></thead>
                        <tbody>
                            <For
                                each={move || asked.get().into_values().collect::<Vec<_>>()}
                                key=|q| (q.kind, q.value.clone())
                                children=move |q| row(q, answers, preview, recheck)
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
            {move || categories.get().then(|| every_other(QuestionKind::Category, answers, recheck))}
            {move || codes.get().then(|| every_other(QuestionKind::CloseCode, answers, recheck))}
        </section>
    }
}
