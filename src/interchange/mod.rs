//! Interchange: AIF and Argdown maps made by other tools, read into the map model and written back out; RDF files read into named graphs.
//!
//! [`import`] detects the format and hands the file to its reader; what the
//! readers share is in [`common`]. [`rdf`] reads RDF files for `argmap
//! load` and `argmap link`.

use std::path::Path;

use crate::map::check::Checked;
use crate::map::diagnostic::{Diagnostic, Severity};
use crate::map::model::Map;

pub mod aif;
pub mod argdown;
pub mod common;
pub mod entities;
pub mod rdf;
pub mod roles;

pub use common::{UNKNOWN_LANGUAGE, default_id, key_of};
pub use roles::{Named, Roles, read_roles_file, roles_file_for};

/// How `argmap import` reads a file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Refuse a file with any defect: every warning becomes an error.
    pub strict: bool,
    /// What the user says about the roles of the file's propositions.
    pub roles: Roles,
}

/// The formats `argmap import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// AIFdb JSON, bare or in the OVA3/xAIF wrapper.
    Aif,
    /// Argdown text.
    Argdown,
}

/// Which format `path` holds: `.json` is AIF and `.argdown`/`.ad` is
/// Argdown; otherwise a text that parses as JSON is AIF.
pub fn detect(path: &Path, text: &str) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Aif,
        Some("argdown") | Some("ad") => Format::Argdown,
        _ if serde_json::from_str::<serde_json::Value>(text).is_ok() => Format::Aif,
        _ => Format::Argdown,
    }
}

/// Reads `text` (from `path`) into a map with brief id `id`. With
/// `strict`, every warning becomes an error, so a defective file is refused.
pub fn import(path: &Path, text: &str, id: &str, strict: bool) -> Checked {
    let options = ImportOptions {
        strict,
        ..ImportOptions::default()
    };
    import_with(path, text, id, &options)
}

/// Reads `text` (from `path`) into a map with brief id `id`, as `options`
/// say: the roles the user gives, and those the structure makes clear,
/// are given to its propositions (see [`roles`]).
pub fn import_with(path: &Path, text: &str, id: &str, options: &ImportOptions) -> Checked {
    let strict = options.strict;
    let format = detect(path, text);
    // An Argdown file that is JSON is most likely AIF under the wrong name:
    // read as Argdown it would be one long statement.
    let argdown_named = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("argdown") | Some("ad")
    );
    if argdown_named
        && serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|v| v.is_object() || v.is_array())
    {
        return Checked {
            map: None,
            diagnostics: vec![
                Diagnostic::error(path, None, "this file holds JSON, not Argdown")
                    .with_help("if it is AIF, give it the extension .json; if it is Argdown, write it in Argdown's syntax"),
            ],
        };
    }
    let mut checked = match format {
        Format::Aif => aif::read(path, text, id),
        Format::Argdown => {
            // The tags the user names mark hypotheses as the file is read,
            // beside `#hypothesis` and the frontmatter's own list.
            let tags: Vec<String> = options
                .roles
                .hypothesis_tags
                .iter()
                .map(|t| t.name.trim_start_matches('#').to_string())
                .collect();
            argdown::read_with(path, text, id, &tags)
        }
    };
    if let Some(map) = &checked.map {
        if map.propositions.is_empty() {
            let (what, help) = match format {
                Format::Aif => (
                    "no I-nodes",
                    "an AIF file needs at least one I-node: {\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"…\"}], \"edges\": []}",
                ),
                Format::Argdown => (
                    "no statements or arguments",
                    "write at least one statement `[Title]: text` or argument `<Title>: text`",
                ),
            };
            checked.diagnostics.push(
                Diagnostic::error(
                    path,
                    None,
                    format!("the file holds {what}: there is nothing to import"),
                )
                .with_help(help),
            );
            checked.map = None;
        } else {
            checked.diagnostics.extend(support_cycles(path, map));
        }
    }
    if let Some(map) = &mut checked.map {
        let found = roles::apply(path, map, &options.roles);
        if found.iter().any(Diagnostic::is_error) {
            checked.map = None;
        }
        checked.diagnostics.extend(found);
    }
    if strict {
        let mut refused = false;
        for d in &mut checked.diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
                d.help = Some(
                    "--strict refuses a file with any defect; leave it out to import the rest"
                        .into(),
                );
                refused = true;
            }
        }
        if refused {
            checked.map = None;
        }
    }
    checked
}

/// A warning for each proposition that supports itself and for each
/// support cycle: an interchange file may hold them, and they are imported
/// as they are, but an argument that rests on itself supports nothing.
fn support_cycles(path: &Path, map: &Map) -> Vec<Diagnostic> {
    let name = |i: usize| {
        format!(
            "`{}`",
            map.propositions[i]
                .text
                .chars()
                .take(60)
                .collect::<String>()
        )
    };
    crate::map::model::support_cycles(map.propositions.len(), &map.relations)
        .into_iter()
        .map(|cycle| match cycle.as_slice() {
            [one, _] => common::warning(
                path,
                format!("{} supports itself", name(*one)),
                "remove the support from the statement to itself",
            ),
            _ => common::warning(
                path,
                format!(
                    "support cycle: {}",
                    cycle.iter().map(|&i| name(i)).collect::<Vec<_>>().join(" → ")
                ),
                "an argument cannot rest on itself: the cycle is imported as it is; remove one of its supports in the file",
            ),
        })
        .collect()
}
