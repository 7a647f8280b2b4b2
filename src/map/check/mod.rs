//! Checking a raw map against itself and its brief's text, collecting every problem, and building the model.
//!
//! [`check_map`] resolves every reference to an index, anchors every quote,
//! parses dates and hedges, and looks for support cycles. It never stops at
//! the first problem: all of them come back together, each with a place in
//! `map.toml` (or `brief.txt`) and advice on how to fix it.
//!
//! The work is split by what a map holds: [`ids`] (the ids of every node and
//! the references between them), [`brief`] (the `[brief]` table and the
//! text), [`shared`] (actors, sources and events, which several briefs may
//! describe), [`propositions`] (questions, hypotheses, claims, evidence and
//! their hedges), [`relations`] (support and attack, cycles, ACH ratings)
//! and [`quotes`] (anchoring in the text, passages left out, stale texts),
//! and [`rigour`] (where sources got their information, assumptions and
//! indicators).
//! This file holds the [`Checker`] they all report through, and the order
//! in which they run.

use std::io;
use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::map::anchor::Text;
use crate::map::date::{DATE_HELP, parse_date};
use crate::map::diagnostic::{Diagnostic, Position, has_errors, nearest};
use crate::map::model::{Dated, Map};
use crate::map::parse::{RawMap, Str, parse_map};
use crate::map::text::{not_text_help, read_error_position, text_of};

mod brief;
mod differ;
mod ids;
mod propositions;
mod quotes;
mod relations;
mod rigour;
mod shared;

use quotes::Anchoring;

/// Where a map's files come from: the disk, or text built into the binary.
pub trait MapFiles {
    /// Reads the file at `path` as UTF-8 text.
    fn read(&self, path: &Path) -> io::Result<String>;
}

/// Reads maps from the file system.
pub struct Disk;

impl MapFiles for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        let bytes = std::fs::read(path)?;
        text_of(bytes)
    }
}

/// The outcome of checking one map: the model when there is no error, and every problem.
#[derive(Debug)]
pub struct Checked {
    pub map: Option<Map>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves a command-line argument to a map file: a folder means its `map.toml`.
pub fn map_path(arg: &Path) -> PathBuf {
    if arg.is_dir() {
        arg.join("map.toml")
    } else {
        arg.to_path_buf()
    }
}

/// The maps an argument names: a map file; a brief's folder (its
/// `map.toml`); or a folder of briefs, every `map.toml` in the folders below
/// it, in the order of their paths. A folder with none gives its own
/// `map.toml`, so that reading it reports the missing file.
pub fn map_paths(arg: &Path) -> Vec<PathBuf> {
    if !arg.is_dir() || arg.join("map.toml").is_file() {
        return vec![map_path(arg)];
    }
    let mut found = Vec::new();
    maps_below(arg, &mut found);
    found.sort();
    if found.is_empty() {
        found.push(arg.join("map.toml"));
    }
    found
}

/// Every `map.toml` in the folders below `dir` (not following links to
/// folders, so that a link cannot make the walk endless).
fn maps_below(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir {
            continue;
        }
        let map = entry.path().join("map.toml");
        if map.is_file() {
            found.push(map);
        } else {
            maps_below(&entry.path(), found);
        }
    }
}

/// Reads and checks the map at `path`.
pub fn check_map(path: &Path, files: &dyn MapFiles) -> Checked {
    let text = match files.read(path) {
        Ok(text) => text,
        Err(e) => {
            let help = not_text_help(&e).unwrap_or_else(|| {
                "give the path of a map.toml, or of a folder that holds one".into()
            });
            return Checked {
                map: None,
                diagnostics: vec![
                    Diagnostic::error(
                        path,
                        read_error_position(&e),
                        format!("cannot read the map: {e}"),
                    )
                    .with_help(help),
                ],
            };
        }
    };
    let (raw, mut diagnostics) = parse_map(path, &text);
    let Some(raw) = raw else {
        return Checked {
            map: None,
            diagnostics,
        };
    };
    let mut checker = Checker {
        path,
        text: &text,
        diagnostics: &mut diagnostics,
    };
    let map = checker.map(raw, files);
    let map = if has_errors(&diagnostics) { None } else { map };
    // Report in the order of the file, as a reader goes through it.
    diagnostics.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Checked { map, diagnostics }
}

/// The state of one check: the map's path and text (to place problems) and
/// the problems found so far.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Checks the whole map, part by part. The parts run in the order of
    /// this function, and problems at the same place keep the order they
    /// were found in, so the order of the steps is part of the output.
    fn map(&mut self, raw: RawMap, files: &dyn MapFiles) -> Option<Map> {
        let ids = self.collect_ids(&raw);
        let brief_table = self.brief_table(&raw)?;
        let brief = self.brief(brief_table, &ids);
        let (text_path, text) = self.brief_text(brief_table, files);
        let furniture: Vec<&str> = brief.meta.furniture.iter().map(String::as_str).collect();
        let anchor_text = text.as_deref().map(|t| Text::new(t, &furniture));
        let anchoring = Anchoring::new(anchor_text.as_ref(), &text_path);

        let hedges = self.hedges(&raw);
        let actors = self.actors(&raw, &ids);
        let sources = self.sources(&raw, &ids);
        self.derivation_cycles(&raw, &sources);
        let events = self.events(&raw, &ids, &anchoring);
        let questions = self.questions(&raw, &anchoring);
        let nodes = self.propositions(&raw, &ids, &anchoring, &hedges);
        let unmapped = self.unmapped(&raw, &anchoring);
        let indicators = self.indicators(&raw, &ids, &nodes.propositions);
        let assumptions = self.assumptions(&raw, &ids, &anchoring);
        self.cycles(&raw, &nodes.propositions, &nodes.relations);
        self.stale(&anchoring, &brief.span);

        brief.meta.mapped_on?;
        Some(Map {
            id: brief.id,
            meta: brief.meta,
            text: text?,
            questions,
            propositions: nodes.propositions,
            relations: nodes.relations,
            sources,
            actors,
            events,
            unmapped,
            ratings: nodes.ratings,
            assumptions,
            indicators,
            interchange: Default::default(),
        })
    }

    /// The place of a value in the map.
    fn at<T>(&self, value: &Spanned<T>) -> Option<Position> {
        Some(Position::of_byte(self.text, value.span().start))
    }

    /// Reports an error at `at`, with advice.
    fn error<T>(&mut self, at: &Spanned<T>, message: impl Into<String>, help: impl Into<String>) {
        let position = self.at(at);
        self.diagnostics
            .push(Diagnostic::error(self.path, position, message).with_help(help));
    }

    /// The text of a value `key` that `what` must have and must not leave
    /// empty; an error (at the value, or at `owner` when it is missing) and
    /// an empty string otherwise.
    fn required(&mut self, value: &Option<Str>, key: &str, owner: &Str, what: &str) -> String {
        match value {
            Some(v) if v.get_ref().trim().is_empty() => {
                self.error(
                    v,
                    format!("`{key}` of {what} is empty"),
                    format!("write the {key} of {what}"),
                );
                String::new()
            }
            Some(v) => v.get_ref().clone(),
            None => {
                self.error(
                    owner,
                    format!("{what} has no `{key}`"),
                    format!("add `{key} = \"…\"` to {what}"),
                );
                String::new()
            }
        }
    }

    /// The one of `allowed` that `value` names; an error (with the nearest
    /// allowed word) and the first of `allowed` when it names none or is missing.
    fn one_of(
        &mut self,
        value: &Option<Str>,
        allowed: &[&'static str],
        key: &str,
        owner: &Str,
        what: &str,
    ) -> &'static str {
        match value {
            None => {
                self.error(
                    owner,
                    format!("{what} has no `{key}`"),
                    format!("add `{key} = ` one of: {}", allowed.join(", ")),
                );
                allowed[0]
            }
            Some(v) => match allowed.iter().find(|a| **a == v.get_ref()) {
                Some(a) => a,
                None => {
                    let help = match nearest(v.get_ref(), allowed) {
                        Some(near) => format!(
                            "did you mean `{near}`? {key} is one of: {}",
                            allowed.join(", ")
                        ),
                        None => format!("{key} is one of: {}", allowed.join(", ")),
                    };
                    self.error(
                        v,
                        format!("unknown {key} `{}` in {what}", v.get_ref()),
                        help,
                    );
                    allowed[0]
                }
            },
        }
    }

    /// A date and whether it was inferred; an error when it does not parse.
    fn dated(&mut self, date: &Str, inferred: Option<&Spanned<bool>>) -> Option<Dated> {
        match parse_date(date.get_ref()) {
            Ok(d) => Some(Dated {
                date: d,
                inferred: inferred.is_some_and(|i| *i.get_ref()),
            }),
            Err(e) => {
                self.error(date, format!("bad date: {e}"), DATE_HELP);
                None
            }
        }
    }
}
