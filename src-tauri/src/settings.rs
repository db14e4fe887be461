//! The app's own settings (which map was open last), kept as JSON in the app's config folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Settings that outlive a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The map that was open when the app last switched maps.
    #[serde(default)]
    pub last_map: Option<PathBuf>,
    /// Whether WebKit may draw with the GPU (Linux; see `graphics`).
    #[serde(default)]
    pub hardware_acceleration: crate::graphics::HardwareAcceleration,
}

impl Settings {
    /// The settings file in the app's config folder.
    pub fn file_in(config: &Path) -> PathBuf {
        config.join("settings.json")
    }

    /// Reads the settings; a missing or unreadable file gives the defaults.
    pub fn load(file: &Path) -> Settings {
        std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings atomically (temporary file, then rename).
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let temp = file.with_extension("json.tmp");
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, file)
    }
}
