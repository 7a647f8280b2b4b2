//! Root origins: a proposition's source followed through `derived-from` to where its information began, so that corroboration counts origins, not items.
//!
//! The rule, which `query circular-reporting` follows too: a proposition
//! that cites a source has the roots of that source as its origins; one
//! that cites none has its speaker (`said-by`). A source derived from
//! others has their roots; a source derived from nothing is its own root,
//! unless it is someone's statement (`by`), when that actor is. So a
//! speaker's statements, in any brief and through any source that is
//! theirs, are one origin. A proposition with neither source nor speaker
//! has no origin: it is the author's own.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::Error;
use crate::read::briefs::{BriefInfo, graph_bindings};
use crate::read::rows::{rows, select};
use crate::sparql::{Backend, Solutions};

/// A root origin: a source or an actor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    pub iri: String,
    /// Its title or name; its IRI when the store gives no label.
    pub label: String,
}

/// The root origins of each proposition of a brief, by the proposition's IRI.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    roots: BTreeMap<String, Vec<Origin>>,
}

/// Several items of evidence behind one node that all come from one origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedOrigin {
    pub origin: Origin,
    /// The keys of the items, in order.
    pub items: Vec<String>,
}

impl Origins {
    /// The root origins of the proposition `node`; empty for the author's own.
    pub fn of(&self, node: &str) -> &[Origin] {
        self.roots.get(node).map_or(&[], Vec::as_slice)
    }

    /// The distinct origins behind `items` (IRI, key), and each origin that
    /// two or more of them share.
    pub fn corroboration(&self, items: &[(&str, &str)]) -> (usize, Vec<SharedOrigin>) {
        let mut by_origin: BTreeMap<&Origin, BTreeSet<&str>> = BTreeMap::new();
        for (iri, key) in items {
            for origin in self.of(iri) {
                by_origin.entry(origin).or_default().insert(key);
            }
        }
        let shared = by_origin
            .iter()
            .filter(|(_, keys)| keys.len() > 1)
            .map(|(origin, keys)| SharedOrigin {
                origin: (*origin).clone(),
                items: keys.iter().map(|k| k.to_string()).collect(),
            })
            .collect();
        (by_origin.len(), shared)
    }
}

/// The root origins of every proposition of `brief`.
pub fn origins(backend: &dyn Backend, brief: &BriefInfo) -> Result<Origins, Error> {
    let answer = select(backend, "trace-origins", &graph_bindings(brief)?)?;
    Ok(from_rows(&answer))
}

/// The one-hop links read into chains and followed to their roots.
pub fn from_rows(answer: &Solutions) -> Origins {
    let mut links = Links::default();
    for row in rows(answer) {
        let (Some(from), Some(link), Some(to)) =
            (row.text("from"), row.text("link"), row.text("to"))
        else {
            continue;
        };
        if let Some(label) = row.text("label") {
            links.labels.entry(to.clone()).or_insert(label);
        }
        let list = match link.as_str() {
            "source" => &mut links.source,
            "said" => &mut links.said,
            "derived" => &mut links.derived,
            "by" => &mut links.by,
            _ => continue,
        };
        list.entry(from).or_default().insert(to);
    }
    let mut roots = BTreeMap::new();
    let nodes: BTreeSet<&String> = links.source.keys().chain(links.said.keys()).collect();
    for node in nodes {
        let mut found = BTreeSet::new();
        match links.source.get(node) {
            Some(sources) => {
                for s in sources {
                    links.roots(s, &mut Vec::new(), &mut found);
                }
            }
            None => found.extend(links.said.get(node).into_iter().flatten().cloned()),
        }
        let origins = found
            .into_iter()
            .map(|iri| Origin {
                label: links
                    .labels
                    .get(&iri)
                    .cloned()
                    .unwrap_or_else(|| iri.clone()),
                iri,
            })
            .collect();
        roots.insert(node.clone(), origins);
    }
    Origins { roots }
}

/// The links of one brief, by the IRI they start from.
#[derive(Default)]
struct Links {
    source: BTreeMap<String, BTreeSet<String>>,
    said: BTreeMap<String, BTreeSet<String>>,
    derived: BTreeMap<String, BTreeSet<String>>,
    by: BTreeMap<String, BTreeSet<String>>,
    labels: BTreeMap<String, String>,
}

impl Links {
    /// The roots of source `s`, into `found`; `path` guards against a
    /// cycle (which `check` refuses, but another store may hold one): a
    /// source met again on its own path is taken as a root.
    fn roots(&self, s: &str, path: &mut Vec<String>, found: &mut BTreeSet<String>) {
        if path.iter().any(|p| p == s) {
            found.insert(s.to_string());
            return;
        }
        if let Some(next) = self.derived.get(s) {
            path.push(s.to_string());
            for n in next {
                self.roots(n, path, found);
            }
            path.pop();
            return;
        }
        match self.by.get(s) {
            Some(actors) => found.extend(actors.iter().cloned()),
            None => {
                found.insert(s.to_string());
            }
        }
    }
}
