//! The briefs a store holds: id, IRI, graph, title and rights, read with the `briefs` query.

use oxigraph::model::Term;
use serde::Serialize;

use crate::Error;
use crate::sparql::{Backend, Solutions, lexical, named_query};

/// A brief in the store.
#[derive(Debug, Clone, Serialize)]
pub struct BriefInfo {
    pub id: String,
    pub iri: String,
    pub graph: String,
    pub title: String,
    pub rights: String,
}

/// The text of the `briefs` query (the built-in text, so that it is parsed once).
fn query() -> &'static str {
    named_query("briefs").map(|q| q.text).unwrap_or_default()
}

struct Rows<'a> {
    solutions: &'a Solutions,
}

impl<'a> Rows<'a> {
    fn new(solutions: &'a Solutions) -> Self {
        Rows { solutions }
    }

    fn text(&self, row: &[Option<Term>], variable: &str) -> Option<String> {
        let column = self.solutions.column(variable)?;
        row.get(column)?.as_ref().map(lexical)
    }
}

/// Lists the briefs in the store.
pub fn briefs(backend: &dyn Backend) -> Result<Vec<BriefInfo>, Error> {
    let rows = backend.select(query(), &[])?;
    let r = Rows::new(&rows);
    Ok(rows
        .rows
        .iter()
        .map(|row| BriefInfo {
            id: r.text(row, "id").unwrap_or_default(),
            iri: r.text(row, "brief").unwrap_or_default(),
            graph: r.text(row, "graph").unwrap_or_default(),
            title: r.text(row, "title").unwrap_or_default(),
            rights: r.text(row, "rights").unwrap_or_default(),
        })
        .collect())
}

/// The brief whose id is `id`, if the store holds it.
pub fn brief_by_id(backend: &dyn Backend, id: &str) -> Result<Option<BriefInfo>, Error> {
    let bindings = [(
        "id".to_string(),
        Term::from(oxigraph::model::Literal::new_simple_literal(id)),
    )];
    let rows = backend.select(query(), &bindings)?;
    let r = Rows::new(&rows);
    Ok(rows.rows.first().map(|row| BriefInfo {
        id: id.to_string(),
        iri: r.text(row, "brief").unwrap_or_default(),
        graph: r.text(row, "graph").unwrap_or_default(),
        title: r.text(row, "title").unwrap_or_default(),
        rights: r.text(row, "rights").unwrap_or_default(),
    }))
}
