//! The persistent knowledge base: the only module that touches `oxigraph::store::Store`.
//!
//! Each brief lives in its own named graph and the ontology in another.
//! Loading replaces whole graphs in one transaction (or one bulk load, for a
//! fresh corpus), so a call either lands completely or leaves the store as
//! it was.

// Without RocksDB only the in-memory store exists; the helpers of the
// on-disk store are then unused.
#![cfg_attr(not(feature = "rocksdb"), allow(dead_code, unused_imports))]
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use std::collections::HashMap;

use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::Error;
use crate::sparql::{Answer, Backend, Solutions};
use crate::vocab::{ONTOLOGY, PREFIXES};

pub mod compile;
pub mod load;

/// The ontology, built into the binary.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/argmap.ttl");

/// The bulk loader's memory target, in megabytes, shared by its threads.
/// Larger batches gain little speed and cost resident memory.
const BULK_MEMORY_MB: usize = 256;

/// What [`KnowledgeBase::write_graphs`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Quads written.
    pub quads: usize,
    /// Whether they went through the bulk loader (all graphs were new).
    pub bulk: bool,
}

/// An open knowledge base. Cloning it shares the same store.
#[derive(Clone)]
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
    /// Opens (or creates) the store in `path` for writing.
    ///
    /// Only one process may hold a store for writing: a second one gets
    /// [`Error::Locked`] at once, naming the process that holds it. A store
    /// written by an argmap that recorded no format version is adopted (the
    /// layout has not changed since); one from a newer format is refused
    /// before RocksDB touches it.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<KnowledgeBase, Error> {
        let existing = path.join("CURRENT").exists();
        if existing {
            check_format(path)?;
        }
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| open_error(path, &e.to_string()))?;
            }
        }
        let store = Store::open(path).map_err(|e| open_error(path, &e.to_string()))?;
        remove_stale_bulk_files(path);
        prune_old_logs(path);
        if read_format(path)?.is_none() {
            write_format(path).map_err(|e| open_error(path, &e))?;
        }
        Ok(KnowledgeBase {
            store,
            path: Some(path.to_path_buf()),
        })
    }

    /// Opens the store in `path` for reading only, without taking its lock.
    ///
    /// Readers never wait for a writer and never block one: RocksDB's
    /// read-only mode reads the state as of the last completed write (a load
    /// or a drop is one atomic write), so a reader sees a store before or
    /// after a write, never part of one. It needs no write permission.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<KnowledgeBase, Error> {
        check_format(path)?;
        let store = Store::open_read_only(path).map_err(|e| open_error(path, &e.to_string()))?;
        Ok(KnowledgeBase {
            store,
            path: Some(path.to_path_buf()),
        })
    }

    /// Writes a consistent copy of the store into `target`, a folder that
    /// must not exist yet, and returns the number of quads copied.
    ///
    /// It uses RocksDB's checkpoints (oxigraph's `Store::backup`): on the same
    /// file system the immutable table files are hard-linked, so a backup is
    /// quick and small; elsewhere they are copied. It works on a store opened
    /// read-only, so a backup can run while another process writes.
    #[cfg(feature = "rocksdb")]
    pub fn backup(&self, target: &Path) -> Result<usize, Error> {
        if self.path.is_none() {
            return Err(Error::Internal(
                "an in-memory store cannot be backed up".into(),
            ));
        }
        if target.exists() {
            return Err(Error::Io(format!(
                "{} exists already; a backup goes into a new folder",
                target.display()
            )));
        }
        self.store
            .backup(target)
            .map_err(|e| write_error(target, &e.to_string()))?;
        write_format(target).map_err(|e| write_error(target, &e))?;
        let copy = Store::open_read_only(target).map_err(|e| open_error(target, &e.to_string()))?;
        Ok(copy.len()?)
    }

    /// Replaces the store in `path` with a copy of the backup in `backup`,
    /// and returns where the replaced store was moved, if there was one.
    ///
    /// The backup is checked first (it must open and be of a format this
    /// argmap reads), then copied, file by file, into a new folder beside
    /// the store, which takes the store's place in one rename. The files are
    /// copied rather than linked, so damage to the restored store never
    /// reaches the backup. The replaced store is kept, never deleted. A store
    /// in use by another process is refused; a damaged one is replaced.
    #[cfg(feature = "rocksdb")]
    pub fn restore(backup: &Path, path: &Path) -> Result<Option<PathBuf>, Error> {
        if !backup.join("CURRENT").exists() {
            return Err(Error::NotFound(format!(
                "{} is not an argmap backup (it has no CURRENT file); give the folder `argmap backup` made",
                backup.display()
            )));
        }
        drop(KnowledgeBase::open_read_only(backup)?);
        if path.join("CURRENT").exists() {
            // Taking the store for writing proves no other process is using
            // it; a store too damaged to open is what restoring is for.
            match Store::open(path) {
                Ok(store) => drop(store),
                Err(e) => {
                    if let err @ Error::Locked { .. } = open_error(path, &e.to_string()) {
                        return Err(err);
                    }
                }
            }
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "store".into());
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = parent.unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| write_error(path, &e.to_string()))?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let incoming = parent.join(format!(".{name}.restoring-{stamp}"));
        let _ = std::fs::remove_dir_all(&incoming);
        copy_dir(backup, &incoming).map_err(|e| {
            let _ = std::fs::remove_dir_all(&incoming);
            write_error(path, &e.to_string())
        })?;
        let replaced = if path.exists() {
            let aside = parent.join(format!("{name}.replaced-{stamp}"));
            std::fs::rename(path, &aside).map_err(|e| write_error(path, &e.to_string()))?;
            Some(aside)
        } else {
            None
        };
        std::fs::rename(&incoming, path).map_err(|e| write_error(path, &e.to_string()))?;
        sync_dir(parent);
        Ok(replaced)
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
    pub fn replace_graphs(&self, graphs: &[GraphData]) -> Result<(), Error> {
        let names: Vec<NamedNode> = graphs.iter().map(|g| g.graph.clone()).collect();
        self.write_graphs(
            &names,
            graphs.iter().map(|g| (g.graph.clone(), g.quads.clone())),
        )?;
        Ok(())
    }

    /// Replaces the graphs named in `graphs` with the quads of `stream`, all
    /// or nothing; each item of `stream` is a graph's name and some of its
    /// quads (in that graph).
    ///
    /// When none of the graphs exists yet, the stream goes through oxigraph's
    /// bulk loader: it sorts batches of quads into RocksDB files on every
    /// core, with a memory target, and ingests them all at once on commit, so
    /// it is atomic for inserts and memory stays flat however large the load.
    /// Replacing graphs that exist needs their old quads removed in the same
    /// commit, which the bulk loader cannot do: then the whole stream goes
    /// into one transaction, whose memory grows with the load.
    pub fn write_graphs(
        &self,
        graphs: &[NamedNode],
        stream: impl Iterator<Item = (NamedNode, Vec<Quad>)>,
    ) -> Result<Written, Error> {
        let mut fresh = true;
        for g in graphs {
            if self.store.contains_named_graph(g.as_ref())? {
                fresh = false;
                break;
            }
        }
        let mut quads = 0usize;
        if fresh {
            let mut loader = self
                .store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
            // One call with one stream: each call to `load_quads` flushes a
            // batch, so a call per graph would write thousands of tiny files.
            loader
                .load_quads(stream.flat_map(|(_, q)| {
                    quads += q.len();
                    q
                }))
                .map_err(|e| self.write_error(&e))?;
            // One atomic ingestion of every table file, the named graphs
            // included: a kill before it leaves only stray `bulk-*.sst`
            // files, which the next open removes.
            loader.commit().map_err(|e| self.write_error(&e))?;
            self.flush();
            return Ok(Written { quads, bulk: true });
        }
        let mut transaction = self.store.start_transaction()?;
        for g in graphs {
            transaction.clear_graph(g.as_ref())?;
            transaction.insert_named_graph(g.as_ref());
        }
        for (_, q) in stream {
            quads += q.len();
            transaction.extend(q.iter());
        }
        // The transaction is one RocksDB write batch, one record of the
        // write-ahead log: a kill or a full disk before it is complete leaves
        // a torn record that recovery discards.
        transaction.commit().map_err(|e| self.write_error(&e))?;
        self.flush();
        Ok(Written { quads, bulk: false })
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

    /// Moves the write-ahead log into table files, best effort.
    ///
    /// The write is complete and durable once committed; flushing makes it
    /// visible to a backup taken read-only beside a later writer, which
    /// copies table files only. When flushing fails (a full disk), the next
    /// open replays the log instead, so the error is not the caller's.
    fn flush(&self) {
        #[cfg(feature = "rocksdb")]
        let _ = self.store.flush();
    }

    /// The plan oxigraph evaluates for `query` with `bindings` bound, with
    /// the rows and time of each step (the query is run to the end).
    pub fn explain(&self, query: &str, bindings: &[(String, Term)]) -> Result<String, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let (results, explanation) = SparqlEvaluator::new()
            .without_default_http_service_handler()
            .for_query(query)
            .on_store(&self.store)
            .compute_statistics()
            .explain();
        if let QueryResults::Solutions(solutions) =
            results.map_err(|e| Error::Query(e.to_string()))?
        {
            for solution in solutions {
                solution.map_err(|e| Error::Query(e.to_string()))?;
            }
        }
        Ok(format!("{explanation:?}"))
    }

    /// Compacts the store's table files (RocksDB full compaction), so that a
    /// lookup reads one file per level instead of every file a bulk load
    /// ingested.
    #[cfg(feature = "rocksdb")]
    pub fn optimize(&self) -> Result<(), Error> {
        Ok(self.store.optimize()?)
    }

    /// Whether the named graph `graph` exists.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, Error> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// Removes the named graphs `graphs` and their quads, all or nothing.
    pub fn remove_graphs(&self, graphs: &[NamedNode]) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction()?;
        for graph in graphs {
            transaction.remove_named_graph(graph.as_ref())?;
        }
        transaction.commit().map_err(|e| self.write_error(&e))?;
        self.flush();
        Ok(())
    }

    /// A storage error met while writing, told as what the user can do about it.
    fn write_error(&self, e: &oxigraph::store::StorageError) -> Error {
        match &self.path {
            Some(path) => write_error(path, &e.to_string()),
            None => Error::Internal(e.to_string()),
        }
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

/// What a query evaluated for a server may do, and how it is stopped.
pub struct EvalOptions {
    /// Cancels the evaluation when triggered (checked by oxigraph between steps).
    pub cancel: CancellationToken,
    /// Whether SERVICE may call out over HTTP.
    pub allow_service: bool,
    /// `default-graph-uri` values: the default graph is their merge.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri` values: the only named graphs the query sees.
    pub named_graphs: Vec<NamedNode>,
}

impl KnowledgeBase {
    /// Evaluates a parsed query for a server: cancellable, with SERVICE off
    /// unless allowed and the protocol's dataset (`default-graph-uri`,
    /// `named-graph-uri`) applied. The results stream from one snapshot of
    /// the store, so a concurrent update is seen wholly or not at all.
    pub fn evaluate(
        &self,
        query: spargebra::Query,
        options: EvalOptions,
    ) -> Result<QueryResults<'static>, Error> {
        let mut evaluator = SparqlEvaluator::new().with_cancellation_token(options.cancel);
        if !options.allow_service {
            evaluator = evaluator.without_default_http_service_handler();
        }
        let mut prepared = evaluator.for_query(query);
        if !options.default_graphs.is_empty() || !options.named_graphs.is_empty() {
            let dataset = prepared.dataset_mut();
            dataset.set_default_graph(
                options
                    .default_graphs
                    .into_iter()
                    .map(GraphName::NamedNode)
                    .collect(),
            );
            dataset.set_available_named_graphs(
                options
                    .named_graphs
                    .into_iter()
                    .map(NamedOrBlankNode::NamedNode)
                    .collect(),
            );
        }
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))
    }

    /// Runs a SPARQL Update in one transaction: readers see the store before
    /// or after it, never in between. LOAD is refused before anything runs
    /// unless `allow_load`.
    pub fn update(&self, update: &str, allow_load: bool, allow_service: bool) -> Result<(), Error> {
        let parsed = spargebra::SparqlParser::new()
            .parse_update(update)
            .map_err(|e| Error::Syntax(e.to_string()))?;
        if !allow_load
            && parsed
                .operations
                .iter()
                .any(|op| matches!(op, spargebra::GraphUpdateOperation::Load { .. }))
        {
            return Err(Error::Refused(
                "LOAD is disabled on this endpoint: it would fetch a URL or read a file".into(),
            ));
        }
        let mut evaluator = SparqlEvaluator::new();
        if !allow_service {
            evaluator = evaluator.without_default_http_service_handler();
        }
        evaluator
            .for_update(parsed)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))
    }

    /// The triples of one graph (`None`: the default graph), streamed from
    /// one snapshot.
    pub fn graph_triples(
        &self,
        graph: Option<&NamedNode>,
    ) -> impl Iterator<Item = Result<Triple, Error>> + 'static {
        let name = match graph {
            Some(g) => GraphName::NamedNode(g.clone()),
            None => GraphName::DefaultGraph,
        };
        self.store
            .quads_for_pattern(None, None, None, Some(name.as_ref()))
            .map(|q| q.map(Triple::from).map_err(Error::from))
    }

    /// Whether a graph (`None`: the default graph) exists.
    pub fn graph_exists(&self, graph: Option<&NamedNode>) -> Result<bool, Error> {
        match graph {
            Some(g) => Ok(self.store.contains_named_graph(g)?),
            None => Ok(true),
        }
    }

    /// Writes `triples` into a graph (`None`: the default graph) in one
    /// transaction, replacing what it held when `replace`.
    pub fn write_graph(
        &self,
        graph: Option<&NamedNode>,
        triples: &[Triple],
        replace: bool,
    ) -> Result<(), Error> {
        let name = match graph {
            Some(g) => GraphName::NamedNode(g.clone()),
            None => GraphName::DefaultGraph,
        };
        let mut transaction = self.store.start_transaction()?;
        if replace {
            transaction.clear_graph(name.as_ref())?;
        }
        if let Some(g) = graph {
            transaction.insert_named_graph(g);
        }
        for t in triples {
            transaction.insert(t.as_ref().in_graph(name.as_ref()));
        }
        transaction.commit()?;
        Ok(())
    }

    /// Removes a graph (`None`: empties the default graph).
    pub fn delete_graph(&self, graph: Option<&NamedNode>) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction()?;
        match graph {
            Some(g) => transaction.remove_named_graph(g)?,
            None => transaction.clear_graph(GraphNameRef::DefaultGraph)?,
        }
        transaction.commit()?;
        Ok(())
    }
}

impl KnowledgeBase {
    /// Runs `query` as [`Backend::run`] does, but lets SERVICE call other
    /// endpoints over HTTP (oxigraph's client: rustls with the webpki
    /// roots, so HTTPS endpoints need no system certificates), each call
    /// limited to `timeout`. A SERVICE joined with a part of the query that
    /// stays in the store is made selective first ([`crate::sparql::federate`]).
    pub fn run_federated(
        &self,
        query: &str,
        bindings: &[(String, Term)],
        timeout: std::time::Duration,
    ) -> Result<Answer, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let local = |pattern: &spargebra::algebra::GraphPattern| {
            let select = spargebra::Query::Select {
                dataset: None,
                pattern: pattern.clone(),
                base_iri: None,
            };
            solutions(
                SparqlEvaluator::new()
                    .without_default_http_service_handler()
                    .for_query(select)
                    .on_store(&self.store)
                    .execute()
                    .map_err(|e| Error::Query(e.to_string()))?,
            )
        };
        let query = crate::sparql::federate::bind_services(query, bindings, &local)?;
        let results = SparqlEvaluator::new()
            .with_http_timeout(timeout)
            .for_query(query)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        answer(results)
    }
}

/// The rows of a SELECT's results.
fn solutions(results: QueryResults<'_>) -> Result<crate::sparql::Solutions, Error> {
    match answer(results)? {
        Answer::Solutions(s) => Ok(s),
        _ => Err(Error::Internal("a local SELECT gave no rows".into())),
    }
}

/// Reads query results whole.
fn answer(results: QueryResults<'_>) -> Result<Answer, Error> {
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
                // The values come in the order of the variables.
                let mut row = solution.values().to_vec();
                row.resize(variables.len(), None);
                rows.push(row);
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

impl Backend for KnowledgeBase {
    fn run(&self, query: &str, bindings: &[(String, Term)]) -> Result<Answer, Error> {
        let query = crate::sparql::bind_query(query, bindings)?;
        let results = SparqlEvaluator::new()
            .without_default_http_service_handler()
            .for_query(query)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        answer(results)
    }
}

/// The store format this argmap writes and reads. Version 1 is oxigraph
/// 0.5's RocksDB layout holding one named graph per brief plus the
/// ontology's graph; stores from before versioning have the same layout.
pub const FORMAT_VERSION: u32 = 1;

/// The file beside RocksDB's that records the store's format version.
pub const FORMAT_FILE: &str = "ARGMAP_FORMAT";

/// The format version recorded in the store in `path`, if any.
fn read_format(path: &Path) -> Result<Option<u32>, Error> {
    let file = path.join(FORMAT_FILE);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error(path, &e.to_string())),
    };
    text.trim()
        .strip_prefix("argmap store format ")
        .and_then(|v| v.parse().ok())
        .map(Some)
        .ok_or_else(|| Error::Open {
            path: path.to_path_buf(),
            message: format!(
                "{} does not say `argmap store format N`; it holds {:?}. Restore the store from a backup (`argmap restore DIR`)",
                file.display(),
                text.trim()
            ),
        })
}

/// Refuses a store whose format this argmap cannot read.
fn check_format(path: &Path) -> Result<(), Error> {
    match read_format(path)? {
        Some(found) if found > FORMAT_VERSION => Err(Error::NewerFormat {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        }),
        // Older stores: version 0 (no file) has today's layout. A future
        // format change adds its migration here, or an error saying which
        // argmap release converts the store.
        _ => Ok(()),
    }
}

/// Records the current format version in `path`, atomically: a temporary
/// file renamed over the real one, so a kill leaves the old file or the new.
fn write_format(path: &Path) -> Result<(), String> {
    let file = path.join(FORMAT_FILE);
    let temporary = path.join(format!("{FORMAT_FILE}.tmp"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&temporary)?;
        f.write_all(format!("argmap store format {FORMAT_VERSION}\n").as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temporary, &file)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        e.to_string()
    })?;
    sync_dir(path);
    Ok(())
}

/// Flushes a folder's entries (renames, new files) to disk; best effort.
fn sync_dir(path: &Path) {
    if let Ok(dir) = std::fs::File::open(path) {
        let _ = dir.sync_all();
    }
}

/// Removes table files that a bulk load killed before its commit left in
/// the store. They were never part of the store; the caller holds its lock,
/// so no load of another process is writing them.
fn remove_stale_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Keeps the newest few of RocksDB's old info logs (`LOG.old.MICROS`).
/// Every open, read-only ones included, starts a new `LOG` and RocksDB keeps
/// up to a thousand old ones, which would pile up over months of commands.
fn prune_old_logs(path: &Path) {
    const KEEP: usize = 4;
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    let mut logs: Vec<(u64, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let stamp = name.to_str()?.strip_prefix("LOG.old.")?.parse().ok()?;
            Some((stamp, e.path()))
        })
        .collect();
    logs.sort_unstable();
    let stale = logs.len().saturating_sub(KEEP);
    for (_, log) in logs.into_iter().take(stale) {
        let _ = std::fs::remove_file(log);
    }
}

/// Copies the files of `from` into the new folder `to`, and syncs them.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            let target = to.join(entry.file_name());
            std::fs::copy(entry.path(), &target)?;
            std::fs::File::open(&target)?.sync_all()?;
        }
    }
    sync_dir(to);
    Ok(())
}

/// An error from opening the store in `path`, told as what the user can do.
fn open_error(path: &Path, message: &str) -> Error {
    if message.contains("While lock file") || message.contains("lock hold by current process") {
        return Error::Locked {
            path: path.to_path_buf(),
            holder: lock_holder(path),
        };
    }
    write_error(path, message)
}

/// An error from writing the store in `path`: a full disk and a store the
/// user may not write get their own variants; anything else stays as it is.
fn write_error(path: &Path, message: &str) -> Error {
    let path = path.to_path_buf();
    let message = message.to_string();
    if [
        "No space left on device",
        "File too large",
        "Disk quota exceeded",
    ]
    .iter()
    .any(|m| message.contains(m))
    {
        Error::DiskFull { path, message }
    } else if [
        "Permission denied",
        "Read-only file system",
        "Operation not permitted",
    ]
    .iter()
    .any(|m| message.contains(m))
    {
        Error::ReadOnly { path, message }
    } else {
        Error::Open { path, message }
    }
}

/// Which process holds the lock of the store in `path`, as
/// `process PID (command line)`, read from `/proc/locks`, where RocksDB's
/// `fcntl` lock on the store's `LOCK` file shows with its owner's pid.
fn lock_holder(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let lock = std::fs::metadata(path.join("LOCK")).ok()?;
    let (dev, ino) = (lock.dev(), lock.ino());
    // The kernel prints the device as major:minor in hex (the glibc encoding).
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
        let (pid, id) = (fields.get(4)?, fields.get(5)?);
        let mut parts = id.split(':');
        let (ma, mi, i) = (parts.next()?, parts.next()?, parts.next()?);
        let same = u64::from_str_radix(ma, 16).ok()? == major
            && u64::from_str_radix(mi, 16).ok()? == minor
            && i.parse::<u64>().ok()? == ino;
        same.then(|| pid.to_string())
    })?;
    let command = std::fs::read(format!("/proc/{pid}/cmdline"))
        .ok()
        .map(|bytes| {
            let text = String::from_utf8_lossy(&bytes).replace('\0', " ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.chars().count() > 100 {
                format!("{}…", text.chars().take(100).collect::<String>())
            } else {
                text
            }
        })
        .filter(|t| !t.is_empty());
    Some(match command {
        Some(command) => format!("process {pid} (`{command}`)"),
        None => format!("process {pid}"),
    })
}
