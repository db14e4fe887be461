//! Large generated maps, made in memory from a seed, for benchmarks and tests of coverage at
//! scale. The same seed and scale always give the same map.
//!
//! The shape follows real accounts: contacts belong to organizations (a hundred each), projects
//! draw most stakeholders from their own organization, reporting lines form a hierarchy inside
//! each organization, and interactions fall in the year before `today`, mostly about a project
//! with some of its stakeholders and teammates.

use chrono::{Days, NaiveDate};

use crate::model::{
    Channel, Contact, Interaction, Organization, Project, Relationship, RelationshipKind, Role,
    Snapshot, Stake, Teammate,
};

/// How many items of each kind to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub organizations: usize,
    pub teammates: usize,
    pub contacts: usize,
    pub projects: usize,
    pub stakes: usize,
    pub relationships: usize,
    pub interactions: usize,
}

impl Scale {
    /// The benchmark map: 5,000 contacts, 500 projects, 10,000 stakes, 20,000 relationships and
    /// 50,000 interactions (50 organizations, 40 teammates).
    pub const BENCHMARK: Scale = Scale {
        organizations: 50,
        teammates: 40,
        contacts: 5_000,
        projects: 500,
        stakes: 10_000,
        relationships: 20_000,
        interactions: 50_000,
    };

    /// A small map for quick tests: 200 contacts, 20 projects.
    pub const SMALL: Scale = Scale {
        organizations: 4,
        teammates: 8,
        contacts: 200,
        projects: 20,
        stakes: 400,
        relationships: 800,
        interactions: 2_000,
    };
}

/// SplitMix64: small, fast and good enough to shape test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Ben", "Chen", "Dana", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jon", "Kemal", "Lena",
    "Mateo", "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Yara",
];
const LAST: &[&str] = &[
    "Adler",
    "Berg",
    "Costa",
    "Dumas",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Haas",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Perez",
    "Quist",
    "Rossi",
    "Sato",
    "Novak",
    "Varga",
    "Weber",
    "Zhou",
];
const SENIOR_TITLES: &[&str] = &[
    "Chief Executive Officer",
    "Chief Financial Officer",
    "Chief Information Officer",
    "VP Operations",
    "VP Sales",
    "Head of IT",
    "Head of Procurement",
    "Director of Finance",
    "IT Director",
];
const TITLES: &[&str] = &[
    "Data Analyst",
    "Operations Manager",
    "Procurement Lead",
    "Solutions Architect",
    "Project Manager",
    "Software Engineer",
    "Team Lead",
    "Business Analyst",
    "Controller",
    "Product Owner",
];
const ROLES: &[Role] = &[
    Role::Coach,
    Role::Influencer,
    Role::Influencer,
    Role::TechnicalEvaluator,
    Role::User,
    Role::User,
    Role::Gatekeeper,
    Role::Sponsor,
];
const CHANNELS: &[Channel] = &[
    Channel::InPerson,
    Channel::Video,
    Channel::Video,
    Channel::Phone,
    Channel::Email,
    Channel::Email,
    Channel::Chat,
    Channel::Event,
];

/// The id of the `n`th contact, project, teammate... in a generated map.
pub fn id(prefix: &str, n: usize) -> String {
    format!("{prefix}{n:05}")
}

/// Generates a map of `scale` from `seed`, with interactions in the year before `today`.
pub fn generate(scale: Scale, seed: u64, today: NaiveDate) -> Snapshot {
    let mut rng = Rng::new(seed);
    let orgs = scale.organizations.max(1);
    let mut snapshot = Snapshot {
        organizations: (0..orgs)
            .map(|n| Organization {
                id: id("o", n),
                name: format!("Account {n}"),
                notes: String::new(),
            })
            .collect(),
        teammates: (0..scale.teammates)
            .map(|n| Teammate {
                id: id("t", n),
                name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
                email: String::new(),
            })
            .collect(),
        ..Snapshot::default()
    };

    // Contacts by organization (round robin), the first few of each senior.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); orgs];
    for n in 0..scale.contacts {
        let org = n % orgs;
        let senior = members[org].len() < 8 || rng.chance(0.05);
        let title = if senior {
            rng.pick(SENIOR_TITLES)
        } else {
            rng.pick(TITLES)
        };
        members[org].push(n);
        snapshot.contacts.push(Contact {
            id: id("c", n),
            name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            title: title.to_string(),
            organization: Some(id("o", org)),
            email: String::new(),
            phone: String::new(),
            location: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            cadence_days: rng.chance(0.1).then(|| 30 + 15 * rng.below(6) as u16),
        });
    }

    // Projects, each with a small team of teammates.
    let mut teams: Vec<Vec<usize>> = Vec::with_capacity(scale.projects);
    for n in 0..scale.projects {
        let mut required = vec![Role::DecisionMaker, Role::EconomicBuyer, Role::Champion];
        if rng.chance(0.3) {
            required.push(Role::TechnicalEvaluator);
        }
        snapshot.projects.push(Project {
            organization: Some(id("o", n % orgs)),
            stage: "Proposal".into(),
            required_roles: required,
            ..Project::named(id("p", n), format!("Project {n}"))
        });
        let size = 1 + rng.below(4);
        teams.push(
            (0..size)
                .map(|_| rng.below(scale.teammates.max(1)))
                .collect(),
        );
    }

    // Stakes: spread evenly over projects, mostly from the project's organization, one per
    // contact and project; the first three of a project usually hold the key roles.
    let mut stakeholders: Vec<Vec<usize>> = vec![Vec::new(); scale.projects];
    if scale.projects > 0 && scale.contacts > 0 {
        for n in 0..scale.stakes {
            let p = n % scale.projects;
            let org = if rng.chance(0.9) {
                p % orgs
            } else {
                rng.below(orgs)
            };
            let pool = if members[org].is_empty() {
                &members[0]
            } else {
                &members[org]
            };
            let mut contact = *rng.pick(pool);
            let mut tries = 0;
            while stakeholders[p].contains(&contact) && tries < 20 {
                contact = *rng.pick(pool);
                tries += 1;
            }
            if stakeholders[p].contains(&contact) {
                // A crowded project: the first contact not on it yet, if any.
                match (0..scale.contacts).find(|c| !stakeholders[p].contains(c)) {
                    Some(c) => contact = c,
                    None => continue,
                }
            }
            let role = match stakeholders[p].len() {
                0 if rng.chance(0.9) => Role::DecisionMaker,
                1 if rng.chance(0.8) => Role::EconomicBuyer,
                2 if rng.chance(0.85) => Role::Champion,
                _ => *rng.pick(ROLES),
            };
            stakeholders[p].push(contact);
            let owner =
                (scale.teammates > 0 && rng.chance(0.9)).then(|| id("t", *rng.pick(&teams[p])));
            snapshot.stakes.push(Stake {
                id: id("s", n),
                project: id("p", p),
                contact: id("c", contact),
                role,
                stance: *rng.pick(&[-2, -1, 0, 0, 1, 1, 1, 2, 2]),
                influence: 1 + rng.below(5) as u8,
                interest: 1 + rng.below(5) as u8,
                owner,
                health: rng.chance(0.8).then(|| rng.below(5) as i8 - 2),
                notes: String::new(),
                x: 0.0,
                y: 0.0,
            });
        }
    }

    // Relationships inside organizations: reporting lines up the hierarchy (earlier members
    // are more senior), influence, alliances and conflicts.
    if scale.contacts > 1 {
        let mut n = 0;
        while snapshot.relationships.len() < scale.relationships {
            let org = rng.below(orgs);
            let list = &members[org];
            if list.len() < 2 {
                n += 1;
                if n > scale.relationships * 4 {
                    break;
                }
                continue;
            }
            let at = 1 + rng.below(list.len() - 1);
            let (from, kind, to) = match rng.below(10) {
                0..=4 => (list[at], RelationshipKind::ReportsTo, list[rng.below(at)]),
                5..=7 => (
                    list[rng.below(list.len())],
                    RelationshipKind::Influences,
                    list[at],
                ),
                8 => (list[at], RelationshipKind::AlliesWith, list[rng.below(at)]),
                _ => (
                    list[at],
                    RelationshipKind::ConflictsWith,
                    list[rng.below(at)],
                ),
            };
            if from == to {
                continue;
            }
            snapshot.relationships.push(Relationship {
                id: id("r", snapshot.relationships.len()),
                from: id("c", from),
                to: id("c", to),
                kind,
                strength: 1 + rng.below(5) as u8,
                notes: String::new(),
            });
        }
    }

    // Interactions in the year before today: a project's stakeholders and team (tagged with the
    // project most of the time), or a lone contact now and then.
    for n in 0..scale.interactions {
        if scale.contacts == 0 {
            break;
        }
        let date = today
            .checked_sub_days(Days::new(rng.below(365) as u64))
            .unwrap_or(today);
        let p = rng.below(scale.projects.max(1));
        let (contacts, teammates, project) = match stakeholders.get(p) {
            Some(list) if !list.is_empty() && rng.chance(0.9) => {
                let mut contacts: Vec<String> = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let c = id("c", *rng.pick(list));
                    if !contacts.contains(&c) {
                        contacts.push(c);
                    }
                }
                let mut teammates: Vec<String> = Vec::new();
                for _ in 0..1 + rng.below(2) {
                    let t = id("t", *rng.pick(&teams[p]));
                    if scale.teammates > 0 && !teammates.contains(&t) {
                        teammates.push(t);
                    }
                }
                let project = rng.chance(0.7).then(|| id("p", p));
                (contacts, teammates, project)
            }
            _ => (vec![id("c", rng.below(scale.contacts))], Vec::new(), None),
        };
        snapshot.interactions.push(Interaction {
            id: id("i", n),
            date: date.format("%Y-%m-%d").to_string(),
            channel: *rng.pick(CHANNELS),
            contacts,
            teammates,
            project,
            sentiment: rng.chance(0.7).then(|| rng.below(5) as i8 - 2),
            notes: String::new(),
        });
    }
    snapshot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmark_map_has_its_documented_size_and_is_reproducible() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default();
        let map = generate(Scale::BENCHMARK, 7, today);
        assert_eq!(map.contacts.len(), 5_000);
        assert_eq!(map.projects.len(), 500);
        assert_eq!(map.stakes.len(), 10_000);
        assert_eq!(map.relationships.len(), 20_000);
        assert_eq!(map.interactions.len(), 50_000);
        assert_eq!(
            generate(Scale::SMALL, 7, today),
            generate(Scale::SMALL, 7, today)
        );
        assert_ne!(
            generate(Scale::SMALL, 7, today),
            generate(Scale::SMALL, 8, today)
        );
    }
}
