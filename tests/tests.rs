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
mod invariants;
mod knowledge_base;
mod link;
mod lint;
mod matrix;
mod pinned;
mod queries;
mod readme;
mod remote;
mod report;
mod seed;
mod serve;
mod servers;
