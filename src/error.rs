//! The library's one error type: what can go wrong below the command line, each variant with what the user can do about it.

use std::path::PathBuf;

/// What can go wrong below the command line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has problems; each is a diagnostic with its place.
    #[error("{} problem{} found", .0.iter().filter(|d| d.is_error()).count(), if .0.iter().filter(|d| d.is_error()).count() == 1 { "" } else { "s" })]
    Invalid(Vec<crate::map::diagnostic::Diagnostic>),
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
    /// A query or update nests too deep or chains too long to parse and run
    /// safely; refused before parsing, with the limit it passed.
    #[error("{0}")]
    TooComplex(String),
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
