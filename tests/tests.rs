//! The integration tests: each runs the real `argmap` binary in a fresh temporary directory.

mod check;
mod common;
mod knowledge_base;
mod queries;
mod remote;
mod seed;
