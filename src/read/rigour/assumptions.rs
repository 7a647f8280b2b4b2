//! A stored brief's assumptions and what rests on each, for the trace's flag of a hypothesis that rests on an unsupported assumption.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Error;
use crate::read::briefs::{BriefInfo, graph_bindings};
use crate::read::rows::{rows, select};
use crate::sparql::Backend;

/// An assumption as the trace shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssumptionInfo {
    pub key: String,
    pub iri: String,
    pub text: String,
    /// `solid`, `caveated` or `unsupported`.
    pub confidence: String,
    /// The key of the node of the tree it underlies.
    pub underlies: String,
}

impl AssumptionInfo {
    /// Whether the analyst holds it unsupported or questionable.
    pub fn unsupported(&self) -> bool {
        self.confidence == "unsupported"
    }
}

/// The assumptions of a brief, by the IRI of the proposition each underlies.
#[derive(Debug, Clone, Default)]
pub struct Assumptions {
    by_node: BTreeMap<String, Vec<(String, String, String, String)>>,
}

impl Assumptions {
    /// The assumptions that `node` (its IRI and key) rests on directly.
    pub fn under(&self, node: &str, key: &str) -> Vec<AssumptionInfo> {
        self.by_node
            .get(node)
            .into_iter()
            .flatten()
            .map(|(iri, k, text, confidence)| AssumptionInfo {
                key: k.clone(),
                iri: iri.clone(),
                text: text.clone(),
                confidence: confidence.clone(),
                underlies: key.to_string(),
            })
            .collect()
    }
}

/// The assumptions of `brief`.
pub fn assumptions(backend: &dyn Backend, brief: &BriefInfo) -> Result<Assumptions, Error> {
    let answer = select(backend, "trace-assumptions", &graph_bindings(brief)?)?;
    let mut by_node: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for row in rows(&answer) {
        let text = |v: &str| row.text(v).unwrap_or_default();
        let Some(node) = row.text("node") else {
            continue;
        };
        by_node.entry(node).or_default().push((
            text("assumption"),
            text("key"),
            text("text"),
            text("confidence"),
        ));
    }
    Ok(Assumptions { by_node })
}
