//! Reading AIFdb JSON into a map, in steps: the JSON, the nodes (each id, text, type, timestamp and scheme kept), the edges (premises, conclusions and the dialogue layer, each edge id kept), the locutions and participants as the file writes them, the scheme nodes that say nothing, and argmap's own relations.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::Value;

use super::is_hypothesising;
use crate::interchange::common::{self, claim, empty_map, key_of, make_hypothesis, warning};
use crate::map::check::Checked;
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::*;

/// Reads AIF JSON `text` from `path` into a map with brief id `id`.
pub fn read(path: &Path, text: &str, id: &str) -> Checked {
    let root = match parse_json(path, text) {
        Ok(root) => root,
        Err(refusal) => return refused(refusal),
    };
    // OVA3 and xAIF wrap the AIF object; the bare AIFdb form is the object itself.
    let aif = root.get("AIF").filter(|v| v.is_object()).unwrap_or(&root);
    let Some(nodes) = aif.get("nodes").and_then(Value::as_array) else {
        return refused(
            Diagnostic::error(path, None, "no `nodes` array: this is not an AIF file").with_help(
                "AIFdb JSON is {\"nodes\": […], \"edges\": […]}; OVA3 wraps it as {\"AIF\": {…}}",
            ),
        );
    };
    let mut diagnostics = Vec::new();
    let mut map = empty_map(path, id, &title_of(path, &root, aif), "AIF");
    if let Some(source) = root.get("text").and_then(Value::as_str) {
        map.text = source.to_string();
    }
    let people = participants(aif, &mut map.interchange);
    let speakers = speakers(aif, &people);
    let by_id = read_nodes(path, nodes, &speakers, &mut map, &mut diagnostics);
    let hypotheses = read_edges(
        path,
        array(aif, "edges"),
        &by_id,
        &mut map.interchange,
        &mut diagnostics,
    );
    read_locutions(
        path,
        aif,
        &people,
        &by_id,
        &mut map.interchange,
        &mut diagnostics,
    );
    schemes_without_ends(path, &map.interchange.schemes, &mut diagnostics);
    let relations = common::scheme_relations(path, &map.interchange.schemes, &mut diagnostics);
    map.relations = common::relations(relations);
    for p in hypotheses {
        make_hypothesis(&mut map, p);
    }
    Checked {
        map: Some(map),
        diagnostics,
    }
}

/// A file that cannot be read at all, and why.
fn refused(diagnostic: Diagnostic) -> Checked {
    Checked {
        map: None,
        diagnostics: vec![diagnostic],
    }
}

/// The file's JSON, or an error at the place where it stops being JSON.
fn parse_json(path: &Path, text: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
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
        Diagnostic::error(path, Some(position), message)
            .with_help("an AIF file is a JSON object with `nodes` and `edges`")
    })
}

/// The map's title: the file's own, else one made from its name.
fn title_of(path: &Path, root: &Value, aif: &Value) -> String {
    root.get("title")
        .or_else(|| aif.get("title"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!(
                "AIF map {}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )
        })
}

/// The array `key` of `value`, or none.
fn array<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
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
    id_text(value.get(key))
}

/// The name of each participant of xAIF's `participants`, by participant
/// id (a person with no name is named by their id); each record is kept as
/// the file writes it.
fn participants(aif: &Value, x: &mut Interchange) -> HashMap<String, String> {
    let mut people: HashMap<String, String> = HashMap::new();
    for p in array(aif, "participants") {
        x.participants.push(p.to_string());
        if let Some(pid) = id_text(p.get("participantID")) {
            let name = [str_field(p, "firstname"), str_field(p, "surname")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            people.insert(pid.clone(), if name.is_empty() { pid } else { name });
        }
    }
    people
}

/// The first speaker of each L-node, by node id, from the locutions.
fn speakers(aif: &Value, people: &HashMap<String, String>) -> HashMap<String, String> {
    let mut speakers: HashMap<String, String> = HashMap::new();
    for l in array(aif, "locutions") {
        if let (Some(node), Some(person)) = (id_text(l.get("nodeID")), id_text(l.get("personID"))) {
            let name = people.get(&person).cloned().unwrap_or(person);
            speakers.entry(node).or_insert(name);
        }
    }
    speakers
}

/// Every locution record, kept as the file writes it beside the L-node it
/// names, with its speaker: an L-node may have several. A record that
/// names no L-node of the file is left out, with a warning.
fn read_locutions(
    path: &Path,
    aif: &Value,
    people: &HashMap<String, String>,
    by_id: &HashMap<String, Endpoint>,
    x: &mut Interchange,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (n, l) in array(aif, "locutions").iter().enumerate() {
        let nid = id_text(l.get("nodeID"));
        let Some(&Endpoint::Dialogue(node)) = nid.as_ref().and_then(|id| by_id.get(id)) else {
            diagnostics.push(warning(
                path,
                match &nid {
                    Some(id) => format!("locution {} (counting from 1) names node `{id}`, which is not a node of the file; the locution is left out", n + 1),
                    None => format!("locution {} (counting from 1) has no `nodeID`; it is left out", n + 1),
                },
                "give every locution the `nodeID` of the L-node it records",
            ));
            continue;
        };
        let speaker = id_text(l.get("personID")).map(|p| people.get(&p).cloned().unwrap_or(p));
        x.locutions.push(Locution {
            node,
            speaker,
            record: l.to_string(),
        });
    }
}

/// The nodes, each an I-node's claim or a scheme or dialogue node of the
/// map's interchange part; what each id became, by id.
fn read_nodes(
    path: &Path,
    nodes: &[Value],
    speakers: &HashMap<String, String>,
    map: &mut Map,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<String, Endpoint> {
    let mut by_id: HashMap<String, Endpoint> = HashMap::new();
    // The first node of each id, to tell a byte-identical copy from a clash.
    let mut first: HashMap<String, &Value> = HashMap::new();
    let mut copies: Vec<String> = Vec::new();
    for (n, node) in nodes.iter().enumerate() {
        let Some(nid) = id_text(node.get("nodeID")) else {
            diagnostics.push(warning(
                path,
                format!("node {} (counting from 1) has no `nodeID`; left out", n + 1),
                "give every node a string or number `nodeID`",
            ));
            continue;
        };
        if let Some(earlier) = first.get(&nid) {
            if *earlier == node {
                copies.push(nid);
            } else {
                diagnostics.push(warning(
                    path,
                    format!(
                        "node `{nid}` appears twice with different content; the second is left out"
                    ),
                    "give every node its own `nodeID`",
                ));
            }
            continue;
        }
        first.insert(nid.clone(), node);
        if let Some(endpoint) = add_node(path, &nid, node, speakers, map, diagnostics) {
            by_id.insert(nid, endpoint);
        }
    }
    if !copies.is_empty() {
        diagnostics.push(copies_warning(path, &copies));
    }
    by_id
}

/// One warning for every node that appears again exactly as it was: such
/// copies lose nothing, and a warning each would bury the others.
fn copies_warning(path: &Path, copies: &[String]) -> Diagnostic {
    let mut named: Vec<String> = copies.iter().take(5).map(|c| format!("`{c}`")).collect();
    if copies.len() > 5 {
        named.push("…".into());
    }
    warning(
        path,
        format!(
            "{} {} a byte-for-byte copy of an earlier node with the same id ({}); each id is imported once",
            copies.len(),
            if copies.len() == 1 {
                "node is"
            } else {
                "nodes are each"
            },
            named.join(", ")
        ),
        "remove the repeated nodes from the file",
    )
}

/// Adds node `nid` to the map by its type; `None` for a type AIF does not
/// define.
fn add_node(
    path: &Path,
    nid: &str,
    node: &Value,
    speakers: &HashMap<String, String>,
    map: &mut Map,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Endpoint> {
    let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
    let text = str_field(node, "text").unwrap_or_default();
    let key = key_of(nid);
    let x = &mut map.interchange;
    if kind == "I" {
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
        x.proposition_ids.push(nid.to_string());
        let endpoint = Endpoint::Proposition(map.propositions.len() - 1);
        if let Some(t) = str_field(node, "timestamp") {
            x.node_facts.push((endpoint, "timestamp", t));
        }
        Some(endpoint)
    } else if let Some(kind) = SchemeKind::from_aif(kind) {
        x.schemes.push(SchemeNode {
            key,
            original_id: nid.to_string(),
            kind,
            text,
            scheme: str_field(node, "scheme"),
            premises: Vec::new(),
            conclusions: Vec::new(),
        });
        let endpoint = Endpoint::Scheme(x.schemes.len() - 1);
        for field in ["timestamp", "schemeID"] {
            if let Some(value) = str_field(node, field) {
                x.node_facts.push((endpoint, field, value));
            }
        }
        Some(endpoint)
    } else if let Some(kind) = DialogueKind::from_aif(kind) {
        x.dialogue.push(DialogueNode {
            key,
            original_id: nid.to_string(),
            kind,
            text,
            timestamp: str_field(node, "timestamp"),
            speaker: speakers.get(nid).cloned(),
        });
        Some(Endpoint::Dialogue(x.dialogue.len() - 1))
    } else {
        diagnostics.push(warning(
            path,
            format!("node `{nid}` has type `{kind}`, which AIF does not define; left out"),
            "AIF node types are I, L, RA, CA, MA, PA, TA and YA",
        ));
        None
    }
}

/// The edges: into a scheme node is a premise, out of one a conclusion;
/// any edge touching L, TA or YA belongs to the dialogue layer. Returns the
/// I-nodes a YA "Hypothesising" points at: the hypotheses.
fn read_edges(
    path: &Path,
    edges: &[Value],
    by_id: &HashMap<String, Endpoint>,
    x: &mut Interchange,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeSet<usize> {
    let mut hypotheses = BTreeSet::new();
    for (n, edge) in edges.iter().enumerate() {
        let given = id_text(edge.get("edgeID"));
        let eid = given.clone().unwrap_or_else(|| format!("#{}", n + 1));
        let Some((from, to)) = edge_ends(path, &eid, edge, by_id, diagnostics) else {
            continue;
        };
        x.edges.push(AifEdge {
            id: given,
            from,
            to,
        });
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
    hypotheses
}

/// The two nodes edge `eid` joins, or `None` (with a warning for each end
/// that is missing or names no node).
fn edge_ends(
    path: &Path,
    eid: &str,
    edge: &Value,
    by_id: &HashMap<String, Endpoint>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Endpoint, Endpoint)> {
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
    let [from, to] = found[..] else { return None };
    Some((from, to))
}

/// A warning for each scheme node with no premise or no conclusion. The
/// node is kept as the file has it (and written back), but it gives argmap
/// no relation: a conflict with no premise says nothing about what
/// conflicts.
fn schemes_without_ends(path: &Path, schemes: &[SchemeNode], diagnostics: &mut Vec<Diagnostic>) {
    for node in schemes {
        let missing = if node.premises.is_empty() {
            "premise"
        } else if node.conclusions.is_empty() {
            "conclusion"
        } else {
            continue;
        };
        diagnostics.push(warning(
            path,
            format!(
                "scheme node `{}` ({}) has no {missing}; it is kept as the file has it and written back, but gives no {} between claims",
                node.original_id,
                node.kind.aif_type(),
                match node.kind {
                    SchemeKind::Inference => "support",
                    SchemeKind::Conflict => "attack",
                    SchemeKind::Rephrase => "rephrasing",
                    SchemeKind::Preference => "preference",
                }
            ),
            "add the missing edge, or remove the node",
        ));
    }
}
