//! The named queries of `queries/`: their texts built into the binary, their header comments, and each parsed once per process.

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
    "trace-undercuts",
    "graph-nodes",
    "graph-edges",
    "export-quads",
    "matrix-hypotheses",
    "matrix-evidence",
    "matrix-ratings",
    "graph-schemes",
    "graph-dialogue",
    "graph-aif",
    "argdown-extras",
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
    "link-candidates",
    "linked-birth-dates",
    "pull-count",
    "pull-triples",
    "reanchor-quotes",
    "reanchor-text",
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

/// Parses `query`. The queries of `queries/` are parsed once per process and
/// cloned after that: parsing the trace's node query takes about as long as
/// scanning a brief for one property.
pub(crate) fn parse_query(query: &str) -> Result<spargebra::Query, crate::Error> {
    static PARSED: std::sync::OnceLock<Vec<std::sync::OnceLock<spargebra::Query>>> =
        std::sync::OnceLock::new();
    // Every query a user gives is measured first: see `guard`.
    let parse = crate::sparql::guard::parse_query;
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
}
