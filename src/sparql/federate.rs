//! Federated queries: SERVICE calls made selective by a bound join, so a remote endpoint is asked only about what the store holds.
//!
//! oxigraph sends a SERVICE block's pattern to the endpoint as it is written:
//! `SERVICE <wikidata> { ?linked wdt:P569 ?born }` would ask for every birth
//! date Wikidata has. Where a SERVICE is joined with a part of the query that
//! calls no service, that part is evaluated on the store first; its answers
//! replace it as a `VALUES` table, and the values of the variables it shares
//! with the SERVICE are copied into the SERVICE block as another `VALUES`
//! table, so the endpoint answers one small question.

use oxigraph::model::Term;
use spargebra::Query;
use spargebra::algebra::GraphPattern;
use spargebra::term::{GroundTerm, NamedNodePattern, Variable};

use crate::Error;
use crate::sparql::Solutions;

/// Rewrites every SERVICE of `query` that is joined with a service-free
/// part, evaluating that part with `local`. A query without SERVICE comes
/// back unchanged, and `local` is not called.
///
/// A SERVICE named by a variable bound in `bound` (`--param kb=<URL>`)
/// gets that IRI as its name: a hash join evaluates a SERVICE before any
/// binding reaches it.
pub fn bind_services(
    query: Query,
    bound: &[(String, Term)],
    local: &dyn Fn(&GraphPattern) -> Result<Solutions, Error>,
) -> Result<Query, Error> {
    let local = Local { bound, local };
    let local = &local;
    Ok(match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: rewrite(pattern, local)?,
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: rewrite(pattern, local)?,
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: rewrite(pattern, local)?,
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: rewrite(pattern, local)?,
            base_iri,
        },
    })
}

/// Whether `pattern` calls a service anywhere.
pub fn has_service(pattern: &GraphPattern) -> bool {
    let mut found = false;
    visit(pattern, &mut |p| {
        found |= matches!(p, GraphPattern::Service { .. })
    });
    found
}

fn visit(pattern: &GraphPattern, f: &mut dyn FnMut(&GraphPattern)) {
    f(pattern);
    match pattern {
        GraphPattern::Join { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right }
        | GraphPattern::LeftJoin { left, right, .. } => {
            visit(left, f);
            visit(right, f);
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => visit(inner, f),
        _ => {}
    }
}

struct Local<'a> {
    bound: &'a [(String, Term)],
    local: &'a dyn Fn(&GraphPattern) -> Result<Solutions, Error>,
}

fn rewrite(pattern: GraphPattern, local: &Local<'_>) -> Result<GraphPattern, Error> {
    let r = |p: Box<GraphPattern>| rewrite(*p, local).map(Box::new);
    Ok(match pattern {
        GraphPattern::Join { left, right } => {
            let (left, right) = (r(left)?, r(right)?);
            if matches!(*right, GraphPattern::Service { .. }) && !has_service(&left) {
                bound_join(*left, *right, local)?
            } else if matches!(*left, GraphPattern::Service { .. }) && !has_service(&right) {
                bound_join(*right, *left, local)?
            } else {
                GraphPattern::Join { left, right }
            }
        }
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: r(left)?,
            right: r(right)?,
            expression,
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: r(left)?,
            right: r(right)?,
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: r(left)?,
            right: r(right)?,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: r(inner)?,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: r(inner)?,
            variable,
            expression,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: r(inner)?,
            expression,
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: r(inner)?,
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: r(inner)? },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: r(inner)? },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: r(inner)?,
            start,
            length,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: r(inner)?,
            variables,
            aggregates,
        },
        GraphPattern::Service {
            name: NamedNodePattern::Variable(v),
            inner,
            silent,
        } => {
            let bound = local.bound.iter().find_map(|(n, t)| match t {
                Term::NamedNode(iri) if n == v.as_str() => Some(iri.clone()),
                _ => None,
            });
            GraphPattern::Service {
                name: match bound {
                    Some(iri) => NamedNodePattern::NamedNode(iri),
                    None => NamedNodePattern::Variable(v),
                },
                inner: r(inner)?,
                silent,
            }
        }
        other => other,
    })
}

/// `local ⋈ SERVICE { inner }` → `VALUES(local's answers) ⋈ SERVICE { VALUES(shared) ⋈ inner }`.
fn bound_join(
    local_part: GraphPattern,
    service: GraphPattern,
    local: &Local<'_>,
) -> Result<GraphPattern, Error> {
    let GraphPattern::Service {
        name,
        inner,
        silent,
    } = service
    else {
        return Ok(GraphPattern::Join {
            left: Box::new(local_part),
            right: Box::new(service),
        });
    };
    let answers = (local.local)(&local_part)?;
    let Some(rows) = ground(&answers) else {
        // A blank node cannot be sent in VALUES: leave the join as written.
        return Ok(GraphPattern::Join {
            left: Box::new(local_part),
            right: Box::new(GraphPattern::Service {
                name,
                inner,
                silent,
            }),
        });
    };
    let variables: Vec<Variable> = answers
        .variables
        .iter()
        .map(|v| Variable::new_unchecked(v.clone()))
        .collect();
    let mut in_service = Vec::new();
    inner.on_in_scope_variable(|v| {
        if !in_service.contains(v) {
            in_service.push(v.clone());
        }
    });
    let shared: Vec<usize> = (0..variables.len())
        .filter(|&i| in_service.contains(&variables[i]))
        .collect();
    let inner = if shared.is_empty() {
        inner
    } else {
        let mut seen = std::collections::BTreeSet::new();
        let bindings: Vec<Vec<Option<GroundTerm>>> = rows
            .iter()
            .map(|row| shared.iter().map(|&i| row[i].clone()).collect::<Vec<_>>())
            .filter(|row| seen.insert(format!("{row:?}")))
            .collect();
        Box::new(GraphPattern::Join {
            left: Box::new(GraphPattern::Values {
                variables: shared.iter().map(|&i| variables[i].clone()).collect(),
                bindings,
            }),
            right: inner,
        })
    };
    Ok(GraphPattern::Join {
        left: Box::new(GraphPattern::Values {
            variables,
            bindings: rows,
        }),
        right: Box::new(GraphPattern::Service {
            name,
            inner,
            silent,
        }),
    })
}

/// The rows as ground terms, or `None` when one holds a blank node.
fn ground(answers: &Solutions) -> Option<Vec<Vec<Option<GroundTerm>>>> {
    answers
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|t| match t {
                    None => Some(None),
                    Some(Term::NamedNode(n)) => Some(Some(GroundTerm::NamedNode(n.clone()))),
                    Some(Term::Literal(l)) => Some(Some(GroundTerm::Literal(l.clone()))),
                    Some(_) => None,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn a_service_gets_the_local_answers_as_values() {
        let query = spargebra::SparqlParser::new()
            .parse_query(
                "SELECT * WHERE { ?p <http://example.org/link> ?linked . \
                 SERVICE ?kb { ?linked <http://example.org/born> ?born } }",
            )
            .unwrap();
        let local = |_: &GraphPattern| {
            Ok(Solutions {
                variables: vec!["p".into(), "linked".into()],
                rows: vec![vec![
                    Some(NamedNode::new_unchecked("http://example.org/a").into()),
                    Some(NamedNode::new_unchecked("http://example.org/q1").into()),
                ]],
            })
        };
        let kb = NamedNode::new_unchecked("http://example.org/sparql");
        let bound = [("kb".to_string(), Term::from(kb))];
        let text = bind_services(query, &bound, &local).unwrap().to_string();
        let service = &text[text.find("SERVICE").unwrap()..];
        assert!(
            service.starts_with("SERVICE <http://example.org/sparql>"),
            "{text}"
        );
        assert!(
            service.contains("VALUES ( ?linked ) { ( <http://example.org/q1> )"),
            "{text}"
        );
    }
}
