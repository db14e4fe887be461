//! One writer per map: an OS lock on a small file beside the map (`<map>.lock`).
//!
//! The lock is a sidecar rather than the map itself because on Windows a whole-file lock on the
//! database would also block SQLite's own reads and writes. The lock file is left in place: deleting
//! it on close would let two processes each lock a different file for the same map.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a lock held elsewhere is waited for before the map is reported open elsewhere.
///
/// The lock belongs to the open file, and a process started by this one copies its open files
/// until its program replaces it: for that moment a map just closed here still looks locked.
/// (The test suite starts processes from several threads and met this; so can the app.)
const GRACE: Duration = Duration::from_millis(250);
/// How often the lock is tried again within [`GRACE`].
const RETRY: Duration = Duration::from_millis(10);

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
    let deadline = Instant::now() + GRACE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(RETRY);
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::AlreadyOpen {
                    path: map.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lock file of `map` locked as another holder would (another open file of it).
    fn held_elsewhere(map: &Path) -> File {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path(map))
            .unwrap();
        file.lock().unwrap();
        file
    }

    #[test]
    fn a_lock_let_go_within_a_moment_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("m.stakemap");
        let other = held_elsewhere(&map);
        let release = std::thread::spawn(move || {
            std::thread::sleep(GRACE / 5);
            drop(other);
        });
        let taken = acquire(&map);
        release.join().unwrap();
        assert!(taken.is_ok(), "{:?}", taken.err());
    }

    #[test]
    fn a_lock_held_on_is_reported_with_the_map() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("m.stakemap");
        let _other = held_elsewhere(&map);
        let started = Instant::now();
        let err = acquire(&map).unwrap_err();
        assert!(
            matches!(&err, Error::AlreadyOpen { path } if path == &map),
            "{err:?}"
        );
        assert!(
            started.elapsed() >= GRACE,
            "refused before the grace period ended"
        );
    }
}
