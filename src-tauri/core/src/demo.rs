//! A realistic demo map: three accounts, thirty contacts, five projects with a mix of healthy and
//! risky coverage, and six months of interactions ending on the given day.

use chrono::{Days, NaiveDate};

use crate::model::{
    Channel, Contact, Frame, Interaction, Organization, Project, ProjectStatus, Record,
    Relationship, RelationshipKind, Role, Stake, Teammate,
};
use crate::ops::Op;

/// Project frame size and spacing in the demo layout.
const FRAME_W: f64 = 660.0;
const FRAME_H: f64 = 280.0;
const GAP: f64 = 60.0;

const ORGS: &[(&str, &str)] = &[
    ("org-northwind", "Northwind Logistics"),
    ("org-helix", "Helix Biotech"),
    ("org-corvid", "Corvid Bank"),
];

const TEAM: &[(&str, &str, &str)] = &[
    ("tm-alex", "Alex Moreau", "alex.moreau@stakemap.example"),
    ("tm-priya", "Priya Shah", "priya.shah@stakemap.example"),
    ("tm-sam", "Sam Okafor", "sam.okafor@stakemap.example"),
    ("tm-jordan", "Jordan Lee", "jordan.lee@stakemap.example"),
];

/// (id, name, title, organization, location, tags)
type DemoContact = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);
const CONTACTS: &[DemoContact] = &[
    (
        "c-dana",
        "Dana Ruiz",
        "Chief Financial Officer",
        "org-northwind",
        "Rotterdam",
        &["finance", "exec"],
    ),
    (
        "c-marcus",
        "Marcus Webb",
        "Chief Executive Officer",
        "org-northwind",
        "Rotterdam",
        &["exec"],
    ),
    (
        "c-elena",
        "Elena Petrova",
        "VP Operations",
        "org-northwind",
        "Rotterdam",
        &["operations"],
    ),
    (
        "c-tom",
        "Tom Brennan",
        "Director of IT",
        "org-northwind",
        "Antwerp",
        &["it"],
    ),
    (
        "c-aisha",
        "Aisha Khan",
        "Logistics Manager",
        "org-northwind",
        "Rotterdam",
        &["operations"],
    ),
    (
        "c-liam",
        "Liam O'Connor",
        "Procurement Lead",
        "org-northwind",
        "Antwerp",
        &["procurement"],
    ),
    (
        "c-sofia",
        "Sofia Martins",
        "Data Analyst",
        "org-northwind",
        "Lisbon",
        &["data"],
    ),
    (
        "c-ben",
        "Ben Carter",
        "Warehouse Operations Lead",
        "org-northwind",
        "Antwerp",
        &["operations"],
    ),
    (
        "c-grace",
        "Grace Liu",
        "Head of Security",
        "org-northwind",
        "Rotterdam",
        &["it", "security"],
    ),
    (
        "c-raj",
        "Raj Patel",
        "IT Architect",
        "org-northwind",
        "Antwerp",
        &["it"],
    ),
    (
        "c-hannah",
        "Hannah Schmidt",
        "Chief People Officer",
        "org-northwind",
        "Rotterdam",
        &["exec"],
    ),
    (
        "c-oscar",
        "Oscar Nilsson",
        "Fleet Manager",
        "org-northwind",
        "Gothenburg",
        &["operations"],
    ),
    (
        "c-mei",
        "Mei Tanaka",
        "Chief Scientific Officer",
        "org-helix",
        "Basel",
        &["exec", "science"],
    ),
    (
        "c-peter",
        "Peter Novak",
        "Chief Financial Officer",
        "org-helix",
        "Basel",
        &["finance", "exec"],
    ),
    (
        "c-laura",
        "Laura Becker",
        "Director of Lab Operations",
        "org-helix",
        "Basel",
        &["operations"],
    ),
    (
        "c-carlos",
        "Carlos Mendes",
        "QA Manager",
        "org-helix",
        "Porto",
        &["quality"],
    ),
    (
        "c-nina",
        "Nina Volkova",
        "IT Director",
        "org-helix",
        "Basel",
        &["it"],
    ),
    (
        "c-yusuf",
        "Yusuf Demir",
        "Research Scientist",
        "org-helix",
        "Basel",
        &["science"],
    ),
    (
        "c-chloe",
        "Chloe Dubois",
        "Procurement Specialist",
        "org-helix",
        "Lyon",
        &["procurement"],
    ),
    (
        "c-henrik",
        "Henrik Larsen",
        "Head of Compliance",
        "org-helix",
        "Copenhagen",
        &["compliance"],
    ),
    (
        "c-zoe",
        "Zoe Adams",
        "Lab Manager",
        "org-helix",
        "Basel",
        &["operations"],
    ),
    (
        "c-ivan",
        "Ivan Horvat",
        "Data Engineer",
        "org-helix",
        "Zagreb",
        &["data", "it"],
    ),
    (
        "c-samuel",
        "Samuel Green",
        "Chief Operating Officer",
        "org-corvid",
        "London",
        &["exec"],
    ),
    (
        "c-olivia",
        "Olivia Brown",
        "Chief Information Officer",
        "org-corvid",
        "London",
        &["exec", "it"],
    ),
    (
        "c-fatima",
        "Fatima Al-Sayed",
        "Head of Digital",
        "org-corvid",
        "London",
        &["digital"],
    ),
    (
        "c-daniel",
        "Daniel Kim",
        "Enterprise Architect",
        "org-corvid",
        "Leeds",
        &["it"],
    ),
    (
        "c-rachel",
        "Rachel Moore",
        "Vendor Manager",
        "org-corvid",
        "London",
        &["procurement"],
    ),
    (
        "c-lucas",
        "Lucas Rossi",
        "Chief Risk Officer",
        "org-corvid",
        "London",
        &["risk", "exec"],
    ),
    (
        "c-emma",
        "Emma Wilson",
        "Product Owner, Onboarding",
        "org-corvid",
        "Leeds",
        &["digital"],
    ),
    (
        "c-noah",
        "Noah Fischer",
        "Finance Director",
        "org-corvid",
        "London",
        &["finance"],
    ),
];

/// (id, name, organization, status, stage, days until target, required roles)
type DemoProject = (
    &'static str,
    &'static str,
    &'static str,
    ProjectStatus,
    &'static str,
    u64,
    &'static [Role],
);
const PROJECTS: &[DemoProject] = &[
    (
        "p-fleet",
        "Fleet Visibility Rollout",
        "org-northwind",
        ProjectStatus::Active,
        "Proposal",
        60,
        &[Role::DecisionMaker, Role::EconomicBuyer, Role::Champion],
    ),
    (
        "p-warehouse",
        "Warehouse Analytics Pilot",
        "org-northwind",
        ProjectStatus::Active,
        "Discovery",
        120,
        &[Role::DecisionMaker, Role::EconomicBuyer, Role::Champion],
    ),
    (
        "p-lims",
        "LIMS Integration",
        "org-helix",
        ProjectStatus::Active,
        "Negotiation",
        45,
        &[
            Role::DecisionMaker,
            Role::EconomicBuyer,
            Role::Champion,
            Role::TechnicalEvaluator,
        ],
    ),
    (
        "p-compliance",
        "Compliance Reporting Renewal",
        "org-helix",
        ProjectStatus::Active,
        "Renewal",
        150,
        &[Role::DecisionMaker, Role::EconomicBuyer, Role::Champion],
    ),
    (
        "p-onboarding",
        "Digital Onboarding Platform",
        "org-corvid",
        ProjectStatus::Active,
        "Evaluation",
        90,
        &[Role::DecisionMaker, Role::EconomicBuyer, Role::Champion],
    ),
];

/// (project, contact, role, stance, influence, interest, owner, health)
type DemoStake = (
    &'static str,
    &'static str,
    Role,
    i8,
    u8,
    u8,
    &'static str,
    i8,
);
const STAKES: &[DemoStake] = &[
    // Fleet: healthy, several owners, recent in-person contact.
    (
        "p-fleet",
        "c-elena",
        Role::DecisionMaker,
        1,
        5,
        4,
        "tm-alex",
        1,
    ),
    (
        "p-fleet",
        "c-dana",
        Role::EconomicBuyer,
        1,
        5,
        3,
        "tm-priya",
        1,
    ),
    ("p-fleet", "c-aisha", Role::Champion, 2, 3, 5, "tm-alex", 2),
    (
        "p-fleet",
        "c-tom",
        Role::TechnicalEvaluator,
        0,
        4,
        4,
        "tm-sam",
        0,
    ),
    ("p-fleet", "c-oscar", Role::User, 1, 2, 5, "tm-jordan", 1),
    (
        "p-fleet",
        "c-liam",
        Role::Gatekeeper,
        -1,
        3,
        2,
        "tm-priya",
        0,
    ),
    // Warehouse: single-threaded, no economic buyer, quiet.
    (
        "p-warehouse",
        "c-ben",
        Role::Champion,
        2,
        2,
        5,
        "tm-alex",
        2,
    ),
    ("p-warehouse", "c-sofia", Role::User, 1, 1, 4, "tm-alex", 1),
    (
        "p-warehouse",
        "c-elena",
        Role::DecisionMaker,
        0,
        5,
        2,
        "tm-alex",
        0,
    ),
    // LIMS: economic buyer opposed, champion's view differs from ours.
    (
        "p-lims",
        "c-mei",
        Role::DecisionMaker,
        1,
        5,
        4,
        "tm-priya",
        1,
    ),
    (
        "p-lims",
        "c-peter",
        Role::EconomicBuyer,
        -1,
        5,
        2,
        "tm-priya",
        -1,
    ),
    ("p-lims", "c-laura", Role::Champion, 2, 4, 5, "tm-jordan", 2),
    (
        "p-lims",
        "c-nina",
        Role::TechnicalEvaluator,
        0,
        4,
        3,
        "tm-sam",
        0,
    ),
    ("p-lims", "c-yusuf", Role::User, 1, 2, 5, "tm-sam", 1),
    (
        "p-lims",
        "c-chloe",
        Role::Gatekeeper,
        0,
        2,
        2,
        "tm-priya",
        0,
    ),
    // Compliance: steady renewal.
    (
        "p-compliance",
        "c-henrik",
        Role::DecisionMaker,
        2,
        5,
        5,
        "tm-jordan",
        2,
    ),
    (
        "p-compliance",
        "c-peter",
        Role::EconomicBuyer,
        1,
        5,
        2,
        "tm-priya",
        0,
    ),
    (
        "p-compliance",
        "c-carlos",
        Role::Champion,
        2,
        3,
        5,
        "tm-jordan",
        2,
    ),
    ("p-compliance", "c-zoe", Role::User, 1, 2, 4, "tm-sam", 1),
    // Onboarding: influential opponent, decision maker not met in person for months.
    (
        "p-onboarding",
        "c-olivia",
        Role::DecisionMaker,
        1,
        5,
        4,
        "tm-alex",
        1,
    ),
    (
        "p-onboarding",
        "c-fatima",
        Role::Champion,
        2,
        4,
        5,
        "tm-alex",
        2,
    ),
    (
        "p-onboarding",
        "c-lucas",
        Role::Influencer,
        -2,
        5,
        3,
        "tm-priya",
        -1,
    ),
    (
        "p-onboarding",
        "c-daniel",
        Role::TechnicalEvaluator,
        0,
        3,
        4,
        "tm-sam",
        0,
    ),
    ("p-onboarding", "c-emma", Role::User, 1, 2, 5, "tm-alex", 1),
    (
        "p-onboarding",
        "c-rachel",
        Role::Gatekeeper,
        0,
        2,
        2,
        "tm-priya",
        0,
    ),
];

/// (from, kind, to, strength)
const RELATIONSHIPS: &[(&str, RelationshipKind, &str, u8)] = &[
    ("c-dana", RelationshipKind::ReportsTo, "c-marcus", 4),
    ("c-elena", RelationshipKind::ReportsTo, "c-marcus", 4),
    ("c-hannah", RelationshipKind::ReportsTo, "c-marcus", 3),
    ("c-tom", RelationshipKind::ReportsTo, "c-elena", 3),
    ("c-aisha", RelationshipKind::ReportsTo, "c-elena", 4),
    ("c-ben", RelationshipKind::ReportsTo, "c-aisha", 4),
    ("c-oscar", RelationshipKind::ReportsTo, "c-elena", 3),
    ("c-liam", RelationshipKind::ReportsTo, "c-dana", 3),
    ("c-sofia", RelationshipKind::ReportsTo, "c-tom", 3),
    ("c-raj", RelationshipKind::ReportsTo, "c-tom", 4),
    ("c-grace", RelationshipKind::ReportsTo, "c-tom", 2),
    ("c-grace", RelationshipKind::Influences, "c-elena", 3),
    ("c-raj", RelationshipKind::Influences, "c-tom", 4),
    ("c-aisha", RelationshipKind::AlliesWith, "c-oscar", 4),
    ("c-peter", RelationshipKind::ReportsTo, "c-mei", 2),
    ("c-laura", RelationshipKind::ReportsTo, "c-mei", 4),
    ("c-nina", RelationshipKind::ReportsTo, "c-peter", 3),
    ("c-zoe", RelationshipKind::ReportsTo, "c-laura", 4),
    ("c-yusuf", RelationshipKind::ReportsTo, "c-laura", 3),
    ("c-ivan", RelationshipKind::ReportsTo, "c-nina", 3),
    ("c-ivan", RelationshipKind::Influences, "c-nina", 3),
    ("c-chloe", RelationshipKind::ReportsTo, "c-peter", 3),
    ("c-carlos", RelationshipKind::ReportsTo, "c-henrik", 4),
    ("c-laura", RelationshipKind::ConflictsWith, "c-peter", 3),
    ("c-olivia", RelationshipKind::ReportsTo, "c-samuel", 4),
    ("c-fatima", RelationshipKind::ReportsTo, "c-olivia", 4),
    ("c-daniel", RelationshipKind::ReportsTo, "c-olivia", 3),
    ("c-emma", RelationshipKind::ReportsTo, "c-fatima", 4),
    ("c-rachel", RelationshipKind::ReportsTo, "c-noah", 3),
    ("c-noah", RelationshipKind::Influences, "c-olivia", 4),
    ("c-lucas", RelationshipKind::ConflictsWith, "c-fatima", 4),
    ("c-lucas", RelationshipKind::Influences, "c-samuel", 5),
];

/// (days ago, channel, contacts, teammates, project, sentiment, notes)
type DemoInteraction = (
    u64,
    Channel,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    i8,
    &'static str,
);
const INTERACTIONS: &[DemoInteraction] = &[
    (
        3,
        Channel::InPerson,
        &["c-elena", "c-aisha"],
        &["tm-alex"],
        "p-fleet",
        2,
        "Site visit at the Rotterdam hub; route data shared.",
    ),
    (
        6,
        Channel::Video,
        &["c-tom", "c-raj"],
        &["tm-sam"],
        "p-fleet",
        1,
        "Integration review: telematics APIs look fine.",
    ),
    (
        9,
        Channel::InPerson,
        &["c-dana"],
        &["tm-priya"],
        "p-fleet",
        1,
        "Budget walkthrough; wants phased payments.",
    ),
    (
        12,
        Channel::Email,
        &["c-liam"],
        &["tm-priya"],
        "p-fleet",
        0,
        "Procurement questionnaire returned.",
    ),
    (
        15,
        Channel::Phone,
        &["c-oscar"],
        &["tm-jordan"],
        "p-fleet",
        2,
        "Fleet team keen to start the pilot.",
    ),
    (
        24,
        Channel::InPerson,
        &["c-elena", "c-dana", "c-marcus"],
        &["tm-alex", "tm-priya"],
        "p-fleet",
        1,
        "Quarterly business review.",
    ),
    (
        41,
        Channel::Event,
        &["c-aisha", "c-oscar"],
        &["tm-alex"],
        "",
        2,
        "Met at the logistics summit.",
    ),
    (
        63,
        Channel::Email,
        &["c-ben"],
        &["tm-alex"],
        "p-warehouse",
        1,
        "Pilot scope draft.",
    ),
    (
        88,
        Channel::Video,
        &["c-ben", "c-sofia"],
        &["tm-alex"],
        "p-warehouse",
        1,
        "Data sources for the pilot.",
    ),
    (
        131,
        Channel::InPerson,
        &["c-elena"],
        &["tm-alex"],
        "p-warehouse",
        0,
        "Elena unsure the pilot is a priority.",
    ),
    (
        4,
        Channel::Video,
        &["c-mei"],
        &["tm-priya"],
        "p-lims",
        1,
        "Steering call: timeline agreed.",
    ),
    (
        8,
        Channel::Email,
        &["c-peter"],
        &["tm-priya"],
        "p-lims",
        -1,
        "Peter questions the ROI model.",
    ),
    (
        11,
        Channel::Video,
        &["c-laura"],
        &["tm-jordan"],
        "p-lims",
        -1,
        "Laura frustrated by slow validation support.",
    ),
    (
        19,
        Channel::Phone,
        &["c-laura"],
        &["tm-jordan"],
        "p-lims",
        -2,
        "Escalation about the validation backlog.",
    ),
    (
        27,
        Channel::InPerson,
        &["c-nina", "c-yusuf"],
        &["tm-sam"],
        "p-lims",
        1,
        "Technical workshop in Basel.",
    ),
    (
        52,
        Channel::InPerson,
        &["c-mei", "c-laura"],
        &["tm-priya", "tm-jordan"],
        "p-lims",
        1,
        "Executive lunch.",
    ),
    (
        70,
        Channel::Email,
        &["c-chloe"],
        &["tm-priya"],
        "p-lims",
        0,
        "Vendor onboarding forms.",
    ),
    (
        5,
        Channel::InPerson,
        &["c-henrik", "c-carlos"],
        &["tm-jordan"],
        "p-compliance",
        2,
        "Renewal kickoff; very positive.",
    ),
    (
        14,
        Channel::Video,
        &["c-zoe"],
        &["tm-sam"],
        "p-compliance",
        1,
        "Training plan for new lab staff.",
    ),
    (
        33,
        Channel::InPerson,
        &["c-peter"],
        &["tm-priya"],
        "p-compliance",
        1,
        "Renewal pricing reviewed.",
    ),
    (
        60,
        Channel::Phone,
        &["c-henrik"],
        &["tm-jordan"],
        "p-compliance",
        2,
        "Audit went well with our reports.",
    ),
    (
        2,
        Channel::Chat,
        &["c-fatima"],
        &["tm-alex"],
        "p-onboarding",
        2,
        "Fatima shares the evaluation scorecard.",
    ),
    (
        10,
        Channel::Video,
        &["c-daniel", "c-emma"],
        &["tm-sam", "tm-alex"],
        "p-onboarding",
        1,
        "Architecture deep dive.",
    ),
    (
        18,
        Channel::Email,
        &["c-olivia"],
        &["tm-alex"],
        "p-onboarding",
        1,
        "Olivia asks for references.",
    ),
    (
        36,
        Channel::Video,
        &["c-lucas"],
        &["tm-priya"],
        "p-onboarding",
        -2,
        "Risk objections: data residency.",
    ),
    (
        57,
        Channel::Email,
        &["c-rachel"],
        &["tm-priya"],
        "p-onboarding",
        0,
        "Vendor due diligence started.",
    ),
    (
        121,
        Channel::InPerson,
        &["c-olivia", "c-fatima"],
        &["tm-alex"],
        "p-onboarding",
        1,
        "First meeting at Corvid HQ.",
    ),
    (
        150,
        Channel::Event,
        &["c-samuel"],
        &["tm-priya"],
        "",
        1,
        "Fintech forum panel.",
    ),
    (
        170,
        Channel::InPerson,
        &["c-marcus"],
        &["tm-alex", "tm-priya"],
        "",
        1,
        "Annual partner dinner.",
    ),
    (
        178,
        Channel::Email,
        &["c-ivan"],
        &["tm-sam"],
        "",
        0,
        "Data export question.",
    ),
];

/// The demo's stable UUID for a short key such as `c-dana`.
pub fn id(key: &str) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6a1f_55c2_93d4_4c1e_9d0b_57a4_e3b2_c801);
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

fn ids(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| id(k)).collect()
}

fn string_list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn email_of(name: &str, org: &str) -> String {
    let user: String = name
        .to_lowercase()
        .split_whitespace()
        .map(|part| {
            part.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(".");
    let domain = org.strip_prefix("org-").unwrap_or(org);
    format!("{user}@{domain}.example")
}

/// The operations that write the demo map, dated relative to `today`.
pub fn ops(today: NaiveDate) -> Vec<Op> {
    let put = |record: Record| Op::Put { record };
    let mut ops = Vec::new();
    for (key, name) in ORGS {
        ops.push(put(Record::Organization(Organization {
            id: id(key),
            name: name.to_string(),
            notes: String::new(),
        })));
    }
    for (key, name, email) in TEAM {
        ops.push(put(Record::Teammate(Teammate {
            id: id(key),
            name: name.to_string(),
            email: email.to_string(),
        })));
    }
    for (key, name, title, org, location, tags) in CONTACTS {
        ops.push(put(Record::Contact(Contact {
            id: id(key),
            name: name.to_string(),
            title: title.to_string(),
            organization: Some(id(org)),
            email: email_of(name, org),
            phone: String::new(),
            location: location.to_string(),
            tags: string_list(tags),
            notes: String::new(),
            cadence_days: None,
        })));
    }
    for (index, (key, name, org, status, stage, days, roles)) in PROJECTS.iter().enumerate() {
        let (col, row) = ((index % 2) as f64, (index / 2) as f64);
        ops.push(put(Record::Project(Project {
            id: id(key),
            name: name.to_string(),
            organization: Some(id(org)),
            status: *status,
            stage: stage.to_string(),
            target_date: today
                .checked_add_days(Days::new(*days))
                .map(|d| d.to_string()),
            required_roles: roles.to_vec(),
            notes: String::new(),
            frame: Frame {
                x: col * (FRAME_W + GAP),
                y: row * (FRAME_H + GAP),
                width: FRAME_W,
                height: FRAME_H,
            },
            weights: None,
        })));
    }
    let mut slot = std::collections::HashMap::<&str, usize>::new();
    for (project, contact, role, stance, influence, interest, owner, health) in STAKES {
        let n = slot.entry(project).or_default();
        let (col, row) = ((*n % 3) as f64, (*n / 3) as f64);
        *n += 1;
        ops.push(put(Record::Stake(Stake {
            id: id(&format!("s-{project}-{contact}")),
            project: id(project),
            contact: id(contact),
            role: *role,
            stance: *stance,
            influence: *influence,
            interest: *interest,
            owner: Some(id(owner)),
            health: Some(*health),
            notes: String::new(),
            x: 24.0 + col * 208.0,
            y: 64.0 + row * 96.0,
        })));
    }
    for (n, (from, kind, to, strength)) in RELATIONSHIPS.iter().enumerate() {
        ops.push(put(Record::Relationship(Relationship {
            id: id(&format!("r-{n:02}")),
            from: id(from),
            to: id(to),
            kind: *kind,
            strength: *strength,
            notes: String::new(),
        })));
    }
    for (n, (days_ago, channel, contacts, teammates, project, sentiment, notes)) in
        INTERACTIONS.iter().enumerate()
    {
        let date = today
            .checked_sub_days(Days::new(*days_ago))
            .unwrap_or(today);
        ops.push(put(Record::Interaction(Interaction {
            id: id(&format!("i-{n:02}")),
            date: date.to_string(),
            channel: *channel,
            contacts: ids(contacts),
            teammates: ids(teammates),
            project: (!project.is_empty()).then(|| id(project)),
            sentiment: Some(*sentiment),
            notes: notes.to_string(),
        })));
    }
    ops
}

/// The demo map as one operation.
pub fn op(today: NaiveDate) -> Op {
    Op::Batch {
        label: "Create demo map".into(),
        ops: ops(today),
    }
}
