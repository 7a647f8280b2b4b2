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
    "trace-origins",
    "trace-assumptions",
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
    "circular-reporting",
    "indicators",
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

/// A parameter a query's header declares, on a line of its own:
///
/// ```text
/// # param ?source required: the source's IRI (e.g. --param source=…).
/// # param ?graph optional: the brief's named graph (bind it with --brief ID); without it,
/// #   every brief of the store.
/// ```
///
/// A header line that starts with two spaces or more after its `#`
/// continues the declaration above it. A query that takes no parameter says
/// `# Parameters: none`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The variable's name, without its `?`.
    pub name: String,
    /// Whether the query gives a wrong answer, or none, without it.
    pub required: bool,
    /// What to bind it to.
    pub doc: String,
}

impl NamedQuery {
    /// The header comment: what the query answers and its parameters.
    pub fn description(&self) -> String {
        self.header().map(str::trim).collect::<Vec<_>>().join("\n")
    }

    /// The header's lines, each without its `#`.
    fn header(&self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| &l[1..])
    }

    /// The parameters the header declares, in its order.
    pub fn parameters(&self) -> Vec<Parameter> {
        let mut out: Vec<Parameter> = Vec::new();
        let mut in_declaration = false;
        for line in self.header() {
            if let Some(declaration) = line.trim().strip_prefix("param ?") {
                let (name, rest) = declaration.split_once(' ').unwrap_or((declaration, ""));
                let rest = rest.trim_start();
                let (required, doc) = match rest.split_once(':') {
                    Some(("required", doc)) => (true, doc),
                    Some(("optional", doc)) => (false, doc),
                    _ => (false, rest),
                };
                out.push(Parameter {
                    name: name.to_string(),
                    required,
                    doc: doc.trim().to_string(),
                });
                in_declaration = true;
            } else if in_declaration && line.starts_with("  ") && !line.trim().is_empty() {
                let last = out.last_mut().expect("a declaration");
                last.doc.push(' ');
                last.doc.push_str(line.trim());
            } else {
                in_declaration = false;
            }
        }
        out
    }

    /// The required parameters that `bound` (the names bound, without `?`)
    /// leaves out.
    pub fn missing_parameters(&self, bound: &[&str]) -> Vec<Parameter> {
        self.parameters()
            .into_iter()
            .filter(|p| p.required && !bound.contains(&p.name.as_str()))
            .collect()
    }

    /// Why the query's rows name no brief when it runs over the whole store,
    /// from its header's `# no brief column: …` line.
    pub fn no_brief_column(&self) -> Option<&'static str> {
        self.header()
            .find_map(|l| l.trim().strip_prefix("no brief column:"))
            .map(str::trim)
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
            let parameters = q.parameters();
            assert!(
                !parameters.is_empty() || q.description().contains("Parameters: none"),
                "{} neither declares a parameter nor says `Parameters: none`",
                q.name
            );
            for p in &parameters {
                let declared = q.header().any(|l| {
                    l.trim()
                        .starts_with(&format!("param ?{} required:", p.name))
                        || l.trim()
                            .starts_with(&format!("param ?{} optional:", p.name))
                });
                assert!(
                    declared,
                    "{}: ?{} is neither required nor optional",
                    q.name, p.name
                );
                assert!(!p.doc.is_empty(), "{}: ?{} has no doc", q.name, p.name);
                let body: String = q.text.lines().filter(|l| !l.starts_with('#')).collect();
                assert!(
                    body.contains(&format!("?{}", p.name)),
                    "{}: ?{} is declared but not used",
                    q.name,
                    p.name
                );
            }
        }
    }

    /// A query that can run over the whole store (it does not require
    /// `?graph`) says in a `brief` column which brief each row comes from,
    /// or says in its header why it has none.
    #[test]
    fn every_corpus_wide_query_has_a_brief_column_or_says_why_not() {
        for q in QUERIES {
            let graph_required = q
                .parameters()
                .iter()
                .any(|p| p.name == "graph" && p.required);
            if graph_required || q.no_brief_column().is_some() {
                continue;
            }
            let spargebra::Query::Select { pattern, .. } = parse_query(q.text).unwrap() else {
                panic!("{} is not a SELECT", q.name);
            };
            assert!(
                projected(&pattern).iter().any(|v| v.as_str() == "brief"),
                "{} runs over every brief without a ?brief column or a `# no brief column:` line",
                q.name
            );
        }
    }

    /// The variables a SELECT's outermost projection keeps.
    fn projected(pattern: &spargebra::algebra::GraphPattern) -> Vec<oxigraph::model::Variable> {
        use spargebra::algebra::GraphPattern as P;
        match pattern {
            P::Project { variables, .. } => variables.clone(),
            P::Distinct { inner } | P::Reduced { inner } => projected(inner),
            P::Slice { inner, .. } | P::OrderBy { inner, .. } => projected(inner),
            _ => Vec::new(),
        }
    }

    #[test]
    fn parameters_are_read_from_the_header() {
        let q = named_query("linked-birth-dates").unwrap();
        let parameters = q.parameters();
        assert_eq!(
            parameters
                .iter()
                .map(|p| (p.name.as_str(), p.required))
                .collect::<Vec<_>>(),
            [("graph", false), ("kb", true)]
        );
        assert!(
            parameters[1]
                .doc
                .ends_with("(or a mirror, or a local copy)."),
            "{}",
            parameters[1].doc
        );
        assert_eq!(
            q.missing_parameters(&["graph"]),
            vec![parameters[1].clone()]
        );
        assert!(q.missing_parameters(&["kb"]).is_empty());
        let q = named_query("trace-nodes").unwrap();
        assert_eq!(q.missing_parameters(&[])[0].name, "graph");
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
