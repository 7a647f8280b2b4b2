//! Ids and references: every node's id collected and checked once, each reference resolved to an index, and the IRIs that link a node to other knowledge bases.

use std::collections::{BTreeMap, HashMap};

use super::Checker;
use crate::map::diagnostic::nearest;
use crate::map::parse::{RawMap, Str};

/// The ids of each kind of node, for resolving references.
#[derive(Default)]
pub(super) struct Ids {
    pub questions: HashMap<String, usize>,
    pub propositions: HashMap<String, usize>,
    pub sources: HashMap<String, usize>,
    pub actors: HashMap<String, usize>,
    pub events: HashMap<String, usize>,
}

impl Checker<'_> {
    /// Indexes every id of the map by kind, checking that each is a valid
    /// id and that no two questions or propositions share one. Actors,
    /// sources and events have ids of their own kind, which may repeat a
    /// proposition's.
    pub(super) fn collect_ids(&mut self, raw: &RawMap) -> Ids {
        let mut ids = Ids::default();
        let mut seen: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut index = |checker: &mut Self,
                         map: &mut HashMap<String, usize>,
                         key: &Str,
                         i: usize,
                         kind: &'static str,
                         shared: bool| {
            checker.slug(key, kind);
            if !shared {
                if let Some(other) = seen.get(key.get_ref()) {
                    checker.error(
                        key,
                        format!("`{}` names both a {other} and a {kind}", key.get_ref()),
                        "give each question, hypothesis, claim and item of evidence its own id",
                    );
                }
                seen.insert(key.get_ref().clone(), kind);
            }
            map.insert(key.get_ref().clone(), i);
        };
        for (i, (k, _)) in raw.questions.iter().enumerate() {
            index(self, &mut ids.questions, k, i, "question", false);
        }
        let propositions = raw
            .hypotheses
            .iter()
            .map(|(k, _)| (k, "hypothesis"))
            .chain(raw.claims.iter().map(|(k, _)| (k, "claim")))
            .chain(raw.evidence.iter().map(|(k, _)| (k, "evidence")));
        for (i, (k, kind)) in propositions.enumerate() {
            index(self, &mut ids.propositions, k, i, kind, false);
        }
        for (i, (k, _)) in raw.sources.iter().enumerate() {
            index(self, &mut ids.sources, k, i, "source", true);
        }
        for (i, (k, _)) in raw.actors.iter().enumerate() {
            index(self, &mut ids.actors, k, i, "actor", true);
        }
        for (i, (k, _)) in raw.events.iter().enumerate() {
            index(self, &mut ids.events, k, i, "event", true);
        }
        ids
    }

    /// Reports an id that is not lower-case letters, digits and `-`, because
    /// ids become parts of IRIs.
    pub(super) fn slug(&mut self, id: &Str, what: &str) {
        let s = id.get_ref();
        if !is_slug(s) {
            self.error(
                id,
                format!("`{s}` is not a valid {what} id"),
                "ids are lower-case letters a-z, digits and `-`, and do not start with `-`",
            );
        }
    }

    /// The index of the node that `reference` (the value of `key`) names
    /// among `ids`, the ids of one `kind`; an error with the nearest id
    /// when there is none.
    pub(super) fn resolve(
        &mut self,
        reference: &Str,
        ids: &HashMap<String, usize>,
        key: &str,
        kind: &str,
    ) -> Option<usize> {
        if let Some(&i) = ids.get(reference.get_ref()) {
            return Some(i);
        }
        let known: Vec<&str> = ids.keys().map(String::as_str).collect();
        let help = match nearest(reference.get_ref(), &known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "define `[{}.{}]`, or name an existing {kind}",
                kind.split(' ').next().unwrap_or(kind),
                reference.get_ref()
            ),
        };
        self.error(
            reference,
            format!(
                "`{key}` names `{}`, but there is no {kind} of that id",
                reference.get_ref()
            ),
            help,
        );
        None
    }

    /// A shared node's own IRI (`iri`) and its links to other knowledge
    /// bases, each of which must be a full IRI (not a prefixed name, which
    /// would parse as one with the prefix as its scheme).
    pub(super) fn links(
        &mut self,
        iri: &Option<Str>,
        links: &[Str],
    ) -> (Option<String>, Vec<String>) {
        let valid = |checker: &mut Self, s: &Str| -> Option<String> {
            match oxigraph::model::NamedNode::new(s.get_ref()) {
                Ok(_) if prefixed_name(s.get_ref()) => {
                    checker.error(
                        s,
                        format!("`{}` is a prefixed name, not an IRI", s.get_ref()),
                        "write the full IRI, e.g. http://www.wikidata.org/entity/Q… for wd:Q…",
                    );
                    None
                }
                Ok(_) => Some(s.get_ref().clone()),
                Err(e) => {
                    checker.error(
                        s,
                        format!("`{}` is not an IRI: {e}", s.get_ref()),
                        "write a full IRI such as http://www.wikidata.org/entity/Q…",
                    );
                    None
                }
            }
        };
        let iri = iri.as_ref().and_then(|i| valid(self, i));
        let links = links.iter().filter_map(|l| valid(self, l)).collect();
        (iri, links)
    }
}

/// Whether `text`, which parses as an IRI, is a prefixed name written for
/// one (`wd:Q423`): its scheme is a prefix other knowledge bases use and
/// it has no `//`.
fn prefixed_name(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "wd", "wdt", "dbr", "dbo", "dbpedia", "schema", "skos", "rdfs", "owl", "foaf", "viaf",
        "isni", "orcid", "geonames", "gnd", "lcnaf", "ex", "arg",
    ];
    match text.split_once(':') {
        Some((scheme, rest)) => {
            PREFIXES.contains(&scheme.to_ascii_lowercase().as_str()) && !rest.starts_with("//")
        }
        None => false,
    }
}

/// Whether `s` is a valid id: lower-case letters, digits and `-`, not
/// starting with `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}
