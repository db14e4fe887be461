//! Import and export: Stakemap JSON (whole maps), contacts from CSV and vCard, CSV tables out.
//!
//! Imports are two steps so that people see what will happen first: [`plan`] (or
//! [`plan_file`]) reads and checks the whole file and returns an [`ImportPlan`] of what will be
//! created, merged and skipped, with a reason and a source location per item, without writing;
//! [`apply`] then backs the map up and writes the plan in one undoable transaction. A file with
//! any problem is refused whole, with an error naming the place (JSON path, or line and column).
//!
//! Every export is written with [`atomic::write_atomic`].

pub mod atomic;
mod contacts;
pub mod csv;
pub mod export;
pub mod json;
pub mod limits;
pub mod plan;
mod text;
pub mod vcard;

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

pub use plan::{
    AppliedImport, Duplicates, ImportFormat, ImportPlan, JsonTarget, PlanAction, PlanCounts,
    PlanItem, Progress, apply,
};

use crate::error::{Error, Result};
use crate::model::Snapshot;

/// How to read a file for import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportOptions {
    /// The format; `None` detects it from the file's name and content.
    pub format: Option<ImportFormat>,
    /// What to do with items already in the map.
    pub duplicates: Duplicates,
    /// For JSON: into a new (empty) map, or merged into the open one.
    pub target: JsonTarget,
    /// For CSV: which column fills which field; needed for files Stakemap does not recognise
    /// (see [`csv::inspect`]).
    pub mapping: Option<csv::ColumnMapping>,
}

/// Guesses a file's format from its extension, else from its first characters.
pub fn detect(name: &str, bytes: &[u8]) -> Result<ImportFormat> {
    let lower = name.to_lowercase();
    let by_name = [
        (".json", ImportFormat::Json),
        (".csv", ImportFormat::Csv),
        (".tsv", ImportFormat::Csv),
        (".txt", ImportFormat::Csv),
        (".vcf", ImportFormat::Vcard),
        (".vcard", ImportFormat::Vcard),
    ];
    if let Some((_, format)) = by_name.iter().find(|(ext, _)| lower.ends_with(ext)) {
        return Ok(*format);
    }
    let head = text::decode(&bytes[..bytes.len().min(4096)]).unwrap_or_default();
    let head = head.trim_start();
    if head.starts_with('{') {
        Ok(ImportFormat::Json)
    } else if head.to_uppercase().starts_with("BEGIN:VCARD") {
        Ok(ImportFormat::Vcard)
    } else if head.contains([',', ';', '\t']) {
        Ok(ImportFormat::Csv)
    } else {
        Err(Error::invalid(
            "file",
            "is not a format Stakemap imports (Stakemap JSON, CSV or vCard); choose the format",
        ))
    }
}

/// Reads the file at `path` and plans its import into a map holding `existing` (see [`plan`]). Files over
/// [`limits::MAX_FILE_BYTES`] are refused before they are read.
pub fn plan_file(
    existing: &Snapshot,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportPlan> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    limits::check_size(meta.len())?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    plan(existing, &name, &bytes, options, progress)
}

/// Plans the import of `bytes` (a file called `name`) into a map holding `existing` (from
/// [`Map::snapshot`](crate::Map::snapshot); `Snapshot::default()` for a new map), without
/// writing.
pub fn plan(
    existing: &Snapshot,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportPlan> {
    limits::check_size(bytes.len() as u64)?;
    let format = match options.format {
        Some(format) => format,
        None => detect(name, bytes)?,
    };
    let plan = match format {
        ImportFormat::Json => {
            json::plan(existing, name, bytes, options.duplicates, options.target)?
        }
        ImportFormat::Csv => csv::plan(
            existing,
            name,
            bytes,
            options.mapping.as_ref(),
            options.duplicates,
            progress,
        )?,
        ImportFormat::Vcard => vcard::plan(existing, name, bytes, options.duplicates, progress)?,
    };
    let total = u32::try_from(plan.items.len()).unwrap_or(u32::MAX);
    progress(Progress { done: total, total });
    Ok(plan)
}
