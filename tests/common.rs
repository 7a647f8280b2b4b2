//! Helpers shared by the integration tests: running the binary, temporary stores, expected-output files.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The project's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled brief's folder.
pub fn seed_dir() -> PathBuf {
    root().join("seeds/kinu-co-17-32")
}

/// `argmap` with its environment cleared of anything that could point it at a real store.
pub fn argmap() -> Command {
    let mut cmd = Command::cargo_bin("argmap").expect("the argmap binary is built");
    cmd.env_remove("ARGMAP_STORE");
    cmd.env("XDG_DATA_HOME", "/nonexistent-argmap-test-data");
    cmd
}

/// A fresh store in a temporary directory.
pub struct TempStore {
    pub dir: tempfile::TempDir,
}

impl TempStore {
    pub fn new() -> TempStore {
        TempStore {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// `argmap --store <this store> ARGS…`
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = argmap();
        cmd.arg("--store").arg(self.path()).args(args);
        cmd.output().expect("argmap runs")
    }

    /// Runs `args` and returns stdout, failing the test on a non-zero exit.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "argmap {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Loads the bundled brief.
    pub fn with_seed() -> TempStore {
        let store = TempStore::new();
        store.ok(&["load", seed_dir().to_str().unwrap()]);
        store
    }

    /// Every quad of the store, with its graph, sorted.
    pub fn dump(&self) -> Vec<String> {
        let out = self.ok(&[
            "query",
            "--sparql",
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "tsv",
        ]);
        let mut lines: Vec<String> = out.lines().skip(1).map(str::to_string).collect();
        lines.sort();
        lines
    }
}

/// Compares `actual` with the file `expected`; with UPDATE_EXPECT=1 writes it instead.
pub fn expect_file(expected: &Path, actual: &str) {
    if let Err(mismatch) = compare_file(expected, actual) {
        panic!("{mismatch}");
    }
}

/// Compares `actual` with the file `expected` (with UPDATE_EXPECT=1 writes
/// it instead); on a difference, says which file and where.
pub fn compare_file(expected: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected, actual).expect("write the expected file");
        return Ok(());
    }
    let Ok(wanted) = std::fs::read_to_string(expected) else {
        return Err(format!(
            "{} is missing; run with UPDATE_EXPECT=1 to create it",
            expected.display()
        ));
    };
    if wanted == actual {
        return Ok(());
    }
    let line = wanted
        .lines()
        .zip(actual.lines())
        .position(|(w, a)| w != a)
        .unwrap_or_else(|| wanted.lines().count().min(actual.lines().count()));
    Err(format!(
        "output differs from {} from line {}:\n--- expected\n{}\n--- actual\n{}",
        expected.display(),
        line + 1,
        wanted
            .lines()
            .skip(line)
            .take(5)
            .collect::<Vec<_>>()
            .join("\n"),
        actual
            .lines()
            .skip(line)
            .take(5)
            .collect::<Vec<_>>()
            .join("\n"),
    ))
}

/// The folders inside `dir`, sorted: the cases of a data-driven test, found on disk.
pub fn case_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Splits a brief's text into sentences as character ranges.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let ends =
            matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let blank_line = c == '\n' && chars.get(i + 1) == Some(&'\n');
        if let Some(s) = start {
            if ends {
                out.push((s, i + 1));
                start = None;
            } else if blank_line {
                out.push((s, i));
                start = None;
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, chars.len()));
    }
    out
}

/// Runs the Python `script` (`python3 -c`) on `file`, asserts that it
/// succeeded, and returns what it printed.
pub fn python_on(script: &str, file: &Path) -> String {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that the RDF file `data`, united with the ontology, conforms to
/// the SHACL shapes, by running pyshacl (installed by the test setup).
pub fn assert_conforms(data: &Path) {
    let result = std::process::Command::new("python3")
        .arg(root().join("tests/shacl/validate.py"))
        .arg(data)
        .arg(root().join("ontology/argmap.ttl"))
        .arg(root().join("ontology/shapes.ttl"))
        .output()
        .expect("python3 runs");
    assert!(
        result.status.success(),
        "pyshacl: {}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Runs `argmap COMMAND <case>` in `tests/data/<command>/` and compares the
/// exit code and stderr with `<case>/expected.txt`.
pub fn compare_case(command: &str, case: &str) -> Result<(), String> {
    let dir = root().join("tests/data").join(command);
    let out = argmap()
        .current_dir(&dir)
        .args([command, case])
        .output()
        .unwrap();
    let actual = format!(
        "exit: {}\n--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr)
    );
    compare_file(&dir.join(case).join("expected.txt"), &actual)
}

/// Runs every case folder of `tests/data/<command>/` (see [`compare_case`])
/// and fails naming every case that differs; returns how many ran.
pub fn expect_every_case(command: &str) -> usize {
    let cases = case_dirs(&root().join("tests/data").join(command));
    let mismatches: Vec<String> = cases
        .iter()
        .filter_map(|dir| compare_case(command, dir.file_name()?.to_str()?).err())
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} `{command}` cases differ:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n\n")
    );
    cases.len()
}
