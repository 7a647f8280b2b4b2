//! JSON-LD a person can read: oxigraph writes expanded JSON-LD with full IRIs; this puts the project's prefixes in `@context` and compacts every IRI of the body with them.
//!
//! Only IRI positions are rewritten (keys, `@id`, `@type`), never `@value`,
//! and an IRI is compacted only to `prefix:rest` with a `rest` that cannot be
//! read back as an absolute IRI, so the document expands to the same quads.

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
use serde_json::{Map, Value};

use crate::Error;

/// Writes `quads` as compacted JSON-LD with `prefixes` in its `@context`.
pub fn write(
    quads: &[Quad],
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut writer = RdfSerializer::from_format(RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    })
    .for_writer(Vec::new());
    for quad in quads {
        writer
            .serialize_quad(quad)
            .map_err(|e| Error::Io(e.to_string()))?;
    }
    let bytes = writer.finish().map_err(|e| Error::Io(e.to_string()))?;
    let expanded: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Error::Internal(format!("oxigraph wrote JSON-LD that does not parse: {e}")))?;
    let document = compact_document(expanded, prefixes);
    serde_json::to_writer_pretty(&mut *out, &document).map_err(|e| Error::Io(e.to_string()))?;
    out.write_all(b"\n").map_err(|e| Error::Io(e.to_string()))?;
    Ok(())
}

/// The expanded document `expanded` with `prefixes` as its `@context` and its IRIs compacted.
pub fn compact_document(expanded: Value, prefixes: &[(String, String)]) -> Value {
    let mut context = Map::new();
    for (prefix, iri) in prefixes {
        context.insert(prefix.clone(), Value::String(iri.clone()));
    }
    let body = match expanded {
        Value::Object(mut o) => {
            o.remove("@context");
            o.remove("@graph").unwrap_or(Value::Object(o))
        }
        other => other,
    };
    let mut document = Map::new();
    document.insert("@context".into(), Value::Object(context));
    document.insert("@graph".into(), compact_value(body, prefixes));
    Value::Object(document)
}

fn compact_value(value: Value, prefixes: &[(String, String)]) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| compact_value(v, prefixes))
                .collect(),
        ),
        Value::Object(object) => {
            let mut out = Map::new();
            for (key, v) in object {
                let v = match (key.as_str(), v) {
                    ("@id" | "@type", Value::String(iri)) => {
                        Value::String(compact_iri(&iri, prefixes))
                    }
                    ("@type", Value::Array(types)) => Value::Array(
                        types
                            .into_iter()
                            .map(|t| match t {
                                Value::String(iri) => Value::String(compact_iri(&iri, prefixes)),
                                other => other,
                            })
                            .collect(),
                    ),
                    ("@value" | "@language" | "@direction", v) => v,
                    (_, v) => compact_value(v, prefixes),
                };
                let key = if key.starts_with('@') {
                    key
                } else {
                    compact_iri(&key, prefixes)
                };
                out.insert(key, v);
            }
            Value::Object(out)
        }
        other => other,
    }
}

/// `iri` as `prefix:rest` with the longest matching namespace, when that reads back as the same IRI.
pub fn compact_iri(iri: &str, prefixes: &[(String, String)]) -> String {
    if iri.starts_with("_:") {
        return iri.to_string();
    }
    // An IRI that already looks like `prefix:…` would be expanded on reading: leave those alone.
    if let Some((scheme, _)) = iri.split_once(':') {
        if prefixes.iter().any(|(p, _)| p == scheme) {
            return iri.to_string();
        }
    }
    prefixes
        .iter()
        .filter(|(_, ns)| iri.len() > ns.len() && iri.starts_with(ns.as_str()))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| (p, &iri[ns.len()..]))
        .filter(|(_, rest)| !rest.starts_with("//"))
        .map(|(p, rest)| format!("{p}:{rest}"))
        .unwrap_or_else(|| iri.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_compact_with_the_longest_namespace() {
        let p = vec![
            ("a".to_string(), "http://x.org/".to_string()),
            ("b".to_string(), "http://x.org/ns#".to_string()),
        ];
        assert_eq!(compact_iri("http://x.org/ns#T", &p), "b:T");
        assert_eq!(compact_iri("http://x.org/k/1", &p), "a:k/1");
        assert_eq!(compact_iri("http://x.org/", &p), "http://x.org/");
        assert_eq!(compact_iri("http://x.org///y", &p), "http://x.org///y");
        assert_eq!(compact_iri("a:b", &p), "a:b");
    }
}
