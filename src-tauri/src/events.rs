//! Events from the app to the UI, sent on a channel the UI opens with `subscribe` (no event
//! permissions are granted to the webview).

use std::sync::Mutex;

use serde::Serialize;
use specta::Type;
use tauri::ipc::Channel;

/// A menu choice the UI carries out (it owns the confirmation and error messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MenuAction {
    NewMap,
    OpenMap,
    SaveCopyAs,
    /// File ▸ Import…: the UI opens the import (its file dialog runs in Rust).
    Import,
    /// File ▸ Export…: the UI opens the export dialog.
    Export,
    Undo,
    Redo,
}

/// Something the app tells the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AppEvent {
    /// The user chose a menu item.
    Menu { action: MenuAction },
}

/// The UI's channel, once it has subscribed.
#[derive(Default)]
pub struct EventHub {
    channel: Mutex<Option<Channel<AppEvent>>>,
}

impl EventHub {
    /// Replaces the channel (a reloaded page subscribes again).
    pub fn connect(&self, channel: Channel<AppEvent>) {
        *self.channel.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    }

    /// Sends an event if the UI listens; a closed page just misses it.
    pub fn send(&self, event: AppEvent) {
        if let Some(channel) = self
            .channel
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            let _ = channel.send(event);
        }
    }
}
