//! Builders and helpers shared by the tests.

use std::path::{Path, PathBuf};

use stakemap_core::model::{
    Channel, Contact, Id, Interaction, Organization, Project, Relationship, RelationshipKind, Role,
    Stake, Teammate,
};
use stakemap_core::{Map, Op, Record};

/// A fresh temporary folder and the path of a map inside it (not created yet).
pub fn temp_map() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.stakemap");
    (dir, path)
}

/// Opens a new empty map in a temporary folder.
pub fn new_map() -> (tempfile::TempDir, Map) {
    let (dir, path) = temp_map();
    let map = Map::open(&path).unwrap();
    (dir, map)
}

/// Puts `record` and returns its id (the one assigned when the record had none).
pub fn add(map: &mut Map, record: Record) -> Id {
    let set = map.apply(Op::Put { record }).unwrap();
    assert_eq!(
        set.changes.len(),
        1,
        "a put of a new item makes one change: {set:?}"
    );
    set.changes[0].id.clone()
}

pub fn organization(name: &str) -> Record {
    Record::Organization(Organization {
        id: String::new(),
        name: name.into(),
        notes: String::new(),
    })
}

pub fn teammate(name: &str) -> Record {
    Record::Teammate(Teammate {
        id: String::new(),
        name: name.into(),
        email: String::new(),
    })
}

pub fn contact_item(name: &str, organization: Option<&str>) -> Contact {
    Contact {
        organization: organization.map(str::to_string),
        ..Contact::named("", name)
    }
}

pub fn contact(name: &str, organization: Option<&str>) -> Record {
    Record::Contact(contact_item(name, organization))
}

pub fn project_item(name: &str, organization: Option<&str>) -> Project {
    Project {
        organization: organization.map(str::to_string),
        ..Project::named("", name)
    }
}

pub fn project(name: &str, organization: Option<&str>) -> Record {
    Record::Project(project_item(name, organization))
}

pub fn stake_item(project: &str, contact: &str, owner: Option<&str>) -> Stake {
    Stake {
        id: String::new(),
        project: project.into(),
        contact: contact.into(),
        role: Role::Influencer,
        stance: 0,
        influence: 3,
        interest: 3,
        owner: owner.map(str::to_string),
        health: None,
        notes: String::new(),
        x: 10.0,
        y: 20.0,
    }
}

pub fn stake(project: &str, contact: &str, owner: Option<&str>) -> Record {
    Record::Stake(stake_item(project, contact, owner))
}

pub fn relationship_item(from: &str, to: &str) -> Relationship {
    Relationship {
        id: String::new(),
        from: from.into(),
        to: to.into(),
        kind: RelationshipKind::ReportsTo,
        strength: 3,
        notes: String::new(),
    }
}

pub fn relationship(from: &str, to: &str) -> Record {
    Record::Relationship(relationship_item(from, to))
}

pub fn interaction_item(date: &str, contacts: &[&str], teammates: &[&str]) -> Interaction {
    Interaction {
        id: String::new(),
        date: date.into(),
        channel: Channel::InPerson,
        contacts: contacts.iter().map(|c| c.to_string()).collect(),
        teammates: teammates.iter().map(|t| t.to_string()).collect(),
        project: None,
        sentiment: None,
        notes: String::new(),
    }
}

/// The ids of a small populated map.
#[allow(dead_code)]
pub struct Account {
    pub org: Id,
    pub alex: Id,
    pub priya: Id,
    pub dana: Id,
    pub marcus: Id,
    pub elena: Id,
    pub fleet: Id,
    pub pilot: Id,
    pub meeting_all: Id,
    pub meeting_dana: Id,
}

/// Fills `map` with one account: an organization, two teammates, three contacts, two projects,
/// stakes, relationships and interactions that refer to all of them.
pub fn populate(map: &mut Map) -> Account {
    let org = add(map, organization("Northwind"));
    let alex = add(map, teammate("Alex"));
    let priya = add(map, teammate("Priya"));
    let dana = add(map, contact("Dana Ruiz", Some(&org)));
    let marcus = add(map, contact("Marcus Webb", Some(&org)));
    let elena = add(map, contact("Elena Petrova", None));
    let fleet = add(map, project("Fleet", Some(&org)));
    let pilot = add(map, project("Pilot", None));
    add(map, stake(&fleet, &dana, Some(&alex)));
    add(map, stake(&fleet, &marcus, Some(&priya)));
    add(map, stake(&pilot, &dana, Some(&alex)));
    add(map, stake(&pilot, &elena, None));
    add(map, relationship(&dana, &marcus));
    add(map, relationship(&elena, &dana));
    add(map, relationship(&marcus, &elena));
    let mut all = interaction_item("2025-01-10", &[&dana, &marcus, &elena], &[&alex, &priya]);
    all.project = Some(fleet.clone());
    let meeting_all = add(map, Record::Interaction(all));
    let mut one = interaction_item("2025-02-01", &[&dana], &[&alex]);
    one.project = Some(pilot.clone());
    let meeting_dana = add(map, Record::Interaction(one));
    Account {
        org,
        alex,
        priya,
        dana,
        marcus,
        elena,
        fleet,
        pilot,
        meeting_all,
        meeting_dana,
    }
}

/// The bytes of a file.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The `-wal` or `-shm` file beside a map.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A small deterministic generator (xorshift64*), so that a failing run can be repeated.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}
