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
//!
//! The steps, one file each: `entity` (what is linked, read from the store
//! or a file), `fold` (labels folded, and how close two are), `score`
//! (a pair of labels scored, and the decisions), `index` (the blocking
//! index and `reconcile`), `search` (asking an endpoint for candidates),
//! `imported` (the links a file makes about the store's entities), and
//! `provenance` (the links graph).

pub mod entity;
pub mod fold;
pub mod imported;
pub mod index;
pub mod provenance;
pub mod score;
pub mod search;

pub use entity::{Entity, Kind, LABEL_PREDICATES, Label, entities_of, store_entities};
pub use fold::{Folded, fold, similarity};
pub use imported::imported_links;
pub use index::{Index, reconcile};
pub use provenance::{
    Activity, LinkRecord, Provenance, dataset_iri, linked, links_graph, links_quads, now_utc, slug,
};
pub use score::{
    AMBIGUITY_MARGIN, Candidate, DEFAULT_MIN_SCORE, Decision, FUZZY_CEILING, MatchKind, Options,
    REPORT_FLOOR, score_labels,
};
pub use search::{EndpointSearch, endpoint_candidates, spellings};
