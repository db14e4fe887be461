//! The commands the UI calls: each one hands its work to [`AppState`] on a blocking thread, so
//! SQLite never runs on the UI thread. File paths never come from the webview: dialogs run here.

use std::path::PathBuf;
use std::sync::Arc;

use stakemap_core::coverage::Coverage;
use stakemap_core::{Op, Snapshot};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use crate::error::AppError;
use crate::events::{AppEvent, EventHub};
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
