//! The store as the server reads it: a read-only view reopened when another process has written
//! to the store, so that answers follow the store's last completed write.
//!
//! A read-only RocksDB instance sees the store as it was when opened. A
//! server that does not take writes itself opens the store read-only (the
//! command line may load and drop meanwhile), so before each request it
//! compares the store's write-ahead logs and manifest (names, sizes, times)
//! with those its view was opened on, and reopens the view when they differ.
//! A request already running keeps the view it started with.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::store::KnowledgeBase;

/// What changes in a store's folder when a write completes.
type Fingerprint = Vec<(String, u64, Option<SystemTime>)>;

/// The knowledge base a request reads.
pub(super) struct View {
    /// The store's folder, when the view must follow other processes' writes.
    follow: Option<PathBuf>,
    current: Mutex<(Fingerprint, KnowledgeBase)>,
}

impl View {
    /// A view of `kb`; `follow` when `kb` is read-only and another process may write.
    pub(super) fn new(kb: KnowledgeBase, follow: bool) -> View {
        let follow = follow.then(|| kb.path().map(Path::to_path_buf)).flatten();
        let print = follow.as_deref().map(fingerprint).unwrap_or_default();
        View {
            follow,
            current: Mutex::new((print, kb)),
        }
    }

    /// The knowledge base as of the store's last completed write. When the
    /// store cannot be reopened (a write is half done on disk), the last
    /// view is used: it is consistent, only older.
    pub(super) fn kb(&self) -> KnowledgeBase {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(path) = &self.follow {
            let now = fingerprint(path);
            if now != current.0
                && let Ok(fresh) = KnowledgeBase::open_read_only(path)
            {
                *current = (now, fresh);
            }
        }
        current.1.clone()
    }
}

/// The names, sizes and times of the files a write changes: the write-ahead
/// logs, the manifest and the pointer to it.
fn fingerprint(path: &Path) -> Fingerprint {
    let Ok(entries) = std::fs::read_dir(path) else {
        return Vec::new();
    };
    let mut print: Fingerprint = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let watched =
                name.ends_with(".log") || name.starts_with("MANIFEST-") || name == "CURRENT";
            let meta = e.metadata().ok()?;
            watched.then(|| (name, meta.len(), meta.modified().ok()))
        })
        .collect();
    print.sort();
    print
}
