//! The priority matrix: the three presets cell by cell, editing, and the linter.

use servicelab::domain::priority::{Layout, PriorityMatrix, Scale};
use servicelab::domain::priority_lint::FindingKind;

fn check_table(m: &PriorityMatrix, rows_are_impact: bool, table: &[&[u8]]) {
    for (r, row) in table.iter().enumerate() {
        for (c, &expected) in row.iter().enumerate() {
            let (a, b) = (r as u8 + 1, c as u8 + 1);
            let (impact, urgency) = if rows_are_impact { (a, b) } else { (b, a) };
            assert_eq!(m.priority(impact, urgency).unwrap(), expected, "{}: impact {impact}, urgency {urgency}", m.name);
        }
    }
}

#[test]
fn servicenow_preset_matches_the_printed_table() {
    let m = PriorityMatrix::servicenow();
    check_table(&m, true, &[&[1, 2, 3], &[2, 3, 4], &[3, 4, 4]]);
    assert_eq!(m.layout, Layout::ImpactRows);
    assert_eq!(m.impact.describe(1), "1 - High");
    assert_eq!(m.urgency.describe(3), "3 - Low");
    assert_eq!(m.priority.describe(3), "3 - Moderate");
    assert_eq!(m.priority.describe(5), "5 - Planning");
    assert!(m.cells.iter().flatten().all(|c| *c != Some(5)), "5 Planning is never produced");
}

#[test]
fn itop_preset_matches_the_printed_table() {
    let m = PriorityMatrix::itop();
    check_table(&m, true, &[&[1, 1, 2, 4], &[1, 2, 3, 4], &[2, 3, 3, 4]]);
    assert_eq!(m.impact.label(1), Some("A department"));
    assert_eq!(m.impact.label(3), Some("A person"));
    assert_eq!(m.urgency.levels.len(), 4);
    assert_eq!(m.priority.label(4), Some("Low"));
}

#[test]
fn glpi_preset_matches_the_printed_table_with_urgency_rows() {
    let m = PriorityMatrix::glpi();
    let printed: &[&[u8]] = &[
        &[1, 1, 2, 2, 2],
        &[1, 2, 2, 3, 3],
        &[2, 2, 3, 4, 4],
        &[2, 3, 4, 4, 5],
        &[2, 3, 4, 5, 5],
    ];
    check_table(&m, false, printed);
    assert_eq!(m.layout, Layout::UrgencyRows);
    assert!(!m.priority.lower_is_more_severe);
    assert_eq!(m.priority.most_severe(), Some(5));
    assert_eq!(m.impact.describe(5), "5 - Very high");
    // Stored as [impact][urgency]: the impact-4 row is the printed impact-4 column.
    assert_eq!(m.cells[3], vec![Some(2), Some(3), Some(4), Some(4), Some(5)]);
}

#[test]
fn presets_are_valid_and_lint_clean() {
    for m in PriorityMatrix::presets() {
        m.validate().unwrap();
        assert_eq!(m.lint(), vec![], "{} should lint clean", m.name);
    }
}

#[test]
fn unknown_levels_are_refused_with_the_scale_named() {
    let m = PriorityMatrix::servicenow();
    let err = m.priority(4, 1).unwrap_err();
    assert_eq!(err.to_string(), "4 is not on the impact scale of the \"ServiceNow default\" priority matrix");
    assert!(m.priority(1, 0).unwrap_err().to_string().contains("urgency"));
}

#[test]
fn set_cell_edits_and_checks_the_priority_scale() {
    let mut m = PriorityMatrix::servicenow();
    m.set_cell(3, 3, Some(5)).unwrap();
    assert_eq!(m.priority(3, 3).unwrap(), 5);
    assert!(m.set_cell(3, 3, Some(9)).is_err());
    assert_eq!(m.priority(3, 3).unwrap(), 5, "a refused edit changes nothing");
    m.set_cell(2, 2, None).unwrap();
    let err = m.priority(2, 2).unwrap_err().to_string();
    assert!(err.contains("no priority for impact 2 - Medium with urgency 2 - Medium"), "{err}");
}

#[test]
fn validate_catches_shape_and_duplicate_levels() {
    let mut m = PriorityMatrix::itop();
    m.cells.pop();
    assert!(m.validate().unwrap_err().to_string().contains("3 rows"));
    let mut m = PriorityMatrix::itop();
    m.urgency = Scale::new(&[(1, "A"), (1, "B"), (3, "C"), (4, "D")], true);
    assert!(m.validate().unwrap_err().to_string().contains("twice"));
    let mut m = PriorityMatrix::itop();
    m.cells[0][0] = Some(9);
    assert!(m.validate().is_err());
}

#[test]
fn a_broken_matrix_yields_the_exact_findings() {
    let mut m = PriorityMatrix::servicenow();
    // Impact 1 - High with urgency 3 - Low becomes 5 - Planning: less severe
    // than the 4 - Low that the lower impact 2 - Medium gets with that urgency.
    m.set_cell(1, 3, Some(5)).unwrap();
    m.set_cell(3, 1, None).unwrap();
    let findings = m.lint();
    let summary: Vec<(u8, u8, FindingKind)> = findings.iter().map(|f| (f.impact, f.urgency, f.kind.clone())).collect();
    assert_eq!(
        summary,
        vec![
            (1, 3, FindingKind::NotMonotonic { than_impact: 2, than_urgency: 3 }),
            (3, 1, FindingKind::EmptyCell),
        ]
    );
    assert_eq!(
        findings[0].message,
        "Impact 1 - High with urgency 3 - Low gives priority 5 - Planning, less severe than the 4 - Low given to the lower impact 2 - Medium: a higher impact must never lower the priority."
    );
    assert_eq!(
        findings[1].message,
        "Impact 3 - Low with urgency 1 - High has no priority: tickets with this pair would get none."
    );
}

#[test]
fn the_linter_respects_a_higher_is_more_severe_scale() {
    let mut m = PriorityMatrix::glpi();
    // Raising urgency from 4 to 5 at impact 5 must not lower priority below 5.
    m.set_cell(5, 5, Some(3)).unwrap();
    let findings = m.lint();
    let kinds: Vec<_> = findings.iter().map(|f| (f.impact, f.urgency, f.kind.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (5, 5, FindingKind::NotMonotonic { than_impact: 4, than_urgency: 5 }),
            (5, 5, FindingKind::NotMonotonic { than_impact: 5, than_urgency: 4 }),
        ]
    );
    assert!(findings[1].message.contains("a higher urgency must never lower the priority"));
}
