//! README.md stays true: its example briefs check, load and answer as it shows, its vocabulary table names every `arg:` term, and no passage of it is repeated.
//!
//! The examples are the fenced blocks that follow a `<!-- example: NAME -->`
//! line; NAME is the file they are written to (`velsen-4/map.toml`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::common::{TempStore, argmap, root};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The README's examples: file name → the text of the fenced block after its marker.
fn examples() -> BTreeMap<String, String> {
    let text = readme();
    let mut out = BTreeMap::new();
    for (at, _) in text.match_indices("<!-- example: ") {
        let rest = &text[at + "<!-- example: ".len()..];
        let (name, rest) = rest.split_once(" -->").expect("a closed marker");
        let fence = rest.find("```").expect("a fenced block after the marker");
        let body = &rest[fence..];
        let start = body.find('\n').expect("a fence line") + 1;
        let end = body[start..].find("\n```").expect("a closed fence") + start;
        let previous = out.insert(name.to_string(), format!("{}\n", &body[start..end]));
        assert!(previous.is_none(), "two examples are named {name}");
    }
    out
}

/// Writes the examples into a fresh folder.
fn write_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in examples() {
        let path = dir.path().join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn the_example_briefs_check_without_a_warning() {
    let names = examples();
    for wanted in [
        "velsen-4/brief.txt",
        "velsen-4/map.toml",
        "velsen-5/brief.txt",
        "velsen-5/map.toml",
    ] {
        assert!(
            names.contains_key(wanted),
            "README.md has no example {wanted}"
        );
    }
    let dir = write_examples();
    let out = argmap()
        .current_dir(dir.path())
        .args(["check", "--deny-warnings", "velsen-4", "velsen-5"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ok: 2 maps checked, 0 errors, 0 warnings\n"
    );
}

/// The output the README shows after a command, in the `text` block that follows it.
fn shown_after(command: &str) -> String {
    let text = readme();
    let at = text
        .find(command)
        .unwrap_or_else(|| panic!("README.md no longer shows `{command}`"));
    let rest = &text[at..];
    let block = rest
        .find("```text\n")
        .expect("a text block after the command")
        + 8;
    let end = rest[block..].find("```").expect("a closed block") + block;
    rest[block..end].to_string()
}

#[test]
fn a_second_brief_shares_the_first_ones_source_as_shown() {
    let dir = write_examples();
    let store = TempStore::new();
    let brief = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    store.ok(&["load", &brief("velsen-4"), &brief("velsen-5")]);
    let command = "argmap query briefs-relying-on-source --param source=https://w3id.org/argmap/kb/source/courier-interview";
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    assert_eq!(store.ok(&args), shown_after(command));
    // One IRI for the shared actor, described in both briefs' graphs.
    let graphs = store.ok(&[
        "query",
        "--sparql",
        "SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/argmap/kb/actor/ida-brandt> ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "--format",
        "csv",
    ]);
    assert_eq!(
        graphs,
        "g\r\nhttps://w3id.org/argmap/kb/graph/velsen-4\r\nhttps://w3id.org/argmap/kb/graph/velsen-5\r\n"
    );
    // The first brief ranks its hypotheses as the README says.
    let matrix = store.ok(&["matrix", "--brief", "velsen-4"]);
    assert!(
        matrix.contains("Ranking, least inconsistent first: by-summer < next-year"),
        "{matrix}"
    );
}

#[test]
fn the_example_query_runs_on_the_bundled_brief() {
    let dir = write_examples();
    let out = argmap()
        .current_dir(dir.path())
        .args([
            "query",
            "reported.rq",
            "--brief",
            "kinu-co-17-32",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("item,speaker,source,supports\r\n"), "{csv}");
    assert!(csv.lines().count() > 10, "{csv}");
}

/// The terms `ontology/argmap.ttl` defines in the `arg:` namespace.
fn ontology_terms() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("ontology/argmap.ttl")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("arg:"))
        .filter(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_alphanumeric()))
        .map(str::to_string)
        .collect()
}

/// Every `arg:Term` written in backticks in the README.
fn readme_terms() -> BTreeSet<String> {
    let text = readme();
    let mut terms = BTreeSet::new();
    for (at, _) in text.match_indices("`arg:") {
        let name: String = text[at + 5..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        // `arg:` alone is the prefix, not a term.
        if !name.is_empty() && text[at + 5 + name.len()..].starts_with('`') {
            terms.insert(name);
        }
    }
    terms
}

#[test]
fn the_vocabulary_table_names_every_term_and_only_real_ones() {
    let defined = ontology_terms();
    assert!(defined.len() > 100, "{defined:?}");
    let written = readme_terms();
    let missing: Vec<_> = defined.difference(&written).collect();
    assert!(
        missing.is_empty(),
        "README.md's vocabulary leaves out {missing:?}"
    );
    let unknown: Vec<_> = written.difference(&defined).collect();
    assert!(
        unknown.is_empty(),
        "README.md names terms the ontology does not define: {unknown:?}"
    );
}

/// The README's prose, without code blocks, tables and markers, as words.
fn prose_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let trimmed = line.trim_start();
        if in_code || trimmed.starts_with('|') || trimmed.starts_with("<!--") {
            continue;
        }
        words.extend(line.split_whitespace().map(str::to_string));
    }
    words
}

/// Nine words in a row, written twice: what a merge that kept both sides leaves.
const REPEAT: usize = 9;

/// Every run of [`REPEAT`] words that occurs twice (not overlapping itself).
fn repeated_runs(words: &[String]) -> BTreeSet<String> {
    let mut seen: HashMap<&[String], usize> = HashMap::new();
    let mut repeated = BTreeSet::new();
    for (i, run) in words.windows(REPEAT).enumerate() {
        if let Some(&first) = seen.get(run)
            && first + REPEAT <= i
        {
            repeated.insert(run.join(" "));
        }
        seen.entry(run).or_insert(i);
    }
    repeated
}

#[test]
fn no_passage_of_the_readme_is_repeated() {
    let repeated = repeated_runs(&prose_words(&readme()));
    assert!(
        repeated.is_empty(),
        "README.md repeats itself:\n{}",
        repeated.into_iter().collect::<Vec<_>>().join("\n")
    );
    // The check finds what it looks for, and not in code or tables.
    let sample = "The first build compiles RocksDB and takes about ten minutes on two\n\
                  test, and the first build compiles RocksDB and takes about ten minutes on two cores.\n\
                  ```sh\nthe first build compiles RocksDB and takes about ten minutes on two\n```\n";
    // Three runs of nine words start in both copies: at "first", "build" and "compiles".
    assert_eq!(repeated_runs(&prose_words(sample)).len(), 3);
    let code_only = "a b c d e f g h i j\n```\na b c d e f g h i j\n```\n| a b c d e f g h i j |\n";
    assert!(repeated_runs(&prose_words(code_only)).is_empty());
}
