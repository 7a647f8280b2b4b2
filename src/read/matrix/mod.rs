//! Weighing competing hypotheses (ACH, after Heuer): the evidence × hypotheses matrix of a question, its scores, diagnosticity and sensitivity.
//!
//! [`matrix`] reads a brief through the [`Backend`] with four one-hop,
//! graph-scoped queries (hypotheses, evidence with Admiralty grades, edges,
//! the analyst's ratings) and derives every cell in Rust by following
//! supports and oppositions up from each item of evidence ([`cells`]): a
//! property path would tell that a hypothesis is reachable, not whether the
//! way there supports or opposes it, nor how strongly. [`score`] weighs the
//! cells, orders the hypotheses and finds the items the order is sensitive
//! to. The matrices are written as text, CSV, JSON and HTML, one file each.
//!
//! All scores are kept in hundredths as integers, so that ties and changes
//! of order are exact.

mod cells;
mod csv;
mod html;
mod json;
mod score;
mod text;

use std::ops::Deref;

use serde::{Serialize, Serializer};

pub use csv::to_csv;
pub use html::{LEGEND, to_html, write_table};
pub use json::to_json;
pub use score::{credibility_weight, reliability_weight, weight};
pub use text::to_text;

use crate::Error;
use crate::map::model::Consistency;
use crate::read::briefs::{BriefInfo, chosen};
use crate::read::node::{Node, without_kind};
use crate::sparql::Backend;

/// The matrices of one brief: one per question.
#[derive(Debug, Clone, Serialize)]
pub struct BriefMatrix {
    pub brief: BriefInfo,
    pub questions: Vec<QuestionMatrix>,
}

/// The matrix of one question.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionMatrix {
    pub key: String,
    pub text: String,
    /// Whether its hypotheses exclude each other; only then are they ranked.
    pub exclusive: bool,
    /// The columns, in the order the brief gives them.
    pub hypotheses: Vec<HypothesisScore>,
    /// The rows, in the order the brief quotes them.
    pub evidence: Vec<EvidenceRow>,
    /// The hypotheses compared: least inconsistent first when exclusive,
    /// most supported first when not; hypotheses that tie share a group.
    pub order: Vec<Vec<String>>,
    /// What the order means.
    pub note: String,
    /// Items whose removal or re-rating would change the order.
    pub sensitivity: Vec<Sensitivity>,
}

/// One hypothesis and its scores.
#[derive(Debug, Clone, Serialize)]
pub struct HypothesisScore {
    /// The hypothesis (its JSON has `key`, `iri` and `text`).
    #[serde(flatten, serialize_with = "without_kind")]
    pub node: Node,
    /// Weighted inconsistency: Σ weight × (I = 1, II = 2).
    pub inconsistency: f64,
    /// The same without weights.
    pub inconsistency_unweighted: u32,
    /// Weighted support: Σ weight × (C = 1, CC = 2).
    pub support: f64,
    /// The same without weights.
    pub support_unweighted: u32,
    /// 1 for the least inconsistent; `null` when the hypotheses are not exclusive.
    pub rank: Option<usize>,
}

/// A column is read as the hypothesis it is.
impl Deref for HypothesisScore {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// One item of evidence: its grade, weight and cells.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// The item (its JSON has `key`, `iri` and `text`).
    #[serde(flatten, serialize_with = "without_kind")]
    pub node: Node,
    pub source: Option<String>,
    pub reliability: Option<String>,
    pub credibility: Option<u8>,
    /// The names of its root origins (see [`crate::read::rigour::origins`]);
    /// absent for the author's own.
    pub origin: Option<String>,
    /// How many items of the matrix share its root origins (1 when none do).
    pub same_origin: u32,
    /// reliability weight × credibility weight, divided by `same_origin`, 0–1.
    pub weight: f64,
    /// One per hypothesis, in the order of the columns.
    pub cells: Vec<Cell>,
    /// The spread of its ratings (CC = 2 … II = −2) across the hypotheses it applies to, 0–4.
    pub diagnosticity: u32,
    /// True when it rates the same against every hypothesis: it does not help choose.
    pub no_diagnostic_value: bool,
}

/// A row is read as the item of evidence it is.
impl Deref for EvidenceRow {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// One cell: the rating that counts, and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub hypothesis: String,
    /// CC, C, N, I, II or NA.
    #[serde(serialize_with = "rating")]
    pub rating: Consistency,
    /// True when the analyst rated it in the map.
    pub analyst: bool,
    /// What the supports and oppositions give, whether or not overridden.
    #[serde(serialize_with = "rating")]
    pub derived: Consistency,
}

/// An item whose removal or re-rating would change the order of the hypotheses.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub evidence: String,
    /// Whether removing the item changes the order.
    pub removal: bool,
    /// The one-step re-ratings of its non-neutral cells that change it.
    pub re_ratings: Vec<ReRating>,
}

/// A cell moved one step along CC–C–N–I–II.
#[derive(Debug, Clone, Serialize)]
pub struct ReRating {
    pub hypothesis: String,
    #[serde(serialize_with = "rating")]
    pub from: Consistency,
    #[serde(serialize_with = "rating")]
    pub to: Consistency,
}

/// A rating as the matrix writes it: `CC`, `C`, `N`, `I`, `II` or `NA`.
fn rating<S: Serializer>(c: &Consistency, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(c.as_str())
}

/// The matrices of `brief` (every brief when `None`), for `question` (every question when `None`).
pub fn matrix(
    backend: &dyn Backend,
    brief: Option<&str>,
    question: Option<&str>,
) -> Result<Vec<BriefMatrix>, Error> {
    let mut out = Vec::new();
    let mut known_questions = Vec::new();
    for b in chosen(backend, brief)? {
        let (matrix, questions) = brief_matrix(backend, b, question)?;
        known_questions.extend(questions);
        out.push(matrix);
    }
    if let Some(q) = question {
        if out.iter().all(|b| b.questions.is_empty()) {
            return Err(Error::NotFound(format!(
                "no question `{q}` in the brief(s) asked for; the questions are: {}",
                known_questions.join(", ")
            )));
        }
    }
    Ok(out)
}

/// The matrices of one brief's questions (`question` only, when given),
/// and the keys of all its questions.
fn brief_matrix(
    backend: &dyn Backend,
    brief: BriefInfo,
    question: Option<&str>,
) -> Result<(BriefMatrix, Vec<String>), Error> {
    let answers = cells::read(backend, &brief)?;
    let derived = cells::derive(&answers);
    // Each question once, in the map order of its first hypothesis.
    let mut question_keys: Vec<String> = Vec::new();
    for h in &answers.hypotheses {
        if !question_keys.contains(&h.question) {
            question_keys.push(h.question.clone());
        }
    }
    let questions = question_keys
        .iter()
        .filter(|q| question.is_none_or(|wanted| wanted == *q))
        .map(|q| {
            let columns: Vec<usize> = (0..answers.hypotheses.len())
                .filter(|&i| answers.hypotheses[i].question == *q)
                .collect();
            score::question_matrix(&answers, &columns, &derived)
        })
        .collect();
    Ok((BriefMatrix { brief, questions }, question_keys))
}

/// A cell as every writer shows it: its rating, with `*` when the analyst gave it.
fn cell_text(c: &Cell) -> String {
    if c.analyst {
        format!("{}*", c.rating.as_str())
    } else {
        c.rating.as_str().to_string()
    }
}

/// A weight or score, in two decimals.
fn number(x: f64) -> String {
    format!("{x:.2}")
}

/// An item's Admiralty grade, `-` for a grade not given: `B2`, `A-`, `--`.
fn grade(e: &EvidenceRow) -> String {
    format!(
        "{}{}",
        e.reliability.as_deref().unwrap_or("-"),
        e.credibility.map_or("-".to_string(), |c| c.to_string())
    )
}

/// Which of a column's weighted scores a total row shows.
type Pick = fn(&HypothesisScore) -> f64;

/// The two weighted scores every writer totals under the columns, with
/// the label of each.
const SCORES: [(&str, Pick); 2] = [
    ("support", |h| h.support),
    ("inconsistency", |h| h.inconsistency),
];
