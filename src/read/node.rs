//! The one node model of the read side: the kinds of node and edge, the epistemic status, and the identity (key, IRI, kind, text) that every view names a node by.
//!
//! The queries give these as words (`"hypothesis"`, `"said-by"`,
//! `"reported"`); they are parsed once, here, into enums, and written back
//! as the same words, so that every output keeps its bytes.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::map::model;

/// What a node of a brief is.
///
/// The order is the order of a brief's node list: questions first, then
/// hypotheses, claims, evidence, sources, actors and events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Question,
    Hypothesis,
    Claim,
    Evidence,
    Source,
    Actor,
    Event,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 7] = [
        Kind::Question,
        Kind::Hypothesis,
        Kind::Claim,
        Kind::Evidence,
        Kind::Source,
        Kind::Actor,
        Kind::Event,
    ];

    /// The word the queries and every output use.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Hypothesis => "hypothesis",
            Kind::Claim => "claim",
            Kind::Evidence => "evidence",
            Kind::Source => "source",
            Kind::Actor => "actor",
            Kind::Event => "event",
        }
    }

    /// The kind a query's word names.
    pub fn parse(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == word)
    }

    /// Whether it is a hypothesis, claim or item of evidence: what supports,
    /// opposes and quotes.
    pub fn is_proposition(self) -> bool {
        matches!(self, Kind::Hypothesis | Kind::Claim | Kind::Evidence)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The epistemic status of a proposition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// One of the three statuses the ontology defines.
    Defined(model::Status),
    /// A status the ontology does not define (data loaded from elsewhere),
    /// as the query gave it: its IRI, or `graph-nodes`'s local name of it.
    Other(String),
}

impl Status {
    /// The status a query gave: `trace-nodes`'s word (`reported`,
    /// `observed`, `inference`) or the ontology's local name that
    /// `graph-nodes` gives (`Reported`, `Observed`, `AuthorInference`);
    /// anything else is [`Status::Other`].
    pub fn parse(text: &str) -> Status {
        match text {
            "reported" | "Reported" => Status::Defined(model::Status::Reported),
            "observed" | "Observed" => Status::Defined(model::Status::Observed),
            "inference" | "AuthorInference" => Status::Defined(model::Status::Inference),
            other => Status::Other(other.to_string()),
        }
    }

    /// The word maps, traces and Argdown write: `reported`, `observed`,
    /// `inference`, or the lower-cased local name of another status.
    pub fn word(&self) -> String {
        match self {
            Status::Defined(s) => s.as_str().to_string(),
            Status::Other(iri) => local_name(iri).to_lowercase(),
        }
    }

    /// The ontology's local name, as drawings and GraphML write it:
    /// `Reported`, `Observed`, `AuthorInference`, or another status's own.
    pub fn local_name(&self) -> &str {
        match self {
            Status::Defined(model::Status::Reported) => "Reported",
            Status::Defined(model::Status::Observed) => "Observed",
            Status::Defined(model::Status::Inference) => "AuthorInference",
            Status::Other(iri) => local_name(iri),
        }
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.word())
    }
}

/// What follows the last `#` or `/` of an IRI.
fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// What an edge of a brief's graph says, as `graph-edges` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// One proposition supports another (`trace-edges` says `support`).
    Supports,
    /// One proposition opposes another (`trace-edges` says `attack`).
    Opposes,
    Undercuts,
    Contradicts,
    Contrary,
    Entails,
    Rephrases,
    PreferredTo,
    Answers,
    Source,
    SaidBy,
    Mentions,
    Describes,
    Participant,
    By,
    Publisher,
    MemberOf,
}

impl EdgeKind {
    const ALL: [EdgeKind; 17] = [
        EdgeKind::Supports,
        EdgeKind::Opposes,
        EdgeKind::Undercuts,
        EdgeKind::Contradicts,
        EdgeKind::Contrary,
        EdgeKind::Entails,
        EdgeKind::Rephrases,
        EdgeKind::PreferredTo,
        EdgeKind::Answers,
        EdgeKind::Source,
        EdgeKind::SaidBy,
        EdgeKind::Mentions,
        EdgeKind::Describes,
        EdgeKind::Participant,
        EdgeKind::By,
        EdgeKind::Publisher,
        EdgeKind::MemberOf,
    ];

    /// The word `graph-edges` and every output use.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Supports => "supports",
            EdgeKind::Opposes => "opposes",
            EdgeKind::Undercuts => "undercuts",
            EdgeKind::Contradicts => "contradicts",
            EdgeKind::Contrary => "contrary",
            EdgeKind::Entails => "entails",
            EdgeKind::Rephrases => "rephrases",
            EdgeKind::PreferredTo => "preferred-to",
            EdgeKind::Answers => "answers",
            EdgeKind::Source => "source",
            EdgeKind::SaidBy => "said-by",
            EdgeKind::Mentions => "mentions",
            EdgeKind::Describes => "describes",
            EdgeKind::Participant => "participant",
            EdgeKind::By => "by",
            EdgeKind::Publisher => "publisher",
            EdgeKind::MemberOf => "member-of",
        }
    }

    /// The kind `graph-edges`'s word names.
    pub fn parse(word: &str) -> Option<EdgeKind> {
        EdgeKind::ALL.into_iter().find(|k| k.as_str() == word)
    }

    /// The kind `trace-edges`'s relation names: `support` or `attack`.
    pub fn from_relation(word: &str) -> Option<EdgeKind> {
        match word {
            "support" => Some(EdgeKind::Supports),
            "attack" => Some(EdgeKind::Opposes),
            _ => None,
        }
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What every view names a node by: its key, IRI, kind and text (the
/// analyst's text, or the label of a source, actor or event).
///
/// The views that show more (a trace's tree, a drawing's label, a matrix
/// row) carry one of these and add their own fields. Serialised, it is the
/// fields `key`, `iri`, `kind` and `text` of the view that carries it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub key: String,
    pub iri: String,
    pub kind: Kind,
    pub text: String,
}

/// A quote anchored in the brief's text: its words, and where they are in
/// characters (Unicode scalar values, as `oa:start` and `oa:end` count
/// them; the end exclusive).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub start: u64,
    pub end: u64,
}

/// Serialises a [`Node`] without its kind, for a view whose place already
/// says it (a matrix's rows are evidence, its columns hypotheses), so that
/// its JSON keeps the fields it has always had.
pub fn without_kind<S: Serializer>(node: &Node, serializer: S) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Node", 3)?;
    s.serialize_field("key", &node.key)?;
    s.serialize_field("iri", &node.iri)?;
    s.serialize_field("text", &node.text)?;
    s.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_back_to_what_they_name() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        for k in EdgeKind::ALL {
            assert_eq!(EdgeKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("Hypothesis"), None);
        assert_eq!(EdgeKind::from_relation("attack"), Some(EdgeKind::Opposes));
    }

    #[test]
    fn statuses_read_both_spellings_and_keep_other_ones() {
        assert_eq!(Status::parse("AuthorInference"), Status::parse("inference"));
        assert_eq!(Status::parse("inference").local_name(), "AuthorInference");
        let other = Status::parse("https://example.org/ns#Rumour");
        assert_eq!(other.word(), "rumour");
        assert_eq!(other.local_name(), "Rumour");
        assert_eq!(Status::parse("Rumour").local_name(), "Rumour");
    }
}
