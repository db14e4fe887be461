//! Import and export in the app, without a window: the pending import (the chosen file, its
//! options and plan) kept between the preview and its application, and exports prepared in the
//! core then written atomically. The commands add the native file dialogs, so the webview never
//! names a file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use specta::Type;
use stakemap_core::interchange::csv::CsvPreview;
use stakemap_core::interchange::{
    self, ImportFormat, ImportOptions, ImportPlan, JsonTarget, PlanAction, PlanCounts, Progress,
    atomic, export, limits,
};
use stakemap_core::render::{self, Background, RenderOptions, Scope};
use stakemap_core::{EntityKind, Error, ErrorKind, Snapshot};

use crate::error::AppError;
use crate::state::{AppState, MapInfo};

/// How many items of a plan the preview lists (the counts cover them all).
pub const PREVIEW_ROWS: usize = 1000;

/// One row of the import preview.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PreviewItem {
    pub action: PlanAction,
    pub kind: EntityKind,
    pub name: String,
    /// Why ("new contact", "same email as Dana Ruiz in the map").
    pub reason: String,
    /// Where in the file: `$.contacts[3]`, `line 5`.
    pub location: String,
}

/// What an import will do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ImportPreview {
    /// The file's name (without its folder).
    pub source: String,
    pub format: ImportFormat,
    /// What the file was recognised as ("LinkedIn connections", "Stakemap JSON v1").
    pub recognised: String,
    /// The options the plan was made with (the format as detected).
    pub options: ImportOptions,
    pub counts: PlanCounts,
    /// The first [`PREVIEW_ROWS`] items, in file order.
    pub items: Vec<PreviewItem>,
    /// How many items the plan holds (more than `items` when the list was cut).
    pub total: u32,
    /// Whether importing asks for a new map file first: a JSON map into a new map while the
    /// open map holds items.
    pub asks_new_map: bool,
    /// Why a newly chosen file cannot be imported as it is (then nothing is planned): its
    /// format is known, so other options (a CSV column mapping) can be tried.
    pub problem: Option<AppError>,
}

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ImportDone {
    /// The undo label ("Import contacts.csv").
    pub label: String,
    pub counts: PlanCounts,
    /// The `before-import` backup's id (none when nothing was written).
    pub backup: Option<String>,
    /// The new map the import went into, now open (a JSON map into a new map).
    pub map: Option<MapInfo>,
}

/// The file formats the app exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Stakemap JSON (whole map, or one project's part).
    Json,
    Png,
    Svg,
    /// CSV, one row per contact.
    ContactsCsv,
    /// CSV, one row per stake.
    StakesCsv,
}

/// What to export, as the export dialog asks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ExportRequest {
    pub format: ExportFormat,
    /// The whole map, one project (by id), or a rectangle of the canvas (PNG and SVG only).
    pub scope: Scope,
    /// Pixels per canvas unit for PNG and SVG: 1, 2 or 4.
    pub scale: f32,
    pub background: Background,
}

/// An export rendered and serialised, waiting for its file.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedExport {
    pub bytes: Vec<u8>,
    /// A file name to offer ("Acme - Warehouse Pilot.png").
    pub file_name: String,
    /// The extension the file gets when the chosen name has none.
    pub extension: &'static str,
    /// The save dialog's filter name ("PNG image").
    pub filter: &'static str,
}

/// The chosen file and its latest plan (none when the file was refused, so that other options
/// can still be tried on it).
#[derive(Debug)]
struct Pending {
    path: PathBuf,
    /// The open map's path when the plan was made.
    map: String,
    planned: Option<Planned>,
}

#[derive(Debug, Clone)]
struct Planned {
    plan: ImportPlan,
    asks_new_map: bool,
}

/// The import waiting between its preview and its application (one at a time).
#[derive(Debug, Default)]
pub struct Imports {
    pending: Mutex<Option<Pending>>,
}

impl Imports {
    fn lock(&self) -> MutexGuard<'_, Option<Pending>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError {
        kind: ErrorKind::Invalid,
        message: message.into(),
        field: Some(field.into()),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The format of the file at `path`, from its name, else its first bytes.
fn detect_file(path: &Path) -> Result<ImportFormat, Error> {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    interchange::detect(&file_name(path), &head)
}

fn preview(plan: &ImportPlan, options: ImportOptions, asks_new_map: bool) -> ImportPreview {
    ImportPreview {
        source: plan.source.clone(),
        format: plan.format,
        recognised: plan.recognised.clone(),
        options,
        counts: plan.counts,
        items: plan
            .items
            .iter()
            .take(PREVIEW_ROWS)
            .map(|i| PreviewItem {
                action: i.action,
                kind: i.kind,
                name: i.name.clone(),
                reason: i.reason.clone(),
                location: i.location.clone(),
            })
            .collect(),
        total: u32::try_from(plan.items.len()).unwrap_or(u32::MAX),
        asks_new_map,
        problem: None,
    }
}

impl AppState {
    /// Plans the import of the file at `path` (chosen in a native dialog) into the open map with
    /// the default options, without writing, and keeps it as the pending import. A Stakemap JSON
    /// file goes into the open map when it is empty, else it is merged; duplicates are skipped.
    /// A file whose format is known but which cannot be imported as it is comes back with its
    /// `problem` and stays pending, so that other options can be tried on it.
    pub fn choose_import(
        &self,
        path: &Path,
        format: Option<ImportFormat>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportPreview, AppError> {
        let info = self.map_info()?;
        *self.imports().lock() = Some(Pending {
            path: path.to_path_buf(),
            map: info.path,
            planned: None,
        });
        let format = match format {
            Some(format) => format,
            None => detect_file(path)?,
        };
        let empty = self.map_is_empty()?;
        let options = ImportOptions {
            format: Some(format),
            target: if format == ImportFormat::Json && empty {
                JsonTarget::NewMap
            } else {
                JsonTarget::Merge
            },
            ..ImportOptions::default()
        };
        match self.replan_import(options.clone(), progress) {
            Ok(preview) => Ok(preview),
            Err(problem) => Ok(ImportPreview {
                source: file_name(path),
                format,
                recognised: String::new(),
                options,
                counts: PlanCounts::default(),
                items: Vec::new(),
                total: 0,
                asks_new_map: false,
                problem: Some(problem),
            }),
        }
    }

    /// Plans the pending file again with other options (format, duplicates, JSON target).
    pub fn replan_import(
        &self,
        mut options: ImportOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportPreview, AppError> {
        let path = match self.imports().lock().as_ref() {
            Some(pending) => pending.path.clone(),
            None => return Err(no_import()),
        };
        let info = self.map_info()?;
        let format = match options.format {
            Some(format) => format,
            None => detect_file(&path)?,
        };
        options.format = Some(format);
        let asks_new_map = format == ImportFormat::Json
            && options.target == JsonTarget::NewMap
            && !self.map_is_empty()?;
        // A new map file starts empty: plan against that.
        let base = if asks_new_map {
            Snapshot::default()
        } else {
            self.load_map()?
        };
        let result = interchange::plan_file(&base, &path, &options, progress);
        let mut guard = self.imports().lock();
        let Some(pending) = guard.as_mut().filter(|p| p.path == path) else {
            return Err(no_import());
        };
        pending.map = info.path;
        match result {
            Ok(plan) => {
                let out = preview(&plan, options, asks_new_map);
                pending.planned = Some(Planned { plan, asks_new_map });
                Ok(out)
            }
            Err(error) => {
                pending.planned = None;
                Err(error.into())
            }
        }
    }

    /// Writes the pending plan (after a backup, as one undoable step) and forgets it. When the
    /// plan puts a JSON map into a new map, `new_map_file` asks where (a native save dialog):
    /// that map is created and opened first; `None` from it cancels and keeps the import
    /// pending. Refused when the open map changed since the plan was made.
    pub fn apply_import(
        &self,
        new_map_file: impl FnOnce() -> Result<Option<PathBuf>, AppError>,
    ) -> Result<Option<ImportDone>, AppError> {
        let (map, planned) = match self.imports().lock().as_ref() {
            Some(Pending {
                map,
                planned: Some(planned),
                ..
            }) => (map.clone(), planned.clone()),
            Some(_) => {
                return Err(invalid(
                    "import",
                    "the file could not be read; choose other options or another file",
                ));
            }
            None => return Err(no_import()),
        };
        if self.map_info()?.path != map {
            *self.imports().lock() = None;
            return Err(invalid(
                "import",
                "another map was opened since the preview; import the file again",
            ));
        }
        let mut switched = None;
        if planned.asks_new_map {
            let Some(path) = new_map_file()? else {
                return Ok(None);
            };
            let info = self.create(&path)?;
            if let Some(pending) = self.imports().lock().as_mut() {
                pending.map = info.path.clone();
                if let Some(p) = pending.planned.as_mut() {
                    p.asks_new_map = false;
                }
            }
            switched = Some(info);
        }
        let applied = self.import(&planned.plan)?;
        *self.imports().lock() = None;
        Ok(Some(ImportDone {
            label: applied.label,
            counts: applied.counts,
            backup: applied.backup,
            map: switched,
        }))
    }

    /// The pending CSV file's header, first rows and recognised mapping, for the column-mapping
    /// step of files Stakemap does not recognise.
    pub fn inspect_import(&self) -> Result<CsvPreview, AppError> {
        let path = match self.imports().lock().as_ref() {
            Some(pending) => pending.path.clone(),
            None => return Err(no_import()),
        };
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        limits::check_size(std::fs::metadata(&path).map_err(io)?.len())?;
        let bytes = std::fs::read(&path).map_err(io)?;
        Ok(interchange::csv::inspect(&bytes)?)
    }

    /// Forgets the pending import, if any.
    pub fn cancel_import(&self) {
        *self.imports().lock() = None;
    }

    /// Renders or serialises an export of the open map (nothing is written yet). `today` dates
    /// the cards and coverage badges of an image. Refuses an unknown project, a bad scale, and
    /// a view rectangle for JSON or CSV.
    pub fn prepare_export(
        &self,
        request: &ExportRequest,
        today: chrono::NaiveDate,
    ) -> Result<PreparedExport, AppError> {
        let map_name = self.map_info()?.name;
        let full = self.load_map()?;
        let project_name = match &request.scope {
            Scope::Project { id } => {
                let id = export::find_project(&full, id)?;
                full.projects
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.name.clone())
            }
            Scope::Map => None,
            Scope::View { .. } => match request.format {
                ExportFormat::Png | ExportFormat::Svg => None,
                _ => {
                    return Err(invalid(
                        "scope",
                        "the current view exports as PNG or SVG only; choose the whole map or \
                         a project",
                    ));
                }
            },
        };
        let subset = || -> Result<Snapshot, Error> {
            match &request.scope {
                Scope::Project { id } => export::project_subset(&full, id),
                _ => Ok(full.clone()),
            }
        };
        let render_options = || RenderOptions {
            scope: request.scope.clone(),
            scale: request.scale,
            background: request.background,
            ..RenderOptions::default()
        };
        let (bytes, suffix, extension, filter) = match request.format {
            ExportFormat::Json => (
                interchange::json::export(&subset()?)?.into_bytes(),
                "",
                "json",
                "Stakemap JSON",
            ),
            ExportFormat::Png => (
                render::png(&full, &render_options(), today)?,
                "",
                "png",
                "PNG image",
            ),
            ExportFormat::Svg => (
                render::svg(&full, &render_options(), today)?.into_bytes(),
                "",
                "svg",
                "SVG image",
            ),
            ExportFormat::ContactsCsv => {
                (export::contacts_csv(&subset()?)?, " contacts", "csv", "CSV")
            }
            ExportFormat::StakesCsv => (export::stakes_csv(&subset()?)?, " stakes", "csv", "CSV"),
        };
        let base = match project_name {
            Some(project) => format!("{map_name} - {project}"),
            None => map_name,
        };
        Ok(PreparedExport {
            bytes,
            file_name: format!("{}{suffix}.{extension}", safe_file_name(&base)),
            extension,
            filter,
        })
    }
}

/// Writes a prepared export to `path` (chosen in a native dialog; its extension added when it
/// has none) atomically, and returns the file's name.
pub fn write_export(prepared: &PreparedExport, mut path: PathBuf) -> Result<String, AppError> {
    if path.extension().is_none() {
        path.set_extension(prepared.extension);
    }
    atomic::write_atomic(&path, &prepared.bytes)?;
    Ok(file_name(&path))
}

/// `name` with the characters file systems refuse replaced.
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "Stakemap export".into()
    } else {
        trimmed.to_string()
    }
}

fn no_import() -> AppError {
    invalid("import", "no import is waiting; choose a file to import")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_separators_and_leading_dots() {
        assert_eq!(safe_file_name("Acme / EMEA: Q3"), "Acme _ EMEA_ Q3");
        assert_eq!(safe_file_name("..hidden"), "hidden");
        assert_eq!(safe_file_name(" / "), "_");
        assert_eq!(safe_file_name("  "), "Stakemap export");
    }
}
