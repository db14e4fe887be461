//! Refused input: the error names the field, and neither the map nor its history changes.

use stakemap_core::model::{Contact, Stake};
use stakemap_core::{Error, ErrorKind, Map, Op, Record};

use crate::support::{
    Account, add, contact_item, interaction_item, new_map, organization, populate, project,
    relationship_item, stake_item,
};

/// Applies `op`, expects it refused for `field`, and checks that nothing changed.
fn assert_refused(map: &mut Map, op: Op, field: &str) -> Error {
    let before = map.snapshot().unwrap();
    let history = map.history();
    let summary = map.summary().unwrap();
    let err = map.apply(op).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err:?}");
    assert_eq!(err.field(), Some(field), "{err:?}");
    assert!(
        err.to_string().starts_with(field),
        "the message names the field: {err}"
    );
    assert_eq!(
        map.snapshot().unwrap(),
        before,
        "a refused op changed the map"
    );
    assert_eq!(map.summary().unwrap(), summary);
    assert_eq!(map.history(), history, "a refused op changed the history");
    err
}

fn setup() -> (tempfile::TempDir, Map, Account) {
    let (dir, mut map) = new_map();
    let account = populate(&mut map);
    (dir, map, account)
}

fn put(record: Record) -> Op {
    Op::Put { record }
}

fn dana(map: &Map, account: &Account) -> Contact {
    match map
        .get(stakemap_core::EntityKind::Contact, &account.dana)
        .unwrap()
    {
        Some(Record::Contact(c)) => c,
        other => panic!("{other:?}"),
    }
}

fn fleet_stake(map: &Map, account: &Account) -> Stake {
    map.snapshot()
        .unwrap()
        .stakes
        .into_iter()
        .find(|s| s.project == account.fleet && s.contact == account.dana)
        .unwrap()
}

#[test]
fn an_empty_contact_name_is_refused() {
    let (_dir, mut map, account) = setup();
    assert_refused(
        &mut map,
        put(Record::Contact(contact_item("", None))),
        "contact.name",
    );
    assert_refused(
        &mut map,
        put(Record::Contact(contact_item("   \t ", None))),
        "contact.name",
    );
    // Also when editing an existing contact.
    let mut c = dana(&map, &account);
    c.name = " ".into();
    assert_refused(&mut map, put(Record::Contact(c)), "contact.name");
}

#[test]
fn a_name_with_a_bidi_override_is_refused() {
    let (_dir, mut map, _account) = setup();
    let spoof = "Dana \u{202E}zeuR";
    assert_refused(
        &mut map,
        put(Record::Contact(contact_item(spoof, None))),
        "contact.name",
    );
    assert_refused(
        &mut map,
        put(organization("Evil\u{2066}Corp")),
        "organization.name",
    );
    assert_refused(
        &mut map,
        put(organization("Bell\u{7}")),
        "organization.name",
    );
}

#[test]
fn stake_values_out_of_range_are_refused() {
    let (_dir, mut map, account) = setup();
    let mut s = fleet_stake(&map, &account);
    s.influence = 9;
    assert_refused(&mut map, put(Record::Stake(s)), "stake.influence");

    let mut s = fleet_stake(&map, &account);
    s.stance = 3;
    assert_refused(&mut map, put(Record::Stake(s)), "stake.stance");

    let mut s = fleet_stake(&map, &account);
    s.interest = 0;
    assert_refused(&mut map, put(Record::Stake(s)), "stake.interest");

    let mut s = stake_item(&account.fleet, &account.elena, None);
    s.influence = 9;
    assert_refused(&mut map, put(Record::Stake(s)), "stake.influence");

    let mut s = stake_item(&account.fleet, &account.elena, None);
    s.x = f64::NAN;
    assert_refused(&mut map, put(Record::Stake(s)), "stake.x");
}

#[test]
fn a_stake_on_a_missing_project_is_refused() {
    let (_dir, mut map, account) = setup();
    let missing = uuid_like();
    let s = stake_item(&missing, &account.elena, None);
    let err = assert_refused(&mut map, put(Record::Stake(s)), "stake.project");
    assert!(err.to_string().contains(&missing), "{err}");

    let s = stake_item(&account.fleet, &uuid_like(), None);
    assert_refused(&mut map, put(Record::Stake(s)), "stake.contact");

    let s = stake_item(&account.fleet, &account.elena, Some("nobody"));
    assert_refused(&mut map, put(Record::Stake(s)), "stake.owner");

    // A deleted project is missing too.
    let doomed = add(&mut map, project("Doomed", None));
    map.apply(Op::Delete {
        kind: stakemap_core::EntityKind::Project,
        id: doomed.clone(),
    })
    .unwrap();
    let s = stake_item(&doomed, &account.elena, None);
    assert_refused(&mut map, put(Record::Stake(s)), "stake.project");
}

#[test]
fn the_same_contact_twice_on_one_project_is_refused() {
    let (_dir, mut map, account) = setup();
    let s = stake_item(&account.fleet, &account.dana, None);
    let err = assert_refused(&mut map, put(Record::Stake(s)), "stake.contact");
    assert!(
        err.to_string().contains("Dana Ruiz"),
        "the message names the contact: {err}"
    );
    assert!(
        err.to_string().contains("Fleet"),
        "the message names the project: {err}"
    );

    // Moving an existing stake onto a project the contact is already on is refused too.
    let mut s = map
        .snapshot()
        .unwrap()
        .stakes
        .into_iter()
        .find(|s| s.project == account.pilot && s.contact == account.dana)
        .unwrap();
    s.project = account.fleet.clone();
    assert_refused(&mut map, put(Record::Stake(s)), "stake.contact");
}

#[test]
fn a_relationship_to_self_is_refused() {
    let (_dir, mut map, account) = setup();
    let r = relationship_item(&account.dana, &account.dana);
    assert_refused(&mut map, put(Record::Relationship(r)), "relationship.to");
    let r = relationship_item(&account.dana, &uuid_like());
    assert_refused(&mut map, put(Record::Relationship(r)), "relationship.to");
    let mut r = relationship_item(&account.dana, &account.marcus);
    r.strength = 6;
    assert_refused(
        &mut map,
        put(Record::Relationship(r)),
        "relationship.strength",
    );
}

#[test]
fn an_interaction_with_a_bad_date_is_refused() {
    let (_dir, mut map, account) = setup();
    for date in [
        "",
        "yesterday",
        "2025-02-30",
        "2025-13-01",
        "10/01/2025",
        "2025-01-10T10:00",
        "2025-1-5",
        "+2025-01-05",
    ] {
        let i = interaction_item(date, &[&account.dana], &[]);
        assert_refused(&mut map, put(Record::Interaction(i)), "interaction.date");
    }
    let i = interaction_item("2025-01-10", &[], &[]);
    assert_refused(
        &mut map,
        put(Record::Interaction(i)),
        "interaction.contacts",
    );
    let i = interaction_item("2025-01-10", &[&account.dana, "ghost"], &[]);
    assert_refused(
        &mut map,
        put(Record::Interaction(i)),
        "interaction.contacts[1]",
    );
    let i = interaction_item("2025-01-10", &[&account.dana], &["ghost"]);
    assert_refused(
        &mut map,
        put(Record::Interaction(i)),
        "interaction.teammates[0]",
    );
}

#[test]
fn a_contact_in_a_missing_organization_is_refused() {
    let (_dir, mut map, _account) = setup();
    let c = contact_item("Dana Ruiz", Some("no-such-org"));
    assert_refused(&mut map, put(Record::Contact(c)), "contact.organization");
    let mut c = contact_item("Dana Ruiz", None);
    c.email = "dana at northwind".into();
    assert_refused(&mut map, put(Record::Contact(c)), "contact.email");
}

#[test]
fn a_batch_whose_last_op_is_invalid_writes_nothing() {
    let (_dir, mut map, account) = setup();
    let mut renamed = dana(&map, &account);
    renamed.name = "Dana Ruiz-Smith".into();
    let ops = vec![
        put(organization("Helix")),
        put(Record::Contact(contact_item("Mei Tanaka", None))),
        put(Record::Contact(renamed)),
        Op::Delete {
            kind: stakemap_core::EntityKind::Contact,
            id: account.marcus.clone(),
        },
        put(Record::Stake(stake_item(
            &account.fleet,
            &account.elena,
            None,
        ))),
        put(Record::Relationship(relationship_item(
            &account.elena,
            &account.elena,
        ))),
    ];
    assert_refused(
        &mut map,
        Op::Batch {
            label: "Workshop".into(),
            ops,
        },
        "relationship.to",
    );

    // A delete of a missing item fails the batch the same way.
    let before = map.snapshot().unwrap();
    let ops = vec![
        put(organization("Helix")),
        Op::Delete {
            kind: stakemap_core::EntityKind::Contact,
            id: "ghost".into(),
        },
    ];
    let err = map
        .apply(Op::Batch {
            label: "Workshop".into(),
            ops,
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");
    assert_eq!(map.snapshot().unwrap(), before);
}

#[test]
fn refusals_are_not_written_to_disk() {
    let (dir, mut map, account) = setup();
    let before = map.snapshot().unwrap();
    let ops = vec![
        put(organization("Helix")),
        put(Record::Stake(stake_item(
            &account.fleet,
            &account.dana,
            None,
        ))),
    ];
    assert!(
        map.apply(Op::Batch {
            label: "x".into(),
            ops
        })
        .is_err()
    );
    drop(map);
    let map = Map::open(dir.path().join("test.stakemap")).unwrap();
    assert_eq!(map.snapshot().unwrap(), before);
}

fn uuid_like() -> String {
    "00000000-0000-4000-8000-000000000000".into()
}
