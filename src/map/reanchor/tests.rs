//! The four outcomes on small texts, and the lookalike that must never be taken for a rewritten quote.

use super::*;

fn old_quote(old: &Side, quote: &str) -> OldQuote {
    let anchor = match old.find(quote, None) {
        Found::Anchored { anchor, .. } => Some(anchor),
        _ => None,
    };
    OldQuote {
        quote: quote.to_string(),
        old: anchor,
    }
}

fn outcome(old: &str, new: &str, quote: &str) -> Outcome {
    let (old, new) = (Side::new(old, &[]), Side::new(new, &[]));
    reanchor_one(&old_quote(&old, quote), &old, &new)
}

const OLD: &str = "First paragraph about the weather in spring.\n\nThe minister said the talks would resume in March after the holiday. Nobody believed him.\n\nA closing line.";

#[test]
fn a_moved_quote_is_exact() {
    let new = format!("An inserted paragraph.\n\n{OLD}");
    let o = outcome(OLD, &new, "the talks would resume in March");
    assert_eq!(o.name(), "exact");
    assert!(o.placed().unwrap().anchor.start > 20);
}

#[test]
fn curly_quotes_are_normalised() {
    let old = "He called it \u{201c}a new dawn\u{201d} for the region.";
    let new = "He called it \"a new dawn\" for the region.";
    let o = outcome(old, new, "it \u{201c}a new dawn\u{201d} for");
    assert_eq!(o.name(), "normalised");
    assert_eq!(o.placed().unwrap().quote, "it \"a new dawn\" for");
}

#[test]
fn a_fixed_typo_is_fuzzy() {
    let old = OLD.replace("resume", "rseume");
    let o = outcome(
        &old,
        OLD,
        "the talks would rseume in March after the holiday",
    );
    assert_eq!(o.name(), "fuzzy", "{o:?}");
    assert_eq!(
        o.placed().unwrap().quote,
        "the talks would resume in March after the holiday"
    );
}

#[test]
fn a_deleted_sentence_is_orphaned() {
    let new = OLD.replace(
        "The minister said the talks would resume in March after the holiday. ",
        "",
    );
    let o = outcome(
        OLD,
        &new,
        "the talks would resume in March after the holiday",
    );
    assert_eq!(o.name(), "orphaned", "{o:?}");
}

#[test]
fn a_rewritten_passage_is_not_moved_to_its_lookalike() {
    let old = "Intro text here.\n\nOfficials said the sanctions had caused severe hardship for ordinary families. More follows.\n\nMiddle part of the brief with other matters.\n\nLater, officials said the sanctions had caused serious hardship for ordinary families too. The end.";
    let new = "Intro text here.\n\nThe ministry denied any effect of the measures on households. More follows.\n\nMiddle part of the brief with other matters.\n\nLater, officials said the sanctions had caused serious hardship for ordinary families too. The end.";
    let o = outcome(
        old,
        new,
        "Officials said the sanctions had caused severe hardship for ordinary families.",
    );
    assert_eq!(o.name(), "orphaned", "{o:?}");
}
