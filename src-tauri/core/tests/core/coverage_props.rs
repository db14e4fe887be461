//! Properties of the coverage model over random small maps (proptest): the score stays in
//! 0..100, a supportive contact in a missing required role never lowers the roles component,
//! and removing every interaction never raises pulse.

use proptest::prelude::*;
use stakemap_core::Snapshot;
use stakemap_core::coverage::{self, Band, ComponentName, Config, Coverage};
use stakemap_core::model::{Channel, RelationshipKind, Role};

use crate::coverage_support::{Builder, today};

/// One stakeholder: (role, stance, influence, owner, health).
type StakeSpec = (Role, i8, u8, Option<usize>, Option<i8>);
/// One interaction: (days ago, channel, contacts, teammates, about the project, sentiment).
type MeetSpec = (u64, Channel, Vec<usize>, Vec<usize>, bool, Option<i8>);

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

fn channel() -> impl Strategy<Value = Channel> {
    prop::sample::select(Channel::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = RelationshipKind> {
    prop::sample::select(RelationshipKind::ALL.to_vec())
}

fn title() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "Analyst",
        "Director of IT",
        "Chief Financial Officer",
    ])
}

prop_compose! {
    /// A random map around one project "Rollout": up to 8 contacts (some on the project), up to
    /// 3 teammates, random relationships and up to 20 interactions over the last 200 days.
    fn map()(
        titles in prop::collection::vec(title(), 1..8),
        teammates in 0usize..4,
        required in prop::collection::vec(role(), 0..4),
        stakes in prop::collection::vec(
            (role(), -2i8..=2, 1u8..=5, prop::option::of(0usize..3), prop::option::of(-2i8..=2)),
            0..8,
        ),
        links in prop::collection::vec((0usize..8, kind(), 0usize..8, 1u8..=5), 0..12),
        meetings in prop::collection::vec(
            (
                0u64..200,
                channel(),
                prop::collection::vec(0usize..8, 1..3),
                prop::collection::vec(0usize..3, 0..2),
                any::<bool>(),
                prop::option::of(-2i8..=2),
            ),
            0..20,
        ),
        cadences in prop::collection::vec(prop::option::of(1u16..120), 8),
    ) -> Builder {
        build(&titles, teammates, &required, &stakes, &links, &meetings, &cadences)
    }
}

fn build(
    titles: &[&str],
    teammates: usize,
    required: &[Role],
    stakes: &[StakeSpec],
    links: &[(usize, RelationshipKind, usize, u8)],
    meetings: &[MeetSpec],
    cadences: &[Option<u16>],
) -> Builder {
    let mut b = Builder::new();
    let team: Vec<String> = (0..teammates)
        .map(|n| b.teammate(&format!("Teammate{n} Team")))
        .collect();
    let people: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(n, title)| {
            let id = b.contact(&format!("Person{n} Surname"), title);
            b.contact_mut(&id).cadence_days = cadences.get(n).copied().flatten();
            id
        })
        .collect();
    let project = b.project("Rollout", required);
    for (n, (role, stance, influence, owner, health)) in stakes.iter().enumerate() {
        if n >= people.len() {
            break;
        }
        let owner = owner.and_then(|o| team.get(o)).map(String::as_str);
        b.stake(
            &project, &people[n], *role, *stance, *influence, owner, *health,
        );
    }
    for (from, kind, to, strength) in links {
        let (from, to) = (from % people.len(), to % people.len());
        let id = format!("r-{}-{}-{}", people[from], kind.key(), people[to]);
        if from != to && !b.map.relationships.iter().any(|r| r.id == id) {
            let (from, to) = (people[from].clone(), people[to].clone());
            b.relationship(&from, *kind, &to, *strength);
        }
    }
    for (days, channel, contacts, teammates, tagged, sentiment) in meetings {
        let mut who: Vec<&str> = contacts
            .iter()
            .map(|c| people[c % people.len()].as_str())
            .collect();
        who.sort_unstable();
        who.dedup();
        let with: Vec<&str> = teammates
            .iter()
            .filter_map(|t| team.get(*t))
            .map(String::as_str)
            .collect();
        let about = tagged.then_some(project.as_str());
        b.meet(*days, *channel, &who, &with, about, *sentiment);
    }
    b
}

fn score(map: &Snapshot) -> Coverage {
    coverage::score(map, today(), &Config::default())
        .into_iter()
        .next()
        .unwrap()
}

fn value(c: &Coverage, name: ComponentName) -> f64 {
    c.component(name).unwrap().value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_score_stays_within_0_to_100_and_matches_its_band(b in map()) {
        let c = score(&b.map);
        prop_assert!(c.score <= 100);
        prop_assert_eq!(c.components.len(), 6);
        for part in &c.components {
            prop_assert!((0.0..=1.0).contains(&part.value), "{:?}", part);
            prop_assert!(!part.explanation.is_empty());
        }
        let bands = Config::default().bands;
        let by_score = if c.score >= bands.green {
            Band::Green
        } else if c.score >= bands.amber {
            Band::Amber
        } else {
            Band::Red
        };
        prop_assert!(c.band <= by_score, "the band never exceeds what the score earns");
        for f in &c.findings {
            prop_assert!(!f.message.is_empty());
        }
    }

    #[test]
    fn a_supportive_contact_in_a_missing_required_role_never_lowers_roles(
        b in map(),
        pick in any::<prop::sample::Index>(),
        stance in 1i8..=2,
        influence in 1u8..=5,
    ) {
        let before = score(&b.map);
        let project = &b.map.projects[0];
        let missing: Vec<Role> = project
            .required_roles
            .iter()
            .copied()
            .filter(|r| !b.map.stakes.iter().any(|s| s.role == *r))
            .collect();
        prop_assume!(!missing.is_empty());
        let role = missing[pick.index(missing.len())];
        let mut after = b.clone();
        let newcomer = after.contact("Zed Newcomer", "Analyst");
        let project = after.map.projects[0].id.clone();
        after.stake(&project, &newcomer, role, stance, influence, None, None);
        let after = score(&after.map);
        prop_assert!(
            value(&after, ComponentName::Roles) > value(&before, ComponentName::Roles),
            "roles went from {} to {}",
            value(&before, ComponentName::Roles),
            value(&after, ComponentName::Roles)
        );
    }

    #[test]
    fn removing_every_interaction_never_raises_pulse(b in map()) {
        let before = score(&b.map);
        let mut quiet = b.map.clone();
        quiet.interactions.clear();
        let after = score(&quiet);
        prop_assert!(value(&after, ComponentName::Pulse) <= value(&before, ComponentName::Pulse));
        prop_assert_eq!(value(&after, ComponentName::Pulse), 0.0);
    }

    #[test]
    fn the_engine_agrees_with_scoring_from_scratch_after_any_edit(b in map(), drop in 0usize..40) {
        // Remove one item of the map through the engine, and compare with scoring the map
        // without it.
        let mut engine = coverage::Engine::new(&b.map, today(), Config::default());
        let mut smaller = b.map.clone();
        let removed = remove_nth(&mut smaller, drop);
        prop_assume!(removed.is_some());
        let change = removed.unwrap();
        engine.apply_changes(std::slice::from_ref(&change));
        let fresh = coverage::score(&smaller, today(), &Config::default());
        prop_assert_eq!(engine.results(), fresh);
    }
}

/// Removes the `n`th item (stakes, then relationships, then interactions) and returns the change.
fn remove_nth(map: &mut Snapshot, n: usize) -> Option<stakemap_core::Change> {
    use stakemap_core::{Change, EntityKind, Record};
    let gone = |kind: EntityKind, record: Record| Change {
        kind,
        id: record.id().to_string(),
        before: Some(record),
        after: None,
    };
    if n < map.stakes.len() {
        return Some(gone(EntityKind::Stake, Record::Stake(map.stakes.remove(n))));
    }
    let n = n - map.stakes.len();
    if n < map.relationships.len() {
        let r = map.relationships.remove(n);
        return Some(gone(EntityKind::Relationship, Record::Relationship(r)));
    }
    let n = n - map.relationships.len();
    if n < map.interactions.len() {
        let i = map.interactions.remove(n);
        return Some(gone(EntityKind::Interaction, Record::Interaction(i)));
    }
    None
}
