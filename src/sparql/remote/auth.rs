//! Credentials for a remote store: HTTP basic, digest (RFC 7616 and RFC 2617, MD5 and MD5-sess) and bearer, and credentials written into a URL; never printed.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use md5::{Digest, Md5};
use percent_encoding::percent_decode_str;
use url::{Position, Url};

use crate::Error;
use crate::sparql::remote::Remote;

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

impl Remote {
    /// The `Authorization` header for a request, if any.
    pub(super) fn authorization(&self, method: &str, url: &str) -> Option<String> {
        match &self.config.auth {
            Auth::None => None,
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
            Auth::Basic { user, password } => Some(basic(user, password)),
            Auth::Digest { user, password } => {
                let mut guard = self.digest.lock().expect("digest lock");
                let (challenge, count) = guard.as_mut()?;
                *count += 1;
                Some(challenge.answer(user, password, method, &request_target(url), *count))
            }
        }
    }
}

/// Takes `user:password@` out of a URL. A URL without credentials comes
/// back exactly as written: it names the dataset of the links `link`
/// writes, and is printed in messages.
pub(super) fn split_credentials(text: &str) -> Result<(String, Option<(String, String)>), Error> {
    let not_http = || {
        Error::Remote(format!(
            "`{}` is not an http:// or https:// URL",
            redact(text)
        ))
    };
    let mut url = Url::parse(text).map_err(|_| not_http())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(not_http());
    }
    if url.username().is_empty() && url.password().is_none() {
        return Ok((text.to_string(), None));
    }
    let decode = |part: &str| percent_decode_str(part).decode_utf8_lossy().into_owned();
    let credentials = (
        decode(url.username()),
        url.password().map(decode).unwrap_or_default(),
    );
    // Neither can fail on an http(s) URL, which always has a host.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Ok((url.into(), Some(credentials)))
}

/// A URL with any credentials in it replaced, for messages.
pub fn redact(text: &str) -> String {
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => {
            if url.username().is_empty() && url.password().is_none() {
                return text.to_string();
            }
            format!(
                "{}://<credentials>@{}",
                url.scheme(),
                &url[Position::BeforeHost..]
            )
        }
        // Not an http(s) URL: whatever stands before an `@` may still be a secret.
        _ => match text.rsplit_once('@') {
            Some((before, after)) => {
                let scheme = before.split_once("://").map_or("", |(s, _)| s);
                let separator = if scheme.is_empty() { "" } else { "://" };
                format!("{scheme}{separator}<credentials>@{after}")
            }
            None => text.to_string(),
        },
    }
}

/// The path and query of a URL, as a digest response names it.
pub(super) fn request_target(text: &str) -> String {
    match Url::parse(text) {
        Ok(url) => url[Position::BeforePath..Position::AfterQuery].to_string(),
        Err(_) => "/".to_string(),
    }
}

/// `user:password` as HTTP basic authentication sends it.
fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
}

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A `WWW-Authenticate: Digest …` challenge.
#[derive(Debug, Clone)]
pub(super) struct Challenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    /// `auth` when the server offers it (RFC 7616); none for the older RFC 2069 scheme.
    qop: Option<String>,
    sess: bool,
}

impl Challenge {
    /// Parses a digest challenge with MD5 or MD5-sess; `None` for anything else.
    pub(super) fn parse(header: &str) -> Option<Challenge> {
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
        // Without credentials a URL is kept as written.
        let plain = "http://127.0.0.1:7878/query";
        assert_eq!(split_credentials(plain).unwrap(), (plain.to_string(), None));
        assert!(split_credentials("not a url").is_err());
        assert!(split_credentials("ftp://example.org/").is_err());
        assert_eq!(redact("ann:secret@host"), "<credentials>@host");
        assert_eq!(redact("ftp://ann:pw@host/"), "ftp://<credentials>@host/");
        assert_eq!(
            request_target("http://example.org/sparql?graph=a%2Fb"),
            "/sparql?graph=a%2Fb"
        );
        assert_eq!(request_target("http://example.org"), "/");
    }

    #[test]
    fn basic_credentials_are_base64() {
        // RFC 7617 section 2.
        assert_eq!(
            basic("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}
