//! Reading AIFdb JSON into a map, in steps: the JSON, the speakers of the locutions, the nodes, the edges (premises, conclusions and the dialogue layer), the scheme nodes that say nothing, and argmap's own relations.

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
    let speakers = speakers(aif);
    let by_id = read_nodes(path, nodes, &speakers, &mut map, &mut diagnostics);
    let hypotheses = read_edges(
        path,
        array(aif, "edges"),
        &by_id,
        &mut map.interchange,
        &mut diagnostics,
    );
    let dropped = schemes_without_ends(path, &map.interchange.schemes, &mut diagnostics);
    remove_schemes(&mut map.interchange, &dropped);
    let relations = scheme_relations(path, &map.interchange.schemes, &mut diagnostics);
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

/// The speaker of each L-node, by node id: xAIF's participants, named in
/// its locutions (a person with no name is named by their id).
fn speakers(aif: &Value) -> HashMap<String, String> {
    let mut people: HashMap<String, String> = HashMap::new();
    for p in array(aif, "participants") {
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
    for l in array(aif, "locutions") {
        if let (Some(node), Some(person)) = (id_text(l.get("nodeID")), id_text(l.get("personID"))) {
            let name = people.get(&person).cloned().unwrap_or(person);
            speakers.insert(node, name);
        }
    }
    speakers
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
        if let Some(endpoint) = add_node(path, &nid, node, speakers, map, diagnostics) {
            by_id.insert(nid, endpoint);
        }
    }
    by_id
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
        Some(Endpoint::Proposition(map.propositions.len() - 1))
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
        Some(Endpoint::Scheme(x.schemes.len() - 1))
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
        let eid = id_text(edge.get("edgeID")).unwrap_or_else(|| format!("#{}", n + 1));
        let Some((from, to)) = edge_ends(path, &eid, edge, by_id, diagnostics) else {
            continue;
        };
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

/// Which scheme nodes say nothing: those with no premise or no conclusion,
/// and then (until nothing changes) those whose only premise or conclusion
/// was such a node. A warning names each.
fn schemes_without_ends(
    path: &Path,
    schemes: &[SchemeNode],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut dropped = vec![false; schemes.len()];
    loop {
        let mut changed = false;
        for (s, node) in schemes.iter().enumerate() {
            if dropped[s] {
                continue;
            }
            let live = |e: &Endpoint| !matches!(e, Endpoint::Scheme(t) if dropped[*t]);
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
            return dropped;
        }
    }
}

/// Leaves out the `dropped` scheme nodes, and every premise, conclusion and
/// dialogue edge that pointed at one; the others are renumbered.
fn remove_schemes(x: &mut Interchange, dropped: &[bool]) {
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
}

/// argmap's own relations: one support or attack per premise and
/// conclusion pair of an RA or CA between I-nodes. A scheme node whose
/// premise is its conclusion gives none, and a warning.
fn scheme_relations(
    path: &Path,
    schemes: &[SchemeNode],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeSet<(usize, usize, RelationKind)> {
    let mut relations = BTreeSet::new();
    for node in schemes {
        let kind = match node.kind {
            SchemeKind::Inference => RelationKind::Support,
            SchemeKind::Conflict => RelationKind::Attack,
            _ => continue,
        };
        for p in &node.premises {
            for c in &node.conclusions {
                let (Endpoint::Proposition(from), Endpoint::Proposition(to)) = (p, c) else {
                    continue;
                };
                if from != to {
                    relations.insert((*from, *to, kind));
                    continue;
                }
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
    relations
}
