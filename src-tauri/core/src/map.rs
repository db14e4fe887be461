//! An open map: the SQLite connection, the writer's lock, and the undo history.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::backup::{self, Backup, BackupReason, Clock, SystemClock};
use crate::db;
use crate::error::{Error, Result};
use crate::lock;
use crate::migrate::{self, APPLICATION_ID, LATEST};
use crate::model::{EntityKind, Record, Snapshot, Summary};
use crate::ops::{self, ChangeSet, Op};

/// The file extension of maps.
pub const EXTENSION: &str = "stakemap";

/// How many steps undo remembers.
pub const UNDO_LIMIT: usize = 500;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What undo and redo would do next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct HistoryState {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// How [`Map::open_with`] opens a map.
#[derive(Clone)]
pub struct MapOptions {
    clock: Arc<dyn Clock>,
    daily_backup: bool,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            clock: Arc::new(SystemClock),
            daily_backup: true,
        }
    }
}

impl std::fmt::Debug for MapOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapOptions")
            .field("now", &self.clock.now())
            .field("daily_backup", &self.daily_backup)
            .finish()
    }
}

impl MapOptions {
    /// Where backups take the time from (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Whether opening takes the daily backup when it is due (default: yes).
    pub fn daily_backup(mut self, on: bool) -> Self {
        self.daily_backup = on;
        self
    }
}

/// An open `.stakemap` file.
pub struct Map {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    undo: Vec<ChangeSet>,
    redo: Vec<ChangeSet>,
    clock: Arc<dyn Clock>,
    backup_problem: Option<String>,
    // Held for as long as the map is open; released on drop.
    _lock: Option<File>,
}

impl std::fmt::Debug for Map {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Map")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl Map {
    /// Opens a map for writing, creating it if the file does not exist, and upgrades its format.
    /// A map holding data is backed up before its format is upgraded, and once a day (see
    /// [`Map::open_with`]).
    ///
    /// Fails with `AlreadyOpen` while another process writes it, `TooNew` for a map from a newer
    /// version, `Damaged` for a map that fails `PRAGMA quick_check` and `NotAMap` for other
    /// files; in those cases the file is not touched.
    pub fn open(path: impl AsRef<Path>) -> Result<Map> {
        Map::open_with(path, MapOptions::default())
    }

    /// [`Map::open`] with a clock for backups, and the daily backup on or off. The daily backup
    /// is taken when the map holds data and its newest backup is 24 hours old or more; if it
    /// fails the map still opens, and [`Map::backup_problem`] says why.
    pub fn open_with(path: impl AsRef<Path>, options: MapOptions) -> Result<Map> {
        let path = path.as_ref().to_path_buf();
        let lock = lock::acquire(&path)?;
        check_header(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        check_identity(&conn, &path, false)?;
        check_intact(&conn, &path)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::NotAMap {
                path,
                reason: format!("cannot use WAL (journal mode {mode})"),
            });
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let mut backup_problem = None;
        if migrate::version(&conn)? < LATEST && tables > 0 {
            let taken = backup::create(
                &conn,
                &path,
                BackupReason::BeforeMigration,
                options.clock.now(),
            )?;
            backup_problem = backup::thin(&path, &[&taken.id])
                .err()
                .map(|e| e.to_string());
        }
        migrate::run(&mut conn)?;
        let mut map = Map {
            conn,
            path,
            read_only: false,
            undo: Vec::new(),
            redo: Vec::new(),
            clock: options.clock,
            backup_problem,
            _lock: Some(lock),
        };
        if options.daily_backup
            && let Err(e) = map.daily_backup()
        {
            map.backup_problem = Some(e.to_string());
        }
        Ok(map)
    }

    /// Opens an existing map for reading only; works while another process writes it.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Map> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            let message = "no map here (the file does not exist)";
            return Err(Error::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, message),
            ));
        }
        check_header(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        check_identity(&conn, &path, true)?;
        check_intact(&conn, &path)?;
        Ok(Map {
            conn,
            path,
            read_only: true,
            undo: Vec::new(),
            redo: Vec::new(),
            clock: Arc::new(SystemClock),
            backup_problem: None,
            _lock: None,
        })
    }

    /// The map's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Everything in the map.
    pub fn snapshot(&self) -> Result<Snapshot> {
        db::snapshot(&self.conn)
    }

    /// How many items of each kind the map holds.
    pub fn summary(&self) -> Result<Summary> {
        db::summary(&self.conn)
    }

    /// Whether the map holds no items at all.
    pub fn is_empty(&self) -> Result<bool> {
        let s = self.summary()?;
        Ok(s == Summary::default())
    }

    /// One item.
    pub fn get(&self, kind: EntityKind, id: &str) -> Result<Option<Record>> {
        db::get(&self.conn, kind, id)
    }

    /// Applies an operation in one IMMEDIATE transaction and records it for undo.
    /// On error nothing is written and the history is unchanged.
    pub fn apply(&mut self, op: Op) -> Result<ChangeSet> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut changes = Vec::new();
        let label = ops::execute(&tx, op, &mut changes)?;
        tx.commit()?;
        let set = ChangeSet { label, changes };
        if !set.changes.is_empty() {
            self.undo.push(set.clone());
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        Ok(set)
    }

    /// Undoes the last operation; returns what it changed, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<ChangeSet>> {
        let Some(last) = self.undo.last() else {
            return Ok(None);
        };
        let inverse = last.inverse();
        self.write(&inverse)?;
        if let Some(done) = self.undo.pop() {
            self.redo.push(done);
        }
        Ok(Some(inverse))
    }

    /// Redoes the last undone operation.
    pub fn redo(&mut self) -> Result<Option<ChangeSet>> {
        let Some(next) = self.redo.last() else {
            return Ok(None);
        };
        let set = next.clone();
        self.write(&set)?;
        if let Some(done) = self.redo.pop() {
            self.undo.push(done);
        }
        Ok(Some(set))
    }

    /// What undo and redo would do next.
    pub fn history(&self) -> HistoryState {
        HistoryState {
            undo: self.undo.last().map(|s| s.label.clone()),
            redo: self.redo.last().map(|s| s.label.clone()),
        }
    }

    /// Writes a consistent copy of the map to `dest` (atomically: a temporary file, then rename).
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        // Replacing a map's file under an open connection corrupts it: refuse this map's own file,
        // and (through its lock) a map another window or process is writing.
        if let (Ok(own), Ok(other)) = (self.path.canonicalize(), dest.canonicalize())
            && own == other
        {
            return Err(Error::invalid(
                "path",
                "is this map's own file; choose another file for the copy",
            ));
        }
        let _dest_lock = lock::acquire(dest)?;
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = dir.join(format!(".stakemap-copy-{}.tmp", crate::model::new_id()));
        let result = (|| {
            let target = temp
                .to_str()
                .ok_or_else(|| Error::invalid("path", "is not valid UTF-8"))?;
            self.conn.execute("VACUUM INTO ?1", [target])?;
            File::open(&temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&temp, e))?;
            // A log left beside the replaced file (by a writer that crashed) would be replayed
            // over the copy when it is opened.
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut side = dest.as_os_str().to_owned();
                side.push(suffix);
                match std::fs::remove_file(&side) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(PathBuf::from(side), e)),
                }
            }
            std::fs::rename(&temp, dest).map_err(|e| Error::io(dest, e))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }

    /// Backs the map up now into its backup folder, then thins the folder (see
    /// [`crate::backup`]). Import code calls this with `BeforeImport` before it changes anything.
    /// If thinning fails, the backup stands and [`Map::backup_problem`] says why.
    pub fn backup(&mut self, reason: BackupReason) -> Result<Backup> {
        self.writable()?;
        let taken = backup::create(&self.conn, &self.path, reason, self.clock.now())?;
        if let Err(e) = backup::thin(&self.path, &[&taken.id]) {
            self.backup_problem = Some(e.to_string());
        }
        Ok(taken)
    }

    /// The map's backups, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        backup::list_backups(&self.path)
    }

    /// Why the daily backup at open, or thinning the backups, last failed (the map works on).
    pub fn backup_problem(&self) -> Option<&str> {
        self.backup_problem.as_deref()
    }

    /// Replaces the map's content with that of the backup `id`, after backing up the current
    /// content (reason `before-restore`, whose backup this returns). The copy is one write
    /// transaction: it happens whole or not at all. The undo history is cleared.
    pub fn restore(&mut self, id: &str) -> Result<Backup> {
        self.writable()?;
        let chosen = backup::find_backup(&self.path, id)?;
        let source = backup::open_checked(&chosen.path, true)?;
        let before = backup::create(
            &self.conn,
            &self.path,
            BackupReason::BeforeRestore,
            self.clock.now(),
        )?;
        {
            let copy = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            match copy.step(-1)? {
                rusqlite::backup::StepResult::Done => {}
                _ => {
                    return Err(Error::io(
                        &self.path,
                        std::io::Error::other("the map was busy; nothing was restored"),
                    ));
                }
            }
        }
        drop(source);
        self.undo.clear();
        self.redo.clear();
        self.conn.flush_prepared_statement_cache();
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // A backup of an older format (taken before a migration) is brought up to date.
        migrate::run(&mut self.conn)?;
        if let Err(e) = backup::thin(&self.path, &[&before.id, &chosen.id]) {
            self.backup_problem = Some(e.to_string());
        }
        Ok(before)
    }

    /// Moves everything in the write-ahead log into the map file and empties the log, so that
    /// nothing deleted lingers there.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Test hook: caps the map file at `pages` pages, or at its current size if that is larger
    /// (`Some(1)`: no growth at all), so that writes fail as on a full disk; `None` lifts the
    /// cap. Returns the cap in effect.
    #[doc(hidden)]
    pub fn set_max_page_count_for_tests(&mut self, pages: Option<u64>) -> Result<u64> {
        let pages = pages.unwrap_or(u64::from(u32::MAX - 1)).max(1);
        let cap: i64 =
            self.conn
                .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                    r.get(0)
                })?;
        Ok(u64::try_from(cap).unwrap_or(0))
    }

    /// Takes the daily backup if the map holds data and none was taken in the last 24 hours.
    fn daily_backup(&mut self) -> Result<Option<Backup>> {
        if self.is_empty()? || !backup::daily_due(&self.path, self.clock.now())? {
            return Ok(None);
        }
        self.backup(BackupReason::Daily).map(Some)
    }

    fn writable(&self) -> Result<()> {
        if self.read_only {
            Err(Error::ReadOnly)
        } else {
            Ok(())
        }
    }

    fn write(&mut self, set: &ChangeSet) -> Result<()> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        ops::write(&tx, &set.changes)?;
        tx.commit()?;
        Ok(())
    }
}

/// Refuses files that are not SQLite databases before SQLite touches them.
fn check_header(path: &Path) -> Result<()> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    if read == 0 {
        return Ok(());
    }
    if read < SQLITE_MAGIC.len() || &header[..SQLITE_MAGIC.len()] != SQLITE_MAGIC {
        return Err(Error::NotAMap {
            path: path.to_path_buf(),
            reason: "it is not a database file".into(),
        });
    }
    // Refuse what the header already tells apart, before SQLite opens the file: opening even
    // read-only leaves `-wal` and `-shm` files beside a WAL database. (The header's fields can
    // only lag behind the WAL for maps, so `check_identity` still has the last word.)
    if read == header.len() {
        let field = |at: usize| {
            i64::from(i32::from_be_bytes([
                header[at],
                header[at + 1],
                header[at + 2],
                header[at + 3],
            ]))
        };
        let (version, app_id) = (field(60), field(68));
        if app_id != APPLICATION_ID && app_id != 0 {
            return Err(Error::NotAMap {
                path: path.to_path_buf(),
                reason: "it is a database of another program".into(),
            });
        }
        if version > LATEST {
            return Err(Error::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: LATEST,
            });
        }
    }
    Ok(())
}

/// Checks the file is a Stakemap map this version can read, without writing to it.
fn check_identity(conn: &Connection, path: &Path, read_only: bool) -> Result<()> {
    let damaged = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            Error::damaged(path, e.to_string())
        }
        _ => Error::NotAMap {
            path: path.to_path_buf(),
            reason: format!("it cannot be read ({e})"),
        },
    };
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(damaged)?;
    let version = migrate::version(conn).map_err(|e| match e {
        Error::Storage(e) => damaged(e),
        other => other,
    })?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(damaged)?;
    if app_id != APPLICATION_ID && !(app_id == 0 && tables == 0) {
        return Err(Error::NotAMap {
            path: path.to_path_buf(),
            reason: "it is a database of another program".into(),
        });
    }
    if version > LATEST {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST,
        });
    }
    if read_only && version < LATEST {
        return Err(Error::NotAMap {
            path: path.to_path_buf(),
            reason: format!(
                "it uses map format {version}; open it once in Stakemap to upgrade it to {LATEST}"
            ),
        });
    }
    Ok(())
}

/// Runs `PRAGMA quick_check`: a map with corrupt pages is refused as `Damaged`, untouched.
fn check_intact(conn: &Connection, path: &Path) -> Result<()> {
    match backup::check(conn, "quick_check") {
        Ok(None) => Ok(()),
        Ok(Some(detail)) => Err(Error::damaged(path, detail)),
        Err(e) => Err(Error::damaged(path, e.to_string())),
    }
}
