//! The map's coverage settings: stored in the map, changed through `apply` (so undoable and
//! all-or-nothing), refused with the field at fault, scored with at once, and brought into maps
//! of format 1 by the migration.

use chrono::NaiveDate;
use rusqlite::Connection;
use stakemap_core::coverage::{
    Band, BandThresholds, Cadences, ComponentName, Config, Engine, FindingKind, Weights,
};
use stakemap_core::model::{Role, SETTINGS_ID, Settings};
use stakemap_core::{BackupReason, EntityKind, ErrorKind, MAP_FORMAT, Map, Op, Record, demo};

use crate::support::{add, new_map, project, project_item, temp_map};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Makes one setting bad.
type Spoil = fn(&mut Settings);

fn settings_of(map: &Map) -> Settings {
    match map.get(EntityKind::Settings, SETTINGS_ID).unwrap() {
        Some(Record::Settings(s)) => s,
        other => panic!("no settings: {other:?}"),
    }
}

fn put(settings: Settings) -> Op {
    Op::Put {
        record: Record::Settings(settings),
    }
}

fn tuned() -> Settings {
    let defaults = Settings::default();
    Settings {
        default_required_roles: vec![Role::Sponsor, Role::Champion, Role::Sponsor],
        weights: Weights {
            reach: 0.0,
            roles: 0.5,
            ..defaults.weights
        },
        cadences: Cadences {
            champion: 14,
            ..defaults.cadences
        },
        bands: BandThresholds {
            green: 80,
            amber: 50,
        },
        ..defaults
    }
}

#[test]
fn a_new_map_has_the_documented_defaults() {
    let (_dir, map) = new_map();
    let defaults = Settings::default();
    assert_eq!(defaults.id, SETTINGS_ID);
    assert_eq!(
        defaults.default_required_roles,
        [Role::DecisionMaker, Role::EconomicBuyer, Role::Champion]
    );
    assert_eq!(defaults.weights, Config::default().weights);
    assert_eq!(defaults.cadences, Config::default().cadences);
    assert_eq!(defaults.bands, Config::default().bands);
    assert_eq!(settings_of(&map), defaults);
    assert_eq!(map.snapshot().unwrap().settings, defaults);
}

#[test]
fn settings_are_stored_undone_redone_and_reset() {
    let (_dir, mut map) = new_map();
    let set = map.apply(put(tuned())).unwrap();
    assert_eq!(set.label, "Edit map settings");
    assert_eq!(set.changes.len(), 1);
    let stored = settings_of(&map);
    assert_eq!(
        stored.default_required_roles,
        [Role::Sponsor, Role::Champion],
        "roles are deduplicated"
    );
    assert_eq!(stored.cadences.champion, 14);

    // Kept in the file.
    let path = map.path().to_path_buf();
    drop(map);
    let mut map = Map::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap().settings, stored);

    // Reset (delete) brings the defaults back, undoably.
    let reset = map
        .apply(Op::Delete {
            kind: EntityKind::Settings,
            id: SETTINGS_ID.into(),
        })
        .unwrap();
    assert_eq!(reset.label, "Reset map settings");
    assert_eq!(settings_of(&map), Settings::default());
    map.undo().unwrap();
    assert_eq!(settings_of(&map), stored);
}

#[test]
fn undo_and_redo_of_a_settings_edit() {
    let (_dir, mut map) = new_map();
    map.apply(put(tuned())).unwrap();
    let stored = settings_of(&map);
    map.undo().unwrap().unwrap();
    assert_eq!(settings_of(&map), Settings::default());
    map.redo().unwrap().unwrap();
    assert_eq!(settings_of(&map), stored);
}

#[test]
fn an_empty_id_means_the_map_and_another_id_is_refused() {
    let (_dir, mut map) = new_map();
    let mut s = tuned();
    s.id = String::new();
    map.apply(put(s)).unwrap();
    assert_eq!(settings_of(&map).bands.green, 80);
    let mut other = tuned();
    other.id = "elsewhere".into();
    let err = map.apply(put(other)).unwrap_err();
    assert_eq!(err.field(), Some("settings.id"));
}

#[test]
fn bad_settings_are_refused_with_the_field_and_nothing_changes() {
    let (_dir, mut map) = new_map();
    map.apply(put(tuned())).unwrap();
    let before = settings_of(&map);
    let history = map.history();
    let cases: [(&str, Spoil); 8] = [
        ("settings.weights.pulse", |s: &mut Settings| {
            s.weights.pulse = -0.1
        }),
        ("settings.weights.support", |s: &mut Settings| {
            s.weights.support = f64::NAN
        }),
        ("settings.weights.reach", |s: &mut Settings| {
            s.weights.reach = 1000.0
        }),
        ("settings.weights", |s: &mut Settings| {
            s.weights = Weights {
                roles: 0.0,
                support: 0.0,
                threading: 0.0,
                pulse: 0.0,
                reach: 0.0,
                perception: 0.0,
            }
        }),
        ("settings.cadences.champion", |s: &mut Settings| {
            s.cadences.champion = 0
        }),
        ("settings.cadences.other", |s: &mut Settings| {
            s.cadences.other = 4000
        }),
        ("settings.bands.green", |s: &mut Settings| {
            s.bands.green = 101
        }),
        ("settings.bands.amber", |s: &mut Settings| {
            s.bands.amber = s.bands.green
        }),
    ];
    for (field, spoil) in cases {
        let mut bad = before.clone();
        spoil(&mut bad);
        let err = map.apply(put(bad)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert_eq!(err.field(), Some(field), "{err}");
        assert_eq!(settings_of(&map), before);
        assert_eq!(map.history(), history);
    }
}

#[test]
fn a_projects_own_weights_are_stored_and_checked() {
    let (_dir, mut map) = new_map();
    let mut p = project_item("Rollout", None);
    p.weights = Some(Weights {
        reach: 0.0,
        ..Weights::default()
    });
    let id = add(&mut map, Record::Project(p.clone()));
    let Some(Record::Project(stored)) = map.get(EntityKind::Project, &id).unwrap() else {
        panic!("project not stored");
    };
    assert_eq!(stored.weights, p.weights);

    p.id = id.clone();
    p.weights = Some(Weights {
        threading: -1.0,
        ..Weights::default()
    });
    let err = map
        .apply(Op::Put {
            record: Record::Project(p.clone()),
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("project.weights.threading"));

    p.weights = None;
    map.apply(Op::Put {
        record: Record::Project(p),
    })
    .unwrap();
    let Some(Record::Project(cleared)) = map.get(EntityKind::Project, &id).unwrap() else {
        panic!("project not stored");
    };
    assert_eq!(cleared.weights, None);
}

/// The demo map, its engine, and the engine's results as of [`today`].
fn demo_engine() -> (tempfile::TempDir, Map, Engine) {
    let (dir, mut map) = new_map();
    map.apply(demo::op(today())).unwrap();
    let engine = Engine::new(&map.snapshot().unwrap(), today(), Config::default());
    (dir, map, engine)
}

#[test]
fn changing_a_setting_rescores_every_project_at_once_and_undo_restores_them() {
    let (_dir, mut map, mut engine) = demo_engine();
    let before = engine.results();
    assert!(before.len() >= 3);

    // Everyone met in person within two days, or stale: almost every key contact goes stale.
    let mut s = settings_of(&map);
    s.cadences = Cadences {
        decision_maker: 1,
        economic_buyer: 1,
        champion: 1,
        sponsor: 1,
        other: 1,
    };
    s.bands.green = 95;
    s.bands.amber = 90;
    let set = map.apply(put(s)).unwrap();
    let touched = engine.apply(&set);
    assert_eq!(touched.len(), before.len(), "every project is rescored");
    let after = engine.results();
    let fresh =
        stakemap_core::coverage::score(&map.snapshot().unwrap(), today(), &Config::default());
    assert_eq!(after, fresh, "the engine agrees with a fresh scoring");
    let stale = |all: &[stakemap_core::coverage::Coverage]| {
        all.iter()
            .map(|c| c.findings_of(FindingKind::StaleContact).count())
            .sum::<usize>()
    };
    assert!(
        stale(&after) > stale(&before),
        "shorter cadences make contacts stale"
    );
    assert!(after.iter().all(|c| c.band == Band::Red), "{after:#?}");
    assert_eq!(engine.config().bands.green, 95);

    let undone = map.undo().unwrap().unwrap();
    engine.apply(&undone);
    assert_eq!(engine.results(), before);
}

#[test]
fn a_projects_own_weights_rescore_only_that_project() {
    let (_dir, mut map, mut engine) = demo_engine();
    let before = engine.results();
    let target = before
        .iter()
        .find(|c| c.component(ComponentName::Reach).unwrap().value < 1.0)
        .expect("a demo project with reach below 1");
    let Some(Record::Project(mut p)) = map.get(EntityKind::Project, &target.project).unwrap()
    else {
        panic!("project");
    };
    p.weights = Some(Weights {
        roles: 0.0,
        support: 0.0,
        threading: 0.0,
        pulse: 0.0,
        reach: 1.0,
        perception: 0.0,
    });
    let set = map
        .apply(Op::Put {
            record: Record::Project(p),
        })
        .unwrap();
    assert_eq!(engine.apply(&set), vec![target.project.clone()]);
    let now = engine.project(&target.project).unwrap();
    let reach = now.component(ComponentName::Reach).unwrap();
    assert_eq!(now.score, (reach.value * 100.0).round() as u8);
    assert_eq!(now.component(ComponentName::Roles).unwrap().weight, 0.0);
    for other in before.iter().filter(|c| c.project != target.project) {
        assert_eq!(engine.project(&other.project), Some(other));
    }
}

#[test]
fn a_map_of_format_1_is_backed_up_and_upgraded_with_default_settings() {
    let (_dir, path) = temp_map();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             PRAGMA application_id = 1398033229;
             INSERT INTO projects (id, name, status, required_roles, frame_x, frame_y,
                                   frame_width, frame_height)
             VALUES ('p1', 'Old project', 'active', '[\"champion\"]', 0, 0, 600, 400);",
        )
        .unwrap();
    }
    let mut map = Map::open(&path).unwrap();
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, MAP_FORMAT);
    let backups = map.backups().unwrap();
    assert!(
        backups
            .iter()
            .any(|b| b.reason == BackupReason::BeforeMigration),
        "{backups:?}"
    );
    let snapshot = map.snapshot().unwrap();
    assert_eq!(snapshot.settings, Settings::default());
    assert_eq!(snapshot.projects.len(), 1);
    assert_eq!(snapshot.projects[0].weights, None);
    assert_eq!(snapshot.projects[0].required_roles, [Role::Champion]);

    // The upgraded map takes the new fields.
    let mut p = snapshot.projects[0].clone();
    p.weights = Some(Weights::default());
    map.apply(Op::Put {
        record: Record::Project(p),
    })
    .unwrap();
    map.apply(put(tuned())).unwrap();
    let again = map.snapshot().unwrap();
    assert_eq!(again.projects[0].weights, Some(Weights::default()));
    assert_eq!(again.settings.bands.green, 80);
    let _ = add(&mut map, project("New", None));
}
