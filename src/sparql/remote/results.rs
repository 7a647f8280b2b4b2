//! Reading a remote store's answers: SPARQL JSON results (read by sparesults) and RDF graphs, used only when complete.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

use crate::Error;
use crate::sparql::remote::Reply;
use crate::sparql::{Answer, Solutions};

/// Fails when the server marked the answer as cut short.
pub(super) fn check_not_cut(url: &str, reply: &Reply) -> Result<(), Error> {
    if let Some(max) = reply.header("x-sparql-maxrows") {
        return Err(Error::Incomplete(format!(
            "{url}: the server stopped the result at its row limit ({max} rows); nothing was printed. \
             Narrow the query (--brief ID) or raise the server's limit (Virtuoso: ResultSetMaxRows in [SPARQL])"
        )));
    }
    if let Some(state) = reply.header("x-sql-state") {
        let message = reply.header("x-sql-message").unwrap_or("");
        return Err(Error::Incomplete(format!(
            "{url}: the server returned a partial result ({state} {message}); nothing was printed. \
             Raise its time limit (Virtuoso: MaxQueryExecutionTime) or narrow the query"
        )));
    }
    Ok(())
}

/// Reads SPARQL JSON results; the whole body must be one complete JSON
/// document. Virtuoso's older forms (`typed-literal`, booleans as 1 and 0,
/// blank nodes named `nodeID://…`) become the terms the local store gives,
/// so that output is the same byte for byte.
pub(super) fn parse_json_results(url: &str, body: &[u8]) -> Result<Answer, Error> {
    match read_json_results(body) {
        Err(e) if is_bad_blank_node(&e) => match virtuoso_blank_nodes(body) {
            Some(renamed) => read_json_results(&renamed),
            None => Err(e),
        },
        other => other,
    }
    .map_err(|e| unusable(url, body, &e))
}

/// The answer in `body`, read to its last byte.
fn read_json_results(body: &[u8]) -> Result<Answer, String> {
    let parser = QueryResultsParser::from_format(QueryResultsFormat::Json);
    match parser.for_slice(body).map_err(|e| e.to_string())? {
        SliceQueryResultsParserOutput::Boolean(value) => {
            // The parser stops at the value; the rest of the body must still be whole.
            serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(|e| e.to_string())?;
            Ok(Answer::Boolean(value))
        }
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            // Reading every solution reads the body to its end, so a cut or
            // trailing text is an error here, not a shorter answer.
            let rows = solutions
                .map(|solution| {
                    let solution = solution.map_err(|e| e.to_string())?;
                    Ok(solution.values().iter().map(local_term).collect())
                })
                .collect::<Result<_, String>>()?;
            Ok(Answer::Solutions(Solutions { variables, rows }))
        }
    }
}

/// Virtuoso writes booleans as 1 and 0; the canonical forms keep output identical.
fn local_term(term: &Option<Term>) -> Option<Term> {
    match term {
        Some(Term::Literal(l)) if l.datatype() == xsd::BOOLEAN => {
            let canonical = match l.value() {
                "1" | "true" => true,
                "0" | "false" => false,
                _ => return term.clone(),
            };
            Some(Literal::from(canonical).into())
        }
        other => other.clone(),
    }
}

fn is_bad_blank_node(error: &str) -> bool {
    error.contains("Invalid bnode value")
}

/// Virtuoso names a blank node `nodeID://b10003`, which is no blank node
/// label; the body with each such name made one (`nodeID_b10003`), or
/// `None` when it holds none. Only the name of a term typed `bnode`, in the
/// exact form Virtuoso writes it, is touched: a literal or an IRI with the
/// same text is left alone.
fn virtuoso_blank_nodes(body: &[u8]) -> Option<Vec<u8>> {
    const NAMED: &[u8] = b"\"type\": \"bnode\", \"value\": \"nodeID://";
    const RENAMED: &[u8] = b"\"type\": \"bnode\", \"value\": \"nodeID_";
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut found = false;
    while let Some(at) = rest.windows(NAMED.len()).position(|w| w == NAMED) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(RENAMED);
        rest = &rest[at + NAMED.len()..];
        found = true;
    }
    out.extend_from_slice(rest);
    found.then_some(out)
}

/// Why an answer cannot be used: a body that is whole JSON but not SPARQL
/// results is the server's mistake; anything else was cut short, most
/// often by the server's time limit.
fn unusable(url: &str, body: &[u8], e: &str) -> Error {
    if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
        return Error::Remote(format!("{url}: not SPARQL JSON results: {e}"));
    }
    let tail = String::from_utf8_lossy(&body[body.len().saturating_sub(120)..])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Error::Incomplete(format!(
        "{url}: the result is cut short or malformed ({e}, after {} bytes, ending \"…{tail}\"); \
         the server may have stopped the query at its time limit. Nothing was printed",
        body.len()
    ))
}

/// Reads a CONSTRUCT or DESCRIBE answer (N-Triples or Turtle).
pub(super) fn parse_graph(url: &str, body: &[u8]) -> Result<Vec<Triple>, Error> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(body)
        .map(|q| q.map(Triple::from))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            Error::Incomplete(format!(
                "{url}: the graph sent is cut short or malformed ({e}); nothing was printed"
            ))
        })
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{BlankNode, NamedNode};

    use super::*;

    #[test]
    fn a_cut_result_is_an_error() {
        let whole = br#"{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1"}}]}}"#;
        assert!(parse_json_results("u", whole).is_ok());
        let cut = &whole[..whole.len() - 3];
        assert!(matches!(
            parse_json_results("u", cut),
            Err(Error::Incomplete(_))
        ));
        let mut oxigraph_style = cut.to_vec();
        oxigraph_style.extend_from_slice(b"The SPARQL operation has been cancelled");
        let e = parse_json_results("u", &oxigraph_style)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cancelled"), "{e}");
        let mut trailing = whole.to_vec();
        trailing.extend_from_slice(b" {}");
        assert!(matches!(
            parse_json_results("u", &trailing),
            Err(Error::Incomplete(_))
        ));
        let boolean = br#"{"head":{},"boolean":true}"#;
        assert_eq!(
            parse_json_results("u", boolean).unwrap(),
            Answer::Boolean(true)
        );
        assert!(matches!(
            parse_json_results("u", &boolean[..boolean.len() - 1]),
            Err(Error::Incomplete(_))
        ));
        assert!(matches!(
            parse_json_results("u", br#"{"error":"no such graph"}"#),
            Err(Error::Remote(_))
        ));
    }

    #[test]
    fn virtuoso_terms_become_the_local_ones() {
        // As Virtuoso 7.2 writes them, spacing and tabs included.
        let body = br#"{ "head": { "link": [], "vars": ["s", "p", "o"] },
  "results": { "distinct": false, "ordered": true, "bindings": [
    { "s": { "type": "uri", "value": "urn:s" }	, "p": { "type": "uri", "value": "urn:r" }	, "o": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#string", "value": "a" }},
    { "s": { "type": "bnode", "value": "nodeID://b10003" }	, "p": { "type": "uri", "value": "urn:q" }	, "o": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1" }},
    { "s": { "type": "bnode", "value": "nodeID://b10003" }	, "p": { "type": "uri", "value": "urn:p" }	, "o": { "type": "literal", "value": "nodeID://b10003" }} ] } }"#;
        let Answer::Solutions(s) = parse_json_results("u", body).unwrap() else {
            panic!("not solutions");
        };
        assert_eq!(s.variables, ["s", "p", "o"]);
        assert_eq!(s.rows[0][2], Some(Literal::new_simple_literal("a").into()));
        assert_eq!(s.rows[1][2], Some(Literal::from(true).into()));
        let node = Term::from(BlankNode::new("nodeID_b10003").unwrap());
        assert_eq!(s.rows[1][0], Some(node.clone()));
        assert_eq!(s.rows[2][0], Some(node));
        // A literal with the same text keeps it.
        assert_eq!(
            s.rows[2][2],
            Some(Literal::new_simple_literal("nodeID://b10003").into())
        );
        assert_eq!(s.rows[0][0], Some(NamedNode::new("urn:s").unwrap().into()));
    }
}
