//! The report as one HTML page: the page around the sections, where each node is described and quoted on it, and the links between them.

mod about;
mod actors;
mod evaluation;
mod hypotheses;
mod map;
mod matrix;
mod text;
mod timeline;

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::read::node::Kind;
use crate::read::trace::TraceNode;
use crate::render::escape;
use crate::report::{Options, Report};

const STYLE: &str = include_str!("../report.css");
const SCRIPT: &str = include_str!("../report.js");

/// The report as one HTML page.
pub fn to_html(report: &Report, options: &Options) -> String {
    let places = Places::new(report);
    let meta = &report.meta;
    let mut out = String::with_capacity(64 * 1024 + meta.content.len() * 2);
    let lang = meta.language.as_deref().unwrap_or("en");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"argmap report\">\n<title>{} — argmap report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        escape(lang),
        escape(&meta.title)
    );
    out.push_str("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
    let _ = writeln!(
        out,
        "<header>\n<p class=\"eyebrow\">argmap report · brief <code>{}</code></p>\n<h1>{}</h1>\n<p class=\"rights\">{}</p>\n</header>",
        escape(&meta.id),
        escape(&meta.title),
        escape(&meta.rights)
    );
    out.push_str("<nav aria-label=\"Contents\"><ul>");
    for (id, label) in [
        ("about", "About the brief"),
        ("map", "Argument map"),
        ("hypotheses", "Hypotheses"),
        ("text", "Text"),
        ("matrix", "Matrix"),
        ("evaluation", "Which arguments stand"),
        ("timeline", "Timeline"),
        ("actors", "Actors"),
    ] {
        let _ = write!(out, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    out.push_str("</ul></nav>\n<main id=\"main\" tabindex=\"-1\">\n");
    about::write_about(&mut out, report, &places);
    map::write_map(&mut out, report, &places, options);
    hypotheses::write_hypotheses(&mut out, report, &places);
    text::write_text(&mut out, report, &places);
    matrix::write_matrix(&mut out, report, &places);
    evaluation::write_evaluation(&mut out, report, &places);
    timeline::write_timeline(&mut out, report, &places);
    actors::write_actors(&mut out, report, &places);
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer><p>{} · {} · written by argmap {} from <code>{}</code>. Highlighted passages are the quotes the map anchors in the text; select a node to see its passage.</p></footer>",
        escape(&meta.title),
        escape(&meta.rights),
        env!("CARGO_PKG_VERSION"),
        escape(&meta.iri)
    );
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// Where things are on the page: each node's passage and its home (the
/// first place that describes it), by IRI.
struct Places {
    /// Node IRI → index of its first anchor.
    passage: HashMap<String, usize>,
    /// Node IRI → the id of the element that describes it.
    home: HashMap<String, String>,
    /// Node IRI → its index in the graph's node list, for ids.
    index: HashMap<String, usize>,
}

impl Places {
    fn new(report: &Report) -> Places {
        let index: HashMap<String, usize> = report
            .graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.iri.clone(), i))
            .collect();
        let mut passage = HashMap::new();
        for (i, a) in report.anchors.iter().enumerate() {
            passage
                .entry(report.graph.nodes[a.node].iri.clone())
                .or_insert(i);
        }
        let mut home = HashMap::new();
        for h in &report.trace.hypotheses {
            if let Some(i) = index.get(&h.iri) {
                home.insert(h.iri.clone(), format!("h{i}"));
            }
        }
        fn walk(n: &TraceNode, index: &HashMap<String, usize>, home: &mut HashMap<String, String>) {
            if let Some(i) = index.get(&n.iri) {
                home.entry(n.iri.clone()).or_insert_with(|| format!("t{i}"));
            }
            for c in n.supported_by.iter().chain(&n.opposed_by) {
                walk(c, index, home);
            }
        }
        for h in &report.trace.hypotheses {
            for n in h.supported_by.iter().chain(&h.opposed_by) {
                walk(n, &index, &mut home);
            }
        }
        for n in &report.trace.other_conclusions {
            walk(n, &index, &mut home);
        }
        for n in &report.graph.nodes {
            let Some(i) = index.get(&n.iri) else { continue };
            let id = match n.kind {
                Kind::Question => format!("q{i}"),
                Kind::Event => format!("e{i}"),
                Kind::Actor => format!("c{i}"),
                _ => continue,
            };
            home.entry(n.iri.clone()).or_insert(id);
        }
        Places {
            passage,
            home,
            index,
        }
    }

    /// `href="#p…"` to the node's passage, if it quotes one.
    fn passage_href(&self, iri: &str) -> Option<String> {
        self.passage.get(iri).map(|i| format!("#p{i}"))
    }

    /// The id the first description of a node carries, if it is this one.
    fn claim_home(&self, iri: &str, id: &str) -> bool {
        self.home.get(iri).is_some_and(|h| h == id)
    }
}

/// `text` as a link to the node's passage when it quotes one, else plain.
fn passage_link(places: &Places, iri: &str, text: &str) -> String {
    match places.passage_href(iri) {
        Some(href) => format!(
            "<a class=\"to-passage\" href=\"{href}\">{}</a>",
            escape(text)
        ),
        None => escape(text),
    }
}
