//! `backup` and `restore` against damage: a backup shares no file with its store unless asked
//! (`--link`), records each file's checksum, and `restore` refuses a damaged backup, naming the
//! file, with the store left as it was.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::common::TempStore;

/// The table files of a store or backup folder.
fn table_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sst"))
        .collect();
    files.sort();
    files
}

/// Overwrites 3 × 64 bytes in the middle of `file`.
fn damage(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let len = bytes.len();
    assert!(len > 1024, "{} is too small to damage", file.display());
    for start in [len / 4, len / 2, 3 * len / 4] {
        for b in &mut bytes[start..start + 64] {
            *b ^= 0x5a;
        }
    }
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn a_backup_copies_its_files_unless_asked_to_link_them() {
    let store = TempStore::with_seed();
    let copied = store.dir.path().join("copied");
    let linked = store.dir.path().join("linked");
    store.ok(&["backup", copied.to_str().unwrap()]);
    store.ok(&["backup", "--link", linked.to_str().unwrap()]);
    let copies = table_files(&copied);
    assert!(!copies.is_empty());
    for file in &copies {
        assert_eq!(
            std::fs::metadata(file).unwrap().nlink(),
            1,
            "{}",
            file.display()
        );
    }
    assert!(copied.join("CHECKSUMS").is_file());
    assert!(
        table_files(&linked)
            .iter()
            .any(|f| std::fs::metadata(f).unwrap().nlink() > 1),
        "--link linked no file"
    );
    // Damage to the store does not reach the copied backup.
    for file in table_files(&store.path()) {
        damage(&file);
    }
    let restored = TempStore::new();
    restored.ok(&["restore", copied.to_str().unwrap()]);
    assert!(restored.ok(&["list"]).contains("kinu-co-17-32"));
    // The restored store keeps no manifest of the backup's files.
    assert!(!restored.path().join("CHECKSUMS").exists());
}

#[test]
fn restore_refuses_a_damaged_backup_and_names_the_file() {
    let store = TempStore::with_seed();
    let backup = store.dir.path().join("backup");
    store.ok(&["backup", backup.to_str().unwrap()]);
    let target = TempStore::with_seed();
    let before = target.dump();
    let victim = table_files(&backup)
        .into_iter()
        .max_by_key(|f| std::fs::metadata(f).unwrap().len())
        .unwrap();
    damage(&victim);
    let out = target.run(&["restore", backup.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let name = victim.file_name().unwrap().to_string_lossy().to_string();
    assert!(stderr.contains(&name), "{stderr}");
    assert!(stderr.contains("the backup is damaged"), "{stderr}");
    assert_eq!(target.dump(), before, "the store was changed");
    // No half-copied folder is left beside it.
    let strays: Vec<String> = std::fs::read_dir(target.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("restoring"))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[test]
fn a_backup_without_checksums_is_restored_only_when_asked() {
    let store = TempStore::with_seed();
    let backup = store.dir.path().join("backup");
    store.ok(&["backup", backup.to_str().unwrap()]);
    // As an older argmap wrote it: no manifest.
    std::fs::remove_file(backup.join("CHECKSUMS")).unwrap();
    let target = TempStore::new();
    let out = target.run(&["restore", backup.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("has no CHECKSUMS") && stderr.contains("--unverified"),
        "{stderr}"
    );
    assert!(
        !target.path().exists(),
        "a store was made from an unverified backup"
    );
    target.ok(&["restore", "--unverified", backup.to_str().unwrap()]);
    assert_eq!(target.dump(), store.dump());
}
