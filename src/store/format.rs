//! The store's format version, kept in a file of its own beside RocksDB's, so that an argmap never opens a store laid out by a newer one.

use std::io::Write;
use std::path::Path;

use super::failure::open_error;
use super::folder::sync_dir;
use crate::Error;

/// The store format this argmap writes and reads. Version 1 is oxigraph
/// 0.5's RocksDB layout holding one named graph per brief plus the
/// ontology's graph; stores from before versioning have the same layout.
pub const FORMAT_VERSION: u32 = 1;

/// The file beside RocksDB's that records the store's format version.
pub const FORMAT_FILE: &str = "ARGMAP_FORMAT";

/// The format version recorded in the store in `path`, if any.
pub(super) fn read_format(path: &Path) -> Result<Option<u32>, Error> {
    let file = path.join(FORMAT_FILE);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error(path, &e)),
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
pub(super) fn check_format(path: &Path) -> Result<(), Error> {
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
pub(super) fn write_format(path: &Path) -> std::io::Result<()> {
    let file = path.join(FORMAT_FILE);
    let temporary = path.join(format!("{FORMAT_FILE}.tmp"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&temporary)?;
        f.write_all(format!("argmap store format {FORMAT_VERSION}\n").as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temporary, &file)
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })?;
    sync_dir(path);
    Ok(())
}
