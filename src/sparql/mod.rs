//! Running SPARQL: the [`Backend`] every read goes through, answers as plain rows, and several queries on two threads.
//!
//! Every question argmap answers goes through [`Backend`], so `trace`,
//! `list` and `query` work the same on the local store and on any SPARQL 1.1
//! endpoint. Parameters are bound as RDF terms, never pasted into query text.
//! The submodules: `named` (the queries of `queries/`), `bind` (parameters),
//! `syntax` (syntax errors in words), `guard` (the nesting limit),
//! `federate` (SERVICE made selective) and `remote` (a store over HTTP).

use oxigraph::model::{Term, Triple};

pub mod bind;
pub mod federate;
pub mod guard;
pub mod named;
pub mod remote;
pub mod syntax;

pub use bind::{bind_query, parse_param};
pub use named::{NamedQuery, QUERIES, named_query};
pub use syntax::describe_syntax_error;

/// The rows of a SELECT.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Solutions {
    /// Variable names, without `?`.
    pub variables: Vec<String>,
    /// One value (or none) per variable, per row.
    pub rows: Vec<Vec<Option<Term>>>,
}

impl Solutions {
    /// The column of `variable`, if the query has one.
    pub fn column(&self, variable: &str) -> Option<usize> {
        self.variables.iter().position(|v| v == variable)
    }
}

/// The answer to any query.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// SELECT.
    Solutions(Solutions),
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT and DESCRIBE.
    Graph(Vec<Triple>),
}

/// Something that answers SPARQL queries, from any thread.
pub trait Backend: Sync {
    /// Runs `query` with each `(variable, value)` of `bindings` bound.
    fn run(&self, query: &str, bindings: &[(String, Term)]) -> Result<Answer, crate::Error>;

    /// Runs a SELECT.
    fn select(&self, query: &str, bindings: &[(String, Term)]) -> Result<Solutions, crate::Error> {
        match self.run(query, bindings)? {
            Answer::Solutions(s) => Ok(s),
            _ => Err(crate::Error::Query("expected a SELECT query".into())),
        }
    }
}

/// Runs `N` SELECT queries with the same bindings on two threads and gives
/// their answers in order, or the error of the first query that failed.
/// Each thread takes the next query not yet taken, so with the longest put
/// first the two finish close together, and a thread that starts late or
/// runs slow only takes less of the work.
pub fn select_many<const N: usize>(
    backend: &dyn Backend,
    queries: [&str; N],
    bindings: &[(String, Term)],
) -> Result<[Solutions; N], crate::Error> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(query) = queries.get(i) else {
                return done;
            };
            done.push((i, backend.select(query, bindings)));
        }
    };
    let (mine, theirs) = std::thread::scope(|s| {
        let helper = s.spawn(work);
        let mine = work();
        (mine, helper.join())
    });
    let theirs = theirs.map_err(|_| crate::Error::Internal("a query thread panicked".into()))?;
    let mut answers: Vec<_> = mine.into_iter().chain(theirs).collect();
    // The first query's error, whichever thread ran it.
    answers.sort_by_key(|(i, _)| *i);
    let answers = answers
        .into_iter()
        .map(|(_, answer)| answer)
        .collect::<Result<Vec<_>, _>>()?;
    answers
        .try_into()
        .map_err(|_| crate::Error::Internal("a query was run twice or not at all".into()))
}

/// The lexical form of a literal, or the IRI of a named node.
pub fn lexical(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        _ => term.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::model::Literal;

    use super::*;

    /// with `fail`, and counts the calls.
    struct Echo(std::sync::atomic::AtomicUsize);

    impl Backend for Echo {
        fn run(&self, query: &str, _: &[(String, Term)]) -> Result<Answer, crate::Error> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            // Slow enough that both threads take a share.
            std::thread::sleep(std::time::Duration::from_millis(2));
            if query.starts_with("fail") {
                return Err(crate::Error::Query(query.to_string()));
            }
            Ok(Answer::Solutions(Solutions {
                variables: vec!["q".into()],
                rows: vec![vec![Some(Literal::new_simple_literal(query).into())]],
            }))
        }
    }

    #[test]
    fn select_many_runs_each_query_once_and_answers_in_order() {
        let echo = Echo(Default::default());
        let queries = ["a", "b", "c", "d", "e", "f", "g"];
        let answers = select_many(&echo, queries, &[]).unwrap();
        let got: Vec<String> = answers
            .iter()
            .map(|s| lexical(s.rows[0][0].as_ref().unwrap()))
            .collect();
        assert_eq!(got, queries);
        assert_eq!(echo.0.load(std::sync::atomic::Ordering::Relaxed), 7);
    }

    #[test]
    fn select_many_gives_the_first_failing_query_s_error() {
        let echo = Echo(Default::default());
        for _ in 0..20 {
            let err = select_many(&echo, ["a", "fail 1", "b", "fail 2", "c"], &[]).unwrap_err();
            assert!(err.to_string().contains("fail 1"), "{err}");
        }
    }
}
