//! AIF, the Argument Interchange Format: reading AIFdb JSON (bare or in the OVA3/xAIF wrapper) into a map, and writing a stored brief back as AIFdb JSON or AIF RDF.
//!
//! Reading is lenient: ids may be numbers, strings or compound strings,
//! keys argmap does not use are ignored, and a defect (an edge to a missing
//! node, a scheme node with no premise or no conclusion) is a warning that
//! names it while the rest imports. `--strict` turns those warnings into
//! errors (see [`crate::interchange::import`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Triple};
use serde_json::{Value, json};

use crate::Error;
use crate::interchange::common::{self, claim, empty_map, key_of, make_hypothesis, warning};
use crate::map::check::Checked;
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::*;
use crate::read::graph::BriefGraph;
use crate::vocab::{AIF, RDF, RDFS};

/// The YA text that marks an I-node as a hypothesis.
fn is_hypothesising(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t == "hypothesising" || t == "hypothesizing"
}

/// An id as the file writes it: a string as is, a number in decimal.
fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn str_field(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads AIF JSON `text` from `path` into a map with brief id `id`.
pub fn read(path: &Path, text: &str, id: &str) -> Checked {
    let mut diagnostics = Vec::new();
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // serde_json counts the column of an end of file from 0.
            let position = Position {
                line: e.line(),
                column: e.column().max(1),
            };
            let message = if text.trim().is_empty() {
                "the file is empty: it holds no JSON".to_string()
            } else {
                // serde_json ends its message with the place, given already.
                let what = e.to_string();
                let what = what
                    .rsplit_once(" at line ")
                    .map_or(what.as_str(), |(w, _)| w)
                    .to_string();
                format!("not valid JSON: {what}")
            };
            diagnostics.push(
                Diagnostic::error(path, Some(position), message)
                    .with_help("an AIF file is a JSON object with `nodes` and `edges`"),
            );
            return Checked {
                map: None,
                diagnostics,
            };
        }
    };
    // OVA3 and xAIF wrap the AIF object; the bare AIFdb form is the object itself.
    let aif = root.get("AIF").filter(|v| v.is_object()).unwrap_or(&root);
    let (Some(nodes), edges) = (
        aif.get("nodes").and_then(Value::as_array),
        aif.get("edges").and_then(Value::as_array),
    ) else {
        diagnostics.push(
            Diagnostic::error(path, None, "no `nodes` array: this is not an AIF file").with_help(
                "AIFdb JSON is {\"nodes\": […], \"edges\": […]}; OVA3 wraps it as {\"AIF\": {…}}",
            ),
        );
        return Checked {
            map: None,
            diagnostics,
        };
    };
    let empty = Vec::new();
    let edges = edges.unwrap_or(&empty);
    let title = root
        .get("title")
        .or_else(|| aif.get("title"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!(
                "AIF map {}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )
        });
    let mut map = empty_map(path, id, &title, "AIF");
    if let Some(source) = root.get("text").and_then(Value::as_str) {
        map.text = source.to_string();
    }

    // Speakers: xAIF's participants, named in its locutions.
    let mut people: HashMap<String, String> = HashMap::new();
    for p in aif
        .get("participants")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
    {
        if let Some(pid) = id_text(p.get("participantID")) {
            let name = [str_field(p, "firstname"), str_field(p, "surname")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            people.insert(pid.clone(), if name.is_empty() { pid } else { name });
        }
    }
    let mut speakers: HashMap<String, String> = HashMap::new();
    for l in aif
        .get("locutions")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
    {
        if let (Some(node), Some(person)) = (id_text(l.get("nodeID")), id_text(l.get("personID"))) {
            let name = people.get(&person).cloned().unwrap_or(person);
            speakers.insert(node, name);
        }
    }

    // Nodes, by id.
    let mut by_id: HashMap<String, Endpoint> = HashMap::new();
    let x = &mut map.interchange;
    for (n, node) in nodes.iter().enumerate() {
        let Some(nid) = id_text(node.get("nodeID")) else {
            diagnostics.push(warning(
                path,
                format!("node {} (counting from 1) has no `nodeID`; left out", n + 1),
                "give every node a string or number `nodeID`",
            ));
            continue;
        };
        if by_id.contains_key(&nid) {
            diagnostics.push(warning(
                path,
                format!("node `{nid}` appears twice; the second is left out"),
                "give every node its own `nodeID`",
            ));
            continue;
        }
        let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
        let text = str_field(node, "text").unwrap_or_default();
        let key = key_of(&nid);
        let endpoint = if kind == "I" {
            let text = if text.trim().is_empty() {
                diagnostics.push(warning(
                    path,
                    format!("I-node `{nid}` has no text; it is imported as \"(no text)\""),
                    "give every I-node the proposition it stands for",
                ));
                "(no text)".to_string()
            } else {
                text
            };
            map.propositions.push(claim(key, text));
            x.proposition_ids.push(nid.clone());
            Endpoint::Proposition(map.propositions.len() - 1)
        } else if let Some(kind) = SchemeKind::from_aif(kind) {
            x.schemes.push(SchemeNode {
                key,
                original_id: nid.clone(),
                kind,
                text,
                scheme: str_field(node, "scheme"),
                premises: Vec::new(),
                conclusions: Vec::new(),
            });
            Endpoint::Scheme(x.schemes.len() - 1)
        } else if let Some(kind) = DialogueKind::from_aif(kind) {
            x.dialogue.push(DialogueNode {
                key,
                original_id: nid.clone(),
                kind,
                text,
                timestamp: str_field(node, "timestamp"),
                speaker: speakers.get(&nid).cloned(),
            });
            Endpoint::Dialogue(x.dialogue.len() - 1)
        } else {
            diagnostics.push(warning(
                path,
                format!("node `{nid}` has type `{kind}`, which AIF does not define; left out"),
                "AIF node types are I, L, RA, CA, MA, PA, TA and YA",
            ));
            continue;
        };
        by_id.insert(nid, endpoint);
    }

    // Edges: into a scheme node is a premise, out of one a conclusion; any
    // edge touching L, TA or YA belongs to the dialogue layer.
    let mut hypotheses = BTreeSet::new();
    for (n, edge) in edges.iter().enumerate() {
        let eid = id_text(edge.get("edgeID")).unwrap_or_else(|| format!("#{}", n + 1));
        let ends = [
            ("fromID", id_text(edge.get("fromID"))),
            ("toID", id_text(edge.get("toID"))),
        ];
        let mut found = Vec::new();
        for (field, end) in &ends {
            match end.as_ref().and_then(|e| by_id.get(e)) {
                Some(endpoint) => found.push(*endpoint),
                None => diagnostics.push(warning(
                    path,
                    match end {
                        Some(e) => format!("edge `{eid}` has {field} `{e}`, which is not a node of the file; the edge is left out"),
                        None => format!("edge `{eid}` has no {field}; the edge is left out"),
                    },
                    "remove the edge or add the node it names",
                )),
            }
        }
        let [from, to] = found[..] else { continue };
        match (from, to) {
            (Endpoint::Dialogue(d), Endpoint::Proposition(p)) => {
                if x.dialogue[d].kind == DialogueKind::Illocution
                    && is_hypothesising(&x.dialogue[d].text)
                {
                    hypotheses.insert(p);
                }
                x.dialogue_edges.push((from, to));
            }
            (Endpoint::Dialogue(_), _) | (_, Endpoint::Dialogue(_)) => {
                x.dialogue_edges.push((from, to))
            }
            // Out of a scheme node first: a CA aimed at an RA concludes against it.
            (Endpoint::Scheme(s), _) => x.schemes[s].conclusions.push(to),
            (_, Endpoint::Scheme(s)) => x.schemes[s].premises.push(from),
            (Endpoint::Proposition(_), Endpoint::Proposition(_)) => diagnostics.push(warning(
                path,
                format!("edge `{eid}` links two I-nodes directly, with no scheme node between them; the edge is left out"),
                "put an RA (support) or CA (conflict) node between the two I-nodes",
            )),
        }
    }

    // A scheme node with no premise or no conclusion says nothing: leave it
    // out, and with it anything that pointed at it (until nothing changes).
    let mut dropped = vec![false; x.schemes.len()];
    loop {
        let mut changed = false;
        for s in 0..x.schemes.len() {
            if dropped[s] {
                continue;
            }
            let live = |e: &Endpoint| !matches!(e, Endpoint::Scheme(t) if dropped[*t]);
            let node = &x.schemes[s];
            let missing = if !node.premises.iter().any(live) {
                Some("premise")
            } else if !node.conclusions.iter().any(live) {
                Some("conclusion")
            } else {
                None
            };
            if let Some(what) = missing {
                diagnostics.push(warning(
                    path,
                    format!(
                        "scheme node `{}` ({}) has no {what}; it is left out",
                        node.original_id,
                        node.kind.aif_type()
                    ),
                    "add the missing edge, or remove the node",
                ));
                dropped[s] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut renumber = Vec::new();
    let mut kept = Vec::new();
    for (s, node) in std::mem::take(&mut x.schemes).into_iter().enumerate() {
        renumber.push(kept.len());
        if !dropped[s] {
            kept.push(node);
        }
    }
    let remap = |e: Endpoint| match e {
        Endpoint::Scheme(s) if dropped[s] => None,
        Endpoint::Scheme(s) => Some(Endpoint::Scheme(renumber[s])),
        other => Some(other),
    };
    for node in &mut kept {
        node.premises = node.premises.iter().filter_map(|e| remap(*e)).collect();
        node.conclusions = node.conclusions.iter().filter_map(|e| remap(*e)).collect();
    }
    x.dialogue_edges = x
        .dialogue_edges
        .iter()
        .filter_map(|(a, b)| Some((remap(*a)?, remap(*b)?)))
        .collect();
    x.schemes = kept;

    // argmap's own relations: one support or attack per premise and
    // conclusion pair of an RA or CA between I-nodes.
    let mut relations = BTreeSet::new();
    for node in &x.schemes {
        let kind = match node.kind {
            SchemeKind::Inference => RelationKind::Support,
            SchemeKind::Conflict => RelationKind::Attack,
            _ => continue,
        };
        for p in &node.premises {
            for c in &node.conclusions {
                if let (Endpoint::Proposition(from), Endpoint::Proposition(to)) = (p, c) {
                    if from != to {
                        relations.insert((*from, *to, kind));
                    } else {
                        diagnostics.push(warning(
                            path,
                            format!(
                                "scheme node `{}` ({}) has the same I-node as premise and conclusion: it would {} itself; that relation is left out",
                                node.original_id,
                                if kind == RelationKind::Support { "RA" } else { "CA" },
                                if kind == RelationKind::Support { "support" } else { "attack" }
                            ),
                            "point the scheme node's edges at two different I-nodes",
                        ));
                    }
                }
            }
        }
    }
    map.relations = common::relations(relations);
    for p in hypotheses {
        make_hypothesis(&mut map, p);
    }
    Checked {
        map: Some(map),
        diagnostics,
    }
}

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
            d.kind.clone(),
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
                s.kind.clone(),
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
    if !has_hypothesising {
        for n in propositions.iter().filter(|n| n.kind == "hypothesis") {
            let iri = format!("{}/hypothesising", n.iri);
            let id = format!("ya-{}", aif_id(&n.identifier, &n.key));
            out.nodes
                .push((iri.clone(), id, "YA".into(), "Hypothesising".into()));
            out.edges.push((iri, n.iri.clone()));
        }
    }
    out
}

/// Writes a stored brief as AIFdb JSON (`{"nodes", "edges", "locutions"}`).
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
            if let Some(s) = g.schemes.get(iri) {
                node["scheme"] = json!(s);
            }
            node
        })
        .collect();
    let edges: Vec<Value> = g
        .edges
        .iter()
        .filter_map(|(from, to)| Some((*ids.get(from.as_str())?, *ids.get(to.as_str())?)))
        .enumerate()
        .map(|(i, (from, to))| json!({"edgeID": format!("e{}", i + 1), "fromID": from, "toID": to}))
        .collect();
    let locutions: Vec<Value> = g
        .speakers
        .iter()
        .filter_map(|(iri, who)| Some(json!({"nodeID": ids.get(iri.as_str())?, "personID": who})))
        .collect();
    let doc = json!({
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "title": graph.brief.title,
        "rights": graph.brief.rights,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
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
