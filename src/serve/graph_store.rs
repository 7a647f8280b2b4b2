//! The SPARQL 1.1 Graph Store Protocol at `/store`: read one graph with GET or HEAD; with
//! `--allow-update` and the token, replace it with PUT, add to it with POST, or DELETE it.

use oxhttp::model::{Body, Method, Request, StatusCode, header};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Triple};

use super::answer::write_triples;
use super::auth::authorize;
use super::fail::{Fail, fail};
use super::negotiate::{RDF_TYPES, negotiate};
use super::request::{header_text, media_type, param, query_params, read_body};
use super::{Reply, Service};

impl Service {
    /// Answers a request to the graph store, after finding which graph it names.
    pub(super) fn graph_store(&self, request: &mut Request<Body>) -> Result<Reply, Fail> {
        let graph = named_graph(&query_params(request))?;
        let method = request.method().clone();
        if method == Method::GET || method == Method::HEAD {
            return self.read_graph(request, graph);
        }
        if !(method == Method::PUT || method == Method::POST || method == Method::DELETE) {
            return Err(fail(
                StatusCode::METHOD_NOT_ALLOWED,
                "method",
                "the graph store answers GET, HEAD, PUT, POST and DELETE",
            ));
        }
        authorize(&self.config, request)?;
        let _writer = self.writer.write().unwrap_or_else(|e| e.into_inner());
        if method == Method::DELETE {
            if !self.kb().graph_exists(graph.as_ref())? {
                return Err(no_such_graph());
            }
            self.kb().delete_graph(graph.as_ref())?;
            return Ok(Reply::new("text/plain; charset=utf-8", "deleted\n"));
        }
        let triples = read_triples(request, self.config.max_body)?;
        self.kb()
            .write_graph(graph.as_ref(), &triples, method == Method::PUT)?;
        Ok(Reply::new("text/plain; charset=utf-8", "stored\n"))
    }

    /// The whole graph, in the RDF format the request accepts.
    fn read_graph(&self, request: &Request<Body>, graph: Option<NamedNode>) -> Result<Reply, Fail> {
        let media = negotiate(header_text(request, header::ACCEPT).as_deref(), RDF_TYPES)?;
        let kb = self.kb();
        self.limited(move |limits, _| {
            if !kb.graph_exists(graph.as_ref())? {
                return Err(no_such_graph());
            }
            let out = write_triples(kb.graph_triples(graph.as_ref()), media, limits)?;
            Ok(Reply::new(media, out))
        })
    }
}

/// The graph the parameters name: `?graph=IRI`, or `?default` for the default graph (`None`).
fn named_graph(params: &[(String, String)]) -> Result<Option<NamedNode>, Fail> {
    match (
        param(params, "graph"),
        params.iter().any(|(k, _)| k == "default"),
    ) {
        (Some(iri), false) => NamedNode::new(&iri).map(Some).map_err(|e| {
            fail(
                StatusCode::BAD_REQUEST,
                "graph",
                format!("`{iri}` is not an absolute IRI: {e}"),
            )
        }),
        (None, true) => Ok(None),
        _ => Err(fail(
            StatusCode::BAD_REQUEST,
            "graph",
            "name one graph: ?graph=IRI or ?default",
        )),
    }
}

/// The triples of a write's body, in a graph format its media type names.
fn read_triples(request: &mut Request<Body>, max_body: usize) -> Result<Vec<Triple>, Fail> {
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
    let body = read_body(request, max_body)?;
    RdfParser::from_format(format)
        .for_slice(&body)
        .map(|q| q.map(Triple::from))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| fail(StatusCode::BAD_REQUEST, "syntax", e.to_string()))
}

/// The answer to a read or delete of a graph the store does not hold.
fn no_such_graph() -> Fail {
    fail(
        StatusCode::NOT_FOUND,
        "not-found",
        "no such graph in the store",
    )
}
