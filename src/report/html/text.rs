//! The brief's text with every passage the map quotes marked, cut at each passage's start and end so that overlapping passages need no search, and the page furniture inside a passage left unmarked.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::Places;
use crate::render::escape;
use crate::report::Report;

pub(super) fn write_text(out: &mut String, report: &Report, places: &Places) {
    let meta = &report.meta;
    out.push_str("<section id=\"text\" aria-labelledby=\"text-h\">\n<h2 id=\"text-h\">The brief's text</h2>\n");
    if meta.content.is_empty() {
        out.push_str("<p>The store holds no text for this brief (an imported map, say): its quotes cannot be shown in place.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>{} passage{} quoted by the map {} highlighted; the ↩ after each leads back to the node that quotes it.</p>",
        report.anchors.len(),
        if report.anchors.len() == 1 { "" } else { "s" },
        if report.anchors.len() == 1 {
            "is"
        } else {
            "are"
        }
    );
    let text: Vec<char> = meta.content.chars().collect();
    let ranges: Vec<(usize, usize)> = report.anchors.iter().map(|a| (a.start, a.end)).collect();
    let furniture = furniture_inside(&meta.content, &meta.furniture, &ranges);
    let _ = write!(
        out,
        "<div class=\"brief-text\" lang=\"{}\">",
        escape(meta.language.as_deref().unwrap_or("en"))
    );
    for piece in pieces(text.len(), &ranges) {
        for &i in &piece.ends {
            let n = &report.graph.nodes[report.anchors[i].node];
            if let Some(to) = places.home.get(&n.iri) {
                let _ = write!(
                    out,
                    "<a class=\"back\" href=\"#{to}\" aria-label=\"Back to {} {}\">↩</a>",
                    n.kind,
                    escape(&n.key)
                );
            }
        }
        for &i in &piece.starts {
            let a = &report.anchors[i];
            let _ = write!(
                out,
                "<span class=\"target\" id=\"p{i}\" data-start=\"{}\" data-end=\"{}\" data-node=\"{}\"></span>",
                a.start,
                a.end,
                escape(&report.graph.nodes[a.node].iri)
            );
        }
        if piece.open.is_empty() {
            let segment: String = text[piece.start..piece.end].iter().collect();
            out.push_str(&escape(&segment));
            continue;
        }
        let ids: Vec<String> = piece.open.iter().map(|i| format!("p{i}")).collect();
        for (from, to, furniture) in split(piece.start, piece.end, &furniture) {
            let segment: String = text[from..to].iter().collect();
            if furniture {
                let _ = write!(
                    out,
                    "<span class=\"furniture\" title=\"page furniture, not the author's words\">{}</span>",
                    escape(&segment)
                );
            } else {
                let _ = write!(
                    out,
                    "<mark data-a=\"{}\">{}</mark>",
                    ids.join(" "),
                    escape(&segment)
                );
            }
        }
    }
    out.push_str("</div>\n</section>\n");
}

/// The runs of page furniture (character offsets, end exclusive, merged
/// where they overlap) that lie strictly inside a passage. A quote is
/// matched across the running heads a page break puts between its words,
/// so furniture inside a passage is the page's, not the author's; at a
/// passage's very start or end it would be the quote's own words.
fn furniture_inside(
    content: &str,
    furniture: &[String],
    passages: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = content.char_indices().map(|(b, _)| b).collect();
    let char_at = |byte: usize| starts.partition_point(|&b| b < byte);
    let chars: Vec<char> = content.chars().collect();
    let blank = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_none_or(|c| c.is_whitespace())
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for f in furniture.iter().filter(|f| !f.trim().is_empty()) {
        for (byte, _) in content.match_indices(f.as_str()) {
            let start = char_at(byte);
            let end = char_at(byte + f.len());
            let inside = passages.iter().any(|&(s, e)| s < start && end < e);
            if inside && blank(start.checked_sub(1)) && blank(Some(end)) {
                runs.push((start, end));
            }
        }
    }
    runs.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in runs {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The run `start..end` cut where furniture begins and ends: each part with
/// whether it is furniture. Empty parts are left out.
fn split(start: usize, end: usize, furniture: &[(usize, usize)]) -> Vec<(usize, usize, bool)> {
    let mut parts = Vec::new();
    let mut at = start;
    let first = furniture.partition_point(|&(_, e)| e <= start);
    for &(s, e) in &furniture[first..] {
        if s >= end {
            break;
        }
        let (s, e) = (s.max(at), e.min(end));
        if at < s {
            parts.push((at, s, false));
        }
        parts.push((s, e, true));
        at = e;
    }
    if at < end {
        parts.push((at, end, false));
    }
    parts
}

/// A run of the text between two places where passages start or end.
#[derive(Debug, PartialEq)]
struct Piece {
    /// Passages (indices into the anchors) that end just before the run.
    ends: Vec<usize>,
    /// Passages that start at the run.
    starts: Vec<usize>,
    /// The run, in characters; the last piece is empty and only closes passages.
    start: usize,
    end: usize,
    /// Every passage the run belongs to.
    open: Vec<usize>,
}

/// Cuts a text of `len` characters at every start and end of `anchors`
/// (character offsets, end exclusive; clipped to the text, empty ones
/// left out), so that overlapping and nested passages each mark the runs
/// they cover.
fn pieces(len: usize, anchors: &[(usize, usize)]) -> Vec<Piece> {
    let mut starts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut ends: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &(s, e)) in anchors.iter().enumerate() {
        let (s, e) = (s.min(len), e.min(len));
        if s < e {
            starts.entry(s).or_default().push(i);
            ends.entry(e).or_default().push(i);
        }
    }
    let cuts: BTreeSet<usize> = starts
        .keys()
        .chain(ends.keys())
        .copied()
        .chain([0, len])
        .collect();
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut open: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::with_capacity(cuts.len());
    for (k, &at) in cuts.iter().enumerate() {
        let ending = ends.remove(&at).unwrap_or_default();
        let starting = starts.remove(&at).unwrap_or_default();
        for i in &ending {
            open.remove(i);
        }
        open.extend(starting.iter().copied());
        out.push(Piece {
            ends: ending,
            starts: starting,
            start: at,
            end: cuts.get(k + 1).copied().unwrap_or(at),
            open: open.iter().copied().collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_inside_a_passage_is_cut_out_of_it() {
        let text = "One two Online Series three. Online Series";
        let furniture = vec!["Online Series".to_string(), "Series".to_string()];
        let runs = furniture_inside(text, &furniture, &[(0, 27), (29, 42)]);
        assert_eq!(
            runs,
            vec![(8, 21)],
            "at a passage's end it is the quote's own"
        );
        assert_eq!(
            split(4, 27, &runs),
            vec![(4, 8, false), (8, 21, true), (21, 27, false)]
        );
        assert_eq!(split(22, 27, &runs), vec![(22, 27, false)]);
    }

    #[test]
    fn overlapping_and_nested_passages_mark_each_run_they_cover() {
        let p = pieces(10, &[(2, 6), (4, 8), (4, 6), (9, 20), (12, 15), (3, 3)]);
        let runs: Vec<(usize, usize, Vec<usize>)> =
            p.iter().map(|p| (p.start, p.end, p.open.clone())).collect();
        assert_eq!(
            runs,
            vec![
                (0, 2, vec![]),
                (2, 4, vec![0]),
                (4, 6, vec![0, 1, 2]),
                (6, 8, vec![1]),
                (8, 9, vec![]),
                (9, 10, vec![3]),
                (10, 10, vec![]),
            ]
        );
        assert_eq!(p[3].ends, vec![0, 2]);
        assert_eq!(
            p[6].ends,
            vec![3],
            "a passage past the end closes at the end"
        );
        assert!(
            p.iter()
                .all(|p| !p.starts.contains(&4) && !p.starts.contains(&5))
        );
    }
}
