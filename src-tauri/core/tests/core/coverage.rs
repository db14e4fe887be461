//! Coverage scenarios: a healthy project with no findings, then small hand-made maps that each
//! produce exactly one kind of finding; the worked example of docs/coverage.md, as a JSON
//! snapshot; and the demo map's realistic mix.

use chrono::NaiveDate;
use stakemap_core::coverage::{self, Band, ComponentName, Config, Coverage, FindingKind, Weights};
use stakemap_core::demo;
use stakemap_core::model::{Channel, RelationshipKind, Role};

use crate::coverage_support::{Builder, healthy, kinds, today};
use crate::support::new_map;

fn value(c: &Coverage, name: ComponentName) -> f64 {
    c.component(name).unwrap().value
}

/// Asserts the project has findings of exactly one kind, and returns the coverage.
#[track_caller]
fn only(b: &Builder, kind: FindingKind) -> Coverage {
    let c = b.coverage_of("Rollout");
    assert!(!c.findings.is_empty(), "no {kind:?} finding: {c:#?}");
    assert!(
        c.findings.iter().all(|f| f.kind == kind),
        "expected only {kind:?}, got {:?}",
        kinds(&c)
    );
    c
}

#[test]
fn a_healthy_project_has_no_findings_and_is_green() {
    let (b, _) = healthy();
    let c = b.coverage_of("Rollout");
    assert_eq!(kinds(&c), [], "{:#?}", c.findings);
    assert_eq!(c.band, Band::Green);
    assert_eq!(c.score, 98);
    for name in [
        ComponentName::Roles,
        ComponentName::Support,
        ComponentName::Threading,
        ComponentName::Reach,
        ComponentName::PerceptionGap,
    ] {
        assert_eq!(value(&c, name), 1.0, "{name:?}");
    }
    assert!(value(&c, ComponentName::Pulse) > 0.85);
    let names: Vec<&str> = c.components.iter().map(|p| p.name.key()).collect();
    assert_eq!(
        names,
        [
            "roles",
            "support",
            "threading",
            "pulse",
            "reach",
            "perception_gap"
        ]
    );
    assert!(c.suggestions.is_empty());
}

#[test]
fn missing_role_names_the_role() {
    let (mut b, h) = healthy();
    b.stake_mut(&h.project, &h.ben).role = Role::Coach;
    let c = only(&b, FindingKind::MissingRole);
    assert_eq!(c.findings.len(), 1);
    let f = &c.findings[0];
    assert_eq!(f.role, Some(Role::EconomicBuyer));
    assert!(f.contacts.is_empty());
    assert_eq!(f.message, "No economic buyer mapped");
    assert!((value(&c, ComponentName::Roles) - 2.0 / 3.0).abs() < 0.001);
    assert_eq!(c.band, Band::Amber, "a missing role caps the band at amber");
}

#[test]
fn a_role_held_only_by_an_opposed_contact_is_uncovered() {
    let (mut b, h) = healthy();
    let ben = b.stake_mut(&h.project, &h.ben);
    ben.stance = -1;
    ben.influence = 3;
    let c = only(&b, FindingKind::RoleHeldByOpponent);
    let f = &c.findings[0];
    assert_eq!(f.role, Some(Role::EconomicBuyer));
    assert_eq!(f.contacts, [h.ben.as_str()]);
    assert_eq!(f.message, "Economic buyer Ben Brook is a skeptic");
    assert!((value(&c, ComponentName::Roles) - 2.0 / 3.0).abs() < 0.001);

    // A second, supportive holder covers the role again.
    let dora = b.contact("Dora Diaz", "Controller");
    b.stake(
        &h.project,
        &dora,
        Role::EconomicBuyer,
        1,
        2,
        Some(&h.priya),
        None,
    );
    b.meet(3, Channel::InPerson, &[&dora], &[&h.priya], None, None);
    let c = b.coverage_of("Rollout");
    assert_eq!(kinds(&c), []);
    assert_eq!(value(&c, ComponentName::Roles), 1.0);
}

#[test]
fn influential_opponent_names_the_person_and_their_influence() {
    let (mut b, h) = healthy();
    let dan = b.contact("Dan Dorsey", "Head of Risk");
    b.stake(
        &h.project,
        &dan,
        Role::Influencer,
        -2,
        5,
        Some(&h.priya),
        Some(-1),
    );
    b.meet(
        15,
        Channel::Video,
        &[&dan],
        &[&h.priya],
        Some(&h.project),
        Some(-2),
    );
    let c = only(&b, FindingKind::InfluentialOpponent);
    assert_eq!(c.findings.len(), 1);
    assert_eq!(c.findings[0].contacts, [dan]);
    assert_eq!(
        c.findings[0].message,
        "Dan Dorsey (Head of Risk) is an opponent with influence 5"
    );
    assert!((value(&c, ComponentName::Support) - 2.0 / 3.0).abs() < 0.001);
    assert_eq!(c.band, Band::Amber);
}

#[test]
fn single_owner_when_one_teammate_holds_every_relationship() {
    let (mut b, h) = healthy();
    b.stake_mut(&h.project, &h.ben).owner = Some(h.alex.clone());
    b.map.interactions[2].teammates = vec![h.alex.clone()];
    let c = only(&b, FindingKind::SingleOwner);
    assert_eq!(c.findings[0].teammate.as_deref(), Some(h.alex.as_str()));
    assert_eq!(
        c.findings[0].message,
        "Only Alex Moreau holds relationships here"
    );
    assert_eq!(value(&c, ComponentName::Threading), 0.75);

    // A teammate at a recent meeting about the project holds a relationship too, even without
    // owning a stake.
    b.meet(
        20,
        Channel::Video,
        &[&h.ben],
        &[&h.priya],
        Some(&h.project),
        Some(1),
    );
    assert_eq!(kinds(&b.coverage_of("Rollout")), []);
}

#[test]
fn no_owner_when_no_teammate_holds_a_relationship() {
    let (mut b, _) = healthy();
    for s in &mut b.map.stakes {
        s.owner = None;
    }
    for i in &mut b.map.interactions {
        i.teammates.clear();
    }
    let c = only(&b, FindingKind::NoOwner);
    assert!(
        c.findings[0]
            .message
            .starts_with("No teammate holds a relationship here")
    );
    assert_eq!(value(&c, ComponentName::Threading), 0.5);
}

#[test]
fn single_contact_when_one_stakeholder_or_none_was_engaged_recently() {
    let (mut b, h) = healthy();
    // Ben and Cleo were last met 100 days ago; long cadences keep them from being stale.
    b.map.interactions[1].date = "2024-12-05".into();
    b.map.interactions[2].date = "2024-12-05".into();
    b.contact_mut(&h.ben).cadence_days = Some(365);
    b.contact_mut(&h.cleo).cadence_days = Some(365);
    let c = only(&b, FindingKind::SingleContact);
    assert_eq!(c.findings[0].contacts, [h.ann.as_str()]);
    assert_eq!(
        c.findings[0].message,
        "Only Ann Archer had an interaction in the last 90 days"
    );

    // Nobody at all: the finding says so and names no one.
    b.map.interactions[0].date = "2024-12-05".into();
    b.contact_mut(&h.ann).cadence_days = Some(365);
    let c = only(&b, FindingKind::SingleContact);
    assert!(c.findings[0].contacts.is_empty());
    assert_eq!(
        c.findings[0].message,
        "No stakeholder had an interaction in the last 90 days"
    );
}

#[test]
fn interactions_about_another_project_do_not_engage_or_thread_this_one() {
    let (mut b, h) = healthy();
    let other = b.project("Pilot", &[]);
    for i in &mut b.map.interactions[1..] {
        i.project = Some(other.clone());
    }
    b.stake_mut(&h.project, &h.ben).owner = Some(h.alex.clone());
    let c = b.coverage_of("Rollout");
    // Priya met Ben about the pilot, so Alex alone holds relationships into the rollout, and
    // only Ann was engaged about it; person-level recency (pulse, stale) still counts them.
    assert_eq!(
        kinds(&c),
        [FindingKind::SingleOwner, FindingKind::SingleContact]
    );
}

#[test]
fn stale_contact_when_a_required_role_is_not_met_in_person_within_cadence() {
    let (mut b, h) = healthy();
    // Cleo (champion, 30-day cadence) was last met in person 45 days ago; a video call since
    // keeps them engaged but does not count as face-to-face.
    b.map.interactions[1].date = "2025-01-29".into();
    b.meet(
        4,
        Channel::Video,
        &[&h.cleo],
        &[&h.alex],
        Some(&h.project),
        Some(2),
    );
    let c = only(&b, FindingKind::StaleContact);
    let f = &c.findings[0];
    assert_eq!(f.contacts, [h.cleo.as_str()]);
    assert_eq!(f.role, Some(Role::Champion));
    assert_eq!(f.days, Some(45));
    assert_eq!(
        f.message,
        "Cleo Chen (Champion) not met in person for 45 days"
    );

    // The contact's own cadence wins over the role's.
    b.contact_mut(&h.cleo).cadence_days = Some(60);
    assert_eq!(kinds(&b.coverage_of("Rollout")), []);

    // Never met in person at all.
    b.contact_mut(&h.cleo).cadence_days = None;
    b.map.interactions[1].channel = Channel::Email;
    let c = only(&b, FindingKind::StaleContact);
    assert_eq!(c.findings[0].days, None);
    assert_eq!(
        c.findings[0].message,
        "Cleo Chen (Champion) never met in person"
    );
}

#[test]
fn unmapped_stakeholder_names_who_they_influence_and_is_also_a_suggestion() {
    let (mut b, h) = healthy();
    let noel = b.contact("Noel Nash", "Finance Director");
    b.relationship(&noel, RelationshipKind::Influences, &h.ann, 4);
    b.relationship(&h.ben, RelationshipKind::ReportsTo, &noel, 3);
    // A senior colleague with no link is a suggestion, not a finding; a junior one is neither.
    let hana = b.contact("Hana Holt", "Chief People Officer");
    b.contact("Ivo Imre", "Analyst");
    let c = only(&b, FindingKind::UnmappedStakeholder);
    assert_eq!(c.findings.len(), 1);
    let f = &c.findings[0];
    assert_eq!(f.contacts, [noel.as_str()]);
    assert_eq!(f.via, [h.ann.clone(), h.ben.clone()]);
    assert_eq!(
        f.message,
        "Noel Nash (Finance Director) influences Ann Archer and manages Ben Brook but is not on \
         the map"
    );
    let suggested: Vec<(&str, f64)> = c
        .suggestions
        .iter()
        .map(|s| (s.contact.as_str(), s.weight))
        .collect();
    // Noel: 4/5 × 5/5 + 4/5 + 0.25 senior = 1.85, capped at 1; Hana: 0.25 for seniority.
    assert_eq!(suggested, [(noel.as_str(), 1.0), (hana.as_str(), 0.25)]);
    assert_eq!(
        c.suggestions[1].reason,
        "Hana Holt (Chief People Officer) is senior at Acme but is not on the map"
    );
    // reach = 3 stakeholders / (3 + 1 + 0.25)
    assert!((value(&c, ComponentName::Reach) - 3.0 / 4.25).abs() < 0.001);
}

#[test]
fn unmapped_findings_are_the_best_ranked_few() {
    let (mut b, h) = healthy();
    for (n, name) in ["Kai Kent", "Lou Lane", "Max Moss", "Ned Nye"]
        .iter()
        .enumerate()
    {
        let id = b.contact(name, "Analyst");
        b.relationship(&id, RelationshipKind::Influences, &h.ann, 1 + n as u8);
    }
    let c = only(&b, FindingKind::UnmappedStakeholder);
    let named: Vec<&str> = c.findings.iter().map(|f| f.contacts[0].as_str()).collect();
    assert_eq!(
        named,
        ["c-ned", "c-max", "c-lou"],
        "strongest influence first"
    );
    assert_eq!(c.suggestions.len(), 3, "three suggestions by default");
}

#[test]
fn perception_gap_when_our_rating_exceeds_what_they_expressed() {
    let (mut b, h) = healthy();
    b.map.interactions[1].sentiment = Some(-1);
    b.meet(
        20,
        Channel::Phone,
        &[&h.cleo],
        &[&h.alex],
        Some(&h.project),
        Some(0),
    );
    let c = only(&b, FindingKind::PerceptionGap);
    assert_eq!(c.findings[0].contacts, [h.cleo.as_str()]);
    assert_eq!(
        c.findings[0].message,
        "We rate the relationship with Cleo Chen at +2, but what they expressed in 2 interactions \
         in the last 90 days averages -0.5"
    );
    // A gap of 2.5 counts fully against Cleo's influence (3 of 12).
    assert!((value(&c, ComponentName::PerceptionGap) - 0.75).abs() < 0.001);

    // Just under the threshold: no finding, but the component still shows the gap.
    b.map.interactions[1].sentiment = Some(1);
    b.map.interactions.last_mut().unwrap().sentiment = Some(0);
    let c = b.coverage_of("Rollout");
    assert_eq!(kinds(&c), []);
    assert!((value(&c, ComponentName::PerceptionGap) - (1.0 - 3.0 / 12.0 * 0.75)).abs() < 0.001);
}

#[test]
fn interactions_after_today_are_not_counted() {
    let (mut b, _) = healthy();
    for i in &mut b.map.interactions {
        i.date = "2025-04-01".into();
    }
    let c = b.coverage_of("Rollout");
    assert_eq!(value(&c, ComponentName::Pulse), 0.0);
    assert!(c.findings_of(FindingKind::StaleContact).count() == 3);
}

#[test]
fn a_project_with_nothing_mapped_explains_every_gap() {
    let mut b = Builder::new();
    b.project("Empty", &[Role::DecisionMaker]);
    let c = b.coverage_of("Empty");
    assert_eq!(
        c.score, 10,
        "only perception (nothing to contradict) and nothing else"
    );
    assert_eq!(c.band, Band::Red);
    assert_eq!(
        kinds(&c),
        [
            FindingKind::MissingRole,
            FindingKind::NoOwner,
            FindingKind::SingleContact
        ]
    );
    assert_eq!(
        c.component(ComponentName::Reach).unwrap().explanation,
        "No stakeholders are mapped."
    );
}

/// The worked example of docs/coverage.md: keep the two in step.
pub fn worked_example() -> Builder {
    let mut b = Builder::new();
    let alex = b.teammate("Alex Moreau");
    let ann = b.contact("Ann Archer", "VP Operations");
    let cleo = b.contact("Cleo Chen", "Team Lead");
    let dan = b.contact("Dan Dorsey", "Head of Risk");
    let noel = b.contact("Noel Nash", "Finance Director");
    let p = b.project(
        "Rollout",
        &[Role::DecisionMaker, Role::EconomicBuyer, Role::Champion],
    );
    b.stake(&p, &ann, Role::DecisionMaker, 1, 5, Some(&alex), Some(1));
    b.stake(&p, &cleo, Role::Champion, 2, 3, Some(&alex), Some(2));
    b.stake(&p, &dan, Role::Influencer, 0, 4, Some(&alex), Some(1));
    b.relationship(&cleo, RelationshipKind::ReportsTo, &ann, 4);
    b.relationship(&noel, RelationshipKind::Influences, &ann, 4);
    b.meet(
        75,
        Channel::InPerson,
        &[&ann, &cleo],
        &[&alex],
        Some(&p),
        Some(1),
    );
    b.meet(10, Channel::Email, &[&ann], &[&alex], Some(&p), Some(1));
    b.meet(6, Channel::InPerson, &[&cleo], &[&alex], Some(&p), Some(2));
    b.meet(20, Channel::Video, &[&dan], &[&alex], None, Some(-1));
    b
}

#[test]
fn the_worked_example_matches_docs_and_its_json_snapshot() {
    let b = worked_example();
    let c = b.coverage_of("Rollout");
    assert_eq!(
        kinds(&c),
        [
            FindingKind::MissingRole,
            FindingKind::SingleOwner,
            FindingKind::StaleContact,
            FindingKind::PerceptionGap,
            FindingKind::UnmappedStakeholder
        ]
    );
    let values: Vec<f64> = c.components.iter().map(|p| p.value).collect();
    assert_eq!(values, [0.667, 0.5, 0.75, 0.593, 0.75, 0.604]);
    assert_eq!((c.score, c.band), (64, Band::Amber));
    let json = serde_json::to_string_pretty(&b.score()).unwrap();
    insta::assert_snapshot!("coverage_worked_example", json);
}

#[test]
fn scores_are_reproducible_for_a_given_day() {
    let (b, _) = healthy();
    let later = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    let now = coverage::score(&b.map, today(), &Config::default());
    assert_eq!(now, coverage::score(&b.map, today(), &Config::default()));
    let then = coverage::score(&b.map, later, &Config::default());
    assert!(then[0].score < now[0].score, "contact fades with time");
    assert_eq!(then[0].findings_of(FindingKind::StaleContact).count(), 3);
}

#[test]
fn weights_are_configurable_and_only_their_ratios_matter() {
    let b = worked_example();
    let config = Config::default();
    let mut map = b.map.clone();
    let base = coverage::score(&map, today(), &config)[0].score;
    let w = &mut map.settings.weights;
    w.roles *= 10.0;
    w.support *= 10.0;
    w.threading *= 10.0;
    w.pulse *= 10.0;
    w.reach *= 10.0;
    w.perception *= 10.0;
    assert_eq!(coverage::score(&map, today(), &config)[0].score, base);
    let only_perception = Weights {
        roles: 0.0,
        support: 0.0,
        threading: 0.0,
        pulse: 0.0,
        reach: 0.0,
        perception: 0.1,
    };
    map.settings.weights = only_perception;
    assert_eq!(coverage::score(&map, today(), &config)[0].score, 60);
    // A project's own weights win over the map's.
    map.settings.weights = Weights::default();
    map.projects[0].weights = Some(only_perception);
    let own = coverage::score(&map, today(), &config)[0].clone();
    assert_eq!(own.score, 60);
    assert_eq!(own.component(ComponentName::Roles).unwrap().weight, 0.0);
}

// --- The demo map -------------------------------------------------------------------------

fn demo_coverage(today: NaiveDate) -> Vec<Coverage> {
    let (_dir, mut map) = new_map();
    map.apply(demo::op(today)).unwrap();
    coverage::score(&map.snapshot().unwrap(), today, &Config::default())
}

fn by_name<'a>(all: &'a [Coverage], name: &str) -> &'a Coverage {
    all.iter().find(|c| c.name == name).unwrap()
}

fn messages(c: &Coverage, kind: FindingKind) -> Vec<&str> {
    c.findings_of(kind).map(|f| f.message.as_str()).collect()
}

#[test]
fn the_demo_map_shows_a_realistic_mix() {
    for day in ["2026-03-01", "2025-03-15", "2030-12-31"] {
        let today = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        let all = demo_coverage(today);
        assert_eq!(all.len(), 5);

        for healthy in ["Fleet Visibility Rollout", "Compliance Reporting Renewal"] {
            let c = by_name(&all, healthy);
            assert_eq!(c.band, Band::Green, "{healthy}: {c:#?}");
            assert!(c.findings.len() <= 3, "{healthy}: {:?}", kinds(c));
            assert!(
                c.findings
                    .iter()
                    .all(|f| f.kind == FindingKind::UnmappedStakeholder),
                "{healthy}: {:?}",
                kinds(c)
            );
        }

        let warehouse = by_name(&all, "Warehouse Analytics Pilot");
        assert_eq!(warehouse.band, Band::Red, "{warehouse:#?}");
        assert_eq!(
            messages(warehouse, FindingKind::SingleOwner),
            ["Only Alex Moreau holds relationships here"]
        );
        assert_eq!(
            messages(warehouse, FindingKind::MissingRole),
            ["No economic buyer mapped"]
        );

        let lims = by_name(&all, "LIMS Integration");
        assert_eq!(lims.band, Band::Amber, "{lims:#?}");
        let opposed: Vec<_> = lims.findings_of(FindingKind::RoleHeldByOpponent).collect();
        assert_eq!(opposed.len(), 1);
        assert_eq!(opposed[0].role, Some(Role::EconomicBuyer));
        assert_eq!(opposed[0].contacts, [demo::id("c-peter")]);
        let gaps: Vec<_> = lims.findings_of(FindingKind::PerceptionGap).collect();
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].contacts, [demo::id("c-laura")]);
        assert!(gaps[0].message.contains("Laura Becker"));

        let onboarding = by_name(&all, "Digital Onboarding Platform");
        assert_eq!(onboarding.band, Band::Amber, "{onboarding:#?}");
        assert_eq!(
            messages(onboarding, FindingKind::InfluentialOpponent),
            ["Lucas Rossi (Chief Risk Officer) is an opponent with influence 5"]
        );
        let noah = onboarding
            .findings_of(FindingKind::UnmappedStakeholder)
            .find(|f| f.contacts == [demo::id("c-noah")])
            .expect("Noah Fischer is an unmapped stakeholder");
        assert!(noah.via.contains(&demo::id("c-olivia")));
        assert!(
            noah.message
                .starts_with("Noah Fischer (Finance Director) influences Olivia Brown"),
            "{}",
            noah.message
        );
        assert_eq!(
            onboarding.suggestions[0].contact,
            demo::id("c-noah"),
            "Noah is the first suggestion"
        );
        assert!(
            messages(onboarding, FindingKind::StaleContact)
                .contains(&"Olivia Brown (Decision maker) not met in person for 121 days"),
            "{:?}",
            messages(onboarding, FindingKind::StaleContact)
        );

        // Ranked by risk, the three risky projects come before the two healthy ones.
        let mut ranked: Vec<&Coverage> = all.iter().collect();
        ranked.sort_by_key(|c| c.score);
        let risky: Vec<&str> = ranked[..3].iter().map(|c| c.name.as_str()).collect();
        assert!(!risky.contains(&"Fleet Visibility Rollout"), "{risky:?}");
        assert!(
            !risky.contains(&"Compliance Reporting Renewal"),
            "{risky:?}"
        );
    }
}
