//! `export` and `import`: JSON round trips through files, CSV tables, the import plan, and
//! refusals that name the place and leave the map untouched.

use crate::{assert_unchanged, bytes, demo_map, list, new_map, stakemap, summary};

#[test]
fn json_export_then_import_into_a_new_map_then_export_gives_the_same_bytes() {
    let (dir, map) = demo_map();
    let first = dir.path().join("first.json");
    let out = stakemap(
        &map,
        &[
            "export",
            "--format",
            "json",
            "--out",
            first.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        out.starts_with("Wrote the map as Stakemap JSON to "),
        "{out}"
    );
    let copy = dir.path().join("copy.stakemap");
    let out = stakemap(&copy, &["import", first.to_str().unwrap()]).ok();
    assert!(
        out.starts_with("Import first.json (Stakemap JSON version 1): "),
        "{out}"
    );
    assert!(out.contains("before-import"), "{out}");
    let second = dir.path().join("second.json");
    stakemap(
        &copy,
        &[
            "export",
            "--format",
            "json",
            "--out",
            second.to_str().unwrap(),
        ],
    )
    .ok();
    assert_eq!(bytes(&first), bytes(&second));
    assert_eq!(summary(&copy), summary(&map));
    // Without --out, the JSON goes to standard output.
    let printed = stakemap(&map, &["export", "--format", "json"]).ok();
    assert_eq!(printed.as_bytes(), bytes(&first));
}

#[test]
fn csv_tables_of_contacts_and_stakes_for_the_map_or_one_project() {
    let (_dir, map) = demo_map();
    let contacts = stakemap(&map, &["export", "--format", "csv"]).ok();
    let mut lines = contacts.lines();
    assert_eq!(
        lines.next(),
        Some("Id,Name,Title,Organization,Email,Phone,Location,Tags,Notes,Cadence days")
    );
    assert_eq!(lines.count(), list(&map, "contacts").len());
    let project = "Fleet Visibility Rollout";
    let stakes = stakemap(
        &map,
        &[
            "export",
            "--format",
            "csv",
            "--table",
            "stakes",
            "--project",
            project,
        ],
    )
    .ok();
    let rows: Vec<&str> = stakes.lines().collect();
    assert!(
        rows[0].starts_with("Id,Project,Project organization,Contact,Title"),
        "{}",
        rows[0]
    );
    assert!(rows.len() > 2);
    assert!(rows[1..].iter().all(|r| r.contains(project)), "{stakes}");
    assert!(
        ["Decision maker", "Economic buyer", "Champion"]
            .iter()
            .any(|role| stakes.contains(role)),
        "role labels, not keys: {stakes}"
    );
    let run = stakemap(&map, &["export", "--format", "csv", "--project", "Nope"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no project named \"Nope\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_dry_run_prints_the_plan_and_writes_nothing() {
    let (dir, map) = demo_map();
    let csv = dir.path().join("Connections.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ingrid,Solberg,https://x,ingrid@fjord.example,Fjord Energy,COO,12 Jan 2024\n\
         Ingrid,Solberg,https://x,ingrid@fjord.example,Fjord Energy,COO,12 Jan 2024\n",
    )
    .unwrap();
    let before = bytes(&map);
    let out = stakemap(&map, &["import", csv.to_str().unwrap(), "--dry-run"]).ok();
    assert!(
        out.starts_with(
            "Import Connections.csv (LinkedIn connections): 2 to create, 0 to merge, 1 to skip."
        ),
        "{out}"
    );
    assert!(
        out.contains("same email as Ingrid Solberg (line 2)"),
        "{out}"
    );
    assert!(out.ends_with("Dry run: nothing was written.\n"), "{out}");
    assert_unchanged(&map, &before, "a dry run");
    let contacts = list(&map, "contacts").len();
    stakemap(&map, &["import", csv.to_str().unwrap()]).ok();
    assert_eq!(list(&map, "contacts").len(), contacts + 1);
}

#[test]
fn bad_input_exits_2_naming_the_place_and_leaves_the_map_untouched() {
    let (dir, map) = demo_map();
    let before = bytes(&map);
    let cases = [
        (
            "bad.json",
            "{\"format\":\"stakemap\",\"version\":1,\"contacts\":[{\"id\":\"x\",\"name\":\"\"}]}",
            "$.contacts[0].name: must not be empty",
        ),
        (
            "newer.json",
            "{\"format\":\"stakemap\",\"version\":9}",
            "$.version: the file is version 9",
        ),
        (
            "people.csv",
            "Full name,Mail\nRui,rui@x.example\n",
            "give a column mapping",
        ),
        (
            "cards.vcf",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Rui\n",
            "line 1: the card that starts here has no END:VCARD",
        ),
    ];
    for (name, text, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let run = stakemap(&map, &["import", file.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{name}: {}", run.stderr);
        assert_unchanged(&map, &before, name);
    }
    // A missing map is not created by a refused import.
    let (_dir2, fresh) = new_map();
    let bad = dir.path().join("bad.json");
    assert_eq!(stakemap(&fresh, &["import", bad.to_str().unwrap()]).code, 2);
    assert!(!fresh.exists());
}

#[test]
fn an_unrecognised_csv_imports_with_column_options() {
    let (dir, map) = new_map();
    let csv = dir.path().join("crm.csv");
    std::fs::write(
        &csv,
        "Full name;Mail;Firm\nRui Costa;rui@costa.example;Costa Lda\n",
    )
    .unwrap();
    let out = stakemap(
        &map,
        &[
            "import",
            csv.to_str().unwrap(),
            "--column",
            "Full name=name",
            "--column",
            "2=email",
            "--column",
            "firm=organization",
        ],
    )
    .ok();
    assert!(
        out.contains("2 to create"),
        "a contact and its organization: {out}"
    );
    let contacts = list(&map, "contacts");
    assert_eq!(contacts[0]["name"], "Rui Costa");
    assert_eq!(contacts[0]["email"], "rui@costa.example");
    let run = stakemap(
        &map,
        &["import", csv.to_str().unwrap(), "--column", "Phone=phone"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the file has no column \"Phone\""),
        "{}",
        run.stderr
    );
}
