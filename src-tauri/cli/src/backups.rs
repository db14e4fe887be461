//! `backups list|create|restore`: a map's rolling backups from the command line.

use std::path::Path;

use clap::Subcommand;
use stakemap_core::backup::{list_backups, restore_unopenable};
use stakemap_core::{BackupReason, Error, Map, MapOptions};

use crate::failure::Failure;
use crate::table::Table;

/// What `backups` does.
#[derive(Debug, Subcommand)]
pub enum BackupsCommand {
    /// Lists the map's backups, newest first (reads the backup folder only: works while the
    /// app has the map open, and when the map itself is damaged).
    List {
        /// Prints a JSON array: id, created, reason, size, path.
        #[arg(long)]
        json: bool,
    },
    /// Backs the map up now and prints the new backup's id.
    Create,
    /// Replaces the map's content with a backup (see `backups list`). The current content is
    /// backed up first; a damaged map file is kept beside it as `<map>.damaged-<time>`.
    Restore {
        /// The backup's id.
        id: String,
    },
}

/// Runs a `backups` command on the map at `path`.
pub fn run(path: &Path, command: BackupsCommand) -> Result<String, Failure> {
    match command {
        BackupsCommand::List { json } => list(path, json),
        BackupsCommand::Create => create(path),
        BackupsCommand::Restore { id } => restore(path, &id),
    }
}

fn list(path: &Path, json: bool) -> Result<String, Failure> {
    let backups = list_backups(path)?;
    if json {
        return Ok(serde_json::to_string_pretty(&backups)? + "\n");
    }
    if backups.is_empty() {
        return Ok(format!(
            "No backups of {} yet (they go in {}).\n",
            path.display(),
            stakemap_core::backup::backup_dir(path).display()
        ));
    }
    let mut table = Table::new(&["id", "created (UTC)", "reason", "size"]).right(&[3]);
    for backup in &backups {
        table.row(vec![
            backup.id.clone(),
            backup.created.format("%Y-%m-%d %H:%M:%S").to_string(),
            backup.reason.to_string(),
            size(backup.size),
        ]);
    }
    Ok(table.render())
}

fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KiB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Opens the map for writing without its daily backup: these commands take their own.
fn open(path: &Path) -> Result<Map, Error> {
    Map::open_with(path, MapOptions::default().daily_backup(false))
}

/// Refuses a path that is not an existing map file.
fn require_file(path: &Path) -> Result<(), Failure> {
    if path.is_file() {
        Ok(())
    } else if path.is_dir() {
        Err(Failure::other(format!(
            "{} is a folder, not a map",
            path.display()
        )))
    } else {
        Err(Failure::other(format!(
            "{}: no such map (the file does not exist)",
            path.display()
        )))
    }
}

fn create(path: &Path) -> Result<String, Failure> {
    require_file(path)?;
    let backup = open(path)?.backup(BackupReason::Manual)?;
    Ok(format!("{}\n", backup.id))
}

fn restore(path: &Path, id: &str) -> Result<String, Failure> {
    let opened = if path.exists() {
        open(path)
    } else {
        // A map that was deleted: its backups are still there.
        Err(Error::NotAMap {
            path: path.to_path_buf(),
            reason: "it does not exist".into(),
        })
    };
    match opened {
        Ok(mut map) => {
            let saved = map.restore(id)?;
            Ok(format!(
                "Restored backup {id} into {}. What it held before is backup {} (restore that \
                 to undo this).\n",
                path.display(),
                saved.id
            ))
        }
        Err(Error::Damaged { .. } | Error::NotAMap { .. }) => {
            let kept = restore_unopenable(path, id, chrono::Utc::now())?;
            // It opens now (and a backup of an older format is brought up to date).
            drop(open(path)?);
            let mut out = format!("Restored backup {id} into {}.\n", path.display());
            if let Some(kept) = kept {
                out.push_str(&format!(
                    "The file it replaced is kept as {}.\n",
                    kept.display()
                ));
            }
            Ok(out)
        }
        Err(e) => Err(e.into()),
    }
}
