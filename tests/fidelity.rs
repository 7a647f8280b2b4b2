//! Nothing distorted on the way into the store: brief ids from folder names, shared entities that disagree, and the terms the store gives back.

use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::store::Store;

use crate::common::{TempStore, seed_dir};

const BAD_GRAPH: &str = "https://w3id.org/argmap/kb/graph/CRS Upper";

/// A store holding the seed under a graph whose name is not a valid IRI,
/// as an argmap that took folder names unchecked would have written it.
fn store_with_invalid_graph() -> TempStore {
    let store = TempStore::with_seed();
    let raw = Store::open(store.path()).unwrap();
    let good = NamedNode::new("https://w3id.org/argmap/kb/graph/kinu-co-17-32").unwrap();
    let bad = NamedNode::new_unchecked(BAD_GRAPH);
    let quads: Vec<Quad> = raw
        .quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(good.as_ref())),
        )
        .map(|q| {
            let q = q.unwrap();
            Quad::new(q.subject, q.predicate, q.object, bad.clone())
        })
        .collect();
    raw.remove_named_graph(good.as_ref()).unwrap();
    raw.extend(quads).unwrap();
    raw.flush().unwrap();
    drop(raw);
    store
}

#[test]
fn a_folder_name_that_is_not_an_id_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("my briefs/CRS Upper");
    std::fs::create_dir_all(&folder).unwrap();
    for file in ["map.toml", "brief.txt"] {
        std::fs::copy(seed_dir().join(file), folder.join(file)).unwrap();
    }
    let store = TempStore::new();
    let out = store.run(&["load", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("CRS Upper/map.toml:"), "{stderr}");
    assert!(stderr.contains("`CRS Upper`"), "{stderr}");
    assert!(stderr.contains("id = \"crs-upper\""), "{stderr}");
    assert!(!store.path().join("CURRENT").exists() || store.dump().is_empty());
}

#[test]
fn a_store_holding_an_invalid_graph_name_is_refused_with_the_way_out() {
    let store = store_with_invalid_graph();
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("r.html");
    let readers: Vec<Vec<&str>> = vec![
        vec!["trace"],
        vec!["trace", "--brief", "CRS Upper"],
        vec!["matrix"],
        vec!["matrix", "--brief", "CRS Upper"],
        vec!["export", "--brief", "CRS Upper", "--format", "turtle"],
        vec!["export", "--format", "trig"],
        vec![
            "report",
            "--brief",
            "CRS Upper",
            "-o",
            html.to_str().unwrap(),
        ],
        vec!["list"],
        vec!["query", "motives"],
    ];
    for args in readers {
        let out = store.run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} wrote output");
        assert!(
            stderr.contains(&format!("<{BAD_GRAPH}>")) && stderr.contains("drop --graph"),
            "{args:?}: {stderr}"
        );
    }
    store.ok(&["drop", "--graph", BAD_GRAPH]);
    store.ok(&["list"]);
    store.ok(&["load", seed_dir().to_str().unwrap()]);
    assert!(store.ok(&["trace"]).contains("buffer-zone"));
}

#[test]
fn drop_takes_the_invalid_id_too() {
    let store = store_with_invalid_graph();
    store.ok(&["drop", "CRS Upper"]);
    let graphs = store.ok(&[
        "query",
        "--sparql",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--format",
        "csv",
    ]);
    assert!(!graphs.contains("CRS"), "{graphs}");
}

#[test]
fn drop_removes_any_graph_by_iri() {
    let store = TempStore::new();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("a.ttl");
    std::fs::write(
        &data,
        "<https://example.org/a> <https://example.org/b> \"c\" .\n",
    )
    .unwrap();
    store.ok(&[
        "load",
        data.to_str().unwrap(),
        "--graph",
        "https://example.org/graph/a",
    ]);
    let out = store.run(&["drop", "--graph", "https://example.org/graph/nothing"]);
    assert_eq!(out.status.code(), Some(1));
    store.ok(&["drop", "--graph", "<https://example.org/graph/a>"]);
    assert!(store.dump().iter().all(|q| !q.contains("example.org")));
}

/// The lines of N-Quads text, sorted, without the ontology's graph.
fn brief_quads(nquads: &str) -> Vec<String> {
    let mut lines: Vec<String> = nquads
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.ends_with("<https://w3id.org/argmap/ns> ."))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn the_store_gives_back_the_terms_compile_writes() {
    // Compiled, loaded, exported: every term the same, so oxigraph's
    // canonical forms (integers, decimals, dates, gYear and gYearMonth,
    // booleans, language tags) are what `compile` writes in the first place.
    let compiled = crate::common::argmap()
        .args(["compile", seed_dir().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(compiled.status.success());
    let compiled = brief_quads(&String::from_utf8(compiled.stdout).unwrap());
    let store = TempStore::with_seed();
    let exported = brief_quads(&store.ok(&["export", "--format", "nquads"]));
    let only_compiled: Vec<&String> = compiled.iter().filter(|q| !exported.contains(q)).collect();
    let only_stored: Vec<&String> = exported.iter().filter(|q| !compiled.contains(q)).collect();
    assert!(
        only_compiled.is_empty() && only_stored.is_empty(),
        "compiled only:\n{}\nstored only:\n{}",
        only_compiled
            .iter()
            .take(5)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        only_stored
            .iter()
            .take(5)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The kinds of literal the comparison covered.
    let all = compiled.join("\n");
    for datatype in [
        "#integer>",
        "#decimal>",
        "#date>",
        "#gYear>",
        "#gYearMonth>",
        "#boolean>",
        "\"@en ",
    ] {
        assert!(all.contains(datatype), "the seed has no {datatype} literal");
    }
}

#[test]
fn what_the_store_gives_back_conforms_to_the_shapes() {
    let store = TempStore::with_seed();
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs = vec![
        ("trig", store.ok(&["export", "--format", "trig"])),
        ("nq", store.ok(&["export", "--format", "nquads"])),
        ("jsonld", store.ok(&["export", "--format", "jsonld"])),
    ];
    for (format, extension) in [("turtle", "ttl"), ("ntriples", "nt"), ("rdfxml", "rdf")] {
        outputs.push((
            extension,
            store.ok(&["export", "--brief", "kinu-co-17-32", "--format", format]),
        ));
    }
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }";
    for (format, extension) in [("turtle", "ttl"), ("ntriples", "nt")] {
        outputs.push((
            extension,
            store.ok(&["query", "--sparql", construct, "--format", format]),
        ));
    }
    for (i, (extension, text)) in outputs.iter().enumerate() {
        let file = tmp.path().join(format!("out-{i}.{extension}"));
        std::fs::write(&file, text).unwrap();
        crate::common::assert_conforms(&file);
    }
}

/// A copy of the seed as another brief, `second`, whose `north-korea` is
/// an organisation named "DPRK regime"; its folder.
fn disagreeing_brief(tmp: &std::path::Path) -> std::path::PathBuf {
    let folder = tmp.join("second");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(seed_dir().join("brief.txt"), folder.join("brief.txt")).unwrap();
    let map = std::fs::read_to_string(seed_dir().join("map.toml"))
        .unwrap()
        .replacen("[brief]\n", "[brief]\nid = \"second\"\n", 1)
        .replacen(
            "[actor.north-korea]\nkind = \"state\"\nname = \"North Korea\"",
            "[actor.north-korea]\nkind = \"organisation\"\nname = \"DPRK regime\"",
            1,
        );
    assert!(map.contains("DPRK regime"));
    std::fs::write(folder.join("map.toml"), map).unwrap();
    folder
}

/// The line of `[actor.north-korea]` in the copy, which has one line more
/// than the seed above it.
fn north_korea_line() -> usize {
    let seed = std::fs::read_to_string(seed_dir().join("map.toml")).unwrap();
    seed.lines()
        .position(|l| l == "[actor.north-korea]")
        .unwrap()
        + 2
}

#[test]
fn a_shared_actor_described_differently_is_refused_by_load_naming_both_places() {
    let tmp = tempfile::tempdir().unwrap();
    let second = disagreeing_brief(tmp.path());
    let store = TempStore::with_seed();
    let before = store.dump();
    let out = store.run(&["load", second.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let place = format!("second/map.toml:{}:8:", north_korea_line());
    assert!(stderr.contains(&place), "{place} not in {stderr}");
    assert!(
        stderr.contains("by brief `kinu-co-17-32` (in the store): there it is a state with the name \"North Korea\", here an organisation with the name \"DPRK regime\""),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was loaded"), "{stderr}");
    assert_eq!(store.dump(), before, "a refused load changed the store");
    // Reloading the seed itself replaces its own description: no conflict.
    store.ok(&["load", seed_dir().to_str().unwrap()]);
}

#[test]
fn a_shared_actor_described_differently_is_reported_by_check() {
    let tmp = tempfile::tempdir().unwrap();
    let second = disagreeing_brief(tmp.path());
    let out = crate::common::argmap()
        .args([
            "check",
            seed_dir().to_str().unwrap(),
            second.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let here = format!("second/map.toml:{}:8:", north_korea_line());
    let there = format!("seeds/kinu-co-17-32/map.toml:{}:8)", north_korea_line() - 1);
    assert!(
        stderr.contains(&here) && stderr.contains(&there),
        "{stderr}"
    );
    // Each map alone is fine: the rule is about agreeing with each other.
    crate::common::argmap()
        .args(["check", second.to_str().unwrap()])
        .assert()
        .success();
}
