//! Writing graphs, all or nothing: the bulk loader when every graph is new, one transaction when any is replaced; removing graphs; compaction.

use std::collections::HashSet;

use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::StorageError;

use super::KnowledgeBase;
use super::failure::write_error;
use super::literal::check_literal;
use crate::Error;

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

/// One graph to write: its name and all of its quads.
pub struct GraphData {
    pub graph: NamedNode,
    pub quads: Vec<Quad>,
}

impl KnowledgeBase {
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
    /// commit, which the bulk loader cannot do: then the stream goes into one
    /// transaction that writes only what changed.
    pub fn write_graphs(
        &self,
        graphs: &[NamedNode],
        stream: impl Iterator<Item = (NamedNode, Vec<Quad>)>,
    ) -> Result<Written, Error> {
        for g in graphs {
            if self.store.contains_named_graph(g.as_ref())? {
                return self.write_in_one_transaction(graphs, stream);
            }
        }
        self.write_in_bulk(stream)
    }

    /// Writes the quads of new graphs through the bulk loader.
    fn write_in_bulk(
        &self,
        stream: impl Iterator<Item = (NamedNode, Vec<Quad>)>,
    ) -> Result<Written, Error> {
        let mut quads = 0usize;
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        // One call with one stream: each call to `load_quads` flushes a
        // batch, so a call per graph would write thousands of tiny files.
        let checked = stream.flat_map(|(_, q)| {
            quads += q.len();
            q.into_iter().map(|quad| {
                check_literal(quad.as_ref())?;
                Ok::<_, Error>(quad)
            })
        });
        // A refused literal stops the load before its commit: nothing is
        // ingested, and the table files written so far are removed at the
        // next open.
        loader
            .load_ok_quads::<Error, Error>(checked)
            .map_err(|e| match e {
                Error::Storage(e) => self.write_error(&e),
                other => other,
            })?;
        // One atomic ingestion of every table file, the named graphs
        // included: a kill before it leaves only stray `bulk-*.sst`
        // files, which the next open removes.
        loader.commit().map_err(|e| self.write_error(&e))?;
        self.flush();
        Ok(Written { quads, bulk: true })
    }

    /// Replaces `graphs` with the quads of `stream` in one transaction.
    ///
    /// Only the difference is written: the quads a graph held and no longer
    /// holds are removed, those it did not hold are inserted, and the rest
    /// are left alone. A reload of an edited map changes a few quads of
    /// many, so its transaction (one write batch, held in memory until the
    /// commit) stays as small as the edit, where clearing the graphs and
    /// inserting every quad again made it twice the graph's size.
    fn write_in_one_transaction(
        &self,
        graphs: &[NamedNode],
        stream: impl Iterator<Item = (NamedNode, Vec<Quad>)>,
    ) -> Result<Written, Error> {
        let mut quads = 0usize;
        let mut wanted: HashSet<Quad> = HashSet::new();
        for (_, q) in stream {
            quads += q.len();
            for quad in q {
                check_literal(quad.as_ref())?;
                wanted.insert(quad);
            }
        }
        let mut transaction = self.store.start_transaction()?;
        for g in graphs {
            transaction.insert_named_graph(g.as_ref());
            for old in self
                .store
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
            {
                let old = old?;
                // What stays is taken out of the wanted set: what is left
                // there at the end is new.
                if !wanted.remove(&old) {
                    transaction.remove(old.as_ref());
                }
            }
        }
        transaction.extend(wanted.iter());
        // The transaction is one RocksDB write batch, one record of the
        // write-ahead log: a kill or a full disk before it is complete leaves
        // a torn record that recovery discards.
        transaction.commit().map_err(|e| self.write_error(&e))?;
        self.flush();
        Ok(Written { quads, bulk: false })
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

    /// Compacts the store's table files (RocksDB full compaction), so that a
    /// lookup reads one file per level instead of every file a bulk load
    /// ingested.
    #[cfg(feature = "rocksdb")]
    pub fn optimize(&self) -> Result<(), Error> {
        Ok(self.store.optimize()?)
    }

    /// Moves the write-ahead log into table files, best effort.
    ///
    /// The write is complete and durable once committed; flushing makes it
    /// visible to a backup taken read-only beside a later writer, which
    /// copies table files only. When flushing fails (a full disk), the next
    /// open replays the log instead, so the error is not the caller's.
    pub(super) fn flush(&self) {
        #[cfg(feature = "rocksdb")]
        let _ = self.store.flush();
    }

    /// A storage error met while writing, told as what the user can do about it.
    fn write_error(&self, e: &StorageError) -> Error {
        match &self.path {
            Some(path) => write_error(path, e),
            None => Error::Internal(e.to_string()),
        }
    }
}
