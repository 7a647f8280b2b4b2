//! Errors as answers: a status and a JSON body `{"error": code, "message": …}`, and how the
//! library's errors map onto them.

use std::borrow::Cow;
use std::time::Duration;

use oxhttp::model::{Body, Response, StatusCode, header};
use serde_json::json;

use crate::Error;

/// An error answer: a status, a short code for programs and a message for people.
#[derive(Debug)]
pub(super) struct Fail {
    status: StatusCode,
    code: Cow<'static, str>,
    message: String,
}

/// A [`Fail`] with this status, code and message.
pub(super) fn fail(status: StatusCode, code: &'static str, message: impl Into<String>) -> Fail {
    Fail {
        status,
        code: Cow::Borrowed(code),
        message: message.into(),
    }
}

impl Fail {
    /// The status, code and message, as a query's child process reports them.
    pub(super) fn parts(&self) -> (u16, &str, &str) {
        (self.status.as_u16(), &self.code, &self.message)
    }

    /// A [`Fail`] rebuilt from [`Fail::parts`]; an unknown status becomes 500.
    pub(super) fn from_parts(status: u16, code: String, message: String) -> Fail {
        Fail {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code: Cow::Owned(code),
            message,
        }
    }

    /// The whole response: the JSON body, and the challenge a 401 must carry.
    pub(super) fn into_response(self) -> Response<Body> {
        let body = json!({"error": self.code.as_ref(), "message": self.message}).to_string() + "\n";
        let mut builder = Response::builder()
            .status(self.status)
            .header(header::CONTENT_TYPE, "application/json");
        if self.status == StatusCode::UNAUTHORIZED {
            builder = builder.header(header::WWW_AUTHENTICATE, "Bearer");
        }
        builder.body(Body::from(body)).expect("a valid response")
    }
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        match e {
            Error::Syntax(_) => fail(StatusCode::BAD_REQUEST, "syntax", e.to_string()),
            Error::TooComplex(m) => fail(StatusCode::BAD_REQUEST, "too-deep", m),
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

/// The answer to a request that ran past its time limit.
pub(super) fn timeout_fail(timeout: Duration) -> Fail {
    fail(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        format!(
            "the request ran past its time limit of {} s and was cancelled; narrow the query or raise --timeout",
            timeout.as_secs_f64()
        ),
    )
}

/// The answer when a reply cannot be serialised (RDF/XML, for one, cannot write every predicate).
pub(super) fn io_fail(e: impl std::fmt::Display) -> Fail {
    fail(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}
