//! The actors: each person, organisation and state the brief names, its kinds and role, its links to other knowledge bases, and what names it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::{Places, passage_link};
use crate::read::graph::GraphNode;
use crate::read::node::EdgeKind;
use crate::render::escape;
use crate::report::Report;

pub(super) fn write_actors(out: &mut String, report: &Report, places: &Places) {
    out.push_str(
        "<section id=\"actors\" aria-labelledby=\"actors-h\">\n<h2 id=\"actors-h\">Actors</h2>\n",
    );
    if report.actors.is_empty() {
        out.push_str("<p>The map names no actor.</p>\n</section>\n");
        return;
    }
    let nodes: HashMap<&str, &GraphNode> = report
        .graph
        .nodes
        .iter()
        .map(|n| (n.iri.as_str(), n))
        .collect();
    out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"actors-c\"><table class=\"actors\"><caption id=\"actors-c\">The people, organisations and states the brief names, and their links to other knowledge bases</caption><thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Kind</th><th scope=\"col\">Role</th><th scope=\"col\">Links to other knowledge bases</th><th scope=\"col\">Named in</th></tr></thead><tbody>");
    for a in &report.actors {
        let id = places
            .index
            .get(&a.iri)
            .map(|i| format!(" id=\"c{i}\""))
            .unwrap_or_default();
        let links = if a.links.is_empty() {
            "<span class=\"none\">no links recorded</span>".to_string()
        } else {
            a.links
                .iter()
                .map(|l| {
                    format!(
                        "<a href=\"{}\" rel=\"external noreferrer\">{}</a>",
                        escape(l),
                        escape(l)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        // What names the actor, grouped by how: what it said, took part in, is mentioned in.
        let mut named: BTreeMap<u8, (&str, Vec<String>)> = BTreeMap::new();
        for e in &report.graph.edges {
            let (rank, how) = match e.kind {
                EdgeKind::SaidBy => (0, "said"),
                EdgeKind::Participant => (1, "took part in"),
                EdgeKind::Mentions => (2, "mentioned in"),
                _ => continue,
            };
            if e.to != a.iri {
                continue;
            }
            let Some(n) = nodes.get(e.from.as_str()) else {
                continue;
            };
            let entry = match places
                .passage_href(&n.iri)
                .or_else(|| places.home.get(&n.iri).map(|h| format!("#{h}")))
            {
                Some(href) => format!(
                    "<a href=\"{href}\" aria-label=\"{} {}\">{}</a>",
                    n.kind,
                    escape(&n.key),
                    escape(&n.key)
                ),
                None => escape(&n.key),
            };
            let list = &mut named.entry(rank).or_insert((how, Vec::new())).1;
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        let named: Vec<String> = named
            .into_values()
            .map(|(how, list)| format!("<strong>{how}</strong> {}", list.join(", ")))
            .collect();
        let _ = write!(
            out,
            "<tr{id}><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{links}</td><td>{}</td></tr>",
            passage_link(places, &a.iri, &a.text),
            escape(&a.kinds.join(", ")),
            escape(a.role.as_deref().unwrap_or("")),
            if named.is_empty() {
                "—".to_string()
            } else {
                named.join("; ")
            }
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}
