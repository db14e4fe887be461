//! The commands: each opens the map the way it needs (read-only where it only reads), does its
//! work through the core, and returns what to print on stdout.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use stakemap_core::{ChangeSet, EntityKind, Error, Map, Op};

use crate::args::Command;
use crate::failure::Failure;
use crate::{add, coverage, listing};

/// Runs one command on the map at `path`; returns its standard output.
pub fn run(path: &Path, command: Command) -> Result<String, Failure> {
    match command {
        Command::Demo { today } => demo(path, today),
        Command::BenchMap {
            frames,
            cards,
            seed,
            today,
        } => bench_map(path, frames, cards, seed, today),
        Command::Export(args) => crate::export::run(path, args),
        Command::Import(args) => crate::import::run(path, args),
        Command::Summary { json } => summary(path, json),
        Command::List { kind, json } => list(path, kind, json),
        Command::Add { item } => add::add(path, item),
        Command::Delete { kind, id } => delete(path, kind, &id),
        Command::Backups { action } => crate::backups::run(path, action),
        Command::Coverage {
            project,
            today,
            json,
        } => coverage::coverage(path, project.as_deref(), today, json),
    }
}

/// Writes the demo map into an empty map, in one transaction.
fn demo(path: &Path, today: Option<NaiveDate>) -> Result<String, Failure> {
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    // Refuse from a read-only look first: opening for writing touches the file's header.
    if let Some(map) = peek(path) {
        refuse_unless_empty(&map, path, "the demo")?;
    }
    let (mut map, _) = open_or_create(path)?;
    refuse_unless_empty(&map, path, "the demo")?;
    map.apply(stakemap_core::demo::op(today))?;
    let summary = map.summary()?;
    Ok(format!(
        "Wrote the demo map to {}: {}.\n",
        path.display(),
        listing::summary_line(&summary)
    ))
}

/// Writes a generated map of `frames` project frames and `cards` stake cards into an empty map,
/// in one transaction.
fn bench_map(
    path: &Path,
    frames: u32,
    cards: u32,
    seed: u64,
    today: Option<NaiveDate>,
) -> Result<String, Failure> {
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    if let Some(map) = peek(path) {
        refuse_unless_empty(&map, path, "a benchmark map")?;
    }
    let (mut map, _) = open_or_create(path)?;
    refuse_unless_empty(&map, path, "a benchmark map")?;
    let size = stakemap_core::large_map::LargeMap {
        frames: frames as usize,
        cards: cards as usize,
    };
    let snapshot = size.generate(seed, today);
    map.apply(stakemap_core::large_map::write_op(
        snapshot,
        "Create benchmark map",
    ))?;
    let summary = map.summary()?;
    Ok(format!(
        "Wrote a benchmark map to {}: {}.\n",
        path.display(),
        listing::summary_line(&summary)
    ))
}

/// Refuses to write `what` (the demo, a benchmark map) into a map that already holds items.
fn refuse_unless_empty(map: &Map, path: &Path, what: &str) -> Result<(), Failure> {
    if map.is_empty()? {
        return Ok(());
    }
    let found = listing::summary_line(&map.summary()?);
    Err(Failure::other(format!(
        "{} is not empty ({found}); {what} is only written into an empty map. \
         The file was not changed.",
        path.display()
    )))
}

/// Counts the items of each kind.
fn summary(path: &Path, json: bool) -> Result<String, Failure> {
    let summary = open_read_only(path)?.summary()?;
    if json {
        Ok(serde_json::to_string_pretty(&summary)? + "\n")
    } else {
        Ok(listing::summary_table(&summary))
    }
}

/// Lists the items of one kind.
fn list(path: &Path, kind: EntityKind, json: bool) -> Result<String, Failure> {
    let snapshot = open_read_only(path)?.snapshot()?;
    if json {
        Ok(listing::json(&snapshot, kind)?)
    } else {
        Ok(listing::table(&snapshot, kind))
    }
}

/// Deletes an item and what depends on it; says what went.
fn delete(path: &Path, kind: EntityKind, id: &str) -> Result<String, Failure> {
    // Look read-only first, so that a wrong id leaves the file untouched.
    if let Some(map) = peek(path)
        && map.get(kind, id)?.is_none()
    {
        return Err(Error::NotFound {
            kind: kind.name(),
            id: id.to_string(),
        }
        .into());
    }
    let mut map = open_existing(path)?;
    let changes = map.apply(Op::Delete {
        kind,
        id: id.to_string(),
    })?;
    Ok(describe_delete(&changes))
}

/// "Deleted contact Dana Ruiz (also removed 2 stakes, 1 relationship; updated 3 interactions)."
fn describe_delete(changes: &ChangeSet) -> String {
    let what = changes
        .label
        .strip_prefix("Delete ")
        .unwrap_or(&changes.label);
    // The deleted item itself is the last change; the ones before are its dependents.
    let dependents = changes
        .changes
        .split_last()
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let mut removed = BTreeMap::<&str, usize>::new();
    let mut updated = BTreeMap::<&str, usize>::new();
    for change in dependents {
        let tally = if change.after.is_none() {
            &mut removed
        } else {
            &mut updated
        };
        *tally.entry(change.kind.name()).or_default() += 1;
    }
    let counted = |tally: &BTreeMap<&str, usize>| {
        let parts: Vec<String> = tally
            .iter()
            .map(|(kind, n)| format!("{n} {kind}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        parts.join(", ")
    };
    let mut details = Vec::new();
    if !removed.is_empty() {
        details.push(format!("also removed {}", counted(&removed)));
    }
    if !updated.is_empty() {
        details.push(format!("updated {}", counted(&updated)));
    }
    if details.is_empty() {
        format!("Deleted {what}.\n")
    } else {
        format!("Deleted {what} ({}).\n", details.join("; "))
    }
}

/// The map opened read-only, when that works: `None` for a missing or empty file, or one that
/// cannot be read as it is (the open for writing then reports the problem, or upgrades the map).
fn peek(path: &Path) -> Option<Map> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() == 0 {
        return None;
    }
    Map::open_read_only(path).ok()
}

/// Opens an existing map for reading only, saying plainly when there is no such file.
pub fn open_read_only(path: &Path) -> Result<Map, Failure> {
    require_file(path)?;
    Ok(Map::open_read_only(path)?)
}

/// Opens an existing map for writing.
pub fn open_existing(path: &Path) -> Result<Map, Failure> {
    require_file(path)?;
    Ok(Map::open(path)?)
}

/// Opens a map for writing, creating it if the file does not exist; says whether it did.
pub fn open_or_create(path: &Path) -> Result<(Map, bool), Failure> {
    if path.is_dir() {
        return Err(Failure::other(format!(
            "{} is a folder, not a map",
            path.display()
        )));
    }
    let created = !path.exists();
    if created
        && let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.is_dir()
    {
        return Err(Failure::other(format!(
            "cannot create {}: the folder {} does not exist",
            path.display(),
            folder.display()
        )));
    }
    Ok((Map::open(path)?, created))
}

/// Refuses a path that is missing or not a file, with a message that says which.
fn require_file(path: &Path) -> Result<(), Failure> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Failure::other(format!(
            "{} is a folder, not a map",
            path.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Failure::other(format!(
            "{}: no such map (the file does not exist)",
            path.display()
        ))),
        Err(e) => Err(Failure::other(format!("{}: {e}", path.display()))),
    }
}

/// Tells the user something on stderr that is not an error; a closed stderr is ignored.
pub fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "stakemap: {message}");
}
