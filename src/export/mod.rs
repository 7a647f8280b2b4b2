//! Exporting the store, a brief or one hypothesis's support tree: what to export (the scope), the quads for RDF, and the picture model every drawing format writes.
//!
//! RDF formats write quads ([`rdf`], [`jsonld`]); drawing formats write a
//! [`Picture`] built from [`crate::read::graph`] ([`dot`], [`svg`] with its own
//! [`layout`], [`graphml`], [`mermaid`], [`cytoscape`]). Every read goes
//! through [`Backend`], so export works on a remote endpoint too.

pub mod cytoscape;
pub mod dot;
pub mod graphml;
pub mod jsonld;
pub mod layout;
pub mod mermaid;
pub mod rdf;
pub mod svg;

use std::collections::{BTreeSet, HashMap, HashSet};

use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term};

use crate::Error;
use crate::read::briefs::briefs;
use crate::read::graph::{BriefGraph, GraphNode, brief_graph};
use crate::read::node::{EdgeKind, Kind, Node, Status};
use crate::sparql::{Backend, named_query};
use crate::vocab::{ARG, Iris, PREFIXES};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every named graph of the store.
    Store,
    /// One brief's graph.
    Brief(String),
    /// One hypothesis's support tree, in the brief given or the only brief that has it.
    Hypothesis { brief: Option<String>, key: String },
}

/// A brief's graph, and the hypothesis to focus on, if any.
#[derive(Debug, Clone)]
pub struct Selection {
    pub graph: BriefGraph,
    /// The IRI of the hypothesis whose support tree is exported.
    pub focus: Option<String>,
}

/// The prefixes of an export: the project's; one per kind of shared data
/// (`actor:`, `source:`, `event:`) and `kb:` for the rest of the data; and,
/// for one brief, one per kind of its nodes (`claim:`, `evidence:`, …), so
/// that data IRIs read as `claim:guterres-cnn`.
pub fn prefixes(iris: &Iris, selection: Option<&Selection>) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = PREFIXES
        .iter()
        .map(|(p, i)| (p.to_string(), i.to_string()))
        .collect();
    let mut data = vec![("kb".to_string(), iris.base().to_string())];
    for kind in ["actor", "source", "event"] {
        data.push((kind.to_string(), format!("{}{kind}/", iris.base())));
    }
    if let Some(s) = selection {
        let brief = &s.graph.brief.id;
        data.push(("brief".to_string(), format!("{}/", iris.brief(brief))));
        for kind in ["question", "hypothesis", "claim", "evidence"] {
            data.push((
                kind.to_string(),
                format!("{}/", iris.node(brief, kind, "").trim_end_matches('/')),
            ));
        }
    }
    for (p, i) in data {
        if !all.iter().any(|(q, j)| *q == p || *j == i) {
            all.push((p, i));
        }
    }
    all
}

/// Reads the brief (and hypothesis) that `scope` names; `None` for the whole store.
pub fn select(backend: &dyn Backend, scope: &Scope) -> Result<Option<Selection>, Error> {
    match scope {
        Scope::Store => Ok(None),
        Scope::Brief(id) => Ok(Some(Selection {
            graph: brief_graph(backend, id)?,
            focus: None,
        })),
        Scope::Hypothesis { brief, key } => {
            let ids: Vec<String> = match brief {
                Some(id) => vec![id.clone()],
                None => briefs(backend)?.into_iter().map(|b| b.id).collect(),
            };
            let mut found = Vec::new();
            for id in ids {
                let graph = brief_graph(backend, &id)?;
                let hit = graph
                    .nodes
                    .iter()
                    .find(|n| n.kind == Kind::Hypothesis && (n.key == *key || n.iri == *key))
                    .map(|n| n.iri.clone());
                if let Some(iri) = hit {
                    found.push((graph, iri));
                }
            }
            match found.len() {
                0 => Err(Error::NotFound(format!(
                    "there is no hypothesis `{key}`{}; `argmap list` shows them",
                    brief
                        .as_ref()
                        .map(|b| format!(" in brief `{b}`"))
                        .unwrap_or_else(|| " in the store".into())
                ))),
                1 => {
                    let (graph, iri) = found.pop().expect("one");
                    Ok(Some(Selection {
                        graph,
                        focus: Some(iri),
                    }))
                }
                _ => Err(Error::NotFound(format!(
                    "hypothesis `{key}` is in several briefs ({}); name one with --brief ID",
                    found
                        .iter()
                        .map(|(g, _)| g.brief.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            }
        }
    }
}

/// The quads of `selection` (or of every named graph), read with the named query `export-quads`.
pub fn quads(backend: &dyn Backend, selection: Option<&Selection>) -> Result<Vec<Quad>, Error> {
    let text = named_query("export-quads")
        .map(|q| q.text)
        .unwrap_or_default();
    let bindings = match selection {
        Some(s) => vec![(
            "graph".to_string(),
            Term::from(
                NamedNode::new(&s.graph.brief.graph).map_err(|e| Error::Internal(e.to_string()))?,
            ),
        )],
        None => Vec::new(),
    };
    let rows = backend.select(text, &bindings)?;
    let col = |v: &str| {
        rows.column(v)
            .ok_or_else(|| Error::Internal(format!("export-quads has no ?{v}")))
    };
    let (g, s, p, o) = (col("graph")?, col("s")?, col("p")?, col("o")?);
    let mut out = Vec::with_capacity(rows.rows.len());
    for row in &rows.rows {
        let (
            Some(Term::NamedNode(graph)),
            Some(subject),
            Some(Term::NamedNode(predicate)),
            Some(object),
        ) = (&row[g], &row[s], &row[p], &row[o])
        else {
            continue;
        };
        let subject = match subject {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            _ => continue,
        };
        out.push(Quad::new(
            subject,
            predicate.clone(),
            object.clone(),
            graph.clone(),
        ));
    }
    if let Some(Selection {
        focus: Some(h),
        graph,
    }) = selection
    {
        let keep = subgraph_subjects(graph, h, &out);
        out.retain(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(n) => keep.contains(n.as_str()),
            _ => false,
        });
    }
    // A stable order, so that the same store exports the same bytes.
    out.sort_by_cached_key(|q| q.to_string());
    Ok(out)
}

/// The nodes whose support reaches `hypothesis` (through `supports` edges), with the hypothesis itself.
pub fn support_tree(graph: &BriefGraph, hypothesis: &str) -> BTreeSet<String> {
    let mut supporters: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in graph.edges.iter().filter(|e| e.kind == EdgeKind::Supports) {
        supporters.entry(e.to.as_str()).or_default().push(&e.from);
    }
    let mut tree = BTreeSet::new();
    let mut stack = vec![hypothesis];
    while let Some(node) = stack.pop() {
        if tree.insert(node.to_string()) {
            stack.extend(supporters.get(node).into_iter().flatten().copied());
        }
    }
    tree
}

/// The subjects a hypothesis's RDF subgraph describes: the support tree and
/// what opposes any node of it, the question it answers, the relations
/// between them, their annotations, the sources, actors and events they cite
/// (and who those are by), and the brief itself (title, rights).
fn subgraph_subjects(graph: &BriefGraph, hypothesis: &str, quads: &[Quad]) -> HashSet<String> {
    let mut keep: HashSet<String> = support_tree(graph, hypothesis).into_iter().collect();
    for e in &graph.edges {
        if e.kind == EdgeKind::Opposes && keep.contains(&e.to) {
            keep.insert(e.from.clone());
        }
    }
    for e in &graph.edges {
        if e.kind == EdgeKind::Answers && e.from == hypothesis {
            keep.insert(e.to.clone());
        }
    }
    let propositions: HashSet<&str> = graph
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Question || n.kind.is_proposition())
        .map(|n| n.iri.as_str())
        .collect();
    let described: HashSet<&str> = quads
        .iter()
        .filter_map(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    // Two rounds reach the sources and actors cited, then who the sources are by.
    for _ in 0..2 {
        let mut more = Vec::new();
        for q in quads {
            let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&q.subject, &q.object)
            else {
                continue;
            };
            if keep.contains(s.as_str())
                && o.as_str() != graph.brief.iri
                && described.contains(o.as_str())
                && !propositions.contains(o.as_str())
            {
                more.push(o.as_str().to_string());
            }
        }
        keep.extend(more);
    }
    let (premise, conclusion) = (format!("{ARG}premise"), format!("{ARG}conclusion"));
    let mut ends: HashMap<&str, (Option<&str>, Option<&str>)> = HashMap::new();
    for q in quads {
        let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&q.subject, &q.object) else {
            continue;
        };
        if q.predicate.as_str() == premise {
            ends.entry(s.as_str()).or_default().0 = Some(o.as_str());
        } else if q.predicate.as_str() == conclusion {
            ends.entry(s.as_str()).or_default().1 = Some(o.as_str());
        }
    }
    for (relation, (p, c)) in ends {
        if p.is_some_and(|p| keep.contains(p)) && c.is_some_and(|c| keep.contains(c)) {
            keep.insert(relation.to_string());
        }
    }
    let owners: Vec<String> = keep.iter().cloned().collect();
    for s in &described {
        if owners.iter().any(|o| {
            s.len() > o.len()
                && s.starts_with(o.as_str())
                && s[o.len()..].starts_with("/annotation")
        }) {
            keep.insert(s.to_string());
        }
    }
    keep.insert(graph.brief.iri.clone());
    keep
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeStyle {
    /// One proposition supports another.
    Support,
    /// One proposition opposes another.
    Attack,
    /// Any other link: answers, source, said-by, mentions, …
    Relation,
}

/// One node of a picture.
#[derive(Debug, Clone)]
pub struct PicNode {
    /// A short id for the drawing (`n0`, `n1`, …).
    pub id: String,
    /// The node, its text with control characters removed.
    pub node: Node,
    /// The text wrapped into short lines for a label.
    pub lines: Vec<String>,
    pub status: Option<Status>,
    pub hedge: Option<String>,
    pub date: Option<String>,
    /// The hypothesis group the node is drawn in: the one support tree it
    /// belongs to. A node in several trees (shared evidence) is drawn outside
    /// every group; `groups` lists them all.
    pub group: Option<usize>,
    pub groups: Vec<usize>,
}

/// A picture's node is read as the node it draws: `n.iri`, `n.kind`,
/// `n.key` and `n.text` are its identity's.
impl std::ops::Deref for PicNode {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// One edge of a picture, between node indices.
#[derive(Debug, Clone)]
pub struct PicEdge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub strong: bool,
}

impl PicEdge {
    pub fn style(&self) -> EdgeStyle {
        match self.kind {
            EdgeKind::Supports => EdgeStyle::Support,
            EdgeKind::Opposes => EdgeStyle::Attack,
            _ => EdgeStyle::Relation,
        }
    }
}

/// A hypothesis's support tree, drawn as a group.
#[derive(Debug, Clone)]
pub struct Group {
    /// A short id for the drawing (`g0`, `g1`, …).
    pub id: String,
    /// The hypothesis's key and text.
    pub key: String,
    pub text: String,
    /// The hypothesis's node index.
    pub node: usize,
}

/// What every drawing format writes: nodes, edges, groups, and the brief's title and rights.
#[derive(Debug, Clone)]
pub struct Picture {
    pub brief: String,
    pub title: String,
    pub rights: String,
    pub nodes: Vec<PicNode>,
    pub edges: Vec<PicEdge>,
    pub groups: Vec<Group>,
}

/// Characters per label line, and lines per label before it is cut with `…`.
const WRAP: usize = 32;
const MAX_LINES: usize = 6;

/// Builds the picture of a selection: the whole brief, or the focused hypothesis's
/// support tree with what opposes it, its question, and what its nodes cite.
pub fn picture(selection: &Selection) -> Picture {
    let g = &selection.graph;
    let keep: Option<HashSet<String>> = selection.focus.as_ref().map(|h| {
        let mut keep: HashSet<String> = support_tree(g, h).into_iter().collect();
        for e in &g.edges {
            if (e.kind == EdgeKind::Opposes && keep.contains(&e.to))
                || (e.kind == EdgeKind::Answers && e.from == *h)
            {
                keep.insert(e.to.clone());
                keep.insert(e.from.clone());
            }
        }
        let propositions = keep.clone();
        for e in &g.edges {
            if propositions.contains(&e.from)
                && !matches!(
                    e.kind,
                    EdgeKind::Supports | EdgeKind::Opposes | EdgeKind::Answers
                )
            {
                keep.insert(e.to.clone());
            }
        }
        keep
    });
    let nodes: Vec<&GraphNode> = g
        .nodes
        .iter()
        .filter(|n| keep.as_ref().is_none_or(|k| k.contains(&n.iri)))
        .collect();
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.iri.as_str(), i))
        .collect();
    let hypotheses: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Kind::Hypothesis)
        .filter(|(_, n)| selection.focus.as_ref().is_none_or(|f| *f == n.iri))
        .map(|(i, _)| i)
        .collect();
    let mut memberships: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut groups = Vec::new();
    for (gi, &h) in hypotheses.iter().enumerate() {
        for iri in support_tree(g, &nodes[h].iri) {
            if let Some(&i) = index.get(iri.as_str()) {
                memberships[i].push(gi);
            }
        }
        groups.push(Group {
            id: format!("g{gi}"),
            key: nodes[h].key.clone(),
            text: clean(&nodes[h].text),
            node: h,
        });
    }
    let pic_nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let text = clean(&n.text);
            PicNode {
                id: format!("n{i}"),
                lines: wrap(&text, WRAP, MAX_LINES),
                node: Node {
                    text,
                    ..n.node.clone()
                },
                status: n.status.clone(),
                hedge: n.hedge.as_deref().map(clean),
                date: n.date.clone(),
                group: (memberships[i].len() == 1).then(|| memberships[i][0]),
                groups: memberships[i].clone(),
            }
        })
        .collect();
    let edges = g
        .edges
        .iter()
        .filter_map(|e| {
            Some(PicEdge {
                from: *index.get(e.from.as_str())?,
                to: *index.get(e.to.as_str())?,
                kind: e.kind,
                strong: e.strong,
            })
        })
        .collect();
    Picture {
        brief: g.brief.id.clone(),
        title: clean(&g.brief.title),
        rights: clean(&g.brief.rights),
        nodes: pic_nodes,
        edges,
        groups,
    }
}

/// `text` without the control characters no format can carry (XML 1.0 forbids them), keeping line breaks and tabs.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// Wraps `text` (white space, line breaks included, collapsed) into lines of
/// at most `width` characters, breaking words longer than a line; past
/// `max_lines` the last line ends with `…`.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let room = if len == 0 {
                width
            } else {
                width.saturating_sub(len + 1)
            };
            if word.len() <= room {
                if len > 0 {
                    line.push(' ');
                    len += 1;
                }
                line.extend(word.iter());
                len += word.len();
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
                continue;
            }
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        let mut chars: Vec<char> = last.chars().collect();
        chars.truncate(width.saturating_sub(1));
        *last = chars.into_iter().collect::<String>() + "…";
    }
    lines
}

/// Fill and stroke colours of a node kind, shared by every drawing format.
pub fn colours(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Question => ("#fff3e0", "#e65100"),
        Kind::Hypothesis => ("#e3f2fd", "#1565c0"),
        Kind::Claim => ("#f5f5f5", "#424242"),
        Kind::Evidence => ("#e8f5e9", "#2e7d32"),
        Kind::Source => ("#fffde7", "#f9a825"),
        Kind::Actor => ("#f3e5f5", "#6a1b9a"),
        Kind::Event => ("#e0f7fa", "#00838f"),
    }
}

/// The colour of an edge style.
pub fn edge_colour(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Support => "#2e7d32",
        EdgeStyle::Attack => "#c62828",
        EdgeStyle::Relation => "#9e9e9e",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_words_and_cuts_long_text() {
        assert_eq!(wrap("a b\nc", 10, 3), vec!["a b c"]);
        assert_eq!(wrap("abcdefghij", 4, 5), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4, 2), vec![""]);
        let cut = wrap("one two three four five six", 5, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert_eq!(
            wrap("été à Pyongyang", 6, 9),
            vec!["été à", "Pyongy", "ang"]
        );
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(clean("a\u{0}b\u{1b}c\nd\te"), "abc\nd\te");
    }
}
