//! Linking the store's entities to other knowledge bases: label normalisation, candidate scoring, decisions, and the links graph with its provenance.
//!
//! Reconciliation compares every entity of the store (actors, places,
//! sources, events) with the entities of another dataset on their labels.
//! Labels are folded (case, accents by NFKD, punctuation, hyphen and space
//! variants) so that "Ri Yong-ho", "Ri Yong Ho" and "Ri Yongho" meet, and
//! "António Guterres" meets "Antonio Guterres". Candidates are found by
//! blocking on folded tokens, never by comparing all pairs, so the time
//! grows with the number of entities, not with its square.
//!
//! Names that differ after folding are different until an analyst says
//! otherwise: a fuzzy match scores at most [`FUZZY_CEILING`], below the
//! default threshold, and is reported as a near miss ("Kim Jong-un" and
//! "Kim Jong-il" are one letter apart and two people). A short label (an
//! acronym) alone never links either, and two candidates close in score
//! are reported as ambiguous rather than guessed between.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use unicode_normalization::UnicodeNormalization;

use crate::Error;
use crate::sparql::Backend;
use crate::vocab::*;

/// The highest score a match that is not exact after folding can reach.
pub const FUZZY_CEILING: f64 = 0.85;
/// The default `--min-score`.
pub const DEFAULT_MIN_SCORE: f64 = 0.9;
/// Candidates scoring below this are not reported at all.
pub const REPORT_FLOOR: f64 = 0.6;
/// Two candidates for one entity closer than this are ambiguous.
pub const AMBIGUITY_MARGIN: f64 = 0.05;
/// A folded label shorter than this (an acronym) never links on its own.
const SHORT_LABEL: usize = 4;
/// A token shared by more targets than this is too common to block on.
const MAX_BLOCK: usize = 200;

/// What sort of thing an entity is, where its types say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Organisation,
    State,
    Place,
    Event,
    Source,
}

impl Kind {
    /// The kind a class IRI stands for, if argmap knows the class.
    pub fn of_class(class: &str) -> Option<Kind> {
        // argmap's own classes, schema.org, FOAF, the W3C organisation
        // ontology, and the Wikidata classes an `instance of` (wdt:P31)
        // commonly points to: human, country, sovereign state, organization.
        let local = class.rsplit(['#', '/']).next().unwrap_or(class);
        let wikidata = class.strip_prefix("http://www.wikidata.org/entity/");
        match wikidata {
            Some("Q5") => return Some(Kind::Person),
            Some("Q6256" | "Q3624078") => return Some(Kind::State),
            Some("Q43229") => return Some(Kind::Organisation),
            Some(_) => return None,
            None => {}
        }
        let known = class.starts_with(ARG)
            || class.starts_with(SCHEMA)
            || class.starts_with("http://schema.org/")
            || class.starts_with("http://xmlns.com/foaf/0.1/")
            || class.starts_with("http://www.w3.org/ns/org#")
            || class.starts_with("http://dbpedia.org/ontology/");
        if !known {
            return None;
        }
        Some(match local {
            "Person" => Kind::Person,
            "Organisation" | "Organization" | "FormalOrganization" | "GovernmentOrganization" => {
                Kind::Organisation
            }
            "State" | "Country" => Kind::State,
            "Place" | "City" | "AdministrativeArea" | "Location" => Kind::Place,
            "Event" => Kind::Event,
            "Source" | "CreativeWork" | "Document" | "Article" | "Report" => Kind::Source,
            _ => return None,
        })
    }

    /// The name shown in tables.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::State => "state",
            Kind::Place => "place",
            Kind::Event => "event",
            Kind::Source => "source",
        }
    }

    /// Whether an entity of kind `self` may be the same as one of `other`:
    /// the same kind, or a state and a place (a country is both).
    pub fn compatible(self, other: Kind) -> bool {
        self == other
            || matches!(
                (self, other),
                (Kind::State, Kind::Place) | (Kind::Place, Kind::State)
            )
    }
}

/// One label of an entity, and whether it is the preferred one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub text: String,
    pub preferred: bool,
}

/// An entity on either side: its IRI, what kinds it is, and its labels.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    pub iri: String,
    pub kinds: BTreeSet<Kind>,
    pub labels: Vec<Label>,
}

impl Entity {
    /// The label to show: the first preferred one, else the first.
    pub fn display(&self) -> &str {
        self.labels
            .iter()
            .find(|l| l.preferred)
            .or(self.labels.first())
            .map(|l| l.text.as_str())
            .unwrap_or("")
    }
}

/// The predicates whose values are labels; the first three are preferred.
pub const LABEL_PREDICATES: &[(&str, bool)] = &[
    ("http://www.w3.org/2000/01/rdf-schema#label", true),
    ("http://www.w3.org/2004/02/skos/core#prefLabel", true),
    ("https://schema.org/name", true),
    ("http://schema.org/name", true),
    ("http://www.w3.org/2004/02/skos/core#altLabel", false),
    ("https://schema.org/alternateName", false),
    ("http://schema.org/alternateName", false),
];

/// Predicates whose values are classes.
const TYPE_PREDICATES: &[&str] = &[
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.wikidata.org/prop/direct/P31",
];

/// The entities described by `quads` (any graph): every subject with a label.
pub fn entities_of(quads: &[Quad]) -> Vec<Entity> {
    let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
    for q in quads {
        let NamedOrBlankNode::NamedNode(subject) = &q.subject else {
            continue;
        };
        let predicate = q.predicate.as_str();
        if let Some((_, preferred)) = LABEL_PREDICATES.iter().find(|(p, _)| *p == predicate) {
            if let Term::Literal(l) = &q.object {
                let e = by_iri.entry(subject.as_str().to_string()).or_default();
                let label = Label {
                    text: l.value().to_string(),
                    preferred: *preferred,
                };
                if !e.labels.contains(&label) {
                    e.labels.push(label);
                }
            }
        } else if TYPE_PREDICATES.contains(&predicate) {
            if let Term::NamedNode(class) = &q.object {
                if let Some(kind) = Kind::of_class(class.as_str()) {
                    by_iri
                        .entry(subject.as_str().to_string())
                        .or_default()
                        .kinds
                        .insert(kind);
                }
            }
        }
    }
    by_iri
        .into_iter()
        .filter(|(_, e)| !e.labels.is_empty())
        .map(|(iri, mut e)| {
            e.iri = iri;
            e.labels.sort_by_key(|l| std::cmp::Reverse(l.preferred));
            e
        })
        .collect()
}

/// A label folded for comparison: its tokens (lower case, accents removed,
/// punctuation and hyphens as spaces) and those tokens run together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub tokens: Vec<String>,
    pub compact: String,
}

/// Folds `text`: NFKD, combining marks dropped, lower case, every character
/// that is not a letter or digit a token break. "Ri Yong-ho", "Ri Yong Ho"
/// and "Ri Yongho" share the compact form `riyongho`.
pub fn fold(text: &str) -> Folded {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        // Apostrophes join rather than split: "Children's" is one word.
        if matches!(c, '\'' | '’' | 'ʼ' | '‘') {
            continue;
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    let compact = tokens.concat();
    Folded { tokens, compact }
}

/// How far apart two strings are, as a similarity in [0, 1]: one minus the
/// Levenshtein distance over the longer length.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    1.0 - previous[b.len()] as f64 / longest as f64
}

/// How two labels matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The same after folding.
    Exact,
    /// The same tokens in another order ("Sung, Ki-Young" and "Ki-Young Sung").
    Tokens,
    /// Close but different.
    Fuzzy,
}

/// The score of two folded labels, and how they matched: `a` is the
/// store's label, `b` the other dataset's.
pub fn score_labels(
    a: &Folded,
    a_preferred: bool,
    b: &Folded,
    b_preferred: bool,
) -> (f64, MatchKind) {
    let (mut score, how) = if a.compact == b.compact {
        (1.0, MatchKind::Exact)
    } else if a.tokens.len() > 1 && {
        let mut x = a.tokens.clone();
        let mut y = b.tokens.clone();
        x.sort();
        y.sort();
        x == y
    } {
        (0.95, MatchKind::Tokens)
    } else {
        (
            FUZZY_CEILING * similarity(&a.compact, &b.compact),
            MatchKind::Fuzzy,
        )
    };
    if !(a_preferred && b_preferred) {
        score *= 0.93;
    }
    // An acronym links only as both sides' preferred name ("CNN"), never
    // through an alternative label ("UN", "US" name many things).
    let short = a.compact.chars().count() < SHORT_LABEL || b.compact.chars().count() < SHORT_LABEL;
    if short && !(a_preferred && b_preferred && how == MatchKind::Exact) {
        score = score.min(FUZZY_CEILING);
    }
    // A one-word alias in a map is how the brief refers to an actor
    // ("Guterres", "Pyongyang" for North Korea, "Beijing" for China), not a
    // name that identifies it: alone it never links.
    if !a_preferred && a.tokens.len() < 2 {
        score = score.min(FUZZY_CEILING);
    }
    (score, how)
}

/// What became of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    /// Linked.
    Linked,
    /// Above the threshold, but another candidate is as good (for this
    /// entity, or another entity claims the same target): not linked.
    Ambiguous,
    /// Above the threshold, but a clearly better candidate was linked.
    Outranked,
    /// Below the threshold: reported, not linked.
    NearMiss,
    /// The labels match but the types cannot: a person is not an organisation.
    TypeMismatch,
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Decision::Linked => "linked",
            Decision::Ambiguous => "ambiguous",
            Decision::Outranked => "outranked",
            Decision::NearMiss => "near-miss",
            Decision::TypeMismatch => "type-mismatch",
        }
    }
}

/// One candidate pair with its score and decision.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub entity: String,
    pub entity_label: String,
    pub target: String,
    pub target_label: String,
    /// The store's label and the dataset's label that matched best.
    pub matched: (String, String),
    /// In [0, 1], rounded to three decimals.
    pub score: f64,
    pub decision: Decision,
}

/// Reconciliation settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Candidates at or above this score may be linked.
    pub min_score: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_score: DEFAULT_MIN_SCORE,
        }
    }
}

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
    /// label, or a token that is not too common, or (for names written
    /// without spaces) a label that starts with the same characters.
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
        let labels: Vec<(Folded, bool)> = entity
            .labels
            .iter()
            .map(|l| (fold(&l.text), l.preferred))
            .collect();
        let mut mine: Vec<Candidate> = Vec::new();
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
            mine.push(Candidate {
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
        mine.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.target.cmp(&b.target)));
        let above: Vec<usize> = (0..mine.len())
            .filter(|&k| mine[k].decision == Decision::Linked)
            .collect();
        if let [first, second, ..] = above[..] {
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
        candidates.extend(mine);
    }
    // One target claimed by two entities of the store: neither is linked.
    let mut claims: HashMap<&str, usize> = HashMap::new();
    for c in &candidates {
        if c.decision == Decision::Linked {
            *claims.entry(c.target.as_str()).or_default() += 1;
        }
    }
    let contested: BTreeSet<String> = claims
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(t, _)| t.to_string())
        .collect();
    for c in &mut candidates {
        if c.decision == Decision::Linked && contested.contains(&c.target) {
            c.decision = Decision::Ambiguous;
        }
    }
    candidates
}

/// The store's linkable entities (query `link-entities`).
pub fn store_entities(backend: &dyn Backend) -> Result<Vec<Entity>, Error> {
    let query = crate::sparql::named_query("link-entities")
        .ok_or_else(|| Error::Internal("no query link-entities".into()))?;
    let rows = backend.select(query.text, &[])?;
    let column = |name: &str| {
        rows.column(name)
            .ok_or_else(|| Error::Internal(format!("link-entities gives no ?{name}")))
    };
    let (e, c, l, p) = (
        column("entity")?,
        column("class")?,
        column("label")?,
        column("preferred")?,
    );
    let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
    for row in &rows.rows {
        let (Some(Term::NamedNode(iri)), Some(Term::Literal(label))) = (&row[e], &row[l]) else {
            continue;
        };
        let entity = by_iri.entry(iri.as_str().to_string()).or_default();
        if let Some(Term::NamedNode(class)) = &row[c] {
            if let Some(kind) = Kind::of_class(class.as_str()) {
                entity.kinds.insert(kind);
            }
        }
        let preferred = matches!(&row[p], Some(Term::Literal(b)) if b.value() == "true");
        let label = Label {
            text: label.value().to_string(),
            preferred,
        };
        if !entity.labels.contains(&label) {
            entity.labels.push(label);
        }
    }
    Ok(by_iri
        .into_iter()
        .map(|(iri, mut e)| {
            e.iri = iri;
            e.labels.sort_by_key(|l| std::cmp::Reverse(l.preferred));
            e
        })
        .collect())
}

/// How to ask a SPARQL endpoint for candidates.
#[derive(Debug, Clone)]
pub struct EndpointSearch {
    /// Labels asked per request.
    pub batch: usize,
    /// The pause between two requests, to be polite to a public endpoint.
    pub delay: std::time::Duration,
    /// The language tag of the endpoint's labels (`en`); plain literals are asked too.
    pub language: String,
}

/// The spellings of `label` an endpoint is asked for: an endpoint matches
/// labels exactly, so the folding happens here: as written, without
/// accents, and with each hyphen as a space, dropped, or dropped with the
/// next letter in lower case ("Ri Yong-ho", "Ri Yong Ho", "Ri Yongho").
pub fn spellings(label: &str) -> Vec<String> {
    let unaccented: String = label
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for base in [label.to_string(), unaccented] {
        let spaced = base.replace('-', " ");
        let capitalised = title_after(&base, '-', " ");
        let joined = {
            let mut s = String::new();
            let mut lower_next = false;
            for c in base.chars() {
                if c == '-' {
                    lower_next = true;
                    continue;
                }
                if lower_next {
                    s.extend(c.to_lowercase());
                    lower_next = false;
                } else {
                    s.push(c);
                }
            }
            s
        };
        // Two words are also asked the other way round, as catalogues
        // file people: "Matsegora, Alexander" and "Matsegora Alexander".
        let words: Vec<&str> = base.split_whitespace().collect();
        let reordered = match words[..] {
            [first, last] => vec![format!("{last}, {first}"), format!("{last} {first}")],
            _ => Vec::new(),
        };
        for s in [base.clone(), spaced, capitalised, joined]
            .into_iter()
            .chain(reordered)
        {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn title_after(text: &str, mark: char, with: &str) -> String {
    let mut s = String::new();
    let mut upper_next = false;
    for c in text.chars() {
        if c == mark {
            s.push_str(with);
            upper_next = true;
            continue;
        }
        if upper_next {
            s.extend(c.to_uppercase());
            upper_next = false;
        } else {
            s.push(c);
        }
    }
    s
}

/// Asks `endpoint` for the entities whose label (any of
/// [`LABEL_PREDICATES`]) is a spelling of a label of `entities`, in batches
/// with a pause between them, and returns them with their labels (in the
/// language asked, or plain) and classes. `progress` hears (batches done, batches).
pub fn endpoint_candidates(
    endpoint: &dyn Backend,
    entities: &[Entity],
    search: &EndpointSearch,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<Entity>, Error> {
    let mut needles: BTreeSet<String> = BTreeSet::new();
    for e in entities {
        for l in &e.labels {
            needles.extend(spellings(&l.text));
        }
    }
    let needles: Vec<String> = needles.into_iter().collect();
    let batches: Vec<&[String]> = needles.chunks(search.batch.max(1)).collect();
    let query = crate::sparql::named_query("link-candidates")
        .ok_or_else(|| Error::Internal("no query link-candidates".into()))?;
    let language = [(
        "language".to_string(),
        Term::from(Literal::new_simple_literal(&search.language)),
    )];
    let mut quads = Vec::new();
    for (n, batch) in batches.iter().enumerate() {
        if n > 0 {
            std::thread::sleep(search.delay);
        }
        let mut values = Vec::with_capacity(batch.len() * 2);
        for needle in *batch {
            values.push(Literal::new_simple_literal(needle).into());
            if let Ok(tagged) =
                Literal::new_language_tagged_literal(needle.as_str(), search.language.as_str())
            {
                values.push(tagged.into());
            }
        }
        let query = crate::sparql::bind::with_values(query.text, "needle", &values)?;
        let rows = endpoint.select(&query, &language)?;
        let (Some(e), Some(p), Some(v)) = (
            rows.column("entity"),
            rows.column("p"),
            rows.column("value"),
        ) else {
            return Err(Error::Incomplete(
                "the endpoint's answer lacks ?entity, ?p or ?value".into(),
            ));
        };
        for row in &rows.rows {
            if let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) =
                (&row[e], &row[p], &row[v])
            {
                quads.push(Quad::new(
                    s.clone(),
                    p.clone(),
                    o.clone(),
                    GraphName::DefaultGraph,
                ));
            }
        }
        progress(n + 1, batches.len());
    }
    Ok(entities_of(&quads))
}

/// Where a set of links came from, for their provenance.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// The links graph: replaced whole by each run for the same dataset.
    pub graph: NamedNode,
    /// The activity that made the links.
    pub activity: NamedNode,
    /// `arg:Reconciliation` or `arg:LinkImport`.
    pub activity_class: &'static str,
    /// The dataset or endpoint the links point into.
    pub dataset: NamedNode,
    /// A title for the dataset: its file name or endpoint.
    pub dataset_title: String,
    /// When, as an `xsd:dateTime` lexical form.
    pub when: String,
    /// The threshold, for a reconciliation.
    pub min_score: Option<f64>,
}

/// A link to write: the entity, the target, and for a reconciled link its
/// score and the labels that matched.
#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub entity: String,
    pub target: String,
    pub score: Option<f64>,
    pub matched: Option<(String, String)>,
}

/// The quads of a links graph: each `skos:exactMatch`, and beside it an
/// `arg:Link` node saying which activity made it, from which dataset, with
/// what score; the activity with its dataset and date.
pub fn links_quads(provenance: &Provenance, links: &[LinkRecord]) -> Vec<Quad> {
    let graph = GraphName::NamedNode(provenance.graph.clone());
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: String, o: Term| {
        out.push(Quad::new(
            s.clone(),
            NamedNode::new_unchecked(p),
            o,
            graph.clone(),
        ));
    };
    let activity = &provenance.activity;
    add(
        activity,
        rdf::TYPE.as_str().into(),
        iri_term(format!("{PROV}Activity")),
    );
    add(
        activity,
        rdf::TYPE.as_str().into(),
        iri_term(format!("{ARG}{}", provenance.activity_class)),
    );
    add(
        activity,
        format!("{PROV}used"),
        provenance.dataset.clone().into(),
    );
    add(
        activity,
        format!("{PROV}endedAtTime"),
        Literal::new_typed_literal(&provenance.when, xsd::DATE_TIME).into(),
    );
    add(
        activity,
        format!("{PROV}wasAssociatedWith"),
        iri_term(format!(
            "https://w3id.org/argmap/software/{}",
            env!("CARGO_PKG_VERSION")
        )),
    );
    if let Some(min) = provenance.min_score {
        add(activity, format!("{ARG}minScore"), decimal(min));
    }
    add(
        &provenance.dataset,
        rdf::TYPE.as_str().into(),
        iri_term(format!("{PROV}Entity")),
    );
    add(
        &provenance.dataset,
        format!("{DCTERMS}title"),
        Literal::new_simple_literal(&provenance.dataset_title).into(),
    );
    for l in links {
        let entity = NamedNode::new_unchecked(&l.entity);
        let target = NamedNode::new_unchecked(&l.target);
        add(&entity, format!("{SKOS}exactMatch"), target.clone().into());
        let node = NamedNode::new_unchecked(format!(
            "{}/{:016x}",
            provenance.graph.as_str(),
            fnv(&format!("{}\u{0}{}", l.entity, l.target))
        ));
        add(
            &node,
            rdf::TYPE.as_str().into(),
            iri_term(format!("{ARG}Link")),
        );
        add(&node, format!("{ARG}linkSubject"), entity.into());
        add(&node, format!("{ARG}linkTarget"), target.into());
        add(
            &node,
            format!("{PROV}wasGeneratedBy"),
            activity.clone().into(),
        );
        add(
            &node,
            format!("{PROV}wasDerivedFrom"),
            provenance.dataset.clone().into(),
        );
        add(
            &node,
            format!("{PROV}generatedAtTime"),
            Literal::new_typed_literal(&provenance.when, xsd::DATE_TIME).into(),
        );
        if let Some(score) = l.score {
            add(&node, format!("{ARG}score"), decimal(score));
        }
        if let Some((mine, theirs)) = &l.matched {
            add(
                &node,
                format!("{ARG}matchedLabel"),
                Literal::new_simple_literal(mine).into(),
            );
            add(
                &node,
                format!("{ARG}targetLabel"),
                Literal::new_simple_literal(theirs).into(),
            );
        }
    }
    out
}

fn iri_term(iri: String) -> Term {
    NamedNode::new_unchecked(iri).into()
}

fn decimal(value: f64) -> Term {
    Literal::new_typed_literal(format!("{value:.3}"), xsd::DECIMAL).into()
}

/// FNV-1a, for stable link IRIs.
fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A name for a dataset usable in an IRI path segment: lower-case letters,
/// digits and hyphens.
pub fn slug(text: &str) -> String {
    let text = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let folded = fold(text);
    let s = folded.tokens.join("-");
    if s.is_empty() { "dataset".into() } else { s }
}

/// The graph of links reconciled against (or imported from) `dataset`.
pub fn links_graph(iris: &Iris, how: &str, dataset: &str) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}graph/links/{how}/{}",
        iris.base(),
        slug(dataset)
    ))
}

/// The present moment as an `xsd:dateTime` in UTC, to the second.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn folding_meets_variants() {
        let a = fold("Ri Yong-ho");
        assert_eq!(a.compact, fold("Ri Yong Ho").compact);
        assert_eq!(a.compact, fold("Ri Yongho").compact);
        assert_eq!(
            fold("António Guterres").compact,
            fold("Antonio Guterres").compact
        );
        assert_eq!(fold("United Nations Children's Fund").tokens.len(), 4);
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

    #[test]
    fn the_endpoint_is_asked_for_every_label_and_type_predicate() {
        let text = crate::sparql::named_query("link-candidates").unwrap().text;
        let parsed = spargebra::SparqlParser::new()
            .parse_query(text)
            .unwrap()
            .to_string();
        for p in LABEL_PREDICATES
            .iter()
            .map(|(p, _)| *p)
            .chain(TYPE_PREDICATES.iter().copied())
        {
            assert!(parsed.contains(&format!("<{p}>")), "{p} is not asked");
        }
    }

    #[test]
    fn dates_are_civil() {
        let now = now_utc();
        assert_eq!(now.len(), 20);
        assert!(now.starts_with("20"));
    }
}
