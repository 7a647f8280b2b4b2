//! The argument map: the brief's picture drawn as inline SVG whose nodes link to their passages, cut to questions, hypotheses and claims past the map limit.

use std::fmt::Write as _;

use super::Places;
use crate::export::{self, PictureOptions, Selection, svg};
use crate::read::node::Kind;
use crate::report::{Options, Report};

pub(super) fn write_map(out: &mut String, report: &Report, places: &Places, options: &Options) {
    out.push_str(
        "<section id=\"map\" aria-labelledby=\"map-h\">\n<h2 id=\"map-h\">Argument map</h2>\n",
    );
    let selection = Selection {
        graph: report.graph.clone(),
        focus: None,
    };
    let mut picture = export::picture(&selection, PictureOptions::default());
    let total = picture.nodes.len();
    if total > options.map_limit {
        let mut graph = report.graph.clone();
        graph
            .nodes
            .retain(|n| matches!(n.kind, Kind::Question | Kind::Hypothesis | Kind::Claim));
        picture = export::picture(&Selection { graph, focus: None }, PictureOptions::default());
        if picture.nodes.len() > options.map_limit {
            let _ = writeln!(
                out,
                "<p class=\"notice\">The map is not drawn: this brief has {total} nodes, and even its {} questions, hypotheses and claims are more than a readable drawing holds ({}). The support trees, the text and the matrix below show every node.</p>\n</section>",
                picture.nodes.len(),
                options.map_limit
            );
            return;
        }
        let _ = writeln!(
            out,
            "<p class=\"notice\">This brief has {total} nodes, more than a readable drawing holds ({}): the map shows its {} questions, hypotheses and claims only. The evidence, sources, actors and events are in the support trees, the text, the matrix, the timeline and the list of actors below.</p>",
            options.map_limit,
            picture.nodes.len()
        );
    }
    out.push_str("<p class=\"screen-only\">Select a node (click it, or Tab to it and press Enter) to see the passage of the text it quotes.</p>\n");
    out.push_str(LEGEND);
    let drawing = svg::write_linked(&picture, &|n| places.passage_href(&n.iri));
    // The drawing goes inline: no XML declaration inside HTML.
    let drawing = drawing
        .split_once('\n')
        .filter(|(first, _)| first.starts_with("<?xml"))
        .map_or(drawing.as_str(), |(_, rest)| rest);
    let drawing = drawing.replacen("<svg ", "<svg role=\"group\" aria-labelledby=\"map-h\" ", 1);
    // The button is hidden until the page's script shows it: without
    // script it could do nothing, and the map fits its frame anyway.
    out.push_str("<p class=\"map-tools screen-only\"><button type=\"button\" class=\"zoom\" aria-controls=\"map-frame\" aria-pressed=\"false\" hidden>Full size (drag or scroll to pan)</button></p>\n");
    let _ = writeln!(
        out,
        "<div class=\"map\" id=\"map-frame\" tabindex=\"0\" role=\"region\" aria-label=\"Argument map\">\n{drawing}</div>\n</section>"
    );
}

const LEGEND: &str = "<ul class=\"legend\" aria-label=\"Legend\">\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"32\" height=\"12\" rx=\"6\" fill=\"#e3f2fd\" stroke=\"#1565c0\" stroke-width=\"2\"/></svg> hypothesis (rounded box)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"32\" height=\"12\" rx=\"1\" fill=\"#f5f5f5\" stroke=\"#424242\"/></svg> claim (box)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><polygon points=\"1,1 27,1 33,7 33,13 1,13\" fill=\"#e8f5e9\" stroke=\"#2e7d32\"/></svg> evidence (cut corner)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><polygon points=\"1,7 7,1 27,1 33,7 27,13 7,13\" fill=\"#fff3e0\" stroke=\"#e65100\"/></svg> question (hexagon)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><ellipse cx=\"17\" cy=\"7\" rx=\"16\" ry=\"6\" fill=\"#fffde7\" stroke=\"#f9a825\"/></svg> source (oval)</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"26\" y2=\"7\" stroke=\"#2e7d32\" stroke-width=\"2\"/><path d=\"M24,2 L33,7 L24,12 Z\" fill=\"#2e7d32\"/></svg> supports: solid line, arrow head</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"30\" y2=\"7\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/><rect x=\"30\" y=\"1\" width=\"3\" height=\"12\" fill=\"#c62828\"/></svg> opposes: dashed line, bar head</li>\
<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"33\" y2=\"7\" stroke=\"#757575\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/></svg> other link (answers, source, said by …): dotted</li>\
</ul>\n";
