//! The guard before the SPARQL parser: how deeply a text nests and how long its chains run, measured without parsing, because the parser, the optimiser and the evaluator recurse on them and can overflow any stack.

/// Default cap on the bracket nesting of a query or update. oxigraph's
/// parser overflows a 2 MiB stack near 600 levels and any stack near 5,000,
/// which kills the process; 128 leaves a wide margin and no real query
/// comes near it.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// Default cap on how long a chain of operators and patterns may grow along
/// one path through a query: `1 + 1 + …`, a property path `<p>/<p>/…` or
/// `<p>|<p>|…`, `… || …`, a run of UNION, OPTIONAL, FILTER, BIND or groups.
/// The parser reads such a chain in a loop, but it builds a tree as deep as
/// the chain, and the optimiser, the evaluator and even freeing the tree
/// recurse on it: 10,000 links overflow an 8 MiB stack. 1,000 links use
/// well under 4 MiB, and a query a person writes has a few dozen.
pub const DEFAULT_MAX_CHAIN: usize = 1_000;

/// How deep a SPARQL text can make the parsed query, measured without parsing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// The deepest nesting of brackets, where a run of prefix operators
    /// (`!`, `-`, `+`, `^`) counts as that many levels more.
    pub depth: usize,
    /// The longest chain of links along one path: each binary or path
    /// operator, each pattern keyword and each group beside another counts
    /// one at the level it is written, summed over the enclosing levels.
    pub chain: usize,
}

/// The keywords that each add a level to the tree of the group they are written in.
const CHAINING: &[&str] = &[
    "UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "VALUES",
];

/// One open bracket: its links so far, and whether it holds VALUES data
/// (terms only, where `-1` is a number, not an operator).
struct Level {
    links: usize,
    data: bool,
}

/// Measures `text` in one pass, skipping strings, IRIs, comments and names.
/// A `<` counts as an IRI's start only when a `>` follows with no character
/// an IRI cannot hold, so `?a < ?b` is still an operator.
pub fn shape(text: &str) -> Shape {
    let b = text.as_bytes();
    let mut levels = vec![Level {
        links: 0,
        data: false,
    }];
    let (mut i, mut run, mut chain, mut values_next) = (0, 0usize, 0usize, false);
    let mut shape = Shape::default();
    while i < b.len() {
        let data = levels.last().is_some_and(|l| l.data);
        let c = b[i];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
            continue;
        }
        if matches!(c, b'!' | b'-' | b'+' | b'^') {
            run += 1;
            shape.depth = shape.depth.max(levels.len() - 1 + run);
        } else {
            run = 0;
        }
        let mut link = !data && matches!(c, b'!' | b'-' | b'+' | b'^' | b'|' | b'/' | b'*' | b'&');
        i = match c {
            b'#' => skip_comment(b, i),
            b'"' | b'\'' => skip_string(b, i),
            b'<' => skip_iri(b, i),
            b'?' | b'$' => skip_variable(b, i + 1),
            b'0'..=b'9' | b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) || c != b'.' => {
                skip_number(b, i)
            }
            c if c == b'_' || c == b':' || c.is_ascii_alphabetic() || c >= 0x80 => {
                let end = skip_name(b, i);
                let word = &text[i..end];
                if CHAINING.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                    link = !data;
                    values_next = word.eq_ignore_ascii_case("VALUES");
                }
                end
            }
            b'(' | b'[' | b'{' => {
                link = c == b'{' && !data;
                let holds_data = data || (c == b'{' && std::mem::take(&mut values_next));
                levels.push(Level {
                    links: 0,
                    data: holds_data,
                });
                shape.depth = shape.depth.max(levels.len() - 1);
                i + 1
            }
            b')' | b']' | b'}' => {
                if levels.len() > 1 {
                    let closed = levels.pop().map_or(0, |l| l.links);
                    chain -= closed;
                }
                i + 1
            }
            _ => i + 1,
        };
        if link {
            // A group opened here was pushed already: its link belongs to the level around it.
            let at = if matches!(c, b'{') {
                levels.len() - 2
            } else {
                levels.len() - 1
            };
            levels[at].links += 1;
            chain += 1;
            shape.chain = shape.chain.max(chain);
        }
    }
    shape
}

/// The deepest nesting of `(`, `[` and `{` in SPARQL text, outside strings,
/// IRIs and comments, where a run of prefix operators counts as that many
/// levels more: the parser recurses on each.
pub fn nesting_depth(text: &str) -> usize {
    shape(text).depth
}

/// Refuses a query or update the parser, the optimiser or the evaluator
/// could not take without overflowing the stack, which aborts the whole
/// process: nested deeper than `max_depth`, or chained longer than `max_chain`.
pub fn check_shape(text: &str, max_depth: usize, max_chain: usize) -> Result<(), crate::Error> {
    let found = shape(text);
    if found.depth > max_depth {
        return Err(crate::Error::TooComplex(format!(
            "the query nests brackets {} deep; at most {max_depth} levels are taken: write it flatter",
            found.depth
        )));
    }
    if found.chain > max_chain {
        return Err(crate::Error::TooComplex(format!(
            "the query chains {} operators and patterns along one path (such as `+`, `||`, `/` or `|` in a path, UNION, OPTIONAL, FILTER or BIND); at most {max_chain} are taken: split it into smaller queries, or list values with VALUES or IN",
            found.chain
        )));
    }
    Ok(())
}

/// [`check_shape`] with the default limits.
pub fn check(text: &str) -> Result<(), crate::Error> {
    check_shape(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_CHAIN)
}

/// Parses a query after [`check`], a syntax error said in words with its place.
pub fn parse_query(text: &str) -> Result<spargebra::Query, crate::Error> {
    check(text)?;
    spargebra::SparqlParser::new()
        .parse_query(text)
        .map_err(|e| crate::Error::Syntax(e.to_string()))
}

/// Parses an update after [`check`], a syntax error said in words with its place.
pub fn parse_update(text: &str) -> Result<spargebra::Update, crate::Error> {
    check(text)?;
    spargebra::SparqlParser::new()
        .parse_update(text)
        .map_err(|e| crate::Error::Syntax(e.to_string()))
}

/// Whether a parsed query calls SERVICE anywhere, in EXISTS and NOT EXISTS
/// too. The walk recurses, which is safe once [`check`] has bounded the
/// query's depth.
pub fn calls_service(query: &spargebra::Query) -> bool {
    use spargebra::Query;
    match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern_calls_service(pattern),
    }
}

/// Whether `pattern` or an expression in it calls SERVICE.
fn pattern_calls_service(pattern: &spargebra::algebra::GraphPattern) -> bool {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Service { .. } => true,
        P::Bgp { .. } | P::Path { .. } | P::Values { .. } => false,
        P::Join { left, right } | P::Union { left, right } | P::Minus { left, right } => {
            pattern_calls_service(left) || pattern_calls_service(right)
        }
        P::Lateral { left, right } => pattern_calls_service(left) || pattern_calls_service(right),
        P::LeftJoin {
            left,
            right,
            expression,
        } => {
            pattern_calls_service(left)
                || pattern_calls_service(right)
                || expression.as_ref().is_some_and(expression_calls_service)
        }
        P::Filter { expr, inner } => expression_calls_service(expr) || pattern_calls_service(inner),
        P::Extend {
            inner, expression, ..
        } => expression_calls_service(expression) || pattern_calls_service(inner),
        P::OrderBy { inner, expression } => {
            pattern_calls_service(inner)
                || expression.iter().any(|e| match e {
                    spargebra::algebra::OrderExpression::Asc(e)
                    | spargebra::algebra::OrderExpression::Desc(e) => expression_calls_service(e),
                })
        }
        P::Group {
            inner, aggregates, ..
        } => {
            pattern_calls_service(inner)
                || aggregates.iter().any(|(_, a)| match a {
                    spargebra::algebra::AggregateExpression::FunctionCall { expr, .. } => {
                        expression_calls_service(expr)
                    }
                    _ => false,
                })
        }
        P::Graph { inner, .. }
        | P::Project { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. } => pattern_calls_service(inner),
    }
}

/// Whether an EXISTS in `expression` calls SERVICE.
fn expression_calls_service(expression: &spargebra::algebra::Expression) -> bool {
    use spargebra::algebra::Expression as E;
    match expression {
        E::Exists(pattern) => pattern_calls_service(pattern),
        E::NamedNode(_) | E::Literal(_) | E::Variable(_) | E::Bound(_) => false,
        E::Or(a, b)
        | E::And(a, b)
        | E::Equal(a, b)
        | E::SameTerm(a, b)
        | E::Greater(a, b)
        | E::GreaterOrEqual(a, b)
        | E::Less(a, b)
        | E::LessOrEqual(a, b)
        | E::Add(a, b)
        | E::Subtract(a, b)
        | E::Multiply(a, b)
        | E::Divide(a, b) => expression_calls_service(a) || expression_calls_service(b),
        E::In(a, list) => expression_calls_service(a) || list.iter().any(expression_calls_service),
        E::UnaryPlus(a) | E::UnaryMinus(a) | E::Not(a) => expression_calls_service(a),
        E::If(a, b, c) => [a, b, c].iter().any(|e| expression_calls_service(e)),
        E::Coalesce(list) | E::FunctionCall(_, list) => list.iter().any(expression_calls_service),
    }
}

/// The end of the comment starting at `i`.
fn skip_comment(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// The end of the string (short or long) starting at `i`.
fn skip_string(b: &[u8], i: usize) -> usize {
    let q = b[i];
    if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
        let mut j = i + 3;
        while j < b.len() && !(b[j] == q && b.get(j + 1) == Some(&q) && b.get(j + 2) == Some(&q)) {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        j + 3
    } else {
        let mut j = i + 1;
        while j < b.len() && b[j] != q && b[j] != b'\n' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        j + 1
    }
}

/// The end of the IRI starting at `i`, or just past the `<` when it is an operator.
fn skip_iri(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len()
        && !matches!(
            b[j],
            b'>' | b' '
                | b'\t'
                | b'\n'
                | b'\r'
                | b'<'
                | b'"'
                | b'{'
                | b'}'
                | b'|'
                | b'^'
                | b'`'
                | b'\\'
        )
    {
        j += 1;
    }
    if b.get(j) == Some(&b'>') {
        j + 1
    } else {
        i + 1
    }
}

/// The end of a name (a prefixed name or a keyword) from `i`: a `-` or `.`
/// inside is part of a prefixed name.
fn skip_name(b: &[u8], mut i: usize) -> usize {
    while i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || matches!(b[i], b'_' | b':' | b'-' | b'.' | b'%' | b'\\')
            || b[i] >= 0x80)
    {
        i += 1;
    }
    // A name never ends with a dot: that one closes the triple.
    while i > 0 && b[i - 1] == b'.' {
        i -= 1;
    }
    i
}

/// The end of a variable's name from `i`: letters, digits and `_`.
fn skip_variable(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
        i += 1;
    }
    i
}

/// The end of a number from `i`: digits, one decimal point, an exponent.
fn skip_number(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    while i > 0 && b[i - 1] == b'.' {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_skips_strings_iris_and_comments() {
        assert_eq!(nesting_depth("SELECT * WHERE { ?s ?p ?o }"), 1);
        assert_eq!(
            nesting_depth("SELECT * WHERE { { ?s ?p \"{{{{\" } } # {{{{"),
            2
        );
        assert_eq!(
            nesting_depth("ASK { <http://x/{a}> ?p '''((('''. FILTER(?a < ?b) }"),
            2
        );
        assert_eq!(nesting_depth(&"{".repeat(10_000)), 10_000);
        assert_eq!(nesting_depth("ASK { FILTER(! ! !true) }"), 5);
        assert_eq!(
            nesting_depth("ASK { FILTER(?a != -1 && ?b = \"x\"^^<http://t>) }"),
            4
        );
    }
}
