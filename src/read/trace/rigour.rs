//! The trace's checks of analytic rigour: the distinct origins behind each hypothesis's evidence, apparent corroboration from one origin, and the assumptions its tree rests on.

use std::collections::BTreeSet;

use super::{BriefTrace, ConclusionOrigin, HypothesisTrace, TraceNode};
use crate::Error;
use crate::read::node::Kind;
use crate::read::rigour::assumptions::{Assumptions, assumptions};
use crate::read::rigour::origins::{Origins, origins};
use crate::sparql::Backend;

/// Adds to every hypothesis of `trace` its count of origins, the origins
/// its items share, and its assumptions.
pub(super) fn annotate(backend: &dyn Backend, trace: &mut BriefTrace) -> Result<(), Error> {
    let origins = origins(backend, &trace.brief)?;
    let assumptions = assumptions(backend, &trace.brief)?;
    for h in &mut trace.hypotheses {
        annotate_hypothesis(h, &origins, &assumptions);
    }
    let mut shared_under = Vec::new();
    for c in &trace.other_conclusions {
        let mut walk = Walk::default();
        walk.node(c);
        let items: Vec<(&str, &str)> = walk
            .evidence
            .iter()
            .map(|(iri, key)| (iri.as_str(), key.as_str()))
            .collect();
        for shared in origins.corroboration(&items).1 {
            shared_under.push(ConclusionOrigin {
                conclusion: c.key.clone(),
                shared,
            });
        }
    }
    trace.other_conclusions_one_origin = shared_under;
    Ok(())
}

fn annotate_hypothesis(h: &mut HypothesisTrace, origins: &Origins, assumptions: &Assumptions) {
    let mut walk = Walk::default();
    for n in &h.supported_by {
        walk.node(n);
    }
    let items: Vec<(&str, &str)> = walk
        .evidence
        .iter()
        .map(|(iri, key)| (iri.as_str(), key.as_str()))
        .collect();
    let (count, shared) = origins.corroboration(&items);
    let mut found = assumptions.under(&h.node.iri, &h.node.key);
    for (iri, key) in &walk.nodes {
        found.extend(assumptions.under(iri, key));
    }
    found.sort_by(|a, b| (&a.key, &a.underlies).cmp(&(&b.key, &b.underlies)));
    found.dedup();
    h.summary.origins = count;
    h.one_origin = shared;
    h.assumptions = found;
}

/// The distinct nodes of a support tree, in the order first met.
#[derive(Default)]
struct Walk {
    seen: BTreeSet<String>,
    nodes: Vec<(String, String)>,
    evidence: Vec<(String, String)>,
}

impl Walk {
    fn node(&mut self, n: &TraceNode) {
        if !self.seen.insert(n.iri.clone()) {
            return;
        }
        let pair = (n.iri.clone(), n.key.clone());
        if n.kind == Kind::Evidence {
            self.evidence.push(pair.clone());
        }
        self.nodes.push(pair);
        for c in &n.supported_by {
            self.node(c);
        }
    }
}
