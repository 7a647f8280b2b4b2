//! `argmap serve`'s engine: the SPARQL 1.1 Protocol and Graph Store Protocol over the store, a
//! service description, the HTML page and the trace endpoint, each request held to limits on
//! time, rows, body size, nesting and concurrency.
//!
//! Every answer is built in full in memory before its status line is sent, so
//! a query stopped by its deadline or its row cap gets an error status with a
//! JSON body, never a 200 with a cut body. Evaluation runs on a worker thread
//! while the request's thread waits with a deadline: oxigraph's cancellation
//! token does not stop every query (a query over VALUES alone never checks
//! it), so the deadline is kept here rather than trusted to the evaluator,
//! and a query on a store on disk runs in a child process that the worker
//! kills at the deadline or past its memory cap (`child.rs`).
//!
//! This file holds the configuration, the server and the routing of a request
//! to its endpoint; each endpoint, and each step every endpoint shares, has
//! its own file.

mod answer;
mod app;
mod auth;
mod child;
mod description;
mod fail;
mod gate;
mod graph_store;
mod http;
mod job;
mod negotiate;
mod protocol;
mod request;
mod view;
mod worker;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};

use self::fail::{Fail, fail};
use self::gate::Gate;
use crate::Error;
use crate::sparql::guard::DEFAULT_MAX_DEPTH;
use crate::store::KnowledgeBase;

pub use self::child::serve_worker;

/// Default wall-clock limit of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on result rows (solutions or triples).
pub const DEFAULT_MAX_ROWS: usize = 100_000;
/// Default cap on a request body, in bytes.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;
/// Default number of requests that may wait for a worker.
pub const DEFAULT_QUEUE: usize = 128;
/// Default cap on the resident memory of one query's process, in bytes.
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

/// Default number of queries evaluated at once: twice the CPUs, and at
/// least four, so that two queries held to their deadline leave room for
/// others (each one's memory is capped, so the sum is bounded too).
pub fn default_max_concurrent() -> usize {
    (2 * std::thread::available_parallelism().map_or(2, |n| n.get())).max(4)
}

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
    /// The `argmap` executable whose hidden `serve-worker` evaluates each
    /// query on a store on disk in a process of its own, killed at the
    /// deadline or past `max_memory`; `None` evaluates in this process.
    pub worker: Option<PathBuf>,
    /// Resident memory a query's process may use, in bytes.
    pub max_memory: u64,
    /// Whether SPARQL Update and Graph Store writes are enabled (with `token`).
    pub allow_update: bool,
    /// The bearer token that writes must carry.
    pub token: Option<String>,
    /// Whether an update may LOAD (fetch a URL or read a file).
    pub allow_load: bool,
    /// Whether a query may call out with SERVICE.
    pub allow_service: bool,
    /// Host names (with or without a port) taken beside the bound address's
    /// own. On a loopback bind any other `Host` is refused, so that a web
    /// page cannot reach the server through a name it rebinds to 127.0.0.1.
    pub allowed_hosts: Vec<String>,
    /// Origins whose pages may read the answers (CORS); `*` for any. None by
    /// default: a browser then shows a page from elsewhere no answer.
    pub cors_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            timeout: DEFAULT_TIMEOUT,
            max_rows: DEFAULT_MAX_ROWS,
            max_body: DEFAULT_MAX_BODY,
            max_depth: DEFAULT_MAX_DEPTH,
            max_concurrent: default_max_concurrent(),
            queue: DEFAULT_QUEUE,
            worker: None,
            max_memory: DEFAULT_MAX_MEMORY,
            allow_update: false,
            token: None,
            allow_load: false,
            allow_service: false,
            allowed_hosts: Vec::new(),
            cors_origins: Vec::new(),
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
pub struct Running(std::thread::JoinHandle<()>);

impl Running {
    /// Blocks while the server runs.
    pub fn join(self) -> Result<(), Error> {
        self.0
            .join()
            .map_err(|_| Error::Internal("the server's accept loop panicked".into()))
    }
}

/// Starts serving `kb` on `addr` in background threads.
pub fn serve(kb: KnowledgeBase, config: Config, addr: SocketAddr) -> Result<Running, Error> {
    config.check()?;
    // Room for every request running or queued, and for clients between
    // requests; past it a new connection is answered 503 at once.
    let connections = config.max_concurrent + config.queue + 256;
    let listener =
        TcpListener::bind(addr).map_err(|e| Error::Io(format!("cannot listen on {addr}: {e}")))?;
    let service = Arc::new(Service {
        gate: Arc::new(Gate::new(config.max_concurrent.max(1), config.queue)),
        hosts: host_names(addr, &config.allowed_hosts),
        view: view::View::new(kb, !config.allow_update),
        config,
        writer: Arc::new(RwLock::new(())),
        name: concat!("argmap/", env!("CARGO_PKG_VERSION")),
    });
    std::thread::Builder::new()
        .name("argmap accept".into())
        .spawn(move || http::accept_loop(listener, service, connections))
        .map(Running)
        .map_err(|e| Error::Io(format!("cannot start the server: {e}")))
}

/// The `Host` values a server bound to `addr` takes, lower case; `None`
/// (any) unless it is bound to loopback.
fn host_names(addr: SocketAddr, extra: &[String]) -> Option<Vec<String>> {
    if !addr.ip().is_loopback() {
        return None;
    }
    let port = addr.port();
    let ip = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let mut names = Vec::new();
    for name in ["localhost", "127.0.0.1", "[::1]", ip.as_str()]
        .into_iter()
        .chain(extra.iter().map(String::as_str))
    {
        let name = name.to_ascii_lowercase();
        if !name.contains(':') || (name.starts_with('[') && name.ends_with(']')) {
            names.push(format!("{name}:{port}"));
        }
        names.push(name);
    }
    Some(names)
}

/// What every request shares: the store, the limits, the gate and the writer's lock.
struct Service {
    /// The store; read through [`Service::kb`].
    view: view::View,
    config: Config,
    gate: Arc<Gate>,
    /// oxigraph no longer detects write-write conflicts: one writer at a
    /// time, held for writing. A query in a child process opens the store
    /// on its own, outside the server's snapshots, so it holds this for
    /// reading while it runs: it sees the store before or after an update,
    /// never during one.
    writer: Arc<RwLock<()>>,
    /// The `Host` values taken, or `None` for any (see [`Config::allowed_hosts`]).
    hosts: Option<Vec<String>>,
    /// The `Server` header's value.
    name: &'static str,
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
    /// The store as of its last completed write.
    fn kb(&self) -> KnowledgeBase {
        self.view.kb()
    }

    /// Answers one request; a HEAD gets the GET's status and headers without the body.
    fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let head = request.method() == Method::HEAD;
        let origin = self.cors_origin(request);
        let routed = self.check_host(request).and_then(|()| {
            if request.method() == Method::OPTIONS && origin.is_some() {
                Ok(Reply::new("text/plain; charset=utf-8", ""))
            } else {
                self.route(request)
            }
        });
        let mut response = match routed {
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
        if let Some(origin) = origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
            let headers = response.headers_mut();
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.insert(header::VARY, HeaderValue::from_static("Origin"));
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, HEAD, POST, PUT, DELETE, OPTIONS"),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("Accept, Authorization, Content-Type"),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        }
        response
    }

    /// Refuses a `Host` this server does not answer to: on a loopback bind
    /// a page elsewhere could otherwise rebind its own name to 127.0.0.1
    /// and read the answers (DNS rebinding).
    fn check_host(&self, request: &Request<Body>) -> Result<(), Fail> {
        let Some(hosts) = &self.hosts else {
            return Ok(());
        };
        let host = request
            .uri()
            .authority()
            .map(|a| a.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        if hosts.contains(&host) {
            return Ok(());
        }
        Err(fail(
            StatusCode::FORBIDDEN,
            "host",
            format!(
                "this server answers to the host names localhost, 127.0.0.1 and [::1] only (with or without its port), not `{host}`; to reach it under another name, start it with --allow-host NAME"
            ),
        ))
    }

    /// The request's `Origin` when `--cors` lets it read the answers.
    fn cors_origin(&self, request: &Request<Body>) -> Option<String> {
        let origin = request.headers().get(header::ORIGIN)?.to_str().ok()?;
        let allowed = &self.config.cors_origins;
        (allowed
            .iter()
            .any(|o| o == "*" || o.eq_ignore_ascii_case(origin)))
        .then(|| {
            if allowed.iter().any(|o| o == "*") {
                "*".to_string()
            } else {
                origin.to_string()
            }
        })
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
