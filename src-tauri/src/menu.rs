//! The native menu: File (New map, Open map, Save a copy as, Import, Export, Quit) and Edit.
//! Choices go to the UI, which runs the matching command.

use tauri::menu::{Menu, MenuEvent, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

use crate::events::{AppEvent, EventHub, MenuAction};

fn action(id: &str) -> Option<MenuAction> {
    Some(match id {
        "new_map" => MenuAction::NewMap,
        "open_map" => MenuAction::OpenMap,
        "save_copy_as" => MenuAction::SaveCopyAs,
        "import" => MenuAction::Import,
        "export" => MenuAction::Export,
        "undo" => MenuAction::Undo,
        "redo" => MenuAction::Redo,
        _ => return None,
    })
}

/// Builds the app menu.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, text: &str, keys: Option<&str>| {
        let builder = MenuItemBuilder::with_id(id, text);
        match keys {
            Some(keys) => builder.accelerator(keys).build(app),
            None => builder.build(app),
        }
    };
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new_map", "New map…", Some("CmdOrCtrl+N"))?)
        .item(&item("open_map", "Open map…", Some("CmdOrCtrl+O"))?)
        .item(&item(
            "save_copy_as",
            "Save a copy as…",
            Some("CmdOrCtrl+Shift+S"),
        )?)
        .separator()
        .item(&item("import", "Import…", Some("CmdOrCtrl+I"))?)
        .item(&item("export", "Export…", Some("CmdOrCtrl+E"))?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit Stakemap"))?)
        .build()?;
    // Undo and redo keys stay with the page (text fields need them); the items are for the mouse.
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo", None)?)
        .item(&item("redo", "Redo", None)?)
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    Menu::with_items(app, &[&file, &edit])
}

/// Forwards a menu choice to the UI.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if let Some(action) = action(event.id().as_ref()) {
        app.state::<EventHub>().send(AppEvent::Menu { action });
    }
}
