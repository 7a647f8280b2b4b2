//! `argmap serve`'s engine: the SPARQL 1.1 Protocol and Graph Store Protocol over the store, a
//! service description, the HTML page and the trace endpoint, each request held to limits on
//! time, rows, body size, nesting and concurrency.
//!
//! Every answer is built in full in memory before its status line is sent, so
//! a query stopped by its deadline or its row cap gets an error status with a
//! JSON body, never a 200 with a cut body. Evaluation runs on a worker thread
//! while the request's thread waits with a deadline: oxigraph's cancellation
//! token does not stop every query (a query over VALUES alone never checks
//! it), so the deadline is kept here rather than trusted to the evaluator.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{NamedNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use serde_json::json;

use crate::Error;
use crate::read::trace;
use crate::sparql::guard::{DEFAULT_MAX_DEPTH, nesting_depth};
use crate::sparql::{Backend, lexical, named_query};
use crate::store::{EvalOptions, KnowledgeBase};
use crate::vocab::PREFIXES;

/// The page served at `/`: plain HTML, CSS and script, no external request.
const INDEX_HTML: &str = include_str!("index.html");

/// Default wall-clock limit of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on result rows (solutions or triples).
pub const DEFAULT_MAX_ROWS: usize = 100_000;
/// Default cap on a request body, in bytes.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;
/// Default number of requests that may wait for a worker.
pub const DEFAULT_QUEUE: usize = 128;
/// Stack of each worker thread: evaluation recurses over the algebra.
const WORKER_STACK: usize = 16 << 20;

/// How the server behaves; every limit has a named default above.
#[derive(Clone, Debug)]
pub struct Config {
    /// Wall-clock limit of one request, including its wait in the queue.
    pub timeout: Duration,
    /// Results with more rows are refused with an error.
    pub max_rows: usize,
    /// Request bodies larger than this get 413.
    pub max_body: usize,
    /// Queries nested deeper get 400 before they are parsed.
    pub max_depth: usize,
    /// Requests evaluated at once.
    pub max_concurrent: usize,
    /// Requests that may wait for one of those; past it, 503.
    pub queue: usize,
    /// Whether SPARQL Update and Graph Store writes are enabled (with `token`).
    pub allow_update: bool,
    /// The bearer token that writes must carry.
    pub token: Option<String>,
    /// Whether an update may LOAD (fetch a URL or read a file).
    pub allow_load: bool,
    /// Whether a query may call out with SERVICE.
    pub allow_service: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            timeout: DEFAULT_TIMEOUT,
            max_rows: DEFAULT_MAX_ROWS,
            max_body: DEFAULT_MAX_BODY,
            max_depth: DEFAULT_MAX_DEPTH,
            max_concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queue: DEFAULT_QUEUE,
            allow_update: false,
            token: None,
            allow_load: false,
            allow_service: false,
        }
    }
}

impl Config {
    /// Refuses a configuration that would take writes from anyone.
    pub fn check(&self) -> Result<(), Error> {
        if self.allow_update && self.token.as_deref().is_none_or(str::is_empty) {
            return Err(Error::Refused(
                "--allow-update needs a bearer token (--token or ARGMAP_SERVE_TOKEN): writes are only taken from requests that carry it".into(),
            ));
        }
        Ok(())
    }
}

/// A running server; `join` blocks until it stops.
pub struct Running(oxhttp::ListeningServer);

impl Running {
    /// Blocks while the server runs.
    pub fn join(self) -> Result<(), Error> {
        self.0.join().map_err(|e| Error::Io(e.to_string()))
    }
}

/// Starts serving `kb` on `addr` in background threads.
pub fn serve(kb: KnowledgeBase, config: Config, addr: SocketAddr) -> Result<Running, Error> {
    config.check()?;
    let connections = config.max_concurrent + config.queue + 64;
    let service = Arc::new(Service {
        gate: Arc::new(Gate::new(config.max_concurrent.max(1), config.queue)),
        kb,
        config,
        writer: Arc::new(Mutex::new(())),
    });
    let server = oxhttp::Server::new(move |request| service.handle(request))
        .bind(addr)
        .with_global_timeout(Duration::from_secs(120))
        .with_max_concurrent_connections(connections)
        .with_server_name(concat!("argmap/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::Internal(e.to_string()))?;
    server
        .spawn()
        .map(Running)
        .map_err(|e| Error::Io(format!("cannot listen on {addr}: {e}")))
}

struct Service {
    kb: KnowledgeBase,
    config: Config,
    gate: Arc<Gate>,
    /// oxigraph no longer detects write-write conflicts: one writer at a time.
    writer: Arc<Mutex<()>>,
}

/// An error answer: a status and a JSON body `{"error": code, "message": …}`.
#[derive(Debug)]
struct Fail {
    status: StatusCode,
    code: &'static str,
    message: String,
}

fn fail(status: StatusCode, code: &'static str, message: impl Into<String>) -> Fail {
    Fail {
        status,
        code,
        message: message.into(),
    }
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        match e {
            Error::Syntax(_) => fail(StatusCode::BAD_REQUEST, "syntax", e.to_string()),
            Error::Query(m) if m.contains("cancel") => fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "the query ran past its time limit and was cancelled",
            ),
            Error::Query(m) if m.to_lowercase().contains("service") => fail(
                StatusCode::FORBIDDEN,
                "service-disabled",
                format!(
                    "SERVICE is disabled on this endpoint (start it with --allow-service): {m}"
                ),
            ),
            Error::Query(_) => fail(StatusCode::BAD_REQUEST, "query", e.to_string()),
            Error::NotFound(_) => fail(StatusCode::NOT_FOUND, "not-found", e.to_string()),
            Error::Refused(_) => fail(StatusCode::FORBIDDEN, "refused", e.to_string()),
            _ => fail(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()),
        }
    }
}

fn timeout_fail(timeout: Duration) -> Fail {
    fail(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        format!(
            "the request ran past its time limit of {} s and was cancelled; narrow the query or raise --timeout",
            timeout.as_secs_f64()
        ),
    )
}

/// A complete answer: status 200, a media type and the whole body.
struct Reply {
    media_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn new(media_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            media_type: media_type.to_string(),
            body: body.into(),
        }
    }
}

/// What a worker may use to stop early.
struct Limits {
    deadline: Instant,
    max_rows: usize,
    timeout: Duration,
}

impl Limits {
    /// Called once per row written: past the deadline or the row cap, stop.
    fn check(&self, rows: usize) -> Result<(), Fail> {
        if rows > self.max_rows {
            return Err(fail(
                StatusCode::BAD_REQUEST,
                "too-many-rows",
                format!(
                    "the result has more than {} rows; add a LIMIT, or raise --max-rows",
                    self.max_rows
                ),
            ));
        }
        if Instant::now() > self.deadline {
            return Err(timeout_fail(self.timeout));
        }
        Ok(())
    }
}

impl Service {
    fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let head = request.method() == Method::HEAD;
        let mut response = match self.route(request) {
            Ok(reply) => Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, reply.media_type)
                .body(Body::from(reply.body))
                .expect("a valid response"),
            Err(f) => {
                let body = json!({"error": f.code, "message": f.message}).to_string() + "\n";
                let mut builder = Response::builder()
                    .status(f.status)
                    .header(header::CONTENT_TYPE, "application/json");
                if f.status == StatusCode::UNAUTHORIZED {
                    builder = builder.header(header::WWW_AUTHENTICATE, "Bearer");
                }
                builder.body(Body::from(body)).expect("a valid response")
            }
        };
        if head {
            *response.body_mut() = Body::empty();
        }
        response
    }

    fn route(&self, request: &mut Request<Body>) -> Result<Reply, Fail> {
        let path = request.uri().path().to_string();
        let method = request.method().clone();
        let readonly = method == Method::GET || method == Method::HEAD;
        match path.as_str() {
            "/" | "/index.html" if readonly => {
                Ok(Reply::new("text/html; charset=utf-8", INDEX_HTML))
            }
            "/briefs" if readonly => self.briefs(),
            "/trace" if readonly => self.trace(request),
            "/sparql" | "/query" | "/update" => self.sparql(request),
            "/store" => self.graph_store(request),
            "/" | "/index.html" | "/briefs" | "/trace" => Err(fail(
                StatusCode::METHOD_NOT_ALLOWED,
                "method",
                format!("{path} answers GET only"),
            )),
            _ => Err(fail(
                StatusCode::NOT_FOUND,
                "not-found",
                format!(
                    "nothing at {path}: the endpoints are / (a page), /sparql, /store, /briefs and /trace"
                ),
            )),
        }
    }

    /// Runs `work` on a worker thread once a slot is free, and waits for it
    /// no longer than the time limit. The slot stays taken until the worker
    /// really ends, so a query that ignores cancellation still counts
    /// against the limit on concurrent work.
    fn limited<F>(&self, work: F) -> Result<Reply, Fail>
    where
        F: FnOnce(&Limits, &CancellationToken) -> Result<Reply, Fail> + Send + 'static,
    {
        self.on_worker(work, true)
    }

    /// As [`Service::limited`]; with `deadline` false the request waits for
    /// the worker to finish (an update cannot be cancelled, and its client
    /// must not be told it failed while it may still land).
    fn on_worker<F>(&self, work: F, deadline: bool) -> Result<Reply, Fail>
    where
        F: FnOnce(&Limits, &CancellationToken) -> Result<Reply, Fail> + Send + 'static,
    {
        let start = Instant::now();
        let timeout = self.config.timeout;
        let permit = self.gate.acquire(timeout).ok_or_else(|| {
            fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the server is busy: every worker is taken and the queue is full; retry later",
            )
        })?;
        let limits_deadline = start + timeout;
        let limits = Limits {
            deadline: limits_deadline,
            max_rows: self.config.max_rows,
            timeout,
        };
        let token = CancellationToken::new();
        let worker_token = token.clone();
        let (send, receive) = channel();
        std::thread::Builder::new()
            .name("argmap query".into())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                let result = work(&limits, &worker_token);
                drop(permit);
                let _ = send.send(result);
            })
            .map_err(|e| fail(StatusCode::SERVICE_UNAVAILABLE, "busy", e.to_string()))?;
        let received = if deadline {
            let left = limits_deadline.saturating_duration_since(Instant::now());
            receive.recv_timeout(left)
        } else {
            receive.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match received {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => {
                token.cancel();
                Err(timeout_fail(timeout))
            }
            Err(RecvTimeoutError::Disconnected) => Err(fail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the query's worker stopped without an answer; this is a bug in argmap",
            )),
        }
    }

    fn briefs(&self) -> Result<Reply, Fail> {
        let kb = self.kb.clone();
        self.limited(move |_, _| {
            let text = named_query("list").map(|q| q.text).unwrap_or_default();
            let rows = kb.select(text, &[])?;
            let mut briefs: Vec<serde_json::Value> = Vec::new();
            let col = |name: &str| rows.column(name);
            let get = |row: &[Option<oxigraph::model::Term>], name: &str| {
                col(name)
                    .and_then(|i| row[i].as_ref())
                    .map(lexical)
                    .map(serde_json::Value::String)
                    .unwrap_or(serde_json::Value::Null)
            };
            for row in &rows.rows {
                let id = get(row, "id");
                if briefs.last().is_none_or(|b| b["id"] != id) {
                    briefs.push(json!({"id": id, "title": get(row, "title"), "hypotheses": []}));
                }
                if get(row, "hypothesisKey").is_null() {
                    continue;
                }
                let brief = briefs.last_mut().expect("pushed above");
                brief["hypotheses"]
                    .as_array_mut()
                    .expect("an array")
                    .push(json!({
                        "key": get(row, "hypothesisKey"),
                        "text": get(row, "hypothesis"),
                        "hedge": get(row, "hedge"),
                        "question": get(row, "question"),
                    }));
            }
            Ok(Reply::new(
                "application/json",
                serde_json::to_vec_pretty(&json!({ "briefs": briefs })).unwrap_or_default(),
            ))
        })
    }

    fn trace(&self, request: &Request<Body>) -> Result<Reply, Fail> {
        let params = query_params(request);
        let brief = param(&params, "brief");
        let hypotheses: Vec<String> = params
            .iter()
            .filter(|(k, _)| k == "hypothesis")
            .map(|(_, v)| v.clone())
            .collect();
        let text = match param(&params, "format").as_deref() {
            None | Some("json") => false,
            Some("text") => true,
            Some(other) => {
                return Err(fail(
                    StatusCode::BAD_REQUEST,
                    "format",
                    format!("unknown format `{other}`: use format=json or format=text"),
                ));
            }
        };
        let kb = self.kb.clone();
        self.limited(move |_, _| {
            let traces = trace::trace(&kb, brief.as_deref(), &hypotheses)?;
            Ok(if text {
                Reply::new("text/plain; charset=utf-8", trace::to_text(&traces))
            } else {
                Reply::new(
                    "application/json",
                    serde_json::to_vec_pretty(&trace::to_json(&traces)).unwrap_or_default(),
                )
            })
        })
    }

    /// The SPARQL 1.1 Protocol: query by GET, form POST or direct POST;
    /// update by form POST or direct POST.
    fn sparql(&self, request: &mut Request<Body>) -> Result<Reply, Fail> {
        let mut params = query_params(request);
        let method = request.method().clone();
        let mut query = None;
        let mut update = None;
        if method == Method::GET || method == Method::HEAD {
            query = param(&params, "query");
        } else if method == Method::POST {
            let media = media_type(request);
            let body = self.read_body(request)?;
            let text = || {
                crate::map::text::text_of(body.clone()).map_err(|e| {
                    let what = match e.get_ref().and_then(|i| i.downcast_ref::<crate::map::text::NotUtf8>()) {
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
            };
            match media.as_str() {
                "application/x-www-form-urlencoded" => {
                    params.extend(form_urlencoded::parse(&body).into_owned());
                    query = param(&params, "query");
                    update = param(&params, "update");
                }
                "application/sparql-query" => query = Some(text()?),
                "application/sparql-update" => update = Some(text()?),
                other => {
                    return Err(fail(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "media-type",
                        format!(
                            "a POST to the SPARQL endpoint is application/sparql-query, application/sparql-update or application/x-www-form-urlencoded, not `{other}`"
                        ),
                    ));
                }
            }
        } else {
            return Err(fail(
                StatusCode::METHOD_NOT_ALLOWED,
                "method",
                "the SPARQL endpoint answers GET and POST",
            ));
        }
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

    /// Reads the body, refusing one over the cap with 413 before reading
    /// more than the cap.
    fn read_body(&self, request: &mut Request<Body>) -> Result<Vec<u8>, Fail> {
        let max = self.config.max_body;
        let too_large = || {
            fail(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                format!("the request body is over {max} bytes (--max-body)"),
            )
        };
        if request.body().len().is_some_and(|n| n > max as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        request
            .body_mut()
            .take(max as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| fail(StatusCode::BAD_REQUEST, "body", e.to_string()))?;
        if body.len() > max {
            return Err(too_large());
        }
        Ok(body)
    }

    fn check_depth(&self, text: &str) -> Result<(), Fail> {
        let depth = nesting_depth(text);
        if depth > self.config.max_depth {
            return Err(fail(
                StatusCode::BAD_REQUEST,
                "too-deep",
                format!(
                    "the request nests brackets {depth} deep; at most {} are taken",
                    self.config.max_depth
                ),
            ));
        }
        Ok(())
    }

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
        let kb = self.kb.clone();
        let allow_service = self.config.allow_service;
        self.limited(move |limits, token| {
            // Parsed on the worker, whose stack is large: the parser recurses.
            let parsed = spargebra::SparqlParser::new()
                .parse_query(&text)
                .map_err(|e| {
                    let (place, what) = crate::sparql::describe_syntax_error(&text, &e.to_string());
                    let at = place
                        .map(|(l, c)| format!(" at line {l}, column {c} of the query"))
                        .unwrap_or_default();
                    Fail::from(Error::Syntax(format!(
                        "{what}{at}; fix the query there and send it again"
                    )))
                })?;
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
                        let solution =
                            solution.map_err(|e| Fail::from(Error::Query(e.to_string())))?;
                        writer.serialize(solution.iter()).map_err(io_fail)?;
                    }
                    writer.finish().map_err(io_fail)?;
                }
                QueryResults::Graph(triples) => {
                    let triples = triples.map(|t| t.map_err(|e| Error::Query(e.to_string())));
                    out = write_triples(triples, media, limits)?;
                }
            }
            limits.check(0)?;
            Ok(Reply::new(media, out))
        })
    }

    /// Checks that a write is allowed: enabled, and carrying the token.
    fn authorize(&self, request: &Request<Body>) -> Result<(), Fail> {
        if !self.config.allow_update {
            return Err(fail(
                StatusCode::FORBIDDEN,
                "read-only",
                "this endpoint is read-only: start it with --allow-update and a --token to take writes",
            ));
        }
        let expected = self.config.token.as_deref().unwrap_or_default();
        let given = header_text(request, header::AUTHORIZATION);
        match given.as_deref().and_then(|h| h.strip_prefix("Bearer ")) {
            None => Err(fail(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "a write needs the header `Authorization: Bearer <token>`",
            )),
            Some(token) if constant_time_eq(token.trim().as_bytes(), expected.as_bytes()) => Ok(()),
            Some(_) => Err(fail(
                StatusCode::FORBIDDEN,
                "forbidden",
                "the bearer token is not the one this server was started with",
            )),
        }
    }

    fn update(
        &self,
        request: &Request<Body>,
        text: &str,
        params: &[(String, String)],
    ) -> Result<Reply, Fail> {
        self.authorize(request)?;
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
        let kb = self.kb.clone();
        let text = text.to_string();
        let (allow_load, allow_service) = (self.config.allow_load, self.config.allow_service);
        let writer = Arc::clone(&self.writer);
        // An update is not cancellable: it runs to its end in one
        // transaction, and the request waits for it.
        self.on_worker(
            move |_, _| {
                let _writer = writer.lock().unwrap_or_else(|e| e.into_inner());
                kb.update(&text, allow_load, allow_service)?;
                Ok(Reply::new("text/plain; charset=utf-8", "updated\n"))
            },
            false,
        )
    }

    /// The Graph Store Protocol: read a graph with GET or HEAD; with
    /// `--allow-update` and the token, PUT (replace), POST (add) or DELETE.
    fn graph_store(&self, request: &mut Request<Body>) -> Result<Reply, Fail> {
        let params = query_params(request);
        let graph = match (
            param(&params, "graph"),
            params.iter().any(|(k, _)| k == "default"),
        ) {
            (Some(iri), false) => Some(NamedNode::new(&iri).map_err(|e| {
                fail(
                    StatusCode::BAD_REQUEST,
                    "graph",
                    format!("`{iri}` is not an absolute IRI: {e}"),
                )
            })?),
            (None, true) => None,
            _ => {
                return Err(fail(
                    StatusCode::BAD_REQUEST,
                    "graph",
                    "name one graph: ?graph=IRI or ?default",
                ));
            }
        };
        let method = request.method().clone();
        if method == Method::GET || method == Method::HEAD {
            let media = negotiate(header_text(request, header::ACCEPT).as_deref(), RDF_TYPES)?;
            let kb = self.kb.clone();
            return self.limited(move |limits, _| {
                if !kb.graph_exists(graph.as_ref())? {
                    return Err(fail(
                        StatusCode::NOT_FOUND,
                        "not-found",
                        "no such graph in the store",
                    ));
                }
                let out = write_triples(kb.graph_triples(graph.as_ref()), media, limits)?;
                Ok(Reply::new(media, out))
            });
        }
        if !(method == Method::PUT || method == Method::POST || method == Method::DELETE) {
            return Err(fail(
                StatusCode::METHOD_NOT_ALLOWED,
                "method",
                "the graph store answers GET, HEAD, PUT, POST and DELETE",
            ));
        }
        self.authorize(request)?;
        let _writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if method == Method::DELETE {
            if !self.kb.graph_exists(graph.as_ref())? {
                return Err(fail(
                    StatusCode::NOT_FOUND,
                    "not-found",
                    "no such graph in the store",
                ));
            }
            self.kb.delete_graph(graph.as_ref())?;
            return Ok(Reply::new("text/plain; charset=utf-8", "deleted\n"));
        }
        let media = media_type(request);
        let format = RdfFormat::from_media_type(&media)
            .filter(|f| !f.supports_datasets() || *f == RdfFormat::NQuads)
            .ok_or_else(|| {
                fail(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "media-type",
                    format!("cannot read `{media}`: send Turtle, N-Triples, RDF/XML or JSON-LD"),
                )
            })?;
        let body = self.read_body(request)?;
        let triples = RdfParser::from_format(format)
            .for_slice(&body)
            .map(|q| q.map(Triple::from))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| fail(StatusCode::BAD_REQUEST, "syntax", e.to_string()))?;
        self.kb
            .write_graph(graph.as_ref(), &triples, method == Method::PUT)?;
        Ok(Reply::new("text/plain; charset=utf-8", "stored\n"))
    }

    /// A SPARQL 1.1 Service Description of this endpoint, in the RDF format asked for.
    fn service_description(&self, request: &Request<Body>) -> Result<Reply, Fail> {
        let media = negotiate(header_text(request, header::ACCEPT).as_deref(), RDF_TYPES)?;
        let host = header_text(request, header::HOST).unwrap_or_else(|| "localhost".into());
        let endpoint = format!("http://{host}{}", request.uri().path());
        let update = if self.config.allow_update {
            ", sd:SPARQL11Update"
        } else {
            ""
        };
        let turtle = format!(
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
             @prefix f: <http://www.w3.org/ns/formats/> .\n\
             <{endpoint}> a sd:Service ;\n\
             sd:endpoint <{endpoint}> ;\n\
             sd:supportedLanguage sd:SPARQL11Query{update} ;\n\
             sd:resultFormat f:SPARQL_Results_JSON, f:SPARQL_Results_XML, f:SPARQL_Results_CSV, f:SPARQL_Results_TSV, f:Turtle, f:N-Triples, f:RDF_XML, f:JSON-LD ;\n\
             sd:feature sd:BasicFederatedQuery ;\n\
             sd:defaultDataset <{endpoint}#dataset> .\n\
             <{endpoint}#dataset> a sd:Dataset ; sd:defaultGraph <{endpoint}#default-graph> .\n\
             <{endpoint}#default-graph> a sd:Graph .\n"
        );
        let turtle = if self.config.allow_service {
            turtle
        } else {
            turtle.replace("sd:feature sd:BasicFederatedQuery ;\n", "")
        };
        let triples = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(turtle.as_bytes())
            .map(|q| {
                q.map(Triple::from)
                    .map_err(|e| Error::Internal(e.to_string()))
            });
        let limits = Limits {
            deadline: Instant::now() + self.config.timeout,
            max_rows: self.config.max_rows,
            timeout: self.config.timeout,
        };
        Ok(Reply::new(media, write_triples(triples, media, &limits)?))
    }
}

/// Media types offered for SELECT and ASK results; the first is the default.
const RESULT_TYPES: &[&str] = &[
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];

/// Media types offered for graphs; the first is the default.
const RDF_TYPES: &[&str] = &[
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "text/plain",
    "application/xml",
];

fn results_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

fn rdf_format(media: &str) -> RdfFormat {
    match media {
        "application/rdf+xml" | "application/xml" => RdfFormat::RdfXml,
        "application/n-triples" | "text/plain" => RdfFormat::NTriples,
        "application/ld+json" => {
            RdfFormat::from_media_type("application/ld+json").unwrap_or(RdfFormat::Turtle)
        }
        _ => RdfFormat::Turtle,
    }
}

/// Serialises triples in full, checking the row cap and deadline on each.
fn write_triples(
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

fn io_fail(e: impl std::fmt::Display) -> Fail {
    fail(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

/// Picks the offered media type the `Accept` header prefers (highest q,
/// then the header's order); no header, or `*/*`, takes the first offer.
fn negotiate(accept: Option<&str>, offers: &[&'static str]) -> Result<&'static str, Fail> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(offers[0]);
    };
    let mut ranges: Vec<(f32, usize, String)> = Vec::new();
    for (i, item) in accept.split(',').enumerate() {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && !range.is_empty() {
            ranges.push((q, i, range));
        }
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, range) in &ranges {
        if range == "*/*" {
            return Ok(offers[0]);
        }
        if let Some(kind) = range.strip_suffix("/*") {
            if let Some(o) = offers.iter().find(|o| o.split('/').next() == Some(kind)) {
                return Ok(o);
            }
        }
        if let Some(o) = offers.iter().find(|o| **o == range) {
            return Ok(o);
        }
    }
    Err(fail(
        StatusCode::NOT_ACCEPTABLE,
        "not-acceptable",
        format!(
            "cannot answer in any type of `{accept}`; offered: {}",
            offers.join(", ")
        ),
    ))
}

fn header_text(request: &Request<Body>, name: header::HeaderName) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(str::to_string)
}

/// The request's media type without parameters, lower case.
fn media_type(request: &Request<Body>) -> String {
    header_text(request, header::CONTENT_TYPE)
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn query_params(request: &Request<Body>) -> Vec<(String, String)> {
    request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

fn graph_params(params: &[(String, String)], name: &str) -> Result<Vec<NamedNode>, Fail> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| {
            NamedNode::new(v).map_err(|e| {
                fail(
                    StatusCode::BAD_REQUEST,
                    "graph",
                    format!("{name} `{v}` is not an absolute IRI: {e}"),
                )
            })
        })
        .collect()
}

/// Compares two secrets in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Admits at most `running` requests at once and lets at most `waiting`
/// more wait for a slot.
struct Gate {
    state: Mutex<(usize, usize)>,
    freed: Condvar,
    running: usize,
    waiting: usize,
}

/// A slot taken from the gate, given back when dropped.
struct Permit(Arc<Gate>);

impl Drop for Permit {
    fn drop(&mut self) {
        let mut state = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 -= 1;
        self.0.freed.notify_one();
    }
}

impl Gate {
    fn new(running: usize, waiting: usize) -> Gate {
        Gate {
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
            running,
            waiting,
        }
    }

    /// A slot, waiting at most `wait`; `None` when the queue is full or the wait runs out.
    fn acquire(self: &Arc<Gate>, wait: Duration) -> Option<Permit> {
        let deadline = Instant::now() + wait;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.0 < self.running {
            state.0 += 1;
            return Some(Permit(Arc::clone(self)));
        }
        if state.1 >= self.waiting {
            return None;
        }
        state.1 += 1;
        while state.0 >= self.running {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                state.1 -= 1;
                return None;
            }
            state = self
                .freed
                .wait_timeout(state, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        state.1 -= 1;
        state.0 += 1;
        Some(Permit(Arc::clone(self)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_quality_then_order() {
        assert_eq!(negotiate(None, RESULT_TYPES).unwrap(), RESULT_TYPES[0]);
        assert_eq!(
            negotiate(
                Some("text/csv;q=0.5, application/sparql-results+xml"),
                RESULT_TYPES
            )
            .unwrap(),
            "application/sparql-results+xml"
        );
        assert_eq!(
            negotiate(Some("text/html, */*;q=0.8"), RDF_TYPES).unwrap(),
            "text/turtle"
        );
        assert!(negotiate(Some("image/png"), RDF_TYPES).is_err());
    }
}
