//! Credentials for a remote store: HTTP basic, digest (RFC 7616 and RFC 2617, MD5 and MD5-sess) and bearer, and credentials written into a URL; never printed.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};

use md5::{Digest, Md5};

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
}

/// Takes `user:password@` out of a URL.
pub(super) fn split_credentials(url: &str) -> Result<(String, Option<(String, String)>), Error> {
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
pub(super) fn request_target(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => &rest[i..],
        None => "/",
    }
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

pub(super) fn base64(bytes: &[u8]) -> String {
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
    }
}
