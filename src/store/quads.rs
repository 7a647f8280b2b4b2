//! Reading quads straight from the store, without SPARQL: one graph's quads, whether a graph holds exactly some quads, a sorted dump, and an RDF export.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNodeRef, Quad};

use super::KnowledgeBase;
use crate::Error;
use crate::vocab::PREFIXES;

impl KnowledgeBase {
    /// Every quad of the named graph `graph`, in the store's order.
    pub fn graph_quads(&self, graph: NamedNodeRef<'_>) -> Result<Vec<Quad>, Error> {
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// Whether the graph `graph` holds exactly `quads` (given in that graph).
    pub fn graph_holds_exactly(
        &self,
        graph: NamedNodeRef<'_>,
        quads: &[Quad],
    ) -> Result<bool, Error> {
        let mut count = 0usize;
        for quad in
            self.store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
        {
            quad?;
            count += 1;
            if count > quads.len() {
                return Ok(false);
            }
        }
        if count != quads.len() {
            return Ok(false);
        }
        for quad in quads {
            if !self.store.contains(quad)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Writes every quad of the store as N-Quads, sorted, so that two dumps compare byte for byte.
    pub fn dump_sorted(&self, out: &mut dyn Write) -> Result<(), Error> {
        let mut lines: Vec<String> = Vec::new();
        for quad in self.store.iter() {
            lines.push(format!("{} .\n", quad?));
        }
        lines.sort_unstable();
        for line in lines {
            out.write_all(line.as_bytes())
                .map_err(|e| Error::Io(e.to_string()))?;
        }
        Ok(())
    }

    /// Writes the quads of `graph` (or all graphs) in `format`.
    pub fn export(
        &self,
        graph: Option<NamedNodeRef<'_>>,
        format: RdfFormat,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .map_err(|e| Error::Internal(e.to_string()))?;
        }
        let mut writer = serializer.for_writer(out);
        let graph_name = graph.map(|g| GraphName::NamedNode(g.into_owned()));
        let quads = self.store.quads_for_pattern(
            None,
            None,
            None,
            graph_name.as_ref().map(GraphName::as_ref),
        );
        for quad in quads {
            let quad = quad?;
            let quad = if format.supports_datasets() {
                quad
            } else {
                Quad::new(
                    quad.subject,
                    quad.predicate,
                    quad.object,
                    GraphNameRef::DefaultGraph,
                )
            };
            writer
                .serialize_quad(&quad)
                .map_err(|e| Error::Io(e.to_string()))?;
        }
        writer.finish().map_err(|e| Error::Io(e.to_string()))?;
        Ok(())
    }
}
