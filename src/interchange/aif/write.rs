//! Writing a stored brief as AIF: AIFdb JSON (nodes, edges, locutions) or AIF RDF in Turtle, from one view of the brief as AIF nodes and edges.

use std::collections::{BTreeMap, HashMap};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Triple};
use serde_json::{Value, json};

use super::is_hypothesising;
use crate::Error;
use crate::read::graph::BriefGraph;
use crate::read::node::Kind;
use crate::vocab::{AIF, RDF, RDFS};

/// The AIF node id of a stored node: its id in the file it came from, or its key.
fn aif_id(identifier: &Option<String>, key: &str) -> String {
    identifier.clone().unwrap_or_else(|| key.to_string())
}

/// A brief as AIF nodes and edges, as both writers see it.
struct AifGraph {
    /// (iri, id, type, text)
    nodes: Vec<(String, String, String, String)>,
    /// (from iri, to iri)
    edges: Vec<(String, String)>,
    /// The file's own id of each edge (same order as `edges`), when the
    /// brief was imported from AIF.
    edge_ids: Vec<Option<String>>,
    /// scheme names by node iri
    schemes: HashMap<String, String>,
    /// speakers by L-node iri
    speakers: BTreeMap<String, String>,
}

/// A brief as AIF nodes and edges: its own scheme and dialogue nodes when it
/// was imported, otherwise one RA or CA per support or attack and a YA
/// "Hypothesising" for each hypothesis.
fn aif_graph(graph: &BriefGraph) -> AifGraph {
    let mut out = AifGraph {
        nodes: Vec::new(),
        edges: Vec::new(),
        edge_ids: Vec::new(),
        schemes: HashMap::new(),
        speakers: BTreeMap::new(),
    };
    let propositions: Vec<_> = graph
        .nodes
        .iter()
        .filter(|n| matches!(n.kind.as_str(), "hypothesis" | "claim" | "evidence"))
        .collect();
    for n in &propositions {
        out.nodes.push((
            n.iri.clone(),
            aif_id(&n.identifier, &n.key),
            "I".into(),
            n.text.clone(),
        ));
    }
    let has_hypothesising = graph.dialogue.iter().any(|d| is_hypothesising(&d.text));
    for d in &graph.dialogue {
        out.nodes.push((
            d.iri.clone(),
            aif_id(&d.identifier, &d.key),
            d.kind.aif_type().into(),
            d.text.clone(),
        ));
        if let Some(s) = &d.speaker {
            out.speakers.insert(d.iri.clone(), s.clone());
        }
    }
    out.edges.extend(graph.dialogue_edges.iter().cloned());
    if graph.schemes.is_empty() {
        for (i, e) in graph.edges.iter().enumerate() {
            let kind = match e.kind.as_str() {
                "supports" => "RA",
                "opposes" => "CA",
                _ => continue,
            };
            let iri = format!(
                "{}/{}/{}",
                graph.brief.iri,
                kind.to_ascii_lowercase(),
                i + 1
            );
            let id = format!("{}{}", kind.to_ascii_lowercase(), i + 1);
            let text = if kind == "RA" {
                "Default Inference"
            } else {
                "Default Conflict"
            };
            out.nodes.push((iri.clone(), id, kind.into(), text.into()));
            out.edges.push((e.from.clone(), iri.clone()));
            out.edges.push((iri, e.to.clone()));
        }
    } else {
        for s in &graph.schemes {
            out.nodes.push((
                s.iri.clone(),
                aif_id(&s.identifier, &s.key),
                s.kind.aif_type().into(),
                s.text.clone(),
            ));
            if let Some(name) = &s.scheme {
                out.schemes.insert(s.iri.clone(), name.clone());
            }
            for p in &s.premises {
                out.edges.push((p.clone(), s.iri.clone()));
            }
            for c in &s.conclusions {
                out.edges.push((s.iri.clone(), c.clone()));
            }
        }
    }
    // An AIF file's own edges, with their ids, give it back as it was.
    if !graph.aif.edges.is_empty() {
        out.edges = graph
            .aif
            .edges
            .iter()
            .map(|(_, f, t)| (f.clone(), t.clone()))
            .collect();
        out.edge_ids = graph
            .aif
            .edges
            .iter()
            .map(|(id, _, _)| id.clone())
            .collect();
        return out;
    }
    if !has_hypothesising {
        for n in propositions.iter().filter(|n| n.kind == Kind::Hypothesis) {
            let iri = format!("{}/hypothesising", n.iri);
            let id = format!("ya-{}", aif_id(&n.identifier, &n.key));
            out.nodes
                .push((iri.clone(), id, "YA".into(), "Hypothesising".into()));
            out.edges.push((iri, n.iri.clone()));
        }
    }
    out
}

/// Writes a stored brief as AIFdb JSON (`{"nodes", "edges", "locutions"}`):
/// an imported brief with every node's id, text, type, timestamp, scheme
/// and scheme id, every edge with its id, and every locution and
/// participant record as the file wrote it.
pub fn write_json(graph: &BriefGraph) -> String {
    let g = aif_graph(graph);
    let ids: HashMap<&str, &str> = g
        .nodes
        .iter()
        .map(|(iri, id, _, _)| (iri.as_str(), id.as_str()))
        .collect();
    let nodes: Vec<Value> = g
        .nodes
        .iter()
        .map(|(iri, id, kind, text)| {
            let mut node = json!({"nodeID": id, "text": text, "type": kind});
            if let Some(t) = graph.aif.timestamps.get(iri) {
                node["timestamp"] = json!(t);
            }
            if let Some(s) = g.schemes.get(iri) {
                node["scheme"] = json!(s);
            }
            if let Some(s) = graph.aif.scheme_ids.get(iri) {
                node["schemeID"] = json!(s);
            }
            node
        })
        .collect();
    let edges: Vec<Value> = g
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, (from, to))| {
            let (from, to) = (*ids.get(from.as_str())?, *ids.get(to.as_str())?);
            let id = g
                .edge_ids
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| format!("e{}", i + 1));
            Some(json!({"edgeID": id, "fromID": from, "toID": to}))
        })
        .collect();
    let mut doc = json!({
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions(graph, &g, &ids),
        "title": graph.brief.title,
        "rights": graph.brief.rights,
    });
    if !graph.aif.participants.is_empty() {
        let records: Vec<Value> = graph
            .aif
            .participants
            .iter()
            .filter_map(|p| serde_json::from_str(p).ok())
            .collect();
        doc["participants"] = json!(records);
    }
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The locutions: an imported file's own records, or one per L-node with
/// a speaker.
fn locutions(graph: &BriefGraph, g: &AifGraph, ids: &HashMap<&str, &str>) -> Vec<Value> {
    if !graph.aif.locutions.is_empty() {
        return graph
            .aif
            .locutions
            .iter()
            .filter_map(|(_, record)| serde_json::from_str(record).ok())
            .collect();
    }
    g.speakers
        .iter()
        .filter_map(|(iri, who)| Some(json!({"nodeID": ids.get(iri.as_str())?, "personID": who})))
        .collect()
}

/// Writes a stored brief as AIF RDF (Turtle, namespace `aif:`): each node
/// typed with its AIF class, I- and L-node texts as `aif:claimText`, and
/// each edge as `aif:Conclusion` of the S-node (RA, CA, MA, PA, TA or YA)
/// it leaves, or else `aif:Premise` of the one it enters.
pub fn write_rdf(graph: &BriefGraph) -> Result<String, Error> {
    let g = aif_graph(graph);
    let kinds: HashMap<&str, &str> = g
        .nodes
        .iter()
        .map(|(iri, _, kind, _)| (iri.as_str(), kind.as_str()))
        .collect();
    let named = |s: &str| NamedNode::new(s).map_err(|e| Error::Internal(e.to_string()));
    let aif = |local: &str| NamedNode::new_unchecked(format!("{AIF}{local}"));
    let mut triples = Vec::new();
    for (iri, _, kind, text) in &g.nodes {
        let node = named(iri)?;
        triples.push(Triple::new(
            node.clone(),
            NamedNode::new_unchecked(format!("{RDF}type")),
            aif(&format!("{kind}-node")),
        ));
        let property = if matches!(kind.as_str(), "I" | "L") {
            aif("claimText")
        } else {
            NamedNode::new_unchecked(format!("{RDFS}label"))
        };
        triples.push(Triple::new(
            node.clone(),
            property,
            Literal::new_simple_literal(text),
        ));
        if let Some(s) = g.schemes.get(iri) {
            triples.push(Triple::new(
                node,
                aif("Name"),
                Literal::new_simple_literal(s),
            ));
        }
    }
    let is_s_node = |iri: &str| !matches!(kinds.get(iri), Some(&"I") | Some(&"L") | None);
    for (from, to) in &g.edges {
        if is_s_node(from) {
            triples.push(Triple::new(named(from)?, aif("Conclusion"), named(to)?));
        } else if is_s_node(to) {
            triples.push(Triple::new(named(to)?, aif("Premise"), named(from)?));
        }
    }
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle)
        .with_prefix("aif", AIF)
        .and_then(|s| s.with_prefix("rdfs", RDFS))
        .map_err(|e| Error::Internal(e.to_string()))?
        .for_writer(Vec::new());
    for t in &triples {
        serializer
            .serialize_triple(t)
            .map_err(|e| Error::Io(e.to_string()))?;
    }
    let bytes = serializer.finish().map_err(|e| Error::Io(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}
