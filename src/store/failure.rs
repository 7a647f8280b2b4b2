//! What a failure underneath the store means for the user: a store another process holds, a full disk, a folder that may not be written, or something else, each told as the [`Error`] that says what to do.
//!
//! A failure comes from one of two places. The file system gives a
//! `std::io::Error` with the system's error number, whose kind says all
//! there is to know. RocksDB gives a status, which reaches Rust as text
//! only, through a C interface that passes on no error number. RocksDB
//! names a full disk up front ("IO error: No space left on device: While
//! appending to file: …"), and oxigraph turns that into an error kind; for
//! every other system error the message comes last, after the operation
//! and the file ("IO error: While appending to file: …/000012.log: File too
//! large"), and oxigraph leaves the kind `Other`. For those the text is all
//! there is, so [`rocksdb_status`] reads it, in one place.

use std::fmt::Display;
use std::io;
use std::path::Path;

use oxigraph::store::StorageError;

use super::folder::lock_holder;
use crate::Error;

/// What went wrong underneath, as far as the user can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cause {
    /// Another process holds the store's lock.
    Locked,
    /// No room: a full disk, a quota, or a file-size limit.
    Full,
    /// The folder or a file in it may not be written.
    ReadOnly,
    /// Anything else.
    Other,
}

/// When the failure was met: a lock is a cause only while opening, since a
/// store being written is already held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Moment {
    Opening,
    Writing,
}

/// A failure of the storage engine or the file system, with its cause.
pub(super) trait Failure: Display {
    /// What the failure is, as far as the user can act on it.
    fn cause(&self, moment: Moment) -> Cause;
}

impl Failure for io::Error {
    fn cause(&self, moment: Moment) -> Cause {
        use io::ErrorKind::*;
        match self.kind() {
            StorageFull | QuotaExceeded | FileTooLarge => Cause::Full,
            PermissionDenied | ReadOnlyFilesystem => Cause::ReadOnly,
            // The system's error number made the kind; no other is to be found.
            _ if self.raw_os_error().is_some() => Cause::Other,
            // Otherwise it is a RocksDB status that oxigraph could not place.
            _ => rocksdb_status(&self.to_string(), moment),
        }
    }
}

impl Failure for StorageError {
    fn cause(&self, moment: Moment) -> Cause {
        match self {
            StorageError::Io(e) => e.cause(moment),
            // Corruption and RocksDB's other statuses carry only their text.
            other => rocksdb_status(&other.to_string(), moment),
        }
    }
}

/// The cause a RocksDB status names in its text, the only place it names
/// one (see the module's comment). While opening, the lock comes first:
/// RocksDB reports a lock held elsewhere as "While lock file: …" (by
/// another process) or "lock hold by current process" (by this one).
fn rocksdb_status(message: &str, moment: Moment) -> Cause {
    const LOCKED: &[&str] = &["While lock file", "lock hold by current process"];
    const FULL: &[&str] = &[
        "No space left on device",
        "File too large",
        "Disk quota exceeded",
    ];
    const READ_ONLY: &[&str] = &[
        "Permission denied",
        "Read-only file system",
        "Operation not permitted",
    ];
    let says = |phrases: &[&str]| phrases.iter().any(|p| message.contains(p));
    if moment == Moment::Opening && says(LOCKED) {
        Cause::Locked
    } else if says(FULL) {
        Cause::Full
    } else if says(READ_ONLY) {
        Cause::ReadOnly
    } else {
        Cause::Other
    }
}

/// A failure met opening the store in `path`: a store held by another
/// process is [`Error::Locked`], naming the holder; the rest as in
/// [`write_error`].
pub(super) fn open_error(path: &Path, failure: &dyn Failure) -> Error {
    let cause = failure.cause(Moment::Opening);
    if cause == Cause::Locked {
        return Error::Locked {
            path: path.to_path_buf(),
            holder: lock_holder(path),
        };
    }
    told(path, cause, failure)
}

/// A failure met writing the store in `path`: a full disk and a store the
/// user may not write get their own variants; anything else keeps its text.
pub(super) fn write_error(path: &Path, failure: &dyn Failure) -> Error {
    told(path, failure.cause(Moment::Writing), failure)
}

/// The error for `cause`, with the failure's own text.
fn told(path: &Path, cause: Cause, failure: &dyn Failure) -> Error {
    let path = path.to_path_buf();
    let message = failure.to_string();
    match cause {
        Cause::Full => Error::DiskFull { path, message },
        Cause::ReadOnly => Error::ReadOnly { path, message },
        Cause::Locked | Cause::Other => Error::Open { path, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(errno: i32) -> io::Error {
        io::Error::from_raw_os_error(errno)
    }

    /// A RocksDB status as oxigraph hands it on: an I/O error of kind
    /// `Other` whose only content is the status's text.
    fn status(text: &str) -> StorageError {
        StorageError::Io(io::Error::other(text.to_string()))
    }

    #[test]
    fn a_system_error_is_told_by_its_number() {
        let at = Path::new("store");
        for errno in [libc::ENOSPC, libc::EDQUOT, libc::EFBIG] {
            assert!(
                matches!(write_error(at, &os(errno)), Error::DiskFull { .. }),
                "{errno}"
            );
        }
        for errno in [libc::EACCES, libc::EPERM, libc::EROFS] {
            assert!(
                matches!(write_error(at, &os(errno)), Error::ReadOnly { .. }),
                "{errno}"
            );
        }
        let other = write_error(at, &os(libc::ENOENT));
        assert!(
            matches!(other, Error::Open { ref message, .. } if message == &os(libc::ENOENT).to_string())
        );
    }

    #[test]
    fn a_rocksdb_status_is_told_by_its_text() {
        let at = Path::new("store");
        let full =
            status("IO error: While appending to file: store/000012.log: No space left on device");
        assert!(matches!(write_error(at, &full), Error::DiskFull { .. }));
        let denied = status(
            "IO error: While opening a file for sequentially reading: store/CURRENT: Permission denied",
        );
        assert!(matches!(open_error(at, &denied), Error::ReadOnly { .. }));
        let locked =
            status("IO error: While lock file: store/LOCK: Resource temporarily unavailable");
        assert!(matches!(open_error(at, &locked), Error::Locked { .. }));
        // A store being written is held already: the lock is not the cause.
        assert!(matches!(write_error(at, &locked), Error::Open { .. }));
    }

    #[test]
    fn the_kind_oxigraph_gives_a_status_counts() {
        let full = StorageError::Io(io::Error::new(
            io::ErrorKind::StorageFull,
            "IO error: Space limit reached",
        ));
        assert!(matches!(
            write_error(Path::new("store"), &full),
            Error::DiskFull { .. }
        ));
    }
}
