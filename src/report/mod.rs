//! `argmap report`'s page: one self-contained HTML file per brief — metadata, the map as inline SVG, each hypothesis's band and support tree, the text with every quote highlighted, the matrix, the timeline and the actors.
//!
//! [`gather`] reads everything through the [`Backend`] (trace, matrix and
//! graph as their own modules build them, plus the named queries
//! `report-brief`, `report-anchors`, `report-actors` and `timeline`), so a
//! report works from the local store, the bundled brief and a remote
//! endpoint alike. [`to_html`] writes the page: inline CSS and script from
//! `src/report/`, no font, image or script fetched, so it opens offline.
//!
//! Quotes are placed by their anchors' character offsets (Unicode scalar
//! values, as `oa:start`/`oa:end` count them), never by searching the text
//! again: overlapping quotes cut the text into segments, each marked with
//! every passage it belongs to.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use oxigraph::model::{NamedNode, Term};

use crate::Error;
use crate::export::{self, Selection, svg};
use crate::read::briefs::briefs;
use crate::read::graph::{BriefGraph, GraphNode, brief_graph};
use crate::read::matrix::{self, BriefMatrix, QuestionMatrix};
use crate::read::node::{EdgeKind, Kind};
use crate::read::trace::{BriefTrace, HypothesisTrace, TraceNode, trace};
use crate::render::escape;
use crate::sparql::{Backend, Solutions, lexical, named_query};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// The most nodes the map draws in full. Past it the map keeps the
/// questions, hypotheses and claims (the evidence stays in the trees, the
/// text and the matrix), and says so; past it again, there is no map.
pub const MAP_LIMIT: usize = 400;

/// How to write the page.
#[derive(Debug, Clone)]
pub struct Options {
    /// See [`MAP_LIMIT`].
    pub map_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            map_limit: MAP_LIMIT,
        }
    }
}

/// A brief's own description.
#[derive(Debug, Clone, Default)]
pub struct BriefMeta {
    pub iri: String,
    pub id: String,
    pub title: String,
    pub rights: String,
    pub language: Option<String>,
    /// The brief's full text.
    pub content: String,
    pub series: Option<String>,
    pub number: Option<String>,
    pub issued: Option<String>,
    pub creators: Vec<String>,
    pub publishers: Vec<String>,
    pub mapped_by: Option<String>,
    pub mapped_on: Option<String>,
}

/// A passage of the text that a node quotes.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The node that quotes it: an index into the report's graph's nodes.
    pub node: usize,
    /// Offsets in characters, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// A dated event.
#[derive(Debug, Clone)]
pub struct Event {
    pub key: String,
    pub when: String,
    pub text: String,
    pub inferred: bool,
    pub approximate: bool,
}

/// An actor and its links to other knowledge bases.
#[derive(Debug, Clone)]
pub struct Actor {
    pub iri: String,
    pub key: String,
    pub name: String,
    pub kinds: Vec<String>,
    pub role: Option<String>,
    /// `skos:exactMatch` IRIs.
    pub links: Vec<String>,
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub meta: BriefMeta,
    pub trace: BriefTrace,
    pub graph: BriefGraph,
    pub matrix: Option<BriefMatrix>,
    /// Sorted by start, then end.
    pub anchors: Vec<Anchor>,
    pub events: Vec<Event>,
    pub actors: Vec<Actor>,
}

/// The id of the brief to report: `wanted` as an id or IRI; with none, the
/// bundled brief if the store holds it, else the store's only brief.
pub fn choose_brief(backend: &dyn Backend, wanted: Option<&str>) -> Result<String, Error> {
    let all = briefs(backend)?;
    let ids = || {
        all.iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if all.is_empty() {
        return Err(Error::NotFound(
            "the store holds no brief yet: load one with `argmap load DIR`".into(),
        ));
    }
    match wanted {
        Some(w) => all
            .iter()
            .find(|b| b.id == w || b.iri == w)
            .map(|b| b.id.clone())
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "there is no brief `{w}` in the store; it holds: {}",
                    ids()
                ))
            }),
        None => {
            if let Some(b) = all.iter().find(|b| b.id == crate::map::seed::ID) {
                return Ok(b.id.clone());
            }
            if all.len() == 1 {
                return Ok(all[0].id.clone());
            }
            Err(Error::NotFound(format!(
                "the store holds {} briefs ({}): name one with --brief ID",
                all.len(),
                ids()
            )))
        }
    }
}

/// Reads what the report of brief `id` shows.
pub fn gather(backend: &dyn Backend, id: &str) -> Result<Report, Error> {
    let graph = brief_graph(backend, id)?;
    let term =
        Term::from(NamedNode::new(&graph.brief.graph).map_err(|e| Error::Internal(e.to_string()))?);
    let bindings = [("graph".to_string(), term)];
    let run = |name: &str| -> Result<Solutions, Error> {
        let text = named_query(name)
            .map(|q| q.text)
            .ok_or_else(|| Error::Internal(format!("no named query {name}")))?;
        backend.select(text, &bindings)
    };
    let meta = read_meta(&run("report-brief")?, &graph);
    let trace = trace(backend, Some(id), &[])?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal(format!("no trace of brief {id}")))?;
    let matrix = matrix::matrix(backend, Some(id), None)?.into_iter().next();
    let rows = run("report-anchors")?;
    let index: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.iri.as_str(), i))
        .collect();
    let mut anchors: Vec<Anchor> = rows
        .rows
        .iter()
        .filter_map(|row| {
            let get = |v: &str| cell(&rows, row, v);
            Some(Anchor {
                node: *index.get(get("node")?.as_str())?,
                start: get("start")?.parse().ok()?,
                end: get("end")?.parse().ok()?,
            })
        })
        .filter(|a| a.start < a.end)
        .collect();
    let key = |a: &Anchor| graph.nodes[a.node].key.as_str();
    anchors.sort_by(|a, b| (a.start, a.end, key(a)).cmp(&(b.start, b.end, key(b))));
    // A node typed twice (an actor that is also a person) is one passage.
    anchors.dedup_by(|a, b| a.node == b.node && a.start == b.start && a.end == b.end);
    let rows = run("timeline")?;
    let events = rows
        .rows
        .iter()
        .filter_map(|row| {
            let get = |v: &str| cell(&rows, row, v);
            Some(Event {
                key: get("event")?,
                when: get("when").unwrap_or_default(),
                text: get("text").unwrap_or_default(),
                inferred: get("inferred").is_some_and(|v| v == "true" || v == "1"),
                approximate: get("approximate").is_some_and(|v| v == "true" || v == "1"),
            })
        })
        .collect();
    let rows = run("report-actors")?;
    let mut actors: Vec<Actor> = Vec::new();
    for row in &rows.rows {
        let get = |v: &str| cell(&rows, row, v);
        let Some(iri) = get("actor") else { continue };
        if actors.last().is_none_or(|a| a.iri != iri) {
            actors.push(Actor {
                iri,
                key: get("key").unwrap_or_default(),
                name: get("name").unwrap_or_default(),
                kinds: Vec::new(),
                role: get("role"),
                links: Vec::new(),
            });
        }
        let Some(actor) = actors.last_mut() else {
            continue;
        };
        if let Some(k) = get("kind") {
            if !actor.kinds.contains(&k) {
                actor.kinds.push(k);
            }
        }
        if let Some(m) = get("match") {
            if !actor.links.contains(&m) {
                actor.links.push(m);
            }
        }
    }
    Ok(Report {
        meta,
        trace,
        graph,
        matrix,
        anchors,
        events,
        actors,
    })
}

fn cell(rows: &Solutions, row: &[Option<Term>], variable: &str) -> Option<String> {
    let column = rows.column(variable)?;
    row.get(column)?.as_ref().map(lexical)
}

fn read_meta(rows: &Solutions, graph: &BriefGraph) -> BriefMeta {
    let mut meta = BriefMeta {
        iri: graph.brief.iri.clone(),
        id: graph.brief.id.clone(),
        title: graph.brief.title.clone(),
        rights: graph.brief.rights.clone(),
        ..BriefMeta::default()
    };
    for row in &rows.rows {
        let get = |v: &str| cell(rows, row, v);
        let first = |slot: &mut Option<String>, v: &str| {
            if slot.is_none() {
                *slot = get(v);
            }
        };
        first(&mut meta.language, "language");
        first(&mut meta.series, "series");
        first(&mut meta.number, "number");
        first(&mut meta.issued, "issued");
        first(&mut meta.mapped_by, "mappedBy");
        first(&mut meta.mapped_on, "mappedOn");
        if meta.content.is_empty() {
            meta.content = get("content").unwrap_or_default();
        }
        for (list, v) in [
            (&mut meta.creators, "creator"),
            (&mut meta.publishers, "publisher"),
        ] {
            if let Some(x) = get(v) {
                if !list.contains(&x) {
                    list.push(x);
                }
            }
        }
    }
    meta
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
        ("timeline", "Timeline"),
        ("actors", "Actors"),
    ] {
        let _ = write!(out, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    out.push_str("</ul></nav>\n<main id=\"main\" tabindex=\"-1\">\n");
    write_about(&mut out, report, &places);
    write_map(&mut out, report, &places, options);
    write_hypotheses(&mut out, report, &places);
    write_text(&mut out, report, &places);
    write_matrix(&mut out, report, &places);
    write_timeline(&mut out, report, &places);
    write_actors(&mut out, report, &places);
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

fn write_about(out: &mut String, report: &Report, places: &Places) {
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

fn write_map(out: &mut String, report: &Report, places: &Places, options: &Options) {
    out.push_str(
        "<section id=\"map\" aria-labelledby=\"map-h\">\n<h2 id=\"map-h\">Argument map</h2>\n",
    );
    let selection = Selection {
        graph: report.graph.clone(),
        focus: None,
    };
    let mut picture = export::picture(&selection);
    let total = picture.nodes.len();
    if total > options.map_limit {
        let mut graph = report.graph.clone();
        graph
            .nodes
            .retain(|n| matches!(n.kind, Kind::Question | Kind::Hypothesis | Kind::Claim));
        picture = export::picture(&Selection { graph, focus: None });
        if picture.nodes.len() > options.map_limit {
            let _ = writeln!(
                out,
                "<p class=\"notice\">The map is not drawn: this brief has {total} nodes, and even its {} questions, hypotheses and claims are more than a readable drawing holds ({}). The support trees, the text and the matrix below show every node.</p>\n</section>",
                picture.nodes.len(),
                options.map_limit
            );
            return;
        }
        let _ = writeln!(
            out,
            "<p class=\"notice\">This brief has {total} nodes, more than a readable drawing holds ({}): the map shows its {} questions, hypotheses and claims only. The evidence, sources, actors and events are in the support trees, the text, the matrix, the timeline and the list of actors below.</p>",
            options.map_limit,
            picture.nodes.len()
        );
    }
    out.push_str("<p class=\"screen-only\">Select a node (click it, or Tab to it and press Enter) to see the passage of the text it quotes.</p>\n");
    out.push_str(LEGEND);
    let drawing = svg::write_linked(&picture, &|n| places.passage_href(&n.iri));
    // The drawing goes inline: no XML declaration inside HTML.
    let drawing = drawing
        .split_once('\n')
        .filter(|(first, _)| first.starts_with("<?xml"))
        .map_or(drawing.as_str(), |(_, rest)| rest);
    let drawing = drawing.replacen("<svg ", "<svg role=\"group\" aria-labelledby=\"map-h\" ", 1);
    let _ = writeln!(
        out,
        "<div class=\"map\" tabindex=\"0\" role=\"region\" aria-label=\"Argument map, scrolls sideways\">\n{drawing}</div>\n</section>"
    );
}

const LEGEND: &str = "<ul class=\"legend\" aria-label=\"Legend\">\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"32\" height=\"12\" rx=\"6\" fill=\"#e3f2fd\" stroke=\"#1565c0\" stroke-width=\"2\"/></svg> hypothesis (rounded box)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"32\" height=\"12\" rx=\"1\" fill=\"#f5f5f5\" stroke=\"#424242\"/></svg> claim (box)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><polygon points=\"1,1 27,1 33,7 33,13 1,13\" fill=\"#e8f5e9\" stroke=\"#2e7d32\"/></svg> evidence (cut corner)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><polygon points=\"1,7 7,1 27,1 33,7 27,13 7,13\" fill=\"#fff3e0\" stroke=\"#e65100\"/></svg> question (hexagon)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><ellipse cx=\"17\" cy=\"7\" rx=\"16\" ry=\"6\" fill=\"#fffde7\" stroke=\"#f9a825\"/></svg> source or actor (oval)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"26\" y2=\"7\" stroke=\"#2e7d32\" stroke-width=\"2\"/><path d=\"M24,2 L33,7 L24,12 Z\" fill=\"#2e7d32\"/></svg> supports: solid line, arrow head</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"30\" y2=\"7\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/><rect x=\"30\" y=\"1\" width=\"3\" height=\"12\" fill=\"#c62828\"/></svg> opposes: dashed line, bar head</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"33\" y2=\"7\" stroke=\"#757575\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/></svg> other link (answers, source, said by …): dotted</li>\
</ul>\n";

fn write_hypotheses(out: &mut String, report: &Report, places: &Places) {
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

fn write_hypothesis(out: &mut String, h: &HypothesisTrace, places: &Places) {
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

fn write_tree_node(out: &mut String, n: &TraceNode, relation: &str, places: &Places) {
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

fn write_text(out: &mut String, report: &Report, places: &Places) {
    let meta = &report.meta;
    out.push_str("<section id=\"text\" aria-labelledby=\"text-h\">\n<h2 id=\"text-h\">The brief's text</h2>\n");
    if meta.content.is_empty() {
        out.push_str("<p>The store holds no text for this brief (an imported map, say): its quotes cannot be shown in place.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>{} passage{} quoted by the map {} highlighted; the ↩ after each leads back to the node that quotes it.</p>",
        report.anchors.len(),
        if report.anchors.len() == 1 { "" } else { "s" },
        if report.anchors.len() == 1 {
            "is"
        } else {
            "are"
        }
    );
    let text: Vec<char> = meta.content.chars().collect();
    let ranges: Vec<(usize, usize)> = report.anchors.iter().map(|a| (a.start, a.end)).collect();
    let _ = write!(
        out,
        "<div class=\"brief-text\" lang=\"{}\">",
        escape(meta.language.as_deref().unwrap_or("en"))
    );
    for piece in pieces(text.len(), &ranges) {
        for &i in &piece.ends {
            let n = &report.graph.nodes[report.anchors[i].node];
            if let Some(to) = places.home.get(&n.iri) {
                let _ = write!(
                    out,
                    "<a class=\"back\" href=\"#{to}\" aria-label=\"Back to {} {}\">↩</a>",
                    n.kind,
                    escape(&n.key)
                );
            }
        }
        for &i in &piece.starts {
            let a = &report.anchors[i];
            let _ = write!(
                out,
                "<span class=\"target\" id=\"p{i}\" data-start=\"{}\" data-end=\"{}\" data-node=\"{}\"></span>",
                a.start,
                a.end,
                escape(&report.graph.nodes[a.node].iri)
            );
        }
        let segment: String = text[piece.start..piece.end].iter().collect();
        if piece.open.is_empty() {
            out.push_str(&escape(&segment));
        } else if !segment.is_empty() {
            let ids: Vec<String> = piece.open.iter().map(|i| format!("p{i}")).collect();
            let _ = write!(
                out,
                "<mark data-a=\"{}\">{}</mark>",
                ids.join(" "),
                escape(&segment)
            );
        }
    }
    out.push_str("</div>\n</section>\n");
}

/// A run of the text between two places where passages start or end.
#[derive(Debug, PartialEq)]
struct Piece {
    /// Passages (indices into the anchors) that end just before the run.
    ends: Vec<usize>,
    /// Passages that start at the run.
    starts: Vec<usize>,
    /// The run, in characters; the last piece is empty and only closes passages.
    start: usize,
    end: usize,
    /// Every passage the run belongs to.
    open: Vec<usize>,
}

/// Cuts a text of `len` characters at every start and end of `anchors`
/// (character offsets, end exclusive; clipped to the text, empty ones
/// left out), so that overlapping and nested passages each mark the runs
/// they cover.
fn pieces(len: usize, anchors: &[(usize, usize)]) -> Vec<Piece> {
    let mut starts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut ends: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &(s, e)) in anchors.iter().enumerate() {
        let (s, e) = (s.min(len), e.min(len));
        if s < e {
            starts.entry(s).or_default().push(i);
            ends.entry(e).or_default().push(i);
        }
    }
    let cuts: BTreeSet<usize> = starts
        .keys()
        .chain(ends.keys())
        .copied()
        .chain([0, len])
        .collect();
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut open: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::with_capacity(cuts.len());
    for (k, &at) in cuts.iter().enumerate() {
        let ending = ends.remove(&at).unwrap_or_default();
        let starting = starts.remove(&at).unwrap_or_default();
        for i in &ending {
            open.remove(i);
        }
        open.extend(starting.iter().copied());
        out.push(Piece {
            ends: ending,
            starts: starting,
            start: at,
            end: cuts.get(k + 1).copied().unwrap_or(at),
            open: open.iter().copied().collect(),
        });
    }
    out
}

fn write_matrix(out: &mut String, report: &Report, places: &Places) {
    out.push_str("<section id=\"matrix\" aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">Competing hypotheses</h2>\n");
    let questions: &[QuestionMatrix] = report
        .matrix
        .as_ref()
        .map(|m| m.questions.as_slice())
        .unwrap_or_default();
    if questions.is_empty() {
        out.push_str("<p>The map has no question with hypotheses to weigh.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", matrix::LEGEND);
    for (qi, q) in questions.iter().enumerate() {
        matrix::write_table(out, q, &format!("mx{qi}"), &|e| {
            passage_link(places, &e.iri, &e.key)
        });
    }
    out.push_str("</section>\n");
}

fn write_timeline(out: &mut String, report: &Report, places: &Places) {
    out.push_str("<section id=\"timeline\" aria-labelledby=\"timeline-h\">\n<h2 id=\"timeline-h\">Timeline</h2>\n");
    if report.events.is_empty() {
        out.push_str("<p>The map records no dated event.</p>\n</section>\n");
        return;
    }
    let iri_of: HashMap<&str, &str> = report
        .graph
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Event)
        .map(|n| (n.key.as_str(), n.iri.as_str()))
        .collect();
    out.push_str("<ol class=\"timeline\">");
    for e in &report.events {
        let iri = iri_of.get(e.key.as_str()).copied().unwrap_or_default();
        let id = places
            .index
            .get(iri)
            .map(|i| format!(" id=\"e{i}\""))
            .unwrap_or_default();
        let mut flags = Vec::new();
        if e.inferred {
            flags.push("date inferred by the analyst");
        }
        if e.approximate {
            flags.push("approximate");
        }
        let _ = write!(
            out,
            "<li{id}><span class=\"when\">{}</span> {}{}</li>",
            escape(&e.when),
            passage_link(places, iri, &e.text),
            if flags.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"node-facts\">({})</span>", flags.join(", "))
            }
        );
    }
    out.push_str("</ol>\n</section>\n");
}

fn write_actors(out: &mut String, report: &Report, places: &Places) {
    out.push_str(
        "<section id=\"actors\" aria-labelledby=\"actors-h\">\n<h2 id=\"actors-h\">Actors</h2>\n",
    );
    if report.actors.is_empty() {
        out.push_str("<p>The map names no actor.</p>\n</section>\n");
        return;
    }
    let nodes: HashMap<&str, &GraphNode> = report
        .graph
        .nodes
        .iter()
        .map(|n| (n.iri.as_str(), n))
        .collect();
    out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"actors-c\"><table class=\"actors\"><caption id=\"actors-c\">The people, organisations and states the brief names, and their links to other knowledge bases</caption><thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Kind</th><th scope=\"col\">Role</th><th scope=\"col\">Links to other knowledge bases</th><th scope=\"col\">Named in</th></tr></thead><tbody>");
    for a in &report.actors {
        let id = places
            .index
            .get(&a.iri)
            .map(|i| format!(" id=\"c{i}\""))
            .unwrap_or_default();
        let links = if a.links.is_empty() {
            "<span class=\"none\">no links recorded</span>".to_string()
        } else {
            a.links
                .iter()
                .map(|l| {
                    format!(
                        "<a href=\"{}\" rel=\"external noreferrer\">{}</a>",
                        escape(l),
                        escape(l)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        // What names the actor, grouped by how: what it said, took part in, is mentioned in.
        let mut named: BTreeMap<u8, (&str, Vec<String>)> = BTreeMap::new();
        for e in &report.graph.edges {
            let (rank, how) = match e.kind {
                EdgeKind::SaidBy => (0, "said"),
                EdgeKind::Participant => (1, "took part in"),
                EdgeKind::Mentions => (2, "mentioned in"),
                _ => continue,
            };
            if e.to != a.iri {
                continue;
            }
            let Some(n) = nodes.get(e.from.as_str()) else {
                continue;
            };
            let entry = match places
                .passage_href(&n.iri)
                .or_else(|| places.home.get(&n.iri).map(|h| format!("#{h}")))
            {
                Some(href) => format!(
                    "<a href=\"{href}\" aria-label=\"{} {}\">{}</a>",
                    n.kind,
                    escape(&n.key),
                    escape(&n.key)
                ),
                None => escape(&n.key),
            };
            let list = &mut named.entry(rank).or_insert((how, Vec::new())).1;
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        let named: Vec<String> = named
            .into_values()
            .map(|(how, list)| format!("<strong>{how}</strong> {}", list.join(", ")))
            .collect();
        let _ = write!(
            out,
            "<tr{id}><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{links}</td><td>{}</td></tr>",
            passage_link(places, &a.iri, &a.name),
            escape(&a.kinds.join(", ")),
            escape(a.role.as_deref().unwrap_or("")),
            if named.is_empty() {
                "—".to_string()
            } else {
                named.join("; ")
            }
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_nested_passages_mark_each_run_they_cover() {
        let p = pieces(10, &[(2, 6), (4, 8), (4, 6), (9, 20), (12, 15), (3, 3)]);
        let runs: Vec<(usize, usize, Vec<usize>)> =
            p.iter().map(|p| (p.start, p.end, p.open.clone())).collect();
        assert_eq!(
            runs,
            vec![
                (0, 2, vec![]),
                (2, 4, vec![0]),
                (4, 6, vec![0, 1, 2]),
                (6, 8, vec![1]),
                (8, 9, vec![]),
                (9, 10, vec![3]),
                (10, 10, vec![]),
            ]
        );
        assert_eq!(p[3].ends, vec![0, 2]);
        assert_eq!(
            p[6].ends,
            vec![3],
            "a passage past the end closes at the end"
        );
        assert!(
            p.iter()
                .all(|p| !p.starts.contains(&4) && !p.starts.contains(&5))
        );
    }
}
