//! Questions and propositions: hypotheses answering the questions, claims and evidence, with their status, hedges and mentions.

use super::Checker;
use super::ids::Ids;
use super::quotes::Anchoring;
use crate::map::diagnostic::nearest;
use crate::map::hedge::{HedgeEntry, builtin_table, lookup};
use crate::map::model::{
    Confidence, Hedge, Mention, Proposition, PropositionKind, Question, Rating, Relation, Status,
};
use crate::map::parse::{RawHypothesis, RawMap, RawProposition, Str};

/// The hedge tables a map's hedges are looked up in: the map's own
/// `[hedges]` first, then the built-in one.
pub(super) struct Hedges {
    map: Vec<HedgeEntry>,
    builtin: Vec<HedgeEntry>,
}

/// The propositions of a map and what links them, built together because
/// relations and ratings name propositions by their index.
#[derive(Default)]
pub(super) struct Nodes {
    pub propositions: Vec<Proposition>,
    pub relations: Vec<Relation>,
    pub ratings: Vec<Rating>,
}

/// What checking a proposition needs besides the proposition itself.
struct Context<'c, 't> {
    ids: &'c Ids,
    anchoring: &'c Anchoring<'t>,
    hedges: &'c Hedges,
}

impl Checker<'_> {
    /// `[question.<id>]`: what the hypotheses answer.
    pub(super) fn questions(&mut self, raw: &RawMap, anchoring: &Anchoring) -> Vec<Question> {
        raw.questions
            .iter()
            .map(|(key, q)| {
                let what = format!("[question.{}]", key.get_ref());
                let q = q.get_ref();
                let exclusive = match &q.exclusive {
                    Some(e) => *e.get_ref(),
                    None => {
                        self.error(
                            key,
                            format!("{what} has no `exclusive`"),
                            "add `exclusive = true` when its hypotheses exclude each other, `exclusive = false` when they are complementary",
                        );
                        false
                    }
                };
                Question {
                    key: key.get_ref().clone(),
                    text: self.required(&q.text, "text", key, &what),
                    quote: self.quote(&q.quote, &q.occurrence, anchoring),
                    exclusive,
                    note: q.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    /// Every proposition, hypotheses first, then claims, then evidence (the
    /// order of the indices that relations and ratings use), with the
    /// relations and ratings each claim and item of evidence states.
    pub(super) fn propositions(
        &mut self,
        raw: &RawMap,
        ids: &Ids,
        anchoring: &Anchoring,
        hedges: &Hedges,
    ) -> Nodes {
        let context = Context {
            ids,
            anchoring,
            hedges,
        };
        let mut nodes = Nodes::default();
        for (key, h) in &raw.hypotheses {
            let hypothesis = self.hypothesis(key, h.get_ref(), &context);
            nodes.propositions.push(hypothesis);
        }
        let kinds = [
            (PropositionKind::Claim, &raw.claims),
            (PropositionKind::Evidence, &raw.evidence),
        ];
        for (kind, props) in kinds {
            for (key, p) in props {
                let from = nodes.propositions.len();
                let proposition = self.proposition(kind, key, p.get_ref(), &context);
                nodes.propositions.push(proposition);
                self.relations(from, key, p.get_ref(), ids, &mut nodes.relations);
                self.ratings(kind, from, key, p.get_ref(), raw, ids, &mut nodes.ratings);
            }
        }
        nodes
    }

    /// `[hypothesis.<id>]`: an answer to a question, with the analyst's confidence.
    fn hypothesis(&mut self, key: &Str, h: &RawHypothesis, context: &Context) -> Proposition {
        let what = format!("[hypothesis.{}]", key.get_ref());
        let text = self.required(&h.text, "text", key, &what);
        let question = match &h.answers {
            None => {
                self.error(
                    key,
                    format!("hypothesis `{}` answers no question", key.get_ref()),
                    "add `answers = \"<question id>\"`",
                );
                None
            }
            Some(q) => self.resolve(q, &context.ids.questions, "answers", "question"),
        };
        let confidence = h
            .confidence
            .as_ref()
            .and_then(|c| match c.get_ref().as_str() {
                "low" => Some(Confidence::Low),
                "moderate" => Some(Confidence::Moderate),
                "high" => Some(Confidence::High),
                other => {
                    self.error(
                        c,
                        format!("unknown confidence `{other}`"),
                        "write \"low\", \"moderate\" or \"high\" (ICD 203)",
                    );
                    None
                }
            });
        Proposition {
            kind: PropositionKind::Hypothesis {
                question: question.unwrap_or(0),
                confidence,
            },
            key: key.get_ref().clone(),
            text,
            quote: self.quote(&h.quote, &h.occurrence, context.anchoring),
            status: Status::Inference,
            hedge: self.hedge(&h.hedge, context.hedges),
            said_by: None,
            source: None,
            date: None,
            mentions: Vec::new(),
            event: None,
            note: h.note.as_ref().map(|n| n.get_ref().clone()),
        }
    }

    /// `[claim.<id>]` or `[evidence.<id>]`: what the brief states, who said
    /// it and where, and what it mentions.
    fn proposition(
        &mut self,
        kind: PropositionKind,
        key: &Str,
        p: &RawProposition,
        context: &Context,
    ) -> Proposition {
        let ids = context.ids;
        let what = format!("[{}.{}]", kind.as_str(), key.get_ref());
        let status = self.status(&p.status, key, &what);
        if status == Status::Reported && p.said_by.is_none() && p.source.is_none() {
            self.error(
                key,
                format!("{what} is reported, but says neither who said it nor where"),
                "add `said-by = \"<actor id>\"`, `source = \"<source id>\"`, or both",
            );
        }
        let mentions = p
            .mentions
            .iter()
            .filter_map(|m| self.mention(m, ids))
            .collect();
        Proposition {
            kind,
            key: key.get_ref().clone(),
            text: self.required(&p.text, "text", key, &what),
            quote: self.quote(&p.quote, &p.occurrence, context.anchoring),
            status,
            hedge: self.hedge(&p.hedge, context.hedges),
            said_by: p
                .said_by
                .as_ref()
                .and_then(|s| self.resolve(s, &ids.actors, "said-by", "actor")),
            source: p
                .source
                .as_ref()
                .and_then(|s| self.resolve(s, &ids.sources, "source", "source")),
            date: p
                .date
                .as_ref()
                .and_then(|d| self.dated(d, p.date_inferred.as_ref())),
            mentions,
            event: p
                .event
                .as_ref()
                .and_then(|e| self.resolve(e, &ids.events, "event", "event")),
            note: p.note.as_ref().map(|n| n.get_ref().clone()),
        }
    }

    /// A proposition's `status`, which it must have.
    fn status(&mut self, status: &Option<Str>, key: &Str, what: &str) -> Status {
        let Some(s) = status else {
            self.error(
                key,
                format!("{what} has no `status`"),
                "add `status = ` \"reported\", \"observed\" or \"inference\"",
            );
            return Status::Inference;
        };
        match s.get_ref().as_str() {
            "reported" => Status::Reported,
            "observed" => Status::Observed,
            "inference" => Status::Inference,
            other => {
                let help = match nearest(other, &["reported", "observed", "inference"]) {
                    Some(near) => format!(
                        "did you mean `{near}`? status is \"reported\", \"observed\" or \"inference\""
                    ),
                    None => "status is \"reported\", \"observed\" or \"inference\"".to_string(),
                };
                self.error(s, format!("unknown status `{other}`"), help);
                Status::Inference
            }
        }
    }

    /// What one of `mentions` names: an actor, else an event.
    fn mention(&mut self, m: &Str, ids: &Ids) -> Option<Mention> {
        if let Some(&i) = ids.actors.get(m.get_ref()) {
            return Some(Mention::Actor(i));
        }
        if let Some(&i) = ids.events.get(m.get_ref()) {
            return Some(Mention::Event(i));
        }
        let mut known: Vec<&str> = ids.actors.keys().map(String::as_str).collect();
        known.extend(ids.events.keys().map(String::as_str));
        let help = match nearest(m.get_ref(), &known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("define `[actor.{0}]` or `[event.{0}]`", m.get_ref()),
        };
        self.error(
            m,
            format!(
                "`mentions` names `{}`, but there is no actor or event of that id",
                m.get_ref()
            ),
            help,
        );
        None
    }

    /// The map's `[hedges]` table, each band checked, beside the built-in table.
    pub(super) fn hedges(&mut self, raw: &RawMap) -> Hedges {
        let map = raw
            .hedges
            .iter()
            .filter_map(|(term, h)| {
                let h = h.get_ref();
                let band = match (&h.low, &h.high) {
                    (None, None) => None,
                    (Some(low), Some(high)) => {
                        let (l, hi) = (*low.get_ref(), *high.get_ref());
                        if !(0..=100).contains(&l) || !(0..=100).contains(&hi) || l > hi {
                            self.error(
                                low,
                                format!(
                                    "the band {l}–{hi} of hedge `{}` is not a range of percentages",
                                    term.get_ref()
                                ),
                                "write 0 ≤ low ≤ high ≤ 100",
                            );
                            return None;
                        }
                        Some((l as u8, hi as u8))
                    }
                    _ => {
                        self.error(
                            term,
                            format!("hedge `{}` has only one end of its band", term.get_ref()),
                            "give both `low` and `high`, or neither for a word that states no likelihood",
                        );
                        return None;
                    }
                };
                Some(HedgeEntry {
                    term: term.get_ref().to_lowercase(),
                    band,
                    scale: h
                        .scale
                        .as_ref()
                        .map_or("map".to_string(), |s| s.get_ref().clone()),
                })
            })
            .collect();
        Hedges {
            map,
            builtin: builtin_table(),
        }
    }

    /// A proposition's hedge, found in the tables; an error when no term of
    /// them occurs in it.
    fn hedge(&mut self, hedge: &Option<Str>, tables: &Hedges) -> Option<Hedge> {
        let hedge = hedge.as_ref()?;
        match lookup(hedge.get_ref(), &tables.map, &tables.builtin) {
            Some(entry) => Some(Hedge {
                text: hedge.get_ref().clone(),
                entry: entry.clone(),
            }),
            None => {
                self.error(
                    hedge,
                    format!(
                        "unknown hedge `{}`: no term of the hedge table occurs in it",
                        hedge.get_ref()
                    ),
                    format!(
                        "use a term of ICD 203 or may/might/could/can, or define it in the map: [hedges.\"{}\"] with `low` and `high` (or neither, for a word that states no likelihood)",
                        hedge.get_ref()
                    ),
                );
                None
            }
        }
    }
}
