//! The ontology built into the binary, as the quads of its own graph.

use std::collections::HashMap;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term};

use super::KnowledgeBase;
use crate::Error;
use crate::vocab::ONTOLOGY;

/// The ontology, built into the binary.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/argmap.ttl");

impl KnowledgeBase {
    /// The ontology's quads, in its own graph. Its blank nodes (OWL lists
    /// and unions) become skolem IRIs numbered in order of appearance, so
    /// that every load writes the same quads and dumps compare byte for byte.
    pub fn ontology_quads() -> Result<Vec<Quad>, Error> {
        let graph = NamedNode::new_unchecked(ONTOLOGY);
        let quads = RdfParser::from_format(RdfFormat::Turtle)
            .without_named_graphs()
            .with_default_graph(graph)
            .for_slice(ONTOLOGY_TTL.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Internal(format!("the built-in ontology does not parse: {e}")))?;
        let mut names: HashMap<String, NamedNode> = HashMap::new();
        let mut skolem = |b: &BlankNode| -> NamedNode {
            let next = names.len() + 1;
            names
                .entry(b.as_str().to_string())
                .or_insert_with(|| {
                    NamedNode::new_unchecked(format!("{ONTOLOGY}/.well-known/genid/{next}"))
                })
                .clone()
        };
        Ok(quads
            .into_iter()
            .map(|q| {
                let subject = match q.subject {
                    NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::NamedNode(skolem(&b)),
                    other => other,
                };
                let object = match q.object {
                    Term::BlankNode(b) => Term::NamedNode(skolem(&b)),
                    other => other,
                };
                Quad::new(subject, q.predicate, object, q.graph_name)
            })
            .collect())
    }
}
