//! The matrices as CSV: one row per item of evidence and question, one column per hypothesis, then a row per score.

use std::fmt::Write as _;

use super::{BriefMatrix, QuestionMatrix, SCORES, cell_text, grade, number};

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The matrices as CSV: one row per item of evidence and question, one
/// column per hypothesis (`*` marks the analyst's ratings), then one row per
/// score whose `evidence` column is `score:support` or `score:inconsistency`.
pub fn to_csv(matrices: &[BriefMatrix]) -> String {
    let mut out = String::new();
    for b in matrices {
        for q in &b.questions {
            write_question(&mut out, &b.brief.id, q);
        }
    }
    out
}

fn write_question(out: &mut String, brief: &str, q: &QuestionMatrix) {
    let mut header = vec![
        "brief".to_string(),
        "question".into(),
        "evidence".into(),
        "source".into(),
        "grade".into(),
        "weight".into(),
    ];
    header.extend(q.hypotheses.iter().map(|h| h.key.clone()));
    header.push("diagnosticity".into());
    header.push("no_diagnostic_value".into());
    let _ = writeln!(out, "{}", header.join(","));
    for e in &q.evidence {
        let mut row = vec![
            brief.to_string(),
            q.key.clone(),
            e.key.clone(),
            e.source.clone().unwrap_or_default(),
            grade(e),
            number(e.weight),
        ];
        row.extend(e.cells.iter().map(cell_text));
        row.push(e.diagnosticity.to_string());
        row.push(e.no_diagnostic_value.to_string());
        let row: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        let _ = writeln!(out, "{}", row.join(","));
    }
    for (label, pick) in SCORES {
        let mut row = vec![
            brief.to_string(),
            q.key.clone(),
            format!("score:{label}"),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(q.hypotheses.iter().map(|h| number(pick(h))));
        row.push(String::new());
        row.push(String::new());
        let _ = writeln!(out, "{}", row.join(","));
    }
}
