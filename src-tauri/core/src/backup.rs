//! Rolling backups of a map, kept in a folder beside it, and restoring from them.
//!
//! A map `accounts.stakemap` keeps its backups in `accounts.stakemap-backups/`, one complete map
//! per file, named `<UTC time>-<reason>.stakemap` (`2026-03-01-093000-daily.stakemap`) so that
//! names sort by time. A backup's id is its file name without the extension.
//!
//! A backup is written with `VACUUM INTO` to a hidden temporary name, switched to a
//! single-file journal mode, checked with `PRAGMA integrity_check`, flushed to disk and only
//! then renamed into place: a backup that is listed is complete and was checked.
//!
//! Thinning keeps the newest backup of each of the 7 most recent days that have one, then the
//! newest of each of the next 4 weeks and 6 months not already covered, the 5 newest backups of
//! each other reason (`manual`, `before-import`, `before-migration`, `before-restore`), and
//! always the newest backup of all. Days, weeks and months are UTC calendar periods.
//! Files in the folder that do not follow the naming are never touched.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::migrate::{APPLICATION_ID, LATEST};

/// The source of "now" for backups: the system clock in the app, a fixed time in tests.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one time.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackupReason {
    /// The first open for writing in 24 hours.
    Daily,
    /// Asked for (`backups create`).
    Manual,
    /// Before an import changed the map.
    BeforeImport,
    /// Before the map's format was upgraded.
    BeforeMigration,
    /// Before a backup replaced the map's content.
    BeforeRestore,
}

impl BackupReason {
    /// Every reason.
    pub const ALL: [BackupReason; 5] = [
        BackupReason::Daily,
        BackupReason::Manual,
        BackupReason::BeforeImport,
        BackupReason::BeforeMigration,
        BackupReason::BeforeRestore,
    ];

    /// The name used in file names and JSON (`before-import`).
    pub fn key(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeRestore => "before-restore",
        }
    }

    /// Parses [`BackupReason::key`].
    pub fn from_key(key: &str) -> Option<BackupReason> {
        BackupReason::ALL.into_iter().find(|r| r.key() == key)
    }
}

impl std::fmt::Display for BackupReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// One backup of a map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// The file name without `.stakemap`: `2026-03-01-093000-daily`.
    pub id: String,
    /// When it was taken (to the second, UTC).
    pub created: DateTime<Utc>,
    pub reason: BackupReason,
    /// Its size in bytes.
    pub size: u64,
    /// Its file.
    pub path: PathBuf,
}

/// How many days, weeks and months thinning keeps a backup for.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 6;
/// How many of the newest backups of each reason other than `daily` thinning keeps.
pub const KEEP_PER_REASON: usize = 5;

/// A daily backup is due when the newest backup is at least this old.
pub const DAILY_INTERVAL: TimeDelta = TimeDelta::hours(24);

const STAMP: &str = "%Y-%m-%d-%H%M%S";
const STAMP_LEN: usize = 17;
const SUFFIX: &str = ".stakemap";

/// The folder holding the backups of `map`: `<map file name>-backups` beside it.
pub fn backup_dir(map: &Path) -> PathBuf {
    let mut name = map.file_name().unwrap_or(map.as_os_str()).to_owned();
    name.push("-backups");
    map.with_file_name(name)
}

/// The backups of the map at `map`, newest first. Reads the folder only, so it works while
/// another process writes the map and when the map itself cannot be opened.
pub fn list_backups(map: &Path) -> Result<Vec<Backup>> {
    let dir = backup_dir(map);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let Some((created, reason)) = parse_name(&name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        backups.push(Backup {
            id: name[..name.len() - SUFFIX.len()].to_string(),
            created,
            reason,
            size: meta.len(),
            path: entry.path(),
        });
    }
    backups.sort_by(|a, b| b.id.cmp(&a.id));
    Ok(backups)
}

/// The backup of `map` with this id.
pub fn find_backup(map: &Path, id: &str) -> Result<Backup> {
    list_backups(map)?
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| Error::NotFound {
            kind: "backup",
            id: id.to_string(),
        })
}

/// The newest backup that passes `PRAGMA quick_check`, if any (for messages about damage).
pub fn latest_good_backup(map: &Path) -> Option<Backup> {
    list_backups(map)
        .ok()?
        .into_iter()
        .find(|b| open_checked(&b.path, false).is_ok())
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let id = name.strip_suffix(SUFFIX)?;
    if id.len() <= STAMP_LEN + 1 || !id.is_char_boundary(STAMP_LEN) {
        return None;
    }
    let (stamp, rest) = id.split_at(STAMP_LEN);
    let reason = BackupReason::from_key(rest.strip_prefix('-')?)?;
    let created = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((created, reason))
}

/// Whether the daily backup is due at `now`.
pub(crate) fn daily_due(map: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(match list_backups(map)?.first() {
        None => true,
        Some(newest) => now.signed_duration_since(newest.created) >= DAILY_INTERVAL,
    })
}

/// Writes a checked backup of the database behind `conn` (which must not be inside a
/// transaction). Does not thin.
pub(crate) fn create(
    conn: &Connection,
    map: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<Backup> {
    let dir = backup_dir(map);
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let taken: HashSet<DateTime<Utc>> = list_backups(map)?.iter().map(|b| b.created).collect();
    // One backup per second: a clash moves the new one on by a second, keeping names in order.
    let mut at = now.with_nanosecond(0).unwrap_or(now);
    while taken.contains(&at) {
        at += TimeDelta::seconds(1);
    }
    let id = format!("{}-{}", at.format(STAMP), reason.key());
    let dest = dir.join(format!("{id}{SUFFIX}"));
    let temp = dir.join(format!(".{id}.partial"));
    remove_if_present(&temp)?;
    let result = (|| {
        let target = temp
            .to_str()
            .ok_or_else(|| Error::invalid("path", "is not valid UTF-8"))?;
        conn.execute("VACUUM INTO ?1", [target])?;
        seal(&temp)?;
        sync_file(&temp)?;
        fs::rename(&temp, &dest).map_err(|e| Error::io(&dest, e))?;
        sync_dir(&dir)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    let size = fs::metadata(&dest).map_err(|e| Error::io(&dest, e))?.len();
    Ok(Backup {
        id,
        created: at,
        reason,
        size,
        path: dest,
    })
}

/// Makes a fresh copy a self-contained file (rollback journal, not WAL) and checks it whole.
fn seal(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let problems = check(&conn, "integrity_check")?;
    conn.close().map_err(|(_, e)| e)?;
    match problems {
        None => Ok(()),
        Some(detail) => Err(Error::io(
            path,
            std::io::Error::other(format!(
                "the new backup failed its integrity check: {detail}"
            )),
        )),
    }
}

/// Runs `PRAGMA quick_check` or `integrity_check`: `None` when all is well, else what it found.
pub(crate) fn check(conn: &Connection, pragma: &str) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(5)"))?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    if rows.len() == 1 && rows[0] == "ok" {
        return Ok(None);
    }
    // One line: SQLite puts several findings in one row, under a "*** in database ***" title.
    let findings: Vec<&str> = rows
        .iter()
        .flat_map(|row| row.lines())
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("***"))
        .collect();
    Ok(Some(findings.join("; ")))
}

/// Opens a backup read-only after checking it is a whole map this version reads
/// (`full`: `integrity_check` rather than `quick_check`).
pub(crate) fn open_checked(path: &Path, full: bool) -> Result<Connection> {
    let bad = |reason: String| Error::NotAMap {
        path: path.to_path_buf(),
        reason,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("it cannot be read ({e})")))?;
    let read = || -> rusqlite::Result<(i64, i64, Option<String>)> {
        let app_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let problems = check(
            &conn,
            if full {
                "integrity_check"
            } else {
                "quick_check"
            },
        )?;
        Ok((app_id, version, problems))
    };
    let (app_id, version, problems) =
        read().map_err(|e| bad(format!("the backup is damaged or cannot be read ({e})")))?;
    if let Some(detail) = problems {
        return Err(bad(format!("the backup is damaged ({detail})")));
    }
    if app_id != APPLICATION_ID {
        return Err(bad("the backup is not a Stakemap map".into()));
    }
    if version > LATEST {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST,
        });
    }
    Ok(conn)
}

/// Deletes the backups the policy no longer keeps (never one named in `keep`, never the
/// newest); returns them.
pub(crate) fn thin(map: &Path, keep: &[&str]) -> Result<Vec<Backup>> {
    let backups = list_backups(map)?;
    let obsolete = obsolete(&backups);
    let mut removed = Vec::new();
    for index in obsolete {
        let backup = &backups[index];
        if keep.contains(&backup.id.as_str()) {
            continue;
        }
        match fs::remove_file(&backup.path) {
            Ok(()) => removed.push(backup.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&backup.path, e)),
        }
    }
    Ok(removed)
}

/// The positions in `backups` (newest first) of those the policy does not keep.
pub fn obsolete(backups: &[Backup]) -> Vec<usize> {
    let mut days: HashSet<NaiveDate> = HashSet::new();
    let mut weeks: HashSet<(i32, u32)> = HashSet::new();
    let mut months: HashSet<(i32, u32)> = HashSet::new();
    let (mut weekly, mut monthly) = (0, 0);
    let mut per_reason: HashMap<BackupReason, usize> = HashMap::new();
    let mut out = Vec::new();
    for (index, backup) in backups.iter().enumerate() {
        let day = backup.created.date_naive();
        let iso = day.iso_week();
        let week = (iso.year(), iso.week());
        let month = (day.year(), day.month());
        let mut keep = index == 0;
        if backup.reason != BackupReason::Daily {
            let seen = per_reason.entry(backup.reason).or_default();
            *seen += 1;
            keep |= *seen <= KEEP_PER_REASON;
        }
        if days.contains(&day) {
            // An older backup of a day that already has one.
        } else if days.len() < KEEP_DAILY {
            days.insert(day);
            weeks.insert(week);
            months.insert(month);
            keep = true;
        } else if !weeks.contains(&week) && weekly < KEEP_WEEKLY {
            weekly += 1;
            weeks.insert(week);
            months.insert(month);
            keep = true;
        } else if !months.contains(&month) && monthly < KEEP_MONTHLY {
            monthly += 1;
            months.insert(month);
            keep = true;
        }
        if !keep {
            out.push(index);
        }
    }
    out
}

/// Puts a backup in place of a map that cannot be opened (damaged, or missing). The file it
/// replaces is not deleted: it is renamed to `<map>.damaged-<time>` (its `-wal` log too), and
/// that path is returned. Refuses a map that opens normally: restore through [`crate::Map`]
/// there, which backs up the current state first.
pub fn restore_unopenable(map: &Path, id: &str, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let _lock = crate::lock::acquire(map)?;
    match crate::Map::open_read_only(map) {
        Ok(_) => {
            return Err(Error::invalid(
                "map",
                "opens normally; open it and restore the backup there (which backs up its \
                 current state first)",
            ));
        }
        Err(Error::Damaged { .. } | Error::NotAMap { .. }) => {}
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let backup = find_backup(map, id)?;
    drop(open_checked(&backup.path, true)?);

    let dir = map
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let kept = if map.exists() {
        let mut at = now;
        let kept = loop {
            let mut name = map.as_os_str().to_owned();
            name.push(format!(".damaged-{}", at.format(STAMP)));
            let kept = PathBuf::from(name);
            if !kept.exists() {
                break kept;
            }
            at += TimeDelta::seconds(1);
        };
        fs::rename(map, &kept).map_err(|e| Error::io(map, e))?;
        for suffix in ["-wal", "-journal"] {
            let side = with_suffix(map, suffix);
            if side.exists() {
                let target = with_suffix(&kept, suffix);
                fs::rename(&side, &target).map_err(|e| Error::io(&side, e))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    remove_if_present(&with_suffix(map, "-shm"))?;

    let temp = dir.join(format!(".stakemap-restore-{}.tmp", crate::model::new_id()));
    let result = (|| {
        fs::copy(&backup.path, &temp).map_err(|e| Error::io(&temp, e))?;
        sync_file(&temp)?;
        fs::rename(&temp, map).map_err(|e| Error::io(map, e))?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map(|()| kept)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn sync_file(path: &Path) -> Result<()> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Makes a rename in `dir` durable (a no-op where folders cannot be opened as files).
fn sync_dir(dir: &Path) -> Result<()> {
    if cfg!(unix) {
        File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_names_are_ignored() {
        let (at, reason) = parse_name("2026-03-01-093000-before-import.stakemap").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-01T09:30:00+00:00");
        assert_eq!(reason, BackupReason::BeforeImport);
        for name in [
            "2026-03-01-093000-daily",
            "2026-03-01-093000.stakemap",
            "2026-03-01-093000-weekly.stakemap",
            "notes.stakemap",
            ".2026-03-01-093000-daily.partial",
            "2026-13-01-093000-daily.stakemap",
        ] {
            assert_eq!(parse_name(name), None, "{name}");
        }
    }

    #[test]
    fn the_folder_sits_beside_the_map() {
        assert_eq!(
            backup_dir(Path::new("/maps/accounts.stakemap")),
            Path::new("/maps/accounts.stakemap-backups")
        );
        assert_eq!(
            backup_dir(Path::new("accounts.stakemap")),
            Path::new("accounts.stakemap-backups")
        );
    }
}
