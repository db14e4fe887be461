//! Runs the real `stakemap` binary on temporary maps and checks what users see: output, exit
//! status, and that refused commands leave the file as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backups;
mod coverage;
mod images;
mod interchange;
mod reading;
mod writing;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

/// The day the test demo maps are dated from.
const TODAY: &str = "2026-03-01";

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    fn ok(self) -> String {
        assert_eq!(self.code, 0, "stakemap failed: {}", self.stderr);
        self.stdout
    }
}

/// Runs `stakemap --map <map> <args>`.
fn stakemap(map: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .arg("--map")
        .arg(map)
        .args(args)
        .output()
        .expect("run stakemap");
    Run {
        code: output.status.code().expect("exit status"),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

/// A temporary folder and the path of a (not yet existing) map in it.
fn new_map() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accounts.stakemap");
    (dir, path)
}

/// A temporary folder holding a demo map.
fn demo_map() -> (TempDir, PathBuf) {
    let (dir, path) = new_map();
    stakemap(&path, &["demo", "--today", TODAY]).ok();
    (dir, path)
}

/// `summary --json`, parsed.
fn summary(map: &Path) -> Value {
    serde_json::from_str(&stakemap(map, &["summary", "--json"]).ok()).unwrap()
}

/// `list <kind> --json`, parsed.
fn list(map: &Path, kind: &str) -> Vec<Value> {
    let text = stakemap(map, &["list", kind, "--json"]).ok();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

/// The map file's bytes, to check that a refused command left it untouched.
fn bytes(map: &Path) -> Vec<u8> {
    std::fs::read(map).unwrap()
}

/// Asserts the map file still holds exactly `before`, naming the first byte that differs.
#[track_caller]
fn assert_unchanged(map: &Path, before: &[u8], what: &str) {
    let after = bytes(map);
    let first = before.iter().zip(&after).position(|(a, b)| a != b);
    assert!(
        after == before,
        "{what} changed the map: {} bytes before, {} after, first difference at offset {first:?}",
        before.len(),
        after.len()
    );
}
