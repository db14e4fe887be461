//! `coverage`: JSON and readable reports of the demo map, one project by name, and a clear
//! refusal of an unknown project. Reads the map only.

use serde_json::Value;

use crate::{assert_unchanged, bytes, demo_map, stakemap};

fn coverage_json(map: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["coverage", "--today", crate::TODAY, "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&stakemap(map, &args).ok()).unwrap()
}

#[test]
fn coverage_json_has_every_project_with_components_and_findings() {
    let (_dir, map) = demo_map();
    let before = bytes(&map);
    let all = coverage_json(&map, &[]);
    assert_eq!(all.len(), 5);
    for project in &all {
        let keys: Vec<&str> = project
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in ["project", "name", "score", "band", "components", "findings"] {
            assert!(keys.contains(&key), "{key} missing from {keys:?}");
        }
        let score = project["score"].as_u64().unwrap();
        assert!(score <= 100);
        assert!(["red", "amber", "green"].contains(&project["band"].as_str().unwrap()));
        let components = project["components"].as_array().unwrap();
        let names: Vec<&str> = components
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "roles",
                "support",
                "threading",
                "pulse",
                "reach",
                "perception_gap"
            ]
        );
        for c in components {
            let value = c["value"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&value));
            assert!(c["weight"].as_f64().is_some());
            assert!(!c["explanation"].as_str().unwrap().is_empty());
        }
        for f in project["findings"].as_array().unwrap() {
            assert!(f["kind"].is_string());
            assert!(f["contacts"].is_array());
            assert!(!f["message"].as_str().unwrap().is_empty());
        }
    }
    assert_unchanged(&map, &before, "coverage");
}

#[test]
fn coverage_of_one_project_by_name_ignoring_case() {
    let (_dir, map) = demo_map();
    let one = coverage_json(&map, &["--project", "warehouse analytics pilot"]);
    assert_eq!(one.len(), 1);
    let project = &one[0];
    assert_eq!(project["name"], "Warehouse Analytics Pilot");
    let findings = project["findings"].as_array().unwrap();
    let missing = findings
        .iter()
        .find(|f| f["kind"] == "missing_role")
        .unwrap();
    assert_eq!(missing["role"], "economic_buyer");
    assert_eq!(missing["message"], "No economic buyer mapped");
    let owner = findings
        .iter()
        .find(|f| f["kind"] == "single_owner")
        .unwrap();
    assert_eq!(
        owner["message"],
        "Only Alex Moreau holds relationships here"
    );
    assert!(owner.get("role").is_none(), "role only where it applies");

    // By id too.
    let id = project["project"].as_str().unwrap();
    assert_eq!(
        coverage_json(&map, &["--project", id])[0]["name"],
        "Warehouse Analytics Pilot"
    );
}

#[test]
fn coverage_report_is_readable() {
    let (_dir, map) = demo_map();
    let text = stakemap(
        &map,
        &[
            "coverage",
            "--today",
            crate::TODAY,
            "--project",
            "Digital Onboarding Platform",
        ],
    )
    .ok();
    assert!(text.contains("Digital Onboarding Platform: "), "{text}");
    assert!(text.contains("/100, amber"), "{text}");
    assert!(text.contains("  roles "), "{text}");
    assert!(
        text.contains("Olivia Brown (Decision maker) not met in person for 121 days"),
        "{text}"
    );
    assert!(
        text.contains("Noah Fischer (Finance Director) influences Olivia Brown"),
        "{text}"
    );
}

#[test]
fn coverage_of_an_unknown_project_is_refused_with_the_known_names() {
    let (_dir, map) = demo_map();
    let before = bytes(&map);
    let run = stakemap(&map, &["coverage", "--project", "Moon Base"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("no project named \"Moon Base\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("LIMS Integration"), "{}", run.stderr);
    assert_unchanged(&map, &before, "coverage of an unknown project");

    let run = stakemap(&map, &["coverage", "--today", "2026-02-30"]);
    assert_eq!(run.code, 2, "an impossible date is a usage error");
}

#[test]
fn the_maps_coverage_settings_are_listed_scored_with_and_give_new_projects_their_roles() {
    use stakemap_core::model::{Role, Settings};
    use stakemap_core::{Map, Op, Record};

    let (_dir, map) = demo_map();
    let defaults = coverage_json(&map, &[]);
    {
        let mut open = Map::open(&map).unwrap();
        let settings = Settings {
            default_required_roles: vec![Role::Sponsor],
            bands: stakemap_core::coverage::BandThresholds {
                green: 100,
                amber: 99,
            },
            ..Settings::default()
        };
        open.apply(Op::Put {
            record: Record::Settings(settings),
        })
        .unwrap();
    }
    let listed = crate::list(&map, "settings");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["bands"]["green"], 100);
    assert_eq!(listed[0]["default_required_roles"][0], "sponsor");
    let table = stakemap(&map, &["list", "settings"]).ok();
    assert!(table.contains("green from 100, amber from 99"), "{table}");

    let tuned = coverage_json(&map, &[]);
    for (before, after) in defaults.iter().zip(&tuned) {
        assert_eq!(
            before["score"], after["score"],
            "bands do not change scores"
        );
        assert_eq!(after["band"], "red", "{after}");
    }

    stakemap(&map, &["add", "project", "--name", "Expansion"]).ok();
    let projects = crate::list(&map, "projects");
    let added = projects.iter().find(|p| p["name"] == "Expansion").unwrap();
    assert_eq!(added["required_roles"], serde_json::json!(["sponsor"]));
}
