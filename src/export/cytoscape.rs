//! Cytoscape.js JSON (`elements` with `nodes` and `edges`, and a stylesheet): node kinds as classes, support and attack as edge classes, each hypothesis's support tree as a compound parent node.

use serde_json::{Value, json};

use super::place::place;
use super::{EdgeStyle, Picture, colours, edge_colour};
use crate::read::node::Kind;

/// The picture as Cytoscape.js JSON, ready for `cytoscape({ ...json })` or `cy.json(json)`.
/// Group (compound) nodes have `kind: "group"`; every other node element is a node of the map,
/// with the `position` argmap's own layout gives it (the `preset` layout) and its box's
/// `width` and `height` in `data`, so that the file opens laid out as the SVG is.
pub fn write(picture: &Picture) -> Value {
    let placed = place(picture);
    let mut nodes: Vec<Value> = picture
        .groups
        .iter()
        .map(|g| {
            json!({
                "data": {"id": g.id, "kind": "group", "label": format!("hypothesis {}", g.key), "hypothesis": g.key},
                "classes": "group"
            })
        })
        .collect();
    for (i, n) in picture.nodes.iter().enumerate() {
        let (x, y) = placed.layout.centres[i];
        let (width, height) = placed.sizes[i];
        let mut data = json!({
            "id": n.id,
            "kind": n.kind.as_str(),
            "key": n.key,
            "iri": n.iri,
            "label": n.lines.join("\n"),
            "text": n.text,
            "width": width,
            "height": height,
        });
        let status = n.status.as_ref().map(|s| s.local_name().to_string());
        let fields = [("status", &status), ("hedge", &n.hedge), ("date", &n.date)];
        for (k, v) in fields {
            if let Some(v) = v {
                data[k] = json!(v);
            }
        }
        if let Some(g) = n.group {
            data["parent"] = json!(picture.groups[g].id);
        }
        nodes.push(json!({"data": data, "classes": n.kind.as_str(), "position": {"x": x, "y": y}}));
    }
    let edges: Vec<Value> = picture
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let class = match e.style() {
                EdgeStyle::Support => "supports",
                EdgeStyle::Attack => "opposes",
                EdgeStyle::Relation => "relation",
            };
            json!({
                "data": {
                    "id": format!("e{i}"),
                    "source": picture.nodes[e.from].id,
                    "target": picture.nodes[e.to].id,
                    "kind": e.kind.as_str(),
                    "strong": e.strong,
                },
                "classes": if e.strong { format!("{class} strong") } else { class.to_string() }
            })
        })
        .collect();
    let mut style = vec![
        json!({"selector": "node", "style": {"label": "data(label)", "text-wrap": "wrap", "text-valign": "center", "font-size": 10, "shape": "round-rectangle", "border-width": 1}}),
        json!({"selector": "node[width]", "style": {"width": "data(width)", "height": "data(height)"}}),
        json!({"selector": "node.group", "style": {"text-valign": "top", "text-halign": "center", "padding": "12px", "background-color": "#f7fbff", "border-color": "#1565c0", "border-style": "dashed"}}),
        json!({"selector": "edge", "style": {"curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.3}}),
        json!({"selector": "edge.strong", "style": {"width": 2.5}}),
        json!({"selector": "edge.opposes", "style": {"line-style": "dashed", "target-arrow-shape": "tee"}}),
        json!({"selector": "edge.relation", "style": {"line-style": "dotted", "label": "data(kind)", "font-size": 8}}),
    ];
    for (kind, shape) in [
        (Kind::Question, "hexagon"),
        (Kind::Hypothesis, "round-rectangle"),
        (Kind::Claim, "rectangle"),
        (Kind::Evidence, "tag"),
        (Kind::Source, "barrel"),
        (Kind::Actor, "ellipse"),
        (Kind::Event, "octagon"),
    ] {
        let (fill, stroke) = colours(kind);
        style.push(json!({"selector": format!("node.{kind}"), "style": {"shape": shape, "background-color": fill, "border-color": stroke}}));
    }
    for (class, s) in [
        ("supports", EdgeStyle::Support),
        ("opposes", EdgeStyle::Attack),
        ("relation", EdgeStyle::Relation),
    ] {
        let c = edge_colour(s);
        style.push(json!({"selector": format!("edge.{class}"), "style": {"line-color": c, "target-arrow-color": c}}));
    }
    json!({
        "format_version": "1.0",
        "generated_by": "argmap",
        "target_cytoscapejs_version": "~3",
        "data": {"name": picture.title, "brief": picture.brief, "rights": picture.rights},
        "elements": {"nodes": nodes, "edges": edges},
        "layout": {"name": "preset", "fit": true, "padding": 30},
        "style": style,
    })
}
