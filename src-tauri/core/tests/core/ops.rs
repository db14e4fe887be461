//! The operation API: puts, deletes and what they do to the items that refer to them, ids, no-op
//! edits, and copies of a map.

use stakemap_core::{ChangeSet, EntityKind, Map, Op, Record, Snapshot};

use crate::support::{add, contact, contact_item, new_map, organization, populate, temp_map};

/// Deletes an item, checks the map now equals `expected`, then that one undo restores the exact
/// previous map and one redo re-applies the delete.
fn delete_then_undo_redo(
    map: &mut Map,
    kind: EntityKind,
    id: &str,
    expected: &Snapshot,
) -> ChangeSet {
    let before = map.snapshot().unwrap();
    let set = map
        .apply(Op::Delete {
            kind,
            id: id.to_string(),
        })
        .unwrap();
    let after = map.snapshot().unwrap();
    assert_eq!(&after, expected);
    assert!(map.get(kind, id).unwrap().is_none());
    assert_eq!(map.history().undo.as_deref(), Some(set.label.as_str()));

    let undone = map.undo().unwrap().expect("something to undo");
    assert_eq!(undone.label, set.label);
    assert_eq!(
        map.snapshot().unwrap(),
        before,
        "one undo restores the map before the delete"
    );
    assert_eq!(map.history().redo.as_deref(), Some(set.label.as_str()));

    map.redo().unwrap().expect("something to redo");
    assert_eq!(map.snapshot().unwrap(), after, "redo re-applies the delete");
    assert_eq!(map.history().undo.as_deref(), Some(set.label.as_str()));
    assert_eq!(map.history().redo, None);
    set
}

#[test]
fn deleting_a_contact_removes_their_stakes_relationships_and_presence_in_interactions() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let before = map.snapshot().unwrap();

    let mut expected = before.clone();
    expected.contacts.retain(|c| c.id != a.dana);
    expected.stakes.retain(|s| s.contact != a.dana);
    expected
        .relationships
        .retain(|r| r.from != a.dana && r.to != a.dana);
    for i in &mut expected.interactions {
        i.contacts.retain(|c| *c != a.dana);
    }
    expected.interactions.retain(|i| !i.contacts.is_empty());
    // The fixture has what this test is about.
    assert_eq!(before.stakes.len() - expected.stakes.len(), 2);
    assert_eq!(before.relationships.len() - expected.relationships.len(), 2);
    assert_eq!(
        expected.interactions.len(),
        1,
        "Dana's one-to-one meeting goes"
    );
    assert_eq!(expected.interactions[0].id, a.meeting_all);
    assert_eq!(
        expected.interactions[0].contacts,
        vec![a.marcus.clone(), a.elena.clone()]
    );

    let set = delete_then_undo_redo(&mut map, EntityKind::Contact, &a.dana, &expected);
    assert_eq!(set.label, "Delete contact Dana Ruiz");
    assert!(
        map.get(EntityKind::Interaction, &a.meeting_dana)
            .unwrap()
            .is_none()
    );
}

#[test]
fn deleting_an_organization_unlinks_its_contacts_and_projects() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let before = map.snapshot().unwrap();
    let mut expected = before.clone();
    expected.organizations.retain(|o| o.id != a.org);
    let mut unlinked = 0;
    for c in &mut expected.contacts {
        if c.organization.as_deref() == Some(a.org.as_str()) {
            c.organization = None;
            unlinked += 1;
        }
    }
    for p in &mut expected.projects {
        if p.organization.as_deref() == Some(a.org.as_str()) {
            p.organization = None;
            unlinked += 1;
        }
    }
    assert_eq!(unlinked, 3);
    delete_then_undo_redo(&mut map, EntityKind::Organization, &a.org, &expected);
    assert_eq!(
        map.summary().unwrap().contacts,
        3,
        "contacts stay, unlinked"
    );
}

#[test]
fn deleting_a_teammate_clears_the_stakes_they_own() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let before = map.snapshot().unwrap();
    let mut expected = before.clone();
    expected.teammates.retain(|t| t.id != a.alex);
    let mut cleared = 0;
    for s in &mut expected.stakes {
        if s.owner.as_deref() == Some(a.alex.as_str()) {
            s.owner = None;
            cleared += 1;
        }
    }
    for i in &mut expected.interactions {
        i.teammates.retain(|t| *t != a.alex);
    }
    assert_eq!(cleared, 2);
    delete_then_undo_redo(&mut map, EntityKind::Teammate, &a.alex, &expected);
    assert_eq!(
        map.summary().unwrap().stakes,
        4,
        "the stakes stay, without an owner"
    );
    assert_eq!(map.summary().unwrap().interactions, 2, "interactions stay");
}

#[test]
fn deleting_a_project_removes_its_stakes() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let before = map.snapshot().unwrap();
    let mut expected = before.clone();
    expected.projects.retain(|p| p.id != a.fleet);
    expected.stakes.retain(|s| s.project != a.fleet);
    for i in &mut expected.interactions {
        if i.project.as_deref() == Some(a.fleet.as_str()) {
            i.project = None;
        }
    }
    assert_eq!(expected.stakes.len(), 2);
    delete_then_undo_redo(&mut map, EntityKind::Project, &a.fleet, &expected);
    assert_eq!(map.summary().unwrap().contacts, 3, "contacts stay");
    assert_eq!(
        map.summary().unwrap().interactions,
        2,
        "interactions stay, unlinked"
    );
}

#[test]
fn deleting_a_missing_item_is_not_found_and_changes_nothing() {
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let before = map.snapshot().unwrap();
    let history = map.history();
    let err = map
        .apply(Op::Delete {
            kind: EntityKind::Contact,
            id: "ghost".into(),
        })
        .unwrap_err();
    assert_eq!(err.kind(), stakemap_core::ErrorKind::NotFound);
    assert!(err.to_string().contains("ghost"), "{err}");
    assert_eq!(map.snapshot().unwrap(), before);
    assert_eq!(map.history(), history);
}

fn is_uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    id.len() == 36
        && groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[test]
fn a_put_with_an_empty_id_assigns_a_fresh_uuid() {
    let (_dir, mut map) = new_map();
    let first = add(&mut map, contact("Dana Ruiz", None));
    let second = add(&mut map, contact("Dana Ruiz", None));
    let blank = add(
        &mut map,
        Record::Contact(stakemap_core::model::Contact {
            id: "  ".into(),
            ..contact_item("Mei", None)
        }),
    );
    for id in [&first, &second, &blank] {
        assert!(is_uuid(id), "{id:?} is not a UUID");
    }
    assert_ne!(first, second, "two people with one name are two contacts");
    assert_ne!(first, blank);
    let snapshot = map.snapshot().unwrap();
    assert_eq!(snapshot.contacts.len(), 3);
    assert!(snapshot.contacts.iter().all(|c| is_uuid(&c.id)));
    match map.get(EntityKind::Contact, &first).unwrap() {
        Some(Record::Contact(c)) => assert_eq!(c.name, "Dana Ruiz"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_put_with_a_given_id_keeps_it() {
    let (_dir, mut map) = new_map();
    let org = stakemap_core::model::Organization {
        id: "org-1".into(),
        name: "Northwind".into(),
        notes: String::new(),
    };
    let set = map
        .apply(Op::Put {
            record: Record::Organization(org.clone()),
        })
        .unwrap();
    assert_eq!(set.changes[0].id, "org-1");
    assert_eq!(set.changes[0].before, None);
    assert_eq!(set.label, "Add organization Northwind");
    assert_eq!(
        map.get(EntityKind::Organization, "org-1").unwrap(),
        Some(Record::Organization(org))
    );
}

#[test]
fn an_edit_with_identical_values_records_no_change_and_no_undo_step() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let before = map.snapshot().unwrap();
    let history = map.history();
    let mut records: Vec<Record> = Vec::new();
    records.extend(
        before
            .organizations
            .iter()
            .cloned()
            .map(Record::Organization),
    );
    records.extend(before.teammates.iter().cloned().map(Record::Teammate));
    records.extend(before.contacts.iter().cloned().map(Record::Contact));
    records.extend(before.projects.iter().cloned().map(Record::Project));
    records.extend(before.stakes.iter().cloned().map(Record::Stake));
    records.extend(
        before
            .relationships
            .iter()
            .cloned()
            .map(Record::Relationship),
    );
    records.extend(before.interactions.iter().cloned().map(Record::Interaction));
    assert_eq!(records.len(), 17);
    for record in records {
        let set = map
            .apply(Op::Put {
                record: record.clone(),
            })
            .unwrap();
        assert!(
            set.changes.is_empty(),
            "re-putting {record:?} changed {:?}",
            set.changes
        );
        assert_eq!(map.history(), history, "a no-op edit adds an undo step");
    }
    // Values that only differ before tidying (surrounding spaces) are no change either.
    let mut dana = match map.get(EntityKind::Contact, &a.dana).unwrap() {
        Some(Record::Contact(c)) => c,
        other => panic!("{other:?}"),
    };
    dana.name = format!("  {}  ", dana.name);
    let set = map
        .apply(Op::Put {
            record: Record::Contact(dana),
        })
        .unwrap();
    assert!(set.changes.is_empty(), "{set:?}");
    assert_eq!(map.snapshot().unwrap(), before);
    assert_eq!(map.history(), history);
    // And a real change is one.
    let set = map
        .apply(Op::Put {
            record: organization("Helix"),
        })
        .unwrap();
    assert_eq!(set.changes.len(), 1);
    assert_ne!(map.history(), history);
}

#[test]
fn an_edit_records_before_and_after() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let old = map.get(EntityKind::Contact, &a.dana).unwrap().unwrap();
    let Record::Contact(mut dana) = old.clone() else {
        panic!()
    };
    dana.title = "  CFO ".into();
    dana.tags = vec![
        "finance".into(),
        " Finance ".into(),
        "".into(),
        "exec".into(),
    ];
    let set = map
        .apply(Op::Put {
            record: Record::Contact(dana),
        })
        .unwrap();
    assert_eq!(set.label, "Edit contact Dana Ruiz");
    assert_eq!(set.changes.len(), 1);
    assert_eq!(set.changes[0].before.as_ref(), Some(&old));
    let Some(Record::Contact(saved)) = map.get(EntityKind::Contact, &a.dana).unwrap() else {
        panic!()
    };
    assert_eq!(saved.title, "CFO", "values are trimmed");
    assert_eq!(
        saved.tags,
        vec!["finance".to_string(), "exec".to_string()],
        "tags are tidied"
    );
    assert_eq!(set.changes[0].after, Some(Record::Contact(saved)));
}

#[test]
fn save_copy_writes_a_map_that_opens_with_the_same_content() {
    let (dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    populate(&mut map);
    let snapshot = map.snapshot().unwrap();
    let dest = dir.path().join("copy.stakemap");
    map.save_copy(&dest).unwrap();

    // The original stays open and writable, and its history is intact.
    add(&mut map, organization("After the copy"));
    assert!(map.history().undo.is_some());
    assert!(matches!(
        Map::open(&path).unwrap_err(),
        stakemap_core::Error::AlreadyOpen { .. }
    ));

    let copy = Map::open(&dest).unwrap();
    assert_eq!(
        copy.snapshot().unwrap(),
        snapshot,
        "the copy holds the map as it was"
    );
    assert_eq!(copy.history(), Default::default(), "a copy has no history");
    drop(copy);
    let copy = Map::open_read_only(&dest).unwrap();
    assert_eq!(copy.snapshot().unwrap(), snapshot);

    // No temporary files are left in the folder.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    names.sort();
    assert!(names.is_empty(), "{names:?}");

    // Copying again over an existing copy replaces it.
    drop(copy);
    map.save_copy(&dest).unwrap();
    let copy = Map::open(&dest).unwrap();
    assert_eq!(copy.snapshot().unwrap(), map.snapshot().unwrap());
}

#[test]
fn a_copy_into_a_missing_folder_fails_and_leaves_the_map_working() {
    let (dir, mut map) = new_map();
    populate(&mut map);
    let dest = dir.path().join("no-such-folder").join("copy.stakemap");
    assert!(map.save_copy(&dest).is_err());
    assert!(!dest.exists());
    add(&mut map, organization("Still writable"));
}

#[test]
fn a_copy_onto_the_map_itself_or_another_open_map_is_refused() {
    let (dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    populate(&mut map);
    let before = map.snapshot().unwrap();
    let err = map.save_copy(&path).unwrap_err();
    assert_eq!(err.field(), Some("path"), "{err:?}");
    // Also under another name for the same file.
    let same = dir.path().join(".").join("test.stakemap");
    assert_eq!(map.save_copy(&same).unwrap_err().field(), Some("path"));
    // The map keeps working and keeps what is written after the refusal.
    add(&mut map, organization("After the refused copy"));
    let after = map.snapshot().unwrap();
    assert_ne!(after, before);
    drop(map);
    let map = Map::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap(), after);

    // A map open elsewhere is not replaced under its writer either.
    let other_path = dir.path().join("other.stakemap");
    let mut other = Map::open(&other_path).unwrap();
    add(&mut other, organization("Other"));
    let other_snapshot = other.snapshot().unwrap();
    let err = map.save_copy(&other_path).unwrap_err();
    assert_eq!(err.kind(), stakemap_core::ErrorKind::AlreadyOpen, "{err:?}");
    add(&mut other, organization("Other, later"));
    let other_after = other.snapshot().unwrap();
    assert_ne!(other_after, other_snapshot);
    drop(other);
    assert_eq!(
        Map::open(&other_path).unwrap().snapshot().unwrap(),
        other_after
    );
}

#[test]
fn a_copy_replaces_a_crashed_map_cleanly() {
    let (dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    populate(&mut map);
    // A map whose writer died leaves a write-ahead log behind.
    let dest = dir.path().join("crashed.stakemap");
    let mut child = crate::locking::hold_in_child(&dest);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(crate::support::sidecar(&dest, "-wal").exists());

    map.save_copy(&dest).unwrap();
    let copy = Map::open(&dest).unwrap();
    assert_eq!(copy.snapshot().unwrap(), map.snapshot().unwrap());
    drop(copy);
    let conn = rusqlite::Connection::open(&dest).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}
