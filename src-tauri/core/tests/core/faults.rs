//! Faults: a full disk, a damaged file, and deleted data that must not linger in the file.

use std::path::Path;

use chrono::TimeDelta;
use rusqlite::Connection;
use stakemap_core::backup::{backup_dir, restore_unopenable};
use stakemap_core::{BackupReason, EntityKind, Error, ErrorKind, Map, MapOptions, Op, Record};

use crate::backup::{open_at, t0};
use crate::support::{
    add, bytes, contact, contact_item, interaction_item, organization, populate, sidecar, stake,
    temp_map,
};

/// Whether `needle` occurs in the map file or its `-wal` log.
fn in_files(path: &Path, needle: &str) -> bool {
    let found = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let wal = sidecar(path, "-wal");
    found(&bytes(path)) || (wal.exists() && found(&bytes(&wal)))
}

fn check(path: &Path) -> (String, usize) {
    let conn = Connection::open(path).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let violations = stmt.query_map([], |_| Ok(())).unwrap().count();
    (integrity, violations)
}

/// A batch of `n` contacts with long notes: more than a full map file can take.
fn big_batch(n: usize) -> Op {
    Op::Batch {
        label: "Import".into(),
        ops: (0..n)
            .map(|i| {
                let mut c = contact_item(&format!("Bulk {i}"), None);
                c.notes = format!("{i} ").repeat(3000);
                Op::Put {
                    record: Record::Contact(c),
                }
            })
            .collect(),
    }
}

#[test]
fn a_full_disk_fails_the_edit_and_leaves_map_undo_and_redo_as_they_were() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    let account = populate(&mut map);
    add(&mut map, contact("To be undone", None));
    let redone = map.snapshot().unwrap();
    map.undo().unwrap();
    let before = map.snapshot().unwrap();
    let history = map.history();
    assert!(history.undo.is_some() && history.redo.is_some());

    let cap = map.set_max_page_count_for_tests(Some(1)).unwrap();
    assert!(cap > 0, "the cap cannot go below the file's size");
    for op in [
        big_batch(50),
        Op::Put {
            record: Record::Contact({
                let mut c = contact_item("One too many", None);
                c.notes = "x".repeat(20_000);
                c
            }),
        },
    ] {
        let err = map.apply(op).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
        assert!(err.to_string().contains("full"), "{err}");
        assert_eq!(map.snapshot().unwrap(), before);
        assert_eq!(map.history(), history);
    }
    assert_eq!(check(&path), ("ok".to_string(), 0));

    // With the limit lifted, edits work again; the redo stack survived the failures.
    map.set_max_page_count_for_tests(None).unwrap();
    assert_eq!(
        map.redo().unwrap().unwrap().label,
        "Add contact To be undone"
    );
    assert_eq!(map.snapshot().unwrap(), redone);
    map.apply(big_batch(50)).unwrap();
    map.apply(Op::Delete {
        kind: EntityKind::Contact,
        id: account.dana,
    })
    .unwrap();
    map.undo().unwrap();
    map.undo().unwrap();
    assert_eq!(map.snapshot().unwrap(), redone);
    drop(map);
    assert_eq!(check(&path), ("ok".to_string(), 0));
}

#[test]
fn a_full_disk_fails_a_redo_and_leaves_the_history_as_it_was() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    populate(&mut map);
    map.apply(big_batch(30)).unwrap();
    let full = map.snapshot().unwrap();
    map.undo().unwrap();
    let before = map.snapshot().unwrap();
    let history = map.history();
    // Another connection takes the pages the undo freed, so that the redo needs the file to grow.
    let other = Connection::open(&path).unwrap();
    let free = |c: &Connection| -> i64 {
        c.query_row("PRAGMA freelist_count", [], |r| r.get(0))
            .unwrap()
    };
    assert!(free(&other) > 0);
    let mut n = 0;
    while free(&other) > 0 {
        other
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                (format!("test.filler.{n}"), "f".repeat(3000)),
            )
            .unwrap();
        n += 1;
    }
    drop(other);

    map.set_max_page_count_for_tests(Some(1)).unwrap();
    let err = map.redo().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
    assert_eq!(map.snapshot().unwrap(), before);
    assert_eq!(map.history(), history);

    map.set_max_page_count_for_tests(None).unwrap();
    map.redo().unwrap();
    assert_eq!(map.snapshot().unwrap(), full);
    map.undo().unwrap();
    assert_eq!(map.snapshot().unwrap(), before);
    assert_eq!(check(&path), ("ok".to_string(), 0));
}

#[test]
fn a_deleted_contact_leaves_no_trace_in_the_file_or_its_log() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    let account = populate(&mut map);
    let name = "Quintessa Vandergriff-Okonkwo";
    let mut secret = contact_item(name, Some(&account.org));
    secret.notes = "Private: zxq-7731 moving to a competitor".into();
    secret.email = "quintessa.v@zxq7731.example".into();
    let id = add(&mut map, Record::Contact(secret));
    add(&mut map, stake(&account.fleet, &id, None));
    let mut meeting = interaction_item("2026-02-02", &[&id, &account.dana], &[]);
    // Dana stays, so the meeting stays (without Quintessa): its notes name no one.
    meeting.notes = "Lunch at the harbour".into();
    add(&mut map, Record::Interaction(meeting));
    map.checkpoint().unwrap();
    assert!(
        in_files(&path, name),
        "the name is in the file before the delete"
    );

    map.apply(Op::Delete {
        kind: EntityKind::Contact,
        id,
    })
    .unwrap();
    map.checkpoint().unwrap();
    for needle in [name, "zxq-7731", "zxq7731", "Quintessa"] {
        assert!(!in_files(&path, needle), "{needle} lingers in the file");
    }
    // Still none after more edits and closing.
    add(&mut map, organization("After"));
    drop(map);
    assert!(!in_files(&path, "Quintessa"));
    assert_eq!(check(&path), ("ok".to_string(), 0));
}

/// Overwrites four pages in the middle of a map file with junk.
fn damage(path: &Path) {
    let mut data = bytes(path);
    let pages = data.len() / 4096;
    assert!(
        pages >= 8,
        "a map of {pages} pages is too small to damage in the middle"
    );
    let start = pages / 2 * 4096;
    for (i, byte) in data[start..start + 4 * 4096].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(path, data).unwrap();
}

/// A demo map at `path` with two backups; returns their ids, older first.
fn demo_with_backups(path: &Path) -> (String, String) {
    let mut map = open_at(path, t0());
    map.apply(stakemap_core::demo::op(t0().date_naive()))
        .unwrap();
    let first = map.backup(BackupReason::Manual).unwrap().id;
    drop(map);
    let map = open_at(path, t0() + TimeDelta::days(1));
    let second = map.backups().unwrap()[0].id.clone();
    assert_ne!(first, second);
    drop(map);
    assert!(!sidecar(path, "-wal").exists());
    (first, second)
}

#[test]
fn a_damaged_map_is_refused_untouched_naming_its_latest_good_backup() {
    let (_dir, path) = temp_map();
    let (older, newer) = demo_with_backups(&path);
    damage(&path);
    let damaged = bytes(&path);

    let err = Map::open(&path).unwrap_err();
    match &err {
        Error::Damaged {
            path: p,
            latest_backup,
            ..
        } => {
            assert_eq!(p, &path);
            assert_eq!(latest_backup.as_deref(), Some(newer.as_str()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.kind(), ErrorKind::Incompatible);
    let message = err.to_string();
    assert!(message.contains("is damaged"), "{message}");
    assert!(message.contains("left as it is"), "{message}");
    assert!(message.contains(&newer), "{message}");
    assert!(
        message.contains(&backup_dir(&path).display().to_string()),
        "{message}"
    );
    assert_eq!(bytes(&path), damaged, "the damaged file was not changed");

    let err = Map::open_read_only(&path).unwrap_err();
    assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    assert_eq!(bytes(&path), damaged);
    // No daily backup of a damaged map replaces the good ones.
    assert!(matches!(
        Map::open_with(
            &path,
            MapOptions::default().clock(stakemap_core::FixedClock(t0() + TimeDelta::days(9)))
        ),
        Err(Error::Damaged { .. })
    ));

    // A damaged backup is passed over: the message names the newest good one.
    damage(&backup_dir(&path).join(format!("{newer}.stakemap")));
    match Map::open(&path).unwrap_err() {
        Error::Damaged { latest_backup, .. } => {
            assert_eq!(latest_backup.as_deref(), Some(older.as_str()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(bytes(&path), damaged);
}

#[test]
fn a_damaged_map_without_backups_says_so() {
    let (_dir, path) = temp_map();
    let mut map = Map::open_with(&path, MapOptions::default().daily_backup(false)).unwrap();
    map.apply(stakemap_core::demo::op(t0().date_naive()))
        .unwrap();
    drop(map);
    damage(&path);
    let err = Map::open(&path).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Damaged {
                latest_backup: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("No good backup"), "{err}");
}

#[test]
fn a_backup_replaces_a_damaged_map_which_is_kept_aside() {
    let (dir, path) = temp_map();
    let (_older, newer) = demo_with_backups(&path);
    let demo = Map::open_read_only(backup_dir(&path).join(format!("{newer}.stakemap")))
        .unwrap()
        .snapshot()
        .unwrap();
    damage(&path);
    let damaged = bytes(&path);

    let now = t0() + TimeDelta::days(3);
    let kept = restore_unopenable(&path, &newer, now).unwrap().unwrap();
    assert_eq!(
        kept,
        dir.path().join("test.stakemap.damaged-2026-03-04-093000")
    );
    assert_eq!(bytes(&kept), damaged, "the damaged file is kept as it was");
    let map = Map::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap(), demo);
    assert_eq!(check(&path), ("ok".to_string(), 0));

    // A map that opens is restored through `Map::restore` instead.
    drop(map);
    let err = restore_unopenable(&path, &newer, now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err:?}");
    // And never while it is open.
    let _open = Map::open(&path).unwrap();
    let err = restore_unopenable(&path, &newer, now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyOpen, "{err:?}");
}
