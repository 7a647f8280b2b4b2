//! argmap: argument maps of policy briefs, checked against the brief's text, stored as RDF and queried with SPARQL.
//!
//! The modules follow the pipeline: [`parse`] reads `map.toml`, [`check`]
//! validates it against itself and the brief's text into a [`model::Map`],
//! [`compile`] turns the model into quads, [`store`] keeps them in oxigraph,
//! and [`trace`] answers "how is each hypothesis supported?" with SPARQL
//! from `queries/`. The library never prints and never exits.

pub mod aif;
pub mod anchor;
pub mod argdown;
pub mod check;
pub mod compile;
pub mod corpus;
pub mod date;
pub mod diagnostic;
pub mod export;
pub mod federate;
pub mod graph;
pub mod hedge;
pub mod import;
pub mod link;
pub mod lint;
pub mod load;
pub mod matrix;
pub mod model;
pub mod parse;
pub mod remote;
pub mod report;
pub mod seed;
pub mod serve;
pub mod sparql;
pub mod store;
pub mod trace;
pub mod vocab;

pub use store::KnowledgeBase;

use std::path::PathBuf;

/// What can go wrong below the command line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has problems; each is a diagnostic with its place.
    #[error("{} problem{} found", .0.iter().filter(|d| d.is_error()).count(), if .0.iter().filter(|d| d.is_error()).count() == 1 { "" } else { "s" })]
    Invalid(Vec<diagnostic::Diagnostic>),
    /// The store could not be opened.
    #[error("cannot open the store at {}: {message}", path.display())]
    Open { path: PathBuf, message: String },
    /// Another process holds the store for writing.
    #[error("the store at {} is in use by {}, which holds its lock ({}); wait for it to finish, or give another --store (trace, list and query can read the store meanwhile)", path.display(), holder.as_deref().unwrap_or("another process"), path.join("LOCK").display())]
    Locked {
        path: PathBuf,
        /// The process holding the lock, when the system says.
        holder: Option<String>,
    },
    /// The disk (or a file-size limit) left no room to write the store.
    #[error("no room to write the store at {} ({message}); nothing was written: free some space (or raise the file-size limit) and run the command again", path.display())]
    DiskFull { path: PathBuf, message: String },
    /// The store's folder may not be written.
    #[error("cannot write the store at {} ({message}); nothing was written: make the folder writable (`chmod -R u+w {}`) or give another --store; trace, list and query can still read it", path.display(), path.display())]
    ReadOnly { path: PathBuf, message: String },
    /// The store was written in a format newer than this argmap reads.
    #[error("the store at {} has format {found}, newer than this argmap reads ({supported}); it was left untouched: use a newer argmap, or give another --store", path.display())]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// The storage engine failed.
    #[error("storage error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// A query does not parse.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    /// A query failed while running.
    #[error("query failed: {0}")]
    Query(String),
    /// The user asked for something that is not there.
    #[error("{0}")]
    NotFound(String),
    /// Reading or writing a file or stream failed.
    #[error("{0}")]
    Io(String),
    /// The request asks for something this configuration does not allow.
    #[error("{0}")]
    Refused(String),
    /// A remote endpoint could not be reached, or refused a request.
    #[error("{0}")]
    Remote(String),
    /// A remote endpoint sent an answer cut short or malformed; none of it was used.
    #[error("{0}")]
    Incomplete(String),
    /// A bug in argmap.
    #[error("internal error: {0}")]
    Internal(String),
}
