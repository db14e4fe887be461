//! The demo map: its size, its dates, and that it holds together.

use std::collections::HashSet;

use chrono::{Months, NaiveDate};
use stakemap_core::{Op, Summary, demo};

use crate::support::{new_map, temp_map};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn the_demo_map_has_its_documented_size() {
    let (_dir, mut map) = new_map();
    let set = map.apply(demo::op(date("2025-03-15"))).unwrap();
    assert_eq!(set.label, "Create demo map");
    assert_eq!(
        map.summary().unwrap(),
        Summary {
            organizations: 3,
            teammates: 4,
            contacts: 30,
            projects: 5,
            stakes: 25,
            relationships: 32,
            interactions: 30,
        }
    );
    assert_eq!(set.changes.len(), 3 + 4 + 30 + 5 + 25 + 32 + 30);
    // One undo step removes it all.
    assert_eq!(map.history().undo.as_deref(), Some("Create demo map"));
    map.undo().unwrap();
    assert!(map.is_empty().unwrap());
}

#[test]
fn demo_interactions_fall_in_the_six_months_before_today() {
    for today in ["2025-03-15", "2024-08-31", "2024-03-01", "2030-01-01"] {
        let today = date(today);
        let (_dir, mut map) = new_map();
        map.apply(demo::op(today)).unwrap();
        let snapshot = map.snapshot().unwrap();
        let earliest = today.checked_sub_months(Months::new(6)).unwrap();
        for i in &snapshot.interactions {
            let day = date(&i.date);
            assert!(day <= today, "{} is after {today}", i.date);
            assert!(
                day >= earliest,
                "{} is more than six months before {today}",
                i.date
            );
        }
        // It ends near today and spans months, so recency findings have something to show.
        let newest = snapshot
            .interactions
            .iter()
            .map(|i| date(&i.date))
            .max()
            .unwrap();
        let oldest = snapshot
            .interactions
            .iter()
            .map(|i| date(&i.date))
            .min()
            .unwrap();
        assert!((today - newest).num_days() <= 7, "newest {newest}");
        assert!((newest - oldest).num_days() >= 120, "oldest {oldest}");
        // Target dates lie ahead.
        for p in &snapshot.projects {
            let target = date(p.target_date.as_deref().unwrap());
            assert!(target > today, "{} targets {target}", p.name);
        }
    }
}

#[test]
fn every_demo_contact_is_on_a_project_or_in_a_relationship() {
    let (_dir, mut map) = new_map();
    map.apply(demo::op(date("2025-03-15"))).unwrap();
    let s = map.snapshot().unwrap();
    let mut linked: HashSet<&str> = HashSet::new();
    linked.extend(s.stakes.iter().map(|x| x.contact.as_str()));
    for r in &s.relationships {
        linked.insert(&r.from);
        linked.insert(&r.to);
    }
    let loose: Vec<&str> = s
        .contacts
        .iter()
        .filter(|c| !linked.contains(c.id.as_str()))
        .map(|c| c.name.as_str())
        .collect();
    assert!(loose.is_empty(), "not on the map: {loose:?}");

    // Every project has stakeholders, every stake an owner, every contact an organization.
    for p in &s.projects {
        assert!(
            s.stakes.iter().any(|x| x.project == p.id),
            "{} has no stakes",
            p.name
        );
    }
    assert!(s.stakes.iter().all(|x| x.owner.is_some()));
    assert!(s.contacts.iter().all(|c| c.organization.is_some()));
    // Every teammate is involved somewhere.
    for t in &s.teammates {
        assert!(
            s.stakes
                .iter()
                .any(|x| x.owner.as_deref() == Some(t.id.as_str())),
            "{} owns nothing",
            t.name
        );
    }
}

#[test]
fn the_demo_uses_stable_ids_and_is_the_same_for_the_same_day() {
    let today = date("2025-03-15");
    assert_eq!(demo::op(today), demo::op(today));
    assert_eq!(demo::id("c-dana"), demo::id("c-dana"));
    assert_ne!(demo::id("c-dana"), demo::id("c-marcus"));
    assert_eq!(demo::id("c-dana").len(), 36);

    let (_dir, mut map) = new_map();
    map.apply(demo::op(today)).unwrap();
    let once = map.snapshot().unwrap();
    // Applying it again puts the same items with the same values: nothing changes.
    let again = map.apply(demo::op(today)).unwrap();
    assert!(again.changes.is_empty(), "{} changes", again.changes.len());
    assert_eq!(map.snapshot().unwrap(), once);
}

#[test]
fn the_demo_map_survives_reopening() {
    let (_dir, path) = temp_map();
    let mut map = stakemap_core::Map::open(&path).unwrap();
    let ops = demo::ops(date("2025-03-15"));
    assert!(matches!(&ops[0], Op::Put { .. }));
    map.apply(Op::Batch {
        label: "demo".into(),
        ops,
    })
    .unwrap();
    let snapshot = map.snapshot().unwrap();
    drop(map);
    let map = stakemap_core::Map::open_read_only(&path).unwrap();
    assert_eq!(map.snapshot().unwrap(), snapshot);
}
