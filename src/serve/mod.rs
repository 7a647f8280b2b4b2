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
//!
//! This file holds the configuration, the server and the routing of a request
//! to its endpoint; each endpoint, and each step every endpoint shares, has
//! its own file.

mod answer;
mod app;
mod auth;
mod description;
mod fail;
mod gate;
mod graph_store;
mod negotiate;
mod protocol;
mod request;
mod worker;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oxhttp::model::{Body, Method, Request, Response, StatusCode, header};

use self::fail::{Fail, fail};
use self::gate::Gate;
use crate::Error;
use crate::sparql::guard::DEFAULT_MAX_DEPTH;
use crate::store::KnowledgeBase;

/// Default wall-clock limit of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on result rows (solutions or triples).
pub const DEFAULT_MAX_ROWS: usize = 100_000;
/// Default cap on a request body, in bytes.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;
/// Default number of requests that may wait for a worker.
pub const DEFAULT_QUEUE: usize = 128;

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

/// What every request shares: the store, the limits, the gate and the writer's lock.
struct Service {
    kb: KnowledgeBase,
    config: Config,
    gate: Arc<Gate>,
    /// oxigraph no longer detects write-write conflicts: one writer at a time.
    writer: Arc<Mutex<()>>,
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

impl Service {
    /// Answers one request; a HEAD gets the GET's status and headers without the body.
    fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let head = request.method() == Method::HEAD;
        let mut response = match self.route(request) {
            Ok(reply) => Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, reply.media_type)
                .body(Body::from(reply.body))
                .expect("a valid response"),
            Err(f) => f.into_response(),
        };
        if head {
            *response.body_mut() = Body::empty();
        }
        response
    }

    /// Sends a request to the endpoint its path names.
    fn route(&self, request: &mut Request<Body>) -> Result<Reply, Fail> {
        let path = request.uri().path().to_string();
        let method = request.method().clone();
        let readonly = method == Method::GET || method == Method::HEAD;
        match path.as_str() {
            "/" | "/index.html" if readonly => {
                Ok(Reply::new("text/html; charset=utf-8", app::INDEX_HTML))
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
}
