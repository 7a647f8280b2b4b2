//! What the AIF and Argdown readers share: an empty map for a brief with no source text, claims, hypotheses, relations, warnings, and ids made safe for IRIs.

use std::path::Path;

use crate::map::diagnostic::Diagnostic;
use crate::map::model::{
    BriefMeta, Endpoint, Map, Proposition, PropositionKind, Question, Relation, RelationKind,
    SchemeKind, SchemeNode, Status,
};

/// The language tag of imported literals: the files do not say.
pub const UNKNOWN_LANGUAGE: &str = "und";

/// The default brief id for a file: its name without extension, as a slug.
pub fn default_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("imported");
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() { "imported".into() } else { id }
}

/// An id from a file, made a slug (as `arg:key` must be) and still unique:
/// runs of lower-case ASCII letters other than `x`, and digits, stay; every
/// other byte becomes a segment `x` and two hex digits; segments are joined
/// with `-`. `map7_D` becomes `map7-x5f-x44`; `277` stays `277`.
pub fn key_of(id: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut run = String::new();
    for b in id.bytes() {
        if (b.is_ascii_lowercase() && b != b'x') || b.is_ascii_digit() {
            run.push(b as char);
        } else {
            if !run.is_empty() {
                segments.push(std::mem::take(&mut run));
            }
            segments.push(format!("x{b:02x}"));
        }
    }
    if !run.is_empty() {
        segments.push(run);
    }
    if segments.is_empty() {
        return "x".into();
    }
    segments.join("-")
}

/// An empty map for a brief imported from `path`, which has no source text
/// of its own: language `und`, rights stated as unknown.
pub fn empty_map(path: &Path, id: &str, title: &str, format: &str) -> Map {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Map {
        id: id.to_string(),
        meta: BriefMeta {
            title: title.to_string(),
            authors: Vec::new(),
            publisher: None,
            series: None,
            number: None,
            date: None,
            language: UNKNOWN_LANGUAGE.into(),
            rights: format!("unknown: imported from {name} ({format}), which states no rights"),
            furniture: Vec::new(),
            mapped_by: format!("imported from {name} ({format})"),
            mapped_on: None,
            revises: None,
        },
        text: String::new(),
        questions: Vec::new(),
        propositions: Vec::new(),
        relations: Vec::new(),
        sources: Vec::new(),
        actors: Vec::new(),
        events: Vec::new(),
        ratings: Vec::new(),
        assumptions: Vec::new(),
        indicators: Vec::new(),
        unmapped: Vec::new(),
        interchange: Default::default(),
    }
}

/// A claim with `key` and `text` and nothing else known about it.
pub fn claim(key: String, text: String) -> Proposition {
    Proposition {
        kind: PropositionKind::Claim,
        key,
        text,
        quote: None,
        status: Status::Inference,
        hedge: None,
        said_by: None,
        source: None,
        date: None,
        mentions: Vec::new(),
        event: None,
        note: None,
    }
}

/// Turns proposition `index` of `map` into a hypothesis answering the
/// import's one question, which is added the first time.
pub fn make_hypothesis(map: &mut Map, index: usize) {
    if map.questions.is_empty() {
        map.questions.push(Question {
            key: "imported".into(),
            text: format!("What does {} put forward?", map.meta.title),
            quote: None,
            exclusive: false,
            note: Some("added on import: the file marks hypotheses but poses no question".into()),
        });
    }
    map.propositions[index].kind = PropositionKind::Hypothesis {
        question: 0,
        confidence: None,
    };
}

/// The relations an importer collected, as the model holds them: an
/// interchange format has no notion of a strong support or attack.
pub fn relations(found: std::collections::BTreeSet<(usize, usize, RelationKind)>) -> Vec<Relation> {
    found
        .into_iter()
        .map(|(from, to, kind)| Relation {
            from,
            to,
            kind,
            strong: false,
            analyst: false,
        })
        .collect()
}

/// A warning about `path` with no position.
pub fn warning(path: &Path, message: String, help: &str) -> Diagnostic {
    Diagnostic::warning(path, None, message).with_help(help)
}

/// argmap's own relations from an imported map's scheme nodes: one support
/// per premise and conclusion pair of an inference (AIF's RA, an Argdown
/// argument's inference step) between propositions, one attack per pair of
/// a conflict (CA). This is how `trace` and `matrix` follow inferences: the
/// premises of an inference support its conclusion. A scheme node whose
/// premise is its conclusion gives none, and a warning.
pub fn scheme_relations(
    path: &Path,
    schemes: &[SchemeNode],
    diagnostics: &mut Vec<Diagnostic>,
) -> std::collections::BTreeSet<(usize, usize, RelationKind)> {
    let mut relations = std::collections::BTreeSet::new();
    for node in schemes {
        let kind = match node.kind {
            SchemeKind::Inference => RelationKind::Support,
            SchemeKind::Conflict => RelationKind::Attack,
            _ => continue,
        };
        for p in &node.premises {
            for c in &node.conclusions {
                let (Endpoint::Proposition(from), Endpoint::Proposition(to)) = (p, c) else {
                    continue;
                };
                if from != to {
                    relations.insert((*from, *to, kind));
                    continue;
                }
                let name = node.kind.aif_type();
                let verb = match kind {
                    RelationKind::Support => "support",
                    RelationKind::Attack => "attack",
                };
                diagnostics.push(warning(
                    path,
                    format!(
                        "scheme node `{}` ({name}) has the same I-node as premise and conclusion: it would {verb} itself; that relation is left out",
                        node.original_id,
                    ),
                    "point the scheme node's edges at two different I-nodes",
                ));
            }
        }
    }
    relations
}
