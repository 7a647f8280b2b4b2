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
//!
//! This file sends requests and checks their status; `auth` holds the
//! credentials, `results` reads the answers, and `graph_store` writes and
//! reads whole graphs.

use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use oxigraph::model::Term;

use crate::Error;
use crate::sparql::{Answer, Backend};

mod auth;
mod graph_store;
mod results;

pub use auth::{Auth, redact};
pub use graph_store::WriteMethod;

use auth::{Challenge, split_credentials};
use results::{check_not_cut, parse_graph, parse_json_results};

/// Where a remote store answers: its query, update and graph-store URLs.
#[derive(Debug, Clone)]
pub struct EndpointConfig {
    /// The SPARQL query endpoint.
    pub query: String,
    /// The SPARQL update endpoint; the query endpoint when `None`.
    pub update: Option<String>,
    /// The Graph Store Protocol endpoint; without it graphs are written with SPARQL Update.
    pub graph_store: Option<String>,
    /// The credentials sent with every request.
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
            // A redirect is never followed: on a write it turns the POST or
            // PUT into a GET without its body, somewhere else, whose answer
            // would then pass for the write's. The status is reported instead.
            .max_redirects(0)
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

    /// Fails with the server's own words unless the status is a success.
    fn check_status(&self, url: &str, what: &str, reply: &Reply) -> Result<(), Error> {
        if (200..300).contains(&reply.status) {
            return Ok(());
        }
        let said = excerpt(&reply.body);
        if (300..400).contains(&reply.status) {
            return Err(Error::Remote(format!(
                "{url}: {what} was answered with a redirect (HTTP {}) to {}; argmap follows no \
                 redirect, so nothing was sent there: if that is the endpoint, give its URL instead",
                reply.status,
                reply.header("location").map_or_else(
                    || "no stated place".to_string(),
                    |l| format!("`{}`", redact(l))
                )
            )));
        }
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
}

impl Backend for Remote {
    fn run(&self, query: &str, bindings: &[(String, Term)]) -> Result<Answer, Error> {
        let bound = crate::sparql::bind_query(query, bindings)?;
        let graph_result = matches!(
            bound,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
        );
        let wanted = projected(&bound);
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
        let answer = parse_json_results(&url, &reply.body)?;
        if let Answer::Solutions(solutions) = &answer {
            check_variables(&url, &wanted, solutions)?;
        }
        Ok(answer)
    }
}

/// The variables a SELECT projects, in order; empty for other queries.
fn projected(query: &spargebra::Query) -> Vec<String> {
    use spargebra::algebra::GraphPattern;
    let spargebra::Query::Select { pattern, .. } = query else {
        return Vec::new();
    };
    let mut pattern = pattern;
    loop {
        match pattern {
            GraphPattern::Project { variables, .. } => {
                return variables.iter().map(|v| v.as_str().to_string()).collect();
            }
            GraphPattern::Slice { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::OrderBy { inner, .. } => pattern = inner,
            _ => return Vec::new(),
        }
    }
}

/// Fails unless the answer names every variable the query asked for: an
/// endpoint that answers with other names would otherwise leave every
/// field empty, and a reader would take that for a store without briefs.
fn check_variables(
    url: &str,
    wanted: &[String],
    solutions: &crate::sparql::Solutions,
) -> Result<(), Error> {
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|v| solutions.column(v).is_none())
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Remote(format!(
        "{url}: the answer lacks the variable{} ?{} that the query selects (it names: {}); \
         is this a SPARQL 1.1 endpoint, and does it answer with the query's variable names?",
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", ?"),
        if solutions.variables.is_empty() {
            "none".to_string()
        } else {
            solutions
                .variables
                .iter()
                .map(|v| format!("?{v}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    )))
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

/// `application/x-www-form-urlencoded` of `pairs`, as the Protocol posts a query or an update.
fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding() {
        assert_eq!(form(&[("query", "a b&é")]), "query=a+b%26%C3%A9");
        assert_eq!(
            form(&[("update", "DROP SILENT GRAPH <urn:g>")]),
            "update=DROP+SILENT+GRAPH+%3Curn%3Ag%3E"
        );
    }
}
