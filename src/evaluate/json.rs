//! An evaluation as stable JSON (format `argmap-evaluate/1`): counts, extensions, the hypotheses by verdict, and every argument with its label and reasons.

use serde_json::{Value, json};

use super::{Evaluation, Label};
use crate::vocab::Iris;

/// Every evaluation as one JSON document.
pub fn to_json(evaluations: &[Evaluation], iris: &Iris) -> Value {
    json!({
        "format": "argmap-evaluate/1",
        "evaluations": evaluations.iter().map(|e| one(e, iris)).collect::<Vec<_>>(),
    })
}

fn one(e: &Evaluation, iris: &Iris) -> Value {
    let f = &e.framework;
    let name = |a: usize| f.arguments[a].name.clone();
    let names = |list: &[usize]| list.iter().map(|&a| name(a)).collect::<Vec<_>>();
    let hypotheses = |label: Label| {
        (0..f.len())
            .filter(|&a| f.arguments[a].is_hypothesis() && e.labels[a] == label)
            .map(name)
            .collect::<Vec<_>>()
    };
    let arguments: Vec<Value> = (0..f.len())
        .map(|a| {
            let argument = &f.arguments[a];
            let attackers: Vec<usize> = f.attackers(a).iter().map(|&z| z as usize).collect();
            json!({
                "name": argument.name,
                "kind": argument.kind(),
                "iri": argument.iri,
                "text": argument.text,
                "label": e.labels[a].as_str(),
                "credulous": e.credulous(a),
                "defeated_by": names(&e.defeated_by[a]),
                "attacked_by": names(&attackers),
            })
        })
        .collect();
    json!({
        "brief": e.brief.as_ref().map(|b| b.id.clone()),
        "graph": e.brief.as_ref().map(|b| iris.evaluation_graph(&b.id)),
        "semantics": e.semantics.as_str(),
        "evaluated_at": e.when,
        "counts": {
            "arguments": f.len(),
            "attacks": f.attack_list.len(),
            "in": e.count(Label::In),
            "out": e.count(Label::Out),
            "undecided": e.count(Label::Undecided),
        },
        "extensions": e.extensions.as_ref().map(|exts| exts.iter().map(|x| names(x)).collect::<Vec<_>>()),
        "hypotheses": {
            "accepted": hypotheses(Label::In),
            "rejected": hypotheses(Label::Out),
            "undecided": hypotheses(Label::Undecided),
        },
        "arguments": arguments,
    })
}
