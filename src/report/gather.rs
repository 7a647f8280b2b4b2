//! Reading what a report shows: the brief's graph, trace and matrix as their own modules build them, and its description, page furniture, passages, events and actors from five named queries.

use std::collections::HashMap;

use super::{Actor, Anchor, BriefMeta, Event, Report};
use crate::Error;
use crate::read::briefs::briefs;
use crate::read::briefs::graph_bindings;
use crate::read::graph::{BriefGraph, brief_graph};
use crate::read::matrix::matrix;
use crate::read::node::{Kind, Node};
use crate::read::rows::{rows, select};
use crate::read::trace::trace;
use crate::sparql::{Backend, Solutions};

/// The id of the brief to report: `wanted` as an id or IRI; with none, the
/// bundled brief if the store holds it, else the store's only brief.
pub fn choose_brief(backend: &dyn Backend, wanted: Option<&str>) -> Result<String, Error> {
    let all = briefs(backend)?;
    let ids = || {
        all.iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if all.is_empty() {
        return Err(Error::NotFound(
            "the store holds no brief yet: load one with `argmap load DIR`".into(),
        ));
    }
    match wanted {
        Some(w) => all
            .iter()
            .find(|b| b.id == w || b.iri == w)
            .map(|b| b.id.clone())
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "there is no brief `{w}` in the store; it holds: {}",
                    ids()
                ))
            }),
        None => {
            if let Some(b) = all.iter().find(|b| b.id == crate::map::seed::ID) {
                return Ok(b.id.clone());
            }
            if all.len() == 1 {
                return Ok(all[0].id.clone());
            }
            Err(Error::NotFound(format!(
                "the store holds {} briefs ({}): name one with --brief ID",
                all.len(),
                ids()
            )))
        }
    }
}

/// Reads what the report of brief `id` shows.
pub fn gather(backend: &dyn Backend, id: &str) -> Result<Report, Error> {
    let graph = brief_graph(backend, id)?;
    let bindings = graph_bindings(&graph.brief)?;
    let answer = |name: &str| select(backend, name, &bindings);
    let mut meta = read_meta(&answer("report-brief")?, &graph);
    meta.furniture = rows(&answer("reanchor-text")?)
        .filter_map(|row| row.text("furniture"))
        .collect();
    meta.furniture.dedup();
    let trace = trace(backend, Some(id), &[])?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal(format!("no trace of brief {id}")))?;
    let matrix = matrix(backend, Some(id), None)?.into_iter().next();
    let anchors = read_anchors(&answer("report-anchors")?, &graph);
    let events = read_events(&answer("timeline")?, &graph);
    let actors = read_actors(&answer("report-actors")?);
    let framework = crate::evaluate::read_framework(backend, &graph.brief)?;
    let evaluation = crate::evaluate::evaluate(
        framework,
        crate::evaluate::Semantics::Grounded,
        crate::evaluate::Limits::default(),
        "",
    )?;
    Ok(Report {
        meta,
        trace,
        graph,
        matrix,
        anchors,
        events,
        actors,
        evaluation,
    })
}

/// The brief's description: the first value of each single fact, every
/// distinct creator and publisher.
fn read_meta(answer: &Solutions, graph: &BriefGraph) -> BriefMeta {
    let mut meta = BriefMeta {
        iri: graph.brief.iri.clone(),
        id: graph.brief.id.clone(),
        title: graph.brief.title.clone(),
        rights: graph.brief.rights.clone(),
        ..BriefMeta::default()
    };
    for row in rows(answer) {
        let first = |slot: &mut Option<String>, v: &str| {
            if slot.is_none() {
                *slot = row.text(v);
            }
        };
        first(&mut meta.language, "language");
        first(&mut meta.series, "series");
        first(&mut meta.number, "number");
        first(&mut meta.issued, "issued");
        first(&mut meta.mapped_by, "mappedBy");
        first(&mut meta.mapped_on, "mappedOn");
        if meta.content.is_empty() {
            meta.content = row.text("content").unwrap_or_default();
        }
        for (list, v) in [
            (&mut meta.creators, "creator"),
            (&mut meta.publishers, "publisher"),
        ] {
            if let Some(x) = row.text(v) {
                if !list.contains(&x) {
                    list.push(x);
                }
            }
        }
    }
    meta
}

/// The passages the graph's nodes quote, sorted by start, then end, then
/// the node's key; empty ones left out.
fn read_anchors(answer: &Solutions, graph: &BriefGraph) -> Vec<Anchor> {
    let index: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.iri.as_str(), i))
        .collect();
    let mut anchors: Vec<Anchor> = rows(answer)
        .filter_map(|row| {
            Some(Anchor {
                node: *index.get(row.text("node")?.as_str())?,
                start: row.number("start")?,
                end: row.number("end")?,
            })
        })
        .filter(|a| a.start < a.end)
        .collect();
    let key = |a: &Anchor| graph.nodes[a.node].key.as_str();
    anchors.sort_by(|a, b| (a.start, a.end, key(a)).cmp(&(b.start, b.end, key(b))));
    // A node typed twice (an actor that is also a person) is one passage.
    anchors.dedup_by(|a, b| a.node == b.node && a.start == b.start && a.end == b.end);
    anchors
}

/// The dated events of `timeline`, each with the IRI of its node in the
/// graph (empty if the graph has none of that key).
fn read_events(answer: &Solutions, graph: &BriefGraph) -> Vec<Event> {
    let iri_of: HashMap<&str, &str> = graph
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Event)
        .map(|n| (n.key.as_str(), n.iri.as_str()))
        .collect();
    rows(answer)
        .filter_map(|row| {
            let key = row.text("event")?;
            Some(Event {
                node: Node {
                    iri: iri_of
                        .get(key.as_str())
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                    kind: Kind::Event,
                    key,
                    text: row.text("text").unwrap_or_default(),
                },
                when: row.text("when").unwrap_or_default(),
                inferred: row.flag("inferred"),
                approximate: row.flag("approximate"),
            })
        })
        .collect()
}

/// The actors of `report-actors`, one per actor, its kinds and links
/// gathered from one row each.
fn read_actors(answer: &Solutions) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::new();
    for row in rows(answer) {
        let Some(iri) = row.text("actor") else {
            continue;
        };
        if actors.last().is_none_or(|a| a.iri != iri) {
            actors.push(Actor {
                node: Node {
                    iri,
                    kind: Kind::Actor,
                    key: row.text("key").unwrap_or_default(),
                    text: row.text("name").unwrap_or_default(),
                },
                kinds: Vec::new(),
                role: row.text("role"),
                links: Vec::new(),
            });
        }
        let Some(actor) = actors.last_mut() else {
            continue;
        };
        if let Some(k) = row.text("kind") {
            if !actor.kinds.contains(&k) {
                actor.kinds.push(k);
            }
        }
        if let Some(m) = row.text("match") {
            if !actor.links.contains(&m) {
                actor.links.push(m);
            }
        }
    }
    actors
}
