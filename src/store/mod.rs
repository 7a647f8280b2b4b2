//! The persistent knowledge base: compiling maps to quads, loading them, and [`KnowledgeBase`], the only owner of `oxigraph::store::Store`.
//!
//! Each brief lives in its own named graph and the ontology in another.
//! Loading replaces whole graphs in one transaction (or one bulk load, for a
//! fresh corpus), so a call either lands completely or leaves the store as
//! it was.
//!
//! [`KnowledgeBase`]'s methods are split by job: [`open`](KnowledgeBase::open)
//! and the files kept beside RocksDB's (`open`, `format`), writing graphs
//! (`write`), SPARQL evaluation (`evaluate`), the Graph Store operations of
//! the server (`graph_store`), reading quads straight from the store
//! (`quads`), backup and restore (`backup`) and the built-in ontology
//! (`ontology`). `failure` turns what went wrong underneath into an
//! [`Error`] the user can act on.

// Without RocksDB only the in-memory store exists; the helpers of the
// on-disk store are then unused.
#![cfg_attr(not(feature = "rocksdb"), allow(dead_code, unused_imports))]

use std::path::{Path, PathBuf};

use oxigraph::model::NamedNodeRef;
use oxigraph::store::Store;

use crate::Error;

pub mod agree;
pub mod compile;
pub mod load;

mod backup;
mod checksums;
mod evaluate;
mod failure;
mod folder;
mod format;
mod graph_store;
mod literal;
mod ontology;
mod open;
mod quads;
mod write;

pub use evaluate::EvalOptions;
pub use format::{FORMAT_FILE, FORMAT_VERSION};
pub use literal::{MAX_LITERAL, check_literal};
pub use ontology::ONTOLOGY_TTL;
pub use write::{GraphData, Written};

/// An open knowledge base. Cloning it shares the same store.
#[derive(Clone)]
pub struct KnowledgeBase {
    store: Store,
    /// Where the store lives; `None` for a store in memory.
    path: Option<PathBuf>,
}

impl KnowledgeBase {
    /// Where the store lives, if on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The number of quads in the store.
    pub fn len(&self) -> Result<usize, Error> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.store.is_empty()?)
    }

    /// The named graphs whose names are not valid IRIs. No map compiles
    /// to one now (every brief id is checked first), but a store written by
    /// an earlier argmap, which took a folder's name such as `CRS Upper` as
    /// the id unchecked, may hold one; every query touching it would fail.
    pub fn invalid_graphs(&self) -> Result<Vec<String>, Error> {
        let mut bad = Vec::new();
        for graph in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(g) = graph? {
                if NamedNodeRef::new(g.as_str()).is_err() {
                    bad.push(g.into_string());
                }
            }
        }
        Ok(bad)
    }

    /// Whether the named graph `graph` exists.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, Error> {
        Ok(self.store.contains_named_graph(graph)?)
    }
}
