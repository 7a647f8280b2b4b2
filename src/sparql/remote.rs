//! A remote SPARQL 1.1 store over HTTP: queries (results read as JSON and checked complete), updates and the Graph Store Protocol.
//!
//! [`Remote`] is a [`Backend`], so `trace`, `list` and `query` run on it
//! unchanged; it also replaces whole graphs (`push`) and reads them back
//! (`pull`). Credentials (HTTP basic, digest as RFC 7616 with MD5, or a
//! bearer token) are sent in headers only and never appear in an error or a
//! `Debug` print. A result is accepted only when it is whole: a body that does
//! not parse to its end, a connection closed early, or a server's own mark of
//! a cut result (Virtuoso's `X-SPARQL-MaxRows`, its anytime-query state)
//! is an [`Error::Incomplete`], never a shorter answer.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use md5::{Digest, Md5};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};
use serde_json::Value;

use crate::Error;
use crate::sparql::{Answer, Backend, Solutions};

const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

/// How to authenticate to the endpoint.
#[derive(Clone, Default)]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// HTTP basic: user and password in every request.
    Basic { user: String, password: String },
    /// HTTP digest (RFC 7616, MD5 and MD5-sess), as Virtuoso's `/sparql-auth` asks.
    Digest { user: String, password: String },
    /// `Authorization: Bearer <token>`.
    Bearer(String),
}

// Never print a secret, not even in a debug dump.
impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::Basic { .. } => "Auth::Basic(<hidden>)",
            Auth::Digest { .. } => "Auth::Digest(<hidden>)",
            Auth::Bearer(_) => "Auth::Bearer(<hidden>)",
        })
    }
}

/// Where a remote store answers: its query, update and graph-store URLs.
#[derive(Debug, Clone)]
pub struct EndpointConfig {
    /// The SPARQL query endpoint.
    pub query: String,
    /// The SPARQL update endpoint; the query endpoint when `None`.
    pub update: Option<String>,
    /// The Graph Store Protocol endpoint; without it graphs are written with SPARQL Update.
    pub graph_store: Option<String>,
    pub auth: Auth,
    /// The longest a request may take, from connecting to the last byte of the answer.
    pub timeout: Option<Duration>,
}

/// A remote SPARQL 1.1 store.
pub struct Remote {
    config: EndpointConfig,
    agent: ureq::Agent,
    /// The last digest challenge and how many requests answered it, so that
    /// a digest server is asked once and not on every request.
    digest: Mutex<Option<(Challenge, u32)>>,
    /// Set once the graph store refused a PUT as unsupported: use SPARQL Update from then on.
    graph_store_unsupported: Mutex<bool>,
}

/// How a graph was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMethod {
    /// One Graph Store Protocol PUT: the graph was replaced atomically.
    GraphStore,
    /// DROP SILENT GRAPH, then INSERT DATA in batches.
    Update,
}

/// A response, read whole.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Remote {
    /// A client for the endpoint; nothing is sent yet. Credentials written
    /// into a URL (`https://user:pass@host/…`) are taken out of it and used
    /// as basic authentication, unless `auth` says otherwise.
    pub fn new(mut config: EndpointConfig) -> Result<Remote, Error> {
        for url in std::iter::once(&mut config.query)
            .chain(config.update.as_mut())
            .chain(config.graph_store.as_mut())
        {
            let (clean, credentials) = split_credentials(url)?;
            if let (Some((user, password)), Auth::None) = (credentials, &config.auth) {
                config.auth = Auth::Basic { user, password };
            }
            *url = clean;
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(config.timeout)
            .timeout_connect(Some(Duration::from_secs(15)))
            .user_agent(concat!("argmap/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Remote {
            config,
            agent,
            digest: Mutex::new(None),
            graph_store_unsupported: Mutex::new(false),
        })
    }

    /// The query endpoint's URL (with no credentials in it).
    pub fn url(&self) -> &str {
        &self.config.query
    }

    fn update_url(&self) -> &str {
        self.config.update.as_deref().unwrap_or(&self.config.query)
    }

    /// Sends one request, answering a digest challenge when one comes.
    fn send(
        &self,
        method: &str,
        url: &str,
        content_type: Option<&str>,
        accept: &str,
        body: &[u8],
    ) -> Result<Reply, Error> {
        let reply = self.send_once(method, url, content_type, accept, body)?;
        if reply.status != 401 {
            return Ok(reply);
        }
        if let Auth::Digest { .. } = self.config.auth {
            let challenge = reply
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
                .find_map(|(_, v)| Challenge::parse(v));
            if let Some(challenge) = challenge {
                *self.digest.lock().expect("digest lock") = Some((challenge, 0));
                return self.send_once(method, url, content_type, accept, body);
            }
        }
        Ok(reply)
    }

    fn send_once(
        &self,
        method: &str,
        url: &str,
        content_type: Option<&str>,
        accept: &str,
        body: &[u8],
    ) -> Result<Reply, Error> {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("Accept", accept);
        if let Some(ct) = content_type {
            request = request.header("Content-Type", ct);
        }
        if let Some(value) = self.authorization(method, url) {
            request = request.header("Authorization", value);
        }
        let request = request
            .body(body)
            .map_err(|e| Error::Remote(format!("{url}: cannot build the request: {e}")))?;
        let response = self
            .agent
            .run(request)
            .map_err(|e| Error::Remote(format!("{url}: {}", describe(&e))))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        response
            .into_body()
            .into_reader()
            .read_to_end(&mut body)
            .map_err(|e| {
                Error::Incomplete(format!(
                    "{url}: the connection broke while the answer was being read ({e}); \
                     nothing of it was used"
                ))
            })?;
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    /// The `Authorization` header for a request, if any.
    fn authorization(&self, method: &str, url: &str) -> Option<String> {
        match &self.config.auth {
            Auth::None => None,
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
            Auth::Basic { user, password } => Some(format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            )),
            Auth::Digest { user, password } => {
                let mut guard = self.digest.lock().expect("digest lock");
                let (challenge, count) = guard.as_mut()?;
                *count += 1;
                Some(challenge.answer(user, password, method, request_target(url), *count))
            }
        }
    }

    /// Fails with the server's own words unless the status is a success.
    fn check_status(&self, url: &str, what: &str, reply: &Reply) -> Result<(), Error> {
        if (200..300).contains(&reply.status) {
            return Ok(());
        }
        let said = excerpt(&reply.body);
        let hint = match reply.status {
            401 => match self.config.auth {
                Auth::None => {
                    " (the server wants credentials: give --user and ARGMAP_PASSWORD, or ARGMAP_TOKEN)"
                }
                _ => " (the credentials were refused)",
            },
            403 => " (the server refuses this to these credentials; an update may need a grant)",
            404 => " (no such endpoint: check the URL)",
            _ => "",
        };
        Err(Error::Remote(format!(
            "{url}: {what} failed with HTTP {}{hint}{}",
            reply.status,
            if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            }
        )))
    }

    /// Runs SPARQL Update `text` on the update endpoint.
    pub fn update(&self, text: &str) -> Result<(), Error> {
        let url = self.update_url().to_string();
        let body = form(&[("update", text)]);
        let reply = self.send(
            "POST",
            &url,
            Some("application/x-www-form-urlencoded"),
            "*/*",
            body.as_bytes(),
        )?;
        self.check_status(&url, "the update", &reply)
    }

    /// Replaces the graph `graph` with `triples`: one Graph Store Protocol
    /// PUT when a graph store is configured and takes it, else DROP SILENT
    /// GRAPH and INSERT DATA in batches of at most `batch` triples (and about
    /// 256 KiB). `progress` gets the number of triples written so far.
    pub fn replace_graph(
        &self,
        graph: &NamedNode,
        triples: &[Triple],
        batch: usize,
        progress: &mut dyn FnMut(usize),
    ) -> Result<WriteMethod, Error> {
        if let Some(store) = &self.config.graph_store {
            if !*self.graph_store_unsupported.lock().expect("lock") {
                let url = format!(
                    "{store}{}graph={}",
                    if store.contains('?') { '&' } else { '?' },
                    encode(graph.as_str())
                );
                let mut body = String::new();
                for t in triples {
                    body.push_str(&format!("{t} .\n"));
                }
                let reply = self.send(
                    "PUT",
                    &url,
                    Some("application/n-triples"),
                    "*/*",
                    body.as_bytes(),
                )?;
                // These say the server does not do this kind of request at all: fall back.
                if matches!(reply.status, 405 | 415 | 501) {
                    *self.graph_store_unsupported.lock().expect("lock") = true;
                } else {
                    self.check_status(&url, "replacing the graph (Graph Store PUT)", &reply)?;
                    progress(triples.len());
                    return Ok(WriteMethod::GraphStore);
                }
            }
        }
        self.update(&format!("DROP SILENT GRAPH {graph}"))?;
        let mut done = 0;
        let mut text = String::new();
        let mut in_batch = 0;
        for (i, t) in triples.iter().enumerate() {
            text.push_str(&format!("{t} .\n"));
            in_batch += 1;
            if in_batch >= batch.max(1) || text.len() >= 256 * 1024 || i + 1 == triples.len() {
                self.update(&format!("INSERT DATA {{ GRAPH {graph} {{\n{text}}} }}"))?;
                done += in_batch;
                progress(done);
                text.clear();
                in_batch = 0;
            }
        }
        if triples.is_empty() {
            // An empty graph still exists once pushed, where the store keeps empty graphs.
            self.update(&format!("CREATE SILENT GRAPH {graph}"))?;
        }
        Ok(WriteMethod::Update)
    }

    /// The number of triples in `graph`.
    pub fn count(&self, graph: &NamedNode) -> Result<u64, Error> {
        let rows = self.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?graph { ?s ?p ?o } }",
            &[("graph".into(), graph.clone().into())],
        )?;
        let n = rows
            .rows
            .first()
            .and_then(|r| r.first().cloned().flatten())
            .map(|t| crate::sparql::lexical(&t));
        n.and_then(|n| n.parse().ok()).ok_or_else(|| {
            Error::Remote(format!(
                "{}: the server did not answer a COUNT with a number",
                self.url()
            ))
        })
    }

    /// Every triple of `graph`, read in pages of `page` rows and checked
    /// against the server's own count, so that a cut page cannot pass for
    /// the whole graph.
    pub fn graph_triples(&self, graph: &NamedNode, page: usize) -> Result<Vec<Triple>, Error> {
        let expected = self.count(graph)?;
        let bindings = [("graph".to_string(), Term::from(graph.clone()))];
        let mut triples = Vec::new();
        let mut offset = 0usize;
        loop {
            let text = format!(
                "SELECT ?s ?p ?o WHERE {{ GRAPH ?graph {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o LIMIT {page} OFFSET {offset}"
            );
            let rows = self.select(&text, &bindings)?;
            let got = rows.rows.len();
            for row in rows.rows {
                let [Some(s), Some(p), Some(o)] = <[Option<Term>; 3]>::try_from(row)
                    .map_err(|_| Error::Remote("a row without three columns".into()))?
                else {
                    continue;
                };
                let subject: oxigraph::model::NamedOrBlankNode = match s {
                    Term::NamedNode(n) => n.into(),
                    Term::BlankNode(b) => b.into(),
                    _ => continue,
                };
                let Term::NamedNode(predicate) = p else {
                    continue;
                };
                triples.push(Triple::new(subject, predicate, o));
            }
            offset += got;
            if got < page {
                break;
            }
        }
        if triples.len() as u64 != expected {
            return Err(Error::Incomplete(format!(
                "{}: the server counts {expected} triples in {graph} but sent {}; nothing was written",
                self.url(),
                triples.len()
            )));
        }
        Ok(triples)
    }
}

impl Backend for Remote {
    fn run(&self, query: &str, bindings: &[(String, Term)]) -> Result<Answer, Error> {
        let bound = crate::sparql::bind_query(query, bindings)?;
        let graph_result = matches!(
            bound,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
        );
        let text = bound.to_string();
        let url = self.config.query.clone();
        let accept = if graph_result {
            "application/n-triples, text/turtle;q=0.9"
        } else {
            "application/sparql-results+json"
        };
        let body = form(&[("query", &text)]);
        let reply = self.send(
            "POST",
            &url,
            Some("application/x-www-form-urlencoded"),
            accept,
            body.as_bytes(),
        )?;
        self.check_status(&url, "the query", &reply)?;
        check_not_cut(&url, &reply)?;
        if graph_result {
            return parse_graph(&url, &reply.body).map(Answer::Graph);
        }
        parse_json_results(&url, &reply.body)
    }
}

/// Fails when the server marked the answer as cut short.
fn check_not_cut(url: &str, reply: &Reply) -> Result<(), Error> {
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
fn parse_json_results(url: &str, body: &[u8]) -> Result<Answer, Error> {
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
fn parse_graph(url: &str, body: &[u8]) -> Result<Vec<Triple>, Error> {
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

/// Takes `user:password@` out of a URL.
fn split_credentials(url: &str) -> Result<(String, Option<(String, String)>), Error> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(Error::Remote(format!(
            "`{}` is not an http:// or https:// URL",
            redact(url)
        )));
    };
    if !matches!(scheme, "http" | "https") {
        return Err(Error::Remote(format!(
            "`{}` is not an http:// or https:// URL",
            redact(url)
        )));
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        None => Ok((url.to_string(), None)),
        Some((userinfo, host)) => {
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            Ok((
                format!("{scheme}://{host}{path}"),
                Some((decode(user), decode(password))),
            ))
        }
    }
}

/// A URL with any credentials in it replaced, for messages.
pub fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..end].rsplit_once('@') {
                Some((_, host)) => format!("{scheme}://<credentials>@{host}{}", &rest[end..]),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

/// The path and query of a URL, as a digest response names it.
fn request_target(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => &rest[i..],
        None => "/",
    }
}

/// A transport error in words, without the URL's credentials (there are none left in it).
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: is the server running, and is the URL right?".into()
        }
        ureq::Error::Timeout(_) => "the request timed out".into(),
        other => other.to_string(),
    }
}

/// The start of a server's answer, on one line, for an error message.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(400)])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    text.chars().take(300).collect()
}

/// `application/x-www-form-urlencoded` of `pairs`.
fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but the unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes percent-encoding (for credentials written into a URL).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A `WWW-Authenticate: Digest …` challenge.
#[derive(Debug, Clone)]
struct Challenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    /// `auth` when the server offers it (RFC 7616); none for the older RFC 2069 scheme.
    qop: Option<String>,
    sess: bool,
}

impl Challenge {
    /// Parses a digest challenge with MD5 or MD5-sess; `None` for anything else.
    fn parse(header: &str) -> Option<Challenge> {
        let (scheme, rest) = header.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("digest") {
            return None;
        }
        let params = parse_params(rest);
        let get = |k: &str| {
            params
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.clone())
        };
        let algorithm = get("algorithm").unwrap_or_else(|| "MD5".into());
        let sess = match algorithm.to_ascii_uppercase().as_str() {
            "MD5" => false,
            "MD5-SESS" => true,
            _ => return None,
        };
        let qop = get("qop").and_then(|q| {
            q.split(',')
                .map(str::trim)
                .find(|q| q.eq_ignore_ascii_case("auth"))
                .map(str::to_string)
        });
        Some(Challenge {
            realm: get("realm")?,
            nonce: get("nonce")?,
            opaque: get("opaque"),
            qop,
            sess,
        })
    }

    /// The `Authorization` header answering this challenge for the `count`th time.
    fn answer(&self, user: &str, password: &str, method: &str, uri: &str, count: u32) -> String {
        let cnonce = {
            let mut h = RandomState::new().build_hasher();
            h.write_u32(count);
            format!("{:016x}", h.finish())
        };
        let nc = format!("{count:08x}");
        let mut ha1 = md5_hex(&format!("{user}:{}:{password}", self.realm));
        if self.sess {
            ha1 = md5_hex(&format!("{ha1}:{}:{cnonce}", self.nonce));
        }
        let ha2 = md5_hex(&format!("{method}:{uri}"));
        let response = match &self.qop {
            Some(qop) => md5_hex(&format!("{ha1}:{}:{nc}:{cnonce}:{qop}:{ha2}", self.nonce)),
            None => md5_hex(&format!("{ha1}:{}:{ha2}", self.nonce)),
        };
        let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut header = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={}, response=\"{response}\"",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri),
            if self.sess { "MD5-sess" } else { "MD5" },
        );
        if let Some(qop) = &self.qop {
            header.push_str(&format!(", qop={qop}, nc={nc}, cnonce=\"{cnonce}\""));
        }
        if let Some(opaque) = &self.opaque {
            header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
        }
        header
    }
}

/// `k=v, k="quoted, value"` pairs of an authentication header.
fn parse_params(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let name: String = std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ','))
            .collect::<String>()
            .trim()
            .to_string();
        if name.is_empty() {
            break;
        }
        if chars.next_if_eq(&'=').is_none() {
            out.push((name, String::new()));
            continue;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = std::iter::from_fn(|| chars.next_if(|c| *c != ','))
                .collect::<String>()
                .trim()
                .to_string();
        }
        out.push((name, value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_matches_rfc_2617_example() {
        // The worked example of RFC 2617 section 3.5 (MD5, qop=auth), with its cnonce.
        let c = Challenge::parse(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        let ha1 = md5_hex("Mufasa:testrealm@host.com:Circle Of Life");
        let ha2 = md5_hex("GET:/dir/index.html");
        let response = md5_hex(&format!("{ha1}:{}:00000001:0a4f113b:auth:{ha2}", c.nonce));
        assert_eq!(response, "6629fae49393a05397450978507c4ef1");
        let header = c.answer("Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1);
        assert!(header.starts_with("Digest username=\"Mufasa\""));
        assert!(header.contains("qop=auth, nc=00000001"));
        assert!(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
    }

    #[test]
    fn credentials_leave_the_url() {
        let (url, creds) = split_credentials("https://ann:s%40cret@example.org/sparql").unwrap();
        assert_eq!(url, "https://example.org/sparql");
        assert_eq!(creds, Some(("ann".into(), "s@cret".into())));
        assert_eq!(
            redact("https://ann:secret@example.org/sparql"),
            "https://<credentials>@example.org/sparql"
        );
        let auth = Auth::Basic {
            user: "ann".into(),
            password: "secret".into(),
        };
        assert!(!format!("{auth:?}").contains("secret"));
    }

    #[test]
    fn base64_and_form_encoding() {
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(form(&[("query", "a b&é")]), "query=a%20b%26%C3%A9");
    }

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
