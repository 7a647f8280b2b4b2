//! An evaluation as text: the counts, the verdict on each hypothesis with its reason, then the other arguments rejected or left undecided.

use std::fmt::Write as _;

use super::{Evaluation, Label};

/// How many extensions the text lists before it says how many more there are.
const SHOWN_EXTENSIONS: usize = 10;

/// Every evaluation as readable text.
pub fn to_text(evaluations: &[Evaluation]) -> String {
    let mut out = String::new();
    for (i, e) in evaluations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_one(&mut out, e);
    }
    out
}

fn write_one(out: &mut String, e: &Evaluation) {
    let f = &e.framework;
    let name = |a: usize| f.arguments[a].name.as_str();
    let what = match &e.brief {
        Some(b) => format!("brief {}", b.id),
        None => "framework".to_string(),
    };
    let undercuts = f
        .arguments
        .iter()
        .filter(|a| a.kind() == "inference")
        .count();
    let _ = writeln!(
        out,
        "{what} — {} semantics: {} arguments, {} attacks ({undercuts} on inferences)",
        e.semantics.as_str(),
        f.len(),
        f.attack_list.len()
    );
    let _ = writeln!(
        out,
        "  in {} · out {} · undecided {}",
        e.count(Label::In),
        e.count(Label::Out),
        e.count(Label::Undecided)
    );
    if let Some(exts) = &e.extensions {
        write_extensions(out, e, exts);
    }
    let hypotheses: Vec<usize> = (0..f.len())
        .filter(|&a| f.arguments[a].is_hypothesis())
        .collect();
    if !hypotheses.is_empty() {
        out.push_str("\nHypotheses\n");
        for &h in &hypotheses {
            let verdict = match e.labels[h] {
                Label::In => "accepted ",
                Label::Out => "rejected ",
                Label::Undecided => "undecided",
            };
            let _ = writeln!(out, "  {verdict}  {}{}", name(h), reason(e, h));
        }
    }
    for (label, title) in [(Label::Out, "Out"), (Label::Undecided, "Undecided")] {
        let others: Vec<usize> = (0..f.len())
            .filter(|&a| e.labels[a] == label && !f.arguments[a].is_hypothesis())
            .collect();
        if others.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for a in others {
            let _ = writeln!(
                out,
                "  {} {}{}",
                f.arguments[a].kind(),
                name(a),
                reason(e, a)
            );
        }
    }
}

fn write_extensions(out: &mut String, e: &Evaluation, exts: &[Vec<usize>]) {
    let f = &e.framework;
    let semantics = e.semantics.as_str();
    if exts.is_empty() {
        let _ = writeln!(
            out,
            "  no {semantics} extension: every argument is undecided"
        );
        return;
    }
    let _ = writeln!(
        out,
        "  {} {semantics} extension{}:",
        exts.len(),
        if exts.len() == 1 { "" } else { "s" }
    );
    for ext in exts.iter().take(SHOWN_EXTENSIONS) {
        let names: Vec<&str> = ext.iter().map(|&a| f.arguments[a].name.as_str()).collect();
        let _ = writeln!(out, "    {{{}}}", names.join(", "));
    }
    if exts.len() > SHOWN_EXTENSIONS {
        let _ = writeln!(
            out,
            "    … and {} more (--format json lists them all)",
            exts.len() - SHOWN_EXTENSIONS
        );
    }
}

/// Why argument `a` has its label: the attackers that defeat it, or
/// those that keep it undecided.
fn reason(e: &Evaluation, a: usize) -> String {
    let f = &e.framework;
    let names = |list: &[usize]| {
        list.iter()
            .map(|&z| format!("{} ({})", f.arguments[z].name, f.arguments[z].kind()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match e.labels[a] {
        Label::In => String::new(),
        Label::Out => format!(" — defeated by {}", names(&e.defeated_by[a])),
        Label::Undecided => {
            let live: Vec<usize> = f
                .attackers(a)
                .iter()
                .map(|&z| z as usize)
                .filter(|&z| e.labels[z] != Label::Out)
                .collect();
            if live.is_empty() {
                return " — no stable extension decides it".to_string();
            }
            let credulous = if e.extensions.is_some() && e.credulous(a) {
                "; in some extensions"
            } else {
                ""
            };
            format!(
                " — attacked by {}, itself undecided{credulous}",
                names(&live)
            )
        }
    }
}
