//! SPARQL on the store: the [`Backend`] every local read goes through, evaluation for the server (cancellable, with the protocol's dataset), updates, federated queries and query plans.

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};

use super::KnowledgeBase;
use crate::Error;
use crate::sparql::{Answer, Backend, Solutions};

/// What a query evaluated for a server may do, and how it is stopped.
pub struct EvalOptions {
    /// Cancels the evaluation when triggered (checked by oxigraph between steps).
    pub cancel: CancellationToken,
    /// Whether SERVICE may call out over HTTP.
    pub allow_service: bool,
    /// `default-graph-uri` values: the default graph is their merge.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri` values: the only named graphs the query sees.
    pub named_graphs: Vec<NamedNode>,
}

impl Backend for KnowledgeBase {
    fn run(&self, query: &str, bindings: &[(String, Term)]) -> Result<Answer, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let results = SparqlEvaluator::new()
            .without_default_http_service_handler()
            .for_query(query)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        answer(results)
    }
}

impl KnowledgeBase {
    /// Evaluates a parsed query for a server: cancellable, with SERVICE off
    /// unless allowed and the protocol's dataset (`default-graph-uri`,
    /// `named-graph-uri`) applied. The results stream from one snapshot of
    /// the store, so a concurrent update is seen wholly or not at all.
    pub fn evaluate(
        &self,
        query: spargebra::Query,
        options: EvalOptions,
    ) -> Result<QueryResults<'static>, Error> {
        let mut evaluator = SparqlEvaluator::new().with_cancellation_token(options.cancel);
        if !options.allow_service {
            evaluator = evaluator.without_default_http_service_handler();
        }
        let mut prepared = evaluator.for_query(query);
        if !options.default_graphs.is_empty() || !options.named_graphs.is_empty() {
            let dataset = prepared.dataset_mut();
            dataset.set_default_graph(
                options
                    .default_graphs
                    .into_iter()
                    .map(GraphName::NamedNode)
                    .collect(),
            );
            dataset.set_available_named_graphs(
                options
                    .named_graphs
                    .into_iter()
                    .map(NamedOrBlankNode::NamedNode)
                    .collect(),
            );
        }
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))
    }

    /// Runs a SPARQL Update in one transaction: readers see the store before
    /// or after it, never in between. LOAD is refused before anything runs
    /// unless `allow_load`.
    pub fn update(&self, update: &str, allow_load: bool, allow_service: bool) -> Result<(), Error> {
        let parsed = crate::sparql::guard::parse_update(update)?;
        if !allow_load
            && parsed
                .operations
                .iter()
                .any(|op| matches!(op, spargebra::GraphUpdateOperation::Load { .. }))
        {
            return Err(Error::Refused(
                "LOAD is disabled on this endpoint: it would fetch a URL or read a file".into(),
            ));
        }
        check_update_literals(&parsed)?;
        let mut evaluator = SparqlEvaluator::new();
        if !allow_service {
            evaluator = evaluator.without_default_http_service_handler();
        }
        evaluator
            .for_update(parsed)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        // Flushed into table files, as the command line's writes are: a
        // backup taken from another process copies table files only.
        self.flush();
        Ok(())
    }

    /// Runs `query` as [`Backend::run`] does, but lets SERVICE call other
    /// endpoints over HTTP (oxigraph's client: rustls with the webpki
    /// roots, so HTTPS endpoints need no system certificates), each call
    /// limited to `timeout`. A SERVICE joined with a part of the query that
    /// stays in the store is made selective first ([`crate::sparql::federate`]).
    pub fn run_federated(
        &self,
        query: &str,
        bindings: &[(String, Term)],
        timeout: std::time::Duration,
    ) -> Result<Answer, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let local = |pattern: &spargebra::algebra::GraphPattern| {
            let select = spargebra::Query::Select {
                dataset: None,
                pattern: pattern.clone(),
                base_iri: None,
            };
            solutions(
                SparqlEvaluator::new()
                    .without_default_http_service_handler()
                    .for_query(select)
                    .on_store(&self.store)
                    .execute()
                    .map_err(|e| Error::Query(e.to_string()))?,
            )
        };
        let query = crate::sparql::federate::bind_services(query, bindings, &local)?;
        let results = SparqlEvaluator::new()
            .with_http_timeout(timeout)
            .for_query(query)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        answer(results)
    }

    /// The plan oxigraph evaluates for `query` with `bindings` bound, with
    /// the rows and time of each step (the query is run to the end).
    pub fn explain(&self, query: &str, bindings: &[(String, Term)]) -> Result<String, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let (results, explanation) = SparqlEvaluator::new()
            .without_default_http_service_handler()
            .for_query(query)
            .on_store(&self.store)
            .compute_statistics()
            .explain();
        if let QueryResults::Solutions(solutions) =
            results.map_err(|e| Error::Query(e.to_string()))?
        {
            for solution in solutions {
                solution.map_err(|e| Error::Query(e.to_string()))?;
            }
        }
        Ok(format!("{explanation:?}"))
    }
}

/// Holds the literals an update writes as data (INSERT DATA) and those
/// written in its templates to the cap on one literal.
fn check_update_literals(update: &spargebra::Update) -> Result<(), Error> {
    use spargebra::GraphUpdateOperation as Op;
    use spargebra::term::{Literal, TermPattern};
    let check = |literal: &Literal| {
        let size = literal.value().len();
        if size > super::MAX_LITERAL {
            return Err(Error::Refused(format!(
                "the update writes a literal of {size} bytes, over the cap of {} MiB on one literal; nothing was written",
                super::MAX_LITERAL >> 20
            )));
        }
        Ok(())
    };
    for op in &update.operations {
        match op {
            Op::InsertData { data } => {
                for quad in data {
                    if let spargebra::term::Term::Literal(l) = &quad.object {
                        check(l)?;
                    }
                }
            }
            Op::DeleteInsert { insert, .. } => {
                for quad in insert {
                    if let TermPattern::Literal(l) = &quad.object {
                        check(l)?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The rows of a SELECT's results.
fn solutions(results: QueryResults<'_>) -> Result<Solutions, Error> {
    match answer(results)? {
        Answer::Solutions(s) => Ok(s),
        _ => Err(Error::Internal("a local SELECT gave no rows".into())),
    }
}

/// Reads query results whole.
fn answer(results: QueryResults<'_>) -> Result<Answer, Error> {
    Ok(match results {
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Solutions(solutions) => {
            let variables: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(|e| Error::Query(e.to_string()))?;
                // The values come in the order of the variables.
                let mut row = solution.values().to_vec();
                row.resize(variables.len(), None);
                rows.push(row);
            }
            Answer::Solutions(Solutions { variables, rows })
        }
        QueryResults::Graph(triples) => Answer::Graph(
            triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Error::Query(e.to_string()))?,
        ),
    })
}
