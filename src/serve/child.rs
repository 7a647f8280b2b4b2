//! A query evaluated in a child process (`argmap serve-worker`, hidden): the server's side
//! spawns it, feeds it the [`Job`], watches its memory and kills it at the deadline; the child's
//! side opens the store read-only, answers the job and writes the reply to its standard output.
//!
//! A thread cannot be stopped from outside, and oxigraph's cancellation
//! token is not checked everywhere (a sort collects every row first; one
//! REPLACE may build a string of gigabytes), so a query that must end at
//! its deadline, and whose memory must be bounded, runs where the server
//! can end it: in a process of its own. When it is killed, its memory goes
//! back to the system with it.
//!
//! The reply on the child's standard output is one line of JSON (the
//! status, and the media type or the error's code and message), then the
//! body to the end.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use oxhttp::model::StatusCode;
use oxigraph::sparql::CancellationToken;
use serde_json::{Value, json};

use super::fail::{Fail, fail, timeout_fail};
use super::job::{Job, answer_job};
use super::worker::{Limits, WORKER_STACK};
use super::{Config, Reply};
use crate::Error;
use crate::store::KnowledgeBase;

/// How often the server looks at a child's memory and the clock.
const POLL: Duration = Duration::from_millis(5);

/// Runs `job` on the store in `store` in a child process of `exe`, killed
/// at the deadline of `limits` or when its resident memory passes
/// `max_memory` bytes.
pub(super) fn run_in_child(
    exe: &Path,
    store: &Path,
    job: &Job,
    limits: &Limits,
    max_memory: u64,
) -> Result<Reply, Fail> {
    let left = limits.deadline().saturating_duration_since(Instant::now());
    let mut child = Command::new(exe)
        .arg("--quiet")
        .arg("--store")
        .arg(store)
        .arg("serve-worker")
        .arg("--max-rows")
        .arg(limits.max_rows().to_string())
        .arg("--timeout")
        .arg(left.as_secs_f64().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| worker_fail(format!("cannot start a query process: {e}")))?;
    let input = serde_json::to_vec(job).map_err(|e| worker_fail(e.to_string()))?;
    // The job is small next to a pipe's buffer; the child reads it whole
    // before it writes anything, so this cannot wait on the child.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(&input);
    }
    let mut stdout = child.stdout.take().expect("a piped standard output");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    watch(&mut child, limits, max_memory)?;
    let out = reader.join().unwrap_or_default();
    read_reply(&out)
}

/// Waits for `child` to end; kills it at the deadline or past `max_memory`.
fn watch(child: &mut Child, limits: &Limits, max_memory: u64) -> Result<(), Fail> {
    let started = Instant::now();
    let mut lowered = false;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return Ok(()),
            Ok(None) => {}
            Err(e) => return Err(worker_fail(e.to_string())),
        }
        if Instant::now() >= limits.deadline() {
            end(child);
            return Err(timeout_fail(limits.timeout()));
        }
        if resident_memory(child.id()).is_some_and(|bytes| bytes > max_memory) {
            end(child);
            return Err(fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "memory",
                format!(
                    "the query needed more than {} MiB of memory and was stopped; narrow it (a LIMIT does not bound a sort), or raise --max-memory",
                    max_memory >> 20
                ),
            ));
        }
        if !lowered && started.elapsed() > LONG_QUERY {
            lowered = true;
            lower_priority(child.id());
        }
        std::thread::sleep(POLL);
    }
}

/// After this long a query is a long one, and yields the CPU to short ones.
const LONG_QUERY: Duration = Duration::from_millis(500);

/// Lowers the CPU priority of process `pid` (nice 10), so that short
/// queries started later are answered first; best effort.
fn lower_priority(pid: u32) {
    // SAFETY: setpriority takes plain integers and touches no memory of ours.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, pid, 10);
    }
}

/// Kills `child` and reaps it, so that its memory and its slot are free at once.
fn end(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The resident memory of process `pid` in bytes, where the system says it.
fn resident_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The reply a child wrote: its header line, then the body.
fn read_reply(out: &[u8]) -> Result<Reply, Fail> {
    let newline = out.iter().position(|&b| b == b'\n').ok_or_else(|| {
        worker_fail("the query process ended without an answer (it may have run out of memory)")
    })?;
    let head: Value = serde_json::from_slice(&out[..newline])
        .map_err(|e| worker_fail(format!("the query process's answer is unreadable: {e}")))?;
    let text = |key: &str| head.get(key).and_then(Value::as_str).map(str::to_string);
    let status = head.get("status").and_then(Value::as_u64).unwrap_or(500);
    if status == 200 {
        let media = text("media").unwrap_or_else(|| "application/octet-stream".into());
        return Ok(Reply::new(&media, out[newline + 1..].to_vec()));
    }
    Err(Fail::from_parts(
        u16::try_from(status).unwrap_or(500),
        text("error").unwrap_or_else(|| "internal".into()),
        text("message").unwrap_or_default(),
    ))
}

/// A failure of the query process itself, not of the query.
fn worker_fail(message: impl Into<String>) -> Fail {
    fail(StatusCode::INTERNAL_SERVER_ERROR, "worker", message)
}

/// The child's side: reads a [`Job`] from standard input, answers it on
/// the store in `store` (opened read-only) within `timeout` and `max_rows`,
/// and writes the reply to standard output.
pub fn serve_worker(store: &Path, max_rows: usize, timeout: Duration) -> Result<(), Error> {
    let start = Instant::now();
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| Error::Io(format!("cannot read the job: {e}")))?;
    let job: Job = serde_json::from_slice(&input)
        .map_err(|e| Error::Io(format!("the job is unreadable: {e}")))?;
    let store = store.to_path_buf();
    let config = Config {
        timeout,
        max_rows,
        ..Config::default()
    };
    // On a thread with a large stack: the parser and the evaluator recurse.
    let answer = std::thread::Builder::new()
        .name("argmap query".into())
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let limits = Limits::starting(start, &config);
            let kb = open_settled(&store, limits.deadline()).map_err(Fail::from)?;
            answer_job(&kb, job, &limits, &CancellationToken::new())
        })
        .map_err(|e| Error::Io(format!("cannot start the query's thread: {e}")))?
        .join()
        .unwrap_or_else(|_| Err(worker_fail("the query's thread panicked")));
    let mut stdout = std::io::stdout().lock();
    let written = match answer {
        Ok(reply) => writeln!(
            stdout,
            "{}",
            json!({"status": 200, "media": reply.media_type})
        )
        .and_then(|()| stdout.write_all(&reply.body)),
        Err(f) => {
            let (status, code, message) = f.parts();
            writeln!(
                stdout,
                "{}",
                json!({"status": status, "error": code, "message": message})
            )
        }
    };
    written
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::Io(format!("cannot write the answer: {e}")))
}

/// Opens the store read-only, trying again while a write of the server's
/// own is moving its files (a flush or a compaction may delete a table file
/// between RocksDB reading the manifest and opening the file), until the
/// deadline.
fn open_settled(store: &Path, deadline: Instant) -> Result<KnowledgeBase, Error> {
    loop {
        match KnowledgeBase::open_read_only(store) {
            Ok(kb) => return Ok(kb),
            Err(e) if Instant::now() + RETRY < deadline && matches!(e, Error::Open { .. }) => {
                std::thread::sleep(RETRY);
            }
            Err(e) => return Err(e),
        }
    }
}

/// How long to wait before opening the store again.
const RETRY: Duration = Duration::from_millis(10);
