//! A brief's matrix cells before any scoring: the four answers read into hypotheses, evidence, edges and the analyst's ratings, and the rating each path from an item of evidence to a hypothesis gives.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::Error;
use crate::map::model::Consistency;
use crate::read::briefs::BriefInfo;
use crate::read::briefs::graph_bindings;
use crate::read::node::{EdgeKind, Kind, Node};
use crate::read::rigour::origins::origins;
use crate::read::rows::{rows, select};
use crate::sparql::{Backend, Solutions};

/// A hypothesis: a column of its question's matrix.
pub(super) struct Hypothesis {
    pub node: Node,
    pub question: String,
    pub question_text: String,
    pub exclusive: bool,
    /// Its place in the map (`arg:order`), which the columns follow.
    pub order: u64,
}

/// An item of evidence: a row of the matrix.
pub(super) struct Evidence {
    pub node: Node,
    /// Its place in the map (`arg:order`), which the rows follow.
    pub order: u64,
    /// The key of its source.
    pub source: Option<String>,
    pub reliability: Option<char>,
    pub credibility: Option<u8>,
    /// The labels of its root origins, joined; `None` for the author's own.
    pub origin: Option<String>,
    /// The IRIs of its root origins, joined: items with the same share one origin.
    pub origin_key: Option<String>,
}

/// Outgoing edges by node IRI: (to, opposition, strong).
type Out = HashMap<String, Vec<(String, bool, bool)>>;

/// What a brief's matrices are made from.
pub(super) struct Answers {
    /// In map order.
    pub hypotheses: Vec<Hypothesis>,
    /// In map order.
    pub evidence: Vec<Evidence>,
    out: Out,
    /// The analyst's ratings by (evidence IRI, hypothesis IRI).
    pub ratings: HashMap<(String, String), Consistency>,
}

/// Reads the four answers of `brief`'s matrices.
pub(super) fn read(backend: &dyn Backend, brief: &BriefInfo) -> Result<Answers, Error> {
    let bindings = graph_bindings(brief)?;
    let answer = |name: &str| select(backend, name, &bindings);
    let origins = origins(backend, brief)?;
    let mut evidence = read_evidence(&answer("matrix-evidence")?);
    for e in &mut evidence {
        let roots = origins.of(&e.node.iri);
        if !roots.is_empty() {
            let labels: Vec<&str> = roots.iter().map(|o| o.label.as_str()).collect();
            let iris: Vec<&str> = roots.iter().map(|o| o.iri.as_str()).collect();
            e.origin = Some(labels.join(", "));
            e.origin_key = Some(iris.join(" "));
        }
    }
    Ok(Answers {
        hypotheses: read_hypotheses(&answer("matrix-hypotheses")?),
        evidence,
        out: read_edges(&answer("trace-edges")?),
        ratings: read_ratings(&answer("matrix-ratings")?),
    })
}

fn read_hypotheses(answer: &Solutions) -> Vec<Hypothesis> {
    let mut hypotheses: Vec<Hypothesis> = rows(answer)
        .filter_map(|row| {
            row.text("key")?;
            Some(Hypothesis {
                node: row.node_of(Kind::Hypothesis)?,
                question: row.text("questionKey")?,
                question_text: row.text("questionText").unwrap_or_default(),
                exclusive: row.flag("exclusive"),
                order: row.number("order").unwrap_or(u64::MAX),
            })
        })
        .collect();
    // Map order, as every command lists hypotheses.
    hypotheses.sort_by(|a, b| (a.order, &a.node.key).cmp(&(b.order, &b.node.key)));
    hypotheses.dedup_by(|a, b| a.node.iri == b.node.iri);
    hypotheses
}

fn read_evidence(answer: &Solutions) -> Vec<Evidence> {
    let mut evidence: Vec<Evidence> = rows(answer)
        .filter_map(|row| {
            row.text("key")?;
            Some(Evidence {
                node: row.node_of(Kind::Evidence)?,
                order: row.number("order").unwrap_or(u64::MAX),
                source: row.text("sourceKey"),
                reliability: row.text("reliability").and_then(|r| r.chars().next()),
                credibility: row.number("credibility"),
                origin: None,
                origin_key: None,
            })
        })
        .collect();
    evidence.sort_by(|a, b| (a.order, &a.node.key).cmp(&(b.order, &b.node.key)));
    evidence.dedup_by(|a, b| a.node.iri == b.node.iri);
    evidence
}

fn read_edges(answer: &Solutions) -> Out {
    let mut out: Out = HashMap::new();
    for row in rows(answer) {
        let (Some(from), Some(to), Some(kind)) = (
            row.text("from"),
            row.text("to"),
            row.text("relation")
                .and_then(|r| EdgeKind::from_relation(&r)),
        ) else {
            continue;
        };
        let attack = kind == EdgeKind::Opposes;
        out.entry(from)
            .or_default()
            .push((to, attack, row.flag("strong")));
    }
    // `trace-edges` leaves the order to its callers.
    for edges in out.values_mut() {
        edges.sort();
    }
    out
}

fn read_ratings(answer: &Solutions) -> HashMap<(String, String), Consistency> {
    rows(answer)
        .filter_map(|row| {
            let rating = Consistency::parse(&row.text("consistency")?)?;
            Some(((row.text("evidence")?, row.text("hypothesis")?), rating))
        })
        .collect()
}

const SUPPORT: u8 = 1;
const SUPPORT_STRONG: u8 = 2;
const OPPOSE: u8 = 4;
const OPPOSE_STRONG: u8 = 8;

/// For each item of evidence, the hypotheses it reaches (indices into
/// [`Answers::hypotheses`]) and how: bits of support and opposition, plain
/// and strong.
pub(super) fn derive(answers: &Answers) -> Vec<Vec<(usize, u8)>> {
    let index: HashMap<&str, usize> = answers
        .hypotheses
        .iter()
        .enumerate()
        .map(|(i, h)| (h.node.iri.as_str(), i))
        .collect();
    let mut reach = Reach {
        out: &answers.out,
        hypotheses: &index,
        memo: HashMap::new(),
        open: HashSet::new(),
    };
    answers
        .evidence
        .iter()
        .map(|e| reach.from(&e.node.iri))
        .collect()
}

/// Which hypotheses an item reaches, and how, memoised per node.
struct Reach<'a> {
    out: &'a Out,
    hypotheses: &'a HashMap<&'a str, usize>,
    memo: HashMap<String, Vec<(usize, u8)>>,
    /// Nodes on the current path: a cycle of oppositions (which `check`
    /// allows) must not loop.
    open: HashSet<String>,
}

impl Reach<'_> {
    fn from(&mut self, node: &str) -> Vec<(usize, u8)> {
        if let Some(done) = self.memo.get(node) {
            return done.clone();
        }
        if !self.open.insert(node.to_string()) {
            return Vec::new();
        }
        let mut flags: BTreeMap<usize, u8> = BTreeMap::new();
        let edges = self.out.get(node).cloned().unwrap_or_default();
        for (to, attack, strong) in edges {
            if let Some(&h) = self.hypotheses.get(to.as_str()) {
                *flags.entry(h).or_default() |= direct(attack, strong);
                continue;
            }
            for (h, bits) in self.from(&to) {
                *flags.entry(h).or_default() |= through(bits, attack, strong);
            }
        }
        self.open.remove(node);
        let result: Vec<(usize, u8)> = flags.into_iter().collect();
        self.memo.insert(node.to_string(), result.clone());
        result
    }
}

/// The bits of an edge straight into a hypothesis.
fn direct(attack: bool, strong: bool) -> u8 {
    match (attack, strong) {
        (false, false) => SUPPORT,
        (false, true) => SUPPORT | SUPPORT_STRONG,
        (true, false) => OPPOSE,
        (true, true) => OPPOSE | OPPOSE_STRONG,
    }
}

/// The bits of an edge into a node that reaches a hypothesis with `bits`.
/// A chain is as strong as its weakest link; an opposition turns support of
/// what it opposes into opposition.
fn through(bits: u8, attack: bool, strong: bool) -> u8 {
    let keep_strong = |bit: u8| if strong { bits & bit } else { 0 };
    let (sup, sup_strong, opp, opp_strong) = (
        bits & SUPPORT,
        keep_strong(SUPPORT_STRONG),
        bits & OPPOSE,
        keep_strong(OPPOSE_STRONG),
    );
    if attack {
        (if sup != 0 { OPPOSE } else { 0 })
            | (if sup_strong != 0 { OPPOSE_STRONG } else { 0 })
            | (if opp != 0 { SUPPORT } else { 0 })
            | (if opp_strong != 0 { SUPPORT_STRONG } else { 0 })
    } else {
        sup | sup_strong | opp | opp_strong
    }
}

/// The rating the paths give. Opposition outweighs support: ACH counts
/// what tells against a hypothesis.
pub(super) fn derived_rating(bits: u8) -> Consistency {
    if bits & OPPOSE_STRONG != 0 {
        Consistency::II
    } else if bits & OPPOSE != 0 {
        Consistency::I
    } else if bits & SUPPORT_STRONG != 0 {
        Consistency::CC
    } else if bits & SUPPORT != 0 {
        Consistency::C
    } else {
        Consistency::N
    }
}
