//! The timeline: the brief's dated events, earliest first, with inferred and approximate dates marked.

use std::fmt::Write as _;

use super::{Places, passage_link};
use crate::render::escape;
use crate::report::Report;

pub(super) fn write_timeline(out: &mut String, report: &Report, places: &Places) {
    out.push_str("<section id=\"timeline\" aria-labelledby=\"timeline-h\">\n<h2 id=\"timeline-h\">Timeline</h2>\n");
    if report.events.is_empty() {
        out.push_str("<p>The map records no dated event.</p>\n</section>\n");
        return;
    }
    out.push_str("<ol class=\"timeline\">");
    for e in &report.events {
        let id = places
            .index
            .get(&e.iri)
            .map(|i| format!(" id=\"e{i}\""))
            .unwrap_or_default();
        let mut flags = Vec::new();
        if e.inferred {
            flags.push("date inferred by the analyst");
        }
        if e.approximate {
            flags.push("approximate");
        }
        // An open interval (`1991/..`) reads as what it says: from then on.
        let when = match e.when.strip_suffix("/..") {
            Some(start) => format!("from {start} on"),
            None => e.when.clone(),
        };
        let _ = write!(
            out,
            "<li{id}><span class=\"when\">{}</span> {}{}</li>",
            escape(&when),
            passage_link(places, &e.iri, &e.text),
            if flags.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"node-facts\">({})</span>", flags.join(", "))
            }
        );
    }
    out.push_str("</ol>\n</section>\n");
}
