//! Backup and restore: a consistent copy of a store (RocksDB's checkpoints), and a store replaced by a copy of a backup in one rename.

use std::path::{Path, PathBuf};

use oxigraph::store::Store;

use super::KnowledgeBase;
use super::failure::{open_error, write_error};
use super::folder::sync_dir;
use super::format::write_format;
use crate::Error;

impl KnowledgeBase {
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
            .map_err(|e| write_error(target, &e))?;
        write_format(target).map_err(|e| write_error(target, &e))?;
        let copy = Store::open_read_only(target).map_err(|e| open_error(target, &e))?;
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
                    if let err @ Error::Locked { .. } = open_error(path, &e) {
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
        std::fs::create_dir_all(parent).map_err(|e| write_error(path, &e))?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let incoming = parent.join(format!(".{name}.restoring-{stamp}"));
        let _ = std::fs::remove_dir_all(&incoming);
        copy_dir(backup, &incoming).map_err(|e| {
            let _ = std::fs::remove_dir_all(&incoming);
            write_error(path, &e)
        })?;
        let replaced = if path.exists() {
            let aside = parent.join(format!("{name}.replaced-{stamp}"));
            std::fs::rename(path, &aside).map_err(|e| write_error(path, &e))?;
            Some(aside)
        } else {
            None
        };
        std::fs::rename(&incoming, path).map_err(|e| write_error(path, &e))?;
        sync_dir(parent);
        Ok(replaced)
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
