//! Where a picture's nodes go: each node's box, the band (hypothesis group) it is drawn in, and the layered layout of the whole; the SVG drawing and the Cytoscape.js positions share it.

use super::layout::{Layout, MARGIN, NODE_GAP, layered};
use super::{EdgeStyle, Picture};
use crate::read::node::{EdgeKind, Kind};

/// Label line height and the width of one character, in pixels, at the drawings' 11px font.
pub const LINE_HEIGHT: f64 = 14.0;
pub const CHAR_WIDTH: f64 = 6.4;

/// A picture laid out.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Width and height of each node's box.
    pub sizes: Vec<(f64, f64)>,
    /// The band of each node: a group's index, or `groups.len()` for the
    /// nodes the trees share, or `groups.len() + 1` for the questions.
    pub band: Vec<usize>,
    pub layout: Layout,
}

/// Width and height of a node's shape.
pub fn size(kind: Kind, lines: &[String]) -> (f64, f64) {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let (w, h) = (
        (longest * CHAR_WIDTH + 20.0).clamp(70.0, 240.0),
        lines.len() as f64 * LINE_HEIGHT + 16.0,
    );
    match kind {
        Kind::Source | Kind::Actor | Kind::Question => (w + 24.0, h + 8.0),
        _ => (w, h),
    }
}

/// Lays `picture` out: supported nodes above their support, a question above
/// its answers, a cited node below what cites it; each group in its own band.
pub fn place(picture: &Picture) -> Placed {
    let sizes: Vec<(f64, f64)> = picture
        .nodes
        .iter()
        .map(|n| size(n.kind, &n.lines))
        .collect();
    let mut band = bands(picture);
    let edges: Vec<(usize, usize)> = picture
        .edges
        .iter()
        .map(|e| match (e.style(), e.kind) {
            (EdgeStyle::Support | EdgeStyle::Attack, _) | (_, EdgeKind::Answers) => (e.to, e.from),
            _ => (e.from, e.to),
        })
        .collect();
    // Questions get a band of their own, past the shared one: they are
    // then centred over their answers, so that the top of the drawing is
    // not a question alone at its right end above an empty row.
    let questions = picture.groups.len() + 1;
    for (i, n) in picture.nodes.iter().enumerate() {
        if n.kind == Kind::Question {
            band[i] = questions;
        }
    }
    let mut layout = layered(&sizes, &edges, &band, questions + 1);
    centre_questions(picture, &sizes, &band, &mut layout);
    Placed {
        sizes,
        band,
        layout,
    }
}

/// Each node's band: its group's, or the shared band after the groups. A
/// source, actor or event cited from one group only is drawn in that
/// group's columns, so that the shared band does not collect them all.
fn bands(picture: &Picture) -> Vec<usize> {
    let shared = picture.groups.len();
    let mut band: Vec<usize> = picture
        .nodes
        .iter()
        .map(|n| n.group.unwrap_or(shared))
        .collect();
    let mut near: Vec<Vec<usize>> = vec![Vec::new(); picture.nodes.len()];
    for e in &picture.edges {
        if let Some(g) = picture.nodes[e.to].group {
            near[e.from].push(g);
        }
        if let Some(g) = picture.nodes[e.from].group {
            near[e.to].push(g);
        }
    }
    for (i, n) in picture.nodes.iter().enumerate() {
        let cited = matches!(n.kind, Kind::Source | Kind::Actor | Kind::Event);
        if n.group.is_none()
            && cited
            && near[i]
                .first()
                .is_some_and(|g| near[i].iter().all(|h| h == g))
        {
            band[i] = near[i][0];
        }
    }
    band
}

/// Moves each question over the middle of its answers, keeping questions
/// of one layer apart and inside the drawing, and narrows the drawing to
/// what is left in it.
fn centre_questions(picture: &Picture, sizes: &[(f64, f64)], band: &[usize], layout: &mut Layout) {
    let mut answers: Vec<Vec<usize>> = vec![Vec::new(); picture.nodes.len()];
    for e in picture.edges.iter().filter(|e| e.kind == EdgeKind::Answers) {
        answers[e.to].push(e.from);
    }
    let mut questions: Vec<usize> = (0..picture.nodes.len())
        .filter(|&i| picture.nodes[i].kind == Kind::Question)
        .collect();
    let others = (0..picture.nodes.len()).filter(|&i| picture.nodes[i].kind != Kind::Question);
    let right = others
        .map(|i| layout.centres[i].0 + sizes[i].0 / 2.0)
        .fold(0.0, f64::max);
    for &q in &questions {
        let xs: Vec<f64> = answers[q]
            .iter()
            .filter(|&&a| band[a] != band[q])
            .map(|&a| layout.centres[a].0)
            .collect();
        if !xs.is_empty() {
            layout.centres[q].0 = xs.iter().sum::<f64>() / xs.len() as f64;
        }
    }
    questions.sort_by(|&a, &b| {
        (layout.layers[a], layout.centres[a].0)
            .partial_cmp(&(layout.layers[b], layout.centres[b].0))
            .expect("finite")
    });
    let mut previous: Option<usize> = None;
    for &q in &questions {
        let half = sizes[q].0 / 2.0;
        let mut x = layout.centres[q].0.max(MARGIN + half);
        if let Some(p) = previous.filter(|&p| layout.centres[p].1 == layout.centres[q].1) {
            x = x.max(layout.centres[p].0 + sizes[p].0 / 2.0 + NODE_GAP + half);
        }
        layout.centres[q].0 = x;
        previous = Some(q);
    }
    let widest = questions
        .iter()
        .map(|&q| layout.centres[q].0 + sizes[q].0 / 2.0)
        .fold(right, f64::max);
    layout.width = widest + MARGIN;
}
