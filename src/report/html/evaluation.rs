//! Which arguments stand: the grounded verdict on each hypothesis with the attacker that defeats it, and the other arguments rejected or left undecided.

use std::fmt::Write as _;

use super::Places;
use crate::evaluate::{Evaluation, Label};
use crate::render::escape;
use crate::report::Report;

pub(super) fn write_evaluation(out: &mut String, report: &Report, places: &Places) {
    out.push_str("<section id=\"evaluation\" aria-labelledby=\"evaluation-h\">\n<h2 id=\"evaluation-h\">Which arguments stand</h2>\n");
    let e = &report.evaluation;
    let f = &e.framework;
    let _ = writeln!(
        out,
        "<p>Dung's grounded semantics over the map's {} attacks (oppositions, strong or not, and undercuts): {} of {} arguments stand, {} are defeated and {} are left undecided. <code>argmap evaluate --semantics preferred</code> or <code>stable</code> gives the other semantics.</p>",
        f.attack_list.len(),
        e.count(Label::In),
        f.len(),
        e.count(Label::Out),
        e.count(Label::Undecided)
    );
    out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"evaluation-c\"><table class=\"evaluation\"><caption id=\"evaluation-c\">Each hypothesis's verdict, and the attackers behind it</caption><thead><tr><th scope=\"col\">Hypothesis</th><th scope=\"col\">Verdict</th><th scope=\"col\">Why</th></tr></thead><tbody>");
    for a in (0..f.len()).filter(|&a| f.arguments[a].is_hypothesis()) {
        let verdict = match e.labels[a] {
            Label::In => "accepted",
            Label::Out => "rejected",
            Label::Undecided => "undecided",
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"verdict-{verdict}\">{verdict}</td><td>{}</td></tr>",
            link(e, places, a),
            why(e, places, a)
        );
    }
    out.push_str("</tbody></table></div>\n");
    let others: Vec<usize> = (0..f.len())
        .filter(|&a| !f.arguments[a].is_hypothesis() && e.labels[a] != Label::In)
        .collect();
    if others.is_empty() {
        out.push_str("<p>Every other argument stands.</p>\n");
    } else {
        out.push_str(
            "<h3>Other arguments that do not stand</h3>\n<ul class=\"evaluation-others\">",
        );
        for a in others {
            let _ = write!(
                out,
                "<li>{} {} — {}: {}</li>",
                f.arguments[a].kind(),
                link(e, places, a),
                e.labels[a].as_str(),
                why(e, places, a)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// The argument's name, linked to where the page describes it.
fn link(e: &Evaluation, places: &Places, a: usize) -> String {
    let argument = &e.framework.arguments[a];
    let name = format!("<code>{}</code>", escape(&argument.name));
    match argument.iri.as_ref().and_then(|i| places.home.get(i)) {
        Some(home) => format!("<a href=\"#{}\">{name}</a>", escape(home)),
        None => name,
    }
}

/// Why the argument has its label, in words.
fn why(e: &Evaluation, places: &Places, a: usize) -> String {
    let f = &e.framework;
    let list = |ids: &[usize]| {
        ids.iter()
            .map(|&z| format!("{} {}", f.arguments[z].kind(), link(e, places, z)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match e.labels[a] {
        Label::In if f.attackers(a).is_empty() => "nothing attacks it".to_string(),
        Label::In => format!(
            "every attacker is defeated ({})",
            list(
                &f.attackers(a)
                    .iter()
                    .map(|&z| z as usize)
                    .collect::<Vec<_>>()
            )
        ),
        Label::Out => format!("defeated by {}", list(&e.defeated_by[a])),
        Label::Undecided => {
            let live: Vec<usize> = f
                .attackers(a)
                .iter()
                .map(|&z| z as usize)
                .filter(|&z| e.labels[z] != Label::Out)
                .collect();
            format!(
                "attacked by {}, itself undecided (a cycle of attacks)",
                list(&live)
            )
        }
    }
}
