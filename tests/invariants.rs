//! The invariants of the code's layout that a machine can check: who may name the store and TOML, which folders import which, and the shape of every source file.
//!
//! The folders are the pipeline (see ARCHITECTURE.md): `map` (the authoring
//! language) imports nothing above it, and `sparql` (how everything is
//! read) imports neither the store nor anything above. These tests read the
//! sources as text; a path is "named" wherever it is written, in code or in
//! a comment, since a comment naming a module explains a dependency.

use std::path::{Path, PathBuf};

use crate::common::root;

/// The longest a source file may be.
const MAX_LINES: usize = 700;

/// The longest a function of the library or the command line may be: a
/// longer one is split into named steps.
const MAX_FUNCTION_LINES: usize = 120;

/// Every `.rs` file under `dir`, sorted, as (path relative to the project, text).
fn rust_files(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&root().join(dir), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.strip_prefix(root()).unwrap().display().to_string();
            (name, text)
        })
        .collect()
}

/// Whether `text` has `word` at `at` as a whole identifier (not inside a longer one).
fn whole_word(text: &str, at: usize, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..at].chars().next_back();
    let after = text[at + word.len()..].chars().next();
    before.is_none_or(|c| !is_ident(c)) && after.is_none_or(|c| !is_ident(c))
}

/// The first segment of each path `text` imports from `prefix` (`crate::`):
/// `crate::store::KnowledgeBase` gives `store`, and a group
/// `crate::{map::model, sparql::Backend}` gives `map` and `sparql`.
fn imported_roots(text: &str, prefix: &str) -> Vec<String> {
    let mut roots = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        if !whole_word(text, at, prefix.trim_end_matches(':')) {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            roots.extend(group_roots(group));
        } else {
            roots.push(leading_ident(rest));
        }
    }
    roots.retain(|r| !r.is_empty());
    roots
}

fn leading_ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The first segment of every item of a `{…}` import group (the text after its `{`).
fn group_roots(group: &str) -> Vec<String> {
    let mut roots = Vec::new();
    let mut depth = 0;
    let mut at_item_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_item_start = true,
            c if at_item_start && depth == 0 && !c.is_whitespace() => {
                roots.push(leading_ident(&group[i..]));
                at_item_start = false;
            }
            _ => {}
        }
    }
    roots
}

/// The modules above each lower layer: what it must never import.
const ABOVE_MAP: &[&str] = &[
    "draft",
    "store",
    "KnowledgeBase",
    "sparql",
    "read",
    "export",
    "interchange",
    "link",
    "report",
    "serve",
    "corpus",
];
const ABOVE_SPARQL: &[&str] = &[
    "draft",
    "store",
    "KnowledgeBase",
    "read",
    "export",
    "interchange",
    "link",
    "report",
    "serve",
    "corpus",
];

fn imports_from_above(folder: &str, above: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in rust_files(folder) {
        for module in imported_roots(&text, "crate::") {
            if above.contains(&module.as_str()) {
                found.push(format!("{file} imports crate::{module}"));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_authoring_language_imports_nothing_above_it() {
    let found = imports_from_above("src/map", ABOVE_MAP);
    assert!(
        found.is_empty(),
        "src/map/ must not import a later stage:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_query_layer_imports_neither_the_store_nor_anything_above() {
    let found = imports_from_above("src/sparql", ABOVE_SPARQL);
    assert!(
        found.is_empty(),
        "src/sparql/ must not import the store or a later stage:\n{}",
        found.join("\n")
    );
}

/// Whether `text` names oxigraph's `Store` type: the full path, or `Store` in a
/// group imported from `oxigraph::store` (its `StorageError` is another type).
fn names_the_store(text: &str) -> bool {
    text.match_indices("oxigraph::store::").any(|(at, prefix)| {
        let rest = &text[at + prefix.len()..];
        match rest.strip_prefix('{') {
            Some(group) => group_roots(group).iter().any(|r| r == "Store"),
            None => leading_ident(rest) == "Store",
        }
    })
}

#[test]
fn only_the_store_names_oxigraphs_store() {
    let mut found: Vec<String> = Vec::new();
    for folder in ["src", "benches"] {
        for (file, text) in rust_files(folder) {
            if !file.starts_with("src/store/") && names_the_store(&text) {
                found.push(file);
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/store/ may name oxigraph::store::Store (go through KnowledgeBase):\n{}",
        found.join("\n")
    );
}

/// Whether `text` names the `toml` crate: `toml::…` as a path of its own.
fn names_toml(text: &str) -> bool {
    !imported_roots(text, "toml::").is_empty()
}

#[test]
fn only_the_authoring_language_names_toml() {
    let found: Vec<String> = rust_files("src")
        .into_iter()
        .filter(|(file, text)| !file.starts_with("src/map/") && names_toml(text))
        .map(|(file, _)| file)
        .collect();
    assert!(
        found.is_empty(),
        "only src/map/ may name the toml crate:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_source_file_opens_by_saying_its_job() {
    let found: Vec<String> = rust_files("src")
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//! "))
        .map(|(file, _)| file)
        .collect();
    assert!(
        found.is_empty(),
        "every file must open with a `//!` line saying its one job:\n{}",
        found.join("\n")
    );
}

fn too_long(folder: &str) -> Vec<String> {
    rust_files(folder)
        .into_iter()
        .map(|(file, text)| (file, text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(file, lines)| format!("{file}: {lines} lines"))
        .collect()
}

#[test]
fn no_source_file_is_over_700_lines() {
    let found = too_long("src");
    assert!(
        found.is_empty(),
        "split these files by job (at most {MAX_LINES} lines each):\n{}",
        found.join("\n")
    );
}

/// The functions of `text` longer than `max` lines, as (name, first line, lines).
///
/// A function runs from its `fn` line to the line where its braces close;
/// braces inside string and character literals and comments are not
/// counted, which is all the precision a length check needs.
fn long_functions(text: &str, max: usize) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(at) = line.find("fn ") else { continue };
        let before = line[..at].trim();
        let is_definition = before.split_whitespace().all(|w| {
            [
                "pub",
                "pub(crate)",
                "pub(super)",
                "const",
                "async",
                "unsafe",
            ]
            .contains(&w)
        });
        if !is_definition || line.trim_start().starts_with("//") {
            continue;
        }
        let name = leading_ident(&line[at + 3..]);
        let mut depth = 0i64;
        let mut opened = false;
        let mut end = None;
        for (offset, body) in lines[start..].iter().enumerate() {
            let code = code_of(body);
            depth += code.matches('{').count() as i64 - code.matches('}').count() as i64;
            opened |= code.contains('{');
            if (opened && depth <= 0) || (!opened && code.trim_end().ends_with(';')) {
                end = Some(offset);
                break;
            }
        }
        if let Some(offset) = end.filter(|_| opened) {
            if offset + 1 > max {
                found.push((name, start + 1, offset + 1));
            }
        }
    }
    found
}

/// A line without its comment and with its string and character literals emptied.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => break,
            '"' => {
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                // A character literal ('{', '\'') or a lifetime ('a): skip only the former.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') || rest.chars().nth(1) == Some('\'') {
                    for d in chars.by_ref() {
                        if d == '\'' {
                            break;
                        }
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn no_function_is_over_120_lines() {
    let mut found = Vec::new();
    for (file, text) in rust_files("src") {
        for (name, line, lines) in long_functions(&text, MAX_FUNCTION_LINES) {
            found.push(format!("{file}:{line}: fn {name} is {lines} lines"));
        }
    }
    assert!(
        found.is_empty(),
        "split these functions into named steps (at most {MAX_FUNCTION_LINES} lines each):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_test_file_is_over_700_lines() {
    let found = too_long("tests");
    assert!(
        found.is_empty(),
        "split these test files into modules (at most {MAX_LINES} lines each):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    // The scanners above, on text where the answer is known.
    let long = format!(
        "pub fn long() {{\n{}}}\nfn short() {{ '{{'; \"}}\" }}\n",
        "    step();\n".repeat(4)
    );
    assert_eq!(long_functions(&long, 5), vec![("long".to_string(), 1, 6)]);
    assert!(long_functions(&long, 6).is_empty());
    assert_eq!(
        imported_roots(
            "use crate::{map::model, sparql::{Backend, bind}};\nuse crate::store::X; // not mycrate::read",
            "crate::"
        ),
        ["map", "sparql", "store"]
    );
    assert!(names_the_store(
        "use oxigraph::store::{StorageError, Store};"
    ));
    assert!(names_the_store("fn f(s: &oxigraph::store::Store) {}"));
    assert!(!names_the_store(
        "Storage(#[from] oxigraph::store::StorageError),"
    ));
    assert!(names_toml("x: toml::Spanned<String>"));
    assert!(names_toml("use toml::{Spanned, de};"));
    assert!(!names_toml(
        "let map = \"map.toml\"; // serde_toml::from_str"
    ));
}
