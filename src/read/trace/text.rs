//! The trace as text: for each brief, each question's hypotheses with their band, support and tree, then a summary table.

use std::fmt::Write as _;

use super::summary::support_text;
use super::{BriefTrace, ConclusionOrigin, HypothesisTrace, Likelihood, TraceNode};
use crate::render::table;

/// The trace as a readable tree per hypothesis, then a summary table.
pub fn to_text(traces: &[BriefTrace]) -> String {
    let mut out = String::new();
    for (i, t) in traces.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "Brief {}: {}", t.brief.id, t.brief.title);
        let _ = writeln!(out, "Rights: {}", t.brief.rights);
        let mut question: Option<&str> = None;
        for h in &t.hypotheses {
            if question != Some(h.question.key.as_str()) {
                question = Some(&h.question.key);
                write_question(&mut out, h);
            }
            write_hypothesis(&mut out, h);
        }
        write_other_conclusions(
            &mut out,
            &t.other_conclusions,
            &t.other_conclusions_one_origin,
        );
        write_summary(&mut out, t);
    }
    out
}

fn write_question(out: &mut String, h: &HypothesisTrace) {
    let _ = writeln!(out, "\nQuestion {}: {}", h.question.key, h.question.text);
    let note = if h.question.exclusive {
        "Its hypotheses exclude each other."
    } else {
        "Its hypotheses are complementary readings: their support is compared below, and no ranking is implied."
    };
    let _ = writeln!(out, "  {note}");
}

fn write_hypothesis(out: &mut String, h: &HypothesisTrace) {
    let _ = writeln!(out, "\nHypothesis {}: {}", h.key, h.text);
    let _ = writeln!(
        out,
        "  likelihood: {}    confidence: {}    support: {}",
        likelihood_words(h),
        h.confidence.as_deref().unwrap_or("not stated"),
        support_text(&h.summary)
    );
    if let Some(w) = &h.hedge_vs_support {
        let _ = writeln!(out, "  ! {w}");
    }
    write_rigour(out, h, "  ");
    if let Some(q) = &h.quote {
        let _ = writeln!(
            out,
            "  quote [{}..{}): \"{}\"",
            q.start,
            q.end,
            one_line(&q.text)
        );
    }
    write_branches(out, &h.supported_by, &h.opposed_by, "  ");
    if h.supported_by.is_empty() && h.opposed_by.is_empty() {
        let _ = writeln!(out, "  (nothing in the map supports or opposes it)");
    }
}

/// The origins behind the evidence, the origins items share, and the
/// assumptions the tree rests on.
fn write_rigour(out: &mut String, h: &HypothesisTrace, indent: &str) {
    if h.summary.evidence > 0 {
        let _ = writeln!(
            out,
            "{indent}origins: {} behind {} evidence item{}",
            h.summary.origins,
            h.summary.evidence,
            if h.summary.evidence == 1 { "" } else { "s" }
        );
    }
    for shared in &h.one_origin {
        let _ = writeln!(
            out,
            "{indent}! apparent corroboration from one origin: {} ({})",
            shared.origin.label,
            shared.items.join(", ")
        );
    }
    for a in &h.assumptions {
        if a.unsupported() {
            let _ = writeln!(
                out,
                "{indent}! rests on an unsupported assumption: {} \"{}\" (under {})",
                a.key,
                one_line(&a.text),
                a.underlies
            );
        } else {
            let _ = writeln!(
                out,
                "{indent}assumes ({}): {} \"{}\" (under {})",
                a.confidence,
                a.key,
                one_line(&a.text),
                a.underlies
            );
        }
    }
}

fn write_other_conclusions(
    out: &mut String,
    conclusions: &[TraceNode],
    shared: &[ConclusionOrigin],
) {
    if conclusions.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nOther conclusions of the brief (not linked to a hypothesis)"
    );
    for (k, n) in conclusions.iter().enumerate() {
        write_node(out, n, "  ", k + 1 == conclusions.len(), "conclusion:");
    }
    for c in shared {
        let _ = writeln!(
            out,
            "  ! {}: apparent corroboration from one origin: {} ({})",
            c.conclusion,
            c.shared.origin.label,
            c.shared.items.join(", ")
        );
    }
}

fn write_summary(out: &mut String, t: &BriefTrace) {
    let _ = writeln!(out, "\nSummary of {}", t.brief.id);
    let rows: Vec<Vec<String>> = t
        .hypotheses
        .iter()
        .map(|h| {
            vec![
                h.key.clone(),
                h.hedge
                    .as_deref()
                    .map(|x| format!("\"{x}\""))
                    .unwrap_or_else(|| "—".into()),
                band(h).unwrap_or_else(|| "—".into()),
                h.confidence.clone().unwrap_or_else(|| "—".into()),
                h.summary.strength.to_string(),
                h.summary.evidence.to_string(),
                h.summary.sources.to_string(),
                h.summary.origins.to_string(),
                h.summary.depth.to_string(),
                h.summary.opposing.to_string(),
            ]
        })
        .collect();
    let header = [
        "hypothesis",
        "author's hedge",
        "band (scale)",
        "confidence",
        "support",
        "evidence",
        "sources",
        "origins",
        "depth",
        "opposing",
    ];
    out.push_str(&table(&header, &rows));
    write_scales(out, t);
    for h in &t.hypotheses {
        if let Some(w) = &h.hedge_vs_support {
            let _ = writeln!(out, "! {}: {w}", h.key);
        }
        for shared in &h.one_origin {
            let _ = writeln!(
                out,
                "! {}: apparent corroboration from one origin: {} ({} items)",
                h.key,
                shared.origin.label,
                shared.items.len()
            );
        }
        for a in h.assumptions.iter().filter(|a| a.unsupported()) {
            let _ = writeln!(
                out,
                "! {}: rests on an unsupported assumption: {}",
                h.key, a.key
            );
        }
    }
}

/// The author's hedge as written, then the band argmap reads it as and the
/// scale the band comes from: the words are the author's, the numbers are
/// not.
fn likelihood_words(h: &HypothesisTrace) -> String {
    match (h.hedge.as_deref(), band(h)) {
        (Some(hedge), Some(band)) => format!("the author's \"{hedge}\", read as {band}"),
        (Some(hedge), None) => format!("the author's \"{hedge}\""),
        (None, _) => "no hedge".into(),
    }
}

/// The band of a hypothesis's hedge and the scale it comes from.
fn band(h: &HypothesisTrace) -> Option<String> {
    match &h.likelihood {
        Some(Likelihood {
            low: Some(l),
            high: Some(hi),
            scale,
            ..
        }) => Some(format!("{:.0}–{:.0} % ({scale})", l * 100.0, hi * 100.0)),
        Some(Likelihood { scale, .. }) => Some(format!("no band ({scale})")),
        None => None,
    }
}

/// Under the summary table: which scale each band came from, since the
/// author wrote words, not numbers, and rarely on one scale.
fn write_scales(out: &mut String, t: &BriefTrace) {
    let mut scales: Vec<&str> = t
        .hypotheses
        .iter()
        .filter_map(|h| h.likelihood.as_ref().map(|l| l.scale.as_str()))
        .collect();
    scales.sort_unstable();
    scales.dedup();
    if scales.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "The hedges are the author's words; each band is argmap's reading of them, from the scale named:"
    );
    for scale in scales {
        let what = match scale {
            "ICD 203" => "the US intelligence community's standard terms (ICD 203)",
            "survey" => {
                "words outside every official scale, as readers understand them (CAPphrase survey)"
            }
            "capability" => "a word of capability: it says what is possible, not how likely",
            _ => "the map's own [hedges] table",
        };
        let _ = writeln!(out, "  {scale}: {what}");
    }
    let _ = writeln!(
        out,
        "A map's [hedges] table may override any band (see the README's hedge table)."
    );
}

/// The supporters, then the attackers, of a node, as branches under `indent`.
fn write_branches(
    out: &mut String,
    supported_by: &[TraceNode],
    opposed_by: &[TraceNode],
    indent: &str,
) {
    write_all(out, supported_by, opposed_by, &[], indent);
}

/// The branches under node `n`: its supporters, its attackers, then what
/// undercuts the inference from `n` to its parent.
fn write_children(out: &mut String, n: &TraceNode, indent: &str) {
    write_all(out, &n.supported_by, &n.opposed_by, &n.undercut_by, indent);
}

fn write_all(
    out: &mut String,
    supported_by: &[TraceNode],
    opposed_by: &[TraceNode],
    undercut_by: &[TraceNode],
    indent: &str,
) {
    let count = supported_by.len() + opposed_by.len() + undercut_by.len();
    let branches = supported_by
        .iter()
        .map(|n| (n, "supported by"))
        .chain(opposed_by.iter().map(|n| (n, "opposed by")))
        .chain(undercut_by.iter().map(|n| (n, "its inference undercut by")));
    for (k, (n, relation)) in branches.enumerate() {
        write_node(out, n, indent, k + 1 == count, relation);
    }
}

fn write_node(out: &mut String, n: &TraceNode, indent: &str, last: bool, relation: &str) {
    let branch = if last { "└─ " } else { "├─ " };
    let strong = if n.strong { "strongly " } else { "" };
    // The mapper's own links are told apart from the author's on the line
    // that draws them, so that no reader takes one for the other.
    let analyst = if n.analyst_link {
        " (analyst's link)"
    } else {
        ""
    };
    if n.repeat {
        let _ = writeln!(
            out,
            "{indent}{branch}{strong}{relation}{analyst} {} {}: shown above",
            n.kind, n.key
        );
        return;
    }
    let _ = writeln!(
        out,
        "{indent}{branch}{strong}{relation}{analyst} {} {}: {}",
        n.kind, n.key, n.text
    );
    let child_indent = format!("{indent}{}", if last { "   " } else { "│  " });
    let _ = writeln!(out, "{child_indent}  ({})", facts(n).join("; "));
    if let Some(q) = &n.quote {
        let _ = writeln!(
            out,
            "{child_indent}  quote [{}..{}): \"{}\"",
            q.start,
            q.end,
            one_line(&q.text)
        );
    }
    write_children(out, n, &child_indent);
}

/// What a tree shows in brackets under a node: status, hedge, who said it,
/// the source and its grade, the date.
fn facts(n: &TraceNode) -> Vec<String> {
    let mut facts = vec![n.status.word()];
    if let Some(h) = &n.hedge {
        facts.push(format!("hedge \"{h}\""));
    }
    if let Some(s) = &n.said_by {
        facts.push(format!("said by {s}"));
    }
    if let Some(s) = &n.source {
        let grade = match (&s.reliability, s.credibility) {
            (Some(r), Some(c)) => format!(" [{r}{c}]"),
            (Some(r), None) => format!(" [{r}]"),
            (None, Some(c)) => format!(" [{c}]"),
            (None, None) => String::new(),
        };
        facts.push(format!("source: {}{grade}", s.title));
    }
    if let Some(d) = &n.date {
        // An open interval reads as what it says: from then on.
        let d = match d.strip_suffix("/..") {
            Some(start) => format!("from {start} on"),
            None => d.clone(),
        };
        facts.push(format!(
            "date {d}{}",
            if n.date_inferred { " (inferred)" } else { "" }
        ));
    }
    facts
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
