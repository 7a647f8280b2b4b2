//! Binding parameters: `--param` values read as RDF terms, and bound into a parsed query as a `VALUES` join and in the patterns that use them.

use oxigraph::model::{Literal, NamedNode, Term, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern};

use crate::sparql::named::parse_query;

/// Parses `query` and binds each `(variable, value)` of `bindings` with a
/// `VALUES` table joined inside the query's modifiers (projection, order,
/// grouping), so that a variable binds even where it is not projected. The
/// result prints as standard SPARQL for remote endpoints, and terms are
/// serialised by the RDF model, never pasted as text.
pub fn bind_query(
    query: &str,
    bindings: &[(String, Term)],
) -> Result<spargebra::Query, crate::Error> {
    // `parse_query` refuses, unparsed, a query nested or chained so deep
    // that parsing or evaluating it would overflow the stack.
    let mut parsed = parse_query(query)?;
    if bindings.is_empty() {
        return Ok(parsed);
    }
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, value) in bindings {
        variables
            .push(Variable::new(name).map_err(|e| crate::Error::Query(format!("`{name}`: {e}")))?);
        row.push(Some(match value {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            _ => {
                return Err(crate::Error::Query(format!(
                    "`{name}` cannot be bound to a blank node"
                )));
            }
        }));
    }
    let values = GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let pattern = pattern_of(&mut parsed);
    // A bound value is also written into the patterns that use its
    // variable: oxigraph does not push a VALUES join into `GRAPH ?graph { … }`
    // or into a basic graph pattern, so without this a brief's query scans
    // every graph of the store (seconds at a million quads instead of
    // milliseconds). The VALUES join stays, so the variable is still bound
    // wherever the query uses it; `GRAPH <g> { P }` joined with
    // `VALUES ?graph { <g> }` has the same solutions as `GRAPH ?graph { P }`
    // joined with it, and likewise for a triple pattern.
    let body = body(pattern);
    for (name, value) in bindings {
        name_graphs(body, name.trim_start_matches(['?', '$']), value);
    }
    join_values(body, values);
    Ok(parsed)
}

/// `query` with a `VALUES` table binding `variable` to each of `values`
/// in turn, joined where [`bind_query`] joins its one row, written back as
/// text for a [`Backend`](crate::sparql::Backend). It binds many values at
/// once (the spellings `argmap link` asks an endpoint for); the terms are
/// written by the RDF model, never pasted.
pub fn with_values(query: &str, variable: &str, values: &[Term]) -> Result<String, crate::Error> {
    let variable =
        Variable::new(variable).map_err(|e| crate::Error::Query(format!("`{variable}`: {e}")))?;
    let rows = values
        .iter()
        .map(|value| match value {
            Term::NamedNode(n) => Ok(vec![Some(GroundTerm::NamedNode(n.clone()))]),
            Term::Literal(l) => Ok(vec![Some(GroundTerm::Literal(l.clone()))]),
            _ => Err(crate::Error::Query(format!(
                "`{variable}` cannot be bound to a blank node"
            ))),
        })
        .collect::<Result<_, _>>()?;
    let mut parsed = parse_query(query)?;
    let table = GraphPattern::Values {
        variables: vec![variable],
        bindings: rows,
    };
    join_values(body(pattern_of(&mut parsed)), table);
    Ok(parsed.to_string())
}

/// `query` with its LIMIT and OFFSET set, written back as text: one page
/// of an ordered answer. The numbers go into the parsed query's slice,
/// never into its text.
pub fn with_page(query: &str, offset: usize, limit: usize) -> Result<String, crate::Error> {
    let mut parsed = parse_query(query)?;
    let pattern = pattern_of(&mut parsed);
    let whole = match std::mem::replace(pattern, empty()) {
        GraphPattern::Slice { inner, .. } => *inner,
        other => other,
    };
    *pattern = GraphPattern::Slice {
        inner: Box::new(whole),
        start: offset,
        length: Some(limit),
    };
    Ok(parsed.to_string())
}

/// The pattern of any form of query.
fn pattern_of(query: &mut spargebra::Query) -> &mut GraphPattern {
    match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    }
}

fn empty() -> GraphPattern {
    GraphPattern::Bgp {
        patterns: Vec::new(),
    }
}

/// Joins the `VALUES` table `values` with `body`.
fn join_values(body: &mut GraphPattern, values: GraphPattern) {
    let right = std::mem::replace(body, empty());
    *body = GraphPattern::Join {
        left: Box::new(values),
        right: Box::new(right),
    };
}

/// The query's body below its own modifiers (projection, order, grouping,
/// filters), which is where bound values go: the projection need not name
/// the variable.
fn body(pattern: &mut GraphPattern) -> &mut GraphPattern {
    match pattern {
        GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => body(inner),
        other => other,
    }
}

/// Writes `node` for `?variable` in each `GRAPH` name and triple pattern
/// whose solutions all bind `variable` (not under OPTIONAL's right side or
/// MINUS, where an unmatched pattern would change the answer).
fn name_graphs(pattern: &mut GraphPattern, variable: &str, node: &Term) {
    let is_it = |v: &Variable| v.as_str() == variable;
    let named = match node {
        Term::NamedNode(n) => Some(n),
        _ => None,
    };
    let term = |t: &mut TermPattern| {
        if matches!(t, TermPattern::Variable(v) if is_it(v)) {
            match node {
                Term::NamedNode(n) => *t = TermPattern::NamedNode(n.clone()),
                Term::Literal(l) => *t = TermPattern::Literal(l.clone()),
                _ => {}
            }
        }
    };
    match pattern {
        GraphPattern::Graph { name, inner } => {
            if let (NamedNodePattern::Variable(v), Some(n)) = (&*name, named) {
                if is_it(v) {
                    *name = NamedNodePattern::NamedNode(n.clone());
                }
            }
            name_graphs(inner, variable, node);
        }
        GraphPattern::Bgp { patterns } => {
            for p in patterns {
                term(&mut p.subject);
                term(&mut p.object);
                if let (NamedNodePattern::Variable(v), Some(n)) = (&p.predicate, named) {
                    if is_it(v) {
                        p.predicate = NamedNodePattern::NamedNode(n.clone());
                    }
                }
            }
        }
        GraphPattern::Join { left, right } | GraphPattern::Union { left, right } => {
            name_graphs(left, variable, node);
            name_graphs(right, variable, node);
        }
        GraphPattern::LeftJoin { left, .. }
        | GraphPattern::Minus { left, .. }
        | GraphPattern::Lateral { left, .. } => name_graphs(left, variable, node),
        // A sub-query's variable is the same variable only when it projects it.
        GraphPattern::Project { inner, variables }
            if variables.iter().any(|v| v.as_str() == variable) =>
        {
            name_graphs(inner, variable, node);
        }
        GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => name_graphs(inner, variable, node),
        _ => {}
    }
}

/// Reads a `--param name=value` value as an RDF term: `<iri>`, an absolute
/// IRI, an integer, `true`/`false`, or else a plain string.
pub fn parse_param(text: &str) -> Result<(String, Term), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not name=value"))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a SPARQL variable name"));
    }
    Ok((name.to_string(), param_term(value)?))
}

fn param_term(value: &str) -> Result<Term, String> {
    if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return NamedNode::new(inner)
            .map(Term::from)
            .map_err(|e| format!("`{inner}` is not an IRI: {e}"));
    }
    let has_scheme = value.split_once(':').is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && rest.starts_with("//")
    }) || value.starts_with("urn:");
    if has_scheme {
        return NamedNode::new(value)
            .map(Term::from)
            .map_err(|e| format!("`{value}` is not an IRI: {e}"));
    }
    if let Ok(n) = value.parse::<i64>() {
        return Ok(Literal::from(n).into());
    }
    match value {
        "true" => Ok(Literal::from(true).into()),
        "false" => Ok(Literal::from(false).into()),
        _ => Ok(Literal::new_simple_literal(value).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_values_and_a_page_go_into_the_parsed_query() {
        let query = "SELECT ?x WHERE { ?x <urn:label> ?needle } ORDER BY ?x";
        let needles = [
            Term::from(Literal::new_simple_literal("a \" } b")),
            Term::from(Literal::new_language_tagged_literal("c", "en").unwrap()),
        ];
        let text = with_values(query, "needle", &needles).unwrap();
        assert!(
            text.contains(r#"VALUES ( ?needle ) { ( "a \" } b" ) ( "c"@en ) "#),
            "{text}"
        );
        assert!(spargebra::SparqlParser::new().parse_query(&text).is_ok());
        let page = with_page(&text, 40, 20).unwrap();
        assert!(page.ends_with("OFFSET 40 LIMIT 20"), "{page}");
        // A second page replaces the first's slice.
        let next = with_page(&page, 60, 20).unwrap();
        assert!(next.ends_with("OFFSET 60 LIMIT 20"), "{next}");
        assert_eq!(next.matches("LIMIT").count(), 1, "{next}");
    }

    #[test]
    fn params_become_terms() {
        assert_eq!(parse_param("n=3").unwrap().1, Literal::from(3).into());
        assert_eq!(
            parse_param("g=<urn:x>").unwrap().1,
            NamedNode::new("urn:x").unwrap().into()
        );
        assert_eq!(
            parse_param("g=https://a.b/c").unwrap().1,
            NamedNode::new("https://a.b/c").unwrap().into()
        );
        assert_eq!(
            parse_param("s=a \"quoted\" } string").unwrap().1,
            Literal::new_simple_literal("a \"quoted\" } string").into()
        );
        assert!(parse_param("novalue").is_err());
        assert!(parse_param("bad name=1").is_err());
    }

    #[test]
    fn a_bound_graph_is_written_into_graph_patterns_but_not_under_optional_or_sub_queries() {
        let query = "SELECT ?s WHERE { GRAPH ?graph { ?s ?p ?o } \
                     OPTIONAL { GRAPH ?graph { ?s ?q ?r } } \
                     { SELECT ?s WHERE { GRAPH ?graph { ?s ?p2 ?o2 } } } }";
        let g = Term::from(NamedNode::new("urn:g").unwrap());
        let bound = bind_query(query, &[("graph".to_string(), g)])
            .unwrap()
            .to_string();
        // Once in the first GRAPH pattern, once in the VALUES join; the
        // OPTIONAL and the sub-query (which does not project ?graph) keep the variable.
        assert_eq!(bound.matches("<urn:g>").count(), 2, "{bound}");
        assert_eq!(bound.matches("GRAPH ?graph").count(), 2, "{bound}");
    }

    #[test]
    fn a_bound_value_is_written_into_triple_patterns() {
        let query = "SELECT ?x WHERE { ?x <urn:key> ?id }";
        let id = Term::from(Literal::new_simple_literal("b1"));
        let bound = bind_query(query, &[("id".to_string(), id)])
            .unwrap()
            .to_string();
        assert!(bound.contains("<urn:key> \"b1\""), "{bound}");
    }
}
