//! Mermaid flowcharts that render on a Markdown page: node kinds as shapes and classes, support and attack as link styles, each hypothesis's support tree as a subgraph.

use std::fmt::Write as _;

use super::{EdgeStyle, Picture, colours, edge_colour};
use crate::read::node::Kind;

/// A quoted Mermaid label's content: the characters Mermaid or its HTML
/// labels would read as syntax become entity codes (`#quot;`, `#lt;`, …).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: Kind, label: &str) -> String {
    match kind {
        Kind::Question => format!("{{{{\"{label}\"}}}}"),
        Kind::Hypothesis => format!("([\"{label}\"])"),
        Kind::Claim => format!("[\"{label}\"]"),
        Kind::Evidence => format!("[/\"{label}\"/]"),
        Kind::Source => format!("[(\"{label}\")]"),
        Kind::Actor => format!("((\"{label}\"))"),
        Kind::Event => format!("{{\"{label}\"}}"),
    }
}

/// The picture as a Mermaid `flowchart`, supported nodes above their support.
pub fn write(picture: &Picture) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "%% {}", comment(&picture.title));
    let _ = writeln!(out, "%% rights: {}", comment(&picture.rights));
    out.push_str("flowchart BT\n");
    for kind in Kind::ALL {
        let (fill, stroke) = colours(kind);
        let _ = writeln!(
            out,
            "  classDef {kind} fill:{fill},stroke:{stroke},color:#000"
        );
    }
    let node = |i: usize| -> String {
        let n = &picture.nodes[i];
        let label: Vec<String> = n.lines.iter().map(|l| escape(l)).collect();
        format!(
            "{}{}:::{}\n",
            n.id,
            shape(n.kind, &label.join("<br/>")),
            n.kind
        )
    };
    for (gi, group) in picture.groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            group.id,
            escape(&format!("hypothesis {}", group.key))
        );
        for (i, n) in picture.nodes.iter().enumerate() {
            if n.group == Some(gi) {
                out.push_str("    ");
                out.push_str(&node(i));
            }
        }
        out.push_str("  end\n");
    }
    for (i, n) in picture.nodes.iter().enumerate() {
        if n.group.is_none() {
            out.push_str("  ");
            out.push_str(&node(i));
        }
    }
    let mut styles: [(EdgeStyle, Vec<usize>); 3] = [
        (EdgeStyle::Support, Vec::new()),
        (EdgeStyle::Attack, Vec::new()),
        (EdgeStyle::Relation, Vec::new()),
    ];
    for (i, e) in picture.edges.iter().enumerate() {
        let style = e.style();
        let arrow = match (style, e.strong) {
            (EdgeStyle::Support, false) => "-->".to_string(),
            (EdgeStyle::Support, true) => "==>".to_string(),
            (EdgeStyle::Attack, false) => "--x".to_string(),
            (EdgeStyle::Attack, true) => "==x".to_string(),
            (EdgeStyle::Relation, _) => format!("-.->|{}|", e.kind),
        };
        let _ = writeln!(
            out,
            "  {} {arrow} {}",
            picture.nodes[e.from].id, picture.nodes[e.to].id
        );
        if let Some((_, list)) = styles.iter_mut().find(|(s, _)| *s == style) {
            list.push(i);
        }
    }
    for (style, list) in &styles {
        if list.is_empty() {
            continue;
        }
        let ids: Vec<String> = list.iter().map(usize::to_string).collect();
        let dash = if *style == EdgeStyle::Attack {
            ",stroke-dasharray:5 3"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{}{dash}",
            ids.join(","),
            edge_colour(*style)
        );
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` safe inside a `%%` comment line: on one line, without control
/// characters, and with no `%%` left in it. Mermaid reads directives
/// (`%%{init: …}%%`) anywhere in a diagram before it drops comments, so a
/// title holding one would restyle or break the drawing; a space is put
/// between two percent signs, which no directive survives.
fn comment(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars().filter(|c| !c.is_control()) {
        if c == '%' && out.ends_with('%') {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_comment_holds_no_directive_and_no_line_break() {
        assert_eq!(
            super::comment("a\r\nb\u{2028}c\u{7} %%{init: {}}%%%"),
            "a b c % %{init: {}}% % %"
        );
    }

    #[test]
    fn escapes_mermaid_syntax() {
        assert_eq!(
            super::escape("a \"b\" <c> & #d"),
            "a #quot;b#quot; #lt;c#gt; #amp; #35;d"
        );
    }
}
