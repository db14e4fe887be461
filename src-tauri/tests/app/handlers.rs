//! The command handlers on real map files, as the UI calls them.

use std::path::Path;

use stakemap_app::state::{AppState, Folders};
use stakemap_core::model::{Contact, Project, Stake};
use stakemap_core::{EntityKind, ErrorKind, Op, Record};

fn state(dir: &Path) -> AppState {
    AppState::new(Folders {
        config: dir.join("config"),
        data: dir.join("data"),
    })
}

fn contact(name: &str) -> Record {
    Record::Contact(Contact::named("", name))
}

fn project(name: &str) -> Record {
    Record::Project(Project {
        required_roles: vec![],
        ..Project::named("", name)
    })
}

#[test]
fn first_start_creates_the_default_map_and_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(None);
    let info = app.map_info().unwrap();
    assert!(info.path.ends_with(stakemap_app::state::DEFAULT_MAP_NAME));
    assert!(Path::new(&info.path).starts_with(dir.path().join("data")));
    drop(app);

    // Next start without an argument opens the last map.
    let other = dir.path().join("other.stakemap");
    let app = state(dir.path());
    app.open_at_startup(Some(other.clone()));
    drop(app);
    let app = state(dir.path());
    assert_eq!(app.startup_path(None), std::path::absolute(&other).unwrap());
}

#[test]
fn an_argument_opens_that_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.stakemap");
    let app = state(dir.path());
    app.open_at_startup(Some(path.clone()));
    let info = app.map_info().unwrap();
    assert_eq!(info.name, "acme");
    assert!(path.is_file());
}

#[test]
fn a_map_open_elsewhere_is_reported_and_nothing_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.stakemap");
    let _holder = stakemap_core::Map::open(&path).unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(path));
    let error = app.load_map().unwrap_err();
    assert_eq!(error.kind, ErrorKind::AlreadyOpen);
    assert!(error.message.contains("already open"), "{}", error.message);
}

#[test]
fn apply_undo_redo_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    let added = app
        .apply(Op::Put {
            record: contact("Dana Ruiz"),
        })
        .unwrap();
    assert_eq!(added.history.undo.as_deref(), Some("Add contact Dana Ruiz"));
    assert_eq!(app.load_map().unwrap().contacts.len(), 1);
    let undone = app.undo().unwrap();
    assert!(undone.changes.changes[0].after.is_none());
    assert!(app.load_map().unwrap().contacts.is_empty());
    assert_eq!(
        undone.history.redo.as_deref(),
        Some("Add contact Dana Ruiz")
    );
    app.redo().unwrap();
    assert_eq!(app.load_map().unwrap().contacts[0].name, "Dana Ruiz");
}

#[test]
fn invalid_input_names_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    let error = app
        .apply(Op::Put {
            record: contact("   "),
        })
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(error.field.as_deref(), Some("contact.name"));

    let c = app
        .apply(Op::Put {
            record: contact("Dana"),
        })
        .unwrap();
    let contact_id = c.changes.changes[0].id.clone();
    let stake = Record::Stake(Stake {
        id: String::new(),
        project: "missing".into(),
        contact: contact_id,
        role: stakemap_core::model::Role::Champion,
        stance: 0,
        influence: 3,
        interest: 3,
        owner: None,
        health: None,
        notes: String::new(),
        x: 0.0,
        y: 0.0,
    });
    let error = app.apply(Op::Put { record: stake }).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("stake.project"));
    let map = app.load_map().unwrap();
    assert!(map.stakes.is_empty());
    assert_eq!(
        app.map_info().unwrap().history.undo.as_deref(),
        Some("Add contact Dana")
    );
}

#[test]
fn new_map_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("precious.stakemap");
    std::fs::write(&existing, b"keep me").unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    let error = app.create(&existing).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    // The open map is still the previous one.
    assert!(app.map_info().unwrap().path.ends_with("m.stakemap"));
}

#[test]
fn switching_maps_releases_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.stakemap");
    let app = state(dir.path());
    app.open_at_startup(Some(first.clone()));
    app.apply(Op::Put {
        record: project("Rollout"),
    })
    .unwrap();
    app.create(&dir.path().join("second.stakemap")).unwrap();
    assert!(app.load_map().unwrap().projects.is_empty());
    // The first map is free again: another writer can open it and sees its project.
    let map = stakemap_core::Map::open(&first).unwrap();
    assert_eq!(map.summary().unwrap().projects, 1);
}

#[test]
fn save_copy_writes_a_map_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    app.apply(Op::Put {
        record: contact("Dana"),
    })
    .unwrap();
    let copy = dir.path().join("copy.stakemap");
    app.save_copy(&copy).unwrap();
    let map = stakemap_core::Map::open_read_only(&copy).unwrap();
    assert_eq!(map.summary().unwrap().contacts, 1);
    // The open map can still be edited.
    let removed = app.load_map().unwrap().contacts[0].id.clone();
    app.apply(Op::Delete {
        kind: EntityKind::Contact,
        id: removed,
    })
    .unwrap();
}

#[test]
fn arrange_project_moves_its_cards_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    let id_of = |record: Record| {
        app.apply(Op::Put { record }).unwrap().changes.changes[0]
            .id
            .clone()
    };
    let project_id = id_of(project("Rollout"));
    for name in ["Ana", "Ben", "Cy"] {
        let contact_id = id_of(contact(name));
        id_of(Record::Stake(Stake {
            id: String::new(),
            project: project_id.clone(),
            contact: contact_id,
            role: stakemap_core::model::Role::User,
            stance: 0,
            influence: 3,
            interest: 3,
            owner: None,
            health: None,
            notes: String::new(),
            x: 0.0,
            y: 0.0,
        }));
    }

    let arranged = app.arrange_project(&project_id).unwrap();
    assert_eq!(arranged.changes.label, "Arrange Rollout");
    assert_eq!(arranged.history.undo.as_deref(), Some("Arrange Rollout"));
    let mut places: Vec<(i64, i64)> = app
        .load_map()
        .unwrap()
        .stakes
        .iter()
        .map(|s| (s.x as i64, s.y as i64))
        .collect();
    places.sort_unstable();
    places.dedup();
    assert_eq!(places.len(), 3, "cards still share a place: {places:?}");

    app.undo().unwrap();
    assert!(
        app.load_map()
            .unwrap()
            .stakes
            .iter()
            .all(|s| (s.x, s.y) == (0.0, 0.0))
    );
    let unknown = app.arrange_project("no-such-project").unwrap_err();
    assert_eq!(unknown.kind, ErrorKind::NotFound);
}

#[test]
fn coverage_follows_apply_and_undo() {
    use stakemap_core::coverage::{ComponentName, FindingKind};
    use stakemap_core::model::Role;

    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    let added = app
        .apply(Op::Put {
            record: Record::Project(Project {
                required_roles: vec![Role::EconomicBuyer],
                ..Project::named("", "Rollout")
            }),
        })
        .unwrap();
    let project_id = added.changes.changes[0].id.clone();
    assert_eq!(added.coverage.len(), 1);
    assert_eq!(added.coverage[0].project, project_id);
    assert_eq!(app.coverage().unwrap(), added.coverage);
    let before = added.coverage[0].clone();
    let roles =
        |c: &stakemap_core::coverage::Coverage| c.component(ComponentName::Roles).unwrap().value;
    let missing =
        |c: &stakemap_core::coverage::Coverage| c.findings_of(FindingKind::MissingRole).count();
    assert_eq!(missing(&before), 1);

    let dana = app
        .apply(Op::Put {
            record: contact("Dana Ruiz"),
        })
        .unwrap();
    let dana_id = dana.changes.changes[0].id.clone();
    let stake = Record::Stake(Stake {
        id: String::new(),
        project: project_id.clone(),
        contact: dana_id,
        role: Role::EconomicBuyer,
        stance: 1,
        influence: 4,
        interest: 3,
        owner: None,
        health: None,
        notes: String::new(),
        x: 24.0,
        y: 64.0,
    });
    let staked = app.apply(Op::Put { record: stake }).unwrap();
    assert_eq!(staked.coverage.len(), 1);
    let after = &staked.coverage[0];
    assert_eq!(after.project, project_id);
    assert!(roles(after) > roles(&before), "{after:?}");
    assert_eq!(missing(after), 0);
    assert_eq!(app.coverage().unwrap()[0], *after);

    let undone = app.undo().unwrap();
    assert_eq!(undone.coverage, vec![before.clone()]);
    let redone = app.redo().unwrap();
    assert_eq!(redone.coverage[0], *after);

    // Deleting the project reports its id instead of a coverage.
    let deleted = app
        .apply(Op::Delete {
            kind: EntityKind::Project,
            id: project_id.clone(),
        })
        .unwrap();
    assert!(deleted.coverage.is_empty());
    assert_eq!(deleted.removed_coverage, vec![project_id]);
    assert!(app.coverage().unwrap().is_empty());
}

/// A map at `path` holding one contact, with a manual backup of it; returns the backup's id.
fn map_with_backed_up_contact(path: &Path, name: &str) -> String {
    let mut map = stakemap_core::Map::open(path).unwrap();
    map.apply(Op::Put {
        record: contact(name),
    })
    .unwrap();
    let id = map.backup(stakemap_core::BackupReason::Manual).unwrap().id;
    drop(map);
    id
}

/// Overwrites four pages in the middle of a map file with junk (as the core's fault tests do).
fn damage(path: &Path) {
    let mut data = std::fs::read(path).unwrap();
    let pages = data.len() / 4096;
    assert!(pages >= 8, "a map of {pages} pages is too small to damage");
    let start = pages / 2 * 4096;
    for (i, byte) in data[start..start + 4 * 4096].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(path, data).unwrap();
}

#[test]
fn restoring_a_backup_of_the_open_map_brings_back_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.stakemap");
    let backup = map_with_backed_up_contact(&path, "Dana Ruiz");
    let app = state(dir.path());
    app.open_at_startup(Some(path.clone()));

    let listed = app.backups().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, backup);
    assert_eq!(listed[0].reason, "Manual");
    assert!(listed[0].size_kib > 0);
    assert!(
        chrono::DateTime::parse_from_rfc3339(&listed[0].created).is_ok(),
        "{}",
        listed[0].created
    );

    let dana = app.load_map().unwrap().contacts[0].id.clone();
    app.apply(Op::Delete {
        kind: EntityKind::Contact,
        id: dana.clone(),
    })
    .unwrap();
    assert!(app.load_map().unwrap().contacts.is_empty());

    let info = app.restore_backup(&backup).unwrap();
    assert!(info.path.ends_with("m.stakemap"));
    assert_eq!(info.history.undo, None, "a restore clears the undo history");
    let contacts = app.load_map().unwrap().contacts;
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].id, dana);
    assert_eq!(contacts[0].name, "Dana Ruiz");

    // The state it replaced was backed up first, and is listed newest.
    let listed = app.backups().unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0].reason, "Before restore");
    assert!(
        listed[0].id.ends_with("-before-restore"),
        "{}",
        listed[0].id
    );
    assert_eq!(listed[1].id, backup);

    // The coverage engine follows the restored content: edits after it still work.
    let added = app
        .apply(Op::Put {
            record: project("Rollout"),
        })
        .unwrap();
    assert_eq!(added.coverage.len(), 1);
    assert_eq!(app.coverage().unwrap().len(), 1);
}

#[test]
fn a_damaged_start_up_map_is_restored_from_its_backup_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.stakemap");
    let mut map = stakemap_core::Map::open(&path).unwrap();
    map.apply(stakemap_core::demo::op(chrono::Local::now().date_naive()))
        .unwrap();
    let demo = map.snapshot().unwrap();
    let backup = map.backup(stakemap_core::BackupReason::Manual).unwrap().id;
    drop(map);
    damage(&path);

    let app = state(dir.path());
    app.open_at_startup(Some(path.clone()));
    let error = app.load_map().unwrap_err();
    assert_eq!(error.kind, ErrorKind::Incompatible);
    assert!(error.message.contains("is damaged"), "{}", error.message);
    assert!(error.message.contains(&backup), "{}", error.message);

    let listed = app.backups().unwrap();
    assert_eq!(
        listed.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(),
        [backup.as_str()]
    );

    let info = app.restore_backup(&backup).unwrap();
    assert_eq!(info.name, "demo");
    assert_eq!(app.load_map().unwrap(), demo);
    assert!(!app.coverage().unwrap().is_empty());
    // The damaged file was put aside, not deleted.
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("demo.stakemap.damaged-") && !n.ends_with("-wal"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    // The map is open for editing.
    app.apply(Op::Put {
        record: contact("After restore"),
    })
    .unwrap();
}

#[test]
fn an_unknown_backup_id_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.stakemap");
    let backup = map_with_backed_up_contact(&path, "Dana Ruiz");
    let app = state(dir.path());
    app.open_at_startup(Some(path.clone()));
    let dana = app.load_map().unwrap().contacts[0].id.clone();
    app.apply(Op::Delete {
        kind: EntityKind::Contact,
        id: dana,
    })
    .unwrap();
    let before = app.backups().unwrap();

    for id in [
        "2026-01-01-000000-manual",
        "",
        "../m",
        "../../etc/passwd",
        &format!("{backup}.stakemap"),
        path.to_str().unwrap(),
    ] {
        let error = app.restore_backup(id).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Invalid, "{id}: {error:?}");
        assert_eq!(error.field.as_deref(), Some("backup"), "{id}");
    }
    assert!(app.load_map().unwrap().contacts.is_empty());
    assert_eq!(app.backups().unwrap(), before);
    assert_eq!(
        app.map_info().unwrap().history.undo.as_deref(),
        Some("Delete contact Dana Ruiz")
    );

    // With a damaged start-up map, too: the file is left as it is.
    drop(app);
    let mut map = stakemap_core::Map::open(&path).unwrap();
    map.apply(stakemap_core::demo::op(chrono::Local::now().date_naive()))
        .unwrap();
    drop(map);
    damage(&path);
    let damaged = std::fs::read(&path).unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(path.clone()));
    let error = app.restore_backup("2026-01-01-000000-manual").unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid, "{error:?}");
    assert_eq!(error.field.as_deref(), Some("backup"));
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
    assert!(app.load_map().is_err());
}

#[test]
fn a_failed_automatic_backup_is_reported_and_the_map_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.stakemap");
    let app = state(dir.path());
    app.open_at_startup(Some(path.clone()));
    assert_eq!(app.map_info().unwrap().backup_problem, None);
    app.apply(Op::Put {
        record: contact("Dana"),
    })
    .unwrap();
    drop(app);
    // A file where the backup folder should be: the daily backup at the next open fails.
    std::fs::write(stakemap_core::backup::backup_dir(&path), b"in the way").unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(path));
    let problem = app
        .map_info()
        .unwrap()
        .backup_problem
        .expect("the failure is reported");
    assert!(problem.contains("backups"), "{problem}");
    app.apply(Op::Put {
        record: contact("Lee"),
    })
    .unwrap();
    assert_eq!(app.load_map().unwrap().contacts.len(), 2);
}

#[test]
fn changing_the_map_settings_through_apply_rescores_every_project_and_undo_restores_them() {
    use stakemap_core::model::Settings;

    let dir = tempfile::tempdir().unwrap();
    let app = state(dir.path());
    app.open_at_startup(Some(dir.path().join("m.stakemap")));
    app.apply(stakemap_core::demo::op(chrono::Local::now().date_naive()))
        .unwrap();
    let before = app.coverage().unwrap();
    assert!(before.len() >= 3);

    let mut settings = app.load_map().unwrap().settings;
    assert_eq!(settings, Settings::default());
    settings.bands.green = 100;
    settings.bands.amber = 99;
    let applied = app
        .apply(Op::Put {
            record: Record::Settings(settings),
        })
        .unwrap();
    assert_eq!(
        applied.coverage.len(),
        before.len(),
        "every project is rescored"
    );
    assert!(
        applied
            .coverage
            .iter()
            .all(|c| c.band == stakemap_core::coverage::Band::Red)
    );
    assert_eq!(app.load_map().unwrap().settings.bands.green, 100);

    let undone = app.undo().unwrap();
    assert_eq!(undone.coverage.len(), before.len());
    assert_eq!(app.coverage().unwrap(), before);
    assert_eq!(app.load_map().unwrap().settings, Settings::default());
    assert_eq!(
        app.map_info().unwrap().history.redo.as_deref(),
        Some("Edit map settings")
    );
}
