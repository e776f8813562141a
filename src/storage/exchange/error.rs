//! Why a file was not imported, in sentences a person can act on.
//!
//! A file is refused for one reason that stops reading at once (too large,
//! not JSON, another format, a newer version) or for a list of problems found
//! while checking a readable file, each with its place in the file as a JSON
//! path (`$.workspace.tickets[12].events[3].change.StateChanged.to`, indexes
//! counted from 0) so that it can be found in an editor.

use std::fmt;

/// How many problems are listed; the rest are only counted.
pub const MAX_PROBLEMS: usize = 200;

/// One thing wrong in a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, as a JSON path starting at `$`.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The problems found in a file: the first [`MAX_PROBLEMS`] in full, and
/// how many more there were.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems {
    listed: Vec<Problem>,
    total: usize,
}

impl Problems {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem (kept in full while fewer than [`MAX_PROBLEMS`] are listed).
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.total += 1;
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(Problem { path: path.into(), message: message.into() });
        }
    }

    /// The problems listed in full, in the order they were found.
    pub fn listed(&self) -> &[Problem] {
        &self.listed
    }

    /// How many problems were found in all.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many were found beyond those listed.
    pub fn more(&self) -> usize {
        self.total - self.listed.len()
    }

    /// Whether none was found.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.listed {
            writeln!(f, "- {problem}")?;
        }
        if self.more() > 0 {
            writeln!(f, "- and {} more", self.more())?;
        }
        Ok(())
    }
}

/// Why an import was refused. Nothing was changed in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than [`super::MAX_IMPORT_BYTES`]; it was not read.
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is not text in UTF-8.
    NotText {
        /// Line of the first byte that is not UTF-8 (from 1).
        line: usize,
        /// Column of that byte, in characters (from 1).
        column: usize,
    },
    /// The text is not JSON.
    NotJson {
        /// Line of the error (from 1).
        line: usize,
        /// Column of the error, in characters (from 1).
        column: usize,
        /// What the JSON reader expected, as it says it.
        reason: String,
    },
    /// Arrays and objects are nested deeper than the reader allows.
    TooDeep {
        /// Line where the limit was passed.
        line: usize,
        /// Column where the limit was passed, in characters.
        column: usize,
    },
    /// Valid JSON, but not a ServiceLab export (no envelope, or another `format`).
    NotAnExport {
        /// What the file looks like instead.
        found: String,
    },
    /// A ServiceLab export written by a newer version: refused, never guessed at.
    NewerSchema {
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A readable export with problems; every one is listed (up to [`MAX_PROBLEMS`]).
    Invalid(Problems),
}

impl ImportError {
    /// The problems behind an [`ImportError::Invalid`]; empty for the other kinds.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Invalid(problems) => problems.listed(),
            _ => &[],
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { bytes, limit } => write!(
                f,
                "This file is {} MB, more than the {} MB ServiceLab can import in a browser tab. Export a design (no tickets) or a smaller workspace instead.",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            Self::NotText { line, column } => write!(
                f,
                "This file is not text (UTF-8): line {line}, column {column} holds bytes that are not characters. Choose the .json file ServiceLab exported."
            ),
            Self::NotJson { line, column, reason } => write!(
                f,
                "This file is not valid JSON: at line {line}, column {column}, {reason}. It may be damaged or cut short; export it again."
            ),
            Self::TooDeep { line, column } => write!(
                f,
                "This file nests lists and objects more than {} levels deep (at line {line}, column {column}), which no ServiceLab export does. It was not read further.",
                super::MAX_NESTING
            ),
            Self::NotAnExport { found } => write!(
                f,
                "This is not a ServiceLab export: {found}. Choose a file made with Export (its \"format\" is \"{}\" or \"{}\").",
                super::WORKSPACE_FORMAT,
                super::DESIGN_FORMAT
            ),
            Self::NewerSchema { found, supported } => write!(
                f,
                "This file was exported by a newer version of ServiceLab (format version {found}; this version reads up to {supported}). Nothing was imported: open it with the newer version."
            ),
            Self::Invalid(problems) => {
                let n = problems.total();
                let s = if n == 1 { "" } else { "s" };
                writeln!(f, "Nothing was imported: the file has {n} problem{s}, each listed with where it is in the file. Fix them, or export the file again.")?;
                write!(f, "{problems}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Bytes as megabytes with one decimal.
fn megabytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}
