//! A backup's own files, and their checksums: the files a checkpoint hard-linked copied so that
//! the backup shares nothing with the store, and a manifest of every file's SHA-256 written at
//! backup and checked, file by file, before a restore takes the backup's place.

use std::io::{BufRead, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Error;

/// The manifest's name in a backup's folder.
pub(super) const MANIFEST: &str = "CHECKSUMS";

/// Replaces every file of `dir` that is a hard link (shared with the store
/// a checkpoint was taken from) by a copy of its own, so that damage to one
/// cannot reach the other.
pub(super) fn unshare(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if !meta.is_file() || meta.nlink() < 2 {
            continue;
        }
        let path = entry.path();
        let copy = dir.join(format!(".{}.copy", entry.file_name().to_string_lossy()));
        std::fs::copy(&path, &copy)?;
        std::fs::File::open(&copy)?.sync_all()?;
        std::fs::rename(&copy, &path)?;
    }
    Ok(())
}

/// Writes the manifest of `dir`: one line `SHA256  NAME` per file.
pub(super) fn write_manifest(dir: &Path) -> std::io::Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != MANIFEST)
        .collect();
    names.sort();
    let mut text = String::new();
    for name in names {
        text.push_str(&format!("{}  {name}\n", sha256(&dir.join(&name))?));
    }
    let path = dir.join(MANIFEST);
    let mut file = std::fs::File::create(&path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Checks every file of `dir` named in `manifest` (a backup's manifest)
/// against its checksum, and that no table file is missing from it.
/// `shown` is the backup's folder, named in the error.
pub(super) fn verify(dir: &Path, manifest: &Path, shown: &Path) -> Result<(), Error> {
    let damaged = |name: &str, what: &str| {
        Error::Invalid(vec![
            crate::map::diagnostic::Diagnostic::error(
                &shown.join(name),
                None,
                format!("the backup is damaged: {what}; nothing was restored"),
            )
            .with_help("restore from another backup, or make a new one with `argmap backup`"),
        ])
    };
    let file = std::fs::File::open(manifest)
        .map_err(|e| Error::Io(format!("cannot read {}: {e}", manifest.display())))?;
    let mut listed = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line =
            line.map_err(|e| Error::Io(format!("cannot read {}: {e}", manifest.display())))?;
        let Some((sum, name)) = line.split_once("  ") else {
            return Err(damaged(
                MANIFEST,
                &format!("the line `{line}` is not `SHA256  NAME`"),
            ));
        };
        match sha256(&dir.join(name)) {
            Ok(actual) if actual == sum => {}
            Ok(_) => {
                return Err(damaged(
                    name,
                    "this file's contents differ from the checksum recorded when the backup was made",
                ));
            }
            Err(_) => {
                return Err(damaged(
                    name,
                    "this file, listed in its CHECKSUMS, is missing",
                ));
            }
        }
        listed.push(name.to_string());
    }
    for entry in std::fs::read_dir(dir)
        .map_err(|e| Error::Io(e.to_string()))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sst") && !listed.contains(&name) {
            return Err(damaged(&name, "this table file is not in its CHECKSUMS"));
        }
    }
    Ok(())
}

/// The SHA-256 of a file, in hex.
fn sha256(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}
