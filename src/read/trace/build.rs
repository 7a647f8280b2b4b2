//! Building one brief's trace: the six answers read into nodes and edges, then a tree for each hypothesis and for each conclusion that supports nothing.

use std::collections::{BTreeMap, BTreeSet};

use super::summary::{hedge_vs_support, summarise};
use super::{
    BriefTrace, HypothesisTrace, Likelihood, QUERIES, QuestionInfo, SourceInfo, TraceNode,
};
use crate::Error;
use crate::read::briefs::BriefInfo;
use crate::read::briefs::graph_bindings;
use crate::read::node::{EdgeKind, Kind, Node, Quote, Status};
use crate::read::rows::{query, rows};
use crate::sparql::{Backend, Solutions, select_many};

/// Traces the hypotheses `wanted` (all when empty) of `brief`.
pub(super) fn trace_brief(
    backend: &dyn Backend,
    brief: BriefInfo,
    wanted: &[String],
) -> Result<BriefTrace, Error> {
    let bindings = graph_bindings(&brief)?;
    let mut texts = [""; QUERIES.len()];
    for (text, name) in texts.iter_mut().zip(QUERIES) {
        *text = query(name)?;
    }
    let [
        quote_rows,
        node_rows,
        edge_rows,
        attribution_rows,
        hypothesis_rows,
        date_rows,
        undercut_rows,
    ] = select_many(backend, texts, &bindings)?;
    let facts = Facts {
        dates: read_dates(&date_rows),
        quotes: read_quotes(&quote_rows),
        attribution: read_attribution(&attribution_rows),
    };
    let nodes = read_nodes(&node_rows, facts);
    let edges = read_edges(&edge_rows, &nodes);
    let undercuts = read_undercuts(&undercut_rows);
    let tree = Tree {
        nodes: &nodes,
        edges: &edges,
        undercuts: &undercuts,
    };
    let hypotheses = read_hypotheses(&hypothesis_rows, &tree, wanted);
    let other_conclusions = if wanted.is_empty() {
        other_conclusions(&tree)
    } else {
        Vec::new()
    };
    Ok(BriefTrace {
        brief,
        hypotheses,
        other_conclusions,
        other_conclusions_one_origin: Vec::new(),
    })
}

/// What the trace knows of each node besides `trace-nodes`'s columns, by
/// node IRI; each fact is taken out as its node is built.
struct Facts {
    /// The date as EDTF text (`~` when approximate, `start/end` for an
    /// interval), and whether the analyst inferred it.
    dates: BTreeMap<String, (String, bool)>,
    quotes: BTreeMap<String, Quote>,
    attribution: BTreeMap<String, Attribution>,
}

/// Who said a proposition, and the source that reported it.
#[derive(Default)]
struct Attribution {
    said_by: Option<String>,
    source: Option<SourceInfo>,
}

fn read_dates(answer: &Solutions) -> BTreeMap<String, (String, bool)> {
    let mut dates = BTreeMap::new();
    for row in rows(answer) {
        let Some(node) = row.text("node") else {
            continue;
        };
        let date = match (row.text("date"), row.text("startDate"), row.text("endDate")) {
            (Some(d), _, _) if row.flag("approximate") => format!("{d}~"),
            (Some(d), _, _) => d,
            (None, Some(s), Some(e)) => format!("{s}/{e}"),
            (None, Some(s), None) if row.flag("approximate") => format!("{s}~/.."),
            (None, Some(s), None) => format!("{s}/.."),
            _ => continue,
        };
        dates.insert(node, (date, row.flag("dateInferred")));
    }
    dates
}

fn read_quotes(answer: &Solutions) -> BTreeMap<String, Quote> {
    rows(answer)
        .filter_map(|row| Some((row.text("node")?, row.quote()?)))
        .collect()
}

fn read_attribution(answer: &Solutions) -> BTreeMap<String, Attribution> {
    let mut attribution: BTreeMap<String, Attribution> = BTreeMap::new();
    for row in rows(answer) {
        let Some(node) = row.text("node") else {
            continue;
        };
        let (said_by, source) = (row.text("saidByName"), row.text("source"));
        if said_by.is_none() && source.is_none() {
            continue;
        }
        let entry = attribution.entry(node).or_default();
        if said_by.is_some() {
            entry.said_by = said_by;
        }
        if let Some(iri) = source {
            entry.source = Some(SourceInfo {
                key: row.text("sourceKey").unwrap_or_default(),
                iri,
                title: row.text("sourceTitle").unwrap_or_default(),
                reliability: row.text("reliability"),
                credibility: row.number("credibility"),
            });
        }
    }
    attribution
}

/// The hypotheses, claims and evidence of `trace-nodes`, by IRI, each with
/// its facts and no children yet.
fn read_nodes(answer: &Solutions, mut facts: Facts) -> BTreeMap<String, TraceNode> {
    let mut nodes = BTreeMap::new();
    for row in rows(answer) {
        let Some(node) = row.node() else {
            continue;
        };
        let attribution = facts.attribution.remove(&node.iri).unwrap_or_default();
        let quote = facts.quotes.remove(&node.iri);
        let (date, date_inferred) = match facts.dates.remove(&node.iri) {
            Some((date, inferred)) => (Some(date), inferred),
            None => (None, false),
        };
        nodes.insert(
            node.iri.clone(),
            TraceNode {
                status: Status::parse(&row.text("status").unwrap_or_default()),
                hedge: row.text("hedge"),
                node,
                quote,
                date,
                date_inferred,
                said_by: attribution.said_by,
                source: attribution.source,
                strong: false,
                analyst_link: false,
                repeat: false,
                supported_by: Vec::new(),
                opposed_by: Vec::new(),
                undercut_by: Vec::new(),
            },
        );
    }
    nodes
}

/// An edge into a node: the node it comes from, whether it is strong, and
/// whether the analyst drew it.
struct Edge {
    from: String,
    strong: bool,
    analyst: bool,
}

/// The edges of a brief by the node they go to: what supports it and what
/// opposes it, each list in the order a tree shows it.
struct Edges {
    supporters: BTreeMap<String, Vec<Edge>>,
    attackers: BTreeMap<String, Vec<Edge>>,
}

fn read_edges(answer: &Solutions, nodes: &BTreeMap<String, TraceNode>) -> Edges {
    let mut edges = Edges {
        supporters: BTreeMap::new(),
        attackers: BTreeMap::new(),
    };
    for row in rows(answer) {
        let (Some(from), Some(to), Some(kind)) = (
            row.text("from"),
            row.text("to"),
            row.text("relation")
                .and_then(|r| EdgeKind::from_relation(&r)),
        ) else {
            continue;
        };
        let list = if kind == EdgeKind::Supports {
            &mut edges.supporters
        } else {
            &mut edges.attackers
        };
        list.entry(to).or_default().push(Edge {
            from,
            strong: row.flag("strong"),
            analyst: row.flag("analyst"),
        });
    }
    // `trace-edges` leaves the order to its callers: claims first, then
    // evidence, each by key.
    for list in edges
        .supporters
        .values_mut()
        .chain(edges.attackers.values_mut())
    {
        list.sort_by_cached_key(|e| sort_key(nodes, &e.from));
    }
    edges
}

fn sort_key(nodes: &BTreeMap<String, TraceNode>, iri: &str) -> (u8, String) {
    match nodes.get(iri) {
        Some(n) => (
            match n.kind {
                Kind::Claim => 0,
                Kind::Evidence => 1,
                _ => 2,
            },
            n.key.clone(),
        ),
        None => (3, iri.to_string()),
    }
}

/// The undercutters of each inference, by (premise, conclusion) IRIs.
type Undercuts = BTreeMap<(String, String), Vec<Edge>>;

fn read_undercuts(answer: &Solutions) -> Undercuts {
    let mut undercuts: Undercuts = BTreeMap::new();
    for row in rows(answer) {
        let (Some(from), Some(premise), Some(conclusion)) = (
            row.text("undercutter"),
            row.text("premise"),
            row.text("conclusion"),
        ) else {
            continue;
        };
        undercuts
            .entry((premise, conclusion))
            .or_default()
            .push(Edge {
                from,
                strong: false,
                analyst: false,
            });
    }
    undercuts
}

/// A brief's nodes and edges, from which trees are cut.
struct Tree<'a> {
    nodes: &'a BTreeMap<String, TraceNode>,
    edges: &'a Edges,
    undercuts: &'a Undercuts,
}

impl Tree<'_> {
    /// `iri`'s supporters and attackers, each with its own tree.
    fn below(&self, iri: &str) -> (Vec<TraceNode>, Vec<TraceNode>) {
        let mut path = vec![iri.to_string()];
        let supported_by = self.children(iri, &self.edges.supporters, &mut path);
        let opposed_by = self.children(iri, &self.edges.attackers, &mut path);
        (supported_by, opposed_by)
    }

    /// The nodes on the `edges` of `iri`, each with its own tree; `path`
    /// guards against cycles in data that did not come through `check`.
    fn children(
        &self,
        iri: &str,
        edges: &BTreeMap<String, Vec<Edge>>,
        path: &mut Vec<String>,
    ) -> Vec<TraceNode> {
        let edges = edges.get(iri).map(Vec::as_slice).unwrap_or_default();
        self.grow(iri, edges, path)
    }

    /// The nodes `edges` come from, each with its tree (what supports and
    /// opposes it, and what undercuts its step to `iri`).
    fn grow(&self, iri: &str, edges: &[Edge], path: &mut Vec<String>) -> Vec<TraceNode> {
        let mut out = Vec::new();
        for edge in edges {
            if path.contains(&edge.from) {
                continue;
            }
            let Some(node) = self.nodes.get(&edge.from) else {
                continue;
            };
            let mut node = node.clone();
            node.strong = edge.strong;
            node.analyst_link = edge.analyst;
            path.push(edge.from.clone());
            node.supported_by = self.children(&edge.from, &self.edges.supporters, path);
            node.opposed_by = self.children(&edge.from, &self.edges.attackers, path);
            if let Some(undercutters) = self.undercuts.get(&(edge.from.clone(), iri.to_string())) {
                node.undercut_by = self.grow(&edge.from, undercutters, path);
            }
            path.pop();
            out.push(node);
        }
        out
    }
}

/// The hypotheses of `trace-hypotheses` that are `wanted` (all when
/// empty), each with its tree and summary, in map order (`arg:order`:
/// the order `map.toml` writes them), as every command lists them.
fn read_hypotheses(answer: &Solutions, tree: &Tree, wanted: &[String]) -> Vec<HypothesisTrace> {
    let mut hypotheses = Vec::new();
    for row in rows(answer) {
        let order = row.number("order").unwrap_or(u64::MAX);
        let Some(node) = row.node_of(Kind::Hypothesis) else {
            continue;
        };
        if !wanted.is_empty() && !wanted.contains(&node.key) {
            continue;
        }
        // Text, hedge and quote come with the other nodes.
        let known = tree.nodes.get(&node.iri);
        let (mut supported_by, mut opposed_by) = tree.below(&node.iri);
        mark_repeats(&mut supported_by, &mut opposed_by, &mut BTreeSet::new());
        let likelihood = row.text("term").map(|term| Likelihood {
            term,
            low: row.number("low"),
            high: row.number("high"),
            scale: row.text("scale").unwrap_or_default(),
        });
        let summary = summarise(&supported_by, &opposed_by);
        let confidence = row.text("confidence");
        let warning = hedge_vs_support(likelihood.as_ref(), confidence.as_deref(), &summary);
        hypotheses.push((
            order,
            HypothesisTrace {
                node: Node {
                    text: known.map(|n| n.text.clone()).unwrap_or_default(),
                    ..node
                },
                question: QuestionInfo {
                    key: row.text("questionKey").unwrap_or_default(),
                    text: row.text("questionText").unwrap_or_default(),
                    exclusive: row.flag("exclusive"),
                },
                hedge: known.and_then(|n| n.hedge.clone()),
                likelihood,
                confidence,
                quote: known.and_then(|n| n.quote.clone()),
                supported_by,
                opposed_by,
                summary,
                hedge_vs_support: warning,
                one_origin: Vec::new(),
                assumptions: Vec::new(),
            },
        ));
    }
    hypotheses.sort_by(|(a, h), (b, g)| (a, &h.key).cmp(&(b, &g.key)));
    hypotheses.into_iter().map(|(_, h)| h).collect()
}

/// The claims and evidence that support and oppose nothing, each with its
/// tree, in the order the brief quotes them.
fn other_conclusions(tree: &Tree) -> Vec<TraceNode> {
    let (supporting, mut attacking) = (
        origins(&tree.edges.supporters),
        origins(&tree.edges.attackers),
    );
    // An undercutter attacks an inference: it is no conclusion of its own.
    attacking.extend(tree.undercuts.values().flatten().map(|e| e.from.as_str()));
    let mut roots: Vec<&TraceNode> = tree
        .nodes
        .values()
        .filter(|n| {
            n.kind != Kind::Hypothesis
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
    roots
        .into_iter()
        .map(|root| {
            let mut node = root.clone();
            (node.supported_by, node.opposed_by) = tree.below(&root.iri);
            // Each conclusion's tree, like a hypothesis's, shows a node once.
            let mut seen = BTreeSet::from([root.iri.clone()]);
            mark_repeats(&mut node.supported_by, &mut node.opposed_by, &mut seen);
            node
        })
        .collect()
}

/// The nodes some edge of `edges` comes from.
fn origins(edges: &BTreeMap<String, Vec<Edge>>) -> BTreeSet<&str> {
    edges.values().flatten().map(|e| e.from.as_str()).collect()
}

/// Marks every node shown earlier in the same tree, in the order text shows
/// them (each node, then what supports it, then what opposes it): a node
/// reached by several paths is shown once in full, and its later places
/// refer back to it.
fn mark_repeats(
    supported_by: &mut [TraceNode],
    opposed_by: &mut [TraceNode],
    seen: &mut BTreeSet<String>,
) {
    for node in supported_by.iter_mut().chain(opposed_by.iter_mut()) {
        if !seen.insert(node.iri.clone()) {
            node.repeat = true;
            continue;
        }
        mark_repeats(&mut node.supported_by, &mut node.opposed_by, seen);
    }
}
