//! Opening maps: new files, reopening, and files Stakemap must refuse without touching them.

use rusqlite::Connection;
use stakemap_core::{Error, ErrorKind, MAP_FORMAT, Map, Snapshot};

use crate::support::{add, bytes, contact, organization, populate, sidecar, temp_map};

const APPLICATION_ID: i64 = 0x5354_4B4D;

fn pragma_i64(conn: &Connection, name: &str) -> i64 {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_path_creates_a_wal_map_with_the_stakemap_identity() {
    let (_dir, path) = temp_map();
    assert!(!path.exists());
    let map = Map::open(&path).unwrap();
    assert!(path.is_file(), "opening a new path creates the file");
    assert!(map.is_empty().unwrap());
    assert_eq!(map.snapshot().unwrap(), Snapshot::default());
    assert_eq!(map.path(), path.as_path());

    // A separate connection sees what is recorded in the file itself.
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    assert_eq!(pragma_i64(&conn, "application_id"), APPLICATION_ID);
    assert_eq!(pragma_i64(&conn, "user_version"), MAP_FORMAT);
    const { assert!(MAP_FORMAT >= 1) };
    drop(conn);
    drop(map);
}

#[test]
fn the_map_connection_enforces_foreign_keys() {
    // `foreign_keys` is a per-connection setting, so a second connection cannot read the map's.
    // A trigger stored in the file records the value the map's own connection has when it writes.
    // (The bundled SQLite defaults to on; this guards against a map connection turning it off.)
    let (_dir, path) = temp_map();
    drop(Map::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER probe_foreign_keys AFTER INSERT ON organizations
         BEGIN
           INSERT OR REPLACE INTO settings (key, value)
             SELECT 'probe.foreign_keys', foreign_keys FROM pragma_foreign_keys;
         END;",
    )
    .unwrap();
    drop(conn);

    let mut map = Map::open(&path).unwrap();
    add(&mut map, organization("Northwind"));
    let conn = Connection::open(&path).unwrap();
    let value: String = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'probe.foreign_keys'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        value, "1",
        "the map's connection writes with foreign keys on"
    );
}

#[test]
fn reopening_keeps_the_data() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    populate(&mut map);
    let before = map.snapshot().unwrap();
    assert!(!before.contacts.is_empty() && !before.interactions.is_empty());
    drop(map);

    let map = Map::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap(), before);
    drop(map);
    let read_only = Map::open_read_only(&path).unwrap();
    assert_eq!(read_only.snapshot().unwrap(), before);
}

fn assert_unchanged(path: &std::path::Path, original: &[u8]) {
    assert_eq!(bytes(path), original, "{} was changed", path.display());
}

fn assert_no_sidecars(path: &std::path::Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = sidecar(path, suffix);
        assert!(!side.exists(), "{} was left behind", side.display());
    }
}

#[test]
fn a_map_from_a_newer_version_is_refused_and_left_untouched() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    add(&mut map, contact("Dana Ruiz", None));
    drop(map);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", MAP_FORMAT + 1)
        .unwrap();
    drop(conn);
    assert_no_sidecars(&path);
    let original = bytes(&path);

    let err = Map::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::TooNew { found, supported, .. } if found == MAP_FORMAT + 1 && supported == MAP_FORMAT),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Incompatible);
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_unchanged(&path, &original);
    assert_no_sidecars(&path);

    let err = Map::open_read_only(&path).unwrap_err();
    assert!(matches!(err, Error::TooNew { .. }), "{err:?}");
    assert_unchanged(&path, &original);
    assert_no_sidecars(&path);

    // The refusal is stable: trying again gives the same answer.
    assert!(matches!(
        Map::open(&path).unwrap_err(),
        Error::TooNew { .. }
    ));
    assert_unchanged(&path, &original);
}

#[test]
fn a_text_file_is_not_a_map_and_is_left_untouched() {
    let (_dir, path) = temp_map();
    for text in ["Quarterly notes: call Dana about the fleet pilot.\n", "hi"] {
        std::fs::write(&path, text).unwrap();
        let err = Map::open(&path).unwrap_err();
        assert!(matches!(err, Error::NotAMap { .. }), "{err:?}");
        assert_eq!(err.kind(), ErrorKind::Incompatible);
        assert!(err.to_string().contains("not a Stakemap map"), "{err}");
        assert_unchanged(&path, text.as_bytes());
        let err = Map::open_read_only(&path).unwrap_err();
        assert!(matches!(err, Error::NotAMap { .. }), "{err:?}");
        assert_unchanged(&path, text.as_bytes());
        assert_no_sidecars(&path);
    }
}

#[test]
fn another_programs_database_is_not_a_map_and_is_left_untouched() {
    let (_dir, path) = temp_map();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);
         INSERT INTO invoices (total) VALUES (12.5), (99.0);",
    )
    .unwrap();
    assert_eq!(pragma_i64(&conn, "application_id"), 0);
    drop(conn);
    let original = bytes(&path);

    let err = Map::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotAMap { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Incompatible);
    assert_unchanged(&path, &original);
    assert_no_sidecars(&path);

    let err = Map::open_read_only(&path).unwrap_err();
    assert!(matches!(err, Error::NotAMap { .. }), "{err:?}");
    assert_unchanged(&path, &original);

    // Still a working database for its owner.
    let conn = Connection::open(&path).unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM invoices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 2);
    assert_eq!(pragma_i64(&conn, "user_version"), 0);
}

#[test]
fn a_database_with_another_application_id_is_not_a_map() {
    let (_dir, path) = temp_map();
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", 0x1234_5678)
        .unwrap();
    conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
        .unwrap();
    drop(conn);
    let original = bytes(&path);
    let err = Map::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotAMap { .. }), "{err:?}");
    assert_unchanged(&path, &original);
}

#[test]
fn an_empty_file_is_accepted_as_a_new_map() {
    let (_dir, path) = temp_map();
    std::fs::write(&path, b"").unwrap();
    let mut map = Map::open(&path).unwrap();
    assert!(map.is_empty().unwrap());
    add(&mut map, organization("Northwind"));
    drop(map);
    let conn = Connection::open(&path).unwrap();
    assert_eq!(pragma_i64(&conn, "application_id"), APPLICATION_ID);
    assert_eq!(pragma_i64(&conn, "user_version"), MAP_FORMAT);
    drop(conn);
    let map = Map::open(&path).unwrap();
    assert_eq!(map.summary().unwrap().organizations, 1);
}

#[test]
fn opening_read_only_needs_an_existing_map() {
    let (_dir, path) = temp_map();
    let err = Map::open_read_only(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
    assert!(!path.exists(), "a read-only open does not create the file");
}

#[test]
fn opening_a_current_map_without_editing_leaves_its_bytes_alone() {
    let (_dir, path) = temp_map();
    {
        let mut map = Map::open(&path).unwrap();
        populate(&mut map);
    }
    let original = bytes(&path);
    for _ in 0..3 {
        let map = Map::open(&path).unwrap();
        assert!(map.summary().is_ok());
    }
    assert_unchanged(&path, &original);
}
