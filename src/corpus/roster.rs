//! The roster (`gen-corpus --actors N`): actors of unique names declared in every brief, and a dataset to reconcile them against.
//!
//! Reconciliation needs many entities whose right match is known. Each
//! roster actor's name is a family name and two syllables, different for
//! every actor; the dataset holds, for each, its true match written
//! another way (hyphen as a space, the syllables joined, or upper case)
//! and a decoy one syllable away, whose last syllable no roster name has.
//! Every tenth roster actor is an organisation whose decoy is a person of
//! the very same name, which only the type check can tell apart. Nothing
//! here is random: the roster is the same for every seed.

use std::fmt::Write;

use super::pieces::quoted;
use super::pools::capitalise;
use super::words::{DECOY_LAST, ROSTER_FAMILY, ROSTER_FIRST, ROSTER_LAST};

/// How many roster actors there can be: one per name.
pub const MAX: usize = ROSTER_FAMILY.len() * ROSTER_FIRST.len() * ROSTER_LAST.len();

/// Where the dataset's entities live: `<MATCHES><key>` is the true match of the roster actor `<key>`.
pub const MATCHES: &str = "http://example.org/roster/match/";
/// `<DECOYS><key>` is the decoy of the roster actor `<key>`.
pub const DECOYS: &str = "http://example.org/roster/decoy/";

pub fn key(i: usize) -> String {
    format!("roster-{:05}", i + 1)
}

/// The syllables of actor `i`: family name, first and last syllable.
fn syllables(i: usize) -> (&'static str, &'static str, &'static str) {
    let last = ROSTER_LAST.len();
    let first = ROSTER_FIRST.len();
    (
        ROSTER_FAMILY[i / (first * last)],
        ROSTER_FIRST[(i / last) % first],
        ROSTER_LAST[i % last],
    )
}

fn is_organisation(i: usize) -> bool {
    i.is_multiple_of(10)
}

/// The name the map gives actor `i`, such as "Kim Yong-ho".
pub fn name(i: usize) -> String {
    let (family, first, last) = syllables(i);
    format!("{family} {}-{last}", capitalise(first))
}

/// Writes the roster's `[actor.…]` tables (none when `count` is 0).
pub fn sections(map: &mut String, count: usize) {
    for i in 0..count {
        let kind = if is_organisation(i) {
            "organisation"
        } else {
            "person"
        };
        let _ = writeln!(map, "\n[actor.{}]", key(i));
        let _ = writeln!(map, "kind = \"{kind}\"");
        let _ = writeln!(map, "name = {}", quoted(&name(i)));
    }
}

/// The dataset to reconcile the roster against, as Turtle: for every
/// actor its true match and its decoy, typed with schema.org's classes.
pub fn dataset(count: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# The dataset of `argmap gen-corpus --actors {count}`: each roster actor's true match, written another way, and a decoy."
    );
    let _ = writeln!(
        out,
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix schema: <https://schema.org/> .\n@prefix match: <{MATCHES}> .\n@prefix decoy: <{DECOYS}> ."
    );
    for i in 0..count {
        let (family, first, last) = syllables(i);
        let variant = match i % 3 {
            0 => format!("{family} {} {}", capitalise(first), capitalise(last)),
            1 => format!("{family} {}{last}", capitalise(first)),
            _ => name(i).to_uppercase(),
        };
        let class = if is_organisation(i) {
            "schema:Organization"
        } else {
            "schema:Person"
        };
        let decoy = if is_organisation(i) {
            name(i)
        } else {
            let other = DECOY_LAST[i % DECOY_LAST.len()];
            format!("{family} {}-{other}", capitalise(first))
        };
        let key = key(i);
        let _ = writeln!(
            out,
            "match:{key} a {class} ; rdfs:label {}@en .",
            quoted(&variant)
        );
        let _ = writeln!(
            out,
            "decoy:{key} a schema:Person ; rdfs:label {}@en .",
            quoted(&decoy)
        );
    }
    out
}
