//! Declares the app's own commands so that Tauri refuses any command not granted by a capability.

/// Every command the UI may call; `capabilities/main.json` grants each one to the main window.
const COMMANDS: &[&str] = &[
    "map_info",
    "load_map",
    "coverage",
    "apply",
    "undo",
    "redo",
    "arrange_project",
    "set_fullscreen",
    "new_map",
    "open_map",
    "save_copy_as",
    "backups",
    "restore_backup",
    "subscribe",
    "choose_import",
    "replan_import",
    "apply_import",
    "inspect_import",
    "cancel_import",
    "export_map",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        eprintln!("tauri build failed: {error:#}");
        std::process::exit(1);
    }
}
