//! The app's state: the open map and what the commands do with it. Nothing here needs a window,
//! so the command handlers are tested against real map files without one.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use specta::Type;
use stakemap_core::coverage::{self, Coverage, Engine};
use stakemap_core::{Backup, BackupReason, ChangeSet, Error, HistoryState, Map, Op, Snapshot};

use crate::error::AppError;
use crate::settings::Settings;

/// File name of the map created on first start, in the app's data folder.
pub const DEFAULT_MAP_NAME: &str = "My accounts.stakemap";

/// The open map, as the UI sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MapInfo {
    /// Full path of the map file.
    pub path: String,
    /// File name without extension, for titles.
    pub name: String,
    pub history: HistoryState,
    /// Why the automatic backup taken at open failed, if it did: the map works, but its backups
    /// may be out of date.
    pub backup_problem: Option<String>,
}

/// What an operation, undo or redo changed, and what undo and redo would do next.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Applied {
    pub changes: ChangeSet,
    pub history: HistoryState,
    /// The fresh coverage of every project the changes touched that still exists.
    pub coverage: Vec<Coverage>,
    /// Projects the changes touched that no longer exist (deleted): drop their coverage.
    pub removed_coverage: Vec<String>,
}

/// One backup of the map, as the UI lists it. Its id is all the UI sends back to restore it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BackupInfo {
    /// The backup's id (its file name without extension): `2026-03-01-093000-daily`.
    pub id: String,
    /// When it was taken, RFC 3339 in UTC.
    pub created: String,
    /// Why it was taken, for people: `Daily`, `Before import`...
    pub reason: String,
    /// Its size in KiB, rounded up.
    pub size_kib: u32,
}

impl From<&Backup> for BackupInfo {
    fn from(backup: &Backup) -> Self {
        BackupInfo {
            id: backup.id.clone(),
            created: backup
                .created
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            reason: reason_label(backup.reason).to_string(),
            size_kib: u32::try_from(backup.size.div_ceil(1024)).unwrap_or(u32::MAX),
        }
    }
}

fn reason_label(reason: BackupReason) -> &'static str {
    match reason {
        BackupReason::Daily => "Daily",
        BackupReason::Manual => "Manual",
        BackupReason::BeforeImport => "Before import",
        BackupReason::BeforeMigration => "Before upgrade",
        BackupReason::BeforeRestore => "Before restore",
    }
}

/// The open map and the coverage engine that keeps its scores current.
#[derive(Debug)]
struct Open {
    map: Map,
    engine: Engine,
}

impl Open {
    fn new(map: Map) -> Result<Open, Error> {
        let engine = engine_for(&map)?;
        Ok(Open { map, engine })
    }

    /// Moves coverage to the current day when the date has changed since it was last scored
    /// (an app left open overnight); returns whether it did.
    fn roll_over_day(&mut self) -> bool {
        let today = chrono::Local::now().date_naive();
        if self.engine.today() == today {
            return false;
        }
        self.engine.set_today(today);
        true
    }

    /// Feeds the changes to the engine and reports them with the touched projects' coverage.
    /// After midnight every project is rescored, so all of them are sent.
    fn applied(&mut self, changes: ChangeSet) -> Applied {
        let new_day = self.roll_over_day();
        let touched = self.engine.apply(&changes);
        let mut coverage = Vec::new();
        let mut removed_coverage = Vec::new();
        for id in touched {
            match self.engine.project(&id) {
                Some(c) => coverage.push(c.clone()),
                None => removed_coverage.push(id),
            }
        }
        if new_day {
            coverage = self.engine.results();
        }
        Applied {
            changes,
            history: self.map.history(),
            coverage,
            removed_coverage,
        }
    }
}

/// A coverage engine scoring everything in `map` as of today.
fn engine_for(map: &Map) -> Result<Engine, Error> {
    let snapshot = map.snapshot()?;
    let today = chrono::Local::now().date_naive();
    Ok(Engine::new(&snapshot, today, coverage::Config::default()))
}

/// Where the app keeps its own files.
#[derive(Debug, Clone)]
pub struct Folders {
    /// Holds `settings.json`.
    pub config: PathBuf,
    /// Holds the default map.
    pub data: PathBuf,
}

/// The state behind every command.
#[derive(Debug)]
pub struct AppState {
    folders: Folders,
    map: Mutex<Option<Open>>,
    /// Why the start-up map could not be opened, until another map is.
    startup_error: Mutex<Option<AppError>>,
    /// The start-up map that could not be opened (so that a damaged one can be restored from its
    /// backups), until another map is.
    failed_path: Mutex<Option<PathBuf>>,
    /// The import waiting between its preview and its application.
    imports: crate::interchange::Imports,
}

impl AppState {
    /// State with no map open yet.
    pub fn new(folders: Folders) -> Self {
        AppState {
            folders,
            map: Mutex::new(None),
            startup_error: Mutex::new(None),
            failed_path: Mutex::new(None),
            imports: crate::interchange::Imports::default(),
        }
    }

    fn settings_file(&self) -> PathBuf {
        Settings::file_in(&self.folders.config)
    }

    /// The map to open at start: the first argument, else the last map, else the default map.
    pub fn startup_path(&self, argument: Option<PathBuf>) -> PathBuf {
        if let Some(path) = argument {
            return path;
        }
        if let Some(last) = Settings::load(&self.settings_file()).last_map
            && last.is_file()
        {
            return last;
        }
        self.folders.data.join(DEFAULT_MAP_NAME)
    }

    /// Opens the start-up map; on failure keeps the error for the UI to show.
    pub fn open_at_startup(&self, argument: Option<PathBuf>) {
        let path = self.startup_path(argument);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            *lock(&self.startup_error) = Some(
                Error::Io {
                    path: dir.to_path_buf(),
                    source: e,
                }
                .into(),
            );
            return;
        }
        if let Err(error) = self.switch_to(&path) {
            *lock(&self.startup_error) = Some(error);
            *lock(&self.failed_path) = Some(absolute(&path));
        }
    }

    /// Opens `path` (creating it if new) and makes it the open map; the previous map stays open
    /// if this fails.
    pub fn switch_to(&self, path: &Path) -> Result<MapInfo, AppError> {
        let map = Map::open(path)?;
        let info = info(&map);
        let open = Open::new(map)?;
        *lock(&self.map) = Some(open);
        *lock(&self.startup_error) = None;
        *lock(&self.failed_path) = None;
        let mut settings = Settings::load(&self.settings_file());
        settings.last_map = Some(absolute(path));
        if let Err(e) = settings.save(&self.settings_file()) {
            // Not fatal: the map is open; only "open last map" will not remember it.
            eprintln!("stakemap: could not save settings: {e}");
        }
        Ok(info)
    }

    /// Creates a new, empty map at `path`; refuses an existing file so nothing is overwritten.
    pub fn create(&self, path: &Path) -> Result<MapInfo, AppError> {
        if path.exists() {
            return Err(AppError {
                kind: stakemap_core::ErrorKind::Invalid,
                message: format!(
                    "{} already exists; choose a new file name for a new map, or open it instead",
                    path.display()
                ),
                field: Some("path".into()),
            });
        }
        self.switch_to(path)
    }

    fn with_map<T>(&self, f: impl FnOnce(&mut Map) -> Result<T, Error>) -> Result<T, AppError> {
        self.with_open(|open| f(&mut open.map))
    }

    fn with_open<T>(&self, f: impl FnOnce(&mut Open) -> Result<T, Error>) -> Result<T, AppError> {
        let mut guard = lock(&self.map);
        match guard.as_mut() {
            Some(open) => Ok(f(open)?),
            None => Err(lock(&self.startup_error)
                .clone()
                .unwrap_or_else(AppError::no_map)),
        }
    }

    /// The open map's file and history.
    pub fn map_info(&self) -> Result<MapInfo, AppError> {
        self.with_map(|map| Ok(info(map)))
    }

    /// Everything in the open map.
    pub fn load_map(&self) -> Result<Snapshot, AppError> {
        self.with_map(|map| map.snapshot())
    }

    /// Every project's coverage, in the map's project order.
    pub fn coverage(&self) -> Result<Vec<Coverage>, AppError> {
        self.with_open(|open| {
            open.roll_over_day();
            Ok(open.engine.results())
        })
    }

    /// Applies an operation.
    pub fn apply(&self, op: Op) -> Result<Applied, AppError> {
        self.with_open(|open| {
            let changes = open.map.apply(op)?;
            Ok(open.applied(changes))
        })
    }

    /// Arranges the cards of one project's frame (one undoable step; see
    /// [`stakemap_core::layout`]).
    pub fn arrange_project(&self, project: &str) -> Result<Applied, AppError> {
        self.with_open(|open| {
            let op = stakemap_core::layout::arrange_project(&open.map.snapshot()?, project)?;
            let changes = open.map.apply(op)?;
            Ok(open.applied(changes))
        })
    }

    /// Undoes the last operation (no changes when there is nothing to undo).
    pub fn undo(&self) -> Result<Applied, AppError> {
        self.with_open(|open| {
            let changes = open.map.undo()?.unwrap_or_else(empty);
            Ok(open.applied(changes))
        })
    }

    /// Redoes the last undone operation.
    pub fn redo(&self) -> Result<Applied, AppError> {
        self.with_open(|open| {
            let changes = open.map.redo()?.unwrap_or_else(empty);
            Ok(open.applied(changes))
        })
    }

    /// Writes a copy of the open map to `dest`.
    pub fn save_copy(&self, dest: &Path) -> Result<(), AppError> {
        if self
            .map_info()
            .is_ok_and(|info| Path::new(&info.path) == absolute(dest))
        {
            return Err(AppError {
                kind: stakemap_core::ErrorKind::Invalid,
                message: "a copy needs another file than the open map".into(),
                field: Some("path".into()),
            });
        }
        self.with_map(|map| map.save_copy(dest))
    }

    /// The backups of the open map, newest first; with no map open, those of the start-up map
    /// that could not be opened (a damaged map's backups are what the user needs then).
    pub fn backups(&self) -> Result<Vec<BackupInfo>, AppError> {
        let list = {
            let guard = lock(&self.map);
            match guard.as_ref() {
                Some(open) => open.map.backups()?,
                None => match self.failed() {
                    Some(path) => stakemap_core::backup::list_backups(&path)?,
                    None => return Err(self.no_map_error()),
                },
            }
        };
        Ok(list.iter().map(BackupInfo::from).collect())
    }

    /// Replaces the map's content with the backup `id` (one of [`AppState::backups`]) and
    /// returns the map. On the open map the current content is backed up first and the undo
    /// history is cleared; a start-up map that could not be opened is put aside (renamed, not
    /// deleted), replaced by the backup, and opened. Any other id is refused and nothing changes.
    pub fn restore_backup(&self, id: &str) -> Result<MapInfo, AppError> {
        {
            let mut guard = lock(&self.map);
            if let Some(open) = guard.as_mut() {
                known_backup(&open.map.backups()?, id)?;
                open.map.restore(id)?;
                open.engine = engine_for(&open.map)?;
                return Ok(info(&open.map));
            }
        }
        let Some(path) = self.failed() else {
            return Err(self.no_map_error());
        };
        known_backup(&stakemap_core::backup::list_backups(&path)?, id)?;
        stakemap_core::backup::restore_unopenable(&path, id, chrono::Utc::now())?;
        self.switch_to(&path)
    }

    /// The pending import (see [`crate::interchange`]).
    pub(crate) fn imports(&self) -> &crate::interchange::Imports {
        &self.imports
    }

    /// Whether the open map holds no items at all.
    pub fn map_is_empty(&self) -> Result<bool, AppError> {
        self.with_map(|map| map.is_empty())
    }

    /// Writes an import plan into the open map (a `before-import` backup first, then one
    /// undoable step) and scores coverage afresh.
    pub fn import(
        &self,
        plan: &stakemap_core::interchange::ImportPlan,
    ) -> Result<stakemap_core::interchange::AppliedImport, AppError> {
        self.with_open(|open| {
            let applied = stakemap_core::interchange::apply(&mut open.map, plan)?;
            open.engine = engine_for(&open.map)?;
            Ok(applied)
        })
    }

    fn failed(&self) -> Option<PathBuf> {
        lock(&self.failed_path).clone()
    }

    fn no_map_error(&self) -> AppError {
        lock(&self.startup_error)
            .clone()
            .unwrap_or_else(AppError::no_map)
    }
}

/// Refuses an id that is not one of `backups`.
fn known_backup(backups: &[Backup], id: &str) -> Result<(), AppError> {
    if backups.iter().any(|b| b.id == id) {
        Ok(())
    } else {
        Err(AppError {
            kind: stakemap_core::ErrorKind::Invalid,
            message: format!("there is no backup {id:?} of this map"),
            field: Some("backup".into()),
        })
    }
}

fn empty() -> ChangeSet {
    ChangeSet {
        label: String::new(),
        changes: Vec::new(),
    }
}

fn info(map: &Map) -> MapInfo {
    let path = absolute(map.path());
    MapInfo {
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.to_string_lossy().into_owned(),
        history: map.history(),
        backup_problem: map.backup_problem().map(str::to_string),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
