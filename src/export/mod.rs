//! Exporting the store, a brief or one hypothesis's support tree: what to export (the scope) and the quads for RDF; the drawings' picture model is [`picture`].
//!
//! RDF formats write quads ([`rdf`], [`jsonld`]); drawing formats write a
//! [`Picture`] built from [`crate::read::graph`] ([`dot`], [`svg`] and
//! [`cytoscape`] placed by [`place`] with argmap's own [`layout`], [`graphml`],
//! [`mermaid`]). Every read goes
//! through [`Backend`], so export works on a remote endpoint too.

pub mod apx;
pub mod cytoscape;
pub mod dot;
pub mod graphml;
pub mod jsonld;
pub mod layout;
pub mod mermaid;
pub mod picture;
pub mod place;
pub mod rdf;
pub mod svg;

pub use picture::{
    EdgeStyle, Group, PicEdge, PicNode, Picture, PictureOptions, clean, colours, edge_colour,
    picture, wrap,
};

use std::collections::{BTreeSet, HashMap, HashSet};

use oxigraph::model::{NamedOrBlankNode, Quad, Term};

use crate::Error;
use crate::read::briefs::briefs;
use crate::read::briefs::graph_bindings;
use crate::read::graph::{BriefGraph, brief_graph};
use crate::read::node::{EdgeKind, Kind};
use crate::read::rows;
use crate::sparql::Backend;
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
    let bindings = match selection {
        Some(s) => graph_bindings(&s.graph.brief)?.to_vec(),
        None => Vec::new(),
    };
    let rows = rows::select(backend, "export-quads", &bindings)?;
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
