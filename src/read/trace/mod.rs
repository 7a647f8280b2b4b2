//! Answering "how is each hypothesis supported?": support trees built in Rust from one-hop, graph-scoped SPARQL.
//!
//! [`trace`] asks the [`Backend`] for a brief's hypotheses, nodes, edges,
//! quotes, dates, attributions and undercuts (the queries of [`QUERIES`]), then
//! builds, for each hypothesis, the tree of what supports it down to the
//! evidence, with what opposes each node ([`build`]), and sums each tree up
//! ([`summary`]), with the origins behind its evidence and the
//! assumptions it rests on ([`rigour`]). Property paths are not used: they tell reachability, not
//! the path, and some engines reject them unbound. The trace is written as
//! text ([`to_text`]) or JSON ([`to_json`]).

mod build;
mod json;
mod rigour;
mod summary;
mod text;

use std::collections::BTreeSet;
use std::ops::Deref;

use serde::Serialize;

pub use json::to_json;
pub use summary::{Strength, strength};
pub use text::to_text;

use crate::Error;
use crate::read::briefs::{BriefInfo, chosen};
use crate::read::node::{Node, Quote, Status, without_kind};
use crate::read::rigour::assumptions::AssumptionInfo;
use crate::read::rigour::origins::SharedOrigin;
use crate::sparql::Backend;

/// The trace of one brief.
#[derive(Debug, Clone, Serialize)]
pub struct BriefTrace {
    pub brief: BriefInfo,
    pub hypotheses: Vec<HypothesisTrace>,
    /// Claims and evidence that support no other node and no hypothesis
    /// (a conclusion, say), each with its own tree; empty when hypotheses
    /// were asked for by name.
    pub other_conclusions: Vec<TraceNode>,
    /// For the other conclusions: each origin that two or more items of
    /// evidence of a conclusion's tree come from.
    pub other_conclusions_one_origin: Vec<ConclusionOrigin>,
}

/// An origin shared by items of evidence under a conclusion other than a hypothesis.
#[derive(Debug, Clone, Serialize)]
pub struct ConclusionOrigin {
    /// The conclusion's key.
    pub conclusion: String,
    #[serde(flatten)]
    pub shared: SharedOrigin,
}

/// One hypothesis, its support tree and its summary.
#[derive(Debug, Clone, Serialize)]
pub struct HypothesisTrace {
    /// The hypothesis (its JSON has `key`, `iri` and `text`, no `kind`).
    #[serde(flatten, serialize_with = "without_kind")]
    pub node: Node,
    pub question: QuestionInfo,
    pub hedge: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<String>,
    pub quote: Option<Quote>,
    /// What supports the hypothesis, as trees.
    pub supported_by: Vec<TraceNode>,
    /// What opposes the hypothesis itself.
    pub opposed_by: Vec<TraceNode>,
    pub summary: Summary,
    /// Set when the author's wording is assertive (a likelihood of 55 % or
    /// more, or high confidence) but the support is thin or absent.
    pub hedge_vs_support: Option<String>,
    /// Each origin that two or more items of evidence of the tree come
    /// from: apparent corroboration from one origin.
    pub one_origin: Vec<SharedOrigin>,
    /// The assumptions the hypothesis or a node of its tree rests on.
    pub assumptions: Vec<AssumptionInfo>,
}

/// A hypothesis is read as the node it is.
impl Deref for HypothesisTrace {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// The question a hypothesis answers.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionInfo {
    pub key: String,
    pub text: String,
    pub exclusive: bool,
}

/// A likelihood band from the hedge table.
#[derive(Debug, Clone, Serialize)]
pub struct Likelihood {
    pub term: String,
    /// Lower bound, 0–1; absent for words that state no likelihood.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub scale: String,
}

/// A source as a trace shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub key: String,
    pub iri: String,
    pub title: String,
    pub reliability: Option<String>,
    pub credibility: Option<i64>,
}

/// A claim, item of evidence or hypothesis inside a tree.
#[derive(Debug, Clone, Serialize)]
pub struct TraceNode {
    /// The node (its JSON has `key`, `iri`, `kind` and `text`).
    #[serde(flatten)]
    pub node: Node,
    pub status: Status,
    pub hedge: Option<String>,
    pub quote: Option<Quote>,
    pub date: Option<String>,
    pub date_inferred: bool,
    pub said_by: Option<String>,
    pub source: Option<SourceInfo>,
    /// Whether the edge to its parent is marked strong.
    pub strong: bool,
    /// Whether the analyst drew the edge to its parent (`analyst-links`),
    /// where the brief draws no such line.
    pub analyst_link: bool,
    /// Whether the node was shown earlier in the same hypothesis's tree,
    /// reached by another path: text shows it once in full and refers back
    /// to it after that; JSON keeps its tree and marks it.
    pub repeat: bool,
    pub supported_by: Vec<TraceNode>,
    pub opposed_by: Vec<TraceNode>,
    /// What attacks the inference from this node to its parent (an
    /// undercut), each with its own tree; absent from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undercut_by: Vec<TraceNode>,
}

/// A node of a tree is read as the node it is.
impl Deref for TraceNode {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// Counts over a hypothesis's support tree.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Distinct items of evidence in the support tree.
    pub evidence: usize,
    /// Distinct sources cited in the support tree.
    pub sources: usize,
    /// Distinct root origins behind the evidence of the tree (see
    /// [`crate::read::rigour::origins`]).
    pub origins: usize,
    /// Edges on the longest path from the hypothesis down.
    pub depth: usize,
    /// Distinct nodes that oppose a node of the tree.
    pub opposing: usize,
    /// How much stands behind the hypothesis: see [`strength`].
    pub strength: Strength,
}

/// The queries a trace of one brief runs, each once, on two threads:
/// longest first, so that the threads finish close together.
pub const QUERIES: [&str; 7] = [
    "trace-quotes",
    "trace-nodes",
    "trace-edges",
    "trace-attribution",
    "trace-hypotheses",
    "trace-dates",
    "trace-undercuts",
];

/// Traces `hypotheses` (all when empty) of `brief` (every brief when `None`).
pub fn trace(
    backend: &dyn Backend,
    brief: Option<&str>,
    hypotheses: &[String],
) -> Result<Vec<BriefTrace>, Error> {
    let mut traces = Vec::new();
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for b in chosen(backend, brief)? {
        let mut t = build::trace_brief(backend, b, hypotheses)?;
        rigour::annotate(backend, &mut t)?;
        for h in &t.hypotheses {
            if let Some(k) = hypotheses.iter().find(|k| **k == h.key) {
                found.insert(k.as_str());
            }
        }
        traces.push(t);
    }
    let missing: Vec<&str> = hypotheses
        .iter()
        .map(String::as_str)
        .filter(|h| !found.contains(h))
        .collect();
    if !missing.is_empty() {
        return Err(Error::NotFound(format!(
            "no hypothesis called {} in the brief(s) traced; `argmap list` shows them",
            missing.join(", ")
        )));
    }
    Ok(traces)
}
