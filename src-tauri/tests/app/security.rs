//! The webview gets only the app's own commands, in the main window, under a strict CSP.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The commands the bindings expose, as permission names (`allow-load-map`).
fn command_permissions() -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ts");
    stakemap_app::export_bindings(&path).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    text.match_indices("__TAURI_INVOKE")
        .skip(1) // the import
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let rest = &rest[rest.find('"').unwrap() + 1..];
            let name = &rest[..rest.find('"').unwrap()];
            format!("allow-{}", name.replace('_', "-"))
        })
        .collect()
}

#[test]
fn capabilities_grant_only_the_apps_commands_to_the_main_window() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one capability file only: {files:?}");
    let capability = read_json("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(capability.get("webviews").is_none() && capability.get("remote").is_none());
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are plain names").to_string())
        .collect();
    for permission in &granted {
        assert!(
            !permission.contains(':'),
            "{permission}: the webview gets no core or plugin permissions"
        );
    }
    assert_eq!(
        granted,
        command_permissions(),
        "capability and commands differ"
    );
}

#[test]
fn config_has_one_window_a_strict_csp_and_no_global_tauri() {
    let config = read_json("tauri.conf.json");
    let app = &config["app"];
    assert_eq!(app["withGlobalTauri"], Value::Bool(false));
    let windows = app["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0]["label"], "main");
    let security = &app["security"];
    assert_eq!(security["capabilities"], serde_json::json!(["main"]));
    assert!(
        security
            .get("dangerousDisableAssetCspModification")
            .is_none()
    );
    let csp = security["csp"].as_str().expect("a CSP string");
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}");
    }
    for weak in ["unsafe-eval", "unsafe-inline", "*", "http:", "https:"] {
        let script = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!script.contains(weak), "script-src allows {weak}");
    }
}

/// Paths come from native dialogs in Rust, never from the page: no command argument names a
/// path, a file or a folder.
#[test]
fn no_command_takes_a_file_path_from_the_webview() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ts");
    stakemap_app::export_bindings(&path).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut commands = 0;
    for line in text
        .lines()
        .filter(|l| l.contains("__TAURI_INVOKE") && l.contains("=>"))
    {
        commands += 1;
        let params = &line[line.find('(').unwrap() + 1..line.find(") =>").unwrap()];
        for param in params.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let name = param.split(':').next().unwrap().trim().to_lowercase();
            for word in ["path", "file", "dir", "folder", "url"] {
                assert!(
                    !name.contains(word),
                    "{line}: the argument {name} looks like a path"
                );
            }
        }
    }
    assert!(
        commands >= 8,
        "found only {commands} commands in the bindings"
    );
}
