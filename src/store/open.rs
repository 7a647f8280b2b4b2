//! Opening a store: for writing (with RocksDB's lock), read-only (without it), or in memory; and the housekeeping of the store's folder on open.

use std::path::{Path, PathBuf};

use oxigraph::store::Store;

use super::KnowledgeBase;
use super::failure::open_error;
use super::format::{check_format, read_format, write_format};
use crate::Error;

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
        let existing = KnowledgeBase::exists(path)?;
        if existing {
            check_format(path)?;
        }
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| open_error(path, &e))?;
            }
        }
        let store = Store::open(path).map_err(|e| open_error(path, &e))?;
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
        let store = Store::open_read_only(path).map_err(|e| open_error(path, &e))?;
        Ok(KnowledgeBase {
            store,
            path: Some(path.to_path_buf()),
        })
    }

    /// A build without RocksDB (the fuzz targets') has no store on disk:
    /// opening one is an error, so that the serving code builds alike.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open_read_only(path: &Path) -> Result<KnowledgeBase, Error> {
        Err(Error::Internal(format!(
            "{}: this build of argmap has no on-disk store",
            path.display()
        )))
    }

    /// An empty knowledge base in memory.
    pub fn in_memory() -> Result<KnowledgeBase, Error> {
        Ok(KnowledgeBase {
            store: Store::new()?,
            path: None,
        })
    }
}

impl KnowledgeBase {
    /// Whether `path` holds a store: `false` when there is nothing there
    /// yet (no folder, or an empty one), where a store may be created.
    ///
    /// A folder with RocksDB's files but no `CURRENT` (the file that names
    /// the live manifest) is a damaged store, and one holding other files
    /// is not a store at all: both are errors, so that a write never
    /// creates a new store in the middle of the old one's remains, or
    /// scatters RocksDB's files among someone else's.
    pub fn exists(path: &Path) -> Result<bool, Error> {
        if path.join("CURRENT").exists() {
            return Ok(true);
        }
        let Ok(entries) = std::fs::read_dir(path) else {
            return Ok(false);
        };
        // RocksDB takes its lock and starts its info log before it writes
        // anything else: a folder with only those is a store whose creation
        // was cut short, with nothing in it to lose.
        let names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "LOCK" && !n.starts_with("LOG"))
            .collect();
        if names.is_empty() {
            return Ok(false);
        }
        let store_file = |n: &String| {
            n.starts_with("MANIFEST-")
                || n.starts_with("OPTIONS-")
                || n.ends_with(".sst")
                || n.ends_with(".log")
                || n == "IDENTITY"
                || n == super::format::FORMAT_FILE
        };
        if names.iter().any(store_file) {
            return Err(Error::Open {
                path: path.to_path_buf(),
                message: "the store is damaged: it has RocksDB's files but no CURRENT, which names \
                          the live one; nothing was changed. Restore it from a backup (`argmap restore \
                          BACKUP`), or move the folder aside and load the briefs again"
                    .into(),
            });
        }
        let mut shown: Vec<&str> = names.iter().map(String::as_str).take(3).collect();
        shown.sort_unstable();
        Err(Error::Open {
            path: path.to_path_buf(),
            message: format!(
                "the folder is not a store and not empty (it holds {}{}); argmap writes a store only \
                 into an empty or new folder: give another --store",
                shown.join(", "),
                if names.len() > 3 { ", …" } else { "" }
            ),
        })
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
