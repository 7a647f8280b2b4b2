//! The validated map: what `check` produces and `compile` consumes.
//!
//! Unlike the raw map, the model holds no spans and no serde, and every
//! reference is an index that [`crate::map::check`] has resolved, so it cannot
//! dangle.

use crate::map::anchor::Anchor;
use crate::map::date::{Date, Day};
use crate::map::hedge::HedgeEntry;

/// One brief and its map, checked.
#[derive(Debug, Clone)]
pub struct Map {
    /// The brief's id: its folder's name unless the map gives one.
    pub id: String,
    /// Title, authorship and the other metadata.
    pub meta: BriefMeta,
    /// The brief's exact text.
    pub text: String,
    /// Its questions.
    pub questions: Vec<Question>,
    /// Hypotheses, claims and evidence, in map order by kind.
    pub propositions: Vec<Proposition>,
    /// Supports and oppositions between propositions.
    pub relations: Vec<Relation>,
    /// Sources (shared across briefs).
    pub sources: Vec<Source>,
    /// Actors (shared across briefs).
    pub actors: Vec<Actor>,
    /// Dated events (shared across briefs).
    pub events: Vec<Event>,
    /// Passages deliberately left out.
    pub unmapped: Vec<Unmapped>,
    /// The analyst's own ratings of evidence against hypotheses.
    pub ratings: Vec<Rating>,
    /// What the judgements take for granted (a key assumptions check).
    pub assumptions: Vec<Assumption>,
    /// Signs that would confirm or refute a hypothesis, each a SPARQL ASK.
    pub indicators: Vec<Indicator>,
    /// What an imported map carries beyond argmap's own terms: AIF scheme
    /// nodes and the dialogue layer. Empty for a map written in TOML.
    pub interchange: Interchange,
}

/// The `[brief]` table.
#[derive(Debug, Clone)]
pub struct BriefMeta {
    pub title: String,
    /// Indices into [`Map::actors`].
    pub authors: Vec<usize>,
    pub publisher: Option<usize>,
    pub series: Option<String>,
    pub number: Option<String>,
    pub date: Option<Dated>,
    pub language: String,
    pub rights: String,
    pub furniture: Vec<String>,
    pub mapped_by: String,
    /// When the map was made; an import may not know.
    pub mapped_on: Option<Day>,
    /// The SHA-256 digest (lower-case hex) of the text this brief's text
    /// revises, when the map was re-anchored from an earlier text.
    pub revises: Option<String>,
}

/// A date and whether the analyst inferred it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: Date,
    /// True when the brief does not write the date.
    pub inferred: bool,
}

/// A verbatim quote and where it sits in the text.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The quote as the map writes it.
    pub text: String,
    /// Where it was found.
    pub anchor: Anchor,
}

/// A question the brief poses.
#[derive(Debug, Clone)]
pub struct Question {
    pub key: String,
    pub text: String,
    pub quote: Option<Quote>,
    /// Whether its hypotheses exclude each other.
    pub exclusive: bool,
    pub note: Option<String>,
}

/// What kind of proposition, with what only that kind has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropositionKind {
    /// Answers [`Map::questions`]`[question]`.
    Hypothesis {
        question: usize,
        confidence: Option<Confidence>,
    },
    /// An intermediate proposition.
    Claim,
    /// An item the argument rests on.
    Evidence,
}

impl PropositionKind {
    /// The word used in ids, IRIs and messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            PropositionKind::Hypothesis { .. } => "hypothesis",
            PropositionKind::Claim => "claim",
            PropositionKind::Evidence => "evidence",
        }
    }
}

/// ICD 203's confidence levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    /// The word as written in maps and output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Moderate => "moderate",
            Confidence::High => "high",
        }
    }
}

/// Epistemic status: reported, observed, or the author's inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Reported,
    Observed,
    Inference,
}

impl Status {
    /// The word as written in maps and output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Observed => "observed",
            Status::Inference => "inference",
        }
    }
}

/// A hedge as written and its table entry.
#[derive(Debug, Clone)]
pub struct Hedge {
    pub text: String,
    pub entry: HedgeEntry,
}

/// A hypothesis, claim or item of evidence.
#[derive(Debug, Clone)]
pub struct Proposition {
    pub kind: PropositionKind,
    pub key: String,
    pub text: String,
    pub quote: Option<Quote>,
    pub status: Status,
    pub hedge: Option<Hedge>,
    pub said_by: Option<usize>,
    pub source: Option<usize>,
    pub date: Option<Dated>,
    pub mentions: Vec<Mention>,
    pub event: Option<usize>,
    pub note: Option<String>,
}

/// Something a proposition names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mention {
    Actor(usize),
    Event(usize),
}

/// Support or opposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RelationKind {
    Support,
    Attack,
}

impl RelationKind {
    /// The word used in IRIs and output.
    pub fn as_str(&self) -> &'static str {
        match self {
            RelationKind::Support => "support",
            RelationKind::Attack => "attack",
        }
    }
}

/// `from` supports or opposes `to` (indices into [`Map::propositions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub from: usize,
    pub to: usize,
    pub kind: RelationKind,
    pub strong: bool,
    /// Whether the analyst drew it (`analyst-links`): the brief itself draws
    /// no line between the two.
    pub analyst: bool,
}

/// A cell of a competing-hypotheses matrix: how an item of evidence bears on a hypothesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Consistency {
    /// Very consistent.
    CC,
    /// Consistent.
    C,
    /// Neutral: neither consistent nor inconsistent.
    N,
    /// Inconsistent.
    I,
    /// Very inconsistent.
    II,
    /// Not applicable.
    NA,
}

impl Consistency {
    /// Every rating, in the order of the scale.
    pub const ALL: [Consistency; 6] = [
        Consistency::CC,
        Consistency::C,
        Consistency::N,
        Consistency::I,
        Consistency::II,
        Consistency::NA,
    ];

    /// The rating as written in maps and output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Consistency::CC => "CC",
            Consistency::C => "C",
            Consistency::N => "N",
            Consistency::I => "I",
            Consistency::II => "II",
            Consistency::NA => "NA",
        }
    }

    /// Reads a rating as written.
    pub fn parse(text: &str) -> Option<Consistency> {
        Consistency::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The analyst's rating of `evidence` against `hypothesis` (indices into [`Map::propositions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub evidence: usize,
    pub hypothesis: usize,
    pub value: Consistency,
}

/// The kinds of source.
pub const SOURCE_KINDS: &[&str] = &[
    "report",
    "interview",
    "statement",
    "speech",
    "media",
    "briefing",
    "document",
];
/// The kinds of actor.
pub const ACTOR_KINDS: &[&str] = &["person", "organisation", "state", "place"];

/// A source: a report, interview, statement and so on.
#[derive(Debug, Clone)]
pub struct Source {
    pub key: String,
    pub iri: Option<String>,
    /// One of [`SOURCE_KINDS`].
    pub kind: &'static str,
    pub title: String,
    pub by: Option<usize>,
    pub publisher: Option<usize>,
    pub date: Option<Dated>,
    /// Admiralty reliability, `A`–`F`.
    pub reliability: Option<char>,
    /// Admiralty credibility, 1–6.
    pub credibility: Option<u8>,
    pub links: Vec<String>,
    /// Where this source got its information (`derived-from`).
    pub derived_from: Vec<Origin>,
    pub note: Option<String>,
    /// Where the map defines it, for a conflict with another map's description.
    pub at: Option<crate::map::diagnostic::Position>,
}

/// What a source is derived from: another source, or an actor (a news
/// agency, a speaker) at its root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// An index into [`Map::sources`].
    Source(usize),
    /// An index into [`Map::actors`].
    Actor(usize),
}

/// How far the analyst trusts an assumption, in the words of the key
/// assumptions check: basically solid, correct with caveats, or
/// unsupported (questionable).
pub const ASSUMPTION_CONFIDENCES: &[&str] = &["solid", "caveated", "unsupported"];

/// `[assumption.<id>]`: what a judgement takes for granted.
#[derive(Debug, Clone)]
pub struct Assumption {
    pub key: String,
    pub text: String,
    pub quote: Option<Quote>,
    /// Indices into [`Map::propositions`]: what rests on the assumption.
    pub supports: Vec<usize>,
    /// One of [`ASSUMPTION_CONFIDENCES`].
    pub confidence: &'static str,
    /// Indices into [`Map::indicators`]: what would show it wrong.
    pub invalidated_by: Vec<usize>,
    pub note: Option<String>,
}

/// Whether an indicator, once observed, confirms or refutes its hypothesis.
pub const INDICATOR_DIRECTIONS: &[&str] = &["confirms", "refutes"];

/// `[indicator.<id>]`: a sign that bears on a hypothesis.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: String,
    /// An index into [`Map::propositions`], a hypothesis.
    pub hypothesis: usize,
    /// One of [`INDICATOR_DIRECTIONS`].
    pub direction: &'static str,
    /// When the sign should have shown if the hypothesis holds, as written
    /// (EDTF).
    pub expected_by: Option<Date>,
    /// The SPARQL ASK that tells whether the sign is in the store.
    pub ask: String,
    pub text: Option<String>,
    pub note: Option<String>,
    /// Where the map writes the ASK.
    pub at: Option<crate::map::diagnostic::Position>,
}

/// A person, organisation or state.
#[derive(Debug, Clone)]
pub struct Actor {
    pub key: String,
    pub iri: Option<String>,
    /// One of [`ACTOR_KINDS`].
    pub kind: &'static str,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub member_of: Option<usize>,
    pub links: Vec<String>,
    pub note: Option<String>,
    /// Where the map defines it, for a conflict with another map's description.
    pub at: Option<crate::map::diagnostic::Position>,
}

/// A dated event.
#[derive(Debug, Clone)]
pub struct Event {
    pub key: String,
    pub iri: Option<String>,
    pub text: String,
    pub date: Dated,
    pub actors: Vec<usize>,
    pub quote: Option<Quote>,
    pub links: Vec<String>,
    pub note: Option<String>,
}

/// A passage left out of the map on purpose.
#[derive(Debug, Clone)]
pub struct Unmapped {
    pub quote: Quote,
    pub reason: String,
}

impl Map {
    /// The index of the proposition with this key, if any.
    pub fn proposition(&self, key: &str) -> Option<usize> {
        self.propositions.iter().position(|p| p.key == key)
    }

    /// Every quote of the map with the kind and key of its owner.
    pub fn quotes(&self) -> impl Iterator<Item = (&'static str, &str, &Quote)> {
        let questions = self
            .questions
            .iter()
            .filter_map(|q| Some(("question", q.key.as_str(), q.quote.as_ref()?)));
        let propositions = self
            .propositions
            .iter()
            .filter_map(|p| Some((p.kind.as_str(), p.key.as_str(), p.quote.as_ref()?)));
        let events = self
            .events
            .iter()
            .filter_map(|e| Some(("event", e.key.as_str(), e.quote.as_ref()?)));
        let unmapped = self.unmapped.iter().map(|u| ("unmapped", "", &u.quote));
        questions.chain(propositions).chain(events).chain(unmapped)
    }
}

/// The parts of an AIF or Argdown map that argmap's own map format has no
/// place for, kept so that an import can be exported again without loss.
#[derive(Debug, Clone, Default)]
pub struct Interchange {
    /// AIF's original id of each proposition (same order as
    /// [`Map::propositions`]), when the map was imported.
    pub proposition_ids: Vec<String>,
    /// Scheme applications: inference (RA), conflict (CA), rephrase (MA)
    /// and preference (PA) nodes.
    pub schemes: Vec<SchemeNode>,
    /// Locutions, transitions and illocutions (AIF's L, TA and YA nodes).
    pub dialogue: Vec<DialogueNode>,
    /// Edges that touch the dialogue layer, as AIF draws them.
    pub dialogue_edges: Vec<(Endpoint, Endpoint)>,
    /// Propositions that are Argdown arguments rather than statements.
    pub arguments: Vec<usize>,
    /// Relations argmap's own map has no word for, between propositions:
    /// (from, to, kind) with kind `undercuts`, `contradicts`, `contraryTo`
    /// or `entails` (the local name of the `arg:` property).
    pub other_relations: Vec<(usize, usize, &'static str)>,
    /// Plain facts about a proposition: (proposition, `arg:` property,
    /// value), such as `tag`, `section`, `inferenceRule` and an unanchored
    /// `quote`.
    pub annotations: Vec<(usize, &'static str, String)>,
    /// Plain facts about an AIF node that the model has no field for:
    /// (node, `arg:` property, value), such as a proposition's or scheme
    /// node's `timestamp` and a scheme node's `schemeID`.
    pub node_facts: Vec<(Endpoint, &'static str, String)>,
    /// Every edge of an AIF file, in the file's order, with its id. The
    /// premises, conclusions and dialogue edges above are the same edges
    /// read for their meaning; these give the file back as it was.
    pub edges: Vec<AifEdge>,
    /// Every locution record of an AIF file, in the file's order.
    pub locutions: Vec<Locution>,
    /// Every participant record of an xAIF file (`participants`), as the
    /// file writes it (JSON text).
    pub participants: Vec<String>,
    /// Plain facts about the brief itself: (`arg:` property, value), such
    /// as the `frontmatter` of an Argdown file as written.
    pub brief_annotations: Vec<(&'static str, String)>,
    /// Sections (Argdown's headings), in document order.
    pub sections: Vec<SectionNode>,
    /// The section of each proposition that has one: (proposition, index
    /// into [`Interchange::sections`]).
    pub proposition_sections: Vec<(usize, usize)>,
    /// Premise-conclusion structures (Argdown's PCS), in document order.
    pub structures: Vec<Structure>,
}

/// A section of an imported document (an Argdown heading).
#[derive(Debug, Clone)]
pub struct SectionNode {
    pub title: String,
    /// Its depth as the document writes it (the number of `#`s).
    pub level: usize,
    /// The enclosing section, an index into [`Interchange::sections`].
    pub parent: Option<usize>,
}

/// A premise-conclusion structure: the argument it reconstructs and its
/// numbered statements.
#[derive(Debug, Clone)]
pub struct Structure {
    /// The argument, an index into [`Map::propositions`].
    pub argument: usize,
    /// Its statements in the order the structure numbers them.
    pub items: Vec<StructureItem>,
}

/// One numbered statement of a premise-conclusion structure.
#[derive(Debug, Clone)]
pub struct StructureItem {
    /// Index into [`Map::propositions`].
    pub statement: usize,
    /// `premise`, `intermediary-conclusion` or `main-conclusion`, as
    /// Argdown names the roles.
    pub role: &'static str,
    /// For a conclusion: the inference rule of the step it ends, as written.
    pub rule: Option<String>,
    /// For a conclusion: the data block of that step, as written.
    pub data: Option<String>,
}

/// One edge of an AIF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AifEdge {
    /// The `edgeID` as the file writes it, if it has one.
    pub id: Option<String>,
    pub from: Endpoint,
    pub to: Endpoint,
}

/// One record of an AIF file's `locutions`: who said an L-node, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locution {
    /// Index into [`Interchange::dialogue`]: the L-node said.
    pub node: usize,
    /// The speaker's name (from the participants) or id, if the record has one.
    pub speaker: Option<String>,
    /// The record as the file writes it (JSON text), so that its
    /// timestamp, start, end and source come back as they were.
    pub record: String,
}

/// One end of an AIF edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Endpoint {
    /// Index into [`Map::propositions`].
    Proposition(usize),
    /// Index into [`Interchange::schemes`].
    Scheme(usize),
    /// Index into [`Interchange::dialogue`].
    Dialogue(usize),
}

/// The four kinds of AIF scheme node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// RA: premises support the conclusion.
    Inference,
    /// CA: the premise conflicts with the conclusion (an undercut when the
    /// conclusion is an inference).
    Conflict,
    /// MA: the premise rephrases the conclusion.
    Rephrase,
    /// PA: the premise is preferred to the conclusion.
    Preference,
}

impl SchemeKind {
    /// AIF's node type.
    pub fn aif_type(&self) -> &'static str {
        match self {
            SchemeKind::Inference => "RA",
            SchemeKind::Conflict => "CA",
            SchemeKind::Rephrase => "MA",
            SchemeKind::Preference => "PA",
        }
    }

    /// The kind of AIF node type `t`, if it is a scheme node.
    pub fn from_aif(t: &str) -> Option<SchemeKind> {
        match t {
            "RA" => Some(SchemeKind::Inference),
            "CA" => Some(SchemeKind::Conflict),
            "MA" => Some(SchemeKind::Rephrase),
            "PA" => Some(SchemeKind::Preference),
            _ => None,
        }
    }
}

/// An AIF scheme node: an RA, CA, MA or PA.
#[derive(Debug, Clone)]
pub struct SchemeNode {
    pub key: String,
    /// The node's id in the file it came from.
    pub original_id: String,
    pub kind: SchemeKind,
    /// The node's text (often just "RA" or the scheme's name).
    pub text: String,
    /// The named scheme, such as `ExpertOpinion`, if the file gives one.
    pub scheme: Option<String>,
    pub premises: Vec<Endpoint>,
    pub conclusions: Vec<Endpoint>,
}

/// The kinds of dialogue node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogueKind {
    /// L: something said, by someone, at some time.
    Locution,
    /// TA: a transition between locutions.
    Transition,
    /// YA: an illocutionary connection (asserting, questioning,
    /// hypothesising…) from the dialogue to what it puts forward.
    Illocution,
}

impl DialogueKind {
    /// AIF's node type.
    pub fn aif_type(&self) -> &'static str {
        match self {
            DialogueKind::Locution => "L",
            DialogueKind::Transition => "TA",
            DialogueKind::Illocution => "YA",
        }
    }

    /// The kind of AIF node type `t`, if it is a dialogue node.
    pub fn from_aif(t: &str) -> Option<DialogueKind> {
        match t {
            "L" => Some(DialogueKind::Locution),
            "TA" => Some(DialogueKind::Transition),
            "YA" => Some(DialogueKind::Illocution),
            _ => None,
        }
    }
}

/// An L, TA or YA node, with its locution record if the file has one.
#[derive(Debug, Clone)]
pub struct DialogueNode {
    pub key: String,
    pub original_id: String,
    pub kind: DialogueKind,
    pub text: String,
    /// The node's timestamp as the file writes it.
    pub timestamp: Option<String>,
    /// Who spoke (from the file's `locutions`).
    pub speaker: Option<String>,
}

/// Every cycle of support among `count` propositions, each once, as the
/// path that closes it (its first proposition repeated at the end; a
/// proposition that supports itself is `[i, i]`). Found by an iterative
/// depth-first search, so a long chain cannot overflow the stack.
pub fn support_cycles(count: usize, relations: &[Relation]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); count];
    for r in relations.iter().filter(|r| r.kind == RelationKind::Support) {
        if r.from < count && r.to < count {
            out[r.from].push(r.to);
        }
    }
    let mut cycles = Vec::new();
    // Colours: 0 new, 1 on the path, 2 done.
    let mut colour = vec![0u8; count];
    for root in 0..count {
        if colour[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        colour[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&to) = out[node].get(*next) else {
                colour[node] = 2;
                stack.pop();
                continue;
            };
            *next += 1;
            match colour[to] {
                0 => {
                    colour[to] = 1;
                    stack.push((to, 0));
                }
                1 => {
                    let start = stack.iter().position(|(s, _)| *s == to).unwrap_or(0);
                    let mut path: Vec<usize> = stack[start..].iter().map(|(s, _)| *s).collect();
                    path.push(to);
                    cycles.push(path);
                }
                _ => {}
            }
        }
    }
    cycles
}
