//! The page's first section: the brief's description, and each question with what its hypotheses are to each other.

use std::fmt::Write as _;

use super::{Places, passage_link};
use crate::read::graph::GraphNode;
use crate::read::node::Kind;
use crate::render::escape;
use crate::report::Report;

pub(super) fn write_about(out: &mut String, report: &Report, places: &Places) {
    let meta = &report.meta;
    out.push_str("<section id=\"about\" aria-labelledby=\"about-h\">\n<h2 id=\"about-h\">About the brief</h2>\n<dl class=\"facts\">\n");
    let mut fact = |term: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let _ = writeln!(out, "<dt>{term}</dt><dd>{}</dd>", escape(&v));
        }
    };
    fact("Title", Some(meta.title.clone()));
    fact(
        "Series",
        match (&meta.series, &meta.number) {
            (Some(s), Some(n)) => Some(format!("{s}, {n}")),
            (s, n) => s.clone().or(n.clone()),
        },
    );
    fact("Issued", meta.issued.clone());
    fact("Author", Some(meta.creators.join("; ")));
    fact("Publisher", Some(meta.publishers.join("; ")));
    fact("Language", meta.language.clone());
    fact("Rights", Some(meta.rights.clone()));
    fact(
        "Mapped",
        match (&meta.mapped_by, &meta.mapped_on) {
            (Some(b), Some(o)) => Some(format!("by {b}, {o}")),
            (Some(b), None) => Some(format!("by {b}")),
            (None, Some(o)) => Some(format!("on {o}")),
            (None, None) => None,
        },
    );
    fact("Identifier", Some(meta.iri.clone()));
    out.push_str("</dl>\n");
    let questions: Vec<&GraphNode> = report
        .graph
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Question)
        .collect();
    for q in &questions {
        let id = places
            .index
            .get(&q.iri)
            .map(|i| format!("q{i}"))
            .unwrap_or_default();
        let exclusive = report
            .trace
            .hypotheses
            .iter()
            .find(|h| h.question.key == q.key)
            .map(|h| h.question.exclusive);
        let _ = write!(
            out,
            "<div class=\"question\" id=\"{id}\"><p class=\"label\">Question <code>{}</code></p><p class=\"question-text\">{}</p>",
            escape(&q.key),
            passage_link(places, &q.iri, &q.text)
        );
        let _ = writeln!(
            out,
            "<p>{}</p></div>",
            match exclusive {
                Some(true) => "Its hypotheses exclude each other: the matrix ranks them.",
                Some(false) =>
                    "Its hypotheses are complementary readings, not rivals: their support is compared, and no ranking is implied.",
                None => "No hypothesis answers it.",
            }
        );
    }
    out.push_str("</section>\n");
}
