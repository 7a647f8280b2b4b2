//! AIF: the 661 AraucariaDB maps import with every I-node text and every RA/CA premise → conclusion pair, survive a round trip, and our own fixtures cover MA, PA, TA, YA, locutions, the OVA3 wrapper, undercuts and broken edges.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde_json::Value;

use crate::common::{TempStore, root};

fn araucaria() -> PathBuf {
    root().join("../shared/fixtures/aif/araucaria")
}

fn data(name: &str) -> String {
    root()
        .join("tests/data/aif")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// An id as the file writes it.
fn id(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What a JSON file holds: sorted I-node texts and sorted (type, premise, conclusion) text triples.
type Content = (Vec<String>, Vec<(String, String, String)>);

fn content_of_json(doc: &Value) -> Content {
    let doc = doc.get("AIF").unwrap_or(doc);
    let nodes: HashMap<String, (String, String)> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                id(&n["nodeID"]),
                (
                    n["type"].as_str().unwrap().to_string(),
                    n["text"].as_str().unwrap_or("").to_string(),
                ),
            )
        })
        .collect();
    let mut texts: Vec<String> = nodes
        .values()
        .filter(|(t, _)| t == "I")
        .map(|(_, x)| x.clone())
        .collect();
    texts.sort();
    let edges: Vec<(String, String)> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (id(&e["fromID"]), id(&e["toID"])))
        .collect();
    let mut pairs = Vec::new();
    for (sid, (kind, _)) in &nodes {
        if kind != "RA" && kind != "CA" {
            continue;
        }
        let premises = edges.iter().filter(|(_, to)| to == sid).map(|(f, _)| f);
        let conclusions: Vec<&String> = edges
            .iter()
            .filter(|(from, _)| from == sid)
            .map(|(_, t)| t)
            .collect();
        for p in premises {
            for c in &conclusions {
                if let (Some(("I", pt)), Some(("I", ct))) = (
                    nodes.get(p).map(|(k, x)| (k.as_str(), x)),
                    nodes.get(*c).map(|(k, x)| (k.as_str(), x)),
                ) {
                    pairs.push((kind.clone(), pt.clone(), ct.clone()));
                }
            }
        }
    }
    pairs.sort();
    (texts, pairs)
}

/// Reads a TSV cell: a literal's lexical form, or an IRI.
fn cell(text: &str) -> String {
    if text.starts_with('"') {
        let end = text.rfind('"').unwrap();
        serde_json::from_str(&text[..=end]).unwrap()
    } else {
        text.trim_matches(['<', '>']).to_string()
    }
}

fn brief_of(graph: &str) -> String {
    graph.rsplit('/').next().unwrap().to_string()
}

/// Every brief's content, as SPARQL over the store finds it.
fn content_in_store(store: &TempStore) -> BTreeMap<String, Content> {
    let texts = store.ok(&[
        "query",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?g ?text WHERE { GRAPH ?g { ?n a arg:Proposition ; arg:text ?text } }",
    ]);
    let pairs = store.ok(&[
        "query",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?g ?kind ?pt ?ct WHERE { GRAPH ?g {
           ?s a ?class ; arg:hasPremise ?p ; arg:hasConclusion ?c .
           VALUES (?class ?kind) { (arg:Inference \"RA\") (arg:Conflict \"CA\") }
           ?p arg:text ?pt . ?c arg:text ?ct } }",
    ]);
    let mut out: BTreeMap<String, Content> = BTreeMap::new();
    for line in texts.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        out.entry(brief_of(&cell(cols[0])))
            .or_default()
            .0
            .push(cell(cols[1]));
    }
    for line in pairs.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        out.entry(brief_of(&cell(cols[0]))).or_default().1.push((
            cell(cols[1]),
            cell(cols[2]),
            cell(cols[3]),
        ));
    }
    for (texts, pairs) in out.values_mut() {
        texts.sort();
        pairs.sort();
    }
    out
}

#[test]
fn every_araucaria_map_imports_with_its_texts_and_inferences_and_survives_a_round_trip() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(araucaria())
        .expect("the AraucariaDB fixtures are in ../shared/fixtures/aif/araucaria")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 661);
    let store = TempStore::new();
    let mut args = vec!["--quiet".to_string(), "import".to_string()];
    args.extend(files.iter().map(|f| f.to_str().unwrap().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    store.ok(&args);

    let stored = content_in_store(&store);
    let iris = argmap::vocab::Iris::default();
    for file in &files {
        let brief = file.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        let expected = content_of_json(&json);
        let got = stored.get(brief).cloned().unwrap_or_default();
        assert_eq!(got, expected, "{brief}: the store differs from the file");
        // Round trip through the same pipeline (import, compile, store,
        // brief_graph, writer), one brief per in-memory store: the graph
        // queries cost in proportion to the store, and 661 exports from one
        // store holding all 661 briefs take minutes.
        let map = argmap::interchange::import(file, &text, brief, false)
            .map
            .unwrap();
        let kb = argmap::KnowledgeBase::in_memory().unwrap();
        kb.replace_graphs(&[argmap::store::GraphData {
            graph: oxigraph::model::NamedNode::new(iris.graph(brief)).unwrap(),
            quads: argmap::store::compile::compile(&map, &iris),
        }])
        .unwrap();
        let graph = argmap::read::graph::brief_graph(&kb, brief).unwrap();
        let back: Value =
            serde_json::from_str(&argmap::interchange::aif::write_json(&graph)).unwrap();
        assert_eq!(
            content_of_json(&back),
            expected,
            "{brief}: the AIF export differs from the file"
        );
    }
}

#[test]
fn the_ova3_wrapper_with_numeric_ids_keeps_the_dialogue_layer() {
    let store = TempStore::new();
    store.ok(&["import", &data("ova3-dialogue.json"), "--brief", "taxes"]);
    let ask = |pattern: &str| {
        let query =
            format!("PREFIX arg: <https://w3id.org/argmap/ns#> ASK {{ GRAPH ?g {{ {pattern} }} }}");
        let out = store.ok(&["query", "--sparql", &query, "--format", "json"]);
        assert!(out.contains("true"), "not found in the store: {pattern}");
    };
    // YA "Hypothesising" makes a hypothesis; "Asserting" does not.
    ask("?h a arg:Hypothesis ; arg:text \"Cutting taxes would starve the schools\"@und");
    ask("?c a arg:Claim ; arg:text \"We should cut taxes\"@und");
    // MA is a rephrase, PA a preference, CA between I-nodes an attack.
    ask(
        "?a arg:text \"Lower taxes are what we need\"@und ; arg:rephrases ?b . ?b arg:text \"We should cut taxes\"@und",
    );
    ask(
        "?a arg:text \"Cutting taxes would starve the schools\"@und ; arg:preferredTo ?b . ?b arg:text \"Lower taxes are what we need\"@und",
    );
    ask("?a arg:opposes ?b . ?b arg:text \"We should cut taxes\"@und");
    // L, TA and YA with locutions and speakers from the participants.
    ask("?l a arg:Locution ; arg:speaker \"Bob Smith\" ; arg:timestamp \"2020-01-01 10:00:00\"");
    ask(
        "?t a arg:Transition ; arg:dialogueEdge ?y . ?y a arg:Illocution ; arg:dialogueEdge ?ca . ?ca a arg:Conflict",
    );
    // The brief states what it does not know.
    ask(
        "?b a arg:Brief ; <http://purl.org/dc/terms/language> \"und\" ; <http://purl.org/dc/terms/rights> ?r FILTER(STRSTARTS(STR(?r), \"unknown\"))",
    );

    let json: Value =
        serde_json::from_str(&store.ok(&["export", "--brief", "taxes", "--format", "aif"]))
            .unwrap();
    let types: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    for t in ["I", "L", "TA", "YA", "CA", "MA", "PA"] {
        assert!(types.contains(&t), "the export has no {t} node: {types:?}");
    }
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(data("ova3-dialogue.json")).unwrap())
            .unwrap();
    assert_eq!(
        json["nodes"].as_array().unwrap().len(),
        original["AIF"]["nodes"].as_array().unwrap().len()
    );
    assert_eq!(
        json["edges"].as_array().unwrap().len(),
        original["AIF"]["edges"].as_array().unwrap().len()
    );
    assert!(json["locutions"].to_string().contains("Alice Jones"));
}

#[test]
fn an_undercut_is_kept_and_broken_edges_are_named_or_refused_with_strict() {
    let store = TempStore::with_seed();
    let before = store.dump();
    let strict = store.run(&["import", "--strict", &data("undercut-broken.json")]);
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.contains("edge `e7` has fromID `ghost`"), "{stderr}");
    assert!(
        stderr.contains("scheme node `map7_ra2` (RA) has no premise"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(before, store.dump(), "a refused import changed the store");

    let lenient = store.run(&["import", &data("undercut-broken.json")]);
    assert!(lenient.status.success());
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(
        stderr.contains("warning: edge `e7` has fromID `ghost`"),
        "{stderr}"
    );
    assert!(stderr.contains("warning: scheme node `map7_ra2` (RA) has no premise"));
    let out = store.ok(&[
        "query",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?text ?scheme WHERE { GRAPH ?g {
           ?u a arg:Undercut ; arg:hasPremise ?p ; arg:hasConclusion ?ra .
           ?p arg:undercuts ?ra ; arg:text ?text . ?ra a arg:Inference ; arg:scheme ?scheme } }",
    ]);
    assert!(
        out.contains("The inspector was paid by the builder"),
        "{out}"
    );
    assert!(out.contains("ExpertOpinion"), "{out}");
    // The seed is still there beside the import.
    assert!(store.ok(&["list"]).contains("kinu-co-17-32"));

    // AIF RDF: the undercut concludes against the inference.
    let rdf = store.ok(&[
        "export",
        "--brief",
        "undercut-broken",
        "--format",
        "aif-rdf",
    ]);
    let triples: Vec<oxigraph::model::Quad> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(rdf.as_bytes())
            .collect::<Result<_, _>>()
            .expect("the AIF RDF export is valid Turtle");
    let has = |s: &str, p: &str, o: &str| {
        triples.iter().any(|t| {
            t.subject.to_string().contains(s)
                && t.predicate.as_str() == format!("http://www.arg.tech/aif#{p}")
                && t.object.to_string().contains(o)
        })
    };
    assert!(has(
        "scheme/map7-x5f-ca-x2f-1",
        "Conclusion",
        "scheme/map7-x5f-ra-x20-1"
    ));
    assert!(has(
        "scheme/map7-x5f-ca-x2f-1",
        "Premise",
        "claim/map7-x5f-d"
    ));
    assert!(has(
        "scheme/map7-x5f-ra-x20-1",
        "Conclusion",
        "claim/map7-x5f-c"
    ));
    assert!(has(
        "claim/map7-x5f-a",
        "claimText",
        "The bridge has been inspected"
    ));
}

#[test]
fn a_file_that_is_not_json_gets_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"nodes\": [\n  {\"nodeID\": 1,}\n]}").unwrap();
    let store = TempStore::new();
    let out = store.run(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.json:2:"), "{stderr}");
    assert!(stderr.contains("not valid JSON"), "{stderr}");
    assert!(!store.path().exists(), "a failed import created the store");
}

#[test]
fn imported_briefs_conform_to_the_shapes() {
    let store = TempStore::new();
    store.ok(&[
        "import",
        &data("ova3-dialogue.json"),
        &data("undercut-broken.json"),
        root()
            .join("tests/data/argdown/features.argdown")
            .to_str()
            .unwrap(),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let nt = dir.path().join("imported.nt");
    let out = store.ok(&[
        "query",
        "--format",
        "ntriples",
        "--sparql",
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/argmap/ns>) }",
    ]);
    std::fs::write(&nt, out).unwrap();
    crate::common::assert_conforms(&nt);
}

#[test]
fn a_brief_written_as_a_map_exports_as_aif_with_one_scheme_node_per_relation() {
    let store = TempStore::with_seed();
    let json: Value =
        serde_json::from_str(&store.ok(&["export", "--brief", "kinu-co-17-32", "--format", "aif"]))
            .unwrap();
    let count = |t: &str, text: Option<&str>| {
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"] == t && text.is_none_or(|x| n["text"] == x))
            .count()
    };
    let relations = store.ok(&[
        "query",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?kind (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a ?c . VALUES (?c ?kind) { (arg:Support \"RA\") (arg:Attack \"CA\") } } } GROUP BY ?kind ORDER BY ?kind",
    ]);
    let counts: Vec<usize> = relations
        .lines()
        .skip(1)
        .map(|l| cell(l.split('\t').nth(1).unwrap()).parse().unwrap())
        .collect();
    assert_eq!(count("CA", None), counts[0]);
    assert_eq!(count("RA", None), counts[1]);
    assert_eq!(count("YA", Some("Hypothesising")), 4);
    assert!(count("I", None) > 50);
    // Re-imported, it gives the same propositions and relations back.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kinu.json");
    std::fs::write(&file, json.to_string()).unwrap();
    store.ok(&["import", file.to_str().unwrap()]);
    let again = content_in_store(&store);
    assert_eq!(again["kinu"], content_of_json(&json));
    assert_eq!(again["kinu"].1.len(), counts[0] + counts[1]);
}
