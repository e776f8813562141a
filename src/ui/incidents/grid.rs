//! How a priority matrix is laid out on screen, and how its cells are named.
//!
//! The domain stores cells as `[impact][urgency]`; each tool prints them its
//! own way ([`Layout`]). Both the small matrix beside the form and the matrix
//! editor draw from [`Grid`], so they always agree.

use crate::domain::priority::Layout;
use crate::domain::PriorityMatrix;

/// Which scale runs down the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Impact levels are rows, urgency levels are columns.
    Impact,
    /// Urgency levels are rows, impact levels are columns.
    Urgency,
}

/// The rows and columns of a matrix as its tool prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The scale of the rows (the other scale is the columns).
    pub rows_are: Axis,
    /// Level values down the rows, in scale order.
    pub rows: Vec<u8>,
    /// Level values across the columns, in scale order.
    pub columns: Vec<u8>,
}

impl Grid {
    /// The grid of `matrix`, following its layout.
    pub fn of(matrix: &PriorityMatrix) -> Self {
        let impacts: Vec<u8> = matrix.impact.levels.iter().map(|l| l.value).collect();
        let urgencies: Vec<u8> = matrix.urgency.levels.iter().map(|l| l.value).collect();
        match matrix.layout {
            Layout::ImpactRows => Self { rows_are: Axis::Impact, rows: impacts, columns: urgencies },
            Layout::UrgencyRows => Self { rows_are: Axis::Urgency, rows: urgencies, columns: impacts },
        }
    }

    /// `(impact, urgency)` of the cell at this row and column value.
    pub fn pair(&self, row: u8, column: u8) -> (u8, u8) {
        match self.rows_are {
            Axis::Impact => (row, column),
            Axis::Urgency => (column, row),
        }
    }

    /// The name of the row scale and of the column scale, for headers.
    pub fn axis_names(&self) -> (&'static str, &'static str) {
        match self.rows_are {
            Axis::Impact => ("Impact", "Urgency"),
            Axis::Urgency => ("Urgency", "Impact"),
        }
    }

    /// "2 - Medium": a row value described by its scale.
    pub fn describe_row(&self, matrix: &PriorityMatrix, value: u8) -> String {
        match self.rows_are {
            Axis::Impact => matrix.impact.describe(value),
            Axis::Urgency => matrix.urgency.describe(value),
        }
    }

    /// "2 - Medium": a column value described by its scale.
    pub fn describe_column(&self, matrix: &PriorityMatrix, value: u8) -> String {
        match self.rows_are {
            Axis::Impact => matrix.urgency.describe(value),
            Axis::Urgency => matrix.impact.describe(value),
        }
    }
}

/// "Impact 1 - High x Urgency 2 - Medium = 2 - High" (or "= (empty)").
pub fn cell_sentence(matrix: &PriorityMatrix, impact: u8, urgency: u8) -> String {
    let priority = match matrix.cell(impact, urgency) {
        Ok(Some(p)) => matrix.priority.describe(p),
        _ => "(empty)".to_string(),
    };
    format!(
        "Impact {} x Urgency {} = {priority}",
        matrix.impact.describe(impact),
        matrix.urgency.describe(urgency)
    )
}

/// "Priority for impact 1 - High and urgency 2 - Medium": the label of an editable cell.
pub fn cell_label(matrix: &PriorityMatrix, impact: u8, urgency: u8) -> String {
    format!(
        "Priority for impact {} and urgency {}",
        matrix.impact.describe(impact),
        matrix.urgency.describe(urgency)
    )
}

/// The short text inside a cell: the priority value, or a dash when empty.
pub fn cell_text(matrix: &PriorityMatrix, impact: u8, urgency: u8) -> String {
    match matrix.cell(impact, urgency) {
        Ok(Some(p)) => p.to_string(),
        _ => "–".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servicenow_prints_impact_rows() {
        let m = PriorityMatrix::servicenow();
        let grid = Grid::of(&m);
        assert_eq!(grid.rows_are, Axis::Impact);
        assert_eq!(grid.rows, vec![1, 2, 3]);
        assert_eq!(grid.pair(1, 2), (1, 2));
        assert_eq!(cell_sentence(&m, 1, 2), "Impact 1 - High x Urgency 2 - Medium = 2 - High");
        assert_eq!(cell_label(&m, 1, 2), "Priority for impact 1 - High and urgency 2 - Medium");
    }

    #[test]
    fn glpi_prints_urgency_rows() {
        let m = PriorityMatrix::glpi();
        let grid = Grid::of(&m);
        assert_eq!(grid.axis_names(), ("Urgency", "Impact"));
        // Row urgency 5, column impact 1: GLPI prints 2 there.
        assert_eq!(grid.pair(5, 1), (1, 5));
        assert_eq!(cell_text(&m, 1, 5), "2");
    }

    #[test]
    fn empty_cells_read_as_empty() {
        let mut m = PriorityMatrix::servicenow();
        m.set_cell(3, 3, None).unwrap();
        assert_eq!(cell_sentence(&m, 3, 3), "Impact 3 - Low x Urgency 3 - Low = (empty)");
        assert_eq!(cell_text(&m, 3, 3), "–");
    }
}
