//! Analytic rigour on a stored brief: the root origins behind its evidence (independent corroboration), its assumptions, and its indicators run as ASK queries.
//!
//! [`origins`] follows each proposition's source through `derived-from` to
//! the origins at the root, so that `trace` and `matrix` count origins, not
//! items. [`assumptions`] reads what each proposition rests on, for the
//! trace's flag of an unsupported assumption. [`indicators`] runs every
//! indicator's ASK and says which are observed, not yet observed or overdue,
//! and which hypotheses gain or lose. All of it reads through
//! [`crate::sparql::Backend`], so it works on a remote endpoint too.

pub mod assumptions;
pub mod indicators;
pub mod origins;
