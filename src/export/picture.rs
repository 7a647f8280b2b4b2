//! The picture every drawing format writes: a brief's nodes with wrapped labels, its edges by style, each hypothesis's support tree as a group, and the colours of each kind.

use std::collections::{HashMap, HashSet};

use super::{Selection, support_tree};
use crate::read::graph::GraphNode;
use crate::read::node::{EdgeKind, Kind, Node, Status};

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeStyle {
    /// One proposition supports another.
    Support,
    /// One proposition opposes another.
    Attack,
    /// Any other link: answers, source, said-by, mentions, …
    Relation,
}

/// One node of a picture.
#[derive(Debug, Clone)]
pub struct PicNode {
    /// A short id for the drawing (`n0`, `n1`, …).
    pub id: String,
    /// The node, its text with control characters removed.
    pub node: Node,
    /// The text wrapped into short lines for a label.
    pub lines: Vec<String>,
    pub status: Option<Status>,
    pub hedge: Option<String>,
    pub date: Option<String>,
    /// The hypothesis group the node is drawn in: the one support tree it
    /// belongs to. A node in several trees (shared evidence) is drawn outside
    /// every group; `groups` lists them all.
    pub group: Option<usize>,
    pub groups: Vec<usize>,
}

/// A picture's node is read as the node it draws: `n.iri`, `n.kind`,
/// `n.key` and `n.text` are its identity's.
impl std::ops::Deref for PicNode {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// One edge of a picture, between node indices.
#[derive(Debug, Clone)]
pub struct PicEdge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub strong: bool,
}

impl PicEdge {
    pub fn style(&self) -> EdgeStyle {
        match self.kind {
            EdgeKind::Supports => EdgeStyle::Support,
            EdgeKind::Opposes => EdgeStyle::Attack,
            _ => EdgeStyle::Relation,
        }
    }
}

/// A hypothesis's support tree, drawn as a group.
#[derive(Debug, Clone)]
pub struct Group {
    /// A short id for the drawing (`g0`, `g1`, …).
    pub id: String,
    /// The hypothesis's key and text.
    pub key: String,
    pub text: String,
    /// The hypothesis's node index.
    pub node: usize,
}

/// What every drawing format writes: nodes, edges, groups, and the brief's title and rights.
#[derive(Debug, Clone)]
pub struct Picture {
    pub brief: String,
    pub title: String,
    pub rights: String,
    pub nodes: Vec<PicNode>,
    pub edges: Vec<PicEdge>,
    pub groups: Vec<Group>,
}

/// What a picture shows besides the argument.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PictureOptions {
    /// Draw actors and events too, with their mention, said-by and
    /// participant links. Off by default: the argument (question,
    /// hypotheses, claims, evidence and sources) is what a picture is for,
    /// and a brief's actors and events outnumber its propositions.
    pub entities: bool,
}

/// Characters per label line, and lines per label before it is cut with `…`.
const WRAP: usize = 32;
const MAX_LINES: usize = 6;

/// Builds the picture of a selection: the whole brief, or the focused hypothesis's
/// support tree with what opposes it, its question, and what its nodes cite;
/// actors and events only when `options` asks for them.
pub fn picture(selection: &Selection, options: PictureOptions) -> Picture {
    let g = &selection.graph;
    let keep: Option<HashSet<String>> = selection.focus.as_ref().map(|h| {
        let mut keep: HashSet<String> = support_tree(g, h).into_iter().collect();
        for e in &g.edges {
            if (e.kind == EdgeKind::Opposes && keep.contains(&e.to))
                || (e.kind == EdgeKind::Answers && e.from == *h)
            {
                keep.insert(e.to.clone());
                keep.insert(e.from.clone());
            }
        }
        let propositions = keep.clone();
        for e in &g.edges {
            if propositions.contains(&e.from)
                && !matches!(
                    e.kind,
                    EdgeKind::Supports | EdgeKind::Opposes | EdgeKind::Answers
                )
            {
                keep.insert(e.to.clone());
            }
        }
        keep
    });
    let nodes: Vec<&GraphNode> = g
        .nodes
        .iter()
        .filter(|n| keep.as_ref().is_none_or(|k| k.contains(&n.iri)))
        .filter(|n| options.entities || !matches!(n.kind, Kind::Actor | Kind::Event))
        .collect();
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.iri.as_str(), i))
        .collect();
    let hypotheses: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Kind::Hypothesis)
        .filter(|(_, n)| selection.focus.as_ref().is_none_or(|f| *f == n.iri))
        .map(|(i, _)| i)
        .collect();
    let mut memberships: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut groups = Vec::new();
    for (gi, &h) in hypotheses.iter().enumerate() {
        for iri in support_tree(g, &nodes[h].iri) {
            if let Some(&i) = index.get(iri.as_str()) {
                memberships[i].push(gi);
            }
        }
        groups.push(Group {
            id: format!("g{gi}"),
            key: nodes[h].key.clone(),
            text: clean(&nodes[h].text),
            node: h,
        });
    }
    let pic_nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let text = clean(&n.text);
            PicNode {
                id: format!("n{i}"),
                lines: wrap(&text, WRAP, MAX_LINES),
                node: Node {
                    text,
                    ..n.node.clone()
                },
                status: n.status.clone(),
                hedge: n.hedge.as_deref().map(clean),
                date: n.date.clone(),
                group: (memberships[i].len() == 1).then(|| memberships[i][0]),
                groups: memberships[i].clone(),
            }
        })
        .collect();
    let edges = g
        .edges
        .iter()
        .filter_map(|e| {
            Some(PicEdge {
                from: *index.get(e.from.as_str())?,
                to: *index.get(e.to.as_str())?,
                kind: e.kind,
                strong: e.strong,
            })
        })
        .collect();
    Picture {
        brief: g.brief.id.clone(),
        title: clean(&g.brief.title),
        rights: clean(&g.brief.rights),
        nodes: pic_nodes,
        edges,
        groups,
    }
}

/// `text` without the control characters no format can carry (XML 1.0 forbids them), keeping line breaks and tabs.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// Wraps `text` (white space, line breaks included, collapsed) into lines of
/// at most `width` characters, breaking words longer than a line; past
/// `max_lines` the last line ends with `…`.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let room = if len == 0 {
                width
            } else {
                width.saturating_sub(len + 1)
            };
            if word.len() <= room {
                if len > 0 {
                    line.push(' ');
                    len += 1;
                }
                line.extend(word.iter());
                len += word.len();
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
                continue;
            }
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        let mut chars: Vec<char> = last.chars().collect();
        chars.truncate(width.saturating_sub(1));
        *last = chars.into_iter().collect::<String>() + "…";
    }
    lines
}

/// Fill and stroke colours of a node kind, shared by every drawing format.
pub fn colours(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Question => ("#fff3e0", "#e65100"),
        Kind::Hypothesis => ("#e3f2fd", "#1565c0"),
        Kind::Claim => ("#f5f5f5", "#424242"),
        Kind::Evidence => ("#e8f5e9", "#2e7d32"),
        Kind::Source => ("#fffde7", "#f9a825"),
        Kind::Actor => ("#f3e5f5", "#6a1b9a"),
        Kind::Event => ("#e0f7fa", "#00838f"),
    }
}

/// The colour of an edge style.
pub fn edge_colour(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Support => "#2e7d32",
        EdgeStyle::Attack => "#c62828",
        EdgeStyle::Relation => "#9e9e9e",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_words_and_cuts_long_text() {
        assert_eq!(wrap("a b\nc", 10, 3), vec!["a b c"]);
        assert_eq!(wrap("abcdefghij", 4, 5), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4, 2), vec![""]);
        let cut = wrap("one two three four five six", 5, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert_eq!(
            wrap("été à Pyongyang", 6, 9),
            vec!["été à", "Pyongy", "ang"]
        );
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(clean("a\u{0}b\u{1b}c\nd\te"), "abc\nd\te");
    }
}
