//! Compiling what an imported map holds beyond argmap's own model: AIF's scheme nodes, dialogue layer, edges and records, and Argdown's sections and premise-conclusion structures.

use oxigraph::model::NamedNode;

use super::{Compiler, count, iri, plain, term};
use crate::map::model::*;
use crate::vocab::*;

impl Compiler<'_> {
    /// The AIF scheme nodes and the dialogue layer of an imported map.
    pub(super) fn interchange(&mut self) {
        let (map, iris, brief) = (self.map, self.iris, self.brief.clone());
        let x = &map.interchange;
        let prop_iri = |i: usize| {
            let p = &map.propositions[i];
            iri(iris.node(&map.id, p.kind.as_str(), &p.key))
        };
        let scheme_iri = |i: usize| iri(iris.node(&map.id, "scheme", &x.schemes[i].key));
        let dialogue_iri = |i: usize| iri(iris.node(&map.id, "dialogue", &x.dialogue[i].key));
        let endpoint = |e: &Endpoint| match *e {
            Endpoint::Proposition(i) => prop_iri(i),
            Endpoint::Scheme(i) => scheme_iri(i),
            Endpoint::Dialogue(i) => dialogue_iri(i),
        };
        for (i, id) in x.proposition_ids.iter().enumerate() {
            self.add(&prop_iri(i), DCTERMS, "identifier", plain(id));
        }
        for (i, s) in x.schemes.iter().enumerate() {
            let node = scheme_iri(i);
            let class = match s.kind {
                SchemeKind::Inference => "Inference",
                SchemeKind::Conflict => "Conflict",
                SchemeKind::Rephrase => "Rephrase",
                SchemeKind::Preference => "Preference",
            };
            self.add(&node, RDF, "type", term(ARG, "SchemeNode"));
            self.add(&node, RDF, "type", term(ARG, class));
            self.add(&node, ARG, "key", plain(&s.key));
            self.add(&node, ARG, "inBrief", brief.clone().into());
            self.add(&node, DCTERMS, "identifier", plain(&s.original_id));
            self.add(&node, RDFS, "label", self.text(&s.text));
            if let Some(name) = &s.scheme {
                self.add(&node, ARG, "scheme", plain(name));
            }
            for p in &s.premises {
                self.add(&node, ARG, "hasPremise", endpoint(p).into());
            }
            for k in &s.conclusions {
                self.add(&node, ARG, "hasConclusion", endpoint(k).into());
            }
            // The direct edges, for queries that do not want to go through the node.
            for p in &s.premises {
                for k in &s.conclusions {
                    match (s.kind, p, k) {
                        (SchemeKind::Conflict, Endpoint::Proposition(_), Endpoint::Scheme(t))
                            if x.schemes[*t].kind == SchemeKind::Inference =>
                        {
                            self.add(&node, RDF, "type", term(ARG, "Undercut"));
                            self.add(&endpoint(p), ARG, "undercuts", endpoint(k).into());
                        }
                        (
                            SchemeKind::Rephrase,
                            Endpoint::Proposition(_),
                            Endpoint::Proposition(_),
                        ) => {
                            self.add(&endpoint(p), ARG, "rephrases", endpoint(k).into());
                        }
                        (SchemeKind::Preference, _, _) => {
                            self.add(&endpoint(p), ARG, "preferredTo", endpoint(k).into());
                        }
                        _ => {}
                    }
                }
            }
        }
        for (i, d) in x.dialogue.iter().enumerate() {
            let node = dialogue_iri(i);
            let class = match d.kind {
                DialogueKind::Locution => "Locution",
                DialogueKind::Transition => "Transition",
                DialogueKind::Illocution => "Illocution",
            };
            self.add(&node, RDF, "type", term(ARG, "DialogueNode"));
            self.add(&node, RDF, "type", term(ARG, class));
            self.add(&node, ARG, "key", plain(&d.key));
            self.add(&node, ARG, "inBrief", brief.clone().into());
            self.add(&node, DCTERMS, "identifier", plain(&d.original_id));
            self.add(&node, RDFS, "label", self.text(&d.text));
            if let Some(t) = &d.timestamp {
                self.add(&node, ARG, "timestamp", plain(t));
            }
            if let Some(s) = &d.speaker {
                self.add(&node, ARG, "speaker", plain(s));
            }
        }
        self.aif_records(&endpoint);
        for (from, to) in &x.dialogue_edges {
            self.add(&endpoint(from), ARG, "dialogueEdge", endpoint(to).into());
        }
        for a in &x.arguments {
            self.add(&prop_iri(*a), RDF, "type", term(ARG, "Argument"));
        }
        for (from, to, verb) in &x.other_relations {
            self.add(&prop_iri(*from), ARG, verb, prop_iri(*to).into());
        }
        for (p, property, value) in &x.annotations {
            self.add(&prop_iri(*p), ARG, property, self.text(value));
        }
        for (property, value) in &x.brief_annotations {
            self.add(&brief, ARG, property, plain(value));
        }
        self.sections_and_structures();
    }

    /// An imported document's sections (with their order, depth and
    /// nesting) and its premise-conclusion structures (each numbered
    /// statement a node with its position and role), so that they can be
    /// written back.
    fn sections_and_structures(&mut self) {
        let (map, iris) = (self.map, self.iris);
        let x = &map.interchange;
        let prop_iri = |i: usize| {
            let p = &map.propositions[i];
            iri(iris.node(&map.id, p.kind.as_str(), &p.key))
        };
        let section_iri = |i: usize| iri(iris.node(&map.id, "section", &format!("s{}", i + 1)));
        for (i, s) in x.sections.iter().enumerate() {
            let node = section_iri(i);
            self.add(&node, RDF, "type", term(ARG, "Section"));
            self.add(&node, RDFS, "label", self.text(&s.title));
            self.add(&node, ARG, "position", count(i + 1));
            self.add(&node, ARG, "level", count(s.level));
            if let Some(parent) = s.parent {
                self.add(&node, ARG, "parentSection", section_iri(parent).into());
            }
        }
        for (p, s) in &x.proposition_sections {
            self.add(&prop_iri(*p), ARG, "section", section_iri(*s).into());
        }
        for structure in &x.structures {
            let argument = prop_iri(structure.argument);
            for (n, item) in structure.items.iter().enumerate() {
                let node = iri(format!("{}/pcs/{}", argument.as_str(), n + 1));
                self.add(&node, ARG, "ofArgument", argument.clone().into());
                self.add(&node, ARG, "position", count(n + 1));
                self.add(&node, ARG, "statement", prop_iri(item.statement).into());
                self.add(&node, ARG, "stepRole", plain(item.role));
                if let Some(rule) = &item.rule {
                    self.add(&node, ARG, "inferenceRule", self.text(rule));
                }
                if let Some(data) = &item.data {
                    self.add(&node, ARG, "data", plain(data));
                }
            }
        }
    }

    /// What an AIF file holds beyond the meaning of its nodes, so that an
    /// export gives the file back: node facts (timestamps, scheme ids), every
    /// edge with its id, every locution record (and each further speaker of
    /// an L-node), and the participant records.
    fn aif_records(&mut self, endpoint: &dyn Fn(&Endpoint) -> NamedNode) {
        let (map, iris, brief) = (self.map, self.iris, self.brief.clone());
        let x = &map.interchange;
        for (node, property, value) in &x.node_facts {
            self.add(&endpoint(node), ARG, property, plain(value));
        }
        for (n, edge) in x.edges.iter().enumerate() {
            let node = iri(iris.node(&map.id, "edge", &(n + 1).to_string()));
            self.add(&node, ARG, "edgeFrom", endpoint(&edge.from).into());
            self.add(&node, ARG, "edgeTo", endpoint(&edge.to).into());
            if let Some(id) = &edge.id {
                self.add(&node, DCTERMS, "identifier", plain(id));
            }
        }
        for l in &x.locutions {
            let node = endpoint(&Endpoint::Dialogue(l.node));
            self.add(&node, ARG, "locution", plain(&l.record));
            // The first speaker is the node's own; the others are added here.
            if let Some(s) = l
                .speaker
                .as_ref()
                .filter(|s| x.dialogue[l.node].speaker.as_ref() != Some(*s))
            {
                self.add(&node, ARG, "speaker", plain(s));
            }
        }
        for p in &x.participants {
            self.add(&brief, ARG, "participantRecord", plain(p));
        }
    }
}
