//! Weighing competing hypotheses (ACH, after Heuer): the evidence × hypotheses matrix of a question, its scores, diagnosticity and sensitivity.
//!
//! [`matrix`] reads a brief through the [`Backend`] with four one-hop,
//! graph-scoped queries (hypotheses, evidence with Admiralty grades, edges,
//! the analyst's ratings) and derives every cell in Rust by following
//! supports and oppositions up from each item of evidence: a property path
//! would tell that a hypothesis is reachable, not whether the way there
//! supports or opposes it, nor how strongly.
//!
//! All scores are kept in hundredths as integers, so that ties and changes
//! of order are exact.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use oxigraph::model::{NamedNode, Term};
use serde::Serialize;

use crate::Error;
use crate::map::model::Consistency;
use crate::read::briefs::{BriefInfo, briefs};
use crate::render::{escape, table};
use crate::sparql::{Backend, Solutions, lexical, named_query};

/// The weight of an Admiralty reliability grade, in hundredths: A completely
/// reliable 1.00, B usually 0.80, C fairly 0.60, D not usually 0.40, E
/// unreliable 0.20, F cannot be judged 0.50. No grade counts as F.
pub fn reliability_weight(grade: Option<char>) -> u32 {
    match grade {
        Some('A') => 100,
        Some('B') => 80,
        Some('C') => 60,
        Some('D') => 40,
        Some('E') => 20,
        _ => 50,
    }
}

/// The weight of an Admiralty credibility grade, in hundredths: 1 confirmed
/// 1.00, 2 probably true 0.80, 3 possibly true 0.60, 4 doubtful 0.40, 5
/// improbable 0.20, 6 cannot be judged 0.50. No grade counts as 6.
pub fn credibility_weight(grade: Option<u8>) -> u32 {
    match grade {
        Some(1) => 100,
        Some(2) => 80,
        Some(3) => 60,
        Some(4) => 40,
        Some(5) => 20,
        _ => 50,
    }
}

/// An item's weight in hundredths: reliability weight × credibility weight.
pub fn weight(reliability: Option<char>, credibility: Option<u8>) -> u32 {
    reliability_weight(reliability) * credibility_weight(credibility) / 100
}

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
    pub key: String,
    pub iri: String,
    pub text: String,
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

/// One item of evidence: its grade, weight and cells.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub key: String,
    pub iri: String,
    pub text: String,
    pub source: Option<String>,
    pub reliability: Option<String>,
    pub credibility: Option<u8>,
    /// reliability weight × credibility weight, 0–1.
    pub weight: f64,
    /// One per hypothesis, in the order of the columns.
    pub cells: Vec<Cell>,
    /// The spread of its ratings (CC = 2 … II = −2) across the hypotheses it applies to, 0–4.
    pub diagnosticity: u32,
    /// True when it rates the same against every hypothesis: it does not help choose.
    pub no_diagnostic_value: bool,
}

/// One cell: the rating that counts, and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub hypothesis: String,
    /// CC, C, N, I, II or NA.
    pub rating: &'static str,
    /// True when the analyst rated it in the map.
    pub analyst: bool,
    /// What the supports and oppositions give, whether or not overridden.
    pub derived: &'static str,
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
    pub from: &'static str,
    pub to: &'static str,
}

/// The matrices of `brief` (every brief when `None`), for `question` (every question when `None`).
pub fn matrix(
    backend: &dyn Backend,
    brief: Option<&str>,
    question: Option<&str>,
) -> Result<Vec<BriefMatrix>, Error> {
    let all = briefs(backend)?;
    let chosen: Vec<BriefInfo> = match brief {
        Some(id) => match all.iter().find(|b| b.id == id) {
            Some(b) => vec![b.clone()],
            None => {
                let known: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
                return Err(Error::NotFound(format!(
                    "there is no brief `{id}` in the store; it holds: {}",
                    if known.is_empty() {
                        "nothing yet (load one with `argmap load`)".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        },
        None => all,
    };
    let mut out = Vec::new();
    let mut known_questions = Vec::new();
    for b in chosen {
        let m = brief_matrix(backend, b, question)?;
        known_questions.extend(m.1);
        out.push(m.0);
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

fn query(name: &str) -> &'static str {
    named_query(name).map(|q| q.text).unwrap_or_default()
}

fn text(rows: &Solutions, row: &[Option<Term>], variable: &str) -> Option<String> {
    let column = rows.column(variable)?;
    row.get(column)?.as_ref().map(lexical)
}

struct Hyp {
    iri: String,
    key: String,
    text: String,
    question: String,
    question_text: String,
    exclusive: bool,
    start: u64,
}

struct Ev {
    iri: String,
    key: String,
    text: String,
    start: u64,
    source: Option<String>,
    reliability: Option<char>,
    credibility: Option<u8>,
}

/// Outgoing edges: to, opposition, strong.
type Out = HashMap<String, Vec<(String, bool, bool)>>;

const SUPPORT: u8 = 1;
const SUPPORT_STRONG: u8 = 2;
const OPPOSE: u8 = 4;
const OPPOSE_STRONG: u8 = 8;

fn brief_matrix(
    backend: &dyn Backend,
    brief: BriefInfo,
    question: Option<&str>,
) -> Result<(BriefMatrix, Vec<String>), Error> {
    let graph = NamedNode::new(&brief.graph).map_err(|e| Error::Internal(e.to_string()))?;
    let bindings = [("graph".to_string(), Term::from(graph))];
    let hyp_rows = backend.select(query("matrix-hypotheses"), &bindings)?;
    let ev_rows = backend.select(query("matrix-evidence"), &bindings)?;
    let edge_rows = backend.select(query("trace-edges"), &bindings)?;
    let rating_rows = backend.select(query("matrix-ratings"), &bindings)?;

    let mut hyps: Vec<Hyp> = hyp_rows
        .rows
        .iter()
        .filter_map(|row| {
            let t = |v: &str| text(&hyp_rows, row, v);
            Some(Hyp {
                iri: t("node")?,
                key: t("key")?,
                text: t("text").unwrap_or_default(),
                question: t("questionKey")?,
                question_text: t("questionText").unwrap_or_default(),
                exclusive: t("exclusive").is_some_and(|v| v == "true"),
                start: t("start").and_then(|s| s.parse().ok()).unwrap_or(u64::MAX),
            })
        })
        .collect();
    hyps.sort_by(|a, b| (&a.question, a.start, &a.key).cmp(&(&b.question, b.start, &b.key)));
    hyps.dedup_by(|a, b| a.iri == b.iri);
    let mut evs: Vec<Ev> = ev_rows
        .rows
        .iter()
        .filter_map(|row| {
            let t = |v: &str| text(&ev_rows, row, v);
            Some(Ev {
                iri: t("node")?,
                key: t("key")?,
                text: t("text").unwrap_or_default(),
                start: t("start").and_then(|s| s.parse().ok()).unwrap_or(u64::MAX),
                source: t("sourceKey"),
                reliability: t("reliability").and_then(|r| r.chars().next()),
                credibility: t("credibility").and_then(|c| c.parse().ok()),
            })
        })
        .collect();
    evs.sort_by(|a, b| (a.start, &a.key).cmp(&(b.start, &b.key)));
    evs.dedup_by(|a, b| a.iri == b.iri);

    let mut out: Out = HashMap::new();
    for row in &edge_rows.rows {
        let t = |v: &str| text(&edge_rows, row, v);
        let (Some(from), Some(to), Some(relation)) = (t("from"), t("to"), t("relation")) else {
            continue;
        };
        let attack = relation == "attack";
        let strong = t("strong").is_some_and(|s| s == "true");
        out.entry(from).or_default().push((to, attack, strong));
    }
    // `trace-edges` leaves the order to its callers.
    for edges in out.values_mut() {
        edges.sort();
    }
    let mut ratings: HashMap<(String, String), Consistency> = HashMap::new();
    for row in &rating_rows.rows {
        let t = |v: &str| text(&rating_rows, row, v);
        if let (Some(e), Some(h), Some(c)) = (t("evidence"), t("hypothesis"), t("consistency")) {
            if let Some(c) = Consistency::parse(&c) {
                ratings.insert((e, h), c);
            }
        }
    }

    let hyp_index: HashMap<&str, usize> = hyps
        .iter()
        .enumerate()
        .map(|(i, h)| (h.iri.as_str(), i))
        .collect();
    let mut reach = Reach {
        out: &out,
        hypotheses: &hyp_index,
        memo: HashMap::new(),
        open: HashSet::new(),
    };
    let derived: Vec<Vec<(usize, u8)>> = evs.iter().map(|e| reach.from(&e.iri)).collect();

    let mut question_keys: Vec<String> = hyps.iter().map(|h| h.question.clone()).collect();
    question_keys.dedup();
    let mut questions = Vec::new();
    for q in &question_keys {
        if question.is_some_and(|wanted| wanted != q) {
            continue;
        }
        let columns: Vec<usize> = (0..hyps.len())
            .filter(|&i| hyps[i].question == *q)
            .collect();
        questions.push(question_matrix(&hyps, &columns, &evs, &derived, &ratings));
    }
    Ok((BriefMatrix { brief, questions }, question_keys))
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
                let bits = match (attack, strong) {
                    (false, false) => SUPPORT,
                    (false, true) => SUPPORT | SUPPORT_STRONG,
                    (true, false) => OPPOSE,
                    (true, true) => OPPOSE | OPPOSE_STRONG,
                };
                *flags.entry(h).or_default() |= bits;
                continue;
            }
            for (h, b) in self.from(&to) {
                // A chain is as strong as its weakest link; an opposition
                // turns support of what it opposes into opposition.
                let keep_strong = |bit: u8| if strong { b & bit } else { 0 };
                let (sup, sup_strong, opp, opp_strong) = (
                    b & SUPPORT,
                    keep_strong(SUPPORT_STRONG),
                    b & OPPOSE,
                    keep_strong(OPPOSE_STRONG),
                );
                let bits = if attack {
                    (if sup != 0 { OPPOSE } else { 0 })
                        | (if sup_strong != 0 { OPPOSE_STRONG } else { 0 })
                        | (if opp != 0 { SUPPORT } else { 0 })
                        | (if opp_strong != 0 { SUPPORT_STRONG } else { 0 })
                } else {
                    sup | sup_strong | opp | opp_strong
                };
                *flags.entry(h).or_default() |= bits;
            }
        }
        self.open.remove(node);
        let result: Vec<(usize, u8)> = flags.into_iter().collect();
        self.memo.insert(node.to_string(), result.clone());
        result
    }
}

/// Opposition outweighs support: ACH counts what tells against a hypothesis.
fn derived_rating(bits: u8) -> Consistency {
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

fn inconsistency_points(c: Consistency) -> u32 {
    match c {
        Consistency::I => 1,
        Consistency::II => 2,
        _ => 0,
    }
}

fn support_points(c: Consistency) -> u32 {
    match c {
        Consistency::C => 1,
        Consistency::CC => 2,
        _ => 0,
    }
}

fn value(c: Consistency) -> Option<i32> {
    match c {
        Consistency::CC => Some(2),
        Consistency::C => Some(1),
        Consistency::N => Some(0),
        Consistency::I => Some(-1),
        Consistency::II => Some(-2),
        Consistency::NA => None,
    }
}

/// The neighbours of a rating on the scale CC–C–N–I–II.
fn neighbours(c: Consistency) -> Vec<Consistency> {
    use Consistency::*;
    match c {
        CC => vec![C],
        C => vec![CC, N],
        N => vec![C, I],
        I => vec![N, II],
        II => vec![I],
        NA => vec![],
    }
}

/// Groups of column positions, lowest key first; equal keys share a group.
fn order(scores: &[i64]) -> Vec<Vec<usize>> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by_key(|&a| (scores[a], a));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in idx {
        match groups.last_mut() {
            Some(g) if scores[g[0]] == scores[i] => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
}

fn question_matrix(
    hyps: &[Hyp],
    columns: &[usize],
    evs: &[Ev],
    derived: &[Vec<(usize, u8)>],
    ratings: &HashMap<(String, String), Consistency>,
) -> QuestionMatrix {
    let first = &hyps[columns[0]];
    let exclusive = first.exclusive;
    // cells[e][c]: (rating, analyst, derived)
    let mut grid: Vec<Vec<(Consistency, bool, Consistency)>> = Vec::with_capacity(evs.len());
    let mut weights = Vec::with_capacity(evs.len());
    for (e, ev) in evs.iter().enumerate() {
        let row = columns
            .iter()
            .map(|&h| {
                let bits = derived[e]
                    .iter()
                    .find(|(i, _)| *i == h)
                    .map_or(0, |(_, b)| *b);
                let d = derived_rating(bits);
                match ratings.get(&(ev.iri.clone(), hyps[h].iri.clone())) {
                    Some(&a) => (a, true, d),
                    None => (d, false, d),
                }
            })
            .collect();
        grid.push(row);
        weights.push(weight(ev.reliability, ev.credibility));
    }
    let score = |grid: &[Vec<(Consistency, bool, Consistency)>], skip: Option<usize>| {
        let mut inc = vec![0u32; columns.len()];
        let mut sup = vec![0u32; columns.len()];
        for (e, row) in grid.iter().enumerate() {
            if Some(e) == skip {
                continue;
            }
            for (c, cell) in row.iter().enumerate() {
                inc[c] += weights[e] * inconsistency_points(cell.0);
                sup[c] += weights[e] * support_points(cell.0);
            }
        }
        (inc, sup)
    };
    let (inc, sup) = score(&grid, None);
    // Exclusive hypotheses are ordered by inconsistency, lowest first; others by support, highest first.
    let ordering = |inc: &[u32], sup: &[u32]| {
        if exclusive {
            inc.iter().map(|&x| i64::from(x)).collect::<Vec<i64>>()
        } else {
            sup.iter().map(|&x| -i64::from(x)).collect()
        }
    };
    let key = ordering(&inc, &sup);
    let base = order(&key);
    // The order changes when a hypothesis that was strictly ahead of another
    // is no longer ahead of it (tied or behind). Breaking a tie is not a
    // change: neither hypothesis was ahead.
    let changes = |new: &[i64]| {
        (0..key.len()).any(|a| (0..key.len()).any(|b| key[a] < key[b] && new[a] >= new[b]))
    };

    // Sensitivity: change one item at a time and see whether the order moves.
    // Re-ratings move a cell that bears on a hypothesis (not N, not NA) one
    // step along CC–C–N–I–II: the analyst may have misread the item.
    let mut sensitivity = Vec::new();
    for (e, ev) in evs.iter().enumerate() {
        let (i2, s2) = score(&grid, Some(e));
        let removal = changes(&ordering(&i2, &s2));
        let mut re_ratings = Vec::new();
        for (c, cell) in grid[e].iter().enumerate() {
            if matches!(cell.0, Consistency::N | Consistency::NA) {
                continue;
            }
            for to in neighbours(cell.0) {
                let (mut i3, mut s3) = (inc.clone(), sup.clone());
                i3[c] = i3[c] - weights[e] * inconsistency_points(cell.0)
                    + weights[e] * inconsistency_points(to);
                s3[c] =
                    s3[c] - weights[e] * support_points(cell.0) + weights[e] * support_points(to);
                if changes(&ordering(&i3, &s3)) {
                    re_ratings.push(ReRating {
                        hypothesis: hyps[columns[c]].key.clone(),
                        from: cell.0.as_str(),
                        to: to.as_str(),
                    });
                }
            }
        }
        if removal || !re_ratings.is_empty() {
            sensitivity.push(Sensitivity {
                evidence: ev.key.clone(),
                removal,
                re_ratings,
            });
        }
    }

    let mut rank = vec![None; columns.len()];
    if exclusive {
        let mut next = 1;
        for g in &base {
            for &c in g {
                rank[c] = Some(next);
            }
            next += g.len();
        }
    }
    let hypotheses = columns
        .iter()
        .enumerate()
        .map(|(c, &h)| {
            let unweighted = |points: fn(Consistency) -> u32| {
                grid.iter().map(|row| points(row[c].0)).sum::<u32>()
            };
            HypothesisScore {
                key: hyps[h].key.clone(),
                iri: hyps[h].iri.clone(),
                text: hyps[h].text.clone(),
                inconsistency: f64::from(inc[c]) / 100.0,
                inconsistency_unweighted: unweighted(inconsistency_points),
                support: f64::from(sup[c]) / 100.0,
                support_unweighted: unweighted(support_points),
                rank: rank[c],
            }
        })
        .collect();
    let evidence = evs
        .iter()
        .enumerate()
        .map(|(e, ev)| {
            let values: Vec<i32> = grid[e].iter().filter_map(|c| value(c.0)).collect();
            let spread = match (values.iter().max(), values.iter().min()) {
                (Some(max), Some(min)) => (max - min) as u32,
                _ => 0,
            };
            EvidenceRow {
                key: ev.key.clone(),
                iri: ev.iri.clone(),
                text: ev.text.clone(),
                source: ev.source.clone(),
                reliability: ev.reliability.map(String::from),
                credibility: ev.credibility,
                weight: f64::from(weights[e]) / 100.0,
                cells: grid[e]
                    .iter()
                    .zip(columns)
                    .map(|(cell, &h)| Cell {
                        hypothesis: hyps[h].key.clone(),
                        rating: cell.0.as_str(),
                        analyst: cell.1,
                        derived: cell.2.as_str(),
                    })
                    .collect(),
                diagnosticity: spread,
                no_diagnostic_value: spread == 0,
            }
        })
        .collect();
    let note = if exclusive {
        "The hypotheses exclude each other: ranked least inconsistent first (weighted inconsistency)."
    } else {
        "The hypotheses are not exclusive (complementary readings): their support is compared, most supported first, and no ranking is implied."
    };
    QuestionMatrix {
        key: first.question.clone(),
        text: first.question_text.clone(),
        exclusive,
        hypotheses,
        evidence,
        order: base
            .iter()
            .map(|g| g.iter().map(|&c| hyps[columns[c]].key.clone()).collect())
            .collect(),
        note: note.to_string(),
        sensitivity,
    }
}

/// The matrices as stable JSON (`"format": "argmap-matrix/1"`).
pub fn to_json(matrices: &[BriefMatrix]) -> serde_json::Value {
    serde_json::json!({ "format": "argmap-matrix/1", "briefs": matrices })
}

fn cell_text(c: &Cell) -> String {
    if c.analyst {
        format!("{}*", c.rating)
    } else {
        c.rating.to_string()
    }
}

fn number(x: f64) -> String {
    format!("{x:.2}")
}

fn grade(e: &EvidenceRow) -> String {
    format!(
        "{}{}",
        e.reliability.as_deref().unwrap_or("-"),
        e.credibility.map_or("-".to_string(), |c| c.to_string())
    )
}

/// The matrices as text: the table, the scores, the order and what moves it.
pub fn to_text(matrices: &[BriefMatrix]) -> String {
    let mut out = String::new();
    for (i, b) in matrices.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "Brief {}: {}", b.brief.id, b.brief.title);
        let _ = writeln!(out, "Rights: {}", b.brief.rights);
        for q in &b.questions {
            let _ = writeln!(out, "\nQuestion {}: {}", q.key, q.text);
            let _ = writeln!(out, "  {}", q.note);
            let _ = writeln!(out, "\nHypotheses");
            for (n, h) in q.hypotheses.iter().enumerate() {
                let _ = writeln!(out, "  H{} {}: {}", n + 1, h.key, h.text);
            }
            let _ = writeln!(out);
            let mut header: Vec<String> = vec!["evidence".into(), "grade".into(), "weight".into()];
            header.extend((1..=q.hypotheses.len()).map(|n| format!("H{n}")));
            header.push("diagnosticity".into());
            let rows: Vec<Vec<String>> = q
                .evidence
                .iter()
                .map(|e| {
                    let mut row = vec![e.key.clone(), grade(e), number(e.weight)];
                    row.extend(e.cells.iter().map(cell_text));
                    row.push(if e.no_diagnostic_value {
                        format!("{} (none)", e.diagnosticity)
                    } else {
                        e.diagnosticity.to_string()
                    });
                    row
                })
                .collect();
            let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
            out.push_str(&table(&header_refs, &rows));
            let _ = writeln!(
                out,
                "  * the analyst's own rating; other cells follow the supports and oppositions of the map"
            );
            let none = q.evidence.iter().filter(|e| e.no_diagnostic_value).count();
            let _ = writeln!(
                out,
                "  (none): {none} of {} items rate the same against every hypothesis and have no diagnostic value",
                q.evidence.len()
            );
            let _ = writeln!(out, "\nScores (weighted; unweighted in brackets)");
            let rows: Vec<Vec<String>> = q
                .hypotheses
                .iter()
                .enumerate()
                .map(|(n, h)| {
                    vec![
                        format!("H{} {}", n + 1, h.key),
                        format!("{} ({})", number(h.support), h.support_unweighted),
                        format!(
                            "{} ({})",
                            number(h.inconsistency),
                            h.inconsistency_unweighted
                        ),
                        h.rank.map_or("—".into(), |r| r.to_string()),
                    ]
                })
                .collect();
            out.push_str(&table(
                &["hypothesis", "support", "inconsistency", "rank"],
                &rows,
            ));
            let order: Vec<String> = q.order.iter().map(|g| g.join(" = ")).collect();
            let (label, sep) = if q.exclusive {
                ("Ranking, least inconsistent first", " < ")
            } else {
                ("Support compared, most first (no ranking implied)", " > ")
            };
            let _ = writeln!(out, "\n{label}: {}", order.join(sep));
            if q.sensitivity.is_empty() {
                let _ = writeln!(
                    out,
                    "Sensitivity: no single item's removal or one-step re-rating changes this order."
                );
            } else {
                let _ = writeln!(
                    out,
                    "Sensitivity: the order changes when one of these items is removed or re-rated one step:"
                );
                for s in &q.sensitivity {
                    let mut what = Vec::new();
                    if s.removal {
                        what.push("removed".to_string());
                    }
                    what.extend(
                        s.re_ratings
                            .iter()
                            .map(|r| format!("{} {}→{}", r.hypothesis, r.from, r.to)),
                    );
                    let _ = writeln!(out, "  {}: {}", s.evidence, what.join(", "));
                }
            }
        }
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The matrices as CSV: one row per item of evidence and question, one
/// column per hypothesis (`*` marks the analyst's ratings), then one row per
/// score whose `evidence` column is `score:support` or `score:inconsistency`.
pub fn to_csv(matrices: &[BriefMatrix]) -> String {
    let mut out = String::new();
    for b in matrices {
        for q in &b.questions {
            let mut header = vec![
                "brief".to_string(),
                "question".into(),
                "evidence".into(),
                "source".into(),
                "grade".into(),
                "weight".into(),
            ];
            header.extend(q.hypotheses.iter().map(|h| h.key.clone()));
            header.push("diagnosticity".into());
            header.push("no_diagnostic_value".into());
            let _ = writeln!(out, "{}", header.join(","));
            for e in &q.evidence {
                let mut row = vec![
                    b.brief.id.clone(),
                    q.key.clone(),
                    e.key.clone(),
                    e.source.clone().unwrap_or_default(),
                    grade(e),
                    number(e.weight),
                ];
                row.extend(e.cells.iter().map(cell_text));
                row.push(e.diagnosticity.to_string());
                row.push(e.no_diagnostic_value.to_string());
                let row: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
                let _ = writeln!(out, "{}", row.join(","));
            }
            for (label, pick) in [
                (
                    "score:support",
                    (|h: &HypothesisScore| h.support) as fn(&HypothesisScore) -> f64,
                ),
                ("score:inconsistency", |h: &HypothesisScore| h.inconsistency),
            ] {
                let mut row = vec![
                    b.brief.id.clone(),
                    q.key.clone(),
                    label.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ];
                row.extend(q.hypotheses.iter().map(|h| number(pick(h))));
                row.push(String::new());
                row.push(String::new());
                let _ = writeln!(out, "{}", row.join(","));
            }
        }
    }
    out
}

/// The matrices as one standalone HTML page.
pub fn to_html(matrices: &[BriefMatrix]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>argmap matrix</title>\n<style>\nbody{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.25em .5em;text-align:center}td.key,th.key{text-align:left}.analyst{font-weight:bold;background:#ffe9a8}.CC,.C{color:#075}.I,.II{color:#a10}.none{color:#888}\n</style>\n</head>\n<body>\n",
    );
    for b in matrices {
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p>{}</p>",
            escape(&b.brief.title),
            escape(&b.brief.rights)
        );
        for q in &b.questions {
            let _ = writeln!(
                out,
                "<h2>{}</h2>\n<p>{}</p>\n<table>\n<tr><th class=\"key\">evidence</th><th>grade</th><th>weight</th>",
                escape(&q.text),
                escape(&q.note)
            );
            for h in &q.hypotheses {
                let _ = write!(
                    out,
                    "<th title=\"{}\">{}</th>",
                    escape(&h.text),
                    escape(&h.key)
                );
            }
            let _ = writeln!(out, "<th>diagnosticity</th></tr>");
            for e in &q.evidence {
                let class = if e.no_diagnostic_value { " none" } else { "" };
                let _ = write!(
                    out,
                    "<tr><td class=\"key{class}\" title=\"{}\">{}</td><td>{}</td><td>{}</td>",
                    escape(&e.text),
                    escape(&e.key),
                    grade(e),
                    number(e.weight)
                );
                for c in &e.cells {
                    let analyst = if c.analyst { " analyst" } else { "" };
                    let _ = write!(
                        out,
                        "<td class=\"{}{analyst}\">{}</td>",
                        c.rating,
                        cell_text(c)
                    );
                }
                let _ = writeln!(out, "<td>{}</td></tr>", e.diagnosticity);
            }
            for (label, pick) in [
                (
                    "support",
                    (|h: &HypothesisScore| h.support) as fn(&HypothesisScore) -> f64,
                ),
                ("inconsistency", |h: &HypothesisScore| h.inconsistency),
            ] {
                let _ = write!(out, "<tr><th class=\"key\" colspan=\"3\">{label}</th>");
                for h in &q.hypotheses {
                    let _ = write!(out, "<th>{}</th>", number(pick(h)));
                }
                let _ = writeln!(out, "<th></th></tr>");
            }
            let _ = writeln!(out, "</table>");
            let order: Vec<String> = q.order.iter().map(|g| escape(&g.join(" = "))).collect();
            let _ = writeln!(
                out,
                "<p>{}: {}</p>\n<p>Bold cells are the analyst's own ratings. Sensitive items: {}</p>",
                if q.exclusive {
                    "Ranking, least inconsistent first"
                } else {
                    "Support compared (no ranking implied)"
                },
                order.join(if q.exclusive { " &lt; " } else { " &gt; " }),
                if q.sensitivity.is_empty() {
                    "none".to_string()
                } else {
                    q.sensitivity
                        .iter()
                        .map(|s| escape(&s.evidence))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_follow_the_table() {
        assert_eq!(weight(Some('A'), Some(1)), 100);
        assert_eq!(weight(Some('B'), Some(2)), 64);
        assert_eq!(weight(None, None), 25);
        assert_eq!(weight(Some('C'), Some(3)), 36);
    }

    #[test]
    fn ties_share_a_group() {
        assert_eq!(order(&[2, 1, 2]), vec![vec![1], vec![0, 2]]);
        assert_eq!(order(&[-2, -1, -2]), vec![vec![0, 2], vec![1]]);
    }
}
