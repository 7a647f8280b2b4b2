//! Answering "how is each hypothesis supported?": support trees built in Rust from one-hop, graph-scoped SPARQL.
//!
//! [`trace`] asks the [`Backend`] for a brief's hypotheses, nodes and edges
//! (three queries from `queries/`), then builds, for each hypothesis, the
//! tree of what supports it down to the evidence, with what opposes each
//! node. Property paths are not used: they tell reachability, not the path,
//! and some engines reject them unbound.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use oxigraph::model::{NamedNode, Term};
use serde::Serialize;

use crate::Error;
use crate::read::briefs::{BriefInfo, brief_by_id, briefs};
use crate::render::table;
use crate::sparql::{Backend, Solutions, lexical, named_query, select_many};

/// The trace of one brief.
#[derive(Debug, Clone, Serialize)]
pub struct BriefTrace {
    pub brief: BriefInfo,
    pub hypotheses: Vec<HypothesisTrace>,
    /// Claims and evidence that support no other node and no hypothesis
    /// (a conclusion, say), each with its own tree; empty when hypotheses
    /// were asked for by name.
    pub other_conclusions: Vec<TraceNode>,
}

/// One hypothesis, its support tree and its summary.
#[derive(Debug, Clone, Serialize)]
pub struct HypothesisTrace {
    pub key: String,
    pub iri: String,
    pub text: String,
    pub question: QuestionInfo,
    pub hedge: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<String>,
    pub quote: Option<QuoteInfo>,
    /// What supports the hypothesis, as trees.
    pub supported_by: Vec<TraceNode>,
    /// What opposes the hypothesis itself.
    pub opposed_by: Vec<TraceNode>,
    pub summary: Summary,
    /// Set when the author's wording is assertive (a likelihood of 55 % or
    /// more, or high confidence) but the support is thin or absent.
    pub hedge_vs_support: Option<String>,
}

/// The question a hypothesis answers.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionInfo {
    pub key: String,
    pub text: String,
    pub exclusive: bool,
}

/// A likelihood band from the hedge table.
#[derive(Debug, Clone, Serialize)]
pub struct Likelihood {
    pub term: String,
    /// Lower bound, 0–1; absent for words that state no likelihood.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub scale: String,
}

/// A quote with its offsets in characters.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteInfo {
    pub text: String,
    pub start: u64,
    pub end: u64,
}

/// A source as a trace shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub key: String,
    pub iri: String,
    pub title: String,
    pub reliability: Option<String>,
    pub credibility: Option<i64>,
}

/// A claim, item of evidence or hypothesis inside a tree.
#[derive(Debug, Clone, Serialize)]
pub struct TraceNode {
    pub key: String,
    pub iri: String,
    pub kind: String,
    pub text: String,
    pub status: String,
    pub hedge: Option<String>,
    pub quote: Option<QuoteInfo>,
    pub date: Option<String>,
    pub date_inferred: bool,
    pub said_by: Option<String>,
    pub source: Option<SourceInfo>,
    /// Whether the edge to its parent is marked strong.
    pub strong: bool,
    pub supported_by: Vec<TraceNode>,
    pub opposed_by: Vec<TraceNode>,
}

/// Counts over a hypothesis's support tree.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Distinct items of evidence in the support tree.
    pub evidence: usize,
    /// Distinct sources cited in the support tree.
    pub sources: usize,
    /// Edges on the longest path from the hypothesis down.
    pub depth: usize,
    /// Distinct nodes that oppose a node of the tree.
    pub opposing: usize,
    /// How much stands behind the hypothesis: see [`strength`].
    pub strength: &'static str,
}

/// The strength of a support tree, from its counts: `none` with no
/// evidence; `thin` with one or two items, or with no source behind any;
/// `broad` with six items or more from three sources or more; otherwise
/// `moderate`.
pub fn strength(evidence: usize, sources: usize) -> &'static str {
    match (evidence, sources) {
        (0, _) => "none",
        (1..=2, _) | (_, 0) => "thin",
        (6.., 3..) => "broad",
        _ => "moderate",
    }
}

/// The warning for assertive wording on thin support, if it applies.
fn hedge_vs_support(
    likelihood: Option<&Likelihood>,
    confidence: Option<&str>,
    summary: &Summary,
) -> Option<String> {
    if !matches!(summary.strength, "none" | "thin") {
        return None;
    }
    let likely = likelihood.and_then(|l| l.low).filter(|&low| low >= 0.55);
    let what = match (likely, confidence) {
        (Some(low), Some("high")) => format!(
            "a likelihood of {:.0} % or more and high confidence",
            low * 100.0
        ),
        (Some(low), _) => format!("a likelihood of {:.0} % or more", low * 100.0),
        (None, Some("high")) => "high confidence".to_string(),
        _ => return None,
    };
    Some(format!(
        "the author states {what}, but the support is {} ({} evidence item{}, {} source{})",
        summary.strength,
        summary.evidence,
        if summary.evidence == 1 { "" } else { "s" },
        summary.sources,
        if summary.sources == 1 { "" } else { "s" },
    ))
}

/// The queries a trace of one brief runs, each once, on two threads:
/// longest first, so that the threads finish close together.
pub const QUERIES: [&str; 6] = [
    "trace-quotes",
    "trace-nodes",
    "trace-edges",
    "trace-attribution",
    "trace-hypotheses",
    "trace-dates",
];

fn query(name: &str) -> &'static str {
    named_query(name).map(|q| q.text).unwrap_or_default()
}

/// Traces `hypotheses` (all when empty) of `brief` (every brief when `None`).
pub fn trace(
    backend: &dyn Backend,
    brief: Option<&str>,
    hypotheses: &[String],
) -> Result<Vec<BriefTrace>, Error> {
    let chosen: Vec<BriefInfo> = match brief {
        // One brief is looked up by its id, so the time of a trace does not
        // grow with the number of briefs in the store.
        Some(id) => match brief_by_id(backend, id)? {
            Some(b) => vec![b],
            None => {
                let all = briefs(backend)?;
                let known: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
                return Err(Error::NotFound(format!(
                    "there is no brief `{id}` in the store; it holds: {}",
                    if known.is_empty() {
                        "nothing yet (load one with `argmap load`)".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        },
        None => briefs(backend)?,
    };
    let mut traces = Vec::new();
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for b in chosen {
        let t = trace_brief(backend, b, hypotheses)?;
        for h in &t.hypotheses {
            if let Some(k) = hypotheses.iter().find(|k| **k == h.key) {
                found.insert(k.as_str());
            }
        }
        traces.push(t);
    }
    let missing: Vec<&str> = hypotheses
        .iter()
        .map(String::as_str)
        .filter(|h| !found.contains(h))
        .collect();
    if !missing.is_empty() {
        return Err(Error::NotFound(format!(
            "no hypothesis called {} in the brief(s) traced; `argmap list` shows them",
            missing.join(", ")
        )));
    }
    Ok(traces)
}

struct Edge {
    from: String,
    strong: bool,
}

fn trace_brief(
    backend: &dyn Backend,
    brief: BriefInfo,
    wanted: &[String],
) -> Result<BriefTrace, Error> {
    let graph = NamedNode::new(&brief.graph).map_err(|e| Error::Internal(e.to_string()))?;
    let bindings = [("graph".to_string(), Term::from(graph))];
    let [
        quote_rows,
        node_rows,
        edge_rows,
        attribution_rows,
        hyp_rows,
        date_rows,
    ] = select_many(backend, QUERIES.map(query), &bindings)?;

    let mut dates: BTreeMap<String, (String, bool)> = BTreeMap::new();
    let r = Rows::new(&date_rows);
    for row in &date_rows.rows {
        let Some(node) = r.text(row, "node") else {
            continue;
        };
        let date = match (
            r.text(row, "date"),
            r.text(row, "startDate"),
            r.text(row, "endDate"),
        ) {
            (Some(d), _, _) if r.text(row, "approximate").is_some_and(|a| a == "true") => {
                format!("{d}~")
            }
            (Some(d), _, _) => d,
            (None, Some(s), Some(e)) => format!("{s}/{e}"),
            _ => continue,
        };
        let inferred = r.text(row, "dateInferred").is_some_and(|v| v == "true");
        dates.insert(node, (date, inferred));
    }

    let mut quotes: BTreeMap<String, QuoteInfo> = BTreeMap::new();
    let r = Rows::new(&quote_rows);
    for row in &quote_rows.rows {
        if let (Some(node), Some(quote)) = (r.text(row, "node"), r.quote(row)) {
            quotes.insert(node, quote);
        }
    }

    let mut said_by: BTreeMap<String, String> = BTreeMap::new();
    let mut sources: BTreeMap<String, SourceInfo> = BTreeMap::new();
    let r = Rows::new(&attribution_rows);
    for row in &attribution_rows.rows {
        let Some(node) = r.text(row, "node") else {
            continue;
        };
        if let Some(name) = r.text(row, "saidByName") {
            said_by.insert(node.clone(), name);
        }
        if let Some(iri) = r.text(row, "source") {
            sources.insert(
                node,
                SourceInfo {
                    key: r.text(row, "sourceKey").unwrap_or_default(),
                    iri,
                    title: r.text(row, "sourceTitle").unwrap_or_default(),
                    reliability: r.text(row, "reliability"),
                    credibility: r.text(row, "credibility").and_then(|c| c.parse().ok()),
                },
            );
        }
    }

    let mut nodes: BTreeMap<String, TraceNode> = BTreeMap::new();
    let r = Rows::new(&node_rows);
    for row in &node_rows.rows {
        let Some(iri) = r.text(row, "node") else {
            continue;
        };
        let (said_by, source, quote) = (
            said_by.remove(&iri),
            sources.remove(&iri),
            quotes.remove(&iri),
        );
        let (date, date_inferred) = match dates.remove(&iri) {
            Some((date, inferred)) => (Some(date), inferred),
            None => (None, false),
        };
        nodes.insert(
            iri.clone(),
            TraceNode {
                key: r.text(row, "key").unwrap_or_default(),
                kind: r.text(row, "kind").unwrap_or_default(),
                iri,
                text: r.text(row, "text").unwrap_or_default(),
                status: status_word(&r.text(row, "status").unwrap_or_default()),
                hedge: r.text(row, "hedge"),
                quote,
                date,
                date_inferred,
                said_by,
                source,
                strong: false,
                supported_by: Vec::new(),
                opposed_by: Vec::new(),
            },
        );
    }
    let mut supporters: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    let mut attackers: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    let r = Rows::new(&edge_rows);
    for row in &edge_rows.rows {
        let (Some(from), Some(to), Some(relation)) = (
            r.text(row, "from"),
            r.text(row, "to"),
            r.text(row, "relation"),
        ) else {
            continue;
        };
        let edge = Edge {
            from,
            strong: r.text(row, "strong").is_some_and(|s| s == "true"),
        };
        let list = if relation == "support" {
            &mut supporters
        } else {
            &mut attackers
        };
        list.entry(to).or_default().push(edge);
    }
    for edges in supporters.values_mut().chain(attackers.values_mut()) {
        edges.sort_by_cached_key(|e| sort_key(&nodes, &e.from));
    }
    let graph = Graph {
        nodes: &nodes,
        supporters: &supporters,
        attackers: &attackers,
    };

    let r = Rows::new(&hyp_rows);
    let mut hypotheses = Vec::new();
    for row in &hyp_rows.rows {
        let key = r.text(row, "key").unwrap_or_default();
        if !wanted.is_empty() && !wanted.contains(&key) {
            continue;
        }
        let iri = r.text(row, "node").unwrap_or_default();
        // Text, hedge and quote come with the other nodes.
        let node = nodes.get(&iri);
        let mut path = vec![iri.clone()];
        let supported_by = graph.children(&iri, graph.supporters, &mut path);
        let opposed_by = graph.children(&iri, graph.attackers, &mut path);
        let likelihood = r.text(row, "term").map(|term| Likelihood {
            term,
            low: r.text(row, "low").and_then(|v| v.parse().ok()),
            high: r.text(row, "high").and_then(|v| v.parse().ok()),
            scale: r.text(row, "scale").unwrap_or_default(),
        });
        let summary = summarise(&supported_by, &opposed_by);
        let confidence = r.text(row, "confidence");
        let warning = hedge_vs_support(likelihood.as_ref(), confidence.as_deref(), &summary);
        hypotheses.push(HypothesisTrace {
            key,
            iri,
            text: node.map(|n| n.text.clone()).unwrap_or_default(),
            question: QuestionInfo {
                key: r.text(row, "questionKey").unwrap_or_default(),
                text: r.text(row, "questionText").unwrap_or_default(),
                exclusive: r.text(row, "exclusive").is_some_and(|v| v == "true"),
            },
            hedge: node.and_then(|n| n.hedge.clone()),
            likelihood,
            confidence,
            quote: node.and_then(|n| n.quote.clone()),
            supported_by,
            opposed_by,
            summary,
            hedge_vs_support: warning,
        });
    }
    // The motives in the order the brief gives them: by where each is quoted.
    hypotheses.sort_by_key(|h| {
        (
            h.question.key.clone(),
            h.quote.as_ref().map_or(u64::MAX, |q| q.start),
            h.key.clone(),
        )
    });
    let mut other_conclusions = Vec::new();
    if wanted.is_empty() {
        let supporting: BTreeSet<&str> = supporters
            .values()
            .flatten()
            .map(|e| e.from.as_str())
            .collect();
        let attacking: BTreeSet<&str> = attackers
            .values()
            .flatten()
            .map(|e| e.from.as_str())
            .collect();
        let mut roots: Vec<&TraceNode> = nodes
            .values()
            .filter(|n| {
                n.kind != "hypothesis"
                    && !supporting.contains(n.iri.as_str())
                    && !attacking.contains(n.iri.as_str())
            })
            .collect();
        roots.sort_by_key(|n| {
            (
                n.quote.as_ref().map_or(u64::MAX, |q| q.start),
                n.key.clone(),
            )
        });
        for root in roots {
            let mut node = root.clone();
            let mut path = vec![node.iri.clone()];
            node.supported_by = graph.children(&node.iri, graph.supporters, &mut path);
            node.opposed_by = graph.children(&node.iri, graph.attackers, &mut path);
            other_conclusions.push(node);
        }
    }
    Ok(BriefTrace {
        brief,
        hypotheses,
        other_conclusions,
    })
}

fn sort_key(nodes: &BTreeMap<String, TraceNode>, iri: &str) -> (u8, String) {
    match nodes.get(iri) {
        Some(n) => (
            match n.kind.as_str() {
                "claim" => 0,
                "evidence" => 1,
                _ => 2,
            },
            n.key.clone(),
        ),
        None => (3, iri.to_string()),
    }
}

struct Graph<'a> {
    nodes: &'a BTreeMap<String, TraceNode>,
    supporters: &'a BTreeMap<String, Vec<Edge>>,
    attackers: &'a BTreeMap<String, Vec<Edge>>,
}

impl Graph<'_> {
    /// The nodes on the `edges` of `iri`, each with its own tree; `path`
    /// guards against cycles in data that did not come through `check`.
    fn children(
        &self,
        iri: &str,
        edges: &BTreeMap<String, Vec<Edge>>,
        path: &mut Vec<String>,
    ) -> Vec<TraceNode> {
        let mut out = Vec::new();
        for edge in edges.get(iri).map(Vec::as_slice).unwrap_or_default() {
            if path.contains(&edge.from) {
                continue;
            }
            let Some(node) = self.nodes.get(&edge.from) else {
                continue;
            };
            let mut node = node.clone();
            node.strong = edge.strong;
            path.push(edge.from.clone());
            node.supported_by = self.children(&edge.from, self.supporters, path);
            node.opposed_by = self.children(&edge.from, self.attackers, path);
            path.pop();
            out.push(node);
        }
        out
    }
}

fn summarise(supported_by: &[TraceNode], opposed_by: &[TraceNode]) -> Summary {
    fn walk<'a>(
        n: &'a TraceNode,
        depth: usize,
        evidence: &mut BTreeSet<&'a str>,
        sources: &mut BTreeSet<&'a str>,
        opposing: &mut BTreeSet<&'a str>,
        max: &mut usize,
    ) {
        *max = (*max).max(depth);
        if n.kind == "evidence" {
            evidence.insert(&n.iri);
        }
        if let Some(s) = &n.source {
            sources.insert(&s.iri);
        }
        for o in &n.opposed_by {
            opposing.insert(&o.iri);
        }
        for c in &n.supported_by {
            walk(c, depth + 1, evidence, sources, opposing, max);
        }
    }
    let (mut evidence, mut sources, mut opposing, mut depth) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new(), 0);
    for o in opposed_by {
        opposing.insert(o.iri.as_str());
    }
    for n in supported_by {
        walk(n, 1, &mut evidence, &mut sources, &mut opposing, &mut depth);
    }
    Summary {
        evidence: evidence.len(),
        sources: sources.len(),
        depth,
        opposing: opposing.len(),
        strength: strength(evidence.len(), sources.len()),
    }
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn status_word(iri: &str) -> String {
    match local_name(iri) {
        "Reported" => "reported".into(),
        "Observed" => "observed".into(),
        "AuthorInference" => "inference".into(),
        other => other.to_lowercase(),
    }
}

struct Rows<'a> {
    solutions: &'a Solutions,
}

impl<'a> Rows<'a> {
    fn new(solutions: &'a Solutions) -> Self {
        Rows { solutions }
    }

    fn text(&self, row: &[Option<Term>], variable: &str) -> Option<String> {
        let column = self.solutions.column(variable)?;
        row.get(column)?.as_ref().map(lexical)
    }

    fn quote(&self, row: &[Option<Term>]) -> Option<QuoteInfo> {
        Some(QuoteInfo {
            text: self.text(row, "quote")?,
            start: self.text(row, "start")?.parse().ok()?,
            end: self.text(row, "end")?.parse().ok()?,
        })
    }
}

/// The trace as stable, documented JSON.
pub fn to_json(traces: &[BriefTrace]) -> serde_json::Value {
    serde_json::json!({ "format": "argmap-trace/1", "briefs": traces })
}

/// The trace as a readable tree per hypothesis, then a summary table.
pub fn to_text(traces: &[BriefTrace]) -> String {
    let mut out = String::new();
    for (i, t) in traces.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "Brief {}: {}", t.brief.id, t.brief.title);
        let _ = writeln!(out, "Rights: {}", t.brief.rights);
        let mut question: Option<&str> = None;
        for h in &t.hypotheses {
            if question != Some(h.question.key.as_str()) {
                question = Some(&h.question.key);
                let _ = writeln!(out, "\nQuestion {}: {}", h.question.key, h.question.text);
                let note = if h.question.exclusive {
                    "Its hypotheses exclude each other."
                } else {
                    "Its hypotheses are complementary readings: their support is compared below, and no ranking is implied."
                };
                let _ = writeln!(out, "  {note}");
            }
            let _ = writeln!(out, "\nHypothesis {}: {}", h.key, h.text);
            let _ = writeln!(
                out,
                "  likelihood: {}    confidence: {}    support: {}",
                likelihood_text(h),
                h.confidence.as_deref().unwrap_or("not stated"),
                support_text(&h.summary)
            );
            if let Some(w) = &h.hedge_vs_support {
                let _ = writeln!(out, "  ! {w}");
            }
            if let Some(q) = &h.quote {
                let _ = writeln!(
                    out,
                    "  quote [{}..{}): \"{}\"",
                    q.start,
                    q.end,
                    one_line(&q.text)
                );
            }
            let count = h.supported_by.len() + h.opposed_by.len();
            let mut k = 0;
            for n in &h.supported_by {
                k += 1;
                write_node(&mut out, n, "  ", k == count, "supported by");
            }
            for n in &h.opposed_by {
                k += 1;
                write_node(&mut out, n, "  ", k == count, "opposed by");
            }
            if count == 0 {
                let _ = writeln!(out, "  (nothing in the map supports or opposes it)");
            }
        }
        if !t.other_conclusions.is_empty() {
            let _ = writeln!(
                out,
                "\nOther conclusions of the brief (not linked to a hypothesis)"
            );
            let count = t.other_conclusions.len();
            for (k, n) in t.other_conclusions.iter().enumerate() {
                write_node(&mut out, n, "  ", k + 1 == count, "conclusion:");
            }
        }
        let _ = writeln!(out, "\nSummary of {}", t.brief.id);
        let rows: Vec<Vec<String>> = t
            .hypotheses
            .iter()
            .map(|h| {
                vec![
                    h.key.clone(),
                    likelihood_text(h),
                    h.confidence.clone().unwrap_or_else(|| "—".into()),
                    h.summary.strength.to_string(),
                    h.summary.evidence.to_string(),
                    h.summary.sources.to_string(),
                    h.summary.depth.to_string(),
                    h.summary.opposing.to_string(),
                ]
            })
            .collect();
        let header = [
            "hypothesis",
            "likelihood",
            "confidence",
            "support",
            "evidence",
            "sources",
            "depth",
            "opposing",
        ];
        out.push_str(&table(&header, &rows));
        for h in &t.hypotheses {
            if let Some(w) = &h.hedge_vs_support {
                let _ = writeln!(out, "! {}: {w}", h.key);
            }
        }
    }
    out
}

fn support_text(s: &Summary) -> String {
    format!(
        "{} ({} evidence item{}, {} source{})",
        s.strength,
        s.evidence,
        if s.evidence == 1 { "" } else { "s" },
        s.sources,
        if s.sources == 1 { "" } else { "s" }
    )
}

fn likelihood_text(h: &HypothesisTrace) -> String {
    let hedge = h
        .hedge
        .as_deref()
        .map(|x| format!("\"{x}\""))
        .unwrap_or_else(|| "no hedge".into());
    match &h.likelihood {
        Some(Likelihood {
            low: Some(l),
            high: Some(hi),
            scale,
            ..
        }) => {
            format!("{hedge} → {:.0}–{:.0} % ({scale})", l * 100.0, hi * 100.0)
        }
        Some(Likelihood { scale, .. }) => format!("{hedge} → no band ({scale})"),
        None => hedge,
    }
}

fn write_node(out: &mut String, n: &TraceNode, indent: &str, last: bool, relation: &str) {
    let branch = if last { "└─ " } else { "├─ " };
    let strong = if n.strong { "strongly " } else { "" };
    let _ = writeln!(
        out,
        "{indent}{branch}{strong}{relation} {} {}: {}",
        n.kind, n.key, n.text
    );
    let child_indent = format!("{indent}{}", if last { "   " } else { "│  " });
    let mut facts = vec![n.status.clone()];
    if let Some(h) = &n.hedge {
        facts.push(format!("hedge \"{h}\""));
    }
    if let Some(s) = &n.said_by {
        facts.push(format!("said by {s}"));
    }
    if let Some(s) = &n.source {
        let grade = match (&s.reliability, s.credibility) {
            (Some(r), Some(c)) => format!(" [{r}{c}]"),
            (Some(r), None) => format!(" [{r}]"),
            (None, Some(c)) => format!(" [{c}]"),
            (None, None) => String::new(),
        };
        facts.push(format!("source: {}{grade}", s.title));
    }
    if let Some(d) = &n.date {
        facts.push(format!(
            "date {d}{}",
            if n.date_inferred { " (inferred)" } else { "" }
        ));
    }
    let _ = writeln!(out, "{child_indent}  ({})", facts.join("; "));
    if let Some(q) = &n.quote {
        let _ = writeln!(
            out,
            "{child_indent}  quote [{}..{}): \"{}\"",
            q.start,
            q.end,
            one_line(&q.text)
        );
    }
    let count = n.supported_by.len() + n.opposed_by.len();
    let mut k = 0;
    for c in &n.supported_by {
        k += 1;
        write_node(out, c, &child_indent, k == count, "supported by");
    }
    for c in &n.opposed_by {
        k += 1;
        write_node(out, c, &child_indent, k == count, "opposed by");
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
