//! What is linked: entities with their kinds and labels, read from the store (query `link-entities`) or from the quads of a dataset.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedOrBlankNode, Quad, Term};

use crate::Error;
use crate::sparql::Backend;
use crate::vocab::{ARG, SCHEMA};

/// What sort of thing an entity is, where its types say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Organisation,
    State,
    Place,
    Event,
    Source,
}

impl Kind {
    /// The kind a class IRI stands for, if argmap knows the class.
    pub fn of_class(class: &str) -> Option<Kind> {
        // argmap's own classes, schema.org, FOAF, the W3C organisation
        // ontology, and the Wikidata classes an `instance of` (wdt:P31)
        // commonly points to: human, country, sovereign state, organization.
        let local = class.rsplit(['#', '/']).next().unwrap_or(class);
        let wikidata = class.strip_prefix("http://www.wikidata.org/entity/");
        match wikidata {
            Some("Q5") => return Some(Kind::Person),
            Some("Q6256" | "Q3624078") => return Some(Kind::State),
            Some("Q43229") => return Some(Kind::Organisation),
            Some(_) => return None,
            None => {}
        }
        let known = class.starts_with(ARG)
            || class.starts_with(SCHEMA)
            || class.starts_with("http://schema.org/")
            || class.starts_with("http://xmlns.com/foaf/0.1/")
            || class.starts_with("http://www.w3.org/ns/org#")
            || class.starts_with("http://dbpedia.org/ontology/");
        if !known {
            return None;
        }
        Some(match local {
            "Person" => Kind::Person,
            "Organisation" | "Organization" | "FormalOrganization" | "GovernmentOrganization" => {
                Kind::Organisation
            }
            "State" | "Country" => Kind::State,
            "Place" | "City" | "AdministrativeArea" | "Location" => Kind::Place,
            "Event" => Kind::Event,
            "Source" | "CreativeWork" | "Document" | "Article" | "Report" => Kind::Source,
            _ => return None,
        })
    }

    /// The name shown in tables.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::State => "state",
            Kind::Place => "place",
            Kind::Event => "event",
            Kind::Source => "source",
        }
    }

    /// Whether an entity of kind `self` may be the same as one of `other`:
    /// the same kind, or a state and a place (a country is both).
    pub fn compatible(self, other: Kind) -> bool {
        self == other
            || matches!(
                (self, other),
                (Kind::State, Kind::Place) | (Kind::Place, Kind::State)
            )
    }
}

/// One label of an entity, and whether it is the preferred one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub text: String,
    pub preferred: bool,
}

/// An entity on either side: its IRI, what kinds it is, and its labels.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    pub iri: String,
    pub kinds: BTreeSet<Kind>,
    pub labels: Vec<Label>,
}

impl Entity {
    /// The label to show: the first preferred one, else the first.
    pub fn display(&self) -> &str {
        self.labels
            .iter()
            .find(|l| l.preferred)
            .or(self.labels.first())
            .map(|l| l.text.as_str())
            .unwrap_or("")
    }
}

/// The predicates whose values are labels; the first three are preferred.
pub const LABEL_PREDICATES: &[(&str, bool)] = &[
    ("http://www.w3.org/2000/01/rdf-schema#label", true),
    ("http://www.w3.org/2004/02/skos/core#prefLabel", true),
    ("https://schema.org/name", true),
    ("http://schema.org/name", true),
    ("http://www.w3.org/2004/02/skos/core#altLabel", false),
    ("https://schema.org/alternateName", false),
    ("http://schema.org/alternateName", false),
];

/// Predicates whose values are classes.
pub(crate) const TYPE_PREDICATES: &[&str] = &[
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.wikidata.org/prop/direct/P31",
];

/// The entities described by `quads` (any graph): every subject with a label.
pub fn entities_of(quads: &[Quad]) -> Vec<Entity> {
    let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
    for q in quads {
        let NamedOrBlankNode::NamedNode(subject) = &q.subject else {
            continue;
        };
        let predicate = q.predicate.as_str();
        if let Some((_, preferred)) = LABEL_PREDICATES.iter().find(|(p, _)| *p == predicate) {
            if let Term::Literal(l) = &q.object {
                let e = by_iri.entry(subject.as_str().to_string()).or_default();
                let label = Label {
                    text: l.value().to_string(),
                    preferred: *preferred,
                };
                if !e.labels.contains(&label) {
                    e.labels.push(label);
                }
            }
        } else if TYPE_PREDICATES.contains(&predicate) {
            if let Term::NamedNode(class) = &q.object {
                if let Some(kind) = Kind::of_class(class.as_str()) {
                    by_iri
                        .entry(subject.as_str().to_string())
                        .or_default()
                        .kinds
                        .insert(kind);
                }
            }
        }
    }
    into_entities(by_iri)
}

/// The store's linkable entities (query `link-entities`).
pub fn store_entities(backend: &dyn Backend) -> Result<Vec<Entity>, Error> {
    let query = crate::sparql::named_query("link-entities")
        .ok_or_else(|| Error::Internal("no query link-entities".into()))?;
    let rows = backend.select(query.text, &[])?;
    let column = |name: &str| {
        rows.column(name)
            .ok_or_else(|| Error::Internal(format!("link-entities gives no ?{name}")))
    };
    let (e, c, l, p) = (
        column("entity")?,
        column("class")?,
        column("label")?,
        column("preferred")?,
    );
    let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
    for row in &rows.rows {
        let (Some(Term::NamedNode(iri)), Some(Term::Literal(label))) = (&row[e], &row[l]) else {
            continue;
        };
        let entity = by_iri.entry(iri.as_str().to_string()).or_default();
        if let Some(Term::NamedNode(class)) = &row[c] {
            if let Some(kind) = Kind::of_class(class.as_str()) {
                entity.kinds.insert(kind);
            }
        }
        let preferred = matches!(&row[p], Some(Term::Literal(b)) if b.value() == "true");
        let label = Label {
            text: label.value().to_string(),
            preferred,
        };
        if !entity.labels.contains(&label) {
            entity.labels.push(label);
        }
    }
    Ok(into_entities(by_iri))
}

/// The entities gathered by IRI, each with its IRI set and its preferred
/// labels first; one with no label cannot be matched and is left out.
fn into_entities(by_iri: BTreeMap<String, Entity>) -> Vec<Entity> {
    by_iri
        .into_iter()
        .filter(|(_, e)| !e.labels.is_empty())
        .map(|(iri, mut e)| {
            e.iri = iri;
            e.labels.sort_by_key(|l| std::cmp::Reverse(l.preferred));
            e
        })
        .collect()
}
