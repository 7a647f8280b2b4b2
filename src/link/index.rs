//! The targets indexed by folded label and token, so that candidates are found by blocking rather than by comparing all pairs; and `reconcile`, which scores and decides them.

use std::collections::{BTreeSet, HashMap};

use crate::link::entity::Entity;
use crate::link::fold::{Folded, fold};
use crate::link::score::{
    AMBIGUITY_MARGIN, Candidate, Decision, Options, REPORT_FLOOR, score_labels,
};

/// A token shared by more targets than this is too common to block on.
const MAX_BLOCK: usize = 200;

/// Targets indexed by folded label: the exact index and the token blocks.
pub struct Index<'a> {
    targets: &'a [Entity],
    folded: Vec<Vec<(Folded, bool)>>,
    by_compact: HashMap<String, Vec<usize>>,
    by_token: HashMap<String, Vec<usize>>,
}

impl<'a> Index<'a> {
    /// Indexes `targets`' labels.
    pub fn new(targets: &'a [Entity]) -> Index<'a> {
        let mut by_compact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_token: HashMap<String, Vec<usize>> = HashMap::new();
        let mut folded = Vec::with_capacity(targets.len());
        for (i, t) in targets.iter().enumerate() {
            let labels: Vec<(Folded, bool)> = t
                .labels
                .iter()
                .map(|l| (fold(&l.text), l.preferred))
                .collect();
            for (f, _) in &labels {
                push_unique(by_compact.entry(f.compact.clone()).or_default(), i);
                for token in &f.tokens {
                    push_unique(by_token.entry(token.clone()).or_default(), i);
                }
            }
            folded.push(labels);
        }
        Index {
            targets,
            folded,
            by_compact,
            by_token,
        }
    }

    /// The targets worth scoring against `labels`: those sharing a folded
    /// label (so "Ri Yongho" meets "Ri Yong-ho"), or a token that is not
    /// too common.
    fn block(&self, labels: &[(Folded, bool)]) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for (f, _) in labels {
            if let Some(hits) = self.by_compact.get(&f.compact) {
                out.extend(hits);
            }
            for token in &f.tokens {
                if let Some(hits) = self.by_token.get(token) {
                    if hits.len() <= MAX_BLOCK {
                        out.extend(hits);
                    }
                }
            }
        }
        out
    }
}

fn push_unique(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// Reconciles `entities` (the store's) against the indexed targets: every
/// candidate above [`REPORT_FLOOR`], scored, with its decision. Sorted by
/// entity, then by score (best first).
pub fn reconcile(entities: &[Entity], index: &Index<'_>, options: Options) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for entity in entities {
        let mut mine = candidates_of(entity, index, options);
        mine.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.target.cmp(&b.target)));
        settle_rivals(&mut mine);
        candidates.extend(mine);
    }
    settle_contested_targets(&mut candidates);
    candidates
}

/// The candidates of one entity among the targets its labels block on,
/// each scored by its best pair of labels and decided on its own.
fn candidates_of(entity: &Entity, index: &Index<'_>, options: Options) -> Vec<Candidate> {
    let labels: Vec<(Folded, bool)> = entity
        .labels
        .iter()
        .map(|l| (fold(&l.text), l.preferred))
        .collect();
    let mut out = Vec::new();
    for t in index.block(&labels) {
        let target = &index.targets[t];
        if target.iri == entity.iri {
            continue;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, (a, ap)) in labels.iter().enumerate() {
            for (j, (b, bp)) in index.folded[t].iter().enumerate() {
                let (s, _) = score_labels(a, *ap, b, *bp);
                if best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, i, j));
                }
            }
        }
        let Some((score, i, j)) = best else { continue };
        if score < REPORT_FLOOR {
            continue;
        }
        let typed_apart = !entity.kinds.is_empty()
            && !target.kinds.is_empty()
            && !entity
                .kinds
                .iter()
                .any(|a| target.kinds.iter().any(|b| a.compatible(*b)));
        let score = (score * 1000.0).round() / 1000.0;
        out.push(Candidate {
            entity: entity.iri.clone(),
            entity_label: entity.display().to_string(),
            target: target.iri.clone(),
            target_label: target.display().to_string(),
            matched: (entity.labels[i].text.clone(), target.labels[j].text.clone()),
            score,
            decision: if typed_apart {
                Decision::TypeMismatch
            } else if score >= options.min_score {
                Decision::Linked
            } else {
                Decision::NearMiss
            },
        });
    }
    out
}

/// Among one entity's candidates above the threshold (sorted best first),
/// the best is linked and the others outranked, unless the best two are
/// within [`AMBIGUITY_MARGIN`]: then every candidate that close is
/// ambiguous, and none is linked.
fn settle_rivals(mine: &mut [Candidate]) {
    let above: Vec<usize> = (0..mine.len())
        .filter(|&k| mine[k].decision == Decision::Linked)
        .collect();
    let [first, second, ..] = above[..] else {
        return;
    };
    let tied = mine[first].score - mine[second].score < AMBIGUITY_MARGIN;
    for &k in &above {
        let close = mine[first].score - mine[k].score < AMBIGUITY_MARGIN;
        mine[k].decision = if tied && close {
            Decision::Ambiguous
        } else if k == first {
            Decision::Linked
        } else {
            Decision::Outranked
        };
    }
}

/// One target claimed by two entities of the store: neither is linked.
fn settle_contested_targets(candidates: &mut [Candidate]) {
    let mut claims: HashMap<&str, usize> = HashMap::new();
    for c in candidates.iter() {
        if c.decision == Decision::Linked {
            *claims.entry(c.target.as_str()).or_default() += 1;
        }
    }
    let contested: BTreeSet<String> = claims
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(t, _)| t.to_string())
        .collect();
    for c in candidates {
        if c.decision == Decision::Linked && contested.contains(&c.target) {
            c.decision = Decision::Ambiguous;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::entity::{Kind, Label};

    fn entity(iri: &str, kind: Option<Kind>, labels: &[&str]) -> Entity {
        Entity {
            iri: iri.into(),
            kinds: kind.into_iter().collect(),
            labels: labels
                .iter()
                .enumerate()
                .map(|(i, t)| Label {
                    text: t.to_string(),
                    preferred: i == 0,
                })
                .collect(),
        }
    }

    #[test]
    fn near_homonyms_and_types_do_not_link() {
        let mine = vec![entity("a:kju", Some(Kind::Person), &["Kim Jong-un"])];
        let theirs = vec![
            entity("b:kji", Some(Kind::Person), &["Kim Jong-il"]),
            entity("b:org", Some(Kind::Organisation), &["Kim Jong Un"]),
        ];
        let index = Index::new(&theirs);
        let found = reconcile(&mine, &index, Options::default());
        assert!(
            found.iter().all(|c| c.decision != Decision::Linked),
            "{found:?}"
        );
        let kji = found.iter().find(|c| c.target == "b:kji").unwrap();
        assert_eq!(kji.decision, Decision::NearMiss);
    }
}
