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

/// Compiles `map` to quads, with data IRIs from `iris`.
pub fn compile(map: &Map, iris: &Iris) -> Vec<Quad> {
    let mut out = Compiler {
        graph: GraphName::NamedNode(NamedNode::new_unchecked(iris.graph(&map.id))),
        lang: map.meta.language.clone(),
        quads: Vec::new(),
    };
    let c = &mut out;
    let brief = iri(iris.brief(&map.id));
    let actor_iri = |a: &Actor| {
        iri(a
            .iri
            .clone()
            .unwrap_or_else(|| iris.shared("actor", &a.key)))
    };
    let source_iri = |s: &Source| {
        iri(s
            .iri
            .clone()
            .unwrap_or_else(|| iris.shared("source", &s.key)))
    };
    let event_iri = |e: &Event| {
        iri(e
            .iri
            .clone()
            .unwrap_or_else(|| iris.shared("event", &e.key)))
    };
    let prop_iri = |p: &Proposition| iri(iris.node(&map.id, p.kind.as_str(), &p.key));

    // The brief.
    let m = &map.meta;
    c.add(&brief, RDF, "type", term(ARG, "Brief"));
    c.add(&brief, ARG, "key", plain(&map.id));
    c.add(&brief, DCTERMS, "identifier", plain(&map.id));
    c.add(&brief, DCTERMS, "title", c.text(&m.title));
    c.add(&brief, DCTERMS, "rights", c.text(&m.rights));
    c.add(&brief, DCTERMS, "language", plain(&m.language));
    for a in &m.authors {
        c.add(
            &brief,
            DCTERMS,
            "creator",
            actor_iri(&map.actors[*a]).into(),
        );
    }
    if let Some(p) = m.publisher {
        c.add(
            &brief,
            DCTERMS,
            "publisher",
            actor_iri(&map.actors[p]).into(),
        );
    }
    if let Some(s) = &m.series {
        c.add(&brief, ARG, "series", plain(s));
    }
    if let Some(n) = &m.number {
        c.add(&brief, ARG, "number", plain(n));
    }
    if let Some(d) = &m.date {
        c.date(&brief, d, Some((DCTERMS, "issued")));
    }
    for f in &m.furniture {
        c.add(&brief, ARG, "furniture", plain(f));
    }
    c.add(&brief, ARG, "mappedBy", plain(&m.mapped_by));
    if let Some(day) = &m.mapped_on {
        c.add(&brief, ARG, "mappedOn", day_literal(day));
    }
    c.add(&brief, ARG, "content", plain(&map.text));

    // Questions.
    for q in &map.questions {
        let node = iri(iris.node(&map.id, "question", &q.key));
        c.add(&node, RDF, "type", term(ARG, "Question"));
        c.common(&node, &brief, &q.key, &q.text, q.note.as_deref());
        c.add(&node, ARG, "exclusive", Literal::from(q.exclusive).into());
        if let Some(quote) = &q.quote {
            c.annotation(&node, &brief, quote);
        }
    }

    // Hypotheses, claims and evidence.
    for p in &map.propositions {
        let node = prop_iri(p);
        let class = match p.kind {
            PropositionKind::Hypothesis { .. } => "Hypothesis",
            PropositionKind::Claim => "Claim",
            PropositionKind::Evidence => "Evidence",
        };
        c.add(&node, RDF, "type", term(ARG, class));
        c.add(&node, RDF, "type", term(ARG, "Proposition"));
        c.common(&node, &brief, &p.key, &p.text, p.note.as_deref());
        let status = match p.status {
            Status::Reported => "Reported",
            Status::Observed => "Observed",
            Status::Inference => "AuthorInference",
        };
        c.add(&node, ARG, "status", term(ARG, status));
        if let PropositionKind::Hypothesis {
            question,
            confidence,
        } = p.kind
        {
            c.add(
                &node,
                ARG,
                "answers",
                iri(iris.node(&map.id, "question", &map.questions[question].key)).into(),
            );
            if let Some(conf) = confidence {
                c.add(&node, ARG, "confidence", plain(conf.as_str()));
            }
        }
        if let Some(h) = &p.hedge {
            c.add(&node, ARG, "hedge", c.text(&h.text));
            let band = iri(format!("{}/likelihood", node.as_str()));
            c.add(&node, ARG, "likelihood", band.clone().into());
            c.add(&band, RDF, "type", term(ARG, "LikelihoodBand"));
            c.add(&band, ARG, "hedgeTerm", plain(&h.entry.term));
            c.add(&band, ARG, "scale", plain(&h.entry.scale));
            if let Some((low, high)) = h.entry.band {
                c.add(&band, ARG, "low", percent(low));
                c.add(&band, ARG, "high", percent(high));
            }
        }
        if let Some(a) = p.said_by {
            c.add(&node, ARG, "saidBy", actor_iri(&map.actors[a]).into());
        }
        if let Some(s) = p.source {
            c.add(&node, ARG, "source", source_iri(&map.sources[s]).into());
        }
        if let Some(d) = &p.date {
            c.date(&node, d, None);
        }
        for mention in &p.mentions {
            let target = match mention {
                Mention::Actor(a) => actor_iri(&map.actors[*a]),
                Mention::Event(e) => event_iri(&map.events[*e]),
            };
            c.add(&node, ARG, "mentions", target.into());
        }
        if let Some(e) = p.event {
            c.add(&node, ARG, "describes", event_iri(&map.events[e]).into());
        }
        if let Some(quote) = &p.quote {
            c.annotation(&node, &brief, quote);
        }
    }

    // Relations: a direct edge for easy querying, and a reified AIF-style node for its strength.
    for r in &map.relations {
        let (from, to) = (&map.propositions[r.from], &map.propositions[r.to]);
        let (from_iri, to_iri) = (prop_iri(from), prop_iri(to));
        let (verb, class) = match r.kind {
            RelationKind::Support => ("supports", "Support"),
            RelationKind::Attack => ("opposes", "Attack"),
        };
        c.add(&from_iri, ARG, verb, to_iri.clone().into());
        let rel = iri(iris.relation(
            &map.id,
            r.kind.as_str(),
            &format!("{}-{}", from.kind.as_str(), from.key),
            &format!("{}-{}", to.kind.as_str(), to.key),
        ));
        c.add(&rel, RDF, "type", term(ARG, class));
        c.add(&rel, ARG, "inBrief", brief.clone().into());
        c.add(&rel, ARG, "premise", from_iri.into());
        c.add(&rel, ARG, "conclusion", to_iri.into());
        c.add(&rel, ARG, "strong", Literal::from(r.strong).into());
    }

    // The analyst's ACH ratings, each its own node so that it can name both ends.
    for r in &map.ratings {
        let (evidence, hypothesis) = (
            &map.propositions[r.evidence],
            &map.propositions[r.hypothesis],
        );
        let evidence_iri = prop_iri(evidence);
        let rating = iri(format!(
            "{}/rating/{}",
            evidence_iri.as_str(),
            hypothesis.key
        ));
        c.add(&evidence_iri, ARG, "rating", rating.clone().into());
        c.add(&rating, RDF, "type", term(ARG, "Rating"));
        c.add(&rating, ARG, "ratedHypothesis", prop_iri(hypothesis).into());
        c.add(&rating, ARG, "consistency", plain(r.value.as_str()));
    }

    // Shared nodes: described in every brief that names them, under one IRI.
    for a in &map.actors {
        let node = actor_iri(a);
        let class = match a.kind {
            "person" => "Person",
            "organisation" => "Organisation",
            "place" => "Place",
            _ => "State",
        };
        c.add(&node, RDF, "type", term(ARG, "Actor"));
        c.add(&node, RDF, "type", term(ARG, class));
        c.add(&node, ARG, "key", plain(&a.key));
        c.add(&node, RDFS, "label", c.text(&a.name));
        c.add(&node, SCHEMA, "name", c.text(&a.name));
        for alias in &a.aliases {
            c.add(&node, SKOS, "altLabel", c.text(alias));
        }
        if let Some(role) = &a.role {
            c.add(&node, ARG, "role", c.text(role));
        }
        if let Some(m) = a.member_of {
            c.add(&node, ARG, "memberOf", actor_iri(&map.actors[m]).into());
        }
        c.links(&node, &a.links, a.note.as_deref());
    }
    for s in &map.sources {
        let node = source_iri(s);
        let class = match s.kind {
            "report" => "Report",
            "interview" => "Interview",
            "statement" => "Statement",
            "speech" => "Speech",
            "media" => "MediaReport",
            "briefing" => "Briefing",
            _ => "Document",
        };
        c.add(&node, RDF, "type", term(ARG, "Source"));
        c.add(&node, RDF, "type", term(ARG, class));
        c.add(&node, ARG, "key", plain(&s.key));
        c.add(&node, RDFS, "label", c.text(&s.title));
        if let Some(b) = s.by {
            c.add(&node, ARG, "by", actor_iri(&map.actors[b]).into());
        }
        if let Some(p) = s.publisher {
            c.add(
                &node,
                DCTERMS,
                "publisher",
                actor_iri(&map.actors[p]).into(),
            );
        }
        if let Some(d) = &s.date {
            c.date(&node, d, None);
        }
        if let Some(r) = s.reliability {
            c.add(&node, ARG, "reliability", plain(&r.to_string()));
        }
        if let Some(cr) = s.credibility {
            c.add(
                &node,
                ARG,
                "credibility",
                Literal::from(i64::from(cr)).into(),
            );
        }
        c.links(&node, &s.links, s.note.as_deref());
    }
    for e in &map.events {
        let node = event_iri(e);
        c.add(&node, RDF, "type", term(ARG, "Event"));
        c.add(&node, ARG, "key", plain(&e.key));
        c.add(&node, ARG, "text", c.text(&e.text));
        c.add(&node, RDFS, "label", c.text(&e.text));
        c.date(&node, &e.date, None);
        for a in &e.actors {
            c.add(&node, ARG, "participant", actor_iri(&map.actors[*a]).into());
        }
        if let Some(quote) = &e.quote {
            c.annotation_at(iris.node(&map.id, "event", &e.key), &node, &brief, quote);
        }
        c.links(&node, &e.links, e.note.as_deref());
    }

    // Passages left out on purpose.
    for (i, u) in map.unmapped.iter().enumerate() {
        let node = iri(iris.unmapped(&map.id, i));
        c.add(&node, RDF, "type", term(ARG, "UnmappedPassage"));
        c.add(&node, ARG, "inBrief", brief.clone().into());
        c.add(&node, ARG, "reason", c.text(&u.reason));
        c.annotation(&node, &brief, &u.quote);
    }
    interchange(c, map, iris, &brief);
    out.quads
}

/// The AIF scheme nodes and the dialogue layer of an imported map.
fn interchange(c: &mut Compiler, map: &Map, iris: &Iris, brief: &NamedNode) {
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
        c.add(&prop_iri(i), DCTERMS, "identifier", plain(id));
    }
    for (i, s) in x.schemes.iter().enumerate() {
        let node = scheme_iri(i);
        let class = match s.kind {
            SchemeKind::Inference => "Inference",
            SchemeKind::Conflict => "Conflict",
            SchemeKind::Rephrase => "Rephrase",
            SchemeKind::Preference => "Preference",
        };
        c.add(&node, RDF, "type", term(ARG, "SchemeNode"));
        c.add(&node, RDF, "type", term(ARG, class));
        c.add(&node, ARG, "key", plain(&s.key));
        c.add(&node, ARG, "inBrief", brief.clone().into());
        c.add(&node, DCTERMS, "identifier", plain(&s.original_id));
        c.add(&node, RDFS, "label", c.text(&s.text));
        if let Some(name) = &s.scheme {
            c.add(&node, ARG, "scheme", plain(name));
        }
        for p in &s.premises {
            c.add(&node, ARG, "hasPremise", endpoint(p).into());
        }
        for k in &s.conclusions {
            c.add(&node, ARG, "hasConclusion", endpoint(k).into());
        }
        // The direct edges, for queries that do not want to go through the node.
        for p in &s.premises {
            for k in &s.conclusions {
                match (s.kind, p, k) {
                    (SchemeKind::Conflict, Endpoint::Proposition(_), Endpoint::Scheme(t))
                        if x.schemes[*t].kind == SchemeKind::Inference =>
                    {
                        c.add(&node, RDF, "type", term(ARG, "Undercut"));
                        c.add(&endpoint(p), ARG, "undercuts", endpoint(k).into());
                    }
                    (SchemeKind::Rephrase, Endpoint::Proposition(_), Endpoint::Proposition(_)) => {
                        c.add(&endpoint(p), ARG, "rephrases", endpoint(k).into());
                    }
                    (SchemeKind::Preference, _, _) => {
                        c.add(&endpoint(p), ARG, "preferredTo", endpoint(k).into());
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
        c.add(&node, RDF, "type", term(ARG, "DialogueNode"));
        c.add(&node, RDF, "type", term(ARG, class));
        c.add(&node, ARG, "key", plain(&d.key));
        c.add(&node, ARG, "inBrief", brief.clone().into());
        c.add(&node, DCTERMS, "identifier", plain(&d.original_id));
        c.add(&node, RDFS, "label", c.text(&d.text));
        if let Some(t) = &d.timestamp {
            c.add(&node, ARG, "timestamp", plain(t));
        }
        if let Some(s) = &d.speaker {
            c.add(&node, ARG, "speaker", plain(s));
        }
    }
    for (from, to) in &x.dialogue_edges {
        c.add(&endpoint(from), ARG, "dialogueEdge", endpoint(to).into());
    }
    for a in &x.arguments {
        c.add(&prop_iri(*a), RDF, "type", term(ARG, "Argument"));
    }
    for (from, to, verb) in &x.other_relations {
        c.add(&prop_iri(*from), ARG, verb, prop_iri(*to).into());
    }
    for (p, property, value) in &x.annotations {
        c.add(&prop_iri(*p), ARG, property, c.text(value));
    }
}

struct Compiler {
    graph: GraphName,
    lang: String,
    quads: Vec<Quad>,
}

impl Compiler {
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

fn count(value: usize) -> Term {
    Literal::new_typed_literal(value.to_string(), xsd::NON_NEGATIVE_INTEGER).into()
}

fn percent(value: u8) -> Term {
    let text = if value == 100 {
        "1.0".to_string()
    } else {
        format!("0.{value:02}")
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
