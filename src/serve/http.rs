//! HTTP/1.1 connections: the accept loop, reading each request's head and body against a
//! deadline, keep-alive with pipelined requests, and writing each answer.
//!
//! oxhttp's server is not used: its accept loop blocks while every
//! connection slot is taken, it only has an idle timeout (a client sending
//! one byte every few seconds holds a slot for ever), it drops a pipelined
//! second request (each request gets a fresh buffer), and its own errors are
//! plain text. Here the accept loop never waits: past the connection cap a
//! new client gets an immediate 503. A request's head must arrive whole
//! within [`HEAD_DEADLINE`] and its body within the request's time limit,
//! whatever the pace of the bytes, and every error is the JSON of the
//! endpoints.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use oxhttp::model::{Body, HeaderName, HeaderValue, Request, Response, StatusCode, Version};

use super::Service;
use super::fail::{Fail, fail};

/// Time a client has to send a whole request head (the request line and the headers).
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// Time a kept-alive connection may sit idle before its next request.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head taken.
pub const MAX_HEAD: usize = 16 * 1024;
/// Largest refused body read to its end before the answer, so that the client sees the 413.
const DRAIN_MAX: u64 = 64 << 20;
/// Most headers in one request.
const MAX_HEADERS: usize = 100;

/// The accept loop: one thread per connection, up to `max` connections.
pub(super) fn accept_loop(listener: TcpListener, service: Arc<Service>, max: usize) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if open.load(Ordering::Acquire) >= max {
            // Answered here and closed at once: a short write into a fresh
            // socket's buffer does not block the loop.
            let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
            let busy = fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the server has as many connections open as it takes; retry later",
            );
            let _ = write_response(&mut stream, busy.into_response(), false, &service);
            continue;
        }
        open.fetch_add(1, Ordering::AcqRel);
        let (service, open_count) = (Arc::clone(&service), Arc::clone(&open));
        let spawned = std::thread::Builder::new()
            .name("argmap connection".into())
            .spawn(move || {
                connection(stream, &service);
                open_count.fetch_sub(1, Ordering::AcqRel);
            });
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// Serves the requests of one connection, in order, until it closes.
fn connection(stream: TcpStream, service: &Service) {
    let _ = stream.set_nodelay(true);
    let Ok(writer) = stream.try_clone() else {
        return;
    };
    let mut writer = writer;
    // One buffer for the whole connection: a second request sent in the
    // same packet as the first is already in it.
    let mut reader = BufReader::new(stream);
    loop {
        // Wait for the next request's first byte, no longer than the idle timeout.
        let _ = reader.get_ref().set_read_timeout(Some(IDLE_TIMEOUT));
        match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(_) => {}
        }
        let (response, keep_alive) = match read_request(&mut reader, service) {
            Ok((mut request, keep_alive)) => (service.handle(&mut request), keep_alive),
            Err(f) => (f.into_response(), false),
        };
        let _ = writer.set_write_timeout(Some(service.config.timeout + HEAD_DEADLINE));
        if write_response(&mut writer, response, keep_alive, service).is_err() {
            return;
        }
        if !keep_alive {
            linger(&mut reader, &writer);
            return;
        }
    }
}

/// Closes a connection gently: no more writes, then what the client still
/// sends is read and dropped for a moment. Closing with unread bytes would
/// reset the connection, and the client could lose the answer just sent.
fn linger(reader: &mut BufReader<TcpStream>, writer: &TcpStream) {
    let _ = writer.shutdown(std::net::Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut dropped = 0usize;
    while dropped < (1 << 20) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || reader.get_ref().set_read_timeout(Some(left)).is_err() {
            return;
        }
        match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(bytes) => {
                let n = bytes.len();
                reader.consume(n);
                dropped += n;
            }
        }
    }
}

/// Reads one request, head and body, each against its deadline; and says
/// whether the connection may carry another.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    service: &Service,
) -> Result<(Request<Body>, bool), Fail> {
    let head = read_head(reader, Instant::now() + HEAD_DEADLINE)?;
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(bad("the request head is incomplete")),
        Err(e) => return Err(bad(&format!("the request head is not HTTP/1.1: {e}"))),
    }
    let version = match parsed.version {
        Some(0) => Version::HTTP_10,
        _ => Version::HTTP_11,
    };
    let mut builder = Request::builder()
        .method(parsed.method.unwrap_or("GET"))
        .version(version);
    let mut host = None;
    let (mut length, mut chunked, mut close, mut expect) = (None, false, false, false);
    for h in parsed.headers.iter() {
        let name = HeaderName::from_bytes(h.name.as_bytes())
            .map_err(|_| bad(&format!("`{}` is not a header name", h.name)))?;
        let value = HeaderValue::from_bytes(h.value)
            .map_err(|_| bad(&format!("the value of `{}` is not a header value", h.name)))?;
        let text = value
            .to_str()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match name.as_str() {
            "host" => host = Some(text.clone()),
            "content-length" => {
                let n: u64 = text
                    .parse()
                    .map_err(|_| bad("Content-Length is not a number"))?;
                if length.is_some_and(|l| l != n) {
                    return Err(bad("two different Content-Length headers"));
                }
                length = Some(n);
            }
            "transfer-encoding" => chunked = text.ends_with("chunked"),
            "connection" => close = text.split(',').any(|t| t.trim() == "close"),
            "expect" => expect = text == "100-continue",
            _ => {}
        }
        builder = builder.header(name, value);
    }
    if chunked && length.is_some() {
        // A request with both is how requests are smuggled past a proxy.
        return Err(bad(
            "a request has Content-Length or chunked Transfer-Encoding, not both",
        ));
    }
    let path = parsed.path.unwrap_or("/");
    let host = host.ok_or_else(|| bad("the request has no Host header"))?;
    let uri = format!("http://{host}{path}");
    builder = builder.uri(uri.as_str());
    let max = service.config.max_body;
    if let Some(n) = length.filter(|&n| n > max as u64) {
        // Read what was sent before answering: closing a socket with unread
        // bytes resets it, and the client may lose the answer.
        if !expect && n <= DRAIN_MAX {
            let _ = drain(reader, Instant::now() + HEAD_DEADLINE, n as usize);
        }
        return Err(too_large(max));
    }
    if expect && (length.is_some_and(|n| n > 0) || chunked) {
        let _ = reader.get_mut().write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let deadline = Instant::now() + service.config.timeout;
    let body = match (length, chunked) {
        (_, true) => read_chunked(reader, deadline, max)?,
        (Some(n), false) => read_exact(reader, deadline, n as usize)?,
        (None, false) => Vec::new(),
    };
    let keep_alive = !close && version == Version::HTTP_11;
    let request = builder
        .body(Body::from(body))
        .map_err(|e| bad(&format!("the request cannot be read: {e}")))?;
    Ok((request, keep_alive))
}

/// Sets the socket's read timeout to what is left before `deadline`, or fails once it has passed.
fn before(reader: &BufReader<TcpStream>, deadline: Instant, what: &str) -> Result<(), Fail> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(fail(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            format!("the {what} did not arrive in time; send the whole request at once"),
        ));
    }
    let _ = reader.get_ref().set_read_timeout(Some(left));
    Ok(())
}

/// More bytes of the request, before `deadline`.
fn more<'a>(
    reader: &'a mut BufReader<TcpStream>,
    deadline: Instant,
    what: &str,
) -> Result<&'a [u8], Fail> {
    before(reader, deadline, what)?;
    match reader.fill_buf() {
        Ok([]) => Err(bad(&format!(
            "the connection closed in the middle of the {what}"
        ))),
        Ok(bytes) => Ok(bytes),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => Err(fail(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            format!("the {what} did not arrive in time; send the whole request at once"),
        )),
        Err(e) => Err(bad(&format!("reading the {what} failed: {e}"))),
    }
}

/// The request head up to and including its blank line.
fn read_head(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Result<Vec<u8>, Fail> {
    let mut head = Vec::new();
    loop {
        let bytes = more(reader, deadline, "request head")?;
        // Copy up to the end of a line at most, so that a pipelined next
        // request stays in the buffer.
        let take = bytes
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| i + 1);
        head.extend_from_slice(&bytes[..take]);
        reader.consume(take);
        if head.len() > MAX_HEAD {
            return Err(fail(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "too-large",
                format!("the request head is over {MAX_HEAD} bytes"),
            ));
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") || head == b"\r\n" {
            if head == b"\r\n" || head == b"\n" {
                // A blank line between requests is allowed and ignored.
                head.clear();
                continue;
            }
            return Ok(head);
        }
    }
}

/// Exactly `n` bytes of body, before `deadline`.
fn read_exact(
    reader: &mut BufReader<TcpStream>,
    deadline: Instant,
    n: usize,
) -> Result<Vec<u8>, Fail> {
    let mut body = Vec::with_capacity(n.min(1 << 20));
    while body.len() < n {
        let bytes = more(reader, deadline, "request body")?;
        let take = bytes.len().min(n - body.len());
        body.extend_from_slice(&bytes[..take]);
        reader.consume(take);
    }
    Ok(body)
}

/// Reads and drops `n` bytes of a body that is refused.
fn drain(reader: &mut BufReader<TcpStream>, deadline: Instant, mut n: usize) -> Result<(), Fail> {
    while n > 0 {
        let bytes = more(reader, deadline, "request body")?;
        let take = bytes.len().min(n);
        reader.consume(take);
        n -= take;
    }
    Ok(())
}

/// A line of a chunked body (a chunk's size, or a trailer), before `deadline`.
fn read_line(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Result<String, Fail> {
    let mut line = Vec::new();
    while !line.ends_with(b"\n") {
        let bytes = more(reader, deadline, "request body")?;
        let take = bytes
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| i + 1);
        line.extend_from_slice(&bytes[..take]);
        reader.consume(take);
        if line.len() > 4096 {
            return Err(bad("a line of the chunked body is over 4096 bytes"));
        }
    }
    Ok(String::from_utf8_lossy(&line).trim().to_string())
}

/// A chunked body, refused past `max` bytes.
fn read_chunked(
    reader: &mut BufReader<TcpStream>,
    deadline: Instant,
    max: usize,
) -> Result<Vec<u8>, Fail> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader, deadline)?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16)
            .map_err(|_| bad(&format!("`{size}` is not a chunk size")))?;
        if size == 0 {
            while !read_line(reader, deadline)?.is_empty() {}
            return Ok(body);
        }
        if body.len().saturating_add(size) > max {
            return Err(too_large(max));
        }
        body.extend(read_exact(reader, deadline, size)?);
        read_line(reader, deadline)?;
    }
}

/// Writes `response` whole, with its length, the server's name and whether the connection stays.
fn write_response(
    stream: &mut TcpStream,
    mut response: Response<Body>,
    keep_alive: bool,
    service: &Service,
) -> std::io::Result<()> {
    let mut body = Vec::new();
    response.body_mut().read_to_end(&mut body)?;
    let status = response.status();
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    )
    .into_bytes();
    for (name, value) in response.headers() {
        if name == "content-length" || name == "connection" {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    let length = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .map_or(body.len().to_string(), str::to_string);
    out.extend_from_slice(
        format!(
            "server: {}\r\ncontent-length: {length}\r\nconnection: {}\r\n\r\n",
            service.name,
            if keep_alive { "keep-alive" } else { "close" }
        )
        .as_bytes(),
    );
    out.extend_from_slice(&body);
    stream.write_all(&out)?;
    stream.flush()
}

/// A 400 about the request's framing.
fn bad(message: &str) -> Fail {
    fail(StatusCode::BAD_REQUEST, "http", message)
}

/// The 413 of a body over the cap.
fn too_large(max: usize) -> Fail {
    fail(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        format!("the request body is over {max} bytes (--max-body)"),
    )
}
