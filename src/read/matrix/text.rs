//! The matrices as text: for each question its hypotheses, the table of cells, the scores, the order and what would change it.

use std::fmt::Write as _;

use super::{BriefMatrix, EvidenceRow, QuestionMatrix, cell_text, grade, number};
use crate::render::table;

/// The matrices as text: the table, the scores, the order and what moves it.
pub fn to_text(matrices: &[BriefMatrix]) -> String {
    let mut out = String::new();
    for (i, b) in matrices.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "Brief {}: {}", b.brief.id, b.brief.title);
        let _ = writeln!(out, "Rights: {}", b.brief.rights);
        for q in &b.questions {
            let _ = writeln!(out, "\nQuestion {}: {}", q.key, q.text);
            let _ = writeln!(out, "  {}", q.note);
            let _ = writeln!(out, "\nHypotheses");
            for (n, h) in q.hypotheses.iter().enumerate() {
                let _ = writeln!(out, "  H{} {}: {}", n + 1, h.key, h.text);
            }
            let _ = writeln!(out);
            write_cells(&mut out, q);
            write_scores(&mut out, q);
            write_order(&mut out, q);
        }
    }
    out
}

/// The table of cells, with what `*` and `(none)` mean.
fn write_cells(out: &mut String, q: &QuestionMatrix) {
    let mut header: Vec<String> = vec!["evidence".into(), "grade".into(), "weight".into()];
    header.extend((1..=q.hypotheses.len()).map(|n| format!("H{n}")));
    header.push("diagnosticity".into());
    let rows: Vec<Vec<String>> = q.evidence.iter().map(cells_row).collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    out.push_str(&table(&header_refs, &rows));
    let _ = writeln!(
        out,
        "  * the analyst's own rating; other cells follow the supports and oppositions of the map"
    );
    let none = q.evidence.iter().filter(|e| e.no_diagnostic_value).count();
    let _ = writeln!(
        out,
        "  (none): {none} of {} items rate the same against every hypothesis and have no diagnostic value",
        q.evidence.len()
    );
    write_same_origin(out, q);
}

/// Which items share one root origin and are weighed once between them.
fn write_same_origin(out: &mut String, q: &QuestionMatrix) {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for e in q.evidence.iter().filter(|e| e.same_origin > 1) {
        let origin = e.origin.as_deref().unwrap_or_default();
        match groups.iter_mut().find(|(o, _)| *o == origin) {
            Some((_, items)) => items.push(&e.key),
            None => groups.push((origin, vec![&e.key])),
        }
    }
    for (origin, items) in groups {
        let _ = writeln!(
            out,
            "  one origin, weighed once: {} come from {origin}, each at 1/{} of its weight",
            items.join(", "),
            items.len()
        );
    }
}

fn cells_row(e: &EvidenceRow) -> Vec<String> {
    let mut row = vec![e.key.clone(), grade(e), number(e.weight)];
    row.extend(e.cells.iter().map(cell_text));
    row.push(if e.no_diagnostic_value {
        format!("{} (none)", e.diagnosticity)
    } else {
        e.diagnosticity.to_string()
    });
    row
}

fn write_scores(out: &mut String, q: &QuestionMatrix) {
    let _ = writeln!(out, "\nScores (weighted; unweighted in brackets)");
    let rows: Vec<Vec<String>> = q
        .hypotheses
        .iter()
        .enumerate()
        .map(|(n, h)| {
            vec![
                format!("H{} {}", n + 1, h.key),
                format!("{} ({})", number(h.support), h.support_unweighted),
                format!(
                    "{} ({})",
                    number(h.inconsistency),
                    h.inconsistency_unweighted
                ),
                h.rank.map_or("—".into(), |r| r.to_string()),
            ]
        })
        .collect();
    out.push_str(&table(
        &["hypothesis", "support", "inconsistency", "rank"],
        &rows,
    ));
}

/// The order of the hypotheses, and the items that would change it.
fn write_order(out: &mut String, q: &QuestionMatrix) {
    let order: Vec<String> = q.order.iter().map(|g| g.join(" = ")).collect();
    let (label, sep) = if q.exclusive {
        ("Ranking, least inconsistent first", " < ")
    } else {
        ("Support compared, most first (no ranking implied)", " > ")
    };
    let _ = writeln!(out, "\n{label}: {}", order.join(sep));
    if q.sensitivity.is_empty() {
        let _ = writeln!(
            out,
            "Sensitivity: no single item's removal or one-step re-rating changes this order."
        );
        return;
    }
    let _ = writeln!(
        out,
        "Sensitivity: the order changes when one of these items is removed or re-rated one step:"
    );
    for s in &q.sensitivity {
        let mut what = Vec::new();
        if s.removal {
            what.push("removed".to_string());
        }
        what.extend(
            s.re_ratings
                .iter()
                .map(|r| format!("{} {}→{}", r.hypothesis, r.from.as_str(), r.to.as_str())),
        );
        let _ = writeln!(out, "  {}: {}", s.evidence, what.join(", "));
    }
}
