//! The cap on one literal's size, which every write into the store is held to: maps and briefs,
//! AIF and Argdown imports, RDF loads, the Graph Store Protocol and SPARQL Update's data.
//!
//! A brief's text is the largest literal argmap writes itself; a literal of
//! gigabytes is an attack (entity expansion, a generated file) or a mistake,
//! and it would slow every later read of its graph.

use oxigraph::model::{QuadRef, TermRef};

use crate::Error;

/// The largest literal the store takes, in bytes of UTF-8.
pub const MAX_LITERAL: usize = 8 << 20;

/// Refuses a quad whose object is a literal over [`MAX_LITERAL`] bytes,
/// naming its graph, subject and predicate.
pub fn check_literal(quad: QuadRef<'_>) -> Result<(), Error> {
    let TermRef::Literal(literal) = quad.object else {
        return Ok(());
    };
    let size = literal.value().len();
    if size <= MAX_LITERAL {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "a literal of {size} bytes (the object of {} {} in the graph {}) is over the cap of {} MiB on one literal; nothing was written. Split the text, or leave it out",
        quad.subject,
        quad.predicate,
        quad.graph_name,
        MAX_LITERAL >> 20
    )))
}
