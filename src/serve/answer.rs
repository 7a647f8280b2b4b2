//! Answers serialised in full in memory, checking the row cap and the deadline on every row, so
//! that a stopped answer becomes an error status rather than a 200 with a cut body.

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Triple;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::QueryResultsSerializer;

use super::fail::{Fail, io_fail};
use super::negotiate::{rdf_format, results_format};
use super::worker::Limits;
use crate::Error;
use crate::vocab::PREFIXES;

/// Serialises a query's results (a boolean, solutions or triples) as `media`.
pub(super) fn write_results(
    results: QueryResults,
    media: &str,
    limits: &Limits,
) -> Result<Vec<u8>, Fail> {
    let mut out = Vec::new();
    match results {
        QueryResults::Boolean(b) => {
            QueryResultsSerializer::from_format(results_format(media))
                .serialize_boolean_to_writer(&mut out, b)
                .map_err(io_fail)?;
        }
        QueryResults::Solutions(solutions) => {
            let mut writer = QueryResultsSerializer::from_format(results_format(media))
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
                .map_err(io_fail)?;
            for (n, solution) in solutions.enumerate() {
                limits.check(n + 1)?;
                let solution = solution.map_err(|e| Fail::from(Error::Query(e.to_string())))?;
                writer.serialize(solution.iter()).map_err(io_fail)?;
            }
            writer.finish().map_err(io_fail)?;
        }
        QueryResults::Graph(triples) => {
            let triples = triples.map(|t| t.map_err(|e| Error::Query(e.to_string())));
            out = write_triples(triples, media, limits)?;
        }
    }
    Ok(out)
}

/// Serialises triples as `media` (Turtle with the vocabulary's prefixes).
pub(super) fn write_triples(
    triples: impl Iterator<Item = Result<Triple, Error>>,
    media: &str,
    limits: &Limits,
) -> Result<Vec<u8>, Fail> {
    let format = rdf_format(media);
    let mut serializer = RdfSerializer::from_format(format);
    if format == RdfFormat::Turtle {
        for (prefix, iri) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .map_err(|e| Fail::from(Error::Internal(e.to_string())))?;
        }
    }
    let mut writer = serializer.for_writer(Vec::new());
    for (n, triple) in triples.enumerate() {
        limits.check(n + 1)?;
        writer.serialize_triple(&triple?).map_err(io_fail)?;
    }
    writer.finish().map_err(io_fail)
}
