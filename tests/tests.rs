//! The integration tests: each runs the real `argmap` binary in a fresh temporary directory.

mod aif;
mod argdown;
mod check;
mod common;
mod knowledge_base;
mod queries;
mod seed;
