//! Undo and redo: long histories, labels, and what happens to the redo list and across reopen.

use stakemap_core::model::Contact;
use stakemap_core::{EntityKind, HistoryState, Map, Op, Record, Snapshot, UNDO_LIMIT};

use crate::support::{add, contact, new_map, organization, populate, temp_map};

/// Makes 150 edits of several kinds (adds, renames, moves, deletes) on an empty map.
fn make_edits(map: &mut Map) -> usize {
    let mut steps = 0;
    let mut ids = Vec::new();
    for n in 0..30 {
        ids.push(add(map, contact(&format!("Contact {n}"), None)));
        steps += 1;
    }
    let org = add(map, organization("Northwind"));
    steps += 1;
    while steps < 140 {
        let id = &ids[steps % ids.len()];
        let Some(Record::Contact(mut c)) = map.get(EntityKind::Contact, id).unwrap() else {
            panic!("contact {id} is gone")
        };
        c.title = format!("Title {steps}");
        c.organization = (steps % 2 == 0).then(|| org.clone());
        map.apply(Op::Put {
            record: Record::Contact(c),
        })
        .unwrap();
        steps += 1;
    }
    for id in ids.iter().take(5) {
        map.apply(Op::Delete {
            kind: EntityKind::Contact,
            id: id.clone(),
        })
        .unwrap();
        steps += 1;
    }
    map.apply(Op::Delete {
        kind: EntityKind::Organization,
        id: org,
    })
    .unwrap();
    steps += 1;
    while steps < 150 {
        add(map, organization(&format!("Org {steps}")));
        steps += 1;
    }
    steps
}

#[test]
fn one_hundred_fifty_edits_undo_back_to_the_empty_map_and_redo_forward() {
    let (_dir, mut map) = new_map();
    let steps = make_edits(&mut map);
    assert_eq!(steps, 150);
    let edited = map.snapshot().unwrap();
    assert!(!map.is_empty().unwrap());

    for n in 0..steps {
        assert!(
            map.undo().unwrap().is_some(),
            "undo {n} had nothing to undo"
        );
    }
    assert_eq!(map.snapshot().unwrap(), Snapshot::default());
    assert!(map.is_empty().unwrap());
    assert_eq!(map.history().undo, None);
    assert!(map.undo().unwrap().is_none(), "nothing more to undo");
    assert_eq!(map.snapshot().unwrap(), Snapshot::default());

    for n in 0..steps {
        assert!(
            map.redo().unwrap().is_some(),
            "redo {n} had nothing to redo"
        );
    }
    assert_eq!(map.snapshot().unwrap(), edited);
    assert_eq!(map.history().redo, None);
    assert!(map.redo().unwrap().is_none());
}

#[test]
fn undo_and_redo_are_written_to_the_file() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    populate(&mut map);
    let full = map.snapshot().unwrap();
    map.undo().unwrap();
    map.undo().unwrap();
    let undone = map.snapshot().unwrap();
    assert_ne!(undone, full);
    drop(map);
    let map = Map::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap(), undone);
}

#[test]
fn a_new_edit_after_undo_clears_redo() {
    let (_dir, mut map) = new_map();
    add(&mut map, contact("Dana Ruiz", None));
    add(&mut map, contact("Marcus Webb", None));
    map.undo().unwrap();
    assert_eq!(
        map.history().redo.as_deref(),
        Some("Add contact Marcus Webb")
    );
    add(&mut map, contact("Elena Petrova", None));
    assert_eq!(map.history().redo, None);
    assert!(
        map.redo().unwrap().is_none(),
        "the undone edit cannot come back"
    );
    let names: Vec<String> = map
        .snapshot()
        .unwrap()
        .contacts
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Dana Ruiz", "Elena Petrova"]);
}

#[test]
fn a_refused_or_empty_edit_keeps_redo() {
    let (_dir, mut map) = new_map();
    let dana = add(&mut map, contact("Dana Ruiz", None));
    add(&mut map, contact("Marcus Webb", None));
    map.undo().unwrap();
    let history = map.history();
    assert!(
        map.apply(Op::Put {
            record: contact("", None)
        })
        .is_err()
    );
    let Some(same) = map.get(EntityKind::Contact, &dana).unwrap() else {
        panic!()
    };
    map.apply(Op::Put { record: same }).unwrap();
    assert_eq!(map.history(), history);
    assert!(map.redo().unwrap().is_some());
}

#[test]
fn history_labels_say_what_undo_and_redo_will_do() {
    let (_dir, mut map) = new_map();
    assert_eq!(
        map.history(),
        HistoryState {
            undo: None,
            redo: None
        }
    );
    let dana = add(&mut map, contact("Dana Ruiz", None));
    assert_eq!(map.history().undo.as_deref(), Some("Add contact Dana Ruiz"));
    assert!(map.history().undo.unwrap().starts_with("Add contact"));

    let Some(Record::Contact(c)) = map.get(EntityKind::Contact, &dana).unwrap() else {
        panic!()
    };
    map.apply(Op::Put {
        record: Record::Contact(Contact {
            title: "CFO".into(),
            ..c
        }),
    })
    .unwrap();
    assert_eq!(
        map.history().undo.as_deref(),
        Some("Edit contact Dana Ruiz")
    );

    map.apply(Op::Batch {
        label: "Import workshop notes".into(),
        ops: vec![
            Op::Put {
                record: organization("Northwind"),
            },
            Op::Put {
                record: contact("Mei", None),
            },
        ],
    })
    .unwrap();
    assert_eq!(map.history().undo.as_deref(), Some("Import workshop notes"));

    map.apply(Op::Delete {
        kind: EntityKind::Contact,
        id: dana,
    })
    .unwrap();
    assert_eq!(
        map.history().undo.as_deref(),
        Some("Delete contact Dana Ruiz")
    );

    let undone = map.undo().unwrap().unwrap();
    assert_eq!(undone.label, "Delete contact Dana Ruiz");
    assert_eq!(
        map.history(),
        HistoryState {
            undo: Some("Import workshop notes".into()),
            redo: Some("Delete contact Dana Ruiz".into())
        }
    );
    map.undo().unwrap();
    map.undo().unwrap();
    assert_eq!(
        map.history(),
        HistoryState {
            undo: Some("Add contact Dana Ruiz".into()),
            redo: Some("Edit contact Dana Ruiz".into())
        }
    );
}

#[test]
fn a_batch_is_one_undo_step() {
    let (_dir, mut map) = new_map();
    let a = populate(&mut map);
    let before = map.snapshot().unwrap();
    let set = map
        .apply(Op::Batch {
            label: "Tidy up".into(),
            ops: vec![
                Op::Delete {
                    kind: EntityKind::Contact,
                    id: a.dana.clone(),
                },
                Op::Delete {
                    kind: EntityKind::Project,
                    id: a.pilot.clone(),
                },
                Op::Put {
                    record: organization("Helix"),
                },
            ],
        })
        .unwrap();
    assert!(set.changes.len() > 3);
    let after = map.snapshot().unwrap();
    map.undo().unwrap();
    assert_eq!(map.snapshot().unwrap(), before);
    map.redo().unwrap();
    assert_eq!(map.snapshot().unwrap(), after);
}

#[test]
fn history_does_not_survive_reopening_the_map() {
    // Undo history belongs to one open map: it is kept in memory and not written to the file.
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    add(&mut map, contact("Dana Ruiz", None));
    add(&mut map, contact("Marcus Webb", None));
    map.undo().unwrap();
    assert!(map.history().undo.is_some() && map.history().redo.is_some());
    let snapshot = map.snapshot().unwrap();
    drop(map);

    let mut map = Map::open(&path).unwrap();
    assert_eq!(map.history(), HistoryState::default());
    assert!(map.undo().unwrap().is_none());
    assert!(map.redo().unwrap().is_none());
    assert_eq!(
        map.snapshot().unwrap(),
        snapshot,
        "the data stays as it was"
    );
}

#[test]
fn undo_remembers_at_most_the_limit() {
    let (_dir, mut map) = new_map();
    let org = add(&mut map, organization("Org"));
    let Some(Record::Organization(mut o)) = map.get(EntityKind::Organization, &org).unwrap() else {
        panic!()
    };
    let edits = UNDO_LIMIT + 5;
    map.apply(Op::Batch {
        label: "warm-up".into(),
        ops: vec![],
    })
    .unwrap();
    for n in 1..=edits {
        o.notes = format!("edit {n}");
        map.apply(Op::Put {
            record: Record::Organization(o.clone()),
        })
        .unwrap();
    }
    let mut undone = 0;
    while map.undo().unwrap().is_some() {
        undone += 1;
    }
    assert_eq!(undone, UNDO_LIMIT);
    // The oldest steps (the add and the first edits) are forgotten, not undone.
    let Some(Record::Organization(left)) = map.get(EntityKind::Organization, &org).unwrap() else {
        panic!("the organization's creation was forgotten, so it stays")
    };
    assert_eq!(left.notes, format!("edit {}", edits - UNDO_LIMIT));
}
