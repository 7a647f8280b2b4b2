//! Graphviz DOT: node kinds as shapes and colours, support and attack as edge styles, each hypothesis's support tree as a cluster.

use std::fmt::Write as _;

use super::{EdgeStyle, Picture, colours, edge_colour};
use crate::read::node::Kind;

/// A DOT double-quoted string's content: `\` and `"` escaped, line breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Question => "hexagon",
        Kind::Hypothesis | Kind::Claim => "box",
        Kind::Evidence => "note",
        Kind::Source => "cylinder",
        Kind::Actor => "ellipse",
        Kind::Event => "octagon",
    }
}

/// The picture as a DOT digraph; supported nodes are drawn above their support.
pub fn write(picture: &Picture) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} — {}",
        escape_comment(&picture.title),
        escape_comment(&picture.rights)
    );
    let _ = writeln!(out, "digraph \"{}\" {{", escape(&picture.brief));
    // newrank ranks the whole graph at once rather than cluster by cluster:
    // the older ranking fails ("trouble in init_rank") on some maps whose
    // edges cross between hypotheses' clusters, the bundled brief among them.
    let _ = writeln!(
        out,
        "  graph [rankdir=BT, newrank=true, labelloc=t, fontname=\"Helvetica\", label=\"{}\\n{}\", rights=\"{}\"];",
        escape(&picture.title),
        escape(&picture.rights),
        escape(&picture.rights)
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=10, style=filled];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8];\n");
    let node_line = |i: usize| -> String {
        let n = &picture.nodes[i];
        let (fill, stroke) = colours(n.kind);
        let label: Vec<String> = n.lines.iter().map(|l| escape(l)).collect();
        format!(
            "\"{}\" [label=\"{}\", tooltip=\"{}\", shape={}, style=\"{}\", fillcolor=\"{fill}\", color=\"{stroke}\", class=\"{}\", URL=\"{}\"];\n",
            n.id,
            label.join("\\n"),
            escape(&n.text),
            shape(n.kind),
            if n.kind == Kind::Hypothesis {
                "rounded,filled,bold"
            } else {
                "filled"
            },
            n.kind,
            escape(&n.iri)
        )
    };
    for (gi, group) in picture.groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph \"cluster_{}\" {{", group.id);
        let _ = writeln!(
            out,
            "    label=\"{}\"; style=\"rounded,dashed\"; color=\"#1565c0\"; fontname=\"Helvetica\";",
            escape(&format!("hypothesis {}", group.key))
        );
        for (i, n) in picture.nodes.iter().enumerate() {
            if n.group == Some(gi) {
                out.push_str("    ");
                out.push_str(&node_line(i));
            }
        }
        out.push_str("  }\n");
    }
    for (i, n) in picture.nodes.iter().enumerate() {
        if n.group.is_none() {
            out.push_str("  ");
            out.push_str(&node_line(i));
        }
    }
    for e in &picture.edges {
        let style = e.style();
        let colour = edge_colour(style);
        let attrs = match style {
            EdgeStyle::Support => format!(
                "color=\"{colour}\", arrowhead=normal, penwidth={}",
                if e.strong { 2.5 } else { 1.2 }
            ),
            EdgeStyle::Attack => format!(
                "color=\"{colour}\", style=dashed, arrowhead=tee, penwidth={}",
                if e.strong { 2.5 } else { 1.2 }
            ),
            EdgeStyle::Relation => format!(
                "color=\"{colour}\", style=dotted, arrowhead=vee, label=\"{}\", fontcolor=\"{colour}\"",
                e.kind
            ),
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [{attrs}, class=\"{}\"];",
            picture.nodes[e.from].id, picture.nodes[e.to].id, e.kind
        );
    }
    out.push_str("}\n");
    out
}

/// Text for a `//` comment: on one line.
fn escape_comment(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_quotes_backslashes_and_newlines() {
        assert_eq!(super::escape("a \"b\" \\N\nc"), "a \\\"b\\\" \\\\N\\nc");
    }
}
