//! Which arguments stand: a brief's attacks as a Dung framework, labelled in, out or undecided under grounded, preferred or stable semantics.
//!
//! The framework's arguments are the brief's hypotheses, claims and items
//! of evidence, and one argument for each inference an undercut attacks
//! (the step from a premise to a conclusion, as imported AIF and Argdown
//! store it). Its attacks are the `opposes` edges, strong or not, and the
//! undercuts. Supports play no part: Dung's frameworks know attacks only.
//!
//! `framework` reads it through [`crate::sparql::Backend`] (and `apx`
//! reads ICCMA files), `grounded` computes the grounded labelling in
//! linear time, `exact` searches for preferred and stable extensions,
//! `outcome` turns extensions into labels with the attacker that defeats
//! each rejected argument, `graph` writes them as RDF, and `text` and
//! `json` print them.

pub mod apx;
pub mod exact;
pub mod framework;
pub mod graph;
pub mod grounded;
pub mod json;
pub mod order;
pub mod outcome;
pub mod text;

pub use framework::{Argument, Framework, read_framework};
pub use outcome::{Evaluation, evaluate};

/// The semantics an evaluation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// The least complete labelling: what every reasonable position accepts.
    Grounded,
    /// The maximal admissible sets: an argument is accepted when it is in all of them.
    Preferred,
    /// The conflict-free sets that attack every argument outside them.
    Stable,
}

impl Semantics {
    /// The word the command line, the output and the graph use.
    pub fn as_str(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
        }
    }
}

/// An argument's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// Accepted: it stands.
    In,
    /// Rejected: an accepted argument attacks it.
    Out,
    /// Neither: the framework does not settle it.
    Undecided,
}

impl Label {
    /// The word the output and the graph use.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::In => "in",
            Label::Out => "out",
            Label::Undecided => "undecided",
        }
    }
}

/// The limits of the exact search for preferred and stable extensions.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most labelling steps the search may take before it gives up.
    pub max_steps: u64,
}

/// The default step limit: a few seconds of search at most.
pub const DEFAULT_MAX_STEPS: u64 = 1_000_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: DEFAULT_MAX_STEPS,
        }
    }
}
