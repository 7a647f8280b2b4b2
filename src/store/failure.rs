//! What a failure underneath the store means for the user: a store another process holds, a full disk, a folder that may not be written, or something else, each told as the [`Error`] that says what to do.

use std::path::Path;

use super::open::lock_holder;
use crate::Error;

/// An error from opening the store in `path`, told as what the user can do.
pub(super) fn open_error(path: &Path, message: &str) -> Error {
    if message.contains("While lock file") || message.contains("lock hold by current process") {
        return Error::Locked {
            path: path.to_path_buf(),
            holder: lock_holder(path),
        };
    }
    write_error(path, message)
}

/// An error from writing the store in `path`: a full disk and a store the
/// user may not write get their own variants; anything else stays as it is.
pub(super) fn write_error(path: &Path, message: &str) -> Error {
    let path = path.to_path_buf();
    let message = message.to_string();
    if [
        "No space left on device",
        "File too large",
        "Disk quota exceeded",
    ]
    .iter()
    .any(|m| message.contains(m))
    {
        Error::DiskFull { path, message }
    } else if [
        "Permission denied",
        "Read-only file system",
        "Operation not permitted",
    ]
    .iter()
    .any(|m| message.contains(m))
    {
        Error::ReadOnly { path, message }
    } else {
        Error::Open { path, message }
    }
}
