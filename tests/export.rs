//! `argmap export` and RDF `load`: round trips in every RDF format, scopes, refusals, and each picture read by its own tool.

use std::path::PathBuf;
use std::process::Command;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Dataset;
use oxigraph::model::dataset::CanonicalizationAlgorithm;

use crate::common::{TempStore, python_on, root};

const BRIEF: &str = "kinu-co-17-32";
const GRAPH: &str = "https://w3id.org/argmap/kb/graph/kinu-co-17-32";

fn special() -> PathBuf {
    root().join("tests/data/special-chars")
}

fn dataset(nquads: &str) -> Dataset {
    let mut d: Dataset = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .collect::<Result<_, _>>()
        .expect("valid N-Quads");
    d.canonicalize(CanonicalizationAlgorithm::Unstable);
    d
}

/// Exports the bundled brief in `format`, loads the file into a fresh store
/// under the brief's graph, and checks the graph is isomorphic to the original.
fn round_trip(format: &str, extension: &str) {
    let a = TempStore::with_seed();
    let file = a.dir.path().join(format!("brief.{extension}"));
    a.ok(&[
        "export",
        "--brief",
        BRIEF,
        "--format",
        format,
        "--output",
        file.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("KINU 2017"),
        "the rights statement travels with the export"
    );
    let b = TempStore::new();
    b.ok(&["load", file.to_str().unwrap(), "--graph", GRAPH]);
    let original = dataset(&a.ok(&["export", "--brief", BRIEF, "--format", "nquads"]));
    let back = dataset(&b.ok(&["export", "--brief", BRIEF, "--format", "nquads"]));
    assert!(original.len() > 500);
    assert_eq!(original, back, "{format}: the graph changed on the way");
}

#[test]
fn round_trip_turtle() {
    round_trip("turtle", "ttl");
}

#[test]
fn round_trip_trig() {
    round_trip("trig", "trig");
}

#[test]
fn round_trip_ntriples() {
    round_trip("ntriples", "nt");
}

#[test]
fn round_trip_nquads() {
    round_trip("nquads", "nq");
}

#[test]
fn round_trip_rdfxml() {
    round_trip("rdfxml", "rdf");
}

#[test]
fn round_trip_jsonld() {
    round_trip("jsonld", "jsonld");
}

#[test]
fn whole_store_needs_a_dataset_format() {
    let store = TempStore::with_seed();
    let trig = store.ok(&["export", "--format", "trig"]);
    assert!(
        trig.contains("<https://w3id.org/argmap/ns> {")
            || trig.contains("arg: {")
            || trig.contains("<https://w3id.org/argmap/ns>")
    );
    assert!(trig.contains("kinu-co-17-32"));
    let nq = store.ok(&["export", "--format", "nquads"]);
    assert_eq!(dataset(&nq).len(), store.dump().len());
    // The whole store as JSON-LD loads back, graphs and all, without --graph.
    let file = store.dir.path().join("all.jsonld");
    store.ok(&["export", "--format", "jsonld", "-o", file.to_str().unwrap()]);
    let other = TempStore::new();
    other.ok(&["load", file.to_str().unwrap()]);
    assert_eq!(
        dataset(&other.ok(&["export", "--format", "nquads"])),
        dataset(&nq)
    );
    for format in ["turtle", "ntriples", "rdfxml"] {
        let out = store.run(&["export", "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("TriG") && err.contains("N-Quads"), "{err}");
    }
    let out = store.run(&["export", "--format", "dot"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--brief"));
}

#[test]
fn jsonld_has_a_context_and_compact_iris() {
    let store = TempStore::with_seed();
    let text = store.ok(&["export", "--brief", BRIEF, "--format", "jsonld"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["@context"]["arg"], "https://w3id.org/argmap/ns#");
    assert_eq!(json["@context"]["dcterms"], "http://purl.org/dc/terms/");
    let body = serde_json::to_string(&json["@graph"]).unwrap();
    assert!(
        !body.contains("https://w3id.org/argmap/ns#"),
        "full IRIs left in the body"
    );
    assert!(body.contains("\"arg:supports\"") || body.contains("\"arg:premise\""));
    assert!(body.contains("\"hypothesis:buffer-zone\""));
    assert!(body.contains("\"dcterms:rights\""));
}

#[test]
fn turtle_uses_readable_prefixes() {
    let store = TempStore::with_seed();
    let text = store.ok(&["export", "--brief", BRIEF, "--format", "turtle"]);
    assert!(text.contains("@prefix arg: <https://w3id.org/argmap/ns#> ."));
    assert!(text.contains("hypothesis:buffer-zone a "));
    assert!(text.contains("dcterms:rights \"©KINU 2017\"@en"));
}

#[test]
fn a_hypothesis_exports_its_support_tree() {
    let store = TempStore::with_seed();
    let tree = store.ok(&[
        "export",
        "--hypothesis",
        "buffer-zone",
        "--format",
        "nquads",
    ]);
    let whole = store.ok(&["export", "--brief", BRIEF, "--format", "nquads"]);
    let (tree_len, whole_len) = (dataset(&tree).len(), dataset(&whole).len());
    assert!(
        tree_len > 20 && tree_len < whole_len,
        "{tree_len} of {whole_len}"
    );
    assert!(tree.contains("/hypothesis/buffer-zone>"));
    assert!(tree.contains("/evidence/guterres-cnn"));
    assert!(
        tree.contains("\"©KINU 2017\"@en"),
        "the rights travel with the tree"
    );
    assert!(
        !tree.contains("/hypothesis/circumvent-beijing-moscow> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"),
        "another hypothesis is described"
    );
    let dot = store.ok(&["export", "--hypothesis", "buffer-zone", "--format", "dot"]);
    assert_eq!(dot.matches("subgraph \"cluster_").count(), 1);
    let out = store.run(&["export", "--hypothesis", "no-such", "--format", "dot"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no hypothesis `no-such`"));
}

#[test]
fn rdf_load_errors_name_the_place_and_change_nothing() {
    let store = TempStore::with_seed();
    let before = store.dump();
    let dir = store.dir.path();
    let good = dir.join("good.ttl");
    std::fs::write(&good, "<urn:a> <urn:b> <urn:c> .\n").unwrap();
    let bad = dir.join("bad.ttl");
    std::fs::write(
        &bad,
        "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"open .\n",
    )
    .unwrap();
    let out = store.run(&[
        "load",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--graph",
        "urn:g",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:2:", bad.display())), "{err}");
    assert!(err.contains("not valid Turtle"), "{err}");
    assert_eq!(store.dump(), before, "a failed load changed the store");

    let out = store.run(&["load", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--graph IRI"));

    let deep = dir.join("deep.jsonld");
    std::fs::write(&deep, "[".repeat(10_000)).unwrap();
    let out = store.run(&["load", deep.to_str().unwrap(), "--graph", "urn:g"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":1:257: error: JSON nested"));

    // --format overrides the extension; a dataset keeps its own graphs without --graph.
    let nq = dir.join("data.txt");
    std::fs::write(&nq, "<urn:a> <urn:b> <urn:c> <urn:g2> .\n").unwrap();
    store.ok(&["load", nq.to_str().unwrap(), "--format", "nquads"]);
    let count = store.ok(&[
        "query",
        "--sparql",
        "SELECT * WHERE { GRAPH <urn:g2> { ?s ?p ?o } }",
        "--format",
        "tsv",
    ]);
    assert_eq!(count.lines().count(), 2);
}

/// A store holding the map full of quotes, angle brackets, ampersands, newlines and non-ASCII text.
fn special_store() -> TempStore {
    let store = TempStore::new();
    store.ok(&["load", special().to_str().unwrap()]);
    store
}

/// The special-chars brief's nodes with `--entities` (its actor among them).
const SPECIAL_NODES: usize = 8;

#[test]
fn graphviz_parses_the_dot() {
    for (store, brief) in [
        (special_store(), "special-chars"),
        (TempStore::with_seed(), BRIEF),
    ] {
        let file = store.dir.path().join("map.dot");
        store.ok(&[
            "export",
            "--brief",
            brief,
            "--format",
            "dot",
            "--entities",
            "-o",
            file.to_str().unwrap(),
        ]);
        let out = Command::new("dot")
            .arg("-Tjson")
            .arg(&file)
            .output()
            .expect("graphviz's dot runs");
        assert!(
            out.status.success(),
            "dot: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "dot warns: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let objects = json["objects"].as_array().unwrap();
        let nodes: Vec<&serde_json::Value> = objects
            .iter()
            .filter(|o| o.get("nodes").is_none())
            .collect();
        let clusters = objects.len() - nodes.len();
        assert!(clusters >= 2, "{brief}: one cluster per hypothesis");
        if brief == "special-chars" {
            assert_eq!(nodes.len(), SPECIAL_NODES);
            // Graphviz keeps an escString's escapes (`\n`, `\\`) for the renderer: the quotes are read back.
            let tooltips: Vec<&str> = nodes.iter().filter_map(|n| n["tooltip"].as_str()).collect();
            assert!(
                tooltips.contains(&"He said: \"<script>alert('x')</script>\" & left.\\nThen: end"),
                "{tooltips:?}"
            );
        }
    }
}

#[test]
fn networkx_reads_the_graphml_with_every_attribute() {
    let store = special_store();
    let file = store.dir.path().join("map.graphml");
    store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "graphml",
        "--entities",
        "-o",
        file.to_str().unwrap(),
    ]);
    let script = r#"
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(json.dumps({"graph": g.graph, "nodes": dict(g.nodes(data=True)),
                  "edges": [d for _, _, d in g.edges(data=True)]}))
"#;
    let json: serde_json::Value = serde_json::from_str(&python_on(script, &file)).unwrap();
    assert_eq!(json["graph"]["rights"], "© <Test> & \"Rights\" 2026");
    let nodes = json["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), SPECIAL_NODES);
    let kinds: std::collections::BTreeSet<&str> = nodes
        .values()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "actor",
            "claim",
            "evidence",
            "hypothesis",
            "question",
            "source"
        ]
    );
    for n in nodes.values() {
        for key in ["kind", "label", "text", "key", "iri"] {
            assert!(n[key].is_string(), "{key} missing on {n}");
        }
    }
    let stall = nodes.values().find(|n| n["key"] == "stall").unwrap();
    assert_eq!(
        stall["text"],
        "It's a \"stall\" <tactic>\n& the second line: 북한 wants time; ünïcödé \\ back\\slash #hash `tick` {brace} [bracket] |pipe|"
    );
    assert_eq!(stall["group"], "stall");
    let shared = nodes.values().find(|n| n["key"] == "shared").unwrap();
    assert!(
        shared.get("group").is_none(),
        "a node in two trees is in no one group"
    );
    assert_eq!(shared["groups"], "deal stall");
    let edges = json["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|e| e["relation"] == "supports" && e["strong"] == true)
    );
    assert!(
        edges
            .iter()
            .any(|e| e["relation"] == "opposes" && e["strong"] == false)
    );
}

#[test]
fn the_svg_is_xml_with_one_shape_per_node() {
    let store = special_store();
    let file = store.dir.path().join("map.svg");
    store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "svg",
        "--entities",
        "-o",
        file.to_str().unwrap(),
    ]);
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
shapes = ("rect", "ellipse", "polygon", "circle", "path")
nodes = [g for g in root.iter(ns + "g") if g.get("class", "").startswith("node ")]
print(json.dumps({
  "nodes": [{"class": g.get("class"), "shapes": sum(1 for c in g if c.tag[len(ns):] in shapes),
             "title": g.find(ns + "title").text} for g in nodes],
  "groups": sum(1 for g in root.iter(ns + "g") if g.get("class") == "group"),
  "edges": [p.get("class") for p in root.iter(ns + "path") if p.get("class", "").startswith("edge ")],
  "desc": root.find(ns + "desc").text}))
"#;
    let json: serde_json::Value = serde_json::from_str(&python_on(script, &file)).unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), SPECIAL_NODES);
    assert!(nodes.iter().all(|n| n["shapes"] == 1), "{nodes:?}");
    assert!(
        nodes
            .iter()
            .any(|n| n["title"] == "A <b>deal</b> & \"more\": 日本語")
    );
    assert_eq!(json["groups"], 2);
    assert_eq!(json["desc"], "© <Test> & \"Rights\" 2026");
    let edges = json["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|e| e.as_str().unwrap().contains("opposes"))
    );
    assert!(
        edges
            .iter()
            .any(|e| e.as_str().unwrap().contains("supports"))
    );
}

#[test]
fn cytoscape_json_has_one_element_per_node_and_edge() {
    let store = special_store();
    let text = store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "cytoscape",
        "--entities",
    ]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let nodes = json["elements"]["nodes"].as_array().unwrap();
    let groups: Vec<_> = nodes
        .iter()
        .filter(|n| n["data"]["kind"] == "group")
        .collect();
    let members: Vec<_> = nodes
        .iter()
        .filter(|n| n["data"]["kind"] != "group")
        .collect();
    assert_eq!(members.len(), SPECIAL_NODES);
    assert_eq!(groups.len(), 2);
    let graphml = store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "graphml",
        "--entities",
    ]);
    let edges = json["elements"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), graphml.matches("<edge ").count());
    let ids: std::collections::HashSet<&str> = nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), nodes.len(), "ids are unique");
    for e in edges {
        assert!(ids.contains(e["data"]["source"].as_str().unwrap()));
        assert!(ids.contains(e["data"]["target"].as_str().unwrap()));
    }
    for n in &members {
        if let Some(parent) = n["data"]["parent"].as_str() {
            assert!(groups.iter().any(|g| g["data"]["id"] == parent));
        }
    }
    assert_eq!(json["data"]["rights"], "© <Test> & \"Rights\" 2026");
}

#[test]
fn mermaid_is_a_flowchart_with_a_subgraph_per_hypothesis() {
    let store = special_store();
    let text = store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "mermaid",
        "--entities",
    ]);
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("%%")).collect();
    assert_eq!(lines[0], "flowchart BT");
    assert_eq!(text.matches("\n  subgraph ").count(), 2);
    assert_eq!(text.matches("\n  end\n").count(), 2);
    let nodes = lines.iter().filter(|l| l.contains(":::")).count();
    assert_eq!(nodes, SPECIAL_NODES);
    assert!(text.contains("%% rights: © <Test> & \"Rights\" 2026"));
    // Inside labels, nothing Mermaid reads as syntax is left raw.
    for line in lines.iter().filter(|l| l.contains(":::")) {
        let label = &line[line.find('"').unwrap() + 1..line.rfind('"').unwrap()];
        let raw = label.replace("<br/>", "");
        assert!(!raw.contains(['"', '<', '>', '&', '\n']), "{line}");
    }
    assert!(text.contains("#lt;script#gt;"));
    assert!(text.contains("==>"), "strong support");
    assert!(text.contains("--x"), "attack");
    assert!(text.contains("linkStyle"));
}

#[test]
fn pictures_of_the_seed_show_every_hypothesis_grouped() {
    let store = TempStore::with_seed();
    let hypotheses = store
        .ok(&["export", "--brief", BRIEF, "--format", "graphml"])
        .matches("<data key=\"kind\">hypothesis</data>")
        .count();
    assert!(hypotheses >= 4);
    let dot = store.ok(&["export", "--brief", BRIEF, "--format", "dot"]);
    assert_eq!(dot.matches("subgraph \"cluster_").count(), hypotheses);
    let mermaid = store.ok(&["export", "--brief", BRIEF, "--format", "mermaid"]);
    assert_eq!(mermaid.matches("\n  subgraph ").count(), hypotheses);
    assert!(dot.contains("arrowhead=tee") || !dot.contains("opposes"));
}

#[test]
fn cytoscape_js_loads_the_json() {
    let store = special_store();
    let file = store.dir.path().join("map.cyjs");
    store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "cytoscape",
        "--entities",
        "-o",
        file.to_str().unwrap(),
    ]);
    // Cytoscape.js is pinned in tests/node; scripts/setup.sh --tests installs it there.
    let modules = root().join("tests/node/node_modules");
    let script = r#"
const cytoscape = require("cytoscape");
const json = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const cy = cytoscape({ headless: true, ...json });
console.log(JSON.stringify({
  nodes: cy.nodes().not(".group").length, groups: cy.nodes(".group").length,
  edges: cy.edges().length, children: cy.nodes(".group").children().length,
  attacks: cy.edges(".opposes").length, text: cy.nodes("[key = 'deal']").data("text") }));
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&file)
        .env("NODE_PATH", &modules)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["nodes"], SPECIAL_NODES);
    assert_eq!(json["groups"], 2);
    assert!(json["children"].as_u64().unwrap() >= 3);
    assert_eq!(json["attacks"], 1);
    assert_eq!(json["text"], "A <b>deal</b> & \"more\": 日本語");
    let graphml = store.ok(&[
        "export",
        "--brief",
        "special-chars",
        "--format",
        "graphml",
        "--entities",
    ]);
    assert_eq!(
        json["edges"].as_u64().unwrap() as usize,
        graphml.matches("<edge ").count()
    );
}
