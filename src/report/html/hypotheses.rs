//! Each hypothesis with its likelihood band, confidence and support, and its support tree as nested lists linked to the passages.

use std::fmt::Write as _;

use super::{Places, passage_link};
use crate::read::trace::{HypothesisTrace, TraceNode};
use crate::render::escape;
use crate::report::Report;

pub(super) fn write_hypotheses(out: &mut String, report: &Report, places: &Places) {
    out.push_str("<section id=\"hypotheses\" aria-labelledby=\"hypotheses-h\">\n<h2 id=\"hypotheses-h\">Hypotheses and their support</h2>\n");
    let mut question: Option<&str> = None;
    for h in &report.trace.hypotheses {
        if question != Some(h.question.key.as_str()) {
            question = Some(&h.question.key);
            let _ = writeln!(
                out,
                "<h3 class=\"for-question\">{}</h3>",
                escape(&h.question.text)
            );
        }
        write_hypothesis(out, h, places);
    }
    if report.trace.hypotheses.is_empty() {
        out.push_str("<p>The map names no hypothesis.</p>\n");
    }
    if !report.trace.other_conclusions.is_empty() {
        out.push_str("<h3>Other conclusions of the brief</h3>\n<p>Claims and evidence linked to no hypothesis, each with what supports it.</p>\n<ul class=\"tree\">");
        for n in &report.trace.other_conclusions {
            write_tree_node(out, n, "conclusion", places);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

pub(super) fn write_hypothesis(out: &mut String, h: &HypothesisTrace, places: &Places) {
    let id = places
        .index
        .get(&h.iri)
        .map(|i| format!("h{i}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<article class=\"hypothesis\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h4 id=\"{id}-h\"><span class=\"kind hypothesis\">hypothesis</span> {}</h4>",
        passage_link(places, &h.iri, &h.text)
    );
    let _ = write!(
        out,
        "<dl class=\"facts\"><dt>Key</dt><dd><code>{}</code></dd><dt>Likelihood</dt><dd>",
        escape(&h.key)
    );
    match (&h.hedge, &h.likelihood) {
        (Some(hedge), Some(l)) => {
            let _ = write!(out, "“{}” → ", escape(hedge));
            match (l.low, l.high) {
                (Some(low), Some(high)) => {
                    let _ = write!(
                        out,
                        "{:.0}–{:.0} % ({}) <span class=\"band\" aria-hidden=\"true\"><span style=\"left:{:.1}%;width:{:.1}%\"></span></span>",
                        low * 100.0,
                        high * 100.0,
                        escape(&l.scale),
                        low * 100.0,
                        ((high - low) * 100.0).max(1.0)
                    );
                }
                _ => {
                    let _ = write!(out, "no band ({})", escape(&l.scale));
                }
            }
        }
        (Some(hedge), None) => {
            let _ = write!(out, "“{}” (no band)", escape(hedge));
        }
        _ => out.push_str("not hedged"),
    }
    let s = &h.summary;
    let _ = writeln!(
        out,
        "</dd><dt>Confidence</dt><dd>{}</dd><dt>Support</dt><dd>{} ({} evidence item{}, {} source{}, depth {}, {} opposing)</dd></dl>",
        escape(h.confidence.as_deref().unwrap_or("not stated")),
        s.strength,
        s.evidence,
        if s.evidence == 1 { "" } else { "s" },
        s.sources,
        if s.sources == 1 { "" } else { "s" },
        s.depth,
        s.opposing
    );
    if let Some(w) = &h.hedge_vs_support {
        let _ = writeln!(
            out,
            "<p class=\"warning\"><strong>Note:</strong> {}</p>",
            escape(w)
        );
    }
    if h.supported_by.is_empty() && h.opposed_by.is_empty() {
        out.push_str("<p>Nothing in the map supports or opposes it.</p>\n");
    } else {
        let _ = write!(
            out,
            "<ul class=\"tree\" aria-label=\"Support tree of {}\">",
            escape(&h.key)
        );
        for n in &h.supported_by {
            write_tree_node(out, n, "supported by", places);
        }
        for n in &h.opposed_by {
            write_tree_node(out, n, "opposed by", places);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

pub(super) fn write_tree_node(out: &mut String, n: &TraceNode, relation: &str, places: &Places) {
    let index = places.index.get(&n.iri).copied();
    let id = index.map(|i| format!("t{i}")).unwrap_or_default();
    let id_attr = if places.claim_home(&n.iri, &id) {
        format!(" id=\"{id}\"")
    } else {
        String::new()
    };
    let class = if relation.starts_with("opposed") {
        "opposes"
    } else {
        "supports"
    };
    let _ = write!(
        out,
        "<li class=\"{class}\"{id_attr}><span class=\"rel\">{}{relation}</span> <span class=\"kind {}\">{}</span> {}",
        if n.strong { "strongly " } else { "" },
        n.kind,
        n.kind,
        passage_link(places, &n.iri, &n.text)
    );
    let mut facts = vec![escape(&n.status.word())];
    if let Some(h) = &n.hedge {
        facts.push(format!("hedge “{}”", escape(h)));
    }
    if let Some(s) = &n.said_by {
        facts.push(format!("said by {}", escape(s)));
    }
    if let Some(s) = &n.source {
        let grade = match (&s.reliability, s.credibility) {
            (Some(r), Some(c)) => format!(" [{}{c}]", escape(r)),
            (Some(r), None) => format!(" [{}]", escape(r)),
            (None, Some(c)) => format!(" [{c}]"),
            (None, None) => String::new(),
        };
        facts.push(format!("source: {}{grade}", escape(&s.title)));
    }
    if let Some(d) = &n.date {
        facts.push(format!(
            "{}{}",
            escape(d),
            if n.date_inferred { " (inferred)" } else { "" }
        ));
    }
    let _ = write!(
        out,
        " <span class=\"node-facts\">({}; <code>{}</code>)</span>",
        facts.join("; "),
        escape(&n.key)
    );
    if !n.supported_by.is_empty() || !n.opposed_by.is_empty() {
        out.push_str("<ul>");
        for c in &n.supported_by {
            write_tree_node(out, c, "supported by", places);
        }
        for c in &n.opposed_by {
            write_tree_node(out, c, "opposed by", places);
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>");
}
