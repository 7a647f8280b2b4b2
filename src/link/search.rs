//! Asking a SPARQL endpoint for candidates: the spellings of each label, sent in batches with a pause between them (query `link-candidates`).

use std::collections::BTreeSet;

use oxigraph::model::{GraphName, Literal, Quad, Term};
use unicode_normalization::UnicodeNormalization;

use crate::Error;
use crate::link::entity::{Entity, entities_of};
use crate::sparql::Backend;

/// How to ask a SPARQL endpoint for candidates.
#[derive(Debug, Clone)]
pub struct EndpointSearch {
    /// Labels asked per request.
    pub batch: usize,
    /// The pause between two requests, to be polite to a public endpoint.
    pub delay: std::time::Duration,
    /// The language tag of the endpoint's labels (`en`); plain literals are asked too.
    pub language: String,
}

/// The spellings of `label` an endpoint is asked for: an endpoint matches
/// labels exactly, so the folding happens here: as written, without
/// accents, and with each hyphen as a space, dropped, or dropped with the
/// next letter in lower case ("Ri Yong-ho", "Ri Yong Ho", "Ri Yongho").
pub fn spellings(label: &str) -> Vec<String> {
    let unaccented: String = label
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for base in [label.to_string(), unaccented] {
        let spaced = base.replace('-', " ");
        let capitalised = title_after(&base, '-', " ");
        let joined = {
            let mut s = String::new();
            let mut lower_next = false;
            for c in base.chars() {
                if c == '-' {
                    lower_next = true;
                    continue;
                }
                if lower_next {
                    s.extend(c.to_lowercase());
                    lower_next = false;
                } else {
                    s.push(c);
                }
            }
            s
        };
        // Two words are also asked the other way round, as catalogues
        // file people: "Matsegora, Alexander" and "Matsegora Alexander".
        let words: Vec<&str> = base.split_whitespace().collect();
        let reordered = match words[..] {
            [first, last] => vec![format!("{last}, {first}"), format!("{last} {first}")],
            _ => Vec::new(),
        };
        for s in [base.clone(), spaced, capitalised, joined]
            .into_iter()
            .chain(reordered)
        {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn title_after(text: &str, mark: char, with: &str) -> String {
    let mut s = String::new();
    let mut upper_next = false;
    for c in text.chars() {
        if c == mark {
            s.push_str(with);
            upper_next = true;
            continue;
        }
        if upper_next {
            s.extend(c.to_uppercase());
            upper_next = false;
        } else {
            s.push(c);
        }
    }
    s
}

/// Asks `endpoint` for the entities whose label (any of
/// [`LABEL_PREDICATES`]) is a spelling of a label of `entities`, in batches
/// with a pause between them, and returns them with their labels (in the
/// language asked, or plain) and classes. `progress` hears (batches done, batches).
pub fn endpoint_candidates(
    endpoint: &dyn Backend,
    entities: &[Entity],
    search: &EndpointSearch,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<Entity>, Error> {
    let mut needles: BTreeSet<String> = BTreeSet::new();
    for e in entities {
        for l in &e.labels {
            needles.extend(spellings(&l.text));
        }
    }
    let needles: Vec<String> = needles.into_iter().collect();
    let batches: Vec<&[String]> = needles.chunks(search.batch.max(1)).collect();
    let query = crate::sparql::named_query("link-candidates")
        .ok_or_else(|| Error::Internal("no query link-candidates".into()))?;
    let language = [(
        "language".to_string(),
        Term::from(Literal::new_simple_literal(&search.language)),
    )];
    let mut quads = Vec::new();
    for (n, batch) in batches.iter().enumerate() {
        if n > 0 {
            std::thread::sleep(search.delay);
        }
        let mut values = Vec::with_capacity(batch.len() * 2);
        for needle in *batch {
            values.push(Literal::new_simple_literal(needle).into());
            if let Ok(tagged) =
                Literal::new_language_tagged_literal(needle.as_str(), search.language.as_str())
            {
                values.push(tagged.into());
            }
        }
        let query = crate::sparql::bind::with_values(query.text, "needle", &values)?;
        let rows = endpoint.select(&query, &language)?;
        let (Some(e), Some(p), Some(v)) = (
            rows.column("entity"),
            rows.column("p"),
            rows.column("value"),
        ) else {
            return Err(Error::Incomplete(
                "the endpoint's answer lacks ?entity, ?p or ?value".into(),
            ));
        };
        for row in &rows.rows {
            if let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) =
                (&row[e], &row[p], &row[v])
            {
                quads.push(Quad::new(
                    s.clone(),
                    p.clone(),
                    o.clone(),
                    GraphName::DefaultGraph,
                ));
            }
        }
        progress(n + 1, batches.len());
    }
    Ok(entities_of(&quads))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::entity::{LABEL_PREDICATES, TYPE_PREDICATES};

    #[test]
    fn an_endpoint_is_asked_for_the_spellings_a_catalogue_may_use() {
        let hyphenated = spellings("Ri Yong-ho");
        for s in ["Ri Yong-ho", "Ri Yong ho", "Ri Yong Ho", "Ri Yongho"] {
            assert!(hyphenated.contains(&s.to_string()), "{s}: {hyphenated:?}");
        }
        let accented = spellings("António Guterres");
        for s in ["Antonio Guterres", "Guterres, António", "Guterres Antonio"] {
            assert!(accented.contains(&s.to_string()), "{s}: {accented:?}");
        }
        let unique: BTreeSet<&String> = accented.iter().collect();
        assert_eq!(unique.len(), accented.len(), "{accented:?}");
    }

    #[test]
    fn the_endpoint_is_asked_for_every_label_and_type_predicate() {
        let text = crate::sparql::named_query("link-candidates").unwrap().text;
        let parsed = spargebra::SparqlParser::new()
            .parse_query(text)
            .unwrap()
            .to_string();
        for p in LABEL_PREDICATES
            .iter()
            .map(|(p, _)| *p)
            .chain(TYPE_PREDICATES.iter().copied())
        {
            assert!(parsed.contains(&format!("<{p}>")), "{p} is not asked");
        }
    }
}
