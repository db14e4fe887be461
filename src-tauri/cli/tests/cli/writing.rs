//! `demo`, `add` and `delete`: changes go through the core, refusals leave the file untouched.

use serde_json::Value;

use crate::{TODAY, assert_unchanged, bytes, demo_map, list, new_map, stakemap, summary};

#[test]
fn demo_creates_the_file_and_confirms_with_counts() {
    let (_dir, map) = new_map();
    let out = stakemap(&map, &["demo", "--today", TODAY]).ok();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("30 contacts") && out.contains("25 stakes"),
        "{out}"
    );
    assert!(map.is_file());
}

#[test]
fn demo_refuses_a_map_that_is_not_empty_and_leaves_it_byte_identical() {
    let (_dir, map) = demo_map();
    let before = bytes(&map);
    let run = stakemap(&map, &["demo", "--today", TODAY]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("stakemap: "), "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_unchanged(&map, &before, "a refused command");

    // One organization is enough to make a map not empty.
    let (_dir, map) = new_map();
    stakemap(&map, &["add", "organization", "--name", "Acme"]).ok();
    let before = bytes(&map);
    assert_eq!(stakemap(&map, &["demo"]).code, 1);
    assert_unchanged(&map, &before, "a refused command");
    assert_eq!(summary(&map)["contacts"], 0);
}

#[test]
fn bench_map_writes_the_asked_frames_and_cards_the_same_for_a_seed_and_only_into_an_empty_map() {
    let (_dir, map) = new_map();
    let args = [
        "bench-map",
        "--frames",
        "6",
        "--cards",
        "40",
        "--seed",
        "9",
        "--today",
        TODAY,
    ];
    let out = stakemap(&map, &args).ok();
    assert!(
        out.contains("6 projects") && out.contains("40 stakes"),
        "{out}"
    );
    let stakes = list(&map, "stakes");
    let projects = list(&map, "projects");
    for stake in &stakes {
        let frame = &projects
            .iter()
            .find(|p| p["id"] == stake["project"])
            .unwrap()["frame"];
        let right = stake["x"].as_f64().unwrap() + 188.0;
        assert!(right <= frame["width"].as_f64().unwrap(), "{stake}");
    }

    let (_dir, again) = new_map();
    stakemap(&again, &args).ok();
    assert_eq!(list(&again, "stakes"), stakes);

    let before = bytes(&map);
    let run = stakemap(&map, &args);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_unchanged(&map, &before, "a refused command");
}

#[test]
fn add_contact_with_a_new_organization_creates_both() {
    let (_dir, map) = new_map();
    let args = [
        "add",
        "contact",
        "--name",
        "Kim Lee",
        "--title",
        "CTO",
        "--organization",
        "Acme Corp",
        "--email",
        "kim@acme.example",
        "--tag",
        "exec",
        "--tag",
        "it",
    ];
    let id = stakemap(&map, &args).ok().trim().to_string();
    assert!(!id.is_empty());

    let organizations = list(&map, "organizations");
    assert_eq!(organizations.len(), 1);
    assert_eq!(organizations[0]["name"], "Acme Corp");
    let contacts = list(&map, "contacts");
    assert_eq!(contacts.len(), 1);
    let kim = &contacts[0];
    assert_eq!(kim["id"], id.as_str());
    assert_eq!(kim["name"], "Kim Lee");
    assert_eq!(kim["title"], "CTO");
    assert_eq!(kim["email"], "kim@acme.example");
    assert_eq!(kim["tags"], serde_json::json!(["exec", "it"]));
    assert_eq!(kim["organization"], organizations[0]["id"]);

    // The same organization named in another case is found, not created again.
    stakemap(
        &map,
        &["add", "contact", "--name", "Ana Diaz", "--org", "ACME CORP"],
    )
    .ok();
    let organizations = list(&map, "organizations");
    assert_eq!(organizations.len(), 1);
    assert!(
        list(&map, "contacts")
            .iter()
            .all(|c| c["organization"] == organizations[0]["id"])
    );
}

#[test]
fn add_project_gets_default_roles_and_a_frame_right_of_the_others() {
    let (_dir, map) = demo_map();
    let args = [
        "add",
        "project",
        "--name",
        "Data Platform",
        "--organization",
        "helix biotech",
    ];
    let id = stakemap(&map, &[&args[..], &["--stage", "Discovery"]].concat()).ok();
    let projects = list(&map, "projects");
    let project = projects.iter().find(|p| p["id"] == id.trim()).unwrap();
    assert_eq!(
        project["organization"],
        stakemap_core::demo::id("org-helix")
    );
    assert_eq!(project["status"], "active");
    assert_eq!(project["stage"], "Discovery");
    let roles = serde_json::json!(["decision_maker", "economic_buyer", "champion"]);
    assert_eq!(project["required_roles"], roles);
    let right_edge = projects
        .iter()
        .filter(|p| p["id"] != id.trim())
        .map(|p| p["frame"]["x"].as_f64().unwrap() + p["frame"]["width"].as_f64().unwrap())
        .fold(f64::MIN, f64::max);
    assert_eq!(project["frame"]["x"].as_f64(), Some(right_edge + 80.0));
    assert_eq!(project["frame"]["y"].as_f64(), Some(0.0));
    assert_eq!(summary(&map)["organizations"], 3);
}

#[test]
fn add_teammate_and_organization_print_their_new_ids() {
    let (_dir, map) = new_map();
    let teammate = stakemap(
        &map,
        &[
            "add",
            "teammate",
            "--name",
            "Alex",
            "--email",
            "a@x.example",
        ],
    );
    let org = stakemap(&map, &["add", "organization", "--name", "Northwind"]);
    assert_eq!(list(&map, "teammates")[0]["id"], teammate.ok().trim());
    assert_eq!(list(&map, "organizations")[0]["id"], org.ok().trim());
}

#[test]
fn invalid_input_names_the_field_and_leaves_the_map_unchanged() {
    let (_dir, map) = demo_map();
    let before = bytes(&map);
    let cases: [(&[&str], &str); 4] = [
        (&["add", "contact", "--name", ""], "contact.name"),
        (
            &["add", "contact", "--name", "Kim", "--email", "kim.example"],
            "contact.email",
        ),
        (
            &[
                "add",
                "contact",
                "--name",
                "Kim",
                "--organization",
                "New Org",
                "--email",
                "no",
            ],
            "contact.email",
        ),
        (
            &["add", "organization", "--name", "   "],
            "organization.name",
        ),
    ];
    for (args, field) in cases {
        let run = stakemap(&map, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.starts_with(&format!("stakemap: {field}: ")),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}");
        assert_unchanged(&map, &before, &format!("{args:?}"));
    }
    assert_eq!(summary(&map)["organizations"], 3);

    // Invalid input does not create a map either.
    let (_dir, missing) = new_map();
    assert_eq!(
        stakemap(&missing, &["add", "contact", "--name", ""]).code,
        2
    );
    assert!(!missing.exists());
}

#[test]
fn delete_contact_removes_their_stakes_and_relationships() {
    let (_dir, map) = demo_map();
    let dana = stakemap_core::demo::id("c-dana");
    let involves = |item: &Value, fields: &[&str]| fields.iter().any(|f| item[*f] == dana.as_str());
    let stakes = list(&map, "stakes")
        .iter()
        .filter(|s| involves(s, &["contact"]))
        .count();
    let links = list(&map, "relationships")
        .iter()
        .filter(|r| involves(r, &["from", "to"]))
        .count();
    assert!(stakes > 0 && links > 0);

    let out = stakemap(&map, &["delete", "contact", &dana]).ok();
    assert!(out.contains("Dana Ruiz"), "{out}");

    assert!(
        !list(&map, "contacts")
            .iter()
            .any(|c| c["id"] == dana.as_str())
    );
    assert!(
        !list(&map, "stakes")
            .iter()
            .any(|s| involves(s, &["contact"]))
    );
    assert!(
        !list(&map, "relationships")
            .iter()
            .any(|r| involves(r, &["from", "to"]))
    );
    let counts = summary(&map);
    assert_eq!(counts["contacts"], 29);
    assert_eq!(counts["stakes"], 25 - stakes as u64);
    assert_eq!(counts["relationships"], 32 - links as u64);
}

#[test]
fn delete_of_an_unknown_id_fails_and_changes_nothing() {
    let (_dir, map) = demo_map();
    let before = bytes(&map);
    let run = stakemap(&map, &["delete", "contact", "no-such-id"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no contact with id no-such-id"),
        "{}",
        run.stderr
    );
    assert_unchanged(&map, &before, "a refused command");
}
