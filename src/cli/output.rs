//! Writing a command's output to a file: whole, through a temporary file beside it, or not at all.

use std::path::Path;

use anyhow::{Context, Result};

/// Writes `text` to `path` through a temporary file beside it, so a failed write leaves no half file.
pub fn write_whole(path: &Path, text: &str) -> Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let mut temporary = name.to_os_string();
    temporary.push(format!(".argmap-{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary);
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            argmap::Error::Io(format!("cannot write {}: {e}", path.display()))
        })?;
    Ok(())
}
