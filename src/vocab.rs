//! The IRIs argmap writes: its own terms, the standards it aligns with, and the data IRIs made from ids.

/// argmap's ontology terms.
pub const ARG: &str = "https://w3id.org/argmap/ns#";
/// The ontology itself, which is also the name of the graph it is loaded into.
pub const ONTOLOGY: &str = "https://w3id.org/argmap/ns";
/// The default base of data IRIs; `--base` changes it.
pub const DEFAULT_BASE: &str = "https://w3id.org/argmap/kb/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SCHEMA: &str = "https://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const AIF: &str = "http://www.arg.tech/aif#";
pub const AMO: &str = "http://purl.org/spar/amo/";

/// The prefixes used in output and in the named queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("arg", ARG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("oa", OA),
    ("prov", PROV),
    ("dcterms", DCTERMS),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("aif", AIF),
    ("amo", AMO),
];

/// The data IRIs of one knowledge base, made from its base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Iris {
            base: DEFAULT_BASE.to_string(),
        }
    }
}

impl Iris {
    /// IRIs under `base`, which should end with `/` or `#`.
    pub fn new(base: &str) -> Iris {
        Iris {
            base: base.to_string(),
        }
    }

    /// The base.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The named graph that holds a brief.
    pub fn graph(&self, brief: &str) -> String {
        format!("{}graph/{brief}", self.base)
    }

    /// The named graph that holds the labels `argmap evaluate` gave a brief's arguments.
    pub fn evaluation_graph(&self, brief: &str) -> String {
        format!("{}graph/evaluation/{brief}", self.base)
    }

    /// The brief as a document.
    pub fn brief(&self, brief: &str) -> String {
        format!("{}brief/{brief}", self.base)
    }

    /// A question, hypothesis, claim or item of evidence of a brief.
    pub fn node(&self, brief: &str, kind: &str, key: &str) -> String {
        format!("{}brief/{brief}/{kind}/{key}", self.base)
    }

    /// A support or attack between two propositions of a brief.
    pub fn relation(&self, brief: &str, kind: &str, from: &str, to: &str) -> String {
        format!("{}brief/{brief}/{kind}/{from}/{to}", self.base)
    }

    /// A passage left unmapped, by its position in the map.
    pub fn unmapped(&self, brief: &str, index: usize) -> String {
        format!("{}brief/{brief}/unmapped/{}", self.base, index + 1)
    }

    /// An actor, source or event: shared by every brief that names it.
    pub fn shared(&self, kind: &str, key: &str) -> String {
        format!("{}{kind}/{key}", self.base)
    }
}
