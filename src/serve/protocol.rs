//! The SPARQL 1.1 Protocol at `/sparql`: a query by GET, form POST or direct POST, an update by
//! form POST or direct POST, each checked for nesting before it is parsed and evaluated.

use std::path::Path;
use std::sync::Arc;

use oxhttp::model::{Body, Method, Request, StatusCode, header};

use super::auth::authorize;
use super::child::run_in_child;
use super::fail::{Fail, fail};
use super::job::{Job, answer_job, in_words};
use super::request::{graph_params, header_text, media_type, param, query_params, read_body};
use super::{Reply, Service};
use crate::map::text::{NotUtf8, text_of};
use crate::sparql::guard::{DEFAULT_MAX_CHAIN, check_shape};

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
        let iris = |name| -> Result<Vec<String>, Fail> {
            Ok(graph_params(params, name)?
                .into_iter()
                .map(|n| n.into_string())
                .collect())
        };
        let job = Job {
            query: text.to_string(),
            accept: header_text(request, header::ACCEPT),
            default_graphs: iris("default-graph-uri")?,
            named_graphs: iris("named-graph-uri")?,
            allow_service: self.config.allow_service,
        };
        let kb = self.kb();
        match (self.config.worker.clone(), kb.path().map(Path::to_path_buf)) {
            // A store on disk is queried in a child process, which the
            // deadline and the memory cap can stop, and whose memory is
            // given back when it ends.
            (Some(exe), Some(store)) => {
                let max_memory = self.config.max_memory;
                let writer = Arc::clone(&self.writer);
                self.limited(move |limits, _| {
                    let _reading = writer.read().unwrap_or_else(|e| e.into_inner());
                    run_in_child(&exe, &store, &job, limits, max_memory)
                })
            }
            _ => self.limited(move |limits, token| answer_job(&kb, job, limits, token)),
        }
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
                let _writer = writer.write().unwrap_or_else(|e| e.into_inner());
                kb.update(&text, allow_load, allow_service)
                    .map_err(|e| in_words(e, &text))?;
                Ok(Reply::new("text/plain; charset=utf-8", "updated\n"))
            },
            false,
        )
    }
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
