//! `backups list|create|restore`, including restoring over a damaged map.

use std::path::Path;

use serde_json::Value;

use crate::{demo_map, list, new_map, stakemap, summary};

/// `backups list --json`, parsed.
fn backups(map: &Path) -> Vec<Value> {
    let text = stakemap(map, &["backups", "list", "--json"]).ok();
    serde_json::from_str(&text).unwrap()
}

/// Overwrites four pages in the middle of a map file with junk.
fn damage(path: &Path) {
    let mut data = std::fs::read(path).unwrap();
    let start = data.len() / 4096 / 2 * 4096;
    for (i, byte) in data[start..start + 4 * 4096].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(path, data).unwrap();
}

#[test]
fn create_list_and_restore_a_backup() {
    let (dir, map) = demo_map();
    let out = stakemap(&map, &["backups", "list"]).ok();
    assert!(out.starts_with("No backups"), "{out}");
    assert!(backups(&map).is_empty());

    let id = stakemap(&map, &["backups", "create"])
        .ok()
        .trim()
        .to_string();
    assert!(id.ends_with("-manual"), "{id}");
    let listed = backups(&map);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["reason"], "manual");
    assert!(listed[0]["size"].as_u64().unwrap() > 0);
    let file = dir
        .path()
        .join("accounts.stakemap-backups")
        .join(format!("{id}.stakemap"));
    assert_eq!(listed[0]["path"], file.to_str().unwrap());
    let table = stakemap(&map, &["backups", "list"]).ok();
    assert!(table.lines().nth(1).unwrap().starts_with(&id), "{table}");
    assert!(table.contains("manual"), "{table}");

    let dana = list(&map, "contacts")
        .into_iter()
        .find(|c| c["name"] == "Dana Ruiz")
        .unwrap();
    stakemap(&map, &["delete", "contact", dana["id"].as_str().unwrap()]).ok();
    assert_eq!(summary(&map)["contacts"], 29);

    let out = stakemap(&map, &["backups", "restore", &id]).ok();
    assert!(out.starts_with(&format!("Restored backup {id}")), "{out}");
    assert_eq!(summary(&map)["contacts"], 30);
    let reasons: Vec<Value> = backups(&map).iter().map(|b| b["reason"].clone()).collect();
    assert_eq!(reasons, ["before-restore", "manual"]);
    assert!(
        out.contains(backups(&map)[0]["id"].as_str().unwrap()),
        "{out}"
    );
}

#[test]
fn a_damaged_map_is_reported_and_a_backup_replaces_it() {
    let (dir, map) = demo_map();
    let id = stakemap(&map, &["backups", "create"])
        .ok()
        .trim()
        .to_string();
    damage(&map);
    let damaged = std::fs::read(&map).unwrap();

    let run = stakemap(&map, &["summary"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    assert!(run.stderr.contains(&id), "names the backup: {}", run.stderr);
    let run = stakemap(&map, &["add", "organization", "--name", "Acme"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read(&map).unwrap(), damaged, "not changed");
    // The backups are still listed.
    assert_eq!(backups(&map).len(), 1);

    let out = stakemap(&map, &["backups", "restore", &id]).ok();
    assert!(out.contains("kept as"), "{out}");
    assert_eq!(summary(&map)["contacts"], 30);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        // (an empty `-wal` log that the refused opens left goes along with it)
        .filter(|p| !p.to_string_lossy().ends_with("-wal"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), damaged);
}

#[test]
fn unknown_backups_and_missing_maps_are_refused() {
    let (_dir, map) = demo_map();
    let run = stakemap(&map, &["backups", "restore", "2020-01-01-000000-manual"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no backup with id"), "{}", run.stderr);
    assert_eq!(summary(&map)["contacts"], 30);

    let (_dir, missing) = new_map();
    let run = stakemap(&missing, &["backups", "create"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!missing.exists());
    assert!(
        stakemap(&missing, &["backups", "list"])
            .ok()
            .starts_with("No backups")
    );
}
