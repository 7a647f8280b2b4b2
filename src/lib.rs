//! argmap: argument maps of policy briefs, checked against the brief's text, stored as RDF and queried with SPARQL.
//!
//! The folders follow the pipeline. [`map`] is the authoring language:
//! `map.toml` parsed, checked against the brief's text and turned into a
//! validated [`map::model::Map`]. [`store`] compiles a map into quads and
//! keeps them in oxigraph. [`sparql`] is how everything is read: the named
//! queries of `queries/` through one [`sparql::Backend`], local or remote.
//! [`read`] builds what the commands show from SPARQL answers (the trace,
//! the matrix, a brief's graph); [`export`], [`interchange`], [`link`],
//! [`report`] and [`serve`] take it out to other tools. The library never
//! prints and never exits.

pub mod corpus;
pub mod draft;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod interchange;
pub mod link;
pub mod map;
pub mod read;
pub mod render;
pub mod report;
pub mod serve;
pub mod sparql;
pub mod store;
pub mod vocab;

pub use error::Error;
pub use store::KnowledgeBase;
