//! Argdown: the five real files and our own feature tour import with the statements, arguments and relations Argdown's own CLI finds; errors carry line and column; the bundled brief's export is read by Argdown's CLI as the same map.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{TempStore, root};

/// (statements, arguments, relations as (from, from is an argument, to, to is an argument, type)).
type Model = (
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<(String, bool, String, bool, String)>,
);

/// What Argdown's JSON export holds.
fn model_of_argdown_json(doc: &Value) -> Model {
    let keys = |field: &str| -> BTreeSet<String> {
        doc[field]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let relations = doc["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let is_argument = |t: &Value| t.as_str() != Some("equivalence-class");
            (
                r["from"].as_str().unwrap().to_string(),
                is_argument(&r["fromType"]),
                r["to"].as_str().unwrap().to_string(),
                is_argument(&r["toType"]),
                r["relationType"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (keys("statements"), keys("arguments"), relations)
}

fn cell(text: &str) -> String {
    if text.starts_with('"') {
        let end = text.rfind('"').unwrap();
        serde_json::from_str(&text[..=end]).unwrap()
    } else {
        text.to_string()
    }
}

/// What the store holds for brief `id`, in Argdown's terms.
fn model_in_store(store: &TempStore, id: &str) -> Model {
    let nodes = store.ok(&[
        "query",
        "--brief",
        id,
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?title ?argument WHERE { GRAPH ?graph {
           ?n a arg:Proposition ; dcterms:identifier ?title .
           BIND(EXISTS { ?n a arg:Argument } AS ?argument) } }",
    ]);
    let mut statements = BTreeSet::new();
    let mut arguments = BTreeSet::new();
    for line in nodes.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[1].contains("true") {
            arguments.insert(cell(cols[0]));
        } else {
            statements.insert(cell(cols[0]));
        }
    }
    let relations = store.ok(&[
        "query",
        "--brief",
        id,
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?from ?fa ?to ?ta ?type WHERE { GRAPH ?graph {
           ?f ?p ?t . ?f a arg:Proposition ; dcterms:identifier ?from . ?t a arg:Proposition ; dcterms:identifier ?to .
           VALUES (?p ?type) { (arg:supports \"support\") (arg:opposes \"attack\") (arg:undercuts \"undercut\")
             (arg:contradicts \"contradictory\") (arg:contraryTo \"contrary\") (arg:entails \"entails\") }
           BIND(EXISTS { ?f a arg:Argument } AS ?fa) BIND(EXISTS { ?t a arg:Argument } AS ?ta)
           # A premise's support of its conclusion, which the reader adds for
           # each inference step, is no relation in Argdown's model.
           FILTER(?p != arg:supports || NOT EXISTS {
             ?i a arg:Inference ; arg:hasPremise ?f ; arg:hasConclusion ?t }) } }",
    ]);
    let relations = relations
        .lines()
        .skip(1)
        .map(|line| {
            let c: Vec<&str> = line.split('\t').collect();
            (
                cell(c[0]),
                c[1].contains("true"),
                cell(c[2]),
                c[3].contains("true"),
                cell(c[4]),
            )
        })
        .collect();
    (statements, arguments, relations)
}

fn reference(argdown: &Path) -> Model {
    let json = PathBuf::from(format!("{}-cli-1.7.5.json", argdown.display()));
    model_of_argdown_json(&serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap())
}

#[test]
fn every_argdown_fixture_imports_as_argdown_itself_reads_it() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("../shared/fixtures/argdown"))
        .expect("the Argdown fixtures are in ../shared/fixtures/argdown")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "argdown"))
        .collect();
    files.push(root().join("tests/data/argdown/features.argdown"));
    files.sort();
    assert_eq!(files.len(), 6);
    let store = TempStore::new();
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| f.to_str().unwrap().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    store.ok(&args);
    for file in &files {
        let id = argmap::interchange::default_id(file);
        let (statements, arguments, relations) = model_in_store(&store, &id);
        let (want_statements, want_arguments, want_relations) = reference(file);
        assert_eq!(statements, want_statements, "{id}: statement titles");
        assert_eq!(arguments, want_arguments, "{id}: argument titles");
        assert_eq!(relations, want_relations, "{id}: relations");
    }
}

#[test]
fn data_blocks_tags_sections_and_inference_rules_reach_the_store() {
    let store = TempStore::new();
    let file = root().join("tests/data/argdown/features.argdown");
    store.ok(&["import", file.to_str().unwrap(), "--brief", "tour"]);
    let ask = |pattern: &str| {
        let query = format!(
            "PREFIX arg: <https://w3id.org/argmap/ns#> PREFIX dcterms: <http://purl.org/dc/terms/>
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             ASK {{ GRAPH ?g {{ {pattern} }} }}"
        );
        let out = store.ok(&["query", "--sparql", &query, "--format", "json"]);
        assert!(out.contains("true"), "not found in the store: {pattern}");
    };
    ask(
        "?s a arg:Hypothesis ; dcterms:identifier \"Safe\" ; arg:hedge \"probably\"@und ; arg:date \"2014-05\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> ; arg:unanchoredQuote \"the bridge is safe\"@und ; arg:section ?section ; arg:source ?src . ?section rdfs:label \"Bridge safety\"@und . ?src rdfs:label \"Inspection report 12\"@und",
    );
    ask("?s arg:likelihood ?band . ?band arg:hedgeTerm \"probably\"");
    ask("?s dcterms:identifier \"Cracks\" ; arg:tag \"visual check\"@und");
    ask(
        "?a a arg:Argument ; dcterms:identifier \"Expert\" ; arg:inferenceRule \"Argument from expert opinion\"@und",
    );
    ask(
        "?i a arg:Inference ; arg:hasPremise ?p ; arg:hasConclusion ?c . ?c dcterms:identifier \"Safe\" . ?p dcterms:identifier \"Inspected\"",
    );
    ask("?b a arg:Brief ; <http://purl.org/dc/terms/title> \"Feature tour\"@und");
}

#[test]
fn argdown_errors_name_the_line_and_column() {
    let cases = [
        (
            "unclosed-title.argdown",
            ":3:1: error: `[` opens a title that is never closed with `]`",
        ),
        (
            "unclosed-frontmatter.argdown",
            ":1:1: error: the frontmatter opened here is never closed",
        ),
        (
            "unclosed-comment.argdown",
            ":3:1: error: this comment is never closed",
        ),
        (
            "orphan-relation.argdown",
            ":1:1: error: relation `+` with nothing above it to relate to",
        ),
        (
            "bad-date.argdown",
            ":1:1: error: date `2017-13-45`: `2017-13-45`: there is no month 13",
        ),
    ];
    let store = TempStore::new();
    for (file, message) in cases {
        let path = root().join("tests/data/argdown").join(file);
        let out = store.run(&["import", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{file}{message}")),
            "{file}: {stderr}"
        );
        assert!(stderr.contains("help: "), "{file}: no advice: {stderr}");
    }
    assert!(!store.path().exists(), "a failed import created the store");
}

/// Runs Argdown's own CLI (installed by scripts/setup.sh --tests) on `file`, returning its JSON.
pub(crate) fn argdown_json(file: &Path, out: &Path) -> Value {
    let cli = root().join("tests/node/node_modules/.bin/argdown");
    let run = Command::new(&cli)
        .arg("json")
        .arg(file)
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("{} runs ({e}); run scripts/setup.sh --tests", cli.display()));
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "argdown json failed: {log}");
    assert!(
        !log.to_lowercase().contains("error"),
        "argdown reports errors: {log}"
    );
    let json = out.join(format!(
        "{}.json",
        file.file_stem().unwrap().to_str().unwrap()
    ));
    serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap()
}

#[test]
fn the_bundled_brief_exported_as_argdown_is_read_by_argdown_as_the_same_map() {
    let store = TempStore::with_seed();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kinu.argdown");
    store.ok(&[
        "export",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "argdown",
        "--output",
        file.to_str().unwrap(),
    ]);
    let json = argdown_json(&file, &dir.path().join("json"));
    let (statements, arguments, relations) = model_of_argdown_json(&json);

    // The map, from the store: every proposition's key, every support and opposition.
    let keys = store.ok(&[
        "query",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?key WHERE { GRAPH ?graph { ?n a arg:Proposition ; arg:key ?key } }",
    ]);
    let keys: BTreeSet<String> = keys.lines().skip(1).map(cell).collect();
    assert_eq!(statements, keys);
    assert!(arguments.is_empty());
    let edges = store.ok(&[
        "query",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?from ?to ?type WHERE { GRAPH ?graph {
           ?f ?p ?t . ?f arg:key ?from . ?t arg:key ?to .
           VALUES (?p ?type) { (arg:supports \"support\") (arg:opposes \"attack\") } } }",
    ]);
    let edges: BTreeSet<(String, bool, String, bool, String)> = edges
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (cell(c[0]), false, cell(c[1]), false, cell(c[2]))
        })
        .collect();
    assert!(edges.len() > 40);
    assert_eq!(relations, edges);
    // Texts and argmap's own fields travel in the statements and their data.
    let buffer = &json["statements"]["buffer-zone"]["members"][0];
    assert_eq!(buffer["data"]["hedge"], "could be");
    assert!(
        buffer["text"]
            .as_str()
            .unwrap()
            .starts_with("North Korea could be trying to create a buffer zone")
    );

    // And argmap reads its own export back to the same relations.
    store.ok(&["import", file.to_str().unwrap(), "--brief", "kinu-again"]);
    let (again_statements, _, again_relations) = model_in_store(&store, "kinu-again");
    assert_eq!(again_statements, keys);
    assert_eq!(again_relations, edges);
}

/// What Argdown's own parser finds in `file`, as `tests/node/argdown-model.js`
/// prints it: frontmatter, statements (text, tags, section), arguments (text,
/// tags, section, premise-conclusion structure), relations and sections.
fn argdown_model(file: &Path) -> Value {
    let script = root().join("tests/node/argdown-model.js");
    let run = Command::new("node")
        .arg(&script)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("node runs ({e}); run scripts/setup.sh --tests"));
    assert!(
        run.status.success(),
        "{} on {}: {}",
        script.display(),
        file.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).unwrap()
}

/// Every Argdown file, the real ones and ours, imported and exported again,
/// is read by Argdown's own parser as the original: the same frontmatter,
/// statements (titles, texts, tags, sections), arguments with their
/// premise-conclusion structures (roles, inference rules and data),
/// relations (from, to, type) and sections with their nesting.
#[test]
fn every_argdown_file_exported_again_is_read_by_argdown_as_the_original() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("../shared/fixtures/argdown"))
        .expect("the Argdown fixtures are in ../shared/fixtures/argdown")
        .chain(std::fs::read_dir(root().join("tests/data/argdown/roundtrip")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "argdown"))
        .collect();
    files.push(root().join("tests/data/argdown/features.argdown"));
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    let store = TempStore::new();
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| f.to_str().unwrap().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    store.ok(&args);
    for file in &files {
        let id = argmap::interchange::default_id(file);
        let exported = dir.path().join(format!("{id}.argdown"));
        store.ok(&[
            "export",
            "--brief",
            &id,
            "--format",
            "argdown",
            "--output",
            exported.to_str().unwrap(),
        ]);
        let want = argdown_model(file);
        let got = argdown_model(&exported);
        assert_eq!(
            got["parserErrors"],
            serde_json::json!([]),
            "{id}: Argdown cannot read the export"
        );
        for part in [
            "frontMatter",
            "statements",
            "arguments",
            "relations",
            "sections",
        ] {
            assert_eq!(
                got[part],
                want[part],
                "{id}: the {part} differ between the original and the export {}",
                exported.display()
            );
        }
    }
}

/// The debate's rival hypotheses are marked by its own tags, which the
/// frontmatter names; `--hypothesis-tag` says the same on the command line.
#[test]
fn tags_named_in_the_frontmatter_or_on_the_command_line_mark_hypotheses() {
    let hypotheses = |store: &TempStore, id: &str| -> BTreeSet<String> {
        let out = store.ok(&[
            "query",
            "--brief",
            id,
            "--format",
            "tsv",
            "--sparql",
            "PREFIX arg: <https://w3id.org/argmap/ns#>
             PREFIX dcterms: <http://purl.org/dc/terms/>
             SELECT ?title WHERE { GRAPH ?graph { ?n a arg:Hypothesis ; dcterms:identifier ?title } }",
        ]);
        out.lines().skip(1).map(cell).collect()
    };
    let store = TempStore::new();
    let debate = root().join("tests/data/argdown/roundtrip/epidemic-debate.argdown");
    store.ok(&["import", debate.to_str().unwrap(), "--brief", "debate"]);
    let want: BTreeSet<String> = ["Density", "Mobility", "Reporting"]
        .map(String::from)
        .into();
    assert_eq!(hypotheses(&store, "debate"), want);

    let dir = tempfile::tempdir().unwrap();
    let untold = dir.path().join("untold.argdown");
    std::fs::write(
        &untold,
        "[A]: One answer. #H1\n\n[B]: Another answer. #H2\n\n[C]: A claim. #other\n  + [A]\n",
    )
    .unwrap();
    store.ok(&["import", untold.to_str().unwrap()]);
    assert!(hypotheses(&store, "untold").is_empty());
    store.ok(&[
        "import",
        untold.to_str().unwrap(),
        "--hypothesis-tag",
        "H1",
        "--hypothesis-tag",
        "#H2",
    ]);
    assert_eq!(
        hypotheses(&store, "untold"),
        ["A", "B"].map(String::from).into()
    );
}

/// `trace` follows a premise-conclusion structure: the premises of each
/// step support its conclusion, so a hypothesis's tree holds the premises
/// of the arguments that conclude it, and no conclusion is left unconnected.
#[test]
fn trace_follows_the_premises_of_an_argument_to_its_conclusion() {
    let store = TempStore::new();
    let debate = root().join("tests/data/argdown/roundtrip/epidemic-debate.argdown");
    store.ok(&["import", debate.to_str().unwrap(), "--brief", "debate"]);
    let trace = store.ok(&["trace", "--brief", "debate"]);
    for premise in [
        "Household crowding raises the contact rate.",
        "Wards with more people per household had more cases.",
        "Spread along transport routes indicates mobility as the driver.",
        "More tests find more cases without more infections.",
    ] {
        assert!(
            trace.contains(premise),
            "not in the trace: {premise}\n{trace}"
        );
    }
}

/// A brief's graph in the file's own names, so that two briefs can be
/// compared: each proposition's title with its kind, text and whether it
/// is an argument; every relation between two of them; the sections with
/// their nesting and each proposition's section; each premise-conclusion
/// step; the tags and data blocks kept.
fn graph_by_title(store: &TempStore, id: &str) -> BTreeSet<String> {
    let rows = |sparql: &str| -> Vec<String> {
        let query = format!(
            "PREFIX arg: <https://w3id.org/argmap/ns#>
             PREFIX dcterms: <http://purl.org/dc/terms/>
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             SELECT * WHERE {{ GRAPH ?graph {{ {sparql} }} }}"
        );
        let out = store.ok(&[
            "query", "--brief", id, "--format", "tsv", "--sparql", &query,
        ]);
        out.lines()
            .skip(1)
            .map(|l| {
                // The brief's own IRIs (its graph, its nodes) differ
                // between two briefs; the file's names and argmap's terms
                // do not.
                l.split('\t')
                    .map(cell)
                    .filter(|c| !c.starts_with("<https://w3id.org/argmap/kb/"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    };
    let mut graph = BTreeSet::new();
    let mut add = |what: &str, sparql: &str| {
        for row in rows(sparql) {
            graph.insert(format!("{what}: {row}"));
        }
    };
    add(
        "proposition",
        "?n a arg:Proposition ; dcterms:identifier ?title ; arg:text ?text ; a ?class .
         FILTER(?class IN (arg:Hypothesis, arg:Evidence, arg:Claim, arg:Argument))",
    );
    add(
        "relation",
        "?f ?p ?t . ?f a arg:Proposition ; dcterms:identifier ?from . ?t a arg:Proposition ; dcterms:identifier ?to .
         VALUES ?p { arg:supports arg:opposes arg:undercuts arg:contradicts arg:contraryTo arg:entails arg:rephrases }",
    );
    add(
        "section",
        "?s a arg:Section ; rdfs:label ?title ; arg:position ?position ; arg:level ?level .
         OPTIONAL { ?s arg:parentSection/rdfs:label ?parent }",
    );
    add(
        "in section",
        "?n arg:section/rdfs:label ?section ; dcterms:identifier ?title",
    );
    add(
        "step",
        "?step arg:ofArgument/dcterms:identifier ?argument ; arg:position ?position ;
           arg:statement/dcterms:identifier ?statement ; arg:stepRole ?role .
         OPTIONAL { ?step arg:inferenceRule ?rule } OPTIONAL { ?step arg:data ?data }",
    );
    add(
        "inference",
        "?i a arg:Inference ; arg:hasPremise/dcterms:identifier ?premise ; arg:hasConclusion/dcterms:identifier ?conclusion",
    );
    add(
        "annotation",
        "?n dcterms:identifier ?title ; ?p ?value . VALUES ?p { arg:tag arg:data arg:inferenceRule }",
    );
    graph
}

/// An Argdown map imported, exported as Argdown and imported again is the
/// same graph: the same kinds (whether given by a tag, an option or
/// inferred), relations, sections, premise-conclusion structures, tags and
/// data; and exporting it once more gives the same file.
#[test]
fn an_imported_argdown_map_exported_and_imported_again_is_the_same_graph() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("../shared/fixtures/argdown"))
        .expect("the Argdown fixtures are in ../shared/fixtures/argdown")
        .chain(std::fs::read_dir(root().join("tests/data/argdown/roundtrip")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "argdown"))
        .collect();
    files.push(root().join("tests/data/argdown/features.argdown"));
    files.sort();
    let store = TempStore::new();
    let dir = tempfile::tempdir().unwrap();
    let export = |id: &str, to: &Path| {
        store.ok(&[
            "export",
            "--brief",
            id,
            "--format",
            "argdown",
            "--output",
            to.to_str().unwrap(),
        ]);
        std::fs::read_to_string(to).unwrap()
    };
    let mut with_roles = 0;
    for (n, file) in files.iter().enumerate() {
        let (first, again) = (format!("first-{n}"), format!("again-{n}"));
        // One file is given its hypotheses on the command line, which the
        // export must carry in the file itself.
        let mut args = vec!["import", file.to_str().unwrap(), "--brief", &first];
        if file.ends_with("features.argdown") {
            args.extend(["--hypothesis-tag", "visual check"]);
        }
        store.ok(&args);
        let exported = dir.path().join(format!("{first}.argdown"));
        let text = export(&first, &exported);
        store.ok(&["import", exported.to_str().unwrap(), "--brief", &again]);
        let (want, got) = (
            graph_by_title(&store, &first),
            graph_by_title(&store, &again),
        );
        let lost: Vec<_> = want.difference(&got).collect();
        let gained: Vec<_> = got.difference(&want).collect();
        assert!(
            lost.is_empty() && gained.is_empty(),
            "{}: lost {lost:#?}\ngained {gained:#?}",
            file.display()
        );
        assert!(
            want.iter().any(|r| r.starts_with("relation: ")),
            "{}",
            file.display()
        );
        with_roles += want
            .iter()
            .filter(|r| r.contains("#Hypothesis") || r.contains("#Evidence"))
            .count();
        let twice = export(&again, &dir.path().join(format!("{again}.argdown")));
        assert_eq!(twice, text, "{}: a second export differs", file.display());
    }
    assert!(with_roles > 0, "no file had hypotheses or evidence to keep");
}
