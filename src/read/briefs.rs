//! The briefs a store holds: id, IRI, graph, title and rights, read with the `briefs` query.

use oxigraph::model::{NamedNode, Term};
use serde::Serialize;

use crate::Error;
use crate::read::rows::{Row, id_bindings, rows, select};
use crate::sparql::Backend;

/// A brief in the store.
#[derive(Debug, Clone, Serialize)]
pub struct BriefInfo {
    pub id: String,
    pub iri: String,
    pub graph: String,
    pub title: String,
    pub rights: String,
}

impl BriefInfo {
    /// The brief a row of `briefs` describes, `id` its id.
    fn from_row(id: String, row: &Row) -> BriefInfo {
        let text = |v: &str| row.text(v).unwrap_or_default();
        BriefInfo {
            id,
            iri: text("brief"),
            graph: text("graph"),
            title: text("title"),
            rights: text("rights"),
        }
    }
}

/// Lists the briefs in the store.
pub fn briefs(backend: &dyn Backend) -> Result<Vec<BriefInfo>, Error> {
    let answer = select(backend, "briefs", &[])?;
    Ok(rows(&answer)
        .map(|row| BriefInfo::from_row(row.text("id").unwrap_or_default(), &row))
        .collect())
}

/// The brief whose id is `id`, if the store holds it.
pub fn brief_by_id(backend: &dyn Backend, id: &str) -> Result<Option<BriefInfo>, Error> {
    let answer = select(backend, "briefs", &id_bindings(id))?;
    Ok(rows(&answer)
        .next()
        .map(|row| BriefInfo::from_row(id.to_string(), &row)))
}

/// The briefs a view of `brief` covers: that one (looked up by its id, so
/// that the time taken does not grow with the store), or every brief when
/// `None`. A brief the store does not hold is an error naming those it does.
pub fn chosen(backend: &dyn Backend, brief: Option<&str>) -> Result<Vec<BriefInfo>, Error> {
    let Some(id) = brief else {
        return briefs(backend);
    };
    if let Some(b) = brief_by_id(backend, id)? {
        return Ok(vec![b]);
    }
    let all = briefs(backend)?;
    let known: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
    Err(Error::NotFound(format!(
        "there is no brief `{id}` in the store; it holds: {}",
        if known.is_empty() {
            "nothing yet (load one with `argmap load`)".to_string()
        } else {
            known.join(", ")
        }
    )))
}

/// The bindings that scope a query to one brief: `?graph`, its named graph.
pub fn graph_bindings(brief: &BriefInfo) -> Result<[(String, Term); 1], Error> {
    // The graph comes from the store's answer; a remote endpoint may give
    // anything, so a value that is not an IRI is its error, not argmap's.
    let graph = NamedNode::new(&brief.graph).map_err(|e| {
        Error::Query(format!(
            "brief `{}` names its graph `{}`, which is not an IRI ({e}); the store's answer is damaged",
            brief.id, brief.graph
        ))
    })?;
    Ok([("graph".to_string(), Term::from(graph))])
}
