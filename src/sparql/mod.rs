//! Running SPARQL: the named queries of `queries/`, safe parameter binding, and results as plain rows.
//!
//! Every question argmap answers goes through [`Backend`], so `trace`,
//! `list` and `query` work the same on the local store and on any SPARQL 1.1
//! endpoint. Parameters are bound as RDF terms, never pasted into query text.

use oxigraph::model::{Literal, NamedNode, Term, Triple, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern};

pub mod federate;
pub mod guard;
pub mod remote;

/// A named query: its name, its text, and what its header says it answers.
pub struct NamedQuery {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! named {
    ($($name:literal),* $(,)?) => {
        &[$(NamedQuery { name: $name, text: include_str!(concat!("../../queries/", $name, ".rq")) }),*]
    };
}

/// Every query in `queries/`, built into the binary.
pub const QUERIES: &[NamedQuery] = named![
    "briefs",
    "trace-hypotheses",
    "trace-nodes",
    "trace-edges",
    "trace-quotes",
    "trace-dates",
    "trace-attribution",
    "graph-nodes",
    "graph-edges",
    "export-quads",
    "matrix-hypotheses",
    "matrix-evidence",
    "matrix-ratings",
    "graph-schemes",
    "graph-dialogue",
    "list",
    "motives",
    "shared-evidence",
    "sources",
    "briefs-relying-on-source",
    "actors",
    "timeline",
    "unsupported-claims",
    "inference-vs-reported",
    "report-brief",
    "report-anchors",
    "report-actors",
    "link-entities",
    "linked-birth-dates",
];

/// The named query called `name`.
pub fn named_query(name: &str) -> Option<&'static NamedQuery> {
    QUERIES.iter().find(|q| q.name == name)
}

impl NamedQuery {
    /// The header comment: what the query answers and its parameters.
    pub fn description(&self) -> String {
        self.text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

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

/// A SPARQL syntax error as a person reads it: the line and column the
/// parser gives (from 1), and what is wrong in a short sentence. The
/// parser's `expected one of …` lists every token and character class it
/// could take; they are cut to the words, a hint for a text that is empty,
/// an update, or Turtle, and a message the parser gave in words.
pub fn describe_syntax_error(text: &str, error: &str) -> (Option<(usize, usize)>, String) {
    let (place, what) = match error.strip_prefix("error at ").and_then(|rest| {
        let (at, what) = rest.split_once(": ")?;
        let (line, column) = at.split_once(':')?;
        Some(((line.parse().ok()?, column.parse().ok()?), what.to_string()))
    }) {
        Some((p, what)) => (Some(p), what),
        None => (None, error.to_string()),
    };
    let meaningful = text
        .lines()
        .map(|l| l.trim())
        .any(|l| !l.is_empty() && !l.starts_with('#'));
    if !meaningful {
        return (None, "the query is empty".into());
    }
    if spargebra::SparqlParser::new().parse_update(text).is_ok() {
        return (
            None,
            "this is a SPARQL Update, not a query: only SELECT, ASK, CONSTRUCT and DESCRIBE run here".into(),
        );
    }
    let start = text.trim_start();
    if start.starts_with("@prefix") || start.starts_with("@base") {
        return (
            place,
            "this looks like Turtle, not SPARQL (`@prefix` is Turtle; SPARQL writes `PREFIX`)"
                .into(),
        );
    }
    // The parser's few messages in words, said as what to do.
    let in_words = |w: &str| match w {
        "Prefix not found" => Some(
            "this prefix is not declared: add `PREFIX name: <IRI>` before the query".to_string(),
        ),
        "IRI parsing failed" => Some("this is not a valid IRI".to_string()),
        w if w.contains(' ') && !w.starts_with('[') && !w.starts_with('"') => Some(w.to_string()),
        _ => None,
    };
    let Some(list) = what.strip_prefix("expected one of ") else {
        let message = match what.strip_prefix("expected ") {
            Some(w) => in_words(w).unwrap_or_else(|| format!("expected {w}")),
            None => what.clone(),
        };
        return (place, message);
    };
    // Split at top-level commas: character classes hold commas of their own.
    let (mut items, mut depth, mut current) = (Vec::new(), 0i32, String::new());
    for c in list.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current.trim().to_string());
    // A message in words (`Prefix not found`) says more than any token.
    if let Some(words) = items.iter().find_map(|i| in_words(i)) {
        return (place, words);
    }
    let tokens: Vec<&String> = items.iter().filter(|i| !i.starts_with('[')).collect();
    let shown: Vec<&str> = tokens.iter().take(8).map(|s| s.as_str()).collect();
    let more = tokens.len().saturating_sub(shown.len());
    let mut out = format!("expected one of {}", shown.join(", "));
    if more > 0 {
        out.push_str(&format!(" (or {more} more)"));
    }
    if tokens.len() < items.len() {
        out.push_str(if tokens.is_empty() {
            "a name"
        } else {
            ", or a name"
        });
    }
    (place, out)
}

/// Parses `query` and binds each `(variable, value)` of `bindings` with a
/// `VALUES` table joined inside the query's modifiers (projection, order,
/// grouping), so that a variable binds even where it is not projected. The
/// result prints as standard SPARQL for remote endpoints, and terms are
/// serialised by the RDF model, never pasted as text.
pub fn bind_query(
    query: &str,
    bindings: &[(String, Term)],
) -> Result<spargebra::Query, crate::Error> {
    // The parser recurses on brackets: a query nested thousands deep would
    // overflow the stack and abort the process, so it is refused unparsed.
    let depth = guard::nesting_depth(query);
    if depth > guard::DEFAULT_MAX_DEPTH {
        return Err(crate::Error::Syntax(format!(
            "the query nests brackets {depth} deep; at most {} levels are taken",
            guard::DEFAULT_MAX_DEPTH
        )));
    }
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
    let pattern = match &mut parsed {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    };
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
    let right = std::mem::replace(
        body,
        GraphPattern::Bgp {
            patterns: Vec::new(),
        },
    );
    *body = GraphPattern::Join {
        left: Box::new(values),
        right: Box::new(right),
    };
    Ok(parsed)
}

/// Parses `query`. The queries of `queries/` are parsed once per process and
/// cloned after that: parsing the trace's node query takes about as long as
/// scanning a brief for one property.
fn parse_query(query: &str) -> Result<spargebra::Query, crate::Error> {
    static PARSED: std::sync::OnceLock<Vec<std::sync::OnceLock<spargebra::Query>>> =
        std::sync::OnceLock::new();
    let parse = |text: &str| {
        spargebra::SparqlParser::new()
            .parse_query(text)
            .map_err(|e| crate::Error::Syntax(e.to_string()))
    };
    // Only the built-in texts themselves are cached (compared by address),
    // so a user's queries never grow the cache.
    let Some(index) = QUERIES.iter().position(|q| std::ptr::eq(q.text, query)) else {
        return parse(query);
    };
    let slot =
        &PARSED.get_or_init(|| QUERIES.iter().map(|_| std::sync::OnceLock::new()).collect())[index];
    if let Some(parsed) = slot.get() {
        return Ok(parsed.clone());
    }
    let parsed = parse(query)?;
    Ok(slot.get_or_init(|| parsed).clone())
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
    use super::*;

    #[test]
    fn every_named_query_has_a_header() {
        for q in QUERIES {
            assert!(q.text.starts_with('#'), "{} has no header comment", q.name);
            assert!(
                q.description().to_lowercase().contains("param"),
                "{} does not list its parameters",
                q.name
            );
        }
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

    /// Answers each query with its own text, fails on a text starting
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

    #[test]
    fn a_built_in_query_parsed_once_is_the_query_parsed_afresh() {
        // The parser names anonymous blank nodes and aggregates at random:
        // compare without those names.
        fn unnamed(query: &spargebra::Query) -> String {
            let text = query.to_string();
            let mut out = String::new();
            let mut word = String::new();
            for c in text.chars().chain(std::iter::once(' ')) {
                if c.is_ascii_alphanumeric() {
                    word.push(c);
                    continue;
                }
                // A random 128-bit number in hexadecimal, without leading zeros.
                let random =
                    (20..=32).contains(&word.len()) && word.chars().all(|c| c.is_ascii_hexdigit());
                out.push_str(if random { "name" } else { &word });
                word.clear();
                out.push(c);
            }
            out
        }
        for q in QUERIES {
            let fresh = unnamed(&spargebra::SparqlParser::new().parse_query(q.text).unwrap());
            assert_eq!(unnamed(&parse_query(q.text).unwrap()), fresh, "{}", q.name);
            assert_eq!(
                unnamed(&parse_query(q.text).unwrap()),
                fresh,
                "{} (cached)",
                q.name
            );
        }
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
