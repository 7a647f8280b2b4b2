//! The trace as text: for each brief, each question's hypotheses with their band, support and tree, then a summary table.

use std::fmt::Write as _;

use super::summary::support_text;
use super::{BriefTrace, HypothesisTrace, Likelihood, TraceNode};
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
        write_other_conclusions(&mut out, &t.other_conclusions);
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
        likelihood_text(h),
        h.confidence.as_deref().unwrap_or("not stated"),
        support_text(&h.summary)
    );
    if let Some(w) = &h.hedge_vs_support {
        let _ = writeln!(out, "  ! {w}");
    }
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

fn write_other_conclusions(out: &mut String, conclusions: &[TraceNode]) {
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
}

fn write_summary(out: &mut String, t: &BriefTrace) {
    let _ = writeln!(out, "\nSummary of {}", t.brief.id);
    let rows: Vec<Vec<String>> = t
        .hypotheses
        .iter()
        .map(|h| {
            vec![
                h.key.clone(),
                likelihood_text(h),
                h.confidence.clone().unwrap_or_else(|| "—".into()),
                h.summary.strength.to_string(),
                h.summary.evidence.to_string(),
                h.summary.sources.to_string(),
                h.summary.depth.to_string(),
                h.summary.opposing.to_string(),
            ]
        })
        .collect();
    let header = [
        "hypothesis",
        "likelihood",
        "confidence",
        "support",
        "evidence",
        "sources",
        "depth",
        "opposing",
    ];
    out.push_str(&table(&header, &rows));
    for h in &t.hypotheses {
        if let Some(w) = &h.hedge_vs_support {
            let _ = writeln!(out, "! {}: {w}", h.key);
        }
    }
}

fn likelihood_text(h: &HypothesisTrace) -> String {
    let hedge = h
        .hedge
        .as_deref()
        .map(|x| format!("\"{x}\""))
        .unwrap_or_else(|| "no hedge".into());
    match &h.likelihood {
        Some(Likelihood {
            low: Some(l),
            high: Some(hi),
            scale,
            ..
        }) => {
            format!("{hedge} → {:.0}–{:.0} % ({scale})", l * 100.0, hi * 100.0)
        }
        Some(Likelihood { scale, .. }) => format!("{hedge} → no band ({scale})"),
        None => hedge,
    }
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
    let _ = writeln!(
        out,
        "{indent}{branch}{strong}{relation} {} {}: {}",
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
