//! One writer per map, in this process and across processes; readers are never locked out.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use stakemap_core::{Error, ErrorKind, Map, Op};

use crate::support::{add, contact, organization, populate, temp_map};

/// Set by `a_second_process_cannot_open_a_map_held_by_another` for the child it starts.
const HOLD_LOCK_VAR: &str = "STAKEMAP_TEST_HOLD_LOCK";
/// What the child prints once it holds the map.
const LOCKED: &str = "STAKEMAP-TEST-LOCKED";

fn assert_already_open(result: stakemap_core::Result<Map>, path: &Path) {
    let err = result.unwrap_err();
    assert!(
        matches!(&err, Error::AlreadyOpen { path: p } if p == path),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::AlreadyOpen);
    assert!(err.to_string().contains("already open"), "{err}");
}

#[test]
fn a_second_open_in_the_same_process_is_refused_until_the_first_closes() {
    let (_dir, path) = temp_map();
    let mut first = Map::open(&path).unwrap();
    add(&mut first, organization("Northwind"));
    assert_already_open(Map::open(&path), &path);
    // Still refused on a second try, and the first map still works.
    assert_already_open(Map::open(&path), &path);
    add(&mut first, organization("Helix"));
    drop(first);

    let second = Map::open(&path).unwrap();
    assert_eq!(second.summary().unwrap().organizations, 2);
}

#[test]
fn different_maps_in_one_folder_open_together() {
    let (dir, path) = temp_map();
    let other = dir.path().join("other.stakemap");
    let _a = Map::open(&path).unwrap();
    let _b = Map::open(&other).unwrap();
}

#[test]
fn a_read_only_open_works_while_the_map_is_held_and_sees_committed_data() {
    let (_dir, path) = temp_map();
    let mut writer = Map::open(&path).unwrap();
    populate(&mut writer);

    let mut reader = Map::open_read_only(&path).unwrap();
    assert_eq!(reader.snapshot().unwrap(), writer.snapshot().unwrap());

    // Later commits show up in the reader.
    add(&mut writer, contact("Late Arrival", None));
    assert_eq!(reader.snapshot().unwrap(), writer.snapshot().unwrap());
    assert!(
        reader
            .snapshot()
            .unwrap()
            .contacts
            .iter()
            .any(|c| c.name == "Late Arrival")
    );

    // The reader cannot write, and its refusal changes nothing.
    let before = writer.snapshot().unwrap();
    let err = reader
        .apply(Op::Put {
            record: organization("Sneaky"),
        })
        .unwrap_err();
    assert!(matches!(err, Error::ReadOnly), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Incompatible);
    assert_eq!(writer.snapshot().unwrap(), before);
    assert_eq!(reader.history().undo, None);
}

/// Not a test on its own: the child process of
/// `a_second_process_cannot_open_a_map_held_by_another` runs it to hold a map's lock.
#[test]
fn lock_holder_child() {
    let Some(path) = std::env::var_os(HOLD_LOCK_VAR) else {
        return;
    };
    let mut map = Map::open(&path).unwrap();
    add(&mut map, organization("Held by the child"));
    println!("{LOCKED}");
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    // Hold the map until the parent closes our stdin (or kills us).
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(map);
}

/// Starts a child process that opens the map at `path`, adds an organization and holds the map
/// until killed; returns once the child holds it.
pub fn hold_in_child(path: &Path) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "locking::lock_holder_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLD_LOCK_VAR, path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut seen = Vec::new();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains(LOCKED) => return child,
            Some(Ok(line)) => seen.push(line),
            other => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the child exited before locking the map ({other:?}); it printed {seen:?}");
            }
        }
    }
}

#[test]
fn a_second_process_cannot_open_a_map_held_by_another() {
    let (_dir, path) = temp_map();
    let mut child = hold_in_child(&path);

    let result = Map::open(&path);
    // Readers are not locked out, and see what the child wrote.
    let reader = Map::open_read_only(&path);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_already_open(result, &path);
    let reader = reader.unwrap();
    assert_eq!(reader.summary().unwrap().organizations, 1);
    drop(reader);

    // The lock dies with its process: the map opens now, with the child's data.
    let map = Map::open(&path).unwrap();
    let snapshot = map.snapshot().unwrap();
    assert_eq!(snapshot.organizations.len(), 1);
    assert_eq!(snapshot.organizations[0].name, "Held by the child");
}
