//! Fuzz target: re-anchoring, any quotes made against any text, in any revision of it.
//!
//! The input is split at its NULs: the old text, the new text, then the
//! quotes, one a line. No input may panic, and every quote placed in the new
//! text must really be there: anchoring it as written (with its occurrence)
//! gives the same place, and its `exact` is the new text between its offsets.
#![no_main]

use argmap::map::anchor::Found;
use argmap::map::reanchor::{OldQuote, Outcome, Side, reanchor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(data) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = data.splitn(3, '\0');
    let old_text = parts.next().unwrap_or("");
    let new_text = parts.next().unwrap_or("");
    let quotes = parts.next().unwrap_or("");
    let furniture = ["Page", "Online Series"];
    let old = Side::new(old_text, &furniture);
    let new = Side::new(new_text, &furniture);
    let olds: Vec<OldQuote> = quotes
        .lines()
        .take(16)
        .map(|q| OldQuote {
            quote: q.to_string(),
            old: match old.find(q, None) {
                Found::Anchored { anchor, .. } => Some(anchor),
                _ => None,
            },
        })
        .collect();
    let chars: Vec<char> = new_text.chars().collect();
    for outcome in reanchor(&olds, &old, &new) {
        match &outcome {
            Outcome::Orphaned { candidates, .. } => {
                assert!(candidates.iter().all(|c| c.start <= chars.len()));
            }
            placed => {
                let placed = placed.placed().unwrap();
                let exact: String = chars[placed.anchor.start..placed.anchor.end].iter().collect();
                assert_eq!(exact, placed.anchor.exact);
                match new.find(&placed.quote, placed.occurrence) {
                    Found::Anchored { anchor, .. } => assert_eq!(anchor, placed.anchor),
                    other => panic!("placed quote does not anchor: {other:?}"),
                }
            }
        }
    }
});
