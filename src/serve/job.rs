//! A query's work as one value that can cross a pipe: what the request asks (text, `Accept`,
//! dataset, SERVICE), and its evaluation into a complete reply, in the server's process or in a
//! query's child process alike.

use oxhttp::model::StatusCode;
use oxigraph::model::NamedNode;
use oxigraph::sparql::CancellationToken;
use serde::{Deserialize, Serialize};

use super::Reply;
use super::answer::write_results;
use super::fail::{Fail, fail};
use super::negotiate::{RDF_TYPES, RESULT_TYPES, negotiate};
use super::worker::Limits;
use crate::Error;
use crate::sparql::describe_syntax_error;
use crate::sparql::guard::calls_service;
use crate::store::{EvalOptions, KnowledgeBase};

/// One query as a request asks it.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub(super) struct Job {
    /// The query's text, already held to the limits on nesting and chains.
    pub(super) query: String,
    /// The request's `Accept` header.
    pub(super) accept: Option<String>,
    /// `default-graph-uri` values.
    pub(super) default_graphs: Vec<String>,
    /// `named-graph-uri` values.
    pub(super) named_graphs: Vec<String>,
    /// Whether SERVICE may call out.
    pub(super) allow_service: bool,
}

/// IRIs already checked by the request's reader, as named nodes.
fn nodes(iris: &[String]) -> Result<Vec<NamedNode>, Fail> {
    iris.iter()
        .map(|iri| {
            NamedNode::new(iri.as_str()).map_err(|e| {
                fail(
                    StatusCode::BAD_REQUEST,
                    "protocol",
                    format!("`{iri}` is not an IRI: {e}"),
                )
            })
        })
        .collect()
}

/// Parses, evaluates and serialises `job` on `kb`, checking `limits` on
/// every row; the answer is whole or an error.
pub(super) fn answer_job(
    kb: &KnowledgeBase,
    job: Job,
    limits: &Limits,
    token: &CancellationToken,
) -> Result<Reply, Fail> {
    // Which negotiation applies is known once the query is parsed.
    let for_results = negotiate(job.accept.as_deref(), RESULT_TYPES);
    let for_graphs = negotiate(job.accept.as_deref(), RDF_TYPES);
    let parsed = parse_query(&job.query)?;
    if !job.allow_service && calls_service(&parsed) {
        // oxigraph answers EXISTS { SERVICE … } with true when SERVICE
        // is off, instead of failing: refuse it before evaluating.
        return Err(fail(
            StatusCode::FORBIDDEN,
            "service-disabled",
            "SERVICE is disabled on this endpoint (start it with --allow-service)",
        ));
    }
    let media = match parsed {
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => for_graphs?,
        _ => for_results?,
    };
    let results = kb.evaluate(
        parsed,
        EvalOptions {
            cancel: token.clone(),
            allow_service: job.allow_service,
            default_graphs: nodes(&job.default_graphs)?,
            named_graphs: nodes(&job.named_graphs)?,
        },
    )?;
    let out = write_results(results, media, limits)?;
    limits.check(0)?;
    Ok(Reply::new(media, out))
}

/// Parses a query, saying where a syntax error is and what to do about it.
pub(super) fn parse_query(text: &str) -> Result<spargebra::Query, Fail> {
    spargebra::SparqlParser::new()
        .parse_query(text)
        .map_err(|e| in_words(Error::Syntax(e.to_string()), text))
}

/// A syntax error of `text` said in words, with its line and column, as
/// `argmap query` says it; any other error as it is.
pub(super) fn in_words(e: Error, text: &str) -> Fail {
    let Error::Syntax(message) = e else {
        return Fail::from(e);
    };
    let (place, what) = describe_syntax_error(text, &message);
    let at = place
        .map(|(l, c)| format!(" at line {l}, column {c}"))
        .unwrap_or_default();
    Fail::from(Error::Syntax(format!(
        "{what}{at}; fix it there and send it again"
    )))
}
