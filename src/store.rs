//! The persistent knowledge base: the only module that touches `oxigraph::store::Store`.
//!
//! Each brief lives in its own named graph and the ontology in another.
//! Loading replaces whole graphs in one transaction (or one bulk load, for a
//! fresh corpus), so a call either lands completely or leaves the store as
//! it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use std::collections::HashMap;

use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::Error;
use crate::sparql::{Answer, Backend, Solutions};
use crate::vocab::{ONTOLOGY, PREFIXES};

/// The ontology, built into the binary.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/argmap.ttl");

/// Above this many quads, a load into graphs that do not exist yet goes
/// through the bulk loader rather than one in-memory transaction.
const BULK_THRESHOLD: usize = 200_000;

/// An open knowledge base.
pub struct KnowledgeBase {
    store: Store,
    path: Option<PathBuf>,
}

/// One graph to write: its name and all of its quads.
pub struct GraphData {
    pub graph: NamedNode,
    pub quads: Vec<Quad>,
}

impl KnowledgeBase {
    /// Opens (or creates) the store in `path`.
    pub fn open(path: &Path) -> Result<KnowledgeBase, Error> {
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| Error::Open {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?;
            }
        }
        match Store::open(path) {
            Ok(store) => Ok(KnowledgeBase {
                store,
                path: Some(path.to_path_buf()),
            }),
            Err(e) => {
                let message = e.to_string();
                if message.contains("lock") || message.contains("Resource temporarily unavailable")
                {
                    Err(Error::Locked {
                        path: path.to_path_buf(),
                    })
                } else {
                    Err(Error::Open {
                        path: path.to_path_buf(),
                        message,
                    })
                }
            }
        }
    }

    /// An empty knowledge base in memory.
    pub fn in_memory() -> Result<KnowledgeBase, Error> {
        Ok(KnowledgeBase {
            store: Store::new()?,
            path: None,
        })
    }

    /// Where the store lives, if on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The ontology's quads, in its own graph. Its blank nodes (OWL lists
    /// and unions) become skolem IRIs numbered in order of appearance, so
    /// that every load writes the same quads and dumps compare byte for byte.
    pub fn ontology_quads() -> Result<Vec<Quad>, Error> {
        let graph = NamedNode::new_unchecked(ONTOLOGY);
        let quads = RdfParser::from_format(RdfFormat::Turtle)
            .without_named_graphs()
            .with_default_graph(graph)
            .for_slice(ONTOLOGY_TTL.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Internal(format!("the built-in ontology does not parse: {e}")))?;
        let mut names: HashMap<String, NamedNode> = HashMap::new();
        let mut skolem = |b: &oxigraph::model::BlankNode| -> NamedNode {
            let next = names.len() + 1;
            names
                .entry(b.as_str().to_string())
                .or_insert_with(|| {
                    NamedNode::new_unchecked(format!("{ONTOLOGY}/.well-known/genid/{next}"))
                })
                .clone()
        };
        Ok(quads
            .into_iter()
            .map(|q| {
                let subject = match q.subject {
                    NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::NamedNode(skolem(&b)),
                    other => other,
                };
                let object = match q.object {
                    Term::BlankNode(b) => Term::NamedNode(skolem(&b)),
                    other => other,
                };
                Quad::new(subject, q.predicate, object, q.graph_name)
            })
            .collect())
    }

    /// Replaces each graph of `graphs` with its quads, all or nothing.
    pub fn replace_graphs(
        &self,
        graphs: &[GraphData],
        progress: &dyn Fn(u64),
    ) -> Result<(), Error> {
        let total: usize = graphs.iter().map(|g| g.quads.len()).sum();
        let mut fresh = true;
        for g in graphs {
            if self.store.contains_named_graph(g.graph.as_ref())? {
                fresh = false;
                break;
            }
        }
        if fresh && total >= BULK_THRESHOLD {
            // The bulk loader is atomic and insert-only: right for graphs that do not exist yet.
            let mut loader = self
                .store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(256);
            let mut done = 0u64;
            for g in graphs {
                loader.load_quads(g.quads.iter().cloned())?;
                done += g.quads.len() as u64;
                progress(done);
            }
            loader.commit()?;
            for g in graphs {
                self.store.insert_named_graph(g.graph.as_ref())?;
            }
            return Ok(());
        }
        let mut transaction = self.store.start_transaction()?;
        let mut done = 0u64;
        for g in graphs {
            transaction.clear_graph(g.graph.as_ref())?;
            transaction.insert_named_graph(g.graph.as_ref());
            transaction.extend(g.quads.iter());
            done += g.quads.len() as u64;
            progress(done);
        }
        transaction.commit()?;
        Ok(())
    }

    /// Whether the named graph `graph` exists.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, Error> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// Removes the named graph `graph` and its quads.
    pub fn remove_graph(&self, graph: NamedNodeRef<'_>) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(graph)?;
        transaction.commit()?;
        Ok(())
    }

    /// Every quad of the named graph `graph`, in the store's order.
    pub fn graph_quads(&self, graph: NamedNodeRef<'_>) -> Result<Vec<Quad>, Error> {
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// The number of quads in the store.
    pub fn len(&self) -> Result<usize, Error> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.store.is_empty()?)
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

impl Backend for KnowledgeBase {
    fn run(&self, query: &str, bindings: &[(String, Term)]) -> Result<Answer, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let prepared = SparqlEvaluator::new()
            .without_default_http_service_handler()
            .for_query(query);
        let results = prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        Ok(match results {
            QueryResults::Boolean(b) => Answer::Boolean(b),
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| Error::Query(e.to_string()))?;
                    rows.push(
                        variables
                            .iter()
                            .map(|v| solution.get(v.as_str()).cloned())
                            .collect(),
                    );
                }
                Answer::Solutions(Solutions { variables, rows })
            }
            QueryResults::Graph(triples) => Answer::Graph(
                triples
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| Error::Query(e.to_string()))?,
            ),
        })
    }
}
