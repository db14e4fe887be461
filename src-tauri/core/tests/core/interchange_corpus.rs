//! The malformed-file corpus (`tests/corpus/{json,csv,vcard}/`): every file is imported into a
//! map holding data, must be refused with the error its `.expected` sibling names (the whole
//! of that text must appear in the error), and must leave the map exactly as it was: same
//! items, same undo history, no backup taken, same bytes on disk.

use std::path::{Path, PathBuf};

use stakemap_core::Map;
use stakemap_core::interchange::{self, Duplicates, ImportOptions, JsonTarget};

use crate::support::{new_map, populate};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    for folder in ["json", "csv", "vcard"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e != "expected") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The map's file and its write-ahead log, after a checkpoint.
fn on_disk(map: &Map) -> (Vec<u8>, Vec<u8>) {
    map.checkpoint().unwrap();
    let mut wal = map.path().as_os_str().to_owned();
    wal.push("-wal");
    (
        std::fs::read(map.path()).unwrap(),
        std::fs::read(PathBuf::from(wal)).unwrap_or_default(),
    )
}

#[test]
fn every_malformed_file_is_refused_with_its_error_and_changes_nothing() {
    let files = corpus();
    assert!(files.len() >= 40, "the corpus holds {} files", files.len());
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let snapshot = map.snapshot().unwrap();
    let history = map.history();
    let disk = on_disk(&map);
    let mut failures = Vec::new();
    for file in &files {
        let expected_path = PathBuf::from(format!("{}.expected", file.display()));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", file.display()));
        let expected = expected.trim_end_matches('\n');
        for duplicates in [Duplicates::Skip, Duplicates::Merge] {
            let options = ImportOptions {
                format: None,
                duplicates,
                target: JsonTarget::Merge,
                mapping: None,
            };
            let result =
                interchange::plan_file(&map.snapshot().unwrap(), file, &options, &mut |_| {})
                    .and_then(|plan| interchange::apply(&mut map, &plan));
            let name = file.file_name().unwrap().to_string_lossy();
            match result {
                Ok(applied) => failures.push(format!("{name}: accepted ({applied:?})")),
                Err(e) if !e.to_string().contains(expected) => {
                    failures.push(format!(
                        "{name}: expected {expected:?}\n   got      {:?}",
                        e.to_string()
                    ));
                }
                Err(_) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert_eq!(map.snapshot().unwrap(), snapshot, "the map's items changed");
    assert_eq!(map.history(), history, "the undo history changed");
    assert!(map.backups().unwrap().is_empty(), "a backup was taken");
    assert!(on_disk(&map) == disk, "the map's bytes on disk changed");
    eprintln!("corpus: {} malformed files refused", files.len());
}
