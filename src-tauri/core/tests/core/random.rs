//! Long pseudo-random sequences of operations, undos and redos: every refusal changes nothing,
//! every undo restores the map exactly, and the file's foreign keys and integrity hold throughout.

use rusqlite::Connection;
use stakemap_core::model::{Channel, Id, RelationshipKind, Role, SETTINGS_ID};
use stakemap_core::{EntityKind, ErrorKind, Map, Op, Record, Snapshot};

use crate::support::{
    Rng, contact_item, interaction_item, organization, project_item, relationship_item, stake_item,
    teammate, temp_map,
};

impl Rng {
    /// An id from `ids`, or now and then one that does not exist.
    fn pick(&mut self, ids: &[Id]) -> Id {
        if ids.is_empty() || self.chance(3) {
            format!("missing-{}", self.next() % 1000)
        } else {
            ids[self.below(ids.len())].clone()
        }
    }

    fn maybe(&mut self, ids: &[Id]) -> Option<Id> {
        if self.chance(30) {
            None
        } else {
            Some(self.pick(ids))
        }
    }

    fn some(&mut self, ids: &[Id], max: usize) -> Vec<Id> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.pick(ids)).collect()
    }
}

struct Ids {
    organizations: Vec<Id>,
    teammates: Vec<Id>,
    contacts: Vec<Id>,
    projects: Vec<Id>,
    stakes: Vec<Id>,
    relationships: Vec<Id>,
    interactions: Vec<Id>,
    settings: Vec<Id>,
}

impl Ids {
    fn of(s: &Snapshot) -> Ids {
        Ids {
            organizations: s.organizations.iter().map(|x| x.id.clone()).collect(),
            teammates: s.teammates.iter().map(|x| x.id.clone()).collect(),
            contacts: s.contacts.iter().map(|x| x.id.clone()).collect(),
            projects: s.projects.iter().map(|x| x.id.clone()).collect(),
            stakes: s.stakes.iter().map(|x| x.id.clone()).collect(),
            relationships: s.relationships.iter().map(|x| x.id.clone()).collect(),
            interactions: s.interactions.iter().map(|x| x.id.clone()).collect(),
            settings: vec![SETTINGS_ID.to_string()],
        }
    }

    fn of_kind(&self, kind: EntityKind) -> &[Id] {
        match kind {
            EntityKind::Organization => &self.organizations,
            EntityKind::Teammate => &self.teammates,
            EntityKind::Contact => &self.contacts,
            EntityKind::Project => &self.projects,
            EntityKind::Stake => &self.stakes,
            EntityKind::Relationship => &self.relationships,
            EntityKind::Interaction => &self.interactions,
            EntityKind::Settings => &self.settings,
        }
    }
}

/// A new item of a random kind, referring to random (sometimes missing) items.
fn new_record(rng: &mut Rng, ids: &Ids, n: usize) -> Record {
    match rng.below(10) {
        0 => organization(&format!("Org {n}")),
        1 => teammate(&format!("Teammate {n}")),
        2 | 3 => {
            let org = rng.maybe(&ids.organizations);
            let mut c = contact_item(&format!("Contact {n}"), org.as_deref());
            c.tags = vec!["a".into(), "b".into()];
            Record::Contact(c)
        }
        4 => {
            let org = rng.maybe(&ids.organizations);
            Record::Project(project_item(&format!("Project {n}"), org.as_deref()))
        }
        5 | 6 => {
            let owner = rng.maybe(&ids.teammates);
            let mut s = stake_item(
                &rng.pick(&ids.projects),
                &rng.pick(&ids.contacts),
                owner.as_deref(),
            );
            s.role = Role::ALL[rng.below(Role::ALL.len())];
            s.stance = rng.below(5) as i8 - 2;
            s.influence = rng.below(5) as u8 + 1;
            Record::Stake(s)
        }
        7 => {
            let mut r = relationship_item(&rng.pick(&ids.contacts), &rng.pick(&ids.contacts));
            r.kind = RelationshipKind::ALL[rng.below(RelationshipKind::ALL.len())];
            Record::Relationship(r)
        }
        _ => {
            let date = format!("2025-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1);
            let mut i = interaction_item(&date, &[], &[]);
            i.contacts = rng.some(&ids.contacts, 3);
            i.teammates = rng.some(&ids.teammates, 2);
            i.project = rng.maybe(&ids.projects);
            i.channel = Channel::ALL[rng.below(Channel::ALL.len())];
            Record::Interaction(i)
        }
    }
}

/// An edit of a random existing item: new links, new values.
fn edit_record(rng: &mut Rng, map: &Map, ids: &Ids, n: usize) -> Option<Record> {
    let kind = EntityKind::ALL[rng.below(EntityKind::ALL.len())];
    let existing = ids.of_kind(kind);
    if existing.is_empty() {
        return None;
    }
    let id = existing[rng.below(existing.len())].clone();
    let record = map.get(kind, &id).unwrap().expect("listed items exist");
    Some(match record {
        Record::Organization(mut o) => {
            o.notes = format!("note {n}");
            Record::Organization(o)
        }
        Record::Teammate(mut t) => {
            t.name = format!("Teammate {n}");
            Record::Teammate(t)
        }
        Record::Contact(mut c) => {
            c.organization = rng.maybe(&ids.organizations);
            c.title = format!("Title {n}");
            Record::Contact(c)
        }
        Record::Project(mut p) => {
            p.organization = rng.maybe(&ids.organizations);
            p.frame.x = rng.below(5000) as f64 - 2500.0;
            Record::Project(p)
        }
        Record::Stake(mut s) => {
            if rng.chance(30) {
                s.project = rng.pick(&ids.projects);
            }
            if rng.chance(30) {
                s.contact = rng.pick(&ids.contacts);
            }
            s.owner = rng.maybe(&ids.teammates);
            s.x = rng.below(600) as f64 + 0.5;
            Record::Stake(s)
        }
        Record::Relationship(mut r) => {
            if rng.chance(50) {
                r.to = rng.pick(&ids.contacts);
            }
            r.strength = rng.below(5) as u8 + 1;
            Record::Relationship(r)
        }
        Record::Interaction(mut i) => {
            i.contacts = rng.some(&ids.contacts, 3);
            i.teammates = rng.some(&ids.teammates, 2);
            i.sentiment = Some(rng.below(5) as i8 - 2);
            Record::Interaction(i)
        }
        // Now and then an amber threshold at or above green, which is refused.
        Record::Settings(mut s) => {
            s.bands.amber = 50 + rng.below(40) as u8;
            s.weights.reach = rng.below(4) as f64;
            Record::Settings(s)
        }
    })
}

fn delete(rng: &mut Rng, ids: &Ids) -> Op {
    let kind = EntityKind::ALL[rng.below(EntityKind::ALL.len())];
    Op::Delete {
        kind,
        id: rng.pick(ids.of_kind(kind)),
    }
}

fn random_op(rng: &mut Rng, map: &Map, ids: &Ids, n: usize) -> Op {
    match rng.below(10) {
        0..=4 => Op::Put {
            record: new_record(rng, ids, n),
        },
        5..=7 => match edit_record(rng, map, ids, n) {
            Some(record) => Op::Put { record },
            None => Op::Put {
                record: new_record(rng, ids, n),
            },
        },
        _ => delete(rng, ids),
    }
}

fn check_file(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let broken: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(broken.is_empty(), "foreign keys broken: {broken:?}");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

fn run(seed: u64, steps: usize) {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    let mut rng = Rng(seed);
    let mut snapshot = map.snapshot().unwrap();
    let mut applied = 0;
    let mut refused = 0;
    for n in 0..steps {
        let ids = Ids::of(&snapshot);
        let before = snapshot.clone();
        let history = map.history();
        let roll = rng.below(100);
        if roll < 8 {
            let undone = map.undo().unwrap();
            assert_eq!(undone.is_some(), history.undo.is_some(), "step {n}");
        } else if roll < 12 {
            let redone = map.redo().unwrap();
            assert_eq!(redone.is_some(), history.redo.is_some(), "step {n}");
        } else {
            let op = if roll < 20 {
                let ops = (0..rng.below(4) + 1)
                    .map(|_| random_op(&mut rng, &map, &ids, n))
                    .collect();
                Op::Batch {
                    label: format!("batch {n}"),
                    ops,
                }
            } else {
                random_op(&mut rng, &map, &ids, n)
            };
            match map.apply(op.clone()) {
                Ok(set) => {
                    applied += 1;
                    if !set.changes.is_empty() && rng.chance(25) {
                        // Undo restores exactly the map before; redo exactly the map after.
                        let after = map.snapshot().unwrap();
                        map.undo().unwrap().unwrap();
                        assert_eq!(map.snapshot().unwrap(), before, "step {n}: undo of {op:?}");
                        map.redo().unwrap().unwrap();
                        assert_eq!(map.snapshot().unwrap(), after, "step {n}: redo of {op:?}");
                    }
                }
                Err(err) => {
                    refused += 1;
                    assert!(
                        matches!(err.kind(), ErrorKind::Invalid | ErrorKind::NotFound),
                        "step {n}: {op:?} failed with {err:?}"
                    );
                    assert_eq!(map.snapshot().unwrap(), before, "step {n}: {err}");
                    assert_eq!(map.history(), history, "step {n}: {err}");
                }
            }
        }
        snapshot = map.snapshot().unwrap();
    }
    assert!(
        applied > steps / 3,
        "too few ops applied ({applied}), the test is too weak"
    );
    assert!(refused > 0, "no op was refused, the test is too weak");
    let s = map.summary().unwrap();
    assert!(
        s.contacts > 0 && s.stakes > 0 && s.interactions > 0,
        "{s:?}"
    );
    drop(map);

    check_file(&path);
    let map = Map::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap(), snapshot, "reopened map differs");
}

#[test]
fn foreign_keys_hold_after_a_long_random_sequence() {
    run(0x5EED_0001, 600);
}

#[test]
fn foreign_keys_hold_after_undoing_a_random_sequence_completely() {
    let (_dir, path) = temp_map();
    let mut map = Map::open(&path).unwrap();
    let mut rng = Rng(0xC0FF_EE00_D00D);
    let mut snapshot = map.snapshot().unwrap();
    let mut steps = 0;
    for n in 0..250 {
        let ids = Ids::of(&snapshot);
        let op = random_op(&mut rng, &map, &ids, n);
        if let Ok(set) = map.apply(op)
            && !set.changes.is_empty()
        {
            steps += 1;
        }
        snapshot = map.snapshot().unwrap();
    }
    assert!(steps > 50);
    let full = map.snapshot().unwrap();
    for _ in 0..steps {
        map.undo().unwrap().unwrap();
    }
    assert_eq!(map.snapshot().unwrap(), Snapshot::default());
    for _ in 0..steps {
        map.redo().unwrap().unwrap();
    }
    assert_eq!(map.snapshot().unwrap(), full);
    drop(map);
    check_file(&path);
}
