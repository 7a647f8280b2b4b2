//! An evaluation as RDF: each argument's label and defeaters in the brief's evaluation graph, with the semantics and date as provenance.

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use super::framework::Role;
use super::{Evaluation, Label};
use crate::vocab::{ARG, Iris, PROV};

/// The graph an evaluation of brief `id` is written to.
pub fn evaluation_graph(iris: &Iris, id: &str) -> NamedNode {
    NamedNode::new_unchecked(iris.evaluation_graph(id))
}

/// The quads of `evaluation` (of a brief) in its evaluation graph: the
/// graph `prov:wasGeneratedBy` an `arg:Evaluation` with its
/// `arg:semantics`, `prov:used` (the brief's graph) and
/// `prov:endedAtTime`; each argument's `arg:label` (`"in"`, `"out"`,
/// `"undecided"`), its `arg:defeatedBy` attackers, and under preferred
/// and stable semantics `arg:credulouslyAccepted`; each inference an
/// undercut attacks as an `arg:InferenceStep` with its `arg:stepPremise`
/// and `arg:stepConclusion`.
pub fn evaluation_quads(iris: &Iris, evaluation: &Evaluation) -> Vec<Quad> {
    let Some(brief) = &evaluation.brief else {
        return Vec::new();
    };
    let graph = evaluation_graph(iris, &brief.id);
    let name = GraphName::NamedNode(graph.clone());
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: Term| {
        quads.push(Quad::new(s.clone(), p, o, name.clone()));
    };
    let arg = |local: &str| NamedNode::new_unchecked(format!("{ARG}{local}"));
    let prov = |local: &str| NamedNode::new_unchecked(format!("{PROV}{local}"));
    let activity = NamedNode::new_unchecked(format!("{}/evaluation", brief.iri));
    add(&graph, prov("wasGeneratedBy"), activity.clone().into());
    add(&activity, rdf::TYPE.into_owned(), arg("Evaluation").into());
    add(&activity, rdf::TYPE.into_owned(), prov("Activity").into());
    add(
        &activity,
        arg("semantics"),
        Literal::new_simple_literal(evaluation.semantics.as_str()).into(),
    );
    add(
        &activity,
        prov("used"),
        NamedNode::new_unchecked(&brief.graph).into(),
    );
    add(
        &activity,
        prov("endedAtTime"),
        Literal::new_typed_literal(&evaluation.when, xsd::DATE_TIME).into(),
    );
    if let Some(exts) = &evaluation.extensions {
        add(
            &activity,
            arg("extensionCount"),
            Literal::from(exts.len() as i64).into(),
        );
    }
    let f = &evaluation.framework;
    let iri_of = |a: usize| f.arguments[a].iri.as_deref().map(NamedNode::new_unchecked);
    for (a, argument) in f.arguments.iter().enumerate() {
        let Some(node) = iri_of(a) else { continue };
        let label = evaluation.labels[a];
        add(
            &node,
            arg("label"),
            Literal::new_simple_literal(label.as_str()).into(),
        );
        if label == Label::Out {
            for &z in &evaluation.defeated_by[a] {
                if let Some(by) = iri_of(z) {
                    add(&node, arg("defeatedBy"), by.into());
                }
            }
        }
        if evaluation.extensions.is_some() {
            add(
                &node,
                arg("credulouslyAccepted"),
                Literal::from(evaluation.credulous(a)).into(),
            );
        }
        if let Role::Inference {
            premise,
            conclusion,
        } = argument.role
        {
            add(&node, rdf::TYPE.into_owned(), arg("InferenceStep").into());
            if let Some(p) = iri_of(premise) {
                add(&node, arg("stepPremise"), p.into());
            }
            if let Some(c) = iri_of(conclusion) {
                add(&node, arg("stepConclusion"), c.into());
            }
        }
    }
    quads
}
