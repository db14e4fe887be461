//! One writer per map: an OS lock on a small file beside the map (`<map>.lock`).
//!
//! The lock is a sidecar rather than the map itself because on Windows a whole-file lock on the
//! database would also block SQLite's own reads and writes. The lock file is left in place: deleting
//! it on close would let two processes each lock a different file for the same map.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file of a map.
pub fn lock_path(map: &Path) -> PathBuf {
    let mut name = map.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the write lock of `map`, or says who has it.
pub(crate) fn acquire(map: &Path) -> Result<File> {
    let path = lock_path(map);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Error::AlreadyOpen {
            path: map.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
    }
}
