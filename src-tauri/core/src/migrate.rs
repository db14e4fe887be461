//! Schema migrations: numbered SQL files embedded in the binary, run in order on
//! `PRAGMA user_version`, each inside the caller's transaction.

use rusqlite::Connection;

use crate::error::Result;

/// `application_id` in the SQLite header of every map ("STKM").
pub const APPLICATION_ID: i64 = 0x5354_4B4D;

/// The migrations, in order: entry `n` brings a map to format `n + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_coverage_settings.sql"),
];

/// The newest map format this build reads and writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The map format recorded in the file.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Runs every migration newer than the file's format, in one IMMEDIATE transaction.
/// Returns the format the file had before.
/// A map that is already current is not written to at all (not even its header).
pub fn run(conn: &mut Connection) -> Result<i64> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version(conn)? == LATEST && app_id == APPLICATION_ID {
        return Ok(LATEST);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let from = version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let target = index as i64 + 1;
        if target > from {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", target)?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(from)
}
