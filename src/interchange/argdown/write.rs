//! Writing a stored brief as Argdown: frontmatter, one definition per statement or argument with argmap's own facts in a data block, then the relations.

use std::collections::BTreeMap;

use super::ESCAPED;
use crate::read::graph::{BriefGraph, GraphNode};
use crate::read::node::{EdgeKind, Kind};

/// Escapes the characters that would start Argdown syntax inside a text.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if ESCAPED.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A title that Argdown accepts: no brackets.
fn title_of(node: &GraphNode) -> String {
    node.identifier
        .clone()
        .unwrap_or_else(|| node.key.clone())
        .replace(['[', ']', '<', '>'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Writes a stored brief as Argdown: frontmatter with the title and rights,
/// one definition per statement or argument (hypotheses tagged
/// `#hypothesis`, argmap's own facts in a data block), then the relations,
/// grouped under what they bear on.
pub fn write(graph: &BriefGraph) -> String {
    let mut out = String::new();
    out.push_str("===\n");
    out.push_str(&format!("title: {}\n", yaml_string(&graph.brief.title)));
    out.push_str(&format!("rights: {}\n", yaml_string(&graph.brief.rights)));
    out.push_str("===\n\n");
    let propositions: Vec<_> = graph
        .nodes
        .iter()
        .filter(|n| matches!(n.kind.as_str(), "hypothesis" | "claim" | "evidence"))
        .collect();
    let reference = |iri: &str| -> Option<String> {
        let n = propositions.iter().find(|n| n.iri == iri)?;
        Some(if n.argument {
            format!("<{}>", title_of(n))
        } else {
            format!("[{}]", title_of(n))
        })
    };
    for n in &propositions {
        let r = reference(&n.iri).unwrap_or_default();
        out.push_str(&format!("{r}: {}", escape(&n.text)));
        if n.kind == Kind::Hypothesis {
            out.push_str(" #hypothesis");
        }
        let mut data = Vec::new();
        if n.kind != Kind::Claim {
            data.push(format!("kind: {}", yaml_string(n.kind.as_str())));
        }
        for (k, v) in [
            ("status", n.status.as_ref().map(|s| s.word())),
            ("hedge", n.hedge.clone()),
            ("date", n.date.clone()),
            ("quote", n.quote.clone()),
        ] {
            if let Some(v) = v {
                data.push(format!("{k}: {}", yaml_string(&v)));
            }
        }
        if let Some(source) = graph
            .edges
            .iter()
            .find(|e| e.from == n.iri && e.kind == EdgeKind::Source)
            .and_then(|e| graph.node(&e.to))
        {
            data.push(format!("source: {}", yaml_string(&source.text)));
        }
        if !data.is_empty() {
            out.push_str(&format!(" {{{}}}", data.join(", ")));
        }
        out.push_str("\n\n");
    }
    // Relations, grouped by the node they bear on (contradiction under its source).
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &graph.edges {
        let (Some(from), Some(to)) = (reference(&e.from), reference(&e.to)) else {
            continue;
        };
        let (parent, line) = match e.kind.as_str() {
            "supports" => (to, format!("+ {from}")),
            "opposes" => (to, format!("- {from}")),
            "undercuts" => (to, format!("_ {from}")),
            "contradicts" => (from, format!(">< {to}")),
            _ => continue,
        };
        groups.entry(parent).or_default().push(line);
    }
    for (parent, lines) in groups {
        out.push_str(&parent);
        out.push('\n');
        for l in lines {
            out.push_str(&format!("  {l}\n"));
        }
        out.push('\n');
    }
    out
}
