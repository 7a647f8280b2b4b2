//! Whether a write may happen: the server takes writes, and the request carries its bearer token.

use oxhttp::model::{Body, Request, StatusCode, header};

use super::Config;
use super::fail::{Fail, fail};
use super::request::header_text;

/// Checks that a write is allowed: enabled, and carrying the token.
pub(super) fn authorize(config: &Config, request: &Request<Body>) -> Result<(), Fail> {
    if !config.allow_update {
        return Err(fail(
            StatusCode::FORBIDDEN,
            "read-only",
            "this endpoint is read-only: start it with --allow-update and a --token to take writes",
        ));
    }
    let expected = config.token.as_deref().unwrap_or_default();
    let given = header_text(request, header::AUTHORIZATION);
    // The scheme's name is case-insensitive (RFC 9110, section 11.1).
    let token = given.as_deref().and_then(|h| {
        let (scheme, token) = h.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then_some(token)
    });
    match token {
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

/// Compares two secrets in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
