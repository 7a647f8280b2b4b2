//! What links propositions: support and attack, the cycles of support an argument may not have, and the analyst's ACH ratings of evidence against hypotheses.

use super::Checker;
use super::ids::Ids;
use crate::map::diagnostic::{Diagnostic, Position, nearest};
use crate::map::model::{
    Consistency, Proposition, PropositionKind, Rating, Relation, RelationKind, support_cycles,
};
use crate::map::parse::{RawMap, RawProposition, Str};

impl Checker<'_> {
    /// The relations the proposition `from` (of id `key`) states, added to
    /// `relations`: none to itself, and at most one to each target.
    pub(super) fn relations(
        &mut self,
        from: usize,
        key: &Str,
        p: &RawProposition,
        ids: &Ids,
        relations: &mut Vec<Relation>,
    ) {
        let lists = [
            ("supports", &p.supports, RelationKind::Support, false),
            (
                "supports-strongly",
                &p.supports_strongly,
                RelationKind::Support,
                true,
            ),
            ("opposes", &p.opposes, RelationKind::Attack, false),
            (
                "opposes-strongly",
                &p.opposes_strongly,
                RelationKind::Attack,
                true,
            ),
        ];
        for (name, targets, kind, strong) in lists {
            for target in targets {
                if target.get_ref() == key.get_ref() {
                    let verb = if kind == RelationKind::Support {
                        "supports"
                    } else {
                        "opposes"
                    };
                    self.error(
                        target,
                        format!("`{}` {verb} itself", key.get_ref()),
                        format!("remove `{}` from `{name}`", key.get_ref()),
                    );
                    continue;
                }
                let Some(to) = self.resolve(
                    target,
                    &ids.propositions,
                    name,
                    "hypothesis, claim or evidence",
                ) else {
                    continue;
                };
                if relations
                    .iter()
                    .any(|r: &Relation| r.from == from && r.to == to)
                {
                    self.error(
                        target,
                        format!(
                            "`{}` is related to `{}` twice",
                            key.get_ref(),
                            target.get_ref()
                        ),
                        "keep one of `supports`, `supports-strongly`, `opposes`, `opposes-strongly` for each target",
                    );
                    continue;
                }
                let analyst = p
                    .analyst_links
                    .iter()
                    .any(|a| a.get_ref() == target.get_ref());
                relations.push(Relation {
                    from,
                    to,
                    kind,
                    strong,
                    analyst,
                });
            }
        }
        self.analyst_links(key, p);
    }

    /// Each entry of `analyst-links` must name one of the proposition's own
    /// targets, once: it marks a line the proposition draws, it draws none.
    fn analyst_links(&mut self, key: &Str, p: &RawProposition) {
        let targets: Vec<&str> = [
            &p.supports,
            &p.supports_strongly,
            &p.opposes,
            &p.opposes_strongly,
        ]
        .into_iter()
        .flatten()
        .map(|t| t.get_ref().as_str())
        .collect();
        for (i, link) in p.analyst_links.iter().enumerate() {
            let name = link.get_ref().as_str();
            if p.analyst_links[..i].iter().any(|l| l.get_ref() == name) {
                self.error(
                    link,
                    format!(
                        "`analyst-links` of `{}` names `{name}` twice",
                        key.get_ref()
                    ),
                    format!("remove one `{name}`"),
                );
            } else if !targets.contains(&name) {
                let help = match nearest(name, &targets) {
                    Some(near) => format!(
                        "did you mean `{near}`? `analyst-links` names targets of this node's `supports`, `supports-strongly`, `opposes` or `opposes-strongly`"
                    ),
                    None => format!(
                        "add `{name}` to `supports` (or another of the four lists), or remove it from `analyst-links`"
                    ),
                };
                self.error(
                    link,
                    format!(
                        "`analyst-links` of `{}` names `{name}`, which `{}` neither supports nor opposes",
                        key.get_ref(),
                        key.get_ref()
                    ),
                    help,
                );
            }
        }
    }

    /// The analyst's ACH ratings of an item of evidence: each names a
    /// hypothesis and one of CC, C, N, I, II, NA.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn ratings(
        &mut self,
        kind: PropositionKind,
        from: usize,
        key: &Str,
        p: &RawProposition,
        raw: &RawMap,
        ids: &Ids,
        ratings: &mut Vec<Rating>,
    ) {
        if p.ratings.is_empty() {
            return;
        }
        if kind != PropositionKind::Evidence {
            let first = p.ratings.values().next().unwrap_or(key);
            self.error(
                first,
                format!(
                    "claim `{}` has `ratings`, but only evidence is rated against hypotheses",
                    key.get_ref()
                ),
                "move the ratings to the items of evidence behind the claim, or remove them",
            );
            return;
        }
        // Hypotheses come first among the propositions, in map order.
        let hypotheses: Vec<&str> = raw
            .hypotheses
            .iter()
            .map(|(k, _)| k.get_ref().as_str())
            .collect();
        for (hypothesis, value) in &p.ratings {
            let target = ids
                .propositions
                .get(hypothesis)
                .copied()
                .filter(|&i| i < hypotheses.len());
            let Some(target) = target else {
                let help = match nearest(hypothesis, &hypotheses) {
                    Some(near) => format!(
                        "did you mean `{near}`? Ratings name hypotheses: {}",
                        hypotheses.join(", ")
                    ),
                    None => format!("ratings name hypotheses: {}", hypotheses.join(", ")),
                };
                self.error(
                    value,
                    format!(
                        "`ratings` of `{}` names `{hypothesis}`, but there is no hypothesis of that id",
                        key.get_ref()
                    ),
                    help,
                );
                continue;
            };
            if let Some(value) = self.consistency(value, key, hypothesis) {
                ratings.push(Rating {
                    evidence: from,
                    hypothesis: target,
                    value,
                });
            }
        }
    }

    /// One rating's value; an error (suggesting the capitals, when that is
    /// what is wrong) when it is not an ACH rating.
    fn consistency(&mut self, value: &Str, key: &Str, hypothesis: &str) -> Option<Consistency> {
        if let Some(v) = Consistency::parse(value.get_ref()) {
            return Some(v);
        }
        let upper = value.get_ref().trim().to_uppercase();
        let help = match Consistency::parse(&upper) {
            Some(near) => format!(
                "did you mean \"{}\"? Ratings are written in capitals; ",
                near.as_str()
            ),
            None => String::new(),
        };
        self.error(
            value,
            format!(
                "rating `{}` of `{}` against `{hypothesis}` is not an ACH rating",
                value.get_ref(),
                key.get_ref()
            ),
            format!(
                "{help}a rating is \"CC\" (very consistent), \"C\", \"N\" (neutral), \"I\", \"II\" (very inconsistent) or \"NA\" (not applicable)"
            ),
        );
        None
    }

    /// Reports each cycle of support once, at the first edge that closes it.
    pub(super) fn cycles(
        &mut self,
        raw: &RawMap,
        propositions: &[Proposition],
        relations: &[Relation],
    ) {
        for path in support_cycles(propositions.len(), relations) {
            let keys: Vec<&str> = path.iter().map(|&i| propositions[i].key.as_str()).collect();
            let message = format!("support cycle: {}", keys.join(" → "));
            let key = keys[keys.len() - 2];
            let target = keys[keys.len() - 1];
            let span = supports_span(raw, key, target);
            let position = span.map(|s| Position::of_byte(self.text, s));
            self.diagnostics.push(
                Diagnostic::error(self.path, position, message)
                    .with_help(format!("an argument cannot rest on itself: remove one support of the cycle, e.g. `{target}` from `{key}`'s supports")),
            );
        }
    }
}

/// The byte offset of `target` in the supports lists of `key`.
fn supports_span(raw: &RawMap, key: &str, target: &str) -> Option<usize> {
    raw.claims
        .iter()
        .chain(raw.evidence.iter())
        .filter(|(k, _)| k.get_ref() == key)
        .flat_map(|(_, p)| {
            p.get_ref()
                .supports
                .iter()
                .chain(p.get_ref().supports_strongly.iter())
        })
        .find(|t| t.get_ref() == target)
        .map(|t| t.span().start)
}
