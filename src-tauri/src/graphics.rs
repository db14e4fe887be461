//! How the webview draws: WebKitGTK's hardware-acceleration policy on Linux.
//!
//! Measured with the canvas benchmark (docs/benchmarks.md) on a machine without a GPU, WebKit's
//! default (accelerated compositing, which falls back to Mesa's software OpenGL) drew the canvas
//! several times slower than painting on the CPU. So the app paints on the CPU unless the
//! settings file says `"hardware_acceleration": "on"` (or the environment sets
//! `STAKEMAP_HARDWARE_ACCELERATION=on`), which turns accelerated compositing on (policy "always").

use serde::{Deserialize, Serialize};

/// Whether WebKit may use the GPU (Linux only; other systems' webviews decide for themselves).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HardwareAcceleration {
    /// Paint on the CPU (WebKit's "never" policy): the faster choice without a GPU.
    #[default]
    Off,
    /// Accelerated compositing, through OpenGL (policy "always").
    On,
}

impl HardwareAcceleration {
    /// The environment's choice (`STAKEMAP_HARDWARE_ACCELERATION=on|off`), if it makes one.
    pub fn from_env() -> Option<HardwareAcceleration> {
        match std::env::var("STAKEMAP_HARDWARE_ACCELERATION")
            .ok()?
            .as_str()
        {
            "on" => Some(HardwareAcceleration::On),
            "off" => Some(HardwareAcceleration::Off),
            _ => None,
        }
    }
}

/// Sets the policy on a window's webview.
#[cfg(target_os = "linux")]
pub fn apply(window: &tauri::WebviewWindow, choice: HardwareAcceleration) -> tauri::Result<()> {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let policy = match choice {
        HardwareAcceleration::Off => HardwareAccelerationPolicy::Never,
        HardwareAcceleration::On => HardwareAccelerationPolicy::Always,
    };
    window.with_webview(move |webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(policy);
        }
    })
}

/// Other systems' webviews choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn apply(_window: &tauri::WebviewWindow, _choice: HardwareAcceleration) -> tauri::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::HardwareAcceleration;
    use crate::settings::Settings;

    #[test]
    fn settings_without_the_key_paint_on_the_cpu_and_on_leaves_it_to_webkit() {
        let old: Settings = serde_json::from_str(r#"{"last_map": "/maps/a.stakemap"}"#).unwrap();
        assert_eq!(old.hardware_acceleration, HardwareAcceleration::Off);
        let on: Settings = serde_json::from_str(r#"{"hardware_acceleration": "on"}"#).unwrap();
        assert_eq!(on.hardware_acceleration, HardwareAcceleration::On);
        assert!(serde_json::from_str::<Settings>(r#"{"hardware_acceleration": "gpu"}"#).is_err());
    }
}
