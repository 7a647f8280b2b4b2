//! Admission: at most so many requests evaluated at once, a bounded queue of those waiting for a
//! slot, and the permit that gives a slot back when its work really ends.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Admits at most `running` requests at once and lets at most `waiting`
/// more wait for a slot.
pub(super) struct Gate {
    /// Requests running, then requests waiting.
    state: Mutex<(usize, usize)>,
    freed: Condvar,
    running: usize,
    waiting: usize,
}

/// A slot taken from the gate, given back when dropped.
pub(super) struct Permit(Arc<Gate>);

impl Drop for Permit {
    fn drop(&mut self) {
        let mut state = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 -= 1;
        self.0.freed.notify_one();
    }
}

impl Gate {
    pub(super) fn new(running: usize, waiting: usize) -> Gate {
        Gate {
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
            running,
            waiting,
        }
    }

    /// A slot, waiting at most `wait`; `None` when the queue is full or the wait runs out.
    pub(super) fn acquire(self: &Arc<Gate>, wait: Duration) -> Option<Permit> {
        let deadline = Instant::now() + wait;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.0 < self.running {
            state.0 += 1;
            return Some(Permit(Arc::clone(self)));
        }
        if state.1 >= self.waiting {
            return None;
        }
        state.1 += 1;
        while state.0 >= self.running {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                state.1 -= 1;
                return None;
            }
            state = self
                .freed
                .wait_timeout(state, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        state.1 -= 1;
        state.0 += 1;
        Some(Permit(Arc::clone(self)))
    }
}
