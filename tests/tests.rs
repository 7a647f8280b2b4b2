//! The integration tests: each runs the real `argmap` binary in a fresh temporary directory.

mod aif;
mod argdown;
mod bad;
mod check;
mod common;
mod completions;
mod corpus;
mod durability;
mod export;
mod fidelity;
mod invariants;
mod knowledge_base;
mod link;
mod lint;
mod matrix;
mod pinned;
mod queries;
mod readme;
mod reanchor;
mod remote;
mod remote_standin;
mod report;
mod seed;
mod serve;
mod servers;
mod weigh;
