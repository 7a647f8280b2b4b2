//! The matrices as one standalone HTML page.

use std::fmt::Write as _;

use super::{BriefMatrix, SCORES, cell_text, grade, number};
use crate::render::escape;

/// The matrices as one standalone HTML page.
pub fn to_html(matrices: &[BriefMatrix]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>argmap matrix</title>\n<style>\nbody{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.25em .5em;text-align:center}td.key,th.key{text-align:left}.analyst{font-weight:bold;background:#ffe9a8}.CC,.C{color:#075}.I,.II{color:#a10}.none{color:#888}\n</style>\n</head>\n<body>\n",
    );
    for b in matrices {
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p>{}</p>",
            escape(&b.brief.title),
            escape(&b.brief.rights)
        );
        for q in &b.questions {
            let _ = writeln!(
                out,
                "<h2>{}</h2>\n<p>{}</p>\n<table>\n<tr><th class=\"key\">evidence</th><th>grade</th><th>weight</th>",
                escape(&q.text),
                escape(&q.note)
            );
            for h in &q.hypotheses {
                let _ = write!(
                    out,
                    "<th title=\"{}\">{}</th>",
                    escape(&h.text),
                    escape(&h.key)
                );
            }
            let _ = writeln!(out, "<th>diagnosticity</th></tr>");
            for e in &q.evidence {
                let class = if e.no_diagnostic_value { " none" } else { "" };
                let _ = write!(
                    out,
                    "<tr><td class=\"key{class}\" title=\"{}\">{}</td><td>{}</td><td>{}</td>",
                    escape(&e.text),
                    escape(&e.key),
                    grade(e),
                    number(e.weight)
                );
                for c in &e.cells {
                    let analyst = if c.analyst { " analyst" } else { "" };
                    let _ = write!(
                        out,
                        "<td class=\"{}{analyst}\">{}</td>",
                        c.rating.as_str(),
                        cell_text(c)
                    );
                }
                let _ = writeln!(out, "<td>{}</td></tr>", e.diagnosticity);
            }
            for (label, pick) in SCORES {
                let _ = write!(out, "<tr><th class=\"key\" colspan=\"3\">{label}</th>");
                for h in &q.hypotheses {
                    let _ = write!(out, "<th>{}</th>", number(pick(h)));
                }
                let _ = writeln!(out, "<th></th></tr>");
            }
            let _ = writeln!(out, "</table>");
            let order: Vec<String> = q.order.iter().map(|g| escape(&g.join(" = "))).collect();
            let _ = writeln!(
                out,
                "<p>{}: {}</p>\n<p>Bold cells are the analyst's own ratings. Sensitive items: {}</p>",
                if q.exclusive {
                    "Ranking, least inconsistent first"
                } else {
                    "Support compared (no ranking implied)"
                },
                order.join(if q.exclusive { " &lt; " } else { " &gt; " }),
                if q.sensitivity.is_empty() {
                    "none".to_string()
                } else {
                    q.sensitivity
                        .iter()
                        .map(|s| escape(&s.evidence))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
