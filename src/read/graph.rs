//! A brief as plain nodes and edges, read back from the store with graph-scoped queries: the common input of drawings and interchange formats.

use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;

use oxigraph::model::Term;

use crate::Error;
use crate::map::model::{DialogueKind, SchemeKind};
use crate::read::briefs::graph_bindings;
use crate::read::briefs::{BriefInfo, brief_by_id};
use crate::read::node::{EdgeKind, Node, Status};
use crate::read::rows::{rows, select};
use crate::sparql::Backend;

/// One node of a brief's graph: its identity and what the graph's drawings
/// and interchange formats write of it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    pub node: Node,
    /// The epistemic status, for propositions.
    pub status: Option<Status>,
    pub hedge: Option<String>,
    pub quote: Option<String>,
    /// EDTF text of the node's date, if it has one.
    pub date: Option<String>,
    /// The node's id or title in the file it was imported from.
    pub identifier: Option<String>,
    /// Whether it is an Argdown argument rather than a statement.
    pub argument: bool,
}

/// A graph node is read as the node it is: `n.iri`, `n.kind`, `n.key` and
/// `n.text` are its identity's.
impl Deref for GraphNode {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// An AIF scheme node (RA, CA, MA or PA) of an imported brief.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeNode {
    pub iri: String,
    pub kind: SchemeKind,
    pub key: String,
    pub identifier: Option<String>,
    pub text: String,
    /// The named scheme, such as `ExpertOpinion`.
    pub scheme: Option<String>,
    /// IRIs of its premises and conclusions.
    pub premises: Vec<String>,
    pub conclusions: Vec<String>,
}

/// An AIF dialogue node (L, TA or YA) of an imported brief.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogueNode {
    pub iri: String,
    pub kind: DialogueKind,
    pub key: String,
    pub identifier: Option<String>,
    pub text: String,
    pub timestamp: Option<String>,
    pub speaker: Option<String>,
}

/// One edge, between node IRIs.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// Marked strong (supports and opposes only).
    pub strong: bool,
}

/// A brief's nodes, in a stable order (kind, then key), and its edges.
#[derive(Debug, Clone)]
pub struct BriefGraph {
    pub brief: BriefInfo,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<Edge>,
    /// AIF scheme nodes, for an imported brief.
    pub schemes: Vec<SchemeNode>,
    /// AIF dialogue nodes, for an imported brief.
    pub dialogue: Vec<DialogueNode>,
    /// Edges that touch the dialogue layer, as (from IRI, to IRI).
    pub dialogue_edges: Vec<(String, String)>,
    /// What an imported AIF file holds beyond the meaning of its nodes.
    pub aif: AifRecords,
}

/// An imported AIF file's records, as `graph-aif` reads them back: what
/// the AIF writer needs to give the file back as it was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AifRecords {
    /// Each node's timestamp, by node IRI.
    pub timestamps: HashMap<String, String>,
    /// Each scheme node's `schemeID`, by node IRI.
    pub scheme_ids: HashMap<String, String>,
    /// Every locution record (JSON text), with the IRI of its L-node.
    pub locutions: Vec<(String, String)>,
    /// Every participant record (JSON text).
    pub participants: Vec<String>,
    /// Every edge of the file, in its order.
    pub edges: Vec<AifEdge>,
}

/// One edge of an imported AIF file: (edge id, from IRI, to IRI).
pub type AifEdge = (Option<String>, String, String);

impl BriefGraph {
    /// The node with IRI `iri`.
    pub fn node(&self, iri: &str) -> Option<&GraphNode> {
        self.nodes.iter().find(|n| n.iri == iri)
    }
}

/// Reads the graph of brief `id` through `backend`.
pub fn brief_graph(backend: &dyn Backend, id: &str) -> Result<BriefGraph, Error> {
    let brief = brief_by_id(backend, id)?.ok_or_else(|| {
        Error::NotFound(format!(
            "there is no brief `{id}` in the store; `argmap list` shows them"
        ))
    })?;
    let bindings = graph_bindings(&brief)?;
    let nodes = read_nodes(backend, &bindings)?;
    let edges = read_edges(backend, &bindings)?;
    let schemes = read_schemes(backend, &bindings)?;
    let (dialogue, dialogue_edges) = read_dialogue(backend, &bindings)?;
    let aif = read_aif(backend, &bindings)?;
    Ok(BriefGraph {
        brief,
        nodes,
        edges,
        schemes,
        dialogue,
        dialogue_edges,
        aif,
    })
}

/// The nodes of `graph-nodes`, ordered by kind, then key, then IRI.
fn read_nodes(backend: &dyn Backend, bindings: &[(String, Term)]) -> Result<Vec<GraphNode>, Error> {
    let answer = select(backend, "graph-nodes", bindings)?;
    // A shared node typed twice (say, arg:Actor and arg:Person) is one node.
    let mut nodes: BTreeMap<(_, String, String), GraphNode> = BTreeMap::new();
    for row in rows(&answer) {
        let Some(node) = row.node() else {
            continue;
        };
        let order = (node.kind, node.key.clone(), node.iri.clone());
        nodes.entry(order).or_insert_with(|| GraphNode {
            node,
            status: row.text("status").map(|s| Status::parse(&s)),
            hedge: row.text("hedge"),
            quote: row.text("quote"),
            date: row.text("date"),
            identifier: row.text("identifier"),
            argument: row.flag("argument"),
        });
    }
    Ok(nodes.into_values().collect())
}

/// The edges of `graph-edges`, in its order.
fn read_edges(backend: &dyn Backend, bindings: &[(String, Term)]) -> Result<Vec<Edge>, Error> {
    let answer = select(backend, "graph-edges", bindings)?;
    Ok(rows(&answer)
        .filter_map(|row| {
            Some(Edge {
                from: row.text("from")?,
                to: row.text("to")?,
                kind: EdgeKind::parse(&row.text("kind")?)?,
                strong: row.flag("strong"),
            })
        })
        .collect())
}

/// The scheme nodes of `graph-schemes`, one per node, its premises and
/// conclusions gathered from one row each.
fn read_schemes(
    backend: &dyn Backend,
    bindings: &[(String, Term)],
) -> Result<Vec<SchemeNode>, Error> {
    let answer = select(backend, "graph-schemes", bindings)?;
    let mut schemes: Vec<SchemeNode> = Vec::new();
    for row in rows(&answer) {
        let (Some(iri), Some(target)) = (row.text("node"), row.text("target")) else {
            continue;
        };
        if schemes.last().is_none_or(|s| s.iri != iri) {
            let Some(kind) = row.text("kind").and_then(|k| SchemeKind::from_aif(&k)) else {
                continue;
            };
            schemes.push(SchemeNode {
                iri,
                kind,
                key: row.text("key").unwrap_or_default(),
                identifier: row.text("identifier"),
                text: row.text("text").unwrap_or_default(),
                scheme: row.text("scheme"),
                premises: Vec::new(),
                conclusions: Vec::new(),
            });
        }
        let Some(node) = schemes.last_mut() else {
            continue;
        };
        if row.text("role").as_deref() == Some("premise") {
            node.premises.push(target);
        } else {
            node.conclusions.push(target);
        }
    }
    Ok(schemes)
}

/// The dialogue layer of an imported brief: its nodes, and the edges that
/// touch them as (from IRI, to IRI).
type Dialogue = (Vec<DialogueNode>, Vec<(String, String)>);

/// The dialogue nodes of `graph-dialogue`, and the edges that touch them.
fn read_dialogue(backend: &dyn Backend, bindings: &[(String, Term)]) -> Result<Dialogue, Error> {
    let answer = select(backend, "graph-dialogue", bindings)?;
    let mut dialogue = Vec::new();
    let mut edges = Vec::new();
    for row in rows(&answer) {
        if let Some(iri) = row.text("node") {
            // An L-node with several speakers comes once per speaker; its
            // first row stands for it (the speakers are in `graph-aif`).
            if dialogue.last().is_some_and(|d: &DialogueNode| d.iri == iri) {
                continue;
            }
            let Some(kind) = row.text("kind").and_then(|k| DialogueKind::from_aif(&k)) else {
                continue;
            };
            dialogue.push(DialogueNode {
                iri,
                kind,
                key: row.text("key").unwrap_or_default(),
                identifier: row.text("identifier"),
                text: row.text("text").unwrap_or_default(),
                timestamp: row.text("timestamp"),
                speaker: row.text("speaker"),
            });
        } else if let (Some(from), Some(to)) = (row.text("from"), row.text("to")) {
            edges.push((from, to));
        }
    }
    Ok((dialogue, edges))
}

/// The records of `graph-aif`; the edges in the file's order (the number
/// that ends each edge's IRI).
fn read_aif(backend: &dyn Backend, bindings: &[(String, Term)]) -> Result<AifRecords, Error> {
    let answer = select(backend, "graph-aif", bindings)?;
    let mut out = AifRecords::default();
    let mut edges: Vec<(u64, AifEdge)> = Vec::new();
    for row in rows(&answer) {
        let (Some(node), Some(property)) = (row.text("node"), row.text("property")) else {
            continue;
        };
        let value = row.text("value");
        match (property.as_str(), value) {
            ("edge", id) => {
                let (Some(from), Some(to)) = (row.text("from"), row.text("to")) else {
                    continue;
                };
                let order = node
                    .rsplit('/')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                edges.push((order, (id, from, to)));
            }
            ("timestamp", Some(v)) => {
                out.timestamps.insert(node, v);
            }
            ("schemeID", Some(v)) => {
                out.scheme_ids.insert(node, v);
            }
            ("locution", Some(v)) => out.locutions.push((node, v)),
            ("participant", Some(v)) => out.participants.push(v),
            _ => {}
        }
    }
    edges.sort_by_key(|(order, _)| *order);
    out.edges = edges.into_iter().map(|(_, e)| e).collect();
    Ok(out)
}
