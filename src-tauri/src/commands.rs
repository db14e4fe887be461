//! The commands the UI calls: each one hands its work to [`AppState`] on a blocking thread, so
//! SQLite never runs on the UI thread. File paths never come from the webview: dialogs run here.

use std::path::PathBuf;
use std::sync::Arc;

use stakemap_core::coverage::Coverage;
use stakemap_core::interchange::csv::CsvPreview;
use stakemap_core::interchange::{ImportFormat, ImportOptions, Progress};
use stakemap_core::{Op, Snapshot};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use crate::error::AppError;
use crate::events::{AppEvent, EventHub};
use crate::interchange::{ExportRequest, ImportDone, ImportPreview, write_export};
use crate::state::{AppState, Applied, BackupInfo, MapInfo};

/// The state as commands hold it.
pub type Shared = Arc<AppState>;

async fn blocking<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce(&AppState) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| AppError::storage(format!("the operation stopped unexpectedly: {e}")))?
}

fn set_title(window: &WebviewWindow, info: &MapInfo) {
    // A title is cosmetic: failing to set it is not worth an error.
    let _ = window.set_title(&format!("{} — Stakemap", info.name));
}

fn map_dialog(app: &AppHandle) -> FileDialogBuilder<tauri::Wry> {
    let mut dialog = app
        .dialog()
        .file()
        .add_filter("Stakemap map", &[stakemap_core::EXTENSION]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog
}

fn chosen(path: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<PathBuf>, AppError> {
    match path {
        None => Ok(None),
        Some(path) => path
            .into_path()
            .map(Some)
            .map_err(|e| AppError::storage(format!("the chosen file cannot be used: {e}"))),
    }
}

fn with_extension(mut path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension(stakemap_core::EXTENSION);
    }
    path
}

/// Asks for a file with `pick` (a native dialog) and, unless cancelled, makes `open` of it the
/// open map and titles the window after it.
async fn switch_with(
    state: &Shared,
    window: &WebviewWindow,
    pick: impl FnOnce() -> Option<tauri_plugin_dialog::FilePath> + Send + 'static,
    open: impl FnOnce(&AppState, PathBuf) -> Result<MapInfo, AppError> + Send + 'static,
) -> Result<Option<MapInfo>, AppError> {
    let info = blocking(state, move |s| match chosen(pick())? {
        Some(path) => open(s, path).map(Some),
        None => Ok(None),
    })
    .await?;
    if let Some(info) = &info {
        set_title(window, info);
    }
    Ok(info)
}

/// The open map's file and undo/redo state.
#[tauri::command]
#[specta::specta]
pub async fn map_info(
    state: State<'_, Shared>,
    window: WebviewWindow,
) -> Result<MapInfo, AppError> {
    let info = blocking(&state, |s| s.map_info()).await?;
    set_title(&window, &info);
    Ok(info)
}

/// Everything in the open map.
#[tauri::command]
#[specta::specta]
pub async fn load_map(state: State<'_, Shared>) -> Result<Snapshot, AppError> {
    blocking(&state, |s| s.load_map()).await
}

/// Every project's coverage: score, band, components, findings and suggestions.
#[tauri::command]
#[specta::specta]
pub async fn coverage(state: State<'_, Shared>) -> Result<Vec<Coverage>, AppError> {
    blocking(&state, |s| s.coverage()).await
}

/// Applies one operation (create, edit, delete, or a batch of them) as one undo step.
#[tauri::command]
#[specta::specta]
pub async fn apply(state: State<'_, Shared>, op: Op) -> Result<Applied, AppError> {
    blocking(&state, move |s| s.apply(op)).await
}

/// Arranges the cards of one project's frame: reporting lines top-down, the others in a grid.
#[tauri::command]
#[specta::specta]
pub async fn arrange_project(
    state: State<'_, Shared>,
    project: String,
) -> Result<Applied, AppError> {
    blocking(&state, move |s| s.arrange_project(&project)).await
}

/// Puts the window in or out of full screen (presentation mode).
#[tauri::command]
#[specta::specta]
pub fn set_fullscreen(window: WebviewWindow, on: bool) -> Result<(), AppError> {
    window
        .set_fullscreen(on)
        .map_err(|e| AppError::storage(format!("the window cannot change to full screen: {e}")))
}

/// Undoes the last operation.
#[tauri::command]
#[specta::specta]
pub async fn undo(state: State<'_, Shared>) -> Result<Applied, AppError> {
    blocking(&state, |s| s.undo()).await
}

/// Redoes the last undone operation.
#[tauri::command]
#[specta::specta]
pub async fn redo(state: State<'_, Shared>) -> Result<Applied, AppError> {
    blocking(&state, |s| s.redo()).await
}

/// Asks for a new file and opens it as an empty map; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn new_map(
    app: AppHandle,
    state: State<'_, Shared>,
    window: WebviewWindow,
) -> Result<Option<MapInfo>, AppError> {
    let picked = map_dialog(&app)
        .set_file_name("New map.stakemap")
        .set_title("New map");
    switch_with(
        &state,
        &window,
        move || picked.blocking_save_file(),
        |s, path| s.create(&with_extension(path)),
    )
    .await
}

/// Asks for a map file and opens it; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn open_map(
    app: AppHandle,
    state: State<'_, Shared>,
    window: WebviewWindow,
) -> Result<Option<MapInfo>, AppError> {
    let picked = map_dialog(&app).set_title("Open map");
    switch_with(
        &state,
        &window,
        move || picked.blocking_pick_file(),
        |s, path| s.switch_to(&path),
    )
    .await
}

/// Asks for a file and writes a copy of the open map there; returns its path, `null` on cancel.
#[tauri::command]
#[specta::specta]
pub async fn save_copy_as(
    app: AppHandle,
    state: State<'_, Shared>,
) -> Result<Option<String>, AppError> {
    let name = state
        .map_info()
        .map(|i| format!("{} copy.stakemap", i.name))
        .unwrap_or_default();
    let picked = map_dialog(&app)
        .set_file_name(name)
        .set_title("Save a copy as");
    blocking(&state, move |s| {
        match chosen(picked.blocking_save_file())? {
            Some(path) => {
                let path = with_extension(path);
                s.save_copy(&path)?;
                Ok(Some(path.to_string_lossy().into_owned()))
            }
            None => Ok(None),
        }
    })
    .await
}

/// The open map's backups, newest first (or, when the start-up map could not be opened, its
/// backups).
#[tauri::command]
#[specta::specta]
pub async fn backups(state: State<'_, Shared>) -> Result<Vec<BackupInfo>, AppError> {
    blocking(&state, |s| s.backups()).await
}

/// Restores the backup with this id (one listed by `backups`) and returns the map, now open.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    state: State<'_, Shared>,
    window: WebviewWindow,
    id: String,
) -> Result<MapInfo, AppError> {
    let info = blocking(&state, move |s| s.restore_backup(&id)).await?;
    set_title(&window, &info);
    Ok(info)
}

/// Registers the channel on which the app sends events (menu choices) to the UI.
#[tauri::command]
#[specta::specta]
pub fn subscribe(hub: State<'_, EventHub>, channel: Channel<AppEvent>) {
    hub.connect(channel);
}

/// The import dialog's filter for `format` (every importable file when `None`).
fn import_dialog(app: &AppHandle, format: Option<ImportFormat>) -> FileDialogBuilder<tauri::Wry> {
    let (name, extensions): (&str, &[&str]) = match format {
        None => (
            "Contacts and maps",
            &["json", "csv", "tsv", "txt", "vcf", "vcard"],
        ),
        Some(ImportFormat::Json) => ("Stakemap JSON", &["json"]),
        Some(ImportFormat::Csv) => ("CSV", &["csv", "tsv", "txt"]),
        Some(ImportFormat::Vcard) => ("vCard", &["vcf", "vcard"]),
    };
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Import")
        .add_filter(name, extensions);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog
}

/// Asks for a file to import (contacts CSV or vCard, or a Stakemap JSON map) and plans its
/// import without writing: the preview of what will be created, merged and skipped; `null` on
/// cancel. Progress for long files comes on `progress`.
#[tauri::command]
#[specta::specta]
pub async fn choose_import(
    app: AppHandle,
    state: State<'_, Shared>,
    format: Option<ImportFormat>,
    progress: Channel<Progress>,
) -> Result<Option<ImportPreview>, AppError> {
    let picked = import_dialog(&app, format);
    blocking(&state, move |s| {
        match chosen(picked.blocking_pick_file())? {
            Some(path) => s
                .choose_import(&path, format, &mut |p| {
                    let _ = progress.send(p);
                })
                .map(Some),
            None => Ok(None),
        }
    })
    .await
}

/// Plans the chosen file again with other options (format, duplicates, JSON target).
#[tauri::command]
#[specta::specta]
pub async fn replan_import(
    state: State<'_, Shared>,
    options: ImportOptions,
    progress: Channel<Progress>,
) -> Result<ImportPreview, AppError> {
    blocking(&state, move |s| {
        s.replan_import(options, &mut |p| {
            let _ = progress.send(p);
        })
    })
    .await
}

/// Writes the previewed import as one undoable step, after a backup. A JSON map going into a
/// new map first asks for the new map's file, creates and opens it; `null` when that is
/// cancelled (the import stays pending).
#[tauri::command]
#[specta::specta]
pub async fn apply_import(
    app: AppHandle,
    state: State<'_, Shared>,
    window: WebviewWindow,
) -> Result<Option<ImportDone>, AppError> {
    let picked = map_dialog(&app)
        .set_file_name("Imported map.stakemap")
        .set_title("New map for the import");
    let done = blocking(&state, move |s| {
        s.apply_import(|| Ok(chosen(picked.blocking_save_file())?.map(with_extension)))
    })
    .await?;
    if let Some(info) = done.as_ref().and_then(|d| d.map.as_ref()) {
        set_title(&window, info);
    }
    Ok(done)
}

/// The chosen CSV file's header, first rows and recognised mapping, for mapping its columns.
#[tauri::command]
#[specta::specta]
pub async fn inspect_import(state: State<'_, Shared>) -> Result<CsvPreview, AppError> {
    blocking(&state, |s| s.inspect_import()).await
}

/// Forgets the previewed import.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(state: State<'_, Shared>) {
    state.cancel_import();
}

/// Exports the open map (JSON, PNG, SVG, contacts or stakes CSV; whole, one project, or the
/// view's rectangle) to a file chosen in a save dialog, written atomically; returns the file's
/// name, `null` on cancel.
#[tauri::command]
#[specta::specta]
pub async fn export_map(
    app: AppHandle,
    state: State<'_, Shared>,
    request: ExportRequest,
) -> Result<Option<String>, AppError> {
    let today = chrono::Local::now().date_naive();
    let prepared = blocking(&state, move |s| s.prepare_export(&request, today)).await?;
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Export")
        .set_file_name(&prepared.file_name)
        .add_filter(prepared.filter, &[prepared.extension]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    blocking(&state, move |_| {
        match chosen(dialog.blocking_save_file())? {
            Some(path) => write_export(&prepared, path).map(Some),
            None => Ok(None),
        }
    })
    .await
}
