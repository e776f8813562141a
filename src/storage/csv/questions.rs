//! Values with no mapping become questions, never guesses.
//!
//! Another tool's state, category or resolution code may have no meaning
//! here: an anonymised `Category 55`, a `code 6`, an old ServiceNow state
//! such as `Awaiting Evidence`. The importer does not pick one: it lists each
//! such value once, as a [`Question`] ("Map \"code 6\" to which resolution
//! code?") with how often and where it occurs, and refuses to import until
//! the [`Answers`] say what each value means. The UI presents the questions
//! and fills the answers; a test or a script can fill them in code.

use std::collections::BTreeMap;

use super::convention::{known_hold_reason, known_state, MappedState};
use crate::domain::{Category, HoldReason, ResolutionCode};

/// What kind of value a question is about (and so what its answers are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuestionKind {
    /// A state: answer with one of [`MappedState::CHOICES`].
    State,
    /// A category: answer with one of [`Category::ALL`].
    Category,
    /// A resolution (close) code: answer with one of [`ResolutionCode::ALL`].
    CloseCode,
    /// An on-hold reason: answer with one of [`HoldReason::ALL`].
    HoldReason,
}

/// A value in the file that needs a person's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// What kind of value it is.
    pub kind: QuestionKind,
    /// The column it was found in, as the file names it.
    pub column: String,
    /// The value exactly as written (trimmed); empty for a blank cell.
    pub value: String,
    /// How many rows have it.
    pub count: usize,
    /// The first line where it occurs.
    pub first_line: usize,
    /// The question in a sentence, e.g. `Map "code 6" (close_code, 2836
    /// rows, first on line 2) to which resolution code?`.
    pub prompt: String,
    /// The labels of the possible answers, in the order of the kind's `ALL`.
    pub options: Vec<String>,
}

/// A person's answers: what each unmapped value means. A value answered
/// here is used even if it also has a documented mapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// State values (as written in the file) and the state each means.
    pub states: BTreeMap<String, MappedState>,
    /// Category values and the category each means.
    pub categories: BTreeMap<String, Category>,
    /// Close code values and the resolution code each means.
    pub close_codes: BTreeMap<String, ResolutionCode>,
    /// Hold reason values and the reason each means.
    pub hold_reasons: BTreeMap<String, HoldReason>,
    /// "Every other category is ...": an explicit choice for all category
    /// values not answered one by one (useful for anonymised categories).
    pub other_categories: Option<Category>,
    /// "Every other close code is ...", likewise.
    pub other_close_codes: Option<ResolutionCode>,
}

impl Answers {
    /// Answers every question with its first option: a convenience for
    /// tests and demos that says, in code, that the caller accepts it.
    pub fn first_option_for_all(questions: &[Question]) -> Answers {
        let mut answers = Answers::default();
        for q in questions {
            let v = q.value.clone();
            match q.kind {
                QuestionKind::State => {
                    answers.states.insert(v, MappedState::CHOICES[0]);
                }
                QuestionKind::Category => {
                    answers.categories.insert(v, Category::ALL[0]);
                }
                QuestionKind::CloseCode => {
                    answers.close_codes.insert(v, ResolutionCode::ALL[0]);
                }
                QuestionKind::HoldReason => {
                    answers.hold_reasons.insert(v, HoldReason::ALL[0]);
                }
            }
        }
        answers
    }
}

/// A category as ServiceNow names it (label or value), or `None`.
pub fn known_category(value: &str) -> Option<Category> {
    let v = value.trim().to_ascii_lowercase();
    if v == "inquiry" || v == "inquiry / help" || v == "inquiry/help" {
        return Some(Category::Inquiry);
    }
    Category::ALL.into_iter().find(|c| c.label().eq_ignore_ascii_case(&v))
}

/// A resolution code as ServiceNow labels it, or `None`.
pub fn known_close_code(value: &str) -> Option<ResolutionCode> {
    let v = value.trim();
    ResolutionCode::ALL.into_iter().find(|c| c.label().eq_ignore_ascii_case(v))
}

/// Looks values up (answers first, then the documented tables) and
/// collects a question for each value that has no meaning yet.
#[derive(Debug, Default)]
pub struct Resolver {
    /// The answers given so far.
    pub answers: Answers,
    asked: BTreeMap<(QuestionKind, String), Question>,
}

impl Resolver {
    /// A resolver using these answers.
    pub fn new(answers: Answers) -> Self {
        Resolver { answers, asked: BTreeMap::new() }
    }

    fn ask(&mut self, kind: QuestionKind, column: &str, value: &str, line: usize) {
        let entry = self.asked.entry((kind, value.to_string())).or_insert_with(|| Question {
            kind,
            column: column.to_string(),
            value: value.to_string(),
            count: 0,
            first_line: line,
            prompt: String::new(),
            options: options(kind),
        });
        entry.count += 1;
    }

    /// The state a value means, or `None` (and a question).
    pub fn state(&mut self, column: &str, value: &str, line: usize) -> Option<MappedState> {
        let value = value.trim();
        let found = self.answers.states.get(value).copied().or_else(|| known_state(value));
        if found.is_none() {
            self.ask(QuestionKind::State, column, value, line);
        }
        found
    }

    /// The category a value means, or `None` (and a question).
    pub fn category(&mut self, column: &str, value: &str, line: usize) -> Option<Category> {
        let value = value.trim();
        let found = self
            .answers
            .categories
            .get(value)
            .copied()
            .or_else(|| known_category(value))
            .or(self.answers.other_categories);
        if found.is_none() {
            self.ask(QuestionKind::Category, column, value, line);
        }
        found
    }

    /// The resolution code a value means, or `None` (and a question).
    pub fn close_code(&mut self, column: &str, value: &str, line: usize) -> Option<ResolutionCode> {
        let value = value.trim();
        let found = self
            .answers
            .close_codes
            .get(value)
            .copied()
            .or_else(|| known_close_code(value))
            .or(self.answers.other_close_codes);
        if found.is_none() {
            self.ask(QuestionKind::CloseCode, column, value, line);
        }
        found
    }

    /// The hold reason a value means, or `None` (and a question).
    pub fn hold_reason(&mut self, column: &str, value: &str, line: usize) -> Option<HoldReason> {
        let value = value.trim();
        let found = self.answers.hold_reasons.get(value).copied().or_else(|| known_hold_reason(value));
        if found.is_none() {
            self.ask(QuestionKind::HoldReason, column, value, line);
        }
        found
    }

    /// Every question asked, by kind then value, with its prompt written.
    pub fn questions(&self) -> Vec<Question> {
        self.asked
            .values()
            .map(|q| {
                let what = match q.kind {
                    QuestionKind::State => "state",
                    QuestionKind::Category => "category",
                    QuestionKind::CloseCode => "resolution code",
                    QuestionKind::HoldReason => "on-hold reason",
                };
                let shown = if q.value.is_empty() { "(empty)".to_string() } else { format!("\"{}\"", q.value) };
                let rows = if q.count == 1 { "1 row".to_string() } else { format!("{} rows", q.count) };
                Question {
                    prompt: format!("Map {shown} ({}, {rows}, first on line {}) to which {what}?", q.column, q.first_line),
                    ..q.clone()
                }
            })
            .collect()
    }
}

fn options(kind: QuestionKind) -> Vec<String> {
    match kind {
        QuestionKind::State => MappedState::CHOICES.iter().map(|s| s.label()).collect(),
        QuestionKind::Category => Category::ALL.iter().map(|c| c.label().to_string()).collect(),
        QuestionKind::CloseCode => ResolutionCode::ALL.iter().map(|c| c.label().to_string()).collect(),
        QuestionKind::HoldReason => HoldReason::ALL.iter().map(|r| r.label().to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_asked_once_with_counts() {
        let mut r = Resolver::new(Answers::default());
        assert_eq!(r.category("category", "Software", 2), Some(Category::Software));
        assert_eq!(r.category("category", "Category 55", 3), None);
        assert_eq!(r.category("category", "Category 55", 9), None);
        assert_eq!(r.close_code("closed_code", "", 4), None);
        let qs = r.questions();
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].prompt, "Map \"Category 55\" (category, 2 rows, first on line 3) to which category?");
        assert_eq!(qs[1].prompt, "Map (empty) (closed_code, 1 row, first on line 4) to which resolution code?");
        let answers = Answers::first_option_for_all(&qs);
        let mut r = Resolver::new(answers);
        assert_eq!(r.category("category", "Category 55", 3), Some(Category::Inquiry));
        assert!(r.questions().is_empty());
    }
}
