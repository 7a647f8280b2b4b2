//! A brief as plain nodes and edges, read back from the store with two graph-scoped queries: the common input of drawings and interchange formats.

use std::collections::BTreeMap;

use oxigraph::model::{NamedNode, Term};

use crate::Error;
use crate::read::briefs::{BriefInfo, briefs};
use crate::sparql::{Backend, lexical, named_query};

/// One node of a brief's graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub iri: String,
    /// `question`, `hypothesis`, `claim`, `evidence`, `source`, `actor` or `event`.
    pub kind: String,
    pub key: String,
    /// The analyst's text, or the label of a source or actor.
    pub text: String,
    /// `Reported`, `Observed` or `AuthorInference`, for propositions.
    pub status: Option<String>,
    pub hedge: Option<String>,
    pub quote: Option<String>,
    /// EDTF text of the node's date, if it has one.
    pub date: Option<String>,
    /// The node's id or title in the file it was imported from.
    pub identifier: Option<String>,
    /// Whether it is an Argdown argument rather than a statement.
    pub argument: bool,
}

/// An AIF scheme node (RA, CA, MA or PA) of an imported brief.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeNode {
    pub iri: String,
    /// `RA`, `CA`, `MA` or `PA`.
    pub kind: String,
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
    /// `L`, `TA` or `YA`.
    pub kind: String,
    pub key: String,
    pub identifier: Option<String>,
    pub text: String,
    pub timestamp: Option<String>,
    pub speaker: Option<String>,
}

/// One edge: `supports`, `opposes`, `answers`, `source`, `said-by`,
/// `mentions`, `describes`, `participant`, `by`, `publisher` or `member-of`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: String,
    /// Marked strong (supports and opposes only).
    pub strong: bool,
}

/// A brief's nodes, in a stable order (kind, then key), and its edges.
#[derive(Debug, Clone)]
pub struct BriefGraph {
    pub brief: BriefInfo,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// AIF scheme nodes, for an imported brief.
    pub schemes: Vec<SchemeNode>,
    /// AIF dialogue nodes, for an imported brief.
    pub dialogue: Vec<DialogueNode>,
    /// Edges that touch the dialogue layer, as (from IRI, to IRI).
    pub dialogue_edges: Vec<(String, String)>,
}

impl BriefGraph {
    /// The node with IRI `iri`.
    pub fn node(&self, iri: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.iri == iri)
    }
}

/// Reads the graph of brief `id` through `backend`.
pub fn brief_graph(backend: &dyn Backend, id: &str) -> Result<BriefGraph, Error> {
    let brief = briefs(backend)?
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "there is no brief `{id}` in the store; `argmap list` shows them"
            ))
        })?;
    let graph = NamedNode::new(&brief.graph).map_err(|e| Error::Internal(e.to_string()))?;
    let bindings = [("graph".to_string(), Term::from(graph))];
    let text = |name: &str| named_query(name).map(|q| q.text).unwrap_or_default();
    let node_rows = backend.select(text("graph-nodes"), &bindings)?;
    let edge_rows = backend.select(text("graph-edges"), &bindings)?;
    let get = |rows: &crate::sparql::Solutions, row: &[Option<Term>], v: &str| -> Option<String> {
        rows.column(v).and_then(|c| row[c].as_ref()).map(lexical)
    };
    // A shared node typed twice (say, arg:Actor and arg:Person) is one node.
    let mut nodes: BTreeMap<(String, String), Node> = BTreeMap::new();
    for row in &node_rows.rows {
        let Some(iri) = get(&node_rows, row, "node") else {
            continue;
        };
        let kind = get(&node_rows, row, "kind").unwrap_or_default();
        let node = Node {
            iri: iri.clone(),
            kind: kind.clone(),
            key: get(&node_rows, row, "key").unwrap_or_default(),
            text: get(&node_rows, row, "text").unwrap_or_default(),
            status: get(&node_rows, row, "status"),
            hedge: get(&node_rows, row, "hedge"),
            quote: get(&node_rows, row, "quote"),
            date: get(&node_rows, row, "date"),
            identifier: get(&node_rows, row, "identifier"),
            argument: get(&node_rows, row, "argument").is_some_and(|a| a == "true"),
        };
        nodes
            .entry((kind_rank(&kind).to_string() + &node.key, iri))
            .or_insert(node);
    }
    let edges = edge_rows
        .rows
        .iter()
        .filter_map(|row| {
            Some(Edge {
                from: get(&edge_rows, row, "from")?,
                to: get(&edge_rows, row, "to")?,
                kind: get(&edge_rows, row, "kind")?,
                strong: get(&edge_rows, row, "strong").is_some_and(|s| s == "true"),
            })
        })
        .collect();
    let scheme_rows = backend.select(text("graph-schemes"), &bindings)?;
    let mut schemes: Vec<SchemeNode> = Vec::new();
    for row in &scheme_rows.rows {
        let get = |v: &str| get(&scheme_rows, row, v);
        let (Some(iri), Some(target)) = (get("node"), get("target")) else {
            continue;
        };
        if schemes.last().is_none_or(|s| s.iri != iri) {
            schemes.push(SchemeNode {
                iri,
                kind: get("kind").unwrap_or_default(),
                key: get("key").unwrap_or_default(),
                identifier: get("identifier"),
                text: get("text").unwrap_or_default(),
                scheme: get("scheme"),
                premises: Vec::new(),
                conclusions: Vec::new(),
            });
        }
        let Some(node) = schemes.last_mut() else {
            continue;
        };
        if get("role").as_deref() == Some("premise") {
            node.premises.push(target);
        } else {
            node.conclusions.push(target);
        }
    }
    let dialogue_rows = backend.select(text("graph-dialogue"), &bindings)?;
    let mut dialogue = Vec::new();
    let mut dialogue_edges = Vec::new();
    for row in &dialogue_rows.rows {
        let get = |v: &str| get(&dialogue_rows, row, v);
        if let Some(iri) = get("node") {
            dialogue.push(DialogueNode {
                iri,
                kind: get("kind").unwrap_or_default(),
                key: get("key").unwrap_or_default(),
                identifier: get("identifier"),
                text: get("text").unwrap_or_default(),
                timestamp: get("timestamp"),
                speaker: get("speaker"),
            });
        } else if let (Some(from), Some(to)) = (get("from"), get("to")) {
            dialogue_edges.push((from, to));
        }
    }
    Ok(BriefGraph {
        brief,
        nodes: nodes.into_values().collect(),
        edges,
        schemes,
        dialogue,
        dialogue_edges,
    })
}

fn kind_rank(kind: &str) -> &'static str {
    match kind {
        "question" => "0",
        "hypothesis" => "1",
        "claim" => "2",
        "evidence" => "3",
        "source" => "4",
        "actor" => "5",
        _ => "6",
    }
}
