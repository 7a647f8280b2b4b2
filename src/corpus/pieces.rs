//! The pieces of TOML a generated map is written with: strings, arrays, and the keys of the shared entities.

pub use crate::render::{toml_list as list, toml_string as quoted};

/// The key of the `i`th shared actor.
pub fn actor_key(i: usize) -> String {
    format!("actor-{:03}", i + 1)
}

/// The key of the `i`th shared source.
pub fn source_key(i: usize) -> String {
    format!("source-{:03}", i + 1)
}

/// The key of the `i`th shared event.
pub fn event_key(i: usize) -> String {
    format!("event-{:03}", i + 1)
}
