//! The links a dataset makes about the store's entities (`skos:exactMatch`, `owl:sameAs`), for `argmap link --import`.

use std::collections::BTreeSet;

use oxigraph::model::{NamedOrBlankNode, Quad, Term};

use crate::link::entity::Entity;
use crate::link::provenance::LinkRecord;
use crate::vocab::SKOS;

const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";

/// The links of `quads` whose subject or object is one of `entities`,
/// each pair once, in the order the dataset gives them, with the entity
/// first whichever way the dataset wrote it (a link is symmetric); and how
/// many links were about other things.
pub fn imported_links(quads: &[Quad], entities: &[Entity]) -> (Vec<LinkRecord>, usize) {
    let known: BTreeSet<&str> = entities.iter().map(|e| e.iri.as_str()).collect();
    let exact_match = format!("{SKOS}exactMatch");
    let mut seen = BTreeSet::new();
    let mut links = Vec::new();
    let mut elsewhere = 0;
    for q in quads {
        let predicate = q.predicate.as_str();
        if predicate != exact_match && predicate != OWL_SAME_AS {
            continue;
        }
        let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&q.subject, &q.object) else {
            continue;
        };
        let (entity, target) = if known.contains(s.as_str()) {
            (s, o)
        } else if known.contains(o.as_str()) {
            (o, s)
        } else {
            elsewhere += 1;
            continue;
        };
        if seen.insert((entity.as_str(), target.as_str())) {
            links.push(LinkRecord {
                entity: entity.as_str().to_string(),
                target: target.as_str().to_string(),
                score: None,
                matched: None,
            });
        }
    }
    (links, elsewhere)
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{GraphName, NamedNode};

    use super::*;

    fn quad(s: &str, p: &str, o: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            NamedNode::new_unchecked(o),
            GraphName::DefaultGraph,
        )
    }

    #[test]
    fn links_either_way_round_each_once() {
        let entities = [Entity {
            iri: "urn:mine".into(),
            ..Entity::default()
        }];
        let exact = format!("{SKOS}exactMatch");
        let quads = [
            quad("urn:mine", &exact, "urn:theirs"),
            quad("urn:theirs", OWL_SAME_AS, "urn:mine"),
            quad("urn:other", &exact, "urn:else"),
            quad("urn:mine", "urn:unrelated", "urn:x"),
        ];
        let (links, elsewhere) = imported_links(&quads, &entities);
        assert_eq!(links.len(), 1);
        assert_eq!(
            (links[0].entity.as_str(), links[0].target.as_str()),
            ("urn:mine", "urn:theirs")
        );
        assert_eq!(elsewhere, 1);
    }
}
