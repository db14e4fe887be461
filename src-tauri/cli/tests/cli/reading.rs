//! `summary` and `list`: read-only, and clear about files they cannot read.

use serde_json::json;

use crate::{assert_unchanged, bytes, demo_map, list, new_map, stakemap, summary};

#[test]
fn demo_then_summary_json_gives_the_demo_counts() {
    let (_dir, map) = demo_map();
    assert_eq!(
        summary(&map),
        json!({
            "organizations": 3,
            "teammates": 4,
            "contacts": 30,
            "projects": 5,
            "stakes": 25,
            "relationships": 32,
            "interactions": 30,
        })
    );
}

#[test]
fn summary_table_lists_every_kind_with_its_count() {
    let (_dir, map) = demo_map();
    let table = stakemap(&map, &["summary"]).ok();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(rows.contains(&vec!["contacts", "30"]), "{table}");
    assert!(rows.contains(&vec!["relationships", "32"]), "{table}");
}

#[test]
fn summary_and_list_work_while_another_process_holds_the_write_lock() {
    let (_dir, map) = demo_map();
    let held = stakemap_core::Map::open(&map).unwrap();
    assert_eq!(summary(&map)["contacts"], 30);
    assert_eq!(list(&map, "contacts").len(), 30);
    // Writing is refused while the lock is held, and says why.
    let run = stakemap(&map, &["add", "organization", "--name", "Acme"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already open"), "{}", run.stderr);
    drop(held);
    assert_eq!(summary(&map)["organizations"], 3);
}

#[test]
fn summary_of_a_missing_file_says_it_does_not_exist_and_creates_nothing() {
    let (_dir, map) = new_map();
    let run = stakemap(&map, &["summary"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("stakemap: "), "{}", run.stderr);
    assert!(run.stderr.contains("accounts.stakemap"), "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(!map.exists());
}

#[test]
fn a_map_from_a_newer_version_is_refused_and_left_byte_identical() {
    let (_dir, map) = demo_map();
    let conn = rusqlite::Connection::open(&map).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = bytes(&map);
    for args in [
        &["summary"][..],
        &["list", "contacts", "--json"],
        &["demo"],
        &[
            "add",
            "contact",
            "--name",
            "Kim Lee",
            "--organization",
            "Acme",
        ],
        &["delete", "contact", &stakemap_core::demo::id("c-dana")],
    ] {
        let run = stakemap(&map, args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr.contains("newer version of Stakemap"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}");
        assert_unchanged(&map, &before, &format!("{args:?}"));
    }
}

#[test]
fn list_json_prints_the_items_with_every_field() {
    let (_dir, map) = demo_map();
    let projects = list(&map, "projects");
    assert_eq!(projects.len(), 5);
    let fleet = projects
        .iter()
        .find(|p| p["name"] == "Fleet Visibility Rollout")
        .unwrap();
    assert_eq!(fleet["id"], stakemap_core::demo::id("p-fleet"));
    assert_eq!(fleet["stage"], "Proposal");
    assert_eq!(fleet["target_date"], "2026-04-30");
    // Singular kinds and any case are accepted.
    assert_eq!(list(&map, "Relationship").len(), 32);
}

#[test]
fn list_tables_name_people_and_projects() {
    let (_dir, map) = demo_map();
    let stakes = stakemap(&map, &["list", "stakes"]).ok();
    let dana = stakes.lines().find(|l| l.starts_with("Dana Ruiz")).unwrap();
    for part in ["Fleet Visibility Rollout", "Economic buyer", "+1 supporter"] {
        assert!(dana.contains(part), "{dana}");
    }
    let relationships = stakemap(&map, &["list", "relationships"]).ok();
    assert!(relationships.lines().any(|l| l.starts_with("Dana Ruiz")
        && l.contains("Reports to")
        && l.contains("Marcus Webb")));
    let contacts = stakemap(&map, &["list", "contacts"]).ok();
    let dana = contacts
        .lines()
        .find(|l| l.starts_with("Dana Ruiz"))
        .unwrap();
    for part in [
        "Chief Financial Officer",
        "Northwind Logistics",
        "dana.ruiz@northwind.example",
    ] {
        assert!(dana.contains(part), "{dana}");
    }
}

#[test]
fn usage_errors_exit_with_status_2() {
    let (_dir, map) = demo_map();
    let run = stakemap(&map, &["list", "people"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("contacts"), "{}", run.stderr);
    let run = stakemap(&map, &["demo", "--today", "yesterday"]);
    assert_eq!(run.code, 2);
    let without_map = std::process::Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .arg("summary")
        .output()
        .unwrap();
    assert_eq!(without_map.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&without_map.stderr).contains("--map"));
}
