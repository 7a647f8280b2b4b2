//! The guard before the SPARQL parser: how deeply a text nests, counted without parsing, because the parser's recursion can overflow any stack.

/// Default cap on the bracket nesting of a query or update. oxigraph's
/// parser overflows a 2 MiB stack near 600 levels and any stack near 5,000,
/// which kills the process; 128 leaves a wide margin and no real query
/// comes near it.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// The deepest nesting of `(`, `[` and `{` in SPARQL text, outside strings,
/// IRIs and comments, where a run of prefix operators (`!`, `-`, `+`, `^`)
/// counts as that many levels more: the parser recurses on each. Counted before parsing: a parser that recurses on
/// brackets overflows the stack on deep enough input, and that aborts the
/// whole process. A `<` counts as an IRI's start only when a `>` follows
/// with no character an IRI cannot hold, so `?a < ?b` is still an operator.
pub fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut depth, mut max, mut run) = (0, 0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'!' | b'-' | b'+' | b'^' => {
                run += 1;
                max = max.max(depth + run);
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            _ => run = 0,
        }
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                    i += 3;
                    while i < b.len()
                        && !(b[i] == q && b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q))
                    {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 2;
                } else {
                    i += 1;
                    while i < b.len() && b[i] != q && b[i] != b'\n' {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
            }
            b'<' => {
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
                    i = j;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
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
