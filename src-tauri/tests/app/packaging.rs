//! Installed apps open `.stakemap` files from the file manager.

use std::path::Path;

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

#[test]
fn every_platform_associates_the_stakemap_extension() {
    let config: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let associations = config["bundle"]["fileAssociations"].as_array().unwrap();
    assert!(
        associations
            .iter()
            .any(|a| a["ext"] == serde_json::json!(["stakemap"]))
    );
    for package in ["deb", "rpm"] {
        let linux = &config["bundle"]["linux"][package];
        assert_eq!(
            linux["desktopTemplate"], "linux/stakemap.desktop",
            "{package}"
        );
        assert_eq!(
            linux["files"]["/usr/share/mime/packages/stakemap.xml"], "linux/stakemap-mime.xml",
            "{package} installs the MIME type"
        );
    }
}

#[test]
fn the_linux_launcher_passes_the_file_to_the_app() {
    let entry = read("linux/stakemap.desktop");
    assert!(
        entry.lines().any(|l| l == "Exec={{exec}} %f"),
        "the file manager's file reaches argv"
    );
    assert!(
        entry
            .lines()
            .any(|l| l == "MimeType=application/x-stakemap;")
    );
    let mime = read("linux/stakemap-mime.xml");
    assert!(mime.contains(r#"type="application/x-stakemap""#));
    assert!(mime.contains(r#"<glob pattern="*.stakemap""#));
}
