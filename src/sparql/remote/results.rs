//! Reading a remote store's answers: SPARQL JSON results and RDF graphs, used only when complete.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};
use serde_json::Value;

use crate::Error;
use crate::sparql::remote::Reply;
use crate::sparql::{Answer, Solutions};

const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

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

/// Reads SPARQL JSON results; the whole body must be one complete JSON document.
pub(super) fn parse_json_results(url: &str, body: &[u8]) -> Result<Answer, Error> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        let tail = String::from_utf8_lossy(&body[body.len().saturating_sub(120)..])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Error::Incomplete(format!(
            "{url}: the result is cut short or malformed ({e}, after {} bytes, ending \"…{tail}\"); \
             the server may have stopped the query at its time limit. Nothing was printed",
            body.len()
        ))
    })?;
    let malformed = |what: &str| Error::Remote(format!("{url}: not SPARQL JSON results: {what}"));
    if let Some(b) = value.get("boolean") {
        return b
            .as_bool()
            .map(Answer::Boolean)
            .ok_or_else(|| malformed("`boolean` is not true or false"));
    }
    let variables: Vec<String> = value
        .pointer("/head/vars")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("no head.vars"))?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect::<Option<_>>()
        .ok_or_else(|| malformed("a variable name is not a string"))?;
    let bindings = value
        .pointer("/results/bindings")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("no results.bindings"))?;
    let mut rows = Vec::with_capacity(bindings.len());
    for binding in bindings {
        let object = binding
            .as_object()
            .ok_or_else(|| malformed("a binding is not an object"))?;
        let mut row = Vec::with_capacity(variables.len());
        for v in &variables {
            row.push(match object.get(v) {
                None => None,
                Some(term) => Some(json_term(term).map_err(|e| malformed(&e))?),
            });
        }
        rows.push(row);
    }
    Ok(Answer::Solutions(Solutions { variables, rows }))
}

/// One RDF term of SPARQL JSON results, including Virtuoso's older `typed-literal`.
fn json_term(term: &Value) -> Result<Term, String> {
    let field = |name: &str| term.get(name).and_then(Value::as_str);
    let value = field("value").ok_or("a term without a value")?;
    match field("type") {
        Some("uri") => NamedNode::new(value)
            .map(Term::from)
            .map_err(|e| format!("`{value}` is not an IRI: {e}")),
        Some("bnode") => Ok(BlankNode::new(value)
            .unwrap_or_else(|_| {
                let id: String = value
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                BlankNode::new_unchecked(format!("b{id}"))
            })
            .into()),
        Some("literal" | "typed-literal") => {
            if let Some(language) = field("xml:lang") {
                return Literal::new_language_tagged_literal(value, language)
                    .map(Term::from)
                    .map_err(|e| format!("bad language tag `{language}`: {e}"));
            }
            match field("datatype") {
                None | Some(XSD_STRING) => Ok(Literal::new_simple_literal(value).into()),
                // Virtuoso writes booleans as 1 and 0; the canonical forms keep output identical.
                Some(XSD_BOOLEAN) => {
                    let canonical = match value {
                        "1" | "true" => "true",
                        "0" | "false" => "false",
                        other => other,
                    };
                    Ok(
                        Literal::new_typed_literal(
                            canonical,
                            NamedNode::new_unchecked(XSD_BOOLEAN),
                        )
                        .into(),
                    )
                }
                Some(datatype) => NamedNode::new(datatype)
                    .map(|d| Literal::new_typed_literal(value, d).into())
                    .map_err(|e| format!("`{datatype}` is not an IRI: {e}")),
            }
        }
        Some(other) => Err(format!("terms of type `{other}` are not supported")),
        None => Err("a term without a type".into()),
    }
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
    }

    #[test]
    fn virtuoso_terms_become_the_local_ones() {
        let t = json_term(
            &serde_json::json!({"type": "typed-literal", "datatype": XSD_BOOLEAN, "value": "1"}),
        )
        .unwrap();
        assert_eq!(t, Literal::from(true).into());
        let t = json_term(
            &serde_json::json!({"type": "typed-literal", "datatype": XSD_STRING, "value": "a"}),
        )
        .unwrap();
        assert_eq!(t, Literal::new_simple_literal("a").into());
    }
}
