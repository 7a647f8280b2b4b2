//! Running a request's work on a worker thread with a large stack, once the gate admits it, while
//! the request's thread waits no longer than the deadline; and the limits the work checks.

use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use oxhttp::model::StatusCode;
use oxigraph::sparql::CancellationToken;

use super::fail::{Fail, fail, timeout_fail};
use super::{Config, Reply, Service};

/// Stack of each worker thread: evaluation recurses over the algebra.
pub(super) const WORKER_STACK: usize = 16 << 20;

/// What a worker may use to stop early.
pub(super) struct Limits {
    deadline: Instant,
    max_rows: usize,
    timeout: Duration,
}

impl Limits {
    /// The limits of a request that started at `start`.
    pub(super) fn starting(start: Instant, config: &Config) -> Limits {
        Limits {
            deadline: start + config.timeout,
            max_rows: config.max_rows,
            timeout: config.timeout,
        }
    }

    /// When the request must be answered.
    pub(super) fn deadline(&self) -> Instant {
        self.deadline
    }

    /// The cap on result rows.
    pub(super) fn max_rows(&self) -> usize {
        self.max_rows
    }

    /// The request's time limit, for its message.
    pub(super) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Called once per row written: past the deadline or the row cap, stop.
    pub(super) fn check(&self, rows: usize) -> Result<(), Fail> {
        if rows > self.max_rows {
            return Err(fail(
                StatusCode::BAD_REQUEST,
                "too-many-rows",
                format!(
                    "the result has more than {} rows; add a LIMIT, or raise --max-rows",
                    self.max_rows
                ),
            ));
        }
        if Instant::now() > self.deadline {
            return Err(timeout_fail(self.timeout));
        }
        Ok(())
    }
}

impl Service {
    /// Runs `work` on a worker thread once a slot is free, and waits for it
    /// no longer than the time limit. The slot stays taken until the worker
    /// really ends, so a query that ignores cancellation still counts
    /// against the limit on concurrent work.
    pub(super) fn limited<F>(&self, work: F) -> Result<Reply, Fail>
    where
        F: FnOnce(&Limits, &CancellationToken) -> Result<Reply, Fail> + Send + 'static,
    {
        self.on_worker(work, true)
    }

    /// As [`Service::limited`]; with `deadline` false the request waits for
    /// the worker to finish (an update cannot be cancelled, and its client
    /// must not be told it failed while it may still land).
    pub(super) fn on_worker<F>(&self, work: F, deadline: bool) -> Result<Reply, Fail>
    where
        F: FnOnce(&Limits, &CancellationToken) -> Result<Reply, Fail> + Send + 'static,
    {
        let start = Instant::now();
        let timeout = self.config.timeout;
        let permit = self.gate.acquire(timeout).ok_or_else(|| {
            fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the server is busy: every worker is taken and the queue is full; retry later",
            )
        })?;
        let limits = Limits::starting(start, &self.config);
        let limits_deadline = limits.deadline;
        let token = CancellationToken::new();
        let worker_token = token.clone();
        let (send, receive) = channel();
        std::thread::Builder::new()
            .name("argmap query".into())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                let result = work(&limits, &worker_token);
                drop(permit);
                let _ = send.send(result);
            })
            .map_err(|e| fail(StatusCode::SERVICE_UNAVAILABLE, "busy", e.to_string()))?;
        let received = if deadline {
            let left = limits_deadline.saturating_duration_since(Instant::now());
            receive.recv_timeout(left)
        } else {
            receive.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match received {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => {
                token.cancel();
                Err(timeout_fail(timeout))
            }
            Err(RecvTimeoutError::Disconnected) => Err(fail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the query's worker stopped without an answer; this is a bug in argmap",
            )),
        }
    }
}
