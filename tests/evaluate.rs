//! `argmap evaluate`: hand-worked frameworks from apx files, the bundled brief, an imported undercut, a generated map with many attacks, the labels as data, apx export, and the remote stores.

use serde_json::Value;

use crate::common::{TempStore, argmap, case_dirs, compare_file, root, seed_dir};
use crate::servers::{Engine, SparqlServer};

const SEMANTICS: [&str; 3] = ["grounded", "preferred", "stable"];

/// `argmap evaluate ARGS… --format json` on `store`, parsed.
fn evaluate_json(store: &TempStore, args: &[&str]) -> Value {
    let mut all = vec!["evaluate", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&store.ok(&all)).expect("JSON")
}

/// One line of a case's expected file, made from the JSON of one evaluation:
/// the names in, out and undecided (in the file's order), and the extensions.
fn summary_line(semantics: &str, e: &Value) -> String {
    let names = |label: &str| {
        let list: Vec<&str> = e["arguments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["label"] == label)
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        if list.is_empty() {
            "-".to_string()
        } else {
            list.join(" ")
        }
    };
    let mut line = format!(
        "{semantics}: in {}; out {}; undecided {}",
        names("in"),
        names("out"),
        names("undecided")
    );
    if let Some(exts) = e["extensions"].as_array() {
        let mut sets: Vec<String> = exts
            .iter()
            .map(|x| {
                let mut n: Vec<&str> = x
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                n.sort();
                format!("{{{}}}", n.join(","))
            })
            .collect();
        sets.sort();
        let sets = if sets.is_empty() {
            "none".to_string()
        } else {
            sets.join(" ")
        };
        line.push_str(&format!("; extensions {sets}"));
    }
    line
}

#[test]
fn hand_worked_frameworks_get_their_known_labels_and_extensions() {
    let cases = case_dirs(&root().join("tests/data/evaluate"));
    assert!(cases.len() >= 7, "{cases:?}");
    let store = TempStore::new();
    let mut mismatches = Vec::new();
    for dir in &cases {
        let apx = dir.join("framework.apx");
        let mut text = String::new();
        for semantics in SEMANTICS {
            let json = evaluate_json(
                &store,
                &["--apx", apx.to_str().unwrap(), "--semantics", semantics],
            );
            let e = &json["evaluations"][0];
            assert_complete_where_decided(e, semantics);
            text.push_str(&summary_line(semantics, e));
            text.push('\n');
        }
        if let Err(m) = compare_file(&dir.join("expected.txt"), &text) {
            mismatches.push(m);
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// What every labelling here must satisfy, whatever the framework: an
/// argument out has a defeater that attacks it and is in (or, under
/// preferred and stable, in some extension); under grounded semantics an
/// argument is in exactly when all its attackers are out.
fn assert_complete_where_decided(e: &Value, semantics: &str) {
    let args = e["arguments"].as_array().unwrap();
    let label = |name: &str| {
        args.iter()
            .find(|a| a["name"] == name)
            .map(|a| a["label"].as_str().unwrap().to_string())
            .unwrap()
    };
    for a in args {
        let attackers: Vec<&str> = a["attacked_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let defeaters: Vec<&str> = a["defeated_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if a["label"] == "out" {
            assert!(
                !defeaters.is_empty(),
                "{semantics}: {a} is out with no defeater"
            );
            for d in &defeaters {
                assert!(
                    attackers.contains(d),
                    "{semantics}: {d} does not attack {a}"
                );
            }
        } else {
            assert!(defeaters.is_empty(), "{semantics}: {a}");
        }
        if semantics == "grounded" {
            let all_out = attackers.iter().all(|z| label(z) == "out");
            assert_eq!(a["label"] == "in", all_out, "{a}");
        }
    }
}

/// The `opposes` of the bundled map: (opposer, opposed) keys, read from the file.
fn seed_oppositions() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(seed_dir().join("map.toml")).unwrap();
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header
                .rsplit('.')
                .next()
                .unwrap()
                .trim_matches('"')
                .to_string();
        }
        if let Some(list) = line.strip_prefix("opposes = [") {
            for target in list.trim_end_matches(']').split(',') {
                out.push((current.clone(), target.trim().trim_matches('"').to_string()));
            }
        }
    }
    assert!(!out.is_empty(), "the bundled map opposes something");
    out
}

#[test]
fn the_bundled_brief_is_evaluated_and_its_labels_are_data() {
    let store = TempStore::with_seed();
    let id = "kinu-co-17-32";
    let json = evaluate_json(&store, &["--brief", id]);
    let e = &json["evaluations"][0];
    assert_eq!(e["brief"], id);
    assert_eq!(e["semantics"], "grounded");
    assert_complete_where_decided(e, "grounded");
    let args = e["arguments"].as_array().unwrap();
    let attacks = seed_oppositions();
    assert_eq!(e["counts"]["attacks"], attacks.len());
    // Every attacked node's attackers are those the map names.
    for (from, to) in &attacks {
        let target = args.iter().find(|a| a["name"] == to.as_str()).expect(to);
        let by: Vec<&str> = target["attacked_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(
            by.contains(&from.as_str()),
            "{to} attacked by {by:?}, not {from}"
        );
    }
    // Hypotheses are reported by verdict, and each name is a hypothesis of the trace.
    let trace: Value = serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    let hypotheses = trace["briefs"][0]["hypotheses"].as_array().unwrap().len();
    let verdicts: usize = ["accepted", "rejected", "undecided"]
        .iter()
        .map(|v| e["hypotheses"][v].as_array().unwrap().len())
        .sum();
    assert_eq!(verdicts, hypotheses);

    // The labels are in the evaluation graph, with the semantics and date.
    let graph = e["graph"].as_str().unwrap();
    assert_eq!(
        graph,
        format!("https://w3id.org/argmap/kb/graph/evaluation/{id}")
    );
    let q = format!(
        "PREFIX arg: <https://w3id.org/argmap/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
         SELECT ?semantics ?when (COUNT(DISTINCT ?node) AS ?n) WHERE {{ GRAPH <{graph}> {{
           <{graph}> prov:wasGeneratedBy ?act . ?act arg:semantics ?semantics ; prov:endedAtTime ?when .
           ?node arg:label ?label }} }} GROUP BY ?semantics ?when"
    );
    let rows = store.ok(&["query", "--sparql", &q, "--format", "tsv"]);
    let row: Vec<&str> = rows.lines().nth(1).expect("a row").split('\t').collect();
    assert_eq!(row[0], "\"grounded\"");
    assert!(
        row[1].contains(&e["evaluated_at"].as_str().unwrap().to_string()),
        "{row:?}"
    );
    assert!(row[2].contains(&args.len().to_string()), "{row:?}");
    // Each defeated node's defeater is in the graph too.
    let q = format!(
        "PREFIX arg: <https://w3id.org/argmap/ns#> SELECT ?node ?by WHERE {{ GRAPH <{graph}> {{ ?node arg:label \"out\" ; arg:defeatedBy ?by }} }}"
    );
    let defeats = store.ok(&["query", "--sparql", &q, "--format", "tsv"]);
    let out_count = e["counts"]["out"].as_u64().unwrap() as usize;
    assert!(defeats.lines().count() > out_count, "{defeats}");

    // Evaluating again replaces the graph; preferred says so in the graph.
    evaluate_json(&store, &["--brief", id, "--semantics", "preferred"]);
    let rows = store.ok(&["query", "--sparql", &format!("PREFIX arg: <https://w3id.org/argmap/ns#> SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?a arg:semantics ?s }} }}"), "--format", "tsv"]);
    assert_eq!(rows.lines().skip(1).collect::<Vec<_>>(), ["\"preferred\""]);

    // Dropping the brief drops its evaluation.
    store.ok(&["drop", id]);
    let graphs = store.ok(&[
        "query",
        "--sparql",
        "SELECT DISTINCT ?g { GRAPH ?g {} }",
        "--format",
        "tsv",
    ]);
    assert!(!graphs.contains("graph/evaluation"), "{graphs}");
}

#[test]
fn text_names_each_hypothesis_s_verdict_and_what_defeats_it() {
    let store = TempStore::with_seed();
    let text = store.ok(&["evaluate"]);
    assert!(
        text.starts_with("brief kinu-co-17-32 — grounded semantics:"),
        "{text}"
    );
    assert!(text.contains("\nHypotheses\n"), "{text}");
    for (from, to) in seed_oppositions() {
        // Nothing attacks the bundled map's attackers, so each attack defeats its target.
        assert!(
            text.contains(&format!("{to} — defeated by {from} (")),
            "{to} by {from}:\n{text}"
        );
    }
    // --no-write prints the same and writes nothing.
    let store = TempStore::with_seed();
    let again = store.ok(&["evaluate", "--no-write"]);
    assert_eq!(again, text);
    assert!(
        !store
            .ok(&["query", "--sparql", "SELECT DISTINCT ?g { GRAPH ?g {} }"])
            .contains("evaluation")
    );
}

#[test]
fn an_imported_undercut_attacks_the_inference_it_names() {
    // An AIF map: 1 supports 2 (an RA node), 3 undercuts that inference (a
    // CA aimed at the RA), 6 attacks 2 (a CA between propositions).
    let store = TempStore::new();
    let file = root().join("tests/data/evaluate-maps/undercut.json");
    store.ok(&["import", file.to_str().unwrap(), "--brief", "bridge"]);
    let json = evaluate_json(&store, &["--brief", "bridge"]);
    let e = &json["evaluations"][0];
    assert_complete_where_decided(e, "grounded");
    let args = e["arguments"].as_array().unwrap();
    let by_text = |words: &str| {
        args.iter()
            .find(|a| a["text"].as_str().unwrap().contains(words))
            .unwrap_or_else(|| panic!("no argument says {words}"))["name"]
            .clone()
    };
    let inference = args
        .iter()
        .find(|a| a["kind"] == "inference")
        .expect("the undercut's inference is an argument");
    assert_eq!(inference["label"], "out", "{inference}");
    assert_eq!(inference["defeated_by"][0], by_text("paid"), "{inference}");
    assert!(inference["iri"].as_str().unwrap().contains("/inference/"));
    let safe = args
        .iter()
        .find(|a| a["name"] == by_text("The bridge is safe"))
        .unwrap();
    assert_eq!(safe["label"], "out");
    assert_eq!(safe["defeated_by"][0], by_text("cracks"));
    assert_eq!(e["counts"]["attacks"], 2);
    // In the apx export the inference is an argument with its attack.
    let apx = store.ok(&["export", "--brief", "bridge", "--format", "apx"]);
    assert!(
        apx.lines()
            .any(|l| l.starts_with("att(") && l.contains(",i_")),
        "{apx}"
    );
}

#[test]
fn a_generated_map_with_many_attacks_agrees_across_semantics() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let made = argmap()
        .args([
            "gen-corpus",
            "--briefs",
            "1",
            "--evidence",
            "400",
            "--claims",
            "60",
            "--seed",
            "7",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let store = TempStore::new();
    store.ok(&["load", out.join("brief-00001").to_str().unwrap()]);
    let mut labels = Vec::new();
    for semantics in SEMANTICS {
        let json = evaluate_json(&store, &["--semantics", semantics]);
        let e = &json["evaluations"][0];
        assert_complete_where_decided(e, semantics);
        let attacks = e["counts"]["attacks"].as_u64().unwrap();
        assert!(attacks >= 20, "{attacks} attacks");
        assert_eq!(
            e["counts"]["undecided"], 0,
            "a DAG of attacks decides everything"
        );
        labels.push(
            summary_line("", e)
                .split("; extensions")
                .next()
                .unwrap()
                .to_string(),
        );
    }
    // Without cycles the three semantics agree.
    assert_eq!(labels[0], labels[1]);
    assert_eq!(labels[0], labels[2]);
}

#[test]
fn the_apx_export_evaluates_as_the_brief_does() {
    let store = TempStore::with_seed();
    let apx = store.dir.path().join("seed.apx");
    store.ok(&[
        "export",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "apx",
        "--output",
        apx.to_str().unwrap(),
    ]);
    let from_file = evaluate_json(&store, &["--apx", apx.to_str().unwrap()]);
    let from_store = evaluate_json(&store, &["--no-write"]);
    for field in ["arguments", "attacks", "in", "out", "undecided"] {
        assert_eq!(
            from_file["evaluations"][0]["counts"][field],
            from_store["evaluations"][0]["counts"][field],
            "{field}"
        );
    }
    let text = std::fs::read_to_string(&apx).unwrap();
    assert!(
        text.lines()
            .all(|l| l.starts_with('%') || l.starts_with("arg(") || l.starts_with("att(")),
        "{text}"
    );
}

#[test]
fn the_search_limit_says_to_use_an_external_solver() {
    let store = TempStore::new();
    let apx = root().join("tests/data/evaluate/odd-beside-even/framework.apx");
    let out = store.run(&[
        "evaluate",
        "--apx",
        apx.to_str().unwrap(),
        "--semantics",
        "preferred",
        "--max-steps",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--format apx") && stderr.contains("--max-steps"),
        "{stderr}"
    );
}

#[test]
fn the_report_has_a_section_on_which_arguments_stand() {
    let store = TempStore::with_seed();
    let page = store.dir.path().join("report.html");
    store.ok(&["report", "--out", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<section id=\"evaluation\""),
        "no evaluation section"
    );
    assert!(html.contains("href=\"#evaluation\""));
    for (_, to) in seed_oppositions() {
        let hypothesis_or_other = html.contains(&format!("<code>{to}</code>"));
        assert!(hypothesis_or_other, "{to} is not named in the section");
    }
}

/// The bundled brief pushed to `server`, evaluated there, and its labels
/// read back from the server: the same as on the local store.
fn evaluate_on(server: &SparqlServer, gsp: bool) {
    let store = TempStore::with_seed();
    let writer = server.writer(gsp);
    let mut push = vec!["push"];
    push.extend(writer.iter().map(String::as_str));
    store.ok(&push);
    let mut args: Vec<&str> = writer.iter().map(String::as_str).collect();
    args.extend(["evaluate", "--format", "json", "--brief", "kinu-co-17-32"]);
    let remote: Value = serde_json::from_str(&store.ok(&args)).unwrap();
    let local = evaluate_json(&store, &["--no-write"]);
    let strip = |v: &Value| {
        let mut v = v["evaluations"][0].clone();
        v["evaluated_at"] = Value::Null;
        v
    };
    assert_eq!(strip(&remote), strip(&local));
    let graph = remote["evaluations"][0]["graph"]
        .as_str()
        .unwrap()
        .to_string();
    let q = format!(
        "PREFIX arg: <https://w3id.org/argmap/ns#> SELECT (COUNT(?n) AS ?c) WHERE {{ GRAPH <{graph}> {{ ?n arg:label ?l }} }}"
    );
    let endpoint = server.endpoint();
    let mut args: Vec<&str> = endpoint.iter().map(String::as_str).collect();
    args.extend(["query", "--sparql", &q, "--format", "tsv"]);
    let count = store.ok(&args);
    let n = remote["evaluations"][0]["counts"]["arguments"]
        .as_u64()
        .unwrap();
    assert!(
        count.lines().nth(1).unwrap().contains(&n.to_string()),
        "{count}"
    );
}

#[test]
fn evaluate_reads_and_writes_an_oxigraph_server() {
    let server = SparqlServer::start(Engine::Oxigraph);
    evaluate_on(&server, true);
}

#[test]
fn evaluate_reads_and_writes_virtuoso() {
    let server = SparqlServer::start(Engine::Virtuoso);
    evaluate_on(&server, false);
}
