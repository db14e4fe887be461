//! Atomic file writes for every export (JSON, CSV, and the renderer's PNG and SVG):
//! `stakemap_core::interchange::atomic::write_atomic` (file `src-tauri/core/src/interchange/atomic.rs`).
//!
//! The bytes go to a temporary file in the destination's folder, which is flushed and synced to
//! disk, then renamed over the destination; the folder is synced too where the platform allows.
//! A crash or a full disk therefore leaves either the old file or the new one, never half a file.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary file beside it, write, flush, fsync, rename).
/// An existing file at `path` is replaced; on error it is left as it was and the temporary file
/// is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() {
        return Err(Error::invalid(
            "path",
            format!("{} is a folder; give a file name", path.display()),
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let temp = dir.join(format!(".{name}.{}.tmp", crate::model::new_id()));
    let result = write_then_rename(&temp, path, bytes);
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn write_then_rename(temp: &PathBuf, path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(|e| Error::io(temp, e))?;
    file.write_all(bytes).map_err(|e| Error::io(temp, e))?;
    file.flush().map_err(|e| Error::io(temp, e))?;
    file.sync_all().map_err(|e| Error::io(temp, e))?;
    drop(file);
    std::fs::rename(temp, path).map_err(|e| Error::io(path, e))?;
    sync_dir(path);
    Ok(())
}

/// Syncs the folder holding `path` so that the rename itself survives a crash (best effort: not
/// every platform can open a folder).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(handle) = File::open(dir)
    {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, b"old content that is longer").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.json"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("out.csv");
        assert!(write_atomic(&missing, b"x").is_err());
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        let err = write_atomic(&folder, b"x").unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
