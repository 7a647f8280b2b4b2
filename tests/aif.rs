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

/// Everything of an AIF file that must come back from a round trip, each
/// list sorted: every node (id, type, text, timestamp, scheme, scheme id),
/// every edge (id, from, to), every locution and participant record.
type Records = [Vec<String>; 4];

fn records_of_json(doc: &Value) -> Records {
    let doc = doc.get("AIF").unwrap_or(doc);
    let field = |v: &Value, key: &str| match v.get(key) {
        None | Some(Value::Null) => "-".to_string(),
        Some(other) => id(other),
    };
    let list = |key: &str, f: &dyn Fn(&Value) -> String| {
        let mut out: Vec<String> = doc
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(f)
            .collect();
        out.sort();
        out
    };
    [
        list("nodes", &|n| {
            ["nodeID", "type", "text", "timestamp", "scheme", "schemeID"]
                .map(|k| field(n, k))
                .join(" | ")
        }),
        list("edges", &|e| {
            ["edgeID", "fromID", "toID"]
                .map(|k| field(e, k))
                .join(" | ")
        }),
        list("locutions", &|l| l.to_string()),
        list("participants", &|p| p.to_string()),
    ]
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
        assert_eq!(
            records_of_json(&back),
            records_of_json(&json),
            "{brief}: the AIF export lost or changed a node, an edge or a locution"
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
    // The locutions and participants come back as the file wrote them
    // (their order carries no meaning).
    assert_eq!(records_of_json(&json)[2..], records_of_json(&original)[2..]);
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

#[test]
fn an_ova3_debate_with_several_speakers_comes_back_whole() {
    let store = TempStore::new();
    let out = store.run(&["import", &data("ova3-speakers.json"), "--brief", "ferry"]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The conflict with no premise is kept, and the warning says what it lacks.
    assert!(
        stderr.contains("scheme node `113` (CA) has no premise; it is kept as the file has it and written back, but gives no attack between claims"),
        "{stderr}"
    );
    let exported = store.ok(&["export", "--brief", "ferry", "--format", "aif"]);
    let back: Value = serde_json::from_str(&exported).unwrap();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(data("ova3-speakers.json")).unwrap())
            .unwrap();
    let [nodes, edges, locutions, participants] = records_of_json(&back);
    let [n0, e0, l0, p0] = records_of_json(&original);
    assert_eq!(nodes, n0, "nodes");
    assert_eq!(edges, e0, "edges");
    assert_eq!(locutions, l0, "locutions");
    assert_eq!(participants, p0, "participants");
    assert_eq!(locutions.len(), 4);
    // Both speakers of the shared locution are in the store.
    let speakers = store.ok(&[
        "query",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         SELECT ?s WHERE { GRAPH ?g { ?l a arg:Locution ; arg:speaker ?s } } ORDER BY ?s",
    ]);
    assert_eq!(
        speakers,
        "?s\n\"Ana Ruiz\"\n\"Ben Okafor\"\n\"Cem Yilmaz\"\n\"Dana Chair\"\n"
    );
    // `trace` shows the undercut (a CA aimed at the RA) as an attack on the
    // inference from its premise to its conclusion, not as a conclusion.
    let trace = store.ok(&["trace", "--brief", "ferry"]);
    assert!(
        trace.contains("└─ supported by claim 102: The island has no other link to the mainland"),
        "{trace}"
    );
    assert!(
        trace.contains(
            "└─ its inference undercut by claim 108: A bridge to the mainland is planned"
        ),
        "{trace}"
    );
    assert!(!trace.contains("conclusion: claim 108"), "{trace}");
    let json: Value =
        serde_json::from_str(&store.ok(&["trace", "--brief", "ferry", "--format", "json"]))
            .unwrap();
    let premise = &json["briefs"][0]["other_conclusions"][1]["supported_by"][0];
    assert_eq!(premise["key"], "102", "{json}");
    assert_eq!(premise["undercut_by"][0]["key"], "108", "{json}");
    // And a second round trip changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("ferry.json");
    std::fs::write(&again, &exported).unwrap();
    let other = TempStore::new();
    other.ok(&["import", again.to_str().unwrap()]);
    let twice: Value =
        serde_json::from_str(&other.ok(&["export", "--brief", "ferry", "--format", "aif"]))
            .unwrap();
    assert_eq!(records_of_json(&twice), records_of_json(&back));
}

#[test]
fn byte_identical_duplicate_nodes_make_one_warning_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut nodes = vec![
        serde_json::json!({"nodeID": "c", "text": "The claim", "type": "I"}),
        serde_json::json!({"nodeID": "ra", "text": "RA", "type": "RA"}),
    ];
    for n in 0..85 {
        let node = serde_json::json!({"nodeID": format!("p{n}"), "text": format!("Premise {n}"), "type": "I"});
        nodes.push(node.clone());
        nodes.push(node);
    }
    let mut edges = vec![serde_json::json!({"edgeID": "e", "fromID": "ra", "toID": "c"})];
    edges.extend((0..85).map(
        |n| serde_json::json!({"edgeID": format!("e{n}"), "fromID": format!("p{n}"), "toID": "ra"}),
    ));
    // One copy that differs is a clash, named on its own.
    nodes.push(serde_json::json!({"nodeID": "c", "text": "Another claim", "type": "I"}));
    let file = dir.path().join("copies.json");
    std::fs::write(
        &file,
        serde_json::json!({"nodes": nodes, "edges": edges}).to_string(),
    )
    .unwrap();
    let store = TempStore::new();
    let out = store.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        stderr.contains("85 nodes are each a byte-for-byte copy of an earlier node with the same id (`p0`, `p1`, `p2`, `p3`, `p4`, …); each id is imported once"),
        "{stderr}"
    );
    assert!(
        stderr.contains("node `c` appears twice with different content; the second is left out"),
        "{stderr}"
    );
}

/// An AIF map's undercut (a CA aimed at an RA) and rephrase (an MA node)
/// reach Argdown: Argdown's own CLI reads the export with an undercut of
/// the inference, written as an argument, and the rephrase in the
/// rephrasing statement's data; argmap reads the export back with both.
#[test]
fn an_undercut_and_a_rephrase_are_written_to_argdown() {
    let store = TempStore::new();
    store.ok(&["import", &data("ova3-speakers.json"), "--brief", "ferry"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ferry.argdown");
    store.ok(&[
        "export",
        "--brief",
        "ferry",
        "--format",
        "argdown",
        "--output",
        file.to_str().unwrap(),
    ]);
    let json = crate::argdown::argdown_json(&file, &dir.path().join("json"));
    let undercuts: Vec<&Value> = json["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["relationType"] == "undercut")
        .collect();
    assert_eq!(undercuts.len(), 1, "{json:#}");
    assert_eq!(undercuts[0]["from"], "108");
    // Argdown aims an undercut at the argument's inference.
    assert_eq!(undercuts[0]["toType"], "inference", "{:#}", undercuts[0]);
    assert_eq!(undercuts[0]["to"], "Argument From Consequences 104");
    let argument = &json["arguments"][undercuts[0]["to"].as_str().unwrap()];
    let pcs: Vec<&str> = argument["pcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(pcs, ["102", "d1_i/1"], "{argument:#}");
    assert_eq!(
        json["statements"]["111"]["members"][0]["data"]["rephrases"],
        "102"
    );

    store.ok(&["import", file.to_str().unwrap(), "--brief", "ferry-again"]);
    let out = store.ok(&[
        "query",
        "--brief",
        "ferry-again",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?what ?from ?to WHERE { GRAPH ?graph {
           { ?f arg:undercuts ?t . BIND(\"undercut\" AS ?what) }
           UNION { ?f arg:rephrases ?t . BIND(\"rephrase\" AS ?what) }
           ?f dcterms:identifier ?from . ?t dcterms:identifier ?to } }",
    ]);
    assert!(
        out.contains("\"undercut\"\t\"108\"\t\"Argument From Consequences 104\""),
        "{out}"
    );
    assert!(out.contains("\"rephrase\"\t\"111\"\t\"102\""), "{out}");
}
