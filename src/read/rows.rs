//! The one way the read side asks its named queries and reads their rows: a column by name as text, number, flag, quote or node.
//!
//! A value missing from a row (an unbound OPTIONAL) reads as `None`; a
//! value that does not parse as what is asked for does too, so a strange
//! answer from a remote endpoint leaves a field empty rather than failing
//! the whole view.

use std::str::FromStr;

use oxigraph::model::{Literal, Term};

use crate::Error;
use crate::read::node::{Kind, Node, Quote};
use crate::sparql::{Backend, Solutions, lexical, named_query};

/// The built-in text of the named query `name`, so that it is parsed once
/// and cached by the store.
pub fn query(name: &str) -> Result<&'static str, Error> {
    named_query(name)
        .map(|q| q.text)
        .ok_or_else(|| Error::Internal(format!("no named query {name}")))
}

/// The bindings that pick one brief by its id: `?id`.
pub fn id_bindings(id: &str) -> [(String, Term); 1] {
    [(
        "id".to_string(),
        Term::from(Literal::new_simple_literal(id)),
    )]
}

/// Runs the named query `name` with `bindings`.
pub fn select(
    backend: &dyn Backend,
    name: &str,
    bindings: &[(String, Term)],
) -> Result<Solutions, Error> {
    backend.select(query(name)?, bindings)
}

/// The rows of one answer.
pub fn rows(solutions: &Solutions) -> impl Iterator<Item = Row<'_>> {
    solutions
        .rows
        .iter()
        .map(move |values| Row { solutions, values })
}

/// One row of an answer, read by column name.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    solutions: &'a Solutions,
    values: &'a [Option<Term>],
}

impl Row<'_> {
    /// The value of `?variable` as text: an IRI, or a literal's lexical form.
    pub fn text(&self, variable: &str) -> Option<String> {
        let column = self.solutions.column(variable)?;
        self.values.get(column)?.as_ref().map(lexical)
    }

    /// The value of `?variable` parsed as a number (or anything `FromStr`).
    pub fn number<T: FromStr>(&self, variable: &str) -> Option<T> {
        self.text(variable)?.parse().ok()
    }

    /// Whether `?variable` is true: `true` or `1`, the two lexical forms
    /// of a true `xsd:boolean`; unbound is false.
    pub fn flag(&self, variable: &str) -> bool {
        self.text(variable).is_some_and(|v| v == "true" || v == "1")
    }

    /// The quote of the row: `?quote` with its offsets `?start` and `?end`.
    pub fn quote(&self) -> Option<Quote> {
        Some(Quote {
            text: self.text("quote")?,
            start: self.number("start")?,
            end: self.number("end")?,
        })
    }

    /// The node the row is about: `?node`, `?key`, `?text` and `?kind`;
    /// `None` when the row names no node or a kind the read side does not
    /// know. A missing key or text reads as empty.
    pub fn node(&self) -> Option<Node> {
        let kind = Kind::parse(&self.text("kind")?)?;
        self.node_of(kind)
    }

    /// The node the row is about, for a query that asks for one kind only.
    pub fn node_of(&self, kind: Kind) -> Option<Node> {
        Some(Node {
            iri: self.text("node")?,
            kind,
            key: self.text("key").unwrap_or_default(),
            text: self.text("text").unwrap_or_default(),
        })
    }
}
