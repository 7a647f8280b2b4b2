//! The store's folder on disk: its entries flushed after a rename, and which process holds its lock.

use std::path::Path;

/// Flushes a folder's entries (renames, new files) to disk; best effort.
pub(super) fn sync_dir(path: &Path) {
    if let Ok(dir) = std::fs::File::open(path) {
        let _ = dir.sync_all();
    }
}

/// Which process holds the lock of the store in `path`, as
/// `process PID (command line)`, read from `/proc/locks`, where RocksDB's
/// `fcntl` lock on the store's `LOCK` file shows with its owner's pid.
pub(super) fn lock_holder(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let lock = std::fs::metadata(path.join("LOCK")).ok()?;
    let (dev, ino) = (lock.dev(), lock.ino());
    // The kernel prints the device as major:minor in hex (the glibc encoding).
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
        let (pid, id) = (fields.get(4)?, fields.get(5)?);
        let mut parts = id.split(':');
        let (ma, mi, i) = (parts.next()?, parts.next()?, parts.next()?);
        let same = u64::from_str_radix(ma, 16).ok()? == major
            && u64::from_str_radix(mi, 16).ok()? == minor
            && i.parse::<u64>().ok()? == ino;
        same.then(|| pid.to_string())
    })?;
    let command = std::fs::read(format!("/proc/{pid}/cmdline"))
        .ok()
        .map(|bytes| {
            let text = String::from_utf8_lossy(&bytes).replace('\0', " ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.chars().count() > 100 {
                format!("{}…", text.chars().take(100).collect::<String>())
            } else {
                text
            }
        })
        .filter(|t| !t.is_empty());
    Some(match command {
        Some(command) => format!("process {pid} (`{command}`)"),
        None => format!("process {pid}"),
    })
}
