//! SVG without Graphviz: the picture laid out by [`super::place`], one shape per node (its kind's shape and colours), support and attack edges styled apart, each hypothesis's support tree boxed.

use std::fmt::Write as _;

use super::layout::Layout;
use super::place::{LINE_HEIGHT, Placed, place};
use super::{EdgeStyle, Picture, colours, edge_colour};
use crate::read::node::Kind;
use crate::render::escape;

/// Lays the picture out and writes it as a standalone SVG document.
pub fn write(picture: &Picture) -> String {
    write_linked(picture, &|_| None)
}

/// Lays the picture out and writes it as SVG, each node whose `link` gives
/// a fragment (`#…`) drawn as a link to it: an SVG `<a>` is focusable and
/// follows its link on Enter, so a page that embeds the drawing can be
/// walked with the keyboard.
pub fn write_linked(picture: &Picture, link: &dyn Fn(&super::PicNode) -> Option<String>) -> String {
    let Placed {
        sizes,
        band,
        layout,
    } = place(picture);
    // Nodes are written in reading order — the questions (drawn on top),
    // then band by band (each hypothesis's tree, then what the trees
    // share), top to bottom, left to right — so that Tab walks the drawing
    // the way an eye does.
    let reading_band = |i: usize| match picture.nodes[i].kind {
        Kind::Question => 0,
        _ => band[i] + 1,
    };
    let mut order: Vec<usize> = (0..picture.nodes.len()).collect();
    order.sort_by(|&a, &b| {
        reading_band(a)
            .cmp(&reading_band(b))
            .then(layout.centres[a].1.total_cmp(&layout.centres[b].1))
            .then(layout.centres[a].0.total_cmp(&layout.centres[b].0))
    });
    let drawing = Drawing {
        picture,
        sizes: &sizes,
        layout: &layout,
    };
    let mut out = String::new();
    drawing.open(&mut out);
    drawing.groups(&mut out);
    drawing.edges(&mut out);
    for &i in &order {
        drawing.node(&mut out, i, link);
    }
    drawing.close(&mut out);
    out
}

/// A laid-out picture, written part by part: the document and its
/// markers, the group boxes (first, so that they lie behind the rest), the
/// edges, the nodes, and the rights line.
struct Drawing<'a> {
    picture: &'a Picture,
    sizes: &'a [(f64, f64)],
    layout: &'a Layout,
}

impl Drawing<'_> {
    fn height(&self) -> f64 {
        self.layout.height + 20.0
    }

    /// The XML declaration, the `<svg>` element, the title and the arrow markers.
    fn open(&self, out: &mut String) {
        let (width, height) = (self.layout.width.max(320.0), self.height());
        let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
        );
        let _ = writeln!(out, "<title>{}</title>", escape(&self.picture.title));
        let _ = writeln!(out, "<desc>{}</desc>", escape(&self.picture.rights));
        out.push_str("<defs>\n");
        for (id, style) in [
            ("supports", EdgeStyle::Support),
            ("opposes", EdgeStyle::Attack),
            ("relation", EdgeStyle::Relation),
        ] {
            let c = edge_colour(style);
            let path = if style == EdgeStyle::Attack {
                "M0,0 L0,10 L2,10 L2,0 Z"
            } else {
                "M0,0 L10,5 L0,10 Z"
            };
            let _ = writeln!(
                out,
                r#"<marker id="arrow-{id}" viewBox="0 0 10 10" refX="{}" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="{path}" fill="{c}"/></marker>"#,
                if style == EdgeStyle::Attack { 2 } else { 10 }
            );
        }
        out.push_str("</defs>\n");
        let _ = writeln!(
            out,
            r#"<text class="heading" x="{}" y="24" font-size="14" font-weight="bold">{}</text>"#,
            super::layout::MARGIN,
            escape(&self.picture.title)
        );
    }

    /// A dashed box around each hypothesis's support tree, as tall as its
    /// members and as wide as its band.
    fn groups(&self, out: &mut String) {
        let (picture, layout, sizes) = (self.picture, self.layout, self.sizes);
        for (gi, group) in picture.groups.iter().enumerate() {
            let members: Vec<usize> = (0..picture.nodes.len())
                .filter(|&i| picture.nodes[i].group == Some(gi))
                .collect();
            if members.is_empty() {
                continue;
            }
            let top = members
                .iter()
                .map(|&i| layout.centres[i].1 - sizes[i].1 / 2.0)
                .fold(f64::INFINITY, f64::min);
            let bottom = members
                .iter()
                .map(|&i| layout.centres[i].1 + sizes[i].1 / 2.0)
                .fold(f64::NEG_INFINITY, f64::max);
            let (left, w) = layout.bands[gi];
            let _ = writeln!(
                out,
                r##"<g class="group" id="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="#f7fbff" stroke="#1565c0" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" fill="#1565c0">{}</text></g>"##,
                group.id,
                left - 12.0,
                top - 30.0,
                w + 24.0,
                bottom - top + 42.0,
                left - 4.0,
                top - 14.0,
                escape(&format!("hypothesis {}", group.key))
            );
        }
    }

    /// Each edge as a curve from the facing side of one node to the other's.
    fn edges(&self, out: &mut String) {
        for e in &self.picture.edges {
            let style = e.style();
            let ((fx, fy), (tx, ty)) = (self.layout.centres[e.from], self.layout.centres[e.to]);
            let (fh, th) = (self.sizes[e.from].1 / 2.0, self.sizes[e.to].1 / 2.0);
            let (y1, y2) = if fy > ty {
                (fy - fh, ty + th)
            } else if fy < ty {
                (fy + fh, ty - th)
            } else {
                (fy, ty)
            };
            let mid = (y1 + y2) / 2.0;
            let (class, dash, width) = match style {
                EdgeStyle::Support => ("supports", "", if e.strong { 2.5 } else { 1.3 }),
                EdgeStyle::Attack => (
                    "opposes",
                    r#" stroke-dasharray="6 3""#,
                    if e.strong { 2.5 } else { 1.3 },
                ),
                EdgeStyle::Relation => ("relation", r#" stroke-dasharray="2 3""#, 1.0),
            };
            let _ = writeln!(
                out,
                r#"<path class="edge {class} {}" d="M{fx:.1},{y1:.1} C{fx:.1},{mid:.1} {tx:.1},{mid:.1} {tx:.1},{y2:.1}" fill="none" stroke="{}" stroke-width="{width}"{dash} marker-end="url(#arrow-{class})"><title>{}</title></path>"#,
                e.kind,
                edge_colour(style),
                e.kind
            );
        }
    }

    /// Node `i`: its shape and label, inside a link when `link` gives one.
    fn node(&self, out: &mut String, i: usize, link: &dyn Fn(&super::PicNode) -> Option<String>) {
        let n = &self.picture.nodes[i];
        let (cx, cy) = self.layout.centres[i];
        let (open, close) = match link(n) {
            Some(h) => (format!(r#"a href="{}""#, escape(&h)), "a"),
            None => ("g".to_string(), "g"),
        };
        let _ = write!(
            out,
            r#"<{open} class="node {}" id="{}" data-iri="{}"><title>{}</title>{}<text x="{cx:.1}" y="{:.1}" text-anchor="middle">"#,
            n.kind,
            n.id,
            escape(&n.iri),
            escape(&n.text),
            self.shape(i),
            cy - (n.lines.len() as f64 - 1.0) * LINE_HEIGHT / 2.0 + 4.0
        );
        for (li, line) in n.lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<tspan x="{cx:.1}" dy="{}">{}</tspan>"#,
                if li == 0 { 0.0 } else { LINE_HEIGHT },
                escape(line)
            );
        }
        let _ = writeln!(out, "</text></{close}>");
    }

    /// The shape of node `i`'s kind, in its colours.
    fn shape(&self, i: usize) -> String {
        let n = &self.picture.nodes[i];
        let (cx, cy) = self.layout.centres[i];
        let (w, h) = self.sizes[i];
        let (fill, stroke) = colours(n.kind);
        let paint = format!(r#"fill="{fill}" stroke="{stroke}""#);
        let (x, y) = (cx - w / 2.0, cy - h / 2.0);
        match n.kind {
            Kind::Question => {
                let d = 12.0;
                format!(
                    r#"<polygon points="{:.1},{cy:.1} {:.1},{y:.1} {:.1},{y:.1} {:.1},{cy:.1} {:.1},{:.1} {:.1},{:.1}" {paint}/>"#,
                    x,
                    x + d,
                    x + w - d,
                    x + w,
                    x + w - d,
                    y + h,
                    x + d,
                    y + h
                )
            }
            Kind::Hypothesis => format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="12" {paint} stroke-width="2"/>"#
            ),
            Kind::Evidence => {
                let d = 10.0;
                format!(
                    r#"<polygon points="{x:.1},{y:.1} {:.1},{y:.1} {:.1},{:.1} {:.1},{:.1} {x:.1},{:.1}" {paint}/>"#,
                    x + w - d,
                    x + w,
                    y + d,
                    x + w,
                    y + h,
                    y + h
                )
            }
            Kind::Source | Kind::Actor => format!(
                r#"<ellipse cx="{cx:.1}" cy="{cy:.1}" rx="{:.1}" ry="{:.1}" {paint}/>"#,
                w / 2.0,
                h / 2.0
            ),
            Kind::Claim => format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="2" {paint}/>"#
            ),
            Kind::Event => format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="6" {paint} stroke-dasharray="4 2"/>"#
            ),
        }
    }

    /// The rights line at the foot, and the end of the document.
    fn close(&self, out: &mut String) {
        let _ = writeln!(
            out,
            r##"<text class="rights" x="{}" y="{:.0}" fill="#666">{}</text>"##,
            super::layout::MARGIN,
            self.height() - 12.0,
            escape(&self.picture.rights)
        );
        out.push_str("</svg>\n");
    }
}
