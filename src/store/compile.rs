//! Compiling a checked map to RDF quads in the brief's own named graph.
//!
//! Compilation is deterministic: the same map gives the same quads in the
//! same order, and every date in the output comes from the map, never from
//! the clock. There are no blank nodes: annotations, selectors, relations
//! and likelihood bands get IRIs derived from their owner.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::map::anchor::Anchor;
use crate::map::date::{Date, Day};
use crate::map::model::*;
use crate::vocab::*;

mod interchange;
mod rigour;

/// Compiles `map` to quads, with data IRIs from `iris`.
///
/// The steps run in a fixed order, which is the order of the quads.
pub fn compile(map: &Map, iris: &Iris) -> Vec<Quad> {
    let mut c = Compiler {
        map,
        iris,
        graph: GraphName::NamedNode(NamedNode::new_unchecked(iris.graph(&map.id))),
        lang: map.meta.language.clone(),
        brief: iri(iris.brief(&map.id)),
        quads: Vec::new(),
    };
    c.brief();
    c.questions();
    c.propositions();
    c.relations();
    c.ratings();
    c.actors();
    c.sources();
    c.derivations();
    c.events();
    c.unmapped();
    c.assumptions();
    c.indicators();
    c.interchange();
    c.quads
}

/// The quads of one map as they are built, with what every step needs.
struct Compiler<'m> {
    map: &'m Map,
    iris: &'m Iris,
    /// The brief's named graph, which holds every quad.
    graph: GraphName,
    /// The map's language, the tag of every text literal.
    lang: String,
    /// The brief's IRI.
    brief: NamedNode,
    quads: Vec<Quad>,
}

impl Compiler<'_> {
    /// The brief itself: its metadata and its whole text.
    fn brief(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        let m = &map.meta;
        self.add(&brief, RDF, "type", term(ARG, "Brief"));
        self.add(&brief, ARG, "key", plain(&map.id));
        self.add(&brief, DCTERMS, "identifier", plain(&map.id));
        self.add(&brief, DCTERMS, "title", self.text(&m.title));
        self.add(&brief, DCTERMS, "rights", self.text(&m.rights));
        self.add(&brief, DCTERMS, "language", plain(&m.language));
        for a in &m.authors {
            let author = self.actor_iri(&map.actors[*a]);
            self.add(&brief, DCTERMS, "creator", author.into());
        }
        if let Some(p) = m.publisher {
            let publisher = self.actor_iri(&map.actors[p]);
            self.add(&brief, DCTERMS, "publisher", publisher.into());
        }
        if let Some(s) = &m.series {
            self.add(&brief, ARG, "series", plain(s));
        }
        if let Some(n) = &m.number {
            self.add(&brief, ARG, "number", plain(n));
        }
        if let Some(d) = &m.date {
            self.date(&brief, d, Some((DCTERMS, "issued")));
        }
        for f in &m.furniture {
            self.add(&brief, ARG, "furniture", plain(f));
        }
        self.add(&brief, ARG, "mappedBy", plain(&m.mapped_by));
        if let Some(day) = &m.mapped_on {
            self.add(&brief, ARG, "mappedOn", day_literal(day));
        }
        self.add(&brief, ARG, "content", plain(&map.text));
        self.text_revision();
    }

    /// The text as one revision, named by its digest: what a later text
    /// re-anchored from this one (`revises` in `[brief]`) says it revises.
    fn text_revision(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        let digest = crate::map::text::digest(&map.text);
        let revision = iri(format!("{}/text/{digest}", brief.as_str()));
        self.add(&brief, ARG, "hasText", revision.clone().into());
        self.add(&revision, RDF, "type", term(ARG, "TextRevision"));
        self.add(&revision, ARG, "sha256", plain(&digest));
        if let Some(earlier) = &map.meta.revises {
            let earlier = iri(format!("{}/text/{earlier}", brief.as_str()));
            self.add(&revision, PROV, "wasRevisionOf", earlier.into());
        }
    }

    /// The questions the hypotheses answer.
    fn questions(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        for (order, q) in map.questions.iter().enumerate() {
            let node = iri(self.iris.node(&map.id, "question", &q.key));
            self.add(&node, RDF, "type", term(ARG, "Question"));
            self.common(&node, &brief, &q.key, &q.text, q.note.as_deref());
            self.add(&node, ARG, "order", Literal::from(order as i64).into());
            self.add(&node, ARG, "exclusive", Literal::from(q.exclusive).into());
            if let Some(quote) = &q.quote {
                self.annotation(&node, &brief, quote);
            }
        }
    }

    /// Hypotheses, claims and evidence.
    fn propositions(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        for (order, p) in map.propositions.iter().enumerate() {
            let node = self.prop_iri(p);
            let class = match p.kind {
                PropositionKind::Hypothesis { .. } => "Hypothesis",
                PropositionKind::Claim => "Claim",
                PropositionKind::Evidence => "Evidence",
            };
            self.add(&node, RDF, "type", term(ARG, class));
            self.add(&node, RDF, "type", term(ARG, "Proposition"));
            self.common(&node, &brief, &p.key, &p.text, p.note.as_deref());
            // The place in the map, which every list of nodes follows.
            self.add(&node, ARG, "order", Literal::from(order as i64).into());
            let status = match p.status {
                Status::Reported => "Reported",
                Status::Observed => "Observed",
                Status::Inference => "AuthorInference",
            };
            self.add(&node, ARG, "status", term(ARG, status));
            if let PropositionKind::Hypothesis {
                question,
                confidence,
            } = p.kind
            {
                let answers =
                    iri(self
                        .iris
                        .node(&map.id, "question", &map.questions[question].key));
                self.add(&node, ARG, "answers", answers.into());
                if let Some(conf) = confidence {
                    self.add(&node, ARG, "confidence", plain(conf.as_str()));
                }
            }
            if let Some(h) = &p.hedge {
                self.hedge(&node, h);
            }
            self.attribution(&node, p);
            if let Some(quote) = &p.quote {
                self.annotation(&node, &brief, quote);
            }
        }
    }

    /// A proposition's hedge and the likelihood band it stands for.
    fn hedge(&mut self, node: &NamedNode, h: &Hedge) {
        self.add(node, ARG, "hedge", self.text(&h.text));
        let band = iri(format!("{}/likelihood", node.as_str()));
        self.add(node, ARG, "likelihood", band.clone().into());
        self.add(&band, RDF, "type", term(ARG, "LikelihoodBand"));
        self.add(&band, ARG, "hedgeTerm", plain(&h.entry.term));
        self.add(&band, ARG, "scale", plain(&h.entry.scale));
        if let Some((low, high)) = h.entry.band {
            self.add(&band, ARG, "low", percent(low));
            self.add(&band, ARG, "high", percent(high));
        }
    }

    /// Who said a proposition, where, when, and what it mentions or describes.
    fn attribution(&mut self, node: &NamedNode, p: &Proposition) {
        let map = self.map;
        if let Some(a) = p.said_by {
            let actor = self.actor_iri(&map.actors[a]);
            self.add(node, ARG, "saidBy", actor.into());
        }
        if let Some(s) = p.source {
            let source = self.source_iri(&map.sources[s]);
            self.add(node, ARG, "source", source.into());
        }
        if let Some(d) = &p.date {
            self.date(node, d, None);
        }
        for mention in &p.mentions {
            let target = match mention {
                Mention::Actor(a) => self.actor_iri(&map.actors[*a]),
                Mention::Event(e) => self.event_iri(&map.events[*e]),
            };
            self.add(node, ARG, "mentions", target.into());
        }
        if let Some(e) = p.event {
            let event = self.event_iri(&map.events[e]);
            self.add(node, ARG, "describes", event.into());
        }
    }

    /// Relations: a direct edge for easy querying, and a reified AIF-style
    /// node for its strength.
    fn relations(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        for r in &map.relations {
            let (from, to) = (&map.propositions[r.from], &map.propositions[r.to]);
            let (from_iri, to_iri) = (self.prop_iri(from), self.prop_iri(to));
            let (verb, class) = match r.kind {
                RelationKind::Support => ("supports", "Support"),
                RelationKind::Attack => ("opposes", "Attack"),
            };
            self.add(&from_iri, ARG, verb, to_iri.clone().into());
            let rel = iri(self.iris.relation(
                &map.id,
                r.kind.as_str(),
                &format!("{}-{}", from.kind.as_str(), from.key),
                &format!("{}-{}", to.kind.as_str(), to.key),
            ));
            self.add(&rel, RDF, "type", term(ARG, class));
            self.add(&rel, ARG, "inBrief", brief.clone().into());
            self.add(&rel, ARG, "premise", from_iri.into());
            self.add(&rel, ARG, "conclusion", to_iri.into());
            self.add(&rel, ARG, "strong", Literal::from(r.strong).into());
            // Only the analyst's links are marked: a relation without the
            // mark is the author's, so maps without any compile as before.
            if r.analyst {
                self.add(&rel, ARG, "analystLink", Literal::from(true).into());
            }
        }
    }

    /// The analyst's ACH ratings, each its own node so that it can name both ends.
    fn ratings(&mut self) {
        let map = self.map;
        for r in &map.ratings {
            let (evidence, hypothesis) = (
                &map.propositions[r.evidence],
                &map.propositions[r.hypothesis],
            );
            let evidence_iri = self.prop_iri(evidence);
            let rating = iri(format!(
                "{}/rating/{}",
                evidence_iri.as_str(),
                hypothesis.key
            ));
            self.add(&evidence_iri, ARG, "rating", rating.clone().into());
            self.add(&rating, RDF, "type", term(ARG, "Rating"));
            let rated = self.prop_iri(hypothesis);
            self.add(&rating, ARG, "ratedHypothesis", rated.into());
            self.add(&rating, ARG, "consistency", plain(r.value.as_str()));
        }
    }

    /// Actors, a shared node: described in every brief that names them,
    /// under one IRI.
    fn actors(&mut self) {
        let map = self.map;
        for a in &map.actors {
            let node = self.actor_iri(a);
            let class = super::agree::actor_class(a.kind);
            self.add(&node, RDF, "type", term(ARG, "Actor"));
            self.add(&node, RDF, "type", term(ARG, class));
            self.add(&node, ARG, "key", plain(&a.key));
            self.add(&node, RDFS, "label", self.text(&a.name));
            self.add(&node, SCHEMA, "name", self.text(&a.name));
            for alias in &a.aliases {
                self.add(&node, SKOS, "altLabel", self.text(alias));
            }
            if let Some(role) = &a.role {
                self.add(&node, ARG, "role", self.text(role));
            }
            if let Some(m) = a.member_of {
                let group = self.actor_iri(&map.actors[m]);
                self.add(&node, ARG, "memberOf", group.into());
            }
            self.links(&node, &a.links, a.note.as_deref());
        }
    }

    /// Sources, a shared node like actors.
    fn sources(&mut self) {
        let map = self.map;
        for s in &map.sources {
            let node = self.source_iri(s);
            let class = super::agree::source_class(s.kind);
            self.add(&node, RDF, "type", term(ARG, "Source"));
            self.add(&node, RDF, "type", term(ARG, class));
            self.add(&node, ARG, "key", plain(&s.key));
            self.add(&node, RDFS, "label", self.text(&s.title));
            if let Some(b) = s.by {
                let by = self.actor_iri(&map.actors[b]);
                self.add(&node, ARG, "by", by.into());
            }
            if let Some(p) = s.publisher {
                let publisher = self.actor_iri(&map.actors[p]);
                self.add(&node, DCTERMS, "publisher", publisher.into());
            }
            if let Some(d) = &s.date {
                self.date(&node, d, None);
            }
            if let Some(r) = s.reliability {
                self.add(&node, ARG, "reliability", plain(&r.to_string()));
            }
            if let Some(cr) = s.credibility {
                let credibility = Literal::from(i64::from(cr)).into();
                self.add(&node, ARG, "credibility", credibility);
            }
            self.links(&node, &s.links, s.note.as_deref());
        }
    }

    /// Events, a shared node like actors; a quoted event's annotation
    /// belongs to the brief that quotes it.
    fn events(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        for e in &map.events {
            let node = self.event_iri(e);
            self.add(&node, RDF, "type", term(ARG, "Event"));
            self.add(&node, ARG, "key", plain(&e.key));
            self.add(&node, ARG, "text", self.text(&e.text));
            self.add(&node, RDFS, "label", self.text(&e.text));
            self.date(&node, &e.date, None);
            for a in &e.actors {
                let participant = self.actor_iri(&map.actors[*a]);
                self.add(&node, ARG, "participant", participant.into());
            }
            if let Some(quote) = &e.quote {
                let base = self.iris.node(&map.id, "event", &e.key);
                self.annotation_at(base, &node, &brief, quote);
            }
            self.links(&node, &e.links, e.note.as_deref());
        }
    }

    /// Passages left out on purpose.
    fn unmapped(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        for (i, u) in map.unmapped.iter().enumerate() {
            let node = iri(self.iris.unmapped(&map.id, i));
            self.add(&node, RDF, "type", term(ARG, "UnmappedPassage"));
            self.add(&node, ARG, "inBrief", brief.clone().into());
            self.add(&node, ARG, "reason", self.text(&u.reason));
            self.annotation(&node, &brief, &u.quote);
        }
    }

    /// A shared actor's IRI: its own, or one made from its id.
    fn actor_iri(&self, a: &Actor) -> NamedNode {
        iri(a
            .iri
            .clone()
            .unwrap_or_else(|| self.iris.shared("actor", &a.key)))
    }

    /// A shared source's IRI: its own, or one made from its id.
    fn source_iri(&self, s: &Source) -> NamedNode {
        iri(s
            .iri
            .clone()
            .unwrap_or_else(|| self.iris.shared("source", &s.key)))
    }

    /// A shared event's IRI: its own, or one made from its id.
    fn event_iri(&self, e: &Event) -> NamedNode {
        iri(e
            .iri
            .clone()
            .unwrap_or_else(|| self.iris.shared("event", &e.key)))
    }

    /// A proposition's IRI in the brief.
    fn prop_iri(&self, p: &Proposition) -> NamedNode {
        iri(self.iris.node(&self.map.id, p.kind.as_str(), &p.key))
    }

    fn add(&mut self, subject: &NamedNode, ns: &str, local: &str, object: Term) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(subject.clone()),
            NamedNode::new_unchecked(format!("{ns}{local}")),
            object,
            self.graph.clone(),
        ));
    }

    /// A literal in the map's language.
    fn text(&self, value: &str) -> Term {
        Literal::new_language_tagged_literal_unchecked(value, self.lang.to_ascii_lowercase()).into()
    }

    fn common(
        &mut self,
        node: &NamedNode,
        brief: &NamedNode,
        key: &str,
        text: &str,
        note: Option<&str>,
    ) {
        self.add(node, ARG, "key", plain(key));
        self.add(node, ARG, "inBrief", brief.clone().into());
        self.add(node, ARG, "text", self.text(text));
        if let Some(note) = note {
            self.add(node, ARG, "note", self.text(note));
        }
    }

    fn links(&mut self, node: &NamedNode, links: &[String], note: Option<&str>) {
        for link in links {
            self.add(node, SKOS, "exactMatch", iri(link.clone()).into());
        }
        if let Some(note) = note {
            self.add(node, ARG, "note", self.text(note));
        }
    }

    fn date(&mut self, node: &NamedNode, dated: &Dated, property: Option<(&str, &str)>) {
        match dated.date {
            Date::Single { day, approximate } => {
                let (ns, local) = property.unwrap_or((ARG, "date"));
                self.add(node, ns, local, day_literal(&day));
                if approximate {
                    self.add(node, ARG, "approximate", Literal::from(true).into());
                }
            }
            Date::Interval { start, end } => {
                self.add(node, ARG, "startDate", day_literal(&start));
                self.add(node, ARG, "endDate", day_literal(&end));
            }
            // An open interval is a start with no end.
            Date::Since { start, approximate } => {
                self.add(node, ARG, "startDate", day_literal(&start));
                if approximate {
                    self.add(node, ARG, "approximate", Literal::from(true).into());
                }
            }
        }
        if dated.inferred {
            self.add(node, ARG, "dateInferred", Literal::from(true).into());
        }
    }

    /// A W3C Web Annotation of `body` by `quote`, with both selectors.
    /// `base` is the owner's IRI within the brief, so that a shared event
    /// quoted in two briefs gets one annotation per brief.
    fn annotation(&mut self, body: &NamedNode, brief: &NamedNode, quote: &Quote) {
        self.annotation_at(body.as_str().to_string(), body, brief, quote);
    }

    fn annotation_at(&mut self, base: String, body: &NamedNode, brief: &NamedNode, quote: &Quote) {
        let annotation = iri(format!("{base}/annotation"));
        let target = iri(format!("{base}/annotation/target"));
        let by_quote = iri(format!("{base}/annotation/quote"));
        let by_position = iri(format!("{base}/annotation/position"));
        let Anchor {
            start,
            end,
            exact,
            prefix,
            suffix,
        } = &quote.anchor;
        self.add(body, ARG, "quote", self.text(&quote.text));
        self.add(body, PROV, "wasQuotedFrom", brief.clone().into());
        self.add(&annotation, RDF, "type", term(OA, "Annotation"));
        self.add(&annotation, OA, "motivatedBy", term(OA, "highlighting"));
        self.add(&annotation, OA, "hasBody", body.clone().into());
        self.add(&annotation, OA, "hasTarget", target.clone().into());
        self.add(&target, RDF, "type", term(OA, "SpecificResource"));
        self.add(&target, OA, "hasSource", brief.clone().into());
        self.add(&target, OA, "hasSelector", by_quote.clone().into());
        self.add(&target, OA, "hasSelector", by_position.clone().into());
        self.add(&by_quote, RDF, "type", term(OA, "TextQuoteSelector"));
        self.add(&by_quote, OA, "exact", plain(exact));
        self.add(&by_quote, OA, "prefix", plain(prefix));
        self.add(&by_quote, OA, "suffix", plain(suffix));
        self.add(&by_position, RDF, "type", term(OA, "TextPositionSelector"));
        self.add(&by_position, OA, "start", count(*start));
        self.add(&by_position, OA, "end", count(*end));
    }
}

fn iri(value: String) -> NamedNode {
    NamedNode::new_unchecked(value)
}

fn term(ns: &str, local: &str) -> Term {
    NamedNode::new_unchecked(format!("{ns}{local}")).into()
}

fn plain(value: &str) -> Term {
    Literal::new_simple_literal(value).into()
}

/// An offset, as `xsd:integer`. The Web Annotation vocabulary ranges
/// `oa:start` and `oa:end` over `xsd:nonNegativeInteger`, but oxigraph
/// keeps every integer type as `xsd:integer`: writing what the store keeps
/// means that the compiled quads and whatever is read back from the store
/// (by `query`, `export` or `serve`) are the same terms, and the shapes
/// require an `xsd:integer` of at least 0.
fn count(value: usize) -> Term {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER).into()
}

/// A percentage as an `xsd:decimal` between 0 and 1, in the canonical form
/// the store keeps (`0.5`, `1`, `0`, never `0.50` or `1.0`), for the same
/// reason as [`count`].
fn percent(value: u8) -> Term {
    let text = match value {
        0 => "0".to_string(),
        100.. => "1".to_string(),
        v if v % 10 == 0 => format!("0.{}", v / 10),
        v => format!("0.{v:02}"),
    };
    Literal::new_typed_literal(text, xsd::DECIMAL).into()
}

fn day_literal(day: &Day) -> Term {
    Literal::new_typed_literal(
        day.to_string(),
        NamedNode::new_unchecked(format!("{XSD}{}", day.xsd_type())),
    )
    .into()
}
