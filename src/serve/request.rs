//! Reading a request: its headers, its query-string parameters, the graph IRIs they name, and its
//! body up to the size cap.

use std::io::Read;

use oxhttp::model::{Body, HeaderValue, Request, StatusCode, header};
use oxigraph::model::NamedNode;

use super::fail::{Fail, fail};

/// A header's value, when it is present and visible ASCII.
pub(super) fn header_text(request: &Request<Body>, name: header::HeaderName) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(str::to_string)
}

/// The request's media type without parameters, lower case.
pub(super) fn media_type(request: &Request<Body>) -> String {
    header_text(request, header::CONTENT_TYPE)
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The query string's parameters, decoded, in their order.
pub(super) fn query_params(request: &Request<Body>) -> Vec<(String, String)> {
    request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

/// The first value of the parameter `name`.
pub(super) fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// Every value of the parameter `name`, each an absolute IRI naming a graph.
pub(super) fn graph_params(
    params: &[(String, String)],
    name: &str,
) -> Result<Vec<NamedNode>, Fail> {
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

/// Reads the body, refusing one over `max` bytes with 413 before reading
/// more than `max`.
pub(super) fn read_body(request: &mut Request<Body>, max: usize) -> Result<Vec<u8>, Fail> {
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
