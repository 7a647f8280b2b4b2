//! Fuzz target: quote anchoring, any quote in any text.
//!
//! The input is split at its first NUL: the text, then the quote. An
//! anchored quote must lie inside the text, and its `exact` must be the text
//! between its offsets.
#![no_main]

use argmap::map::anchor::{Found, Text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(data) = std::str::from_utf8(data) else {
        return;
    };
    let (text, quote) = data.split_once('\0').unwrap_or((data, ""));
    let anchored = Text::new(text, &["Page", "KINU"]);
    let chars: Vec<char> = text.chars().collect();
    for occurrence in [None, Some(1), Some(2)] {
        if let Found::Anchored { anchor, count } = anchored.find(quote, occurrence) {
            assert!(count >= 1);
            assert!(anchor.start <= anchor.end && anchor.end <= chars.len());
            let exact: String = chars[anchor.start..anchor.end].iter().collect();
            assert_eq!(exact, anchor.exact);
        }
    }
});
