//! What a support tree adds up to: its counts, how strong the support is, and the warning when the author's wording is more assertive than the support.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use super::{Likelihood, Summary, TraceNode};
use crate::read::node::Kind;

/// How much stands behind a hypothesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// No evidence.
    None,
    /// One or two items, or no source behind any.
    Thin,
    Moderate,
    /// Six items or more from three sources or more.
    Broad,
}

impl Strength {
    /// The word the trace writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::None => "none",
            Strength::Thin => "thin",
            Strength::Moderate => "moderate",
            Strength::Broad => "broad",
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The strength of a support tree, from its counts: `none` with no
/// evidence; `thin` with one or two items, or with no source behind any;
/// `broad` with six items or more from three sources or more; otherwise
/// `moderate`.
pub fn strength(evidence: usize, sources: usize) -> Strength {
    match (evidence, sources) {
        (0, _) => Strength::None,
        (1..=2, _) | (_, 0) => Strength::Thin,
        (6.., 3..) => Strength::Broad,
        _ => Strength::Moderate,
    }
}

/// The distinct nodes a walk of a support tree has met.
#[derive(Default)]
struct Seen<'a> {
    evidence: BTreeSet<&'a str>,
    sources: BTreeSet<&'a str>,
    opposing: BTreeSet<&'a str>,
    depth: usize,
}

impl<'a> Seen<'a> {
    fn walk(&mut self, n: &'a TraceNode, depth: usize) {
        self.depth = self.depth.max(depth);
        if n.kind == Kind::Evidence {
            self.evidence.insert(&n.iri);
        }
        if let Some(s) = &n.source {
            self.sources.insert(&s.iri);
        }
        for o in &n.opposed_by {
            self.opposing.insert(&o.iri);
        }
        for c in &n.supported_by {
            self.walk(c, depth + 1);
        }
    }
}

/// The counts of a hypothesis's tree: what supports it, down to the
/// evidence, and what opposes it or any node of the tree.
pub(super) fn summarise(supported_by: &[TraceNode], opposed_by: &[TraceNode]) -> Summary {
    let mut seen = Seen::default();
    for o in opposed_by {
        seen.opposing.insert(o.iri.as_str());
    }
    for n in supported_by {
        seen.walk(n, 1);
    }
    Summary {
        evidence: seen.evidence.len(),
        sources: seen.sources.len(),
        origins: 0,
        depth: seen.depth,
        opposing: seen.opposing.len(),
        strength: strength(seen.evidence.len(), seen.sources.len()),
    }
}

/// The warning for assertive wording on thin support, if it applies.
pub(super) fn hedge_vs_support(
    likelihood: Option<&Likelihood>,
    confidence: Option<&str>,
    summary: &Summary,
) -> Option<String> {
    if !matches!(summary.strength, Strength::None | Strength::Thin) {
        return None;
    }
    let likely = likelihood.and_then(|l| l.low).filter(|&low| low >= 0.55);
    let what = match (likely, confidence) {
        (Some(low), Some("high")) => format!(
            "a likelihood of {:.0} % or more and high confidence",
            low * 100.0
        ),
        (Some(low), _) => format!("a likelihood of {:.0} % or more", low * 100.0),
        (None, Some("high")) => "high confidence".to_string(),
        _ => return None,
    };
    Some(format!(
        "the author states {what}, but the support is {}",
        support_text(summary)
    ))
}

/// The strength and its counts: `thin (1 evidence item, 0 sources)`.
pub(super) fn support_text(s: &Summary) -> String {
    format!(
        "{} ({} evidence item{}, {} source{})",
        s.strength,
        s.evidence,
        if s.evidence == 1 { "" } else { "s" },
        s.sources,
        if s.sources == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_follows_the_counts() {
        assert_eq!(strength(0, 3), Strength::None);
        assert_eq!(strength(2, 2), Strength::Thin);
        assert_eq!(strength(5, 0), Strength::Thin);
        assert_eq!(strength(6, 3), Strength::Broad);
        assert_eq!(strength(6, 2), Strength::Moderate);
    }
}
