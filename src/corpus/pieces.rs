//! The pieces of TOML a generated map is written with: strings, arrays, and the keys of the shared entities.

use std::fmt::Write;

/// A TOML basic string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML array of strings.
pub fn list(keys: &[String]) -> String {
    let items: Vec<String> = keys.iter().map(|k| quoted(k)).collect();
    format!("[{}]", items.join(", "))
}

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
