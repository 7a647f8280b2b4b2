//! What the commands show, built in Rust from graph-scoped SPARQL answers: the briefs of a store, a brief's graph, the support trace, the competing-hypotheses matrix, and the checks of analytic rigour.
//!
//! Everything here reads through [`crate::sparql::Backend`], so the same
//! code serves the local store and a remote endpoint. Every view is built
//! on one node model ([`node`]) and reads its answers one way ([`rows`]).

pub mod briefs;
pub mod graph;
pub mod matrix;
pub mod node;
pub mod quotes;
pub mod rigour;
pub mod rows;
pub mod trace;
