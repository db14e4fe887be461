//! Stakemap JSON: the round trip (export → import into an empty map → export gives the same
//! bytes, for the demo map and for random maps), merging into an open map, and refusals.

use proptest::prelude::*;
use stakemap_core::interchange::{
    self, Duplicates, ImportFormat, ImportOptions, ImportPlan, JsonTarget, PlanAction, json,
};
use stakemap_core::model::{
    Channel, Contact, Frame, Interaction, Organization, Project, ProjectStatus, Relationship,
    RelationshipKind, Role, Stake, Teammate,
};
use stakemap_core::{BackupReason, EntityKind, Map, Op, Record, Snapshot};

use crate::support::{Rng, new_map, populate};

fn options(target: JsonTarget, duplicates: Duplicates) -> ImportOptions {
    ImportOptions {
        format: Some(ImportFormat::Json),
        duplicates,
        target,
        mapping: None,
    }
}

/// Plans `text` as a JSON import into `map`.
pub fn plan_json(map: &Map, text: &str, target: JsonTarget, duplicates: Duplicates) -> ImportPlan {
    try_plan(map, text, target, duplicates).unwrap()
}

fn try_plan(
    map: &Map,
    text: &str,
    target: JsonTarget,
    duplicates: Duplicates,
) -> stakemap_core::Result<ImportPlan> {
    interchange::plan(
        &map.snapshot()?,
        "map.json",
        text.as_bytes(),
        &options(target, duplicates),
        &mut |_| {},
    )
}

/// Exports `map`, imports the text into a new map, exports that: both texts must be equal.
fn round_trip(map: &Map) -> (String, Map, tempfile::TempDir) {
    let first = json::export(&map.snapshot().unwrap()).unwrap();
    let (dir, mut copy) = new_map();
    let plan = plan_json(&copy, &first, JsonTarget::NewMap, Duplicates::Skip);
    assert_eq!(plan.counts.merged, 0);
    interchange::apply(&mut copy, &plan).unwrap();
    let second = json::export(&copy.snapshot().unwrap()).unwrap();
    same_text(&first, &second);
    (first, copy, dir)
}

/// Asserts two exports are equal, naming the first line that differs.
#[track_caller]
fn same_text(first: &str, second: &str) {
    if first != second {
        let (n, (a, b)) = first
            .lines()
            .zip(second.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((0, ("(length)", "(length)")));
        panic!(
            "export → import → export changed line {}: {a:?} became {b:?}",
            n + 1
        );
    }
}

#[test]
fn the_demo_map_round_trips_to_the_same_bytes() {
    let (_dir, mut map) = new_map();
    map.apply(stakemap_core::demo::op(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    ))
    .unwrap();
    let started = std::time::Instant::now();
    let text = json::export(&map.snapshot().unwrap()).unwrap();
    eprintln!(
        "demo map export: {} bytes in {:?}",
        text.len(),
        started.elapsed()
    );
    assert!(text.starts_with("{\n  \"format\": \"stakemap\",\n  \"version\": 1,\n"));
    assert!(text.ends_with("}\n"));
    let (_, copy, _dir2) = round_trip(&map);
    assert_eq!(copy.snapshot().unwrap(), map.snapshot().unwrap());
}

#[test]
fn import_into_a_new_map_is_one_undoable_step_after_a_backup() {
    let (_dir, mut source) = new_map();
    populate(&mut source);
    let text = json::export(&source.snapshot().unwrap()).unwrap();
    let (_dir2, mut map) = new_map();
    let plan = plan_json(&map, &text, JsonTarget::NewMap, Duplicates::Skip);
    assert_eq!(plan.counts.created, 17, "{:?}", plan.counts);
    assert!(plan.items.iter().all(|i| i.action == PlanAction::Create
        || (i.kind == EntityKind::Settings && i.action == PlanAction::Skip)));
    assert!(map.is_empty().unwrap(), "planning wrote nothing");
    let applied = interchange::apply(&mut map, &plan).unwrap();
    assert_eq!(applied.label, "Import map.json");
    let backups = map.backups().unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeImport);
    assert_eq!(map.summary().unwrap().contacts, 3);
    map.undo().unwrap();
    assert!(map.is_empty().unwrap(), "one undo reverts the whole import");
}

#[test]
fn a_new_map_import_refuses_a_map_that_holds_items() {
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let text = json::export(&map.snapshot().unwrap()).unwrap();
    let err = try_plan(&map, &text, JsonTarget::NewMap, Duplicates::Skip).unwrap_err();
    assert_eq!(err.field(), Some("map"), "{err}");
}

#[test]
fn merging_creates_new_ids_and_skips_or_replaces_known_ones() {
    let (_dir, mut map) = new_map();
    let ids = populate(&mut map);
    let mut doc: serde_json::Value =
        serde_json::from_str(&json::export(&map.snapshot().unwrap()).unwrap()).unwrap();
    // Change Dana's title in the file and add a new contact.
    let contacts = doc["contacts"].as_array_mut().unwrap();
    for c in contacts.iter_mut() {
        if c["id"] == ids.dana.as_str() {
            c["title"] = "CFO".into();
        }
    }
    contacts.push(serde_json::json!({"id": "new-1", "name": "Zoë Ñúñez", "organization": ids.org}));
    let text = doc.to_string();

    let skip = plan_json(&map, &text, JsonTarget::Merge, Duplicates::Skip);
    assert_eq!((skip.counts.created, skip.counts.merged), (1, 0));
    let dana = skip.items.iter().find(|i| i.id == ids.dana).unwrap();
    assert_eq!(dana.action, PlanAction::Skip);
    assert!(
        dana.reason.contains("already has a contact with this id"),
        "{}",
        dana.reason
    );
    assert!(
        dana.location.starts_with("$.contacts["),
        "{}",
        dana.location
    );
    let same = skip.items.iter().find(|i| i.id == ids.marcus).unwrap();
    assert!(same.reason.contains("the same contact"), "{}", same.reason);

    let merge = plan_json(&map, &text, JsonTarget::Merge, Duplicates::Merge);
    assert_eq!((merge.counts.created, merge.counts.merged), (1, 1));
    interchange::apply(&mut map, &merge).unwrap();
    let Some(Record::Contact(dana)) = map.get(EntityKind::Contact, &ids.dana).unwrap() else {
        panic!("Dana is gone");
    };
    assert_eq!(dana.title, "CFO");
    assert_eq!(map.summary().unwrap().contacts, 4);
    // Importing the same file again changes nothing and takes no backup.
    let again = plan_json(&map, &text, JsonTarget::Merge, Duplicates::Merge);
    assert_eq!((again.counts.created, again.counts.merged), (0, 0));
    let before = map.backups().unwrap().len();
    assert_eq!(interchange::apply(&mut map, &again).unwrap().backup, None);
    assert_eq!(map.backups().unwrap().len(), before);
}

#[test]
fn references_may_point_into_the_open_map_when_merging() {
    let (_dir, mut map) = new_map();
    let ids = populate(&mut map);
    let text = format!(
        r#"{{"format":"stakemap","version":1,"contacts":[{{"id":"n1","name":"Ines Duarte"}}],
        "stakes":[{{"id":"s1","project":"{}","contact":"n1","role":"champion","stance":2,
        "influence":4,"interest":5,"owner":"{}"}}]}}"#,
        ids.fleet, ids.alex
    );
    let plan = plan_json(&map, &text, JsonTarget::Merge, Duplicates::Skip);
    assert_eq!(plan.counts.created, 2);
    let stake = plan
        .items
        .iter()
        .find(|i| i.kind == EntityKind::Stake)
        .unwrap();
    assert_eq!(stake.name, "Ines Duarte on Fleet");
    interchange::apply(&mut map, &plan).unwrap();
    assert_eq!(map.summary().unwrap().stakes, 5);
}

#[test]
fn refusals_name_the_json_path() {
    let (_dir, map) = new_map();
    let cases = [
        (
            r#"{"format":"stakemap","version":1,"contacts":[{"id":"a","name":"A"},{"id":"b","name":" "}]}"#,
            "$.contacts[1].name",
        ),
        (
            r#"{"format":"stakemap","version":1,"stakes":[{"id":"s","project":"p","contact":"c","role":"champion","stance":0,"influence":3,"interest":3}]}"#,
            "$.stakes[0].project",
        ),
        (r#"{"format":"stakemap","version":2}"#, "$.version"),
        (r#"{"format":"kumu","version":1}"#, "$.format"),
        (
            "{\"format\":\"stakemap\",\n \"version\":1,",
            "line 2, column 13",
        ),
        (
            r#"{"format":"stakemap","version":1,"contacts":[{"id":"a","name":"A","organisation":"x"}]}"#,
            "$.contacts[0].organisation",
        ),
        (
            r#"{"format":"stakemap","version":1,"projects":[{"id":"p","name":"P","required_roles":["boss"]}]}"#,
            "$.projects[0].required_roles[0]",
        ),
        (
            r#"{"format":"stakemap","version":1,"contacts":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}"#,
            "$.contacts[1].id",
        ),
    ];
    for (text, path) in cases {
        let err = try_plan(&map, text, JsonTarget::Merge, Duplicates::Skip).unwrap_err();
        assert_eq!(err.field(), Some(path), "{text}: {err}");
    }
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let (dir, map) = new_map();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(interchange::limits::MAX_FILE_BYTES + 1)
        .unwrap();
    let err = interchange::plan_file(
        &map.snapshot().unwrap(),
        &path,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("at most 50 MiB"), "{err}");
}

/// Characters that stress JSON escaping and Unicode handling.
const ALPHABET: &[char] = &[
    'a', 'Z', ' ', '"', '\\', '/', 'é', 'ß', 'Ł', '李', '明', 'م', '😀', '\u{00A0}', '\'', '<',
    '&', '{', ']', ',', '0', '\u{FEFF}',
];

fn text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len)
        .map(|_| ALPHABET[rng.below(ALPHABET.len())])
        .collect()
}

fn name(rng: &mut Rng) -> String {
    format!("N{}", text(rng, 20))
}

fn notes(rng: &mut Rng) -> String {
    let mut s = text(rng, 40);
    if rng.chance(30) {
        s.push_str("\nline two\r\n\tindented");
    }
    s
}

fn coord(rng: &mut Rng) -> f64 {
    match rng.below(4) {
        0 => 0.0,
        1 => rng.below(2000) as f64 - 1000.0,
        2 => (rng.next() % 2_000_000) as f64 / 7.0 - 100_000.0,
        _ => f64::from_bits((rng.next() % (1u64 << 52)) | 0x4000_0000_0000_0000) % 1.0e6,
    }
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len())]
}

fn maybe(rng: &mut Rng, ids: &[String]) -> Option<String> {
    (!ids.is_empty() && rng.chance(70)).then(|| ids[rng.below(ids.len())].clone())
}

/// A random valid map as one batch of puts, from `seed`.
fn random_map(seed: u64) -> Op {
    let mut rng = Rng(seed | 1);
    let id = |kind: &str, n: usize| format!("{kind}-{n}-{seed:x}");
    let mut ops = Vec::new();
    let put = |ops: &mut Vec<Op>, record| ops.push(Op::Put { record });
    let orgs: Vec<String> = (0..rng.below(4)).map(|n| id("o", n)).collect();
    for o in &orgs {
        let notes = notes(&mut rng);
        put(
            &mut ops,
            Record::Organization(Organization {
                id: o.clone(),
                name: name(&mut rng),
                notes,
            }),
        );
    }
    let teammates: Vec<String> = (0..rng.below(4)).map(|n| id("t", n)).collect();
    for t in &teammates {
        let email = if rng.chance(50) {
            format!("t{}@ex.example", rng.below(99))
        } else {
            String::new()
        };
        put(
            &mut ops,
            Record::Teammate(Teammate {
                id: t.clone(),
                name: name(&mut rng),
                email,
            }),
        );
    }
    let contacts: Vec<String> = (0..1 + rng.below(8)).map(|n| id("c", n)).collect();
    for c in &contacts {
        let tags = (0..rng.below(4))
            .map(|n| format!("tag{n}{}", text(&mut rng, 5)))
            .collect();
        put(
            &mut ops,
            Record::Contact(Contact {
                id: c.clone(),
                name: name(&mut rng),
                title: text(&mut rng, 15).trim().to_string(),
                organization: maybe(&mut rng, &orgs),
                email: if rng.chance(50) {
                    format!("c{}@ex.example", rng.below(99))
                } else {
                    String::new()
                },
                phone: if rng.chance(50) {
                    "+31 10 123 4567".into()
                } else {
                    String::new()
                },
                location: text(&mut rng, 10).trim().to_string(),
                tags,
                notes: notes(&mut rng),
                cadence_days: rng.chance(30).then(|| 1 + rng.below(3650) as u16),
            }),
        );
    }
    let projects: Vec<String> = (0..rng.below(4)).map(|n| id("p", n)).collect();
    for p in &projects {
        let roles = (0..rng.below(4))
            .map(|_| pick(&mut rng, Role::ALL))
            .collect();
        put(
            &mut ops,
            Record::Project(Project {
                id: p.clone(),
                name: name(&mut rng),
                organization: maybe(&mut rng, &orgs),
                status: pick(&mut rng, ProjectStatus::ALL),
                stage: text(&mut rng, 10).trim().to_string(),
                target_date: rng.chance(50).then(|| {
                    format!(
                        "20{:02}-{:02}-{:02}",
                        rng.below(99),
                        1 + rng.below(12),
                        1 + rng.below(28)
                    )
                }),
                required_roles: roles,
                notes: notes(&mut rng),
                frame: Frame {
                    x: coord(&mut rng),
                    y: coord(&mut rng),
                    width: 120.0 + rng.below(5000) as f64 / 3.0,
                    height: 400.0,
                },
                ..Project::named("", "")
            }),
        );
    }
    let mut n = 0;
    for p in &projects {
        for c in &contacts {
            if rng.chance(40) {
                n += 1;
                put(
                    &mut ops,
                    Record::Stake(Stake {
                        id: id("s", n),
                        project: p.clone(),
                        contact: c.clone(),
                        role: pick(&mut rng, Role::ALL),
                        stance: rng.below(5) as i8 - 2,
                        influence: 1 + rng.below(5) as u8,
                        interest: 1 + rng.below(5) as u8,
                        owner: maybe(&mut rng, &teammates),
                        health: rng.chance(50).then(|| rng.below(5) as i8 - 2),
                        notes: notes(&mut rng),
                        x: coord(&mut rng),
                        y: coord(&mut rng),
                    }),
                );
            }
        }
    }
    for n in 0..rng.below(6) {
        let from = contacts[rng.below(contacts.len())].clone();
        let to = contacts[rng.below(contacts.len())].clone();
        if from != to {
            put(
                &mut ops,
                Record::Relationship(Relationship {
                    id: id("r", n),
                    from,
                    to,
                    kind: pick(&mut rng, RelationshipKind::ALL),
                    strength: 1 + rng.below(5) as u8,
                    notes: notes(&mut rng),
                }),
            );
        }
    }
    for n in 0..rng.below(6) {
        let mut people: Vec<String> = (0..1 + rng.below(3))
            .map(|_| contacts[rng.below(contacts.len())].clone())
            .collect();
        people.dedup();
        put(
            &mut ops,
            Record::Interaction(Interaction {
                id: id("i", n),
                date: format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
                channel: pick(&mut rng, Channel::ALL),
                contacts: people,
                teammates: teammates
                    .iter()
                    .filter(|_| rng.chance(50))
                    .cloned()
                    .collect(),
                project: maybe(&mut rng, &projects),
                sentiment: rng.chance(50).then(|| rng.below(5) as i8 - 2),
                notes: notes(&mut rng),
            }),
        );
    }
    Op::Batch {
        label: "random map".into(),
        ops,
    }
}

/// How many random maps the round-trip property runs over.
const ROUND_TRIP_CASES: u32 = 64;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(ROUND_TRIP_CASES))]

    #[test]
    fn random_maps_round_trip_to_the_same_bytes_and_items(seed in any::<u64>()) {
        let (_dir, mut map) = new_map();
        map.apply(random_map(seed)).unwrap();
        let (_, copy, _dir2) = round_trip(&map);
        let original: Snapshot = map.snapshot().unwrap();
        prop_assert_eq!(copy.snapshot().unwrap(), original);
    }
}

/// The JSON Schema shipped in `docs/`.
fn schema() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/stakemap.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, text: &str) {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the export breaks the schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn exports_follow_the_published_json_schema() {
    let validator = schema();
    let (_dir, mut map) = new_map();
    map.apply(stakemap_core::demo::op(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    ))
    .unwrap();
    assert_valid(&validator, &json::export(&map.snapshot().unwrap()).unwrap());
    for seed in 1..20 {
        let (_dir, mut map) = new_map();
        map.apply(random_map(seed)).unwrap();
        assert_valid(&validator, &json::export(&map.snapshot().unwrap()).unwrap());
    }
    // The schema is not a formality: it refuses what Stakemap refuses.
    for bad in [
        r#"{"format":"stakemap","version":2}"#,
        r#"{"format":"stakemap","version":1,"stakes":[{"id":"s","project":"p","contact":"c","role":"champion","stance":3,"influence":3,"interest":3}]}"#,
        r#"{"format":"stakemap","version":1,"contacts":[{"id":"c","name":"A","organisation":null}]}"#,
        r#"{"format":"stakemap","version":1,"interactions":[{"id":"i","date":"2026-13-01","channel":"email","contacts":["c"]}]}"#,
    ] {
        let value: serde_json::Value = serde_json::from_str(bad).unwrap();
        assert!(!validator.is_valid(&value), "the schema accepted {bad}");
    }
}

#[test]
fn the_example_in_the_format_documentation_is_valid_and_imports() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/format.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let start = doc.find("```json\n").expect("a JSON example") + "```json\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    assert_valid(&schema(), example);
    let (_dir, mut map) = new_map();
    let plan = plan_json(&map, example, JsonTarget::NewMap, Duplicates::Skip);
    interchange::apply(&mut map, &plan).unwrap();
    let s = map.summary().unwrap();
    assert!(
        s.contacts >= 2 && s.stakes >= 1 && s.interactions >= 1,
        "{s:?}"
    );
}
