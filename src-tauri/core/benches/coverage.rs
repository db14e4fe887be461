//! Coverage at scale: scoring every project of a generated map (5,000 contacts, 500 projects,
//! 10,000 stakes, 20,000 relationships, 50,000 interactions), and rescoring after one edit.
//! Targets: under 10 ms for every project, under 1 ms after an edit. Results: docs/benchmarks.md.
//!
//! `cargo bench -p stakemap-core --bench coverage`

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use stakemap_core::coverage::synthetic::{self, Scale};
use stakemap_core::coverage::{Config, Engine};
use stakemap_core::model::{Channel, Interaction, Relationship, RelationshipKind};
use stakemap_core::{Change, ChangeSet, EntityKind, Record, Snapshot};

const SEED: u64 = 2025;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default()
}

/// A change set that replaces `before` with `after` (either may be absent).
fn change(before: Option<Record>, after: Option<Record>) -> ChangeSet {
    let sample = after.as_ref().or(before.as_ref());
    let (kind, id) = sample.map_or((EntityKind::Contact, String::new()), |r| {
        (r.kind(), r.id().to_string())
    });
    ChangeSet {
        label: "edit".into(),
        changes: vec![Change {
            kind,
            id,
            before,
            after,
        }],
    }
}

/// The contact holding the most stakes, preferring a senior one (whose edit touches the most
/// projects: theirs, their neighbours' and their organization's).
fn busiest_contact(map: &Snapshot) -> usize {
    let mut stakes = std::collections::HashMap::<&str, usize>::new();
    for s in &map.stakes {
        *stakes.entry(s.contact.as_str()).or_default() += 1;
    }
    (0..map.contacts.len())
        .max_by_key(|&n| {
            let c = &map.contacts[n];
            let senior = c.title.contains("Chief") || c.title.contains("VP");
            (
                usize::from(senior),
                stakes.get(c.id.as_str()).copied().unwrap_or(0),
            )
        })
        .unwrap_or(0)
}

/// Edits to time, each as a forward change set and its inverse (applied alternately so the
/// engine's state stays the same across iterations).
fn edits(map: &Snapshot) -> Vec<(&'static str, ChangeSet)> {
    let contact = &map.contacts[busiest_contact(map)];
    let mut renamed = contact.clone();
    renamed.title = format!("{} (acting)", contact.title);
    let stake = &map.stakes[map.stakes.len() / 2];
    let mut restanced = stake.clone();
    restanced.stance = if stake.stance > 0 { -2 } else { 2 };
    let met = Interaction {
        id: "bench-interaction".into(),
        date: today().format("%Y-%m-%d").to_string(),
        channel: Channel::InPerson,
        contacts: vec![stake.contact.clone()],
        teammates: stake.owner.iter().cloned().collect(),
        project: Some(stake.project.clone()),
        sentiment: Some(1),
        notes: String::new(),
    };
    let link = Relationship {
        id: "bench-relationship".into(),
        from: contact.id.clone(),
        to: stake.contact.clone(),
        kind: RelationshipKind::Influences,
        strength: 4,
        notes: String::new(),
    };
    let junior = map
        .contacts
        .iter()
        .find(|c| {
            !c.title.contains("Chief")
                && !c.title.contains("VP")
                && !c.title.contains("Head")
                && !c.title.contains("Director")
        })
        .unwrap_or(contact);
    let mut promoted = junior.clone();
    promoted.title = "Chief Operating Officer".into();
    vec![
        (
            "promote a contact to a senior title (worst case)",
            change(
                Some(Record::Contact(junior.clone())),
                Some(Record::Contact(promoted)),
            ),
        ),
        (
            "edit the busiest senior contact",
            change(
                Some(Record::Contact(contact.clone())),
                Some(Record::Contact(renamed)),
            ),
        ),
        (
            "edit a stake's stance",
            change(
                Some(Record::Stake(stake.clone())),
                Some(Record::Stake(restanced)),
            ),
        ),
        (
            "add an interaction",
            change(None, Some(Record::Interaction(met))),
        ),
        (
            "add a relationship",
            change(None, Some(Record::Relationship(link))),
        ),
    ]
}

fn coverage(c: &mut Criterion) {
    let map = synthetic::generate(Scale::BENCHMARK, SEED, today());
    let mut group = c.benchmark_group("coverage");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(6));

    group.bench_function("build the engine (index + score every project)", |b| {
        b.iter(|| Engine::new(black_box(&map), today(), Config::default()))
    });

    let mut engine = Engine::new(&map, today(), Config::default());
    group.bench_function("score every project (one thread)", |b| {
        b.iter(|| black_box(engine.score_all_on(1)))
    });
    group.bench_function("score every project (Engine::score_all)", |b| {
        b.iter(|| black_box(engine.score_all()))
    });

    for (name, forward) in edits(&map) {
        let backward = forward.inverse();
        let touched = engine.apply(&forward).len();
        engine.apply(&backward);
        eprintln!("{name}: rescores {touched} projects");
        let mut flip = false;
        group.bench_function(format!("rescore after one edit: {name}"), |b| {
            b.iter(|| {
                flip = !flip;
                black_box(engine.apply(if flip { &forward } else { &backward }))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, coverage);
criterion_main!(benches);
