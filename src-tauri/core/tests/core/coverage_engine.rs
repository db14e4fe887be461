//! The coverage engine follows a real map: after random edits, deletions with their cascades,
//! undo and redo (each fed to the engine as the change set the map returned), its scores equal
//! those of an engine built afresh from the map's snapshot.

use chrono::{Days, NaiveDate};
use stakemap_core::coverage::synthetic::{self, Rng, Scale};
use stakemap_core::coverage::{Config, Coverage, Engine};
use stakemap_core::model::{Channel, Interaction, Relationship, RelationshipKind, Role, Stake};
use stakemap_core::{EntityKind, Map, Op, Record, Snapshot};

use crate::coverage_support::today;
use crate::support::new_map;

const SCALE: Scale = Scale {
    organizations: 3,
    teammates: 5,
    contacts: 60,
    projects: 8,
    stakes: 80,
    relationships: 120,
    interactions: 300,
};

/// Every record of `snapshot` as puts, parents first.
fn puts(snapshot: &Snapshot) -> Vec<Op> {
    let put = |record: Record| Op::Put { record };
    let mut ops = Vec::new();
    ops.extend(
        snapshot
            .organizations
            .iter()
            .cloned()
            .map(Record::Organization)
            .map(put),
    );
    ops.extend(
        snapshot
            .teammates
            .iter()
            .cloned()
            .map(Record::Teammate)
            .map(put),
    );
    ops.extend(
        snapshot
            .contacts
            .iter()
            .cloned()
            .map(Record::Contact)
            .map(put),
    );
    ops.extend(
        snapshot
            .projects
            .iter()
            .cloned()
            .map(Record::Project)
            .map(put),
    );
    ops.extend(snapshot.stakes.iter().cloned().map(Record::Stake).map(put));
    ops.extend(
        snapshot
            .relationships
            .iter()
            .cloned()
            .map(Record::Relationship)
            .map(put),
    );
    ops.extend(
        snapshot
            .interactions
            .iter()
            .cloned()
            .map(Record::Interaction)
            .map(put),
    );
    ops
}

fn by_project(mut results: Vec<Coverage>) -> Vec<Coverage> {
    results.sort_by(|a, b| a.project.cmp(&b.project));
    results
}

#[track_caller]
fn assert_in_step(engine: &Engine, map: &Map, step: usize, what: &str) {
    let fresh = Engine::new(&map.snapshot().unwrap(), engine.today(), Config::default());
    let (ours, theirs) = (by_project(engine.results()), by_project(fresh.results()));
    assert_eq!(ours.len(), theirs.len(), "step {step} ({what})");
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a, b, "step {step} ({what}): {} differs", b.name);
    }
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| rng.pick(items))
}

fn date(rng: &mut Rng) -> String {
    // Mostly the last 200 days; now and then in the future (not counted until then).
    let day = today()
        .checked_sub_days(Days::new(rng.below(200) as u64))
        .unwrap();
    let day = if rng.chance(0.05) {
        today().checked_add_days(Days::new(5)).unwrap()
    } else {
        day
    };
    day.format("%Y-%m-%d").to_string()
}

/// A random edit of the map, described for failure messages; `None` when it found no target.
fn random_op(rng: &mut Rng, s: &Snapshot, n: usize) -> Option<(String, Op)> {
    let put = |record: Record| Op::Put { record };
    let delete = |kind: EntityKind, id: &str| Op::Delete {
        kind,
        id: id.to_string(),
    };
    let orgs: Vec<Option<String>> = s
        .organizations
        .iter()
        .map(|o| Some(o.id.clone()))
        .chain([None])
        .collect();
    let teammates: Vec<Option<String>> = s
        .teammates
        .iter()
        .map(|t| Some(t.id.clone()))
        .chain([None])
        .collect();
    Some(match rng.below(17) {
        0 | 1 => {
            let mut c = pick(rng, &s.contacts)?.clone();
            match rng.below(4) {
                0 => {
                    c.title = rng
                        .pick(&["Chief Operating Officer", "Analyst", ""])
                        .to_string()
                }
                1 => c.organization = rng.pick(&orgs).clone(),
                2 => c.cadence_days = rng.chance(0.5).then(|| 1 + rng.below(120) as u16),
                _ => c.name = format!("Renamed {n}"),
            }
            (format!("edit contact {}", c.id), put(Record::Contact(c)))
        }
        2 | 3 => {
            let mut st = pick(rng, &s.stakes)?.clone();
            st.role = *rng.pick(Role::ALL);
            st.stance = rng.below(5) as i8 - 2;
            st.influence = 1 + rng.below(5) as u8;
            st.owner = rng.pick(&teammates).clone();
            st.health = rng.chance(0.7).then(|| rng.below(5) as i8 - 2);
            (format!("edit stake {}", st.id), put(Record::Stake(st)))
        }
        4 => {
            let project = pick(rng, &s.projects)?.id.clone();
            let contact = pick(rng, &s.contacts)?.id.clone();
            if s.stakes
                .iter()
                .any(|x| x.project == project && x.contact == contact)
            {
                return None;
            }
            let stake = Stake {
                id: String::new(),
                project,
                contact,
                role: *rng.pick(Role::ALL),
                stance: rng.below(5) as i8 - 2,
                influence: 1 + rng.below(5) as u8,
                interest: 3,
                owner: rng.pick(&teammates).clone(),
                health: Some(rng.below(5) as i8 - 2),
                notes: String::new(),
                x: 0.0,
                y: 0.0,
            };
            ("add stake".into(), put(Record::Stake(stake)))
        }
        5 => {
            let id = pick(rng, &s.stakes)?.id.clone();
            (format!("delete stake {id}"), delete(EntityKind::Stake, &id))
        }
        6 => {
            let from = pick(rng, &s.contacts)?.id.clone();
            let to = pick(rng, &s.contacts)?.id.clone();
            if from == to {
                return None;
            }
            let r = Relationship {
                id: String::new(),
                from,
                to,
                kind: *rng.pick(RelationshipKind::ALL),
                strength: 1 + rng.below(5) as u8,
                notes: String::new(),
            };
            ("add relationship".into(), put(Record::Relationship(r)))
        }
        7 => {
            let id = pick(rng, &s.relationships)?.id.clone();
            (
                format!("delete relationship {id}"),
                delete(EntityKind::Relationship, &id),
            )
        }
        8 => {
            let mut contacts = Vec::new();
            for _ in 0..1 + rng.below(3) {
                contacts.push(pick(rng, &s.contacts)?.id.clone());
            }
            let i = Interaction {
                id: String::new(),
                date: date(rng),
                channel: *rng.pick(Channel::ALL),
                contacts,
                teammates: rng.pick(&teammates).iter().cloned().collect(),
                project: rng
                    .chance(0.6)
                    .then(|| pick(rng, &s.projects).map(|p| p.id.clone()))
                    .flatten(),
                sentiment: rng.chance(0.7).then(|| rng.below(5) as i8 - 2),
                notes: String::new(),
            };
            ("add interaction".into(), put(Record::Interaction(i)))
        }
        9 => {
            let mut i = pick(rng, &s.interactions)?.clone();
            i.date = date(rng);
            i.channel = *rng.pick(Channel::ALL);
            if rng.chance(0.5) {
                i.contacts.push(pick(rng, &s.contacts)?.id.clone());
            }
            (
                format!("edit interaction {}", i.id),
                put(Record::Interaction(i)),
            )
        }
        10 => {
            let id = pick(rng, &s.interactions)?.id.clone();
            (
                format!("delete interaction {id}"),
                delete(EntityKind::Interaction, &id),
            )
        }
        11 => {
            let id = pick(rng, &s.contacts)?.id.clone();
            (
                format!("delete contact {id}"),
                delete(EntityKind::Contact, &id),
            )
        }
        12 => {
            let mut p = pick(rng, &s.projects)?.clone();
            if rng.chance(0.15) {
                return Some((
                    format!("delete project {}", p.id),
                    delete(EntityKind::Project, &p.id),
                ));
            }
            p.required_roles = Role::ALL
                .iter()
                .copied()
                .filter(|_| rng.chance(0.3))
                .collect();
            p.organization = rng.pick(&orgs).clone();
            p.name = format!("Project renamed {n}");
            (format!("edit project {}", p.id), put(Record::Project(p)))
        }
        13 => {
            let mut t = pick(rng, &s.teammates)?.clone();
            if rng.chance(0.3) {
                return Some((
                    format!("delete teammate {}", t.id),
                    delete(EntityKind::Teammate, &t.id),
                ));
            }
            t.name = format!("Teammate renamed {n}");
            (
                format!("rename teammate {}", t.id),
                put(Record::Teammate(t)),
            )
        }
        14 => {
            let mut o = pick(rng, &s.organizations)?.clone();
            if rng.chance(0.3) {
                return Some((
                    format!("delete organization {}", o.id),
                    delete(EntityKind::Organization, &o.id),
                ));
            }
            o.name = format!("Organization renamed {n}");
            (
                format!("rename organization {}", o.id),
                put(Record::Organization(o)),
            )
        }
        15 => (
            "undo".into(),
            Op::Batch {
                label: "undo".into(),
                ops: Vec::new(),
            },
        ),
        _ => (
            "redo".into(),
            Op::Batch {
                label: "redo".into(),
                ops: Vec::new(),
            },
        ),
    })
}

#[test]
fn the_engine_stays_in_step_with_the_map_through_random_edits_undo_and_redo() {
    let generated = synthetic::generate(SCALE, 11, today());
    let (_dir, mut map) = new_map();
    map.apply(Op::Batch {
        label: "generated".into(),
        ops: puts(&generated),
    })
    .unwrap();
    let mut engine = Engine::new(&map.snapshot().unwrap(), today(), Config::default());
    assert_in_step(&engine, &map, 0, "start");
    assert_eq!(engine.results().len(), SCALE.projects);

    let mut rng = Rng::new(42);
    let mut applied = 0;
    for step in 1..=400 {
        let snapshot = map.snapshot().unwrap();
        let Some((what, op)) = random_op(&mut rng, &snapshot, step) else {
            continue;
        };
        let set = match what.as_str() {
            "undo" => map.undo().unwrap(),
            "redo" => map.redo().unwrap(),
            _ => Some(map.apply(op).unwrap()),
        };
        let Some(set) = set else { continue };
        let touched = engine.apply(&set);
        applied += 1;
        if what.starts_with("edit stake") || what.starts_with("delete stake") {
            assert!(!touched.is_empty(), "{what} touches its project");
        }
        assert_in_step(&engine, &map, step, &what);
    }
    assert!(applied > 300, "only {applied} edits applied");
}

#[test]
fn the_engine_rescores_only_the_projects_an_edit_touches() {
    let (_dir, mut map) = new_map();
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    map.apply(stakemap_core::demo::op(day)).unwrap();
    let mut engine = Engine::new(&map.snapshot().unwrap(), day, Config::default());
    let project_id = |name: &str| {
        engine
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.project.clone())
            .unwrap()
    };
    let (lims, compliance, onboarding) = (
        project_id("LIMS Integration"),
        project_id("Compliance Reporting Renewal"),
        project_id("Digital Onboarding Platform"),
    );

    // Laura is on LIMS, and manages Zoe on the compliance renewal: both are touched.
    let Some(Record::Contact(mut laura)) = map
        .get(EntityKind::Contact, &stakemap_core::demo::id("c-laura"))
        .unwrap()
    else {
        panic!("Laura is in the demo")
    };
    laura.title = "VP Lab Operations".into();
    let set = map
        .apply(Op::Put {
            record: Record::Contact(laura),
        })
        .unwrap();
    let mut touched = engine.apply(&set);
    touched.sort();
    let mut expected = vec![lims.clone(), compliance.clone()];
    expected.sort();
    assert_eq!(touched, expected);
    assert!(
        engine
            .project(&compliance)
            .unwrap()
            .findings
            .iter()
            .any(|f| f
                .message
                .starts_with("Laura Becker (VP Lab Operations) manages Zoe Adams")),
        "the suggestion shows the new title"
    );

    // Meeting Olivia in person today clears her stale finding on onboarding only.
    let olivia = stakemap_core::demo::id("c-olivia");
    let meeting = Interaction {
        id: String::new(),
        date: "2026-03-01".into(),
        channel: Channel::InPerson,
        contacts: vec![olivia.clone()],
        teammates: vec![stakemap_core::demo::id("tm-alex")],
        project: Some(onboarding.clone()),
        sentiment: Some(1),
        notes: String::new(),
    };
    let before = engine.project(&onboarding).unwrap().score;
    let set = map
        .apply(Op::Put {
            record: Record::Interaction(meeting),
        })
        .unwrap();
    assert_eq!(engine.apply(&set), [onboarding.as_str()]);
    let after = engine.project(&onboarding).unwrap();
    assert!(after.score > before);
    assert!(
        !after
            .findings
            .iter()
            .any(|f| f.contacts.contains(&olivia) && f.message.contains("not met in person"))
    );
    assert_in_step(&engine, &map, 2, "meeting");

    // Undo brings the stale finding back.
    let set = map.undo().unwrap().unwrap();
    engine.apply(&set);
    assert_eq!(engine.project(&onboarding).unwrap().score, before);

    // Moving to another day rescores everything.
    engine.set_today(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
    assert!(engine.project(&lims).unwrap().score < 76);
    assert_in_step(&engine, &map, 3, "later day");
}

#[test]
fn the_engine_scores_the_benchmark_map() {
    let map = synthetic::generate(Scale::BENCHMARK, 2025, today());
    let engine = Engine::new(&map, today(), Config::default());
    let results = engine.results();
    assert_eq!(results.len(), 500);
    assert_eq!(engine.score_all(), results);
    // A realistic spread: some of each band.
    for band in [
        stakemap_core::coverage::Band::Red,
        stakemap_core::coverage::Band::Amber,
        stakemap_core::coverage::Band::Green,
    ] {
        let n = results.iter().filter(|c| c.band == band).count();
        assert!(n > 0, "no {band} project");
    }
}
