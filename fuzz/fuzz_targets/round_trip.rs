//! Fuzz target: the round trips. An Argdown or AIF text that imports is
//! stored (in memory), read back as a graph and exported in its own format;
//! that export must import again and give the same graph.
//!
//! The first byte picks the format (even: Argdown, odd: AIF).
#![no_main]

use std::path::Path;

use argmap::KnowledgeBase;
use argmap::read::graph::BriefGraph;
use argmap::store::GraphData;
use argmap::vocab::Iris;
use libfuzzer_sys::fuzz_target;
use oxigraph::model::NamedNode;

/// Imports `text` and reads it back from an in-memory store.
fn through_store(path: &Path, text: &str) -> Option<BriefGraph> {
    let map = argmap::interchange::import(path, text, "fuzz", false).map?;
    let iris = Iris::default();
    let kb = KnowledgeBase::in_memory().unwrap();
    // With the ontology, as `argmap import` stores it: the graph's queries
    // find relations through its classes.
    kb.replace_graphs(&[
        GraphData {
            graph: NamedNode::new(iris.graph("fuzz")).unwrap(),
            quads: argmap::store::compile::compile(&map, &iris),
        },
        GraphData {
            graph: NamedNode::new(argmap::vocab::ONTOLOGY).unwrap(),
            quads: KnowledgeBase::ontology_quads().unwrap(),
        },
    ])
    .unwrap();
    Some(argmap::read::graph::brief_graph(&kb, "fuzz").unwrap())
}

/// What a round trip keeps: each proposition's kind and text, and each
/// edge between propositions by the texts it joins.
fn content(graph: &BriefGraph) -> (Vec<(String, String)>, Vec<(String, String, String)>) {
    let text = |iri: &str| graph.node(iri).map(|n| n.text.clone()).unwrap_or_default();
    let mut nodes: Vec<(String, String)> = graph
        .nodes
        .iter()
        .map(|n| (n.kind.to_string(), n.text.clone()))
        .collect();
    let mut edges: Vec<(String, String, String)> = graph
        .edges
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "supports" | "opposes"))
        .map(|e| (text(&e.from), text(&e.to), e.kind.to_string()))
        .collect();
    nodes.sort();
    edges.sort();
    (nodes, edges)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let aif = pick % 2 == 1;
    let path = Path::new(if aif { "fuzz.json" } else { "fuzz.argdown" });
    let Some(first) = through_store(path, text) else {
        return;
    };
    let exported = if aif {
        argmap::interchange::aif::write_json(&first)
    } else {
        argmap::interchange::argdown::write(&first, &Default::default())
    };
    let Some(second) = through_store(path, &exported) else {
        panic!("the export does not import again:\n{exported}");
    };
    assert_eq!(
        content(&first),
        content(&second),
        "the round trip changed the graph; export:\n{exported}"
    );
});
