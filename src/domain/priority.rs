//! Priority = impact x urgency.
//!
//! *Impact* says how much of the business is hurt, *urgency* how fast it
//! hurts. A priority matrix turns the pair into a priority, which tells agents
//! what to work on first. Tools disagree on the details, which is itself worth
//! a student's attention:
//!
//! * ServiceNow and iTop number their levels so that **1 is the most severe**;
//!   GLPI numbers them so that **5 is the most severe**. A [`Scale`] records
//!   its direction, so "more severe" is always computed, never assumed.
//! * ServiceNow and iTop print the matrix with impact rows; GLPI prints it
//!   with urgency rows. [`Layout`] keeps that display choice, while the cells
//!   are always stored as `[impact][urgency]`.
//!
//! The matrix is data, so a service designer can edit it ([`PriorityMatrix::set_cell`])
//! and ask the linter ([`PriorityMatrix::lint`], in `priority_lint.rs`) whether it is sound.

use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// One level of a scale: its number and its name, e.g. `2` / `Medium`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// The number stored on tickets.
    pub value: u8,
    /// The name people see.
    pub label: String,
}

/// An ordered list of levels (impact, urgency or priority) and its direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// The levels in the order the tool lists them.
    pub levels: Vec<Level>,
    /// `true` when a lower value is more severe (ServiceNow, iTop: 1 = most
    /// severe); `false` when a higher value is (GLPI: 5 = most severe).
    pub lower_is_more_severe: bool,
}

impl Scale {
    /// Builds a scale from `(value, label)` pairs.
    pub fn new(levels: &[(u8, &str)], lower_is_more_severe: bool) -> Self {
        Self {
            levels: levels
                .iter()
                .map(|&(value, label)| Level { value, label: label.to_string() })
                .collect(),
            lower_is_more_severe,
        }
    }

    /// Position of `value` in [`Scale::levels`], if the scale has it.
    pub fn position(&self, value: u8) -> Option<usize> {
        self.levels.iter().position(|l| l.value == value)
    }

    /// Whether the scale has a level with this value.
    pub fn contains(&self, value: u8) -> bool {
        self.position(value).is_some()
    }

    /// The label of a value, e.g. `Medium` for 2 on ServiceNow's impact scale.
    pub fn label(&self, value: u8) -> Option<&str> {
        self.position(value).map(|i| self.levels[i].label.as_str())
    }

    /// The value as tools show it: `2 - Medium` (or just `7` if unknown).
    pub fn describe(&self, value: u8) -> String {
        match self.label(value) {
            Some(label) => format!("{value} - {label}"),
            None => value.to_string(),
        }
    }

    /// Whether `a` is strictly more severe than `b`, following the scale's direction.
    pub fn more_severe(&self, a: u8, b: u8) -> bool {
        if self.lower_is_more_severe { a < b } else { a > b }
    }

    /// The most severe value of the scale.
    pub fn most_severe(&self) -> Option<u8> {
        let values = self.levels.iter().map(|l| l.value);
        if self.lower_is_more_severe { values.min() } else { values.max() }
    }

    /// The values sorted from least to most severe.
    pub fn by_severity(&self) -> Vec<u8> {
        let mut values: Vec<u8> = self.levels.iter().map(|l| l.value).collect();
        values.sort_unstable();
        if self.lower_is_more_severe {
            values.reverse();
        }
        values
    }
}

/// How a tool prints its matrix. Only the display differs; cells are always
/// stored as `[impact][urgency]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// One row per impact level, one column per urgency level (ServiceNow, iTop).
    ImpactRows,
    /// One row per urgency level, one column per impact level (GLPI).
    UrgencyRows,
}

/// A configurable priority matrix: which priority each impact/urgency pair gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityMatrix {
    /// A name for people, e.g. "ServiceNow default".
    pub name: String,
    /// The impact scale (rows of `cells`).
    pub impact: Scale,
    /// The urgency scale (columns of `cells`).
    pub urgency: Scale,
    /// The priority scale the cells take their values from.
    pub priority: Scale,
    /// `cells[i][u]` is the priority for the i-th impact level and the u-th
    /// urgency level; `None` is an empty cell (a gap the linter reports).
    pub cells: Vec<Vec<Option<u8>>>,
    /// How the tool displays the matrix.
    pub layout: Layout,
}

impl PriorityMatrix {
    /// The priority for an impact/urgency pair, or an error naming what is wrong.
    pub fn priority(&self, impact: u8, urgency: u8) -> Result<u8, DomainError> {
        let (i, u) = self.coordinates(impact, urgency)?;
        self.cells[i][u].ok_or_else(|| DomainError::EmptyMatrixCell {
            impact: self.impact.describe(impact),
            urgency: self.urgency.describe(urgency),
        })
    }

    /// The cell for an impact/urgency pair (which may be empty).
    pub fn cell(&self, impact: u8, urgency: u8) -> Result<Option<u8>, DomainError> {
        let (i, u) = self.coordinates(impact, urgency)?;
        Ok(self.cells[i][u])
    }

    /// Edits one cell. The value, if any, must exist on the priority scale.
    pub fn set_cell(&mut self, impact: u8, urgency: u8, priority: Option<u8>) -> Result<(), DomainError> {
        let (i, u) = self.coordinates(impact, urgency)?;
        if let Some(p) = priority {
            self.check_level("priority", &self.priority, p)?;
        }
        self.cells[i][u] = priority;
        Ok(())
    }

    /// Checks the matrix's shape: one row per impact level, one column per
    /// urgency level, no repeated level values, cells only from the priority scale.
    pub fn validate(&self) -> Result<(), DomainError> {
        for (name, scale) in [("impact", &self.impact), ("urgency", &self.urgency), ("priority", &self.priority)] {
            if scale.levels.is_empty() {
                return Err(DomainError::BadMatrix { reason: format!("the {name} scale has no levels") });
            }
            for (n, level) in scale.levels.iter().enumerate() {
                if scale.levels[..n].iter().any(|l| l.value == level.value) {
                    return Err(DomainError::BadMatrix {
                        reason: format!("the {name} scale lists the value {} twice", level.value),
                    });
                }
            }
        }
        let shape_ok = self.cells.len() == self.impact.levels.len()
            && self.cells.iter().all(|row| row.len() == self.urgency.levels.len());
        if !shape_ok {
            return Err(DomainError::BadMatrix {
                reason: format!(
                    "it needs {} rows (impact levels) of {} cells (urgency levels)",
                    self.impact.levels.len(),
                    self.urgency.levels.len()
                ),
            });
        }
        for p in self.cells.iter().flatten().flatten() {
            self.check_level("priority", &self.priority, *p)?;
        }
        Ok(())
    }

    fn coordinates(&self, impact: u8, urgency: u8) -> Result<(usize, usize), DomainError> {
        let i = self.check_level("impact", &self.impact, impact)?;
        let u = self.check_level("urgency", &self.urgency, urgency)?;
        Ok((i, u))
    }

    fn check_level(&self, scale_name: &'static str, scale: &Scale, value: u8) -> Result<usize, DomainError> {
        scale.position(value).ok_or_else(|| DomainError::LevelNotInScale {
            scale: scale_name,
            value,
            matrix: self.name.clone(),
        })
    }

    /// ServiceNow's default: 3 impacts x 3 urgencies, priorities 1 Critical to
    /// 4 Low. Its fifth priority, 5 Planning, is never produced by the matrix:
    /// agents set it by hand for planned work.
    pub fn servicenow() -> Self {
        let three = Scale::new(&[(1, "High"), (2, "Medium"), (3, "Low")], true);
        Self {
            name: "ServiceNow default".to_string(),
            impact: three.clone(),
            urgency: three,
            priority: Scale::new(
                &[(1, "Critical"), (2, "High"), (3, "Moderate"), (4, "Low"), (5, "Planning")],
                true,
            ),
            cells: filled(&[&[1, 2, 3], &[2, 3, 4], &[3, 4, 4]]),
            layout: Layout::ImpactRows,
        }
    }

    /// iTop's matrix: impact says who is hit (a department, a service, a
    /// person), urgency has four levels, priority four.
    pub fn itop() -> Self {
        Self {
            name: "iTop".to_string(),
            impact: Scale::new(&[(1, "A department"), (2, "A service"), (3, "A person")], true),
            urgency: Scale::new(&[(1, "Critical"), (2, "High"), (3, "Medium"), (4, "Low")], true),
            priority: Scale::new(&[(1, "Critical"), (2, "High"), (3, "Medium"), (4, "Low")], true),
            cells: filled(&[&[1, 1, 2, 4], &[1, 2, 3, 4], &[2, 3, 3, 4]]),
            layout: Layout::ImpactRows,
        }
    }

    /// GLPI's matrix: five levels on every scale, where **5 is the most
    /// severe**. GLPI prints urgency rows and impact columns; the printed table
    /// is transposed here into `[impact][urgency]`.
    pub fn glpi() -> Self {
        let five = Scale::new(
            &[(1, "Very low"), (2, "Low"), (3, "Medium"), (4, "High"), (5, "Very high")],
            false,
        );
        // As GLPI prints it: PRINTED[urgency - 1][impact - 1].
        const PRINTED: [[u8; 5]; 5] = [
            [1, 1, 2, 2, 2],
            [1, 2, 2, 3, 3],
            [2, 2, 3, 4, 4],
            [2, 3, 4, 4, 5],
            [2, 3, 4, 5, 5],
        ];
        let cells = (0..5)
            .map(|impact| (0..5).map(|urgency| Some(PRINTED[urgency][impact])).collect())
            .collect();
        Self {
            name: "GLPI".to_string(),
            impact: five.clone(),
            urgency: five.clone(),
            priority: five,
            cells,
            layout: Layout::UrgencyRows,
        }
    }

    /// The three shipped presets, for a picker.
    pub fn presets() -> Vec<PriorityMatrix> {
        vec![Self::servicenow(), Self::itop(), Self::glpi()]
    }
}

impl Default for PriorityMatrix {
    /// ServiceNow's default matrix.
    fn default() -> Self {
        Self::servicenow()
    }
}

fn filled(rows: &[&[u8]]) -> Vec<Vec<Option<u8>>> {
    rows.iter().map(|row| row.iter().map(|&p| Some(p)).collect()).collect()
}
