//! The priority matrix linter.
//!
//! A matrix is *sound* when every cell is filled and priority never gets less
//! severe as impact or urgency gets more severe. Published matrices break this
//! more often than one would think (Atlassian's own example is not monotonic),
//! so the linter names every gap and every inversion in a plain sentence.
//!
//! Monotonicity is checked between neighbours: each cell is compared with the
//! cell one step *more severe* in impact (same urgency) and one step more
//! severe in urgency (same impact), using each scale's own direction. If every
//! neighbour pair is in order, the whole matrix is.

use serde::{Deserialize, Serialize};

use super::priority::PriorityMatrix;

/// What is wrong with a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingKind {
    /// The cell has no priority: tickets with this pair get none.
    EmptyCell,
    /// The cell is less severe than its less severe neighbour at
    /// (`than_impact`, `than_urgency`): raising impact or urgency lowered priority.
    NotMonotonic {
        /// Impact value of the neighbour compared with.
        than_impact: u8,
        /// Urgency value of the neighbour compared with.
        than_urgency: u8,
    },
}

/// One problem the linter found, at a cell named by its impact and urgency values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintFinding {
    /// Impact value of the faulty cell.
    pub impact: u8,
    /// Urgency value of the faulty cell.
    pub urgency: u8,
    /// What is wrong.
    pub kind: FindingKind,
    /// The problem as a sentence a student understands.
    pub message: String,
}

impl PriorityMatrix {
    /// Lists every empty cell and every monotonicity break, in row order
    /// (impact levels as listed, then urgency levels). A sound matrix gives an
    /// empty list. The matrix is assumed to have passed [`PriorityMatrix::validate`];
    /// cells outside the grid are ignored.
    pub fn lint(&self) -> Vec<LintFinding> {
        let mut findings = Vec::new();
        let impacts: Vec<u8> = self.impact.levels.iter().map(|l| l.value).collect();
        let urgencies: Vec<u8> = self.urgency.levels.iter().map(|l| l.value).collect();
        let at = |imp: u8, urg: u8| self.cell(imp, urg).ok().flatten();
        for &imp in &impacts {
            for &urg in &urgencies {
                let cell_name = format!(
                    "Impact {} with urgency {}",
                    self.impact.describe(imp),
                    self.urgency.describe(urg)
                );
                let Some(p) = at(imp, urg) else {
                    findings.push(LintFinding {
                        impact: imp,
                        urgency: urg,
                        kind: FindingKind::EmptyCell,
                        message: format!("{cell_name} has no priority: tickets with this pair would get none."),
                    });
                    continue;
                };
                // The neighbour one step LESS severe in impact, same urgency.
                if let Some(lower_imp) = next_less_severe(&self.impact.by_severity(), imp)
                    && let Some(q) = at(lower_imp, urg)
                    && self.priority.more_severe(q, p)
                {
                    findings.push(LintFinding {
                        impact: imp,
                        urgency: urg,
                        kind: FindingKind::NotMonotonic { than_impact: lower_imp, than_urgency: urg },
                        message: format!(
                            "{cell_name} gives priority {}, less severe than the {} given to the lower impact {}: a higher impact must never lower the priority.",
                            self.priority.describe(p),
                            self.priority.describe(q),
                            self.impact.describe(lower_imp)
                        ),
                    });
                }
                // The neighbour one step LESS severe in urgency, same impact.
                if let Some(lower_urg) = next_less_severe(&self.urgency.by_severity(), urg)
                    && let Some(q) = at(imp, lower_urg)
                    && self.priority.more_severe(q, p)
                {
                    findings.push(LintFinding {
                        impact: imp,
                        urgency: urg,
                        kind: FindingKind::NotMonotonic { than_impact: imp, than_urgency: lower_urg },
                        message: format!(
                            "{cell_name} gives priority {}, less severe than the {} given to the lower urgency {}: a higher urgency must never lower the priority.",
                            self.priority.describe(p),
                            self.priority.describe(q),
                            self.urgency.describe(lower_urg)
                        ),
                    });
                }
            }
        }
        findings
    }
}

/// In a list sorted from least to most severe, the value just before `value`.
fn next_less_severe(by_severity: &[u8], value: u8) -> Option<u8> {
    let pos = by_severity.iter().position(|&v| v == value)?;
    pos.checked_sub(1).map(|p| by_severity[p])
}
