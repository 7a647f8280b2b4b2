//! `argmap report`'s page: one self-contained HTML file per brief — metadata, the map as inline SVG, each hypothesis's band and support tree, the text with every quote highlighted, the matrix, the timeline and the actors.
//!
//! [`gather`] reads everything through the [`Backend`](crate::sparql::Backend)
//! (trace, matrix and graph as their own modules build them, plus the named
//! queries `report-brief`, `reanchor-text` (for the furniture),
//! `report-anchors`, `report-actors` and `timeline`), so a report works from the local store, the bundled brief
//! and a remote endpoint alike. [`to_html`] writes the page, one file per
//! section under `html/`: inline CSS and script from `src/report/`, no
//! font, image or script fetched, so it opens offline.
//!
//! Quotes are placed by their anchors' character offsets (Unicode scalar
//! values, as `oa:start`/`oa:end` count them), never by searching the text
//! again: overlapping quotes cut the text into segments, each marked with
//! every passage it belongs to.

mod gather;
mod html;

use std::ops::Deref;

pub use gather::{choose_brief, gather};
pub use html::to_html;

use crate::read::graph::BriefGraph;
use crate::read::matrix::BriefMatrix;
use crate::read::node::Node;
use crate::read::trace::BriefTrace;

/// The most nodes the map draws in full. Past it the map keeps the
/// questions, hypotheses and claims (the evidence stays in the trees, the
/// text and the matrix), and says so; past it again, there is no map.
pub const MAP_LIMIT: usize = 400;

/// How to write the page.
#[derive(Debug, Clone)]
pub struct Options {
    /// See [`MAP_LIMIT`].
    pub map_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            map_limit: MAP_LIMIT,
        }
    }
}

/// A brief's own description.
#[derive(Debug, Clone, Default)]
pub struct BriefMeta {
    pub iri: String,
    pub id: String,
    pub title: String,
    pub rights: String,
    pub language: Option<String>,
    /// The brief's full text.
    pub content: String,
    /// Its page furniture (running heads, footers): drawn inside a quote
    /// as not being the author's words.
    pub furniture: Vec<String>,
    pub series: Option<String>,
    pub number: Option<String>,
    pub issued: Option<String>,
    pub creators: Vec<String>,
    pub publishers: Vec<String>,
    pub mapped_by: Option<String>,
    pub mapped_on: Option<String>,
}

/// A passage of the text that a node quotes.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The node that quotes it: an index into the report's graph's nodes.
    pub node: usize,
    /// Offsets in characters, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// A dated event: its node (the IRI empty when the graph has no event of
/// its key), when it happened as EDTF text, and how sure that date is.
#[derive(Debug, Clone)]
pub struct Event {
    pub node: Node,
    pub when: String,
    pub inferred: bool,
    pub approximate: bool,
}

/// An event is read as the node it is.
impl Deref for Event {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// An actor and its links to other knowledge bases.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The actor; its text is its name.
    pub node: Node,
    /// Its classes in the ontology besides `arg:Actor` (`Person`, `State`, …).
    pub kinds: Vec<String>,
    pub role: Option<String>,
    /// `skos:exactMatch` IRIs.
    pub links: Vec<String>,
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub meta: BriefMeta,
    pub trace: BriefTrace,
    pub graph: BriefGraph,
    pub matrix: Option<BriefMatrix>,
    /// Sorted by start, then end.
    pub anchors: Vec<Anchor>,
    pub events: Vec<Event>,
    pub actors: Vec<Actor>,
    /// Which arguments stand under grounded semantics.
    pub evaluation: crate::evaluate::Evaluation,
}

/// An actor is read as the node it is.
impl Deref for Actor {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}
