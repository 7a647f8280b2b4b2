//! The pictures of a whole brief as a reader meets them: the argument by default and actors and events with `--entities`, the PNG Graphviz draws, the SVG's width and top, Cytoscape.js opening the preset layout, and Mermaid itself rendering the flowcharts in Chromium.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TempStore, python_on, root};

const BRIEF: &str = "kinu-co-17-32";

/// `argmap export --brief BRIEF --format FORMAT [--entities]` into a file of the store's folder.
fn export(store: &TempStore, brief: &str, format: &str, entities: bool) -> PathBuf {
    let file = store.dir.path().join(format!(
        "{brief}{}.{format}",
        if entities { "-entities" } else { "" }
    ));
    let mut args = vec!["export", "--brief", brief, "--format", format];
    if entities {
        args.push("--entities");
    }
    args.extend(["-o", file.to_str().unwrap()]);
    store.ok(&args);
    file
}

/// How many nodes of each kind a GraphML picture has.
fn kinds(graphml: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for piece in graphml.split("<data key=\"kind\">").skip(1) {
        let kind = piece.split('<').next().unwrap().to_string();
        *out.entry(kind).or_insert(0) += 1;
    }
    out
}

#[test]
fn the_default_picture_is_the_argument_and_entities_bring_actors_and_events() {
    let store = TempStore::with_seed();
    let read = |format: &str, entities: bool| {
        std::fs::read_to_string(export(&store, BRIEF, format, entities)).unwrap()
    };
    let argument = kinds(&read("graphml", false));
    let everything = kinds(&read("graphml", true));
    let shown: Vec<&str> = argument.keys().map(String::as_str).collect();
    assert_eq!(
        shown,
        ["claim", "evidence", "hypothesis", "question", "source"]
    );
    assert!(
        everything["actor"] > 0 && everything["event"] > 0,
        "{everything:?}"
    );
    for (kind, n) in &argument {
        assert_eq!(
            everything[kind], *n,
            "{kind}: the argument is whole either way"
        );
    }
    // Every picture format draws the same nodes: no actor or event by default.
    let marks = [
        ("dot", "class=\"actor\"", "class=\"event\""),
        ("svg", "class=\"node actor\"", "class=\"node event\""),
        ("mermaid", ":::actor", ":::event"),
        ("cytoscape", "\"kind\": \"actor\"", "\"kind\": \"event\""),
    ];
    for (format, actor, event) in marks {
        let plain = read(format, false);
        let full = read(format, true);
        assert!(!plain.contains(actor) && !plain.contains(event), "{format}");
        assert_eq!(full.matches(actor).count(), everything["actor"], "{format}");
        assert_eq!(full.matches(event).count(), everything["event"], "{format}");
    }
    let refused = store.run(&[
        "export",
        "--brief",
        BRIEF,
        "--format",
        "turtle",
        "--entities",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("--entities") && stderr.contains("always holds"),
        "{stderr}"
    );
}

/// Width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[1..4], b"PNG");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn graphviz_draws_the_argument_smaller_than_every_entity() {
    let store = TempStore::with_seed();
    let mut sizes = Vec::new();
    for entities in [false, true] {
        let dot = export(&store, BRIEF, "dot", entities);
        let out = Command::new("dot")
            .arg("-Tpng")
            .arg(&dot)
            .output()
            .expect("graphviz's dot runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        sizes.push(png_size(&out.stdout));
    }
    let (argument, everything) = (sizes[0], sizes[1]);
    eprintln!("dot -Tpng: argument {argument:?}, with --entities {everything:?}");
    assert!(argument.0 < everything.0, "{sizes:?}");
    assert!(
        u64::from(argument.0) * u64::from(argument.1)
            < u64::from(everything.0) * u64::from(everything.1),
        "{sizes:?}"
    );
}

/// The SVG's width, and the tallest blank band below its title: the largest
/// strip, across the columns of the hypothesis groups, between the title
/// and the first group's box that no box (node or group) reaches into.
/// Read by Python's XML parser.
fn svg_extent(file: &Path) -> serde_json::Value {
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
boxes = []  # (x1, x2, y1, y2, is_group)
for g in root.iter(ns + "g"):
    cls = g.get("class", "")
    if cls != "group" and not cls.startswith("node "):
        continue
    for c in g:
        tag = c.tag[len(ns):]
        if tag == "rect":
            x, y, w, h = (float(c.get(a)) for a in ("x", "y", "width", "height"))
        elif tag == "ellipse":
            cx, cy, rx, ry = (float(c.get(a)) for a in ("cx", "cy", "rx", "ry"))
            x, y, w, h = cx - rx, cy - ry, 2 * rx, 2 * ry
        elif tag == "polygon":
            pts = [tuple(map(float, p.split(","))) for p in c.get("points").split()]
            x, y = min(p[0] for p in pts), min(p[1] for p in pts)
            w, h = max(p[0] for p in pts) - x, max(p[1] for p in pts) - y
        else:
            continue
        boxes.append((x, x + w, y, y + h, cls == "group"))
groups = [b for b in boxes if b[4]]
left, right = min(b[0] for b in groups), max(b[1] for b in groups)
first = min(b[2] for b in groups)
heading = float(next(t for t in root.iter(ns + "text") if t.get("class") == "heading").get("y"))
above = sorted((b[2], b[3]) for b in boxes if b[0] < right and b[1] > left and b[2] < first)
blank, reached = 0.0, heading
for top, bottom in above + [(first, first)]:
    blank = max(blank, top - reached)
    reached = max(reached, bottom)
print(json.dumps({"width": float(root.get("width")), "height": float(root.get("height")),
                  "first_group": first, "blank": blank}))
"#;
    serde_json::from_str(&python_on(script, file)).unwrap()
}

#[test]
fn the_whole_brief_svg_is_a_few_screens_wide_with_no_blank_band_on_top() {
    let store = TempStore::with_seed();
    for entities in [false, true] {
        let extent = svg_extent(&export(&store, BRIEF, "svg", entities));
        eprintln!("svg (entities {entities}): {extent}");
        let width = extent["width"].as_f64().unwrap();
        assert!(width < 4000.0, "entities {entities}: {extent}");
        // Above the groups, nothing is emptier than the gap between two layers.
        let blank = extent["blank"].as_f64().unwrap();
        assert!(blank <= 64.0, "entities {entities}: {extent}");
    }
}

/// Runs a script under node with the pinned modules of tests/node, returning its JSON.
fn node(script: &Path, args: &[&Path]) -> serde_json::Value {
    let out = Command::new("node")
        .arg(script)
        .args(args)
        .env("NODE_PATH", root().join("tests/node/node_modules"))
        .output()
        .expect("node runs (scripts/setup.sh --tests installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap_or(""))
        .unwrap_or_else(|_| {
            panic!(
                "{} printed no result:\n{stdout}\n{}",
                script.display(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
    assert!(
        out.status.success() && json["ok"] == true,
        "{}: {}",
        script.display(),
        serde_json::to_string_pretty(&json["failures"]).unwrap_or_default()
    );
    json
}

#[test]
fn cytoscape_opens_the_preset_layout_with_groups_apart() {
    let store = TempStore::with_seed();
    let special = TempStore::new();
    special.ok(&[
        "load",
        root().join("tests/data/special-chars").to_str().unwrap(),
    ]);
    let files = [
        export(&store, BRIEF, "cytoscape", false),
        export(&store, BRIEF, "cytoscape", true),
        export(&special, "special-chars", "cytoscape", false),
    ];
    let args: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let json = node(&root().join("tests/node/cytoscape.js"), &args);
    let maps = json["maps"].as_array().unwrap();
    assert_eq!(maps.len(), 3);
    assert_eq!(maps[0]["groups"], 4, "{}", maps[0]);
    assert_eq!(maps[2]["groups"], 2, "{}", maps[2]);
    for m in maps {
        assert_eq!(m["layout"], "preset", "{m}");
        assert!(m["placed"].as_u64().unwrap() > 0, "{m}");
        assert_eq!(m["placed"], m["nodes"], "every node has its position: {m}");
    }
}

#[test]
fn mermaid_renders_every_brief_without_a_parse_error() {
    let store = TempStore::with_seed();
    let mut files = vec![
        export(&store, BRIEF, "mermaid", false),
        export(&store, BRIEF, "mermaid", true),
    ];
    for fixture in ["special-chars", "non-ascii"] {
        let s = TempStore::new();
        s.ok(&[
            "load",
            root().join("tests/data").join(fixture).to_str().unwrap(),
        ]);
        let file = export(&s, fixture, "mermaid", true);
        let kept = store.dir.path().join(format!("{fixture}.mermaid"));
        std::fs::copy(&file, &kept).unwrap();
        files.push(kept);
    }
    // The Argdown fixtures, imported, and an AIF map with a dialogue.
    let mut imported: Vec<PathBuf> = std::fs::read_dir(root().join("../shared/fixtures/argdown"))
        .expect("the Argdown fixtures are in ../shared/fixtures/argdown")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "argdown"))
        .collect();
    imported.sort();
    imported.push(root().join("tests/data/aif/ova3-dialogue.json"));
    let others = TempStore::new();
    for file in &imported {
        others.ok(&["import", file.to_str().unwrap()]);
        let id = argmap::interchange::default_id(file);
        files.push(export(&others, &id, "mermaid", true));
    }
    let args: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let json = node(&root().join("tests/node/mermaid.js"), &args);
    let diagrams = json["diagrams"].as_array().unwrap();
    assert_eq!(diagrams.len(), files.len());
    for (file, d) in files.iter().zip(diagrams) {
        let text = std::fs::read_to_string(file).unwrap();
        let nodes = text.lines().filter(|l| l.contains(":::")).count();
        assert_eq!(
            d["nodes"].as_u64().unwrap() as usize,
            nodes,
            "{}: {d}",
            file.display()
        );
        let groups = text.matches("\n  subgraph ").count();
        assert_eq!(
            d["clusters"].as_u64().unwrap() as usize,
            groups,
            "{}: {d}",
            file.display()
        );
    }
    assert_eq!(diagrams[0]["clusters"], 4);
}
