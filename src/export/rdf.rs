//! Writing quads as Turtle, TriG, N-Triples, N-Quads, RDF/XML or JSON-LD with readable prefixes.
//!
//! Reading RDF files is interchange: see `crate::interchange::rdf`.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad};

use crate::Error;

/// Writes `quads` in `format`. A triple format takes the quads of one graph
/// only (their graph name is dropped); the whole store needs a dataset format.
pub fn write(
    quads: &[Quad],
    format: RdfFormat,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), Error> {
    if let RdfFormat::JsonLd { .. } = format {
        return super::jsonld::write(quads, prefixes, out);
    }
    if !format.supports_datasets() {
        let mut graphs: Vec<&GraphName> = quads.iter().map(|q| &q.graph_name).collect();
        graphs.dedup();
        graphs.sort_by_key(|g| g.to_string());
        graphs.dedup();
        if graphs.len() > 1 {
            return Err(Error::NotFound(format!(
                "{} holds one graph only, and this export has {}: use --format trig or --format nquads, or export one brief with --brief ID",
                format.name(),
                graphs.len()
            )));
        }
    }
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in prefixes {
        serializer = serializer
            .with_prefix(prefix, iri)
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    let mut writer = serializer.for_writer(out);
    for quad in quads {
        let result = if format.supports_datasets() {
            writer.serialize_quad(quad)
        } else {
            writer.serialize_triple(quad.as_ref())
        };
        result.map_err(|e| Error::Io(e.to_string()))?;
    }
    writer.finish().map_err(|e| Error::Io(e.to_string()))?;
    Ok(())
}
