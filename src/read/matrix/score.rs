//! Scoring one question's matrix: the cells that count (the analyst's rating over the derived one), Admiralty weights, support and inconsistency, the order of the hypotheses and the items it is sensitive to.

use super::cells::{Answers, derived_rating};
use super::{Cell, EvidenceRow, HypothesisScore, QuestionMatrix, ReRating, Sensitivity};
use crate::map::model::Consistency;

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

/// How many items of the matrix share item `e`'s root origins (1 when
/// it shares them with none, or is the author's own). Items from one origin
/// are weighed once: each counts for its Admiralty weight divided by this
/// number, so that a report repeated through several sources does not
/// outweigh one independent item.
pub(super) fn same_origin(answers: &Answers, e: usize) -> u32 {
    let Some(key) = &answers.evidence[e].origin_key else {
        return 1;
    };
    let shared = answers
        .evidence
        .iter()
        .filter(|other| other.origin_key.as_ref() == Some(key))
        .count();
    shared.max(1) as u32
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

/// One cell of the grid: the rating that counts, whether the analyst gave
/// it, and the rating the paths give.
#[derive(Clone, Copy)]
struct GridCell {
    rating: Consistency,
    analyst: bool,
    derived: Consistency,
}

/// A question's cells, `cells[e][c]` for item `e` and column `c`, with the
/// items' weights in hundredths.
struct Grid {
    cells: Vec<Vec<GridCell>>,
    weights: Vec<u32>,
    columns: usize,
    exclusive: bool,
}

/// Weighted scores in hundredths, one per column.
struct Scores {
    inconsistency: Vec<u32>,
    support: Vec<u32>,
}

impl Grid {
    fn new(answers: &Answers, columns: &[usize], derived: &[Vec<(usize, u8)>]) -> Grid {
        let mut cells = Vec::with_capacity(answers.evidence.len());
        let mut weights = Vec::with_capacity(answers.evidence.len());
        for (e, ev) in answers.evidence.iter().enumerate() {
            let row = columns
                .iter()
                .map(|&h| {
                    let bits = derived[e]
                        .iter()
                        .find(|(i, _)| *i == h)
                        .map_or(0, |(_, b)| *b);
                    let derived = derived_rating(bits);
                    let key = (ev.node.iri.clone(), answers.hypotheses[h].node.iri.clone());
                    match answers.ratings.get(&key) {
                        Some(&rating) => GridCell {
                            rating,
                            analyst: true,
                            derived,
                        },
                        None => GridCell {
                            rating: derived,
                            analyst: false,
                            derived,
                        },
                    }
                })
                .collect();
            cells.push(row);
            weights.push(weight(ev.reliability, ev.credibility) / same_origin(answers, e));
        }
        Grid {
            cells,
            weights,
            columns: columns.len(),
            exclusive: answers.hypotheses[columns[0]].exclusive,
        }
    }

    /// The scores of every column, leaving item `skip` out.
    fn scores(&self, skip: Option<usize>) -> Scores {
        let mut scores = Scores {
            inconsistency: vec![0; self.columns],
            support: vec![0; self.columns],
        };
        for (e, row) in self.cells.iter().enumerate() {
            if Some(e) == skip {
                continue;
            }
            for (c, cell) in row.iter().enumerate() {
                scores.inconsistency[c] += self.weights[e] * inconsistency_points(cell.rating);
                scores.support[c] += self.weights[e] * support_points(cell.rating);
            }
        }
        scores
    }

    /// What the hypotheses are ordered by, lowest first: inconsistency when
    /// they exclude each other, support (highest first) when not.
    fn ordering(&self, scores: &Scores) -> Vec<i64> {
        if self.exclusive {
            scores.inconsistency.iter().map(|&x| i64::from(x)).collect()
        } else {
            scores.support.iter().map(|&x| -i64::from(x)).collect()
        }
    }
}

/// Whether the order changes from `key` to `new`: a hypothesis that was
/// strictly ahead of another is no longer ahead of it (tied or behind).
/// Breaking a tie is not a change: neither hypothesis was ahead.
fn changes(key: &[i64], new: &[i64]) -> bool {
    (0..key.len()).any(|a| (0..key.len()).any(|b| key[a] < key[b] && new[a] >= new[b]))
}

/// The items whose removal, or the one-step re-rating of one of their
/// cells, changes the order. Re-ratings move a cell that bears on a
/// hypothesis (not N, not NA) one step along CC–C–N–I–II: the analyst may
/// have misread the item.
fn sensitivity(
    grid: &Grid,
    answers: &Answers,
    columns: &[usize],
    scores: &Scores,
) -> Vec<Sensitivity> {
    let key = grid.ordering(scores);
    let mut sensitivity = Vec::new();
    for (e, ev) in answers.evidence.iter().enumerate() {
        let removal = changes(&key, &grid.ordering(&grid.scores(Some(e))));
        let weight = grid.weights[e];
        let mut re_ratings = Vec::new();
        for (c, cell) in grid.cells[e].iter().enumerate() {
            if matches!(cell.rating, Consistency::N | Consistency::NA) {
                continue;
            }
            for to in neighbours(cell.rating) {
                let mut moved = Scores {
                    inconsistency: scores.inconsistency.clone(),
                    support: scores.support.clone(),
                };
                moved.inconsistency[c] = moved.inconsistency[c]
                    - weight * inconsistency_points(cell.rating)
                    + weight * inconsistency_points(to);
                moved.support[c] = moved.support[c] - weight * support_points(cell.rating)
                    + weight * support_points(to);
                if changes(&key, &grid.ordering(&moved)) {
                    re_ratings.push(ReRating {
                        hypothesis: answers.hypotheses[columns[c]].node.key.clone(),
                        from: cell.rating,
                        to,
                    });
                }
            }
        }
        if removal || !re_ratings.is_empty() {
            sensitivity.push(Sensitivity {
                evidence: ev.node.key.clone(),
                removal,
                re_ratings,
            });
        }
    }
    sensitivity
}

/// Each column's rank, 1 for the least inconsistent, when the hypotheses
/// exclude each other; hypotheses that tie share a rank.
fn ranks(groups: &[Vec<usize>], exclusive: bool, columns: usize) -> Vec<Option<usize>> {
    let mut rank = vec![None; columns];
    if exclusive {
        let mut next = 1;
        for g in groups {
            for &c in g {
                rank[c] = Some(next);
            }
            next += g.len();
        }
    }
    rank
}

fn hypothesis_scores(
    grid: &Grid,
    answers: &Answers,
    columns: &[usize],
    scores: &Scores,
    rank: &[Option<usize>],
) -> Vec<HypothesisScore> {
    columns
        .iter()
        .enumerate()
        .map(|(c, &h)| {
            let unweighted = |points: fn(Consistency) -> u32| {
                grid.cells
                    .iter()
                    .map(|row| points(row[c].rating))
                    .sum::<u32>()
            };
            HypothesisScore {
                node: answers.hypotheses[h].node.clone(),
                inconsistency: f64::from(scores.inconsistency[c]) / 100.0,
                inconsistency_unweighted: unweighted(inconsistency_points),
                support: f64::from(scores.support[c]) / 100.0,
                support_unweighted: unweighted(support_points),
                rank: rank[c],
            }
        })
        .collect()
}

fn evidence_rows(grid: &Grid, answers: &Answers, columns: &[usize]) -> Vec<EvidenceRow> {
    answers
        .evidence
        .iter()
        .enumerate()
        .map(|(e, ev)| {
            let values: Vec<i32> = grid.cells[e]
                .iter()
                .filter_map(|c| value(c.rating))
                .collect();
            let spread = match (values.iter().max(), values.iter().min()) {
                (Some(max), Some(min)) => (max - min) as u32,
                _ => 0,
            };
            EvidenceRow {
                node: ev.node.clone(),
                source: ev.source.clone(),
                reliability: ev.reliability.map(String::from),
                credibility: ev.credibility,
                origin: ev.origin.clone(),
                same_origin: same_origin(answers, e),
                weight: f64::from(grid.weights[e]) / 100.0,
                cells: grid.cells[e]
                    .iter()
                    .zip(columns)
                    .map(|(cell, &h)| Cell {
                        hypothesis: answers.hypotheses[h].node.key.clone(),
                        rating: cell.rating,
                        analyst: cell.analyst,
                        derived: cell.derived,
                    })
                    .collect(),
                diagnosticity: spread,
                no_diagnostic_value: spread == 0,
            }
        })
        .collect()
}

/// The matrix of the question whose hypotheses are `columns` (indices into
/// [`Answers::hypotheses`]), from each item's `derived` paths.
pub(super) fn question_matrix(
    answers: &Answers,
    columns: &[usize],
    derived: &[Vec<(usize, u8)>],
) -> QuestionMatrix {
    let first = &answers.hypotheses[columns[0]];
    let grid = Grid::new(answers, columns, derived);
    let scores = grid.scores(None);
    let groups = order(&grid.ordering(&scores));
    let rank = ranks(&groups, grid.exclusive, grid.columns);
    let note = if grid.exclusive {
        "The hypotheses exclude each other: ranked least inconsistent first (weighted inconsistency)."
    } else {
        "The hypotheses are not exclusive (complementary readings): their support is compared, most supported first, and no ranking is implied."
    };
    QuestionMatrix {
        key: first.question.clone(),
        text: first.question_text.clone(),
        exclusive: grid.exclusive,
        hypotheses: hypothesis_scores(&grid, answers, columns, &scores, &rank),
        evidence: evidence_rows(&grid, answers, columns),
        order: groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|&c| answers.hypotheses[columns[c]].node.key.clone())
                    .collect()
            })
            .collect(),
        note: note.to_string(),
        sensitivity: sensitivity(&grid, answers, columns, &scores),
    }
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
