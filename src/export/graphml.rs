//! GraphML with typed attribute keys (kind, label, full text, group, …) that yEd, Gephi and networkx read; each hypothesis's support tree is a `group` attribute.

use std::fmt::Write as _;

use super::Picture;
use crate::render::escape;

/// (id, for, type): every attribute written; `attr.name` is the id.
const KEYS: &[(&str, &str, &str)] = &[
    ("title", "graph", "string"),
    ("rights", "graph", "string"),
    ("brief", "graph", "string"),
    ("kind", "node", "string"),
    ("label", "node", "string"),
    ("text", "node", "string"),
    ("key", "node", "string"),
    ("iri", "node", "string"),
    ("group", "node", "string"),
    ("groups", "node", "string"),
    ("status", "node", "string"),
    ("hedge", "node", "string"),
    ("date", "node", "string"),
    ("relation", "edge", "string"),
    ("strong", "edge", "boolean"),
];

/// The picture as a GraphML document.
pub fn write(picture: &Picture) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, target, kind) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{id}\" attr.type=\"{kind}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        escape(&picture.brief)
    );
    for (key, value) in [
        ("title", &picture.title),
        ("rights", &picture.rights),
        ("brief", &picture.brief),
    ] {
        let _ = writeln!(out, "    <data key=\"{key}\">{}</data>", escape(value));
    }
    for n in &picture.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", n.id);
        let group = n.group.map(|g| picture.groups[g].key.clone());
        let groups = (!n.groups.is_empty()).then(|| {
            n.groups
                .iter()
                .map(|&g| picture.groups[g].key.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let fields: [(&str, Option<String>); 10] = [
            ("kind", Some(n.kind.to_string())),
            ("label", Some(n.lines.join("\n"))),
            ("text", Some(n.text.clone())),
            ("key", Some(n.key.clone())),
            ("iri", Some(n.iri.clone())),
            ("group", group),
            ("groups", groups),
            (
                "status",
                n.status.as_ref().map(|s| s.local_name().to_string()),
            ),
            ("hedge", n.hedge.clone()),
            ("date", n.date.clone()),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(&v));
            }
        }
        out.push_str("    </node>\n");
    }
    for (i, e) in picture.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"relation\">{}</data><data key=\"strong\">{}</data></edge>",
            picture.nodes[e.from].id, picture.nodes[e.to].id, e.kind, e.strong
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
