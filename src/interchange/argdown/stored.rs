//! What a stored brief holds for Argdown beyond its nodes and edges, read with one graph-scoped query (`argdown-extras`): tags, data blocks, the frontmatter, sections and premise-conclusion structures.

use std::collections::{BTreeMap, HashMap};

use oxigraph::model::{NamedNode, Term};

use crate::Error;
use crate::read::graph::BriefGraph;
use crate::sparql::{Backend, lexical, named_query};

/// A section as stored: its title, depth and enclosing section.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSection {
    pub iri: String,
    pub title: String,
    pub level: usize,
    pub parent: Option<String>,
}

/// One numbered statement of a stored premise-conclusion structure.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    /// The statement's IRI.
    pub statement: String,
    /// `premise`, `intermediary-conclusion` or `main-conclusion`.
    pub role: String,
    pub rule: Option<String>,
    pub data: Option<String>,
}

/// Everything Argdown-specific about one stored brief.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The frontmatter as written, if the brief was imported from Argdown.
    pub frontmatter: Option<String>,
    /// Each node's tags, by IRI.
    pub tags: HashMap<String, Vec<String>>,
    /// Each node's data blocks as written, by IRI.
    pub data: HashMap<String, Vec<String>>,
    /// The sections in document order.
    pub sections: Vec<StoredSection>,
    /// The section of each node, by IRI.
    pub section_of: HashMap<String, String>,
    /// Each argument's structure, in order, by the argument's IRI.
    pub structures: HashMap<String, Vec<StoredItem>>,
}

/// Reads the Argdown extras of `graph`'s brief through `backend`.
pub fn extras(backend: &dyn Backend, graph: &BriefGraph) -> Result<Extras, Error> {
    let name = NamedNode::new(&graph.brief.graph).map_err(|e| Error::Internal(e.to_string()))?;
    let bindings = [("graph".to_string(), Term::from(name))];
    let text = named_query("argdown-extras")
        .map(|q| q.text)
        .unwrap_or_default();
    let rows = backend.select(text, &bindings)?;
    let mut out = Extras::default();
    let mut sections: BTreeMap<usize, StoredSection> = BTreeMap::new();
    let mut items: HashMap<String, BTreeMap<usize, StoredItem>> = HashMap::new();
    for row in &rows.rows {
        let get = |v: &str| rows.column(v).and_then(|c| row[c].as_ref()).map(lexical);
        let number = |v: &str| get(v).and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
        let (Some(what), Some(node)) = (get("what"), get("node")) else {
            continue;
        };
        match what.as_str() {
            "frontmatter" => out.frontmatter = get("value"),
            "tag" => push(&mut out.tags, node, get("value")),
            "data" => push(&mut out.data, node, get("value")),
            "in-section" => {
                if let Some(s) = get("target") {
                    out.section_of.insert(node, s);
                }
            }
            "section" => {
                sections.insert(
                    number("position"),
                    StoredSection {
                        iri: node,
                        title: get("value").unwrap_or_default(),
                        level: number("level").max(1),
                        parent: get("target"),
                    },
                );
            }
            "pcs" => {
                let (Some(statement), Some(role)) = (get("target"), get("role")) else {
                    continue;
                };
                items.entry(node).or_default().insert(
                    number("position"),
                    StoredItem {
                        statement,
                        role,
                        rule: get("rule"),
                        data: get("data"),
                    },
                );
            }
            _ => {}
        }
    }
    out.sections = sections.into_values().collect();
    out.structures = items
        .into_iter()
        .map(|(a, steps)| (a, steps.into_values().collect()))
        .collect();
    Ok(out)
}

fn push(map: &mut HashMap<String, Vec<String>>, node: String, value: Option<String>) {
    if let Some(v) = value {
        map.entry(node).or_default().push(v);
    }
}
