//! The SPARQL 1.1 Protocol at `/sparql`: a query by GET, form POST or direct POST, an update by
//! form POST or direct POST, each checked for nesting before it is parsed and evaluated.

use std::sync::Arc;

use oxhttp::model::{Body, Method, Request, StatusCode, header};

use super::answer::write_results;
use super::auth::authorize;
use super::fail::{Fail, fail};
use super::negotiate::{RDF_TYPES, RESULT_TYPES, negotiate};
use super::request::{graph_params, header_text, media_type, param, query_params, read_body};
use super::{Reply, Service};
use crate::Error;
use crate::map::text::{NotUtf8, text_of};
use crate::sparql::describe_syntax_error;
use crate::sparql::guard::{DEFAULT_MAX_CHAIN, calls_service, check_shape};
use crate::store::EvalOptions;

/// The two operations of the Protocol, as a request carries them: a query, an update, or
/// (both absent) neither.
type Operation = (Option<String>, Option<String>);

impl Service {
    /// Answers a request to the SPARQL endpoint; a GET with neither a query
    /// nor an update gets the service description.
    pub(super) fn sparql(&self, request: &mut Request<Body>) -> Result<Reply, Fail> {
        let mut params = query_params(request);
        let method = request.method().clone();
        let (query, update) = if method == Method::GET || method == Method::HEAD {
            if params.iter().any(|(k, _)| k == "update") {
                // The Protocol sends an update by POST only: a GET must not change anything.
                return Err(fail(
                    StatusCode::BAD_REQUEST,
                    "protocol",
                    "an update is sent by POST (form or application/sparql-update), never by GET",
                ));
            }
            (param(&params, "query"), None)
        } else if method == Method::POST {
            self.read_post(request, &mut params)?
        } else {
            return Err(fail(
                StatusCode::METHOD_NOT_ALLOWED,
                "method",
                "the SPARQL endpoint answers GET and POST",
            ));
        };
        match (query, update) {
            (Some(_), Some(_)) => Err(fail(
                StatusCode::BAD_REQUEST,
                "protocol",
                "a request carries either `query` or `update`, not both",
            )),
            (Some(q), None) => self.query(request, &q, &params),
            (None, Some(u)) => self.update(request, &u, &params),
            (None, None) if method == Method::GET || method == Method::HEAD => {
                self.service_description(request)
            }
            (None, None) => Err(fail(
                StatusCode::BAD_REQUEST,
                "protocol",
                "no `query` or `update` in the request",
            )),
        }
    }

    /// The operation a POST carries: in a form, whose fields join `params`,
    /// or as the whole body.
    fn read_post(
        &self,
        request: &mut Request<Body>,
        params: &mut Vec<(String, String)>,
    ) -> Result<Operation, Fail> {
        let media = media_type(request);
        let body = read_body(request, self.config.max_body)?;
        match media.as_str() {
            "application/x-www-form-urlencoded" => {
                params.extend(form_urlencoded::parse(&body).into_owned());
                Ok((param(params, "query"), param(params, "update")))
            }
            "application/sparql-query" => Ok((Some(body_text(body)?), None)),
            "application/sparql-update" => Ok((None, Some(body_text(body)?))),
            other => Err(fail(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "media-type",
                format!(
                    "a POST to the SPARQL endpoint is application/sparql-query, application/sparql-update or application/x-www-form-urlencoded, not `{other}`"
                ),
            )),
        }
    }

    /// Refuses text nested deeper or chained longer than the limits, before
    /// the parser, the optimiser or the evaluator can overflow the stack: a
    /// stack overflow aborts the whole server, for every client.
    fn check_depth(&self, text: &str) -> Result<(), Fail> {
        check_shape(text, self.config.max_depth, DEFAULT_MAX_CHAIN).map_err(Fail::from)
    }

    /// Evaluates a query over the protocol's dataset and answers in the
    /// media type negotiated for its form (results or a graph).
    fn query(
        &self,
        request: &Request<Body>,
        text: &str,
        params: &[(String, String)],
    ) -> Result<Reply, Fail> {
        self.check_depth(text)?;
        let default_graphs = graph_params(params, "default-graph-uri")?;
        let named_graphs = graph_params(params, "named-graph-uri")?;
        let accept = header_text(request, header::ACCEPT);
        // Which negotiation applies is known once the query is parsed.
        let for_results = negotiate(accept.as_deref(), RESULT_TYPES);
        let for_graphs = negotiate(accept.as_deref(), RDF_TYPES);
        let text = text.to_string();
        let kb = self.kb();
        let allow_service = self.config.allow_service;
        self.limited(move |limits, token| {
            // Parsed on the worker, whose stack is large: the parser recurses.
            let parsed = parse_query(&text)?;
            if !allow_service && calls_service(&parsed) {
                // oxigraph answers EXISTS { SERVICE … } with true when SERVICE
                // is off, instead of failing: refuse it before evaluating.
                return Err(fail(
                    StatusCode::FORBIDDEN,
                    "service-disabled",
                    "SERVICE is disabled on this endpoint (start it with --allow-service)",
                ));
            }
            let media = match parsed {
                spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => {
                    for_graphs?
                }
                _ => for_results?,
            };
            let results = kb.evaluate(
                parsed,
                EvalOptions {
                    cancel: token.clone(),
                    allow_service,
                    default_graphs,
                    named_graphs,
                },
            )?;
            let out = write_results(results, media, limits)?;
            limits.check(0)?;
            Ok(Reply::new(media, out))
        })
    }

    /// Runs an update from a request that may write, and waits for it to end.
    fn update(
        &self,
        request: &Request<Body>,
        text: &str,
        params: &[(String, String)],
    ) -> Result<Reply, Fail> {
        authorize(&self.config, request)?;
        if params
            .iter()
            .any(|(k, _)| k == "using-graph-uri" || k == "using-named-graph-uri")
        {
            return Err(fail(
                StatusCode::BAD_REQUEST,
                "protocol",
                "using-graph-uri and using-named-graph-uri are not supported: write USING in the update",
            ));
        }
        self.check_depth(text)?;
        let kb = self.kb();
        let text = text.to_string();
        let (allow_load, allow_service) = (self.config.allow_load, self.config.allow_service);
        let writer = Arc::clone(&self.writer);
        // An update is not cancellable: it runs to its end in one
        // transaction, and the request waits for it.
        self.on_worker(
            move |_, _| {
                let _writer = writer.lock().unwrap_or_else(|e| e.into_inner());
                kb.update(&text, allow_load, allow_service)
                    .map_err(|e| in_words(e, &text))?;
                Ok(Reply::new("text/plain; charset=utf-8", "updated\n"))
            },
            false,
        )
    }
}

/// Parses a query, saying where a syntax error is and what to do about it.
fn parse_query(text: &str) -> Result<spargebra::Query, Fail> {
    spargebra::SparqlParser::new()
        .parse_query(text)
        .map_err(|e| in_words(Error::Syntax(e.to_string()), text))
}

/// A syntax error of `text` said in words, with its line and column, as
/// `argmap query` says it; any other error as it is.
fn in_words(e: Error, text: &str) -> Fail {
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

/// A query or update sent as the whole body, which must be UTF-8.
fn body_text(body: Vec<u8>) -> Result<String, Fail> {
    text_of(body).map_err(|e| {
        let what = match e.get_ref().and_then(|i| i.downcast_ref::<NotUtf8>()) {
            Some(n) => format!(
                "the body is not UTF-8: byte {} (line {}, column {}) is not a UTF-8 character",
                n.byte, n.position.line, n.position.column
            ),
            None => "the body is not UTF-8".to_string(),
        };
        fail(
            StatusCode::BAD_REQUEST,
            "encoding",
            format!("{what}; send the query as UTF-8"),
        )
    })
}
