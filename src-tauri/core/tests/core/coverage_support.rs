//! A small builder for hand-made maps to score, with readable ids (`c-ann`, `p-rollout`).

use chrono::{Days, NaiveDate};
use stakemap_core::Snapshot;
use stakemap_core::coverage::{self, Config, Coverage, FindingKind};
use stakemap_core::model::{
    Channel, Contact, Interaction, Organization, Project, Relationship, RelationshipKind, Role,
    Stake, Teammate,
};

/// The day the hand-made maps are scored on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 15).unwrap()
}

/// `c-ann` for "Ann Archer": the prefix and the first name, lower case.
pub fn key(prefix: &str, name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or(name);
    format!("{prefix}-{}", first.to_lowercase())
}

/// A map under construction.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    pub map: Snapshot,
}

#[allow(dead_code)]
impl Builder {
    /// An empty map with one organization, `o-acme`.
    pub fn new() -> Builder {
        let mut b = Builder::default();
        b.map.organizations.push(Organization {
            id: "o-acme".into(),
            name: "Acme".into(),
            notes: String::new(),
        });
        b
    }

    pub fn teammate(&mut self, name: &str) -> String {
        let id = key("t", name);
        self.map.teammates.push(Teammate {
            id: id.clone(),
            name: name.into(),
            email: String::new(),
        });
        id
    }

    /// A contact at Acme.
    pub fn contact(&mut self, name: &str, title: &str) -> String {
        let id = key("c", name);
        self.map.contacts.push(Contact {
            title: title.into(),
            organization: Some("o-acme".into()),
            ..Contact::named(id.clone(), name)
        });
        id
    }

    pub fn contact_mut(&mut self, id: &str) -> &mut Contact {
        self.map.contacts.iter_mut().find(|c| c.id == id).unwrap()
    }

    /// A project at Acme requiring `roles`.
    pub fn project(&mut self, name: &str, roles: &[Role]) -> String {
        let id = key("p", name);
        self.map.projects.push(Project {
            organization: Some("o-acme".into()),
            required_roles: roles.to_vec(),
            ..Project::named(id.clone(), name)
        });
        id
    }

    /// Places `contact` on `project`.
    #[allow(clippy::too_many_arguments)]
    pub fn stake(
        &mut self,
        project: &str,
        contact: &str,
        role: Role,
        stance: i8,
        influence: u8,
        owner: Option<&str>,
        health: Option<i8>,
    ) -> String {
        let id = format!("s-{project}-{contact}");
        self.map.stakes.push(Stake {
            id: id.clone(),
            project: project.into(),
            contact: contact.into(),
            role,
            stance,
            influence,
            interest: 3,
            owner: owner.map(str::to_string),
            health,
            notes: String::new(),
            x: 0.0,
            y: 0.0,
        });
        id
    }

    pub fn stake_mut(&mut self, project: &str, contact: &str) -> &mut Stake {
        self.map
            .stakes
            .iter_mut()
            .find(|s| s.project == project && s.contact == contact)
            .unwrap()
    }

    pub fn relationship(&mut self, from: &str, kind: RelationshipKind, to: &str, strength: u8) {
        let id = format!("r-{from}-{}-{to}", kind.key());
        self.map.relationships.push(Relationship {
            id,
            from: from.into(),
            to: to.into(),
            kind,
            strength,
            notes: String::new(),
        });
    }

    /// An interaction `days_ago` days before [`today`].
    #[allow(clippy::too_many_arguments)]
    pub fn meet(
        &mut self,
        days_ago: u64,
        channel: Channel,
        contacts: &[&str],
        teammates: &[&str],
        project: Option<&str>,
        sentiment: Option<i8>,
    ) {
        let n = self.map.interactions.len();
        self.map.interactions.push(Interaction {
            id: format!("i-{n:02}"),
            date: today()
                .checked_sub_days(Days::new(days_ago))
                .unwrap()
                .to_string(),
            channel,
            contacts: contacts.iter().map(|c| c.to_string()).collect(),
            teammates: teammates.iter().map(|t| t.to_string()).collect(),
            project: project.map(str::to_string),
            sentiment,
            notes: String::new(),
        });
    }

    /// Every project's coverage on [`today`] with the default settings.
    pub fn score(&self) -> Vec<Coverage> {
        coverage::score(&self.map, today(), &Config::default())
    }

    /// The coverage of the one project named `name`.
    pub fn coverage_of(&self, name: &str) -> Coverage {
        self.score().into_iter().find(|c| c.name == name).unwrap()
    }
}

/// The kinds of a project's findings, in order.
#[allow(dead_code)]
pub fn kinds(coverage: &Coverage) -> Vec<FindingKind> {
    coverage.findings.iter().map(|f| f.kind).collect()
}

/// The ids of a healthy project's people.
#[allow(dead_code)]
pub struct Healthy {
    pub alex: String,
    pub priya: String,
    pub ann: String,
    pub ben: String,
    pub cleo: String,
    pub project: String,
}

/// "Rollout": decision maker, economic buyer and champion mapped and supportive, two teammates,
/// everyone met in person recently, our ratings matching what they said, and no one around
/// them left off the map. It has no findings; each scenario changes one thing.
pub fn healthy() -> (Builder, Healthy) {
    let mut b = Builder::new();
    let alex = b.teammate("Alex Moreau");
    let priya = b.teammate("Priya Shah");
    let ann = b.contact("Ann Archer", "VP Operations");
    let ben = b.contact("Ben Brook", "Finance Manager");
    let cleo = b.contact("Cleo Chen", "Team Lead");
    let project = b.project(
        "Rollout",
        &[Role::DecisionMaker, Role::EconomicBuyer, Role::Champion],
    );
    b.stake(
        &project,
        &ann,
        Role::DecisionMaker,
        1,
        5,
        Some(&alex),
        Some(1),
    );
    b.stake(
        &project,
        &ben,
        Role::EconomicBuyer,
        1,
        4,
        Some(&priya),
        Some(1),
    );
    b.stake(&project, &cleo, Role::Champion, 2, 3, Some(&alex), Some(2));
    b.relationship(&cleo, RelationshipKind::ReportsTo, &ann, 4);
    b.meet(
        5,
        Channel::InPerson,
        &[&ann],
        &[&alex],
        Some(&project),
        Some(1),
    );
    b.meet(
        8,
        Channel::InPerson,
        &[&cleo],
        &[&alex],
        Some(&project),
        Some(2),
    );
    b.meet(
        12,
        Channel::InPerson,
        &[&ben],
        &[&priya],
        Some(&project),
        Some(1),
    );
    let ids = Healthy {
        alex,
        priya,
        ann,
        ben,
        cleo,
        project,
    };
    (b, ids)
}
