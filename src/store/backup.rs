//! Backup and restore: a consistent copy of a store (RocksDB's checkpoints), and a store replaced by a copy of a backup in one rename.

use std::path::{Path, PathBuf};

use oxigraph::store::Store;

use super::KnowledgeBase;
use super::checksums::{MANIFEST, unshare, verify, write_manifest};
use super::failure::{open_error, write_error};
use super::folder::sync_dir;
use super::format::write_format;
use crate::Error;

impl KnowledgeBase {
    /// Writes a consistent copy of the store into `target`, a folder that
    /// must not exist yet, and returns the number of quads copied.
    ///
    /// It uses RocksDB's checkpoints (oxigraph's `Store::backup`), which on
    /// the same file system hard-link the immutable table files. Unless
    /// `link`, each linked file is then replaced by a copy of its own: a
    /// linked backup shares its files with the store, so damage to either
    /// reaches both. A manifest of every file's checksum is written beside
    /// them, which [`KnowledgeBase::restore`] checks. It works on a store
    /// opened read-only, so a backup can run while another process writes.
    #[cfg(feature = "rocksdb")]
    pub fn backup(&self, target: &Path, link: bool) -> Result<usize, Error> {
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
        if !link {
            unshare(target).map_err(|e| write_error(target, &e))?;
        }
        write_manifest(target).map_err(|e| write_error(target, &e))?;
        sync_dir(target);
        let copy = Store::open_read_only(target).map_err(|e| open_error(target, &e))?;
        Ok(copy.len()?)
    }

    /// Replaces the store in `path` with a copy of the backup in `backup`,
    /// and returns where the replaced store was moved, if there was one.
    ///
    /// The backup is checked first (it must open and be of a format this
    /// argmap reads), then copied, file by file, into a new folder beside
    /// the store. The copy's files are checked against the checksums the
    /// backup recorded (a backup without them, from an older argmap, only
    /// with `unverified`), and only then does it take the store's place in
    /// one rename. The files are
    /// copied rather than linked, so damage to the restored store never
    /// reaches the backup. The replaced store is kept, never deleted. A store
    /// in use by another process is refused; a damaged one is replaced.
    #[cfg(feature = "rocksdb")]
    pub fn restore(backup: &Path, path: &Path, unverified: bool) -> Result<Option<PathBuf>, Error> {
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
        if let Err(e) = check_copy(backup, &incoming, unverified) {
            let _ = std::fs::remove_dir_all(&incoming);
            return Err(e);
        }
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

/// Checks the copy in `incoming` of the backup in `backup` against its
/// manifest. A backup without one (from an older argmap) cannot be
/// verified: it is refused unless `unverified`. RocksDB reads only the
/// blocks a query needs, so opening it, or even reading every quad of one
/// index, would miss damage to the others.
fn check_copy(backup: &Path, incoming: &Path, unverified: bool) -> Result<(), Error> {
    let manifest = incoming.join(MANIFEST);
    if !manifest.exists() {
        if unverified {
            return Ok(());
        }
        return Err(Error::Refused(format!(
            "{} has no CHECKSUMS (it was made by an older argmap), so its files cannot be verified; nothing was restored. Give --unverified to restore it anyway",
            backup.display()
        )));
    }
    verify(incoming, &manifest, backup)?;
    // The store's own files change with every write: the manifest
    // describes the backup only.
    std::fs::remove_file(&manifest).map_err(|e| write_error(incoming, &e))
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
