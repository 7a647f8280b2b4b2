//! The authoring language: `map.toml` beside the brief's exact text, parsed, checked and turned into a validated model.
//!
//! [`parse`] reads the TOML one to one into raw structs with spans;
//! [`check`] validates them against each other and the brief's text
//! ([`text`] turns a file's bytes into text, [`anchor`] finds quotes,
//! [`date`] and [`hedge`] read the two small languages inside values) and
//! returns a [`model::Map`] or every problem as a [`diagnostic::Diagnostic`].
//! [`lint`] gives advice on a map that checks clean; [`seed`] is the
//! bundled brief; [`schema`] is the JSON Schema of `map.toml`. Nothing here knows about RDF or the store.

pub mod anchor;
pub mod check;
pub mod date;
pub mod diagnostic;
pub mod hedge;
pub mod lint;
pub mod model;
pub mod parse;
pub mod reanchor;
pub mod rigour;
pub mod schema;
pub mod seed;
pub mod text;
