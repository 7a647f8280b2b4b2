//! The matrix in HTML, written once: the table of one question (caption, header scopes, cells, score rows) with its order and sensitive items, for the standalone page here and for `argmap report`'s page.

use std::fmt::Write as _;

use super::{BriefMatrix, Cell, EvidenceRow, QuestionMatrix, SCORES};
use crate::render::escape;

/// What the cells mean, written once above a page's tables.
pub const LEGEND: &str = "Each cell rates an item of evidence against a hypothesis: CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, NA not applicable. Derived from supports (C, CC when strong) and oppositions (I, II); a cell marked * is the analyst's own rating. Weights come from the sources' Admiralty grades (an ungraded source weighs 0.25). Diagnosticity is the spread of an item's ratings: 0 (none) means it rates the same against every hypothesis and does not help choose.";

/// The standalone page's style: the report's table rules, and no more.
const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b;line-height:1.5}\
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem}\
table{border-collapse:collapse}\
caption{text-align:left;font-weight:600;padding:.3rem 0}\
th,td{border:1px solid #9e9e9e;padding:.25rem .5rem;vertical-align:top}\
thead th,tfoot th{background:#f4f6f8}\
table.matrix td{text-align:center}\
table.matrix tbody th{text-align:left;font-weight:400}\
.r-CC,.r-C{color:#1b5e20;font-weight:600}\
.r-I,.r-II{color:#b71c1c;font-weight:600}\
.analyst{font-weight:700}\n";

/// The matrices as one standalone HTML page: per brief its title and
/// rights, what the cells mean, then each question's table.
pub fn to_html(matrices: &[BriefMatrix]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>argmap matrix</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    for (bi, b) in matrices.iter().enumerate() {
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p>{}</p>\n<p>{LEGEND}</p>",
            escape(&b.brief.title),
            escape(&b.brief.rights)
        );
        for (qi, q) in b.questions.iter().enumerate() {
            let _ = writeln!(out, "<h2>Question <code>{}</code></h2>", escape(&q.key));
            write_table(&mut out, q, &format!("mx{bi}-{qi}"), &|e| escape(&e.key));
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Writes the table of question `q`, captioned with its text under the id
/// `id`, then its order and the items that would change it. `label` gives
/// the row header of an item of evidence as HTML: its key, or a link to
/// where the page shows it.
pub fn write_table(
    out: &mut String,
    q: &QuestionMatrix,
    id: &str,
    label: &dyn Fn(&EvidenceRow) -> String,
) {
    let _ = write!(
        out,
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}\"><table class=\"matrix\"><caption id=\"{id}\">{}</caption><thead><tr><th scope=\"col\">Evidence</th><th scope=\"col\">Grade</th><th scope=\"col\">Weight</th>",
        escape(&q.text)
    );
    for h in &q.hypotheses {
        let _ = write!(
            out,
            "<th scope=\"col\" title=\"{}\">{}</th>",
            escape(&h.text),
            escape(&h.key)
        );
    }
    out.push_str("<th scope=\"col\">Diagnosticity</th></tr></thead><tbody>");
    for e in &q.evidence {
        write_row(out, e, label);
    }
    out.push_str("</tbody><tfoot>");
    let [(_, support), (_, inconsistency)] = SCORES;
    for (label, pick) in [("Support", support), ("Inconsistency", inconsistency)] {
        let _ = write!(
            out,
            "<tr><th scope=\"row\" colspan=\"3\">{label} (weighted)</th>"
        );
        for h in &q.hypotheses {
            let _ = write!(out, "<td>{:.2}</td>", pick(h));
        }
        out.push_str("<td></td></tr>");
    }
    out.push_str("</tfoot></table></div>\n");
    write_order(out, q);
}

fn write_row(out: &mut String, e: &EvidenceRow, label: &dyn Fn(&EvidenceRow) -> String) {
    let grade = match (&e.reliability, e.credibility) {
        (None, None) => "ungraded".to_string(),
        (r, c) => format!(
            "{}{}",
            r.as_deref().unwrap_or("?"),
            c.map_or("?".to_string(), |c| c.to_string())
        ),
    };
    let _ = write!(
        out,
        "<tr><th scope=\"row\" title=\"{}\">{}</th><td>{}</td><td>{:.2}</td>",
        escape(&e.text),
        label(e),
        escape(&grade),
        e.weight
    );
    for c in &e.cells {
        let _ = write!(
            out,
            "<td class=\"r-{}\">{}</td>",
            c.rating.as_str(),
            cell(c)
        );
    }
    let _ = write!(
        out,
        "<td>{}{}</td></tr>",
        e.diagnosticity,
        if e.no_diagnostic_value { " (none)" } else { "" }
    );
}

/// A cell's rating; the analyst's own is marked `*`, with the derived
/// rating it overrides in the marker's title.
fn cell(c: &Cell) -> String {
    if c.analyst {
        format!(
            "{}<span class=\"analyst\" title=\"the analyst's rating; derived: {}\">*</span>",
            c.rating.as_str(),
            c.derived.as_str()
        )
    } else {
        c.rating.as_str().to_string()
    }
}

/// The order under a table, with its note, then the items it is sensitive to.
fn write_order(out: &mut String, q: &QuestionMatrix) {
    let order: Vec<String> = q.order.iter().map(|g| escape(&g.join(" = "))).collect();
    let _ = writeln!(
        out,
        "<p>{}: {}. {}</p>",
        if q.exclusive {
            "Ranking, least inconsistent first"
        } else {
            "Support compared, most first (no ranking implied)"
        },
        order.join(if q.exclusive { " &lt; " } else { " &gt; " }),
        escape(&q.note)
    );
    let sensitive: Vec<String> = q.sensitivity.iter().map(|s| escape(&s.evidence)).collect();
    let _ = writeln!(
        out,
        "<p>Items whose removal or one-step re-rating would change this order: {}.</p>",
        if sensitive.is_empty() {
            "none".to_string()
        } else {
            sensitive.join(", ")
        }
    );
}
