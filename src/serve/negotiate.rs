//! Content negotiation: the media types offered for results and for graphs, the one an `Accept`
//! header prefers, and the serialisation format each names.

use oxhttp::model::StatusCode;
use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use super::fail::{Fail, fail};

/// Media types offered for SELECT and ASK results; the first is the default.
pub(super) const RESULT_TYPES: &[&str] = &[
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];

/// Media types offered for graphs; the first is the default.
pub(super) const RDF_TYPES: &[&str] = &[
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "text/plain",
    "application/xml",
];

/// Picks the offered media type the `Accept` header prefers (highest q,
/// then the header's order); no header, or `*/*`, takes the first offer.
pub(super) fn negotiate(
    accept: Option<&str>,
    offers: &[&'static str],
) -> Result<&'static str, Fail> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(offers[0]);
    };
    let mut ranges: Vec<(f32, usize, String)> = Vec::new();
    for (i, item) in accept.split(',').enumerate() {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && !range.is_empty() {
            ranges.push((q, i, range));
        }
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, range) in &ranges {
        if range == "*/*" {
            return Ok(offers[0]);
        }
        if let Some(kind) = range.strip_suffix("/*") {
            if let Some(o) = offers.iter().find(|o| o.split('/').next() == Some(kind)) {
                return Ok(o);
            }
        }
        if let Some(o) = offers.iter().find(|o| **o == range) {
            return Ok(o);
        }
    }
    Err(fail(
        StatusCode::NOT_ACCEPTABLE,
        "not-acceptable",
        format!(
            "cannot answer in any type of `{accept}`; offered: {}",
            offers.join(", ")
        ),
    ))
}

/// The results format of one of [`RESULT_TYPES`].
pub(super) fn results_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

/// The graph format of one of [`RDF_TYPES`].
pub(super) fn rdf_format(media: &str) -> RdfFormat {
    match media {
        "application/rdf+xml" | "application/xml" => RdfFormat::RdfXml,
        "application/n-triples" | "text/plain" => RdfFormat::NTriples,
        "application/ld+json" => {
            RdfFormat::from_media_type("application/ld+json").unwrap_or(RdfFormat::Turtle)
        }
        _ => RdfFormat::Turtle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_quality_then_order() {
        assert_eq!(negotiate(None, RESULT_TYPES).unwrap(), RESULT_TYPES[0]);
        assert_eq!(
            negotiate(
                Some("text/csv;q=0.5, application/sparql-results+xml"),
                RESULT_TYPES
            )
            .unwrap(),
            "application/sparql-results+xml"
        );
        assert_eq!(
            negotiate(Some("text/html, */*;q=0.8"), RDF_TYPES).unwrap(),
            "text/turtle"
        );
        assert!(negotiate(Some("image/png"), RDF_TYPES).is_err());
    }
}
