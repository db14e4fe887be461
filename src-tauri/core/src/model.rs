//! The map's domain model: what a `.stakemap` file holds.
//!
//! Ids are opaque strings (UUIDs when Stakemap makes them) so that they cross the IPC bridge and
//! JSON files unchanged. Small integers use the narrowest type that holds their range.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::coverage::{BandThresholds, Cadences, Weights};

/// The id of any item in a map.
pub type Id = String;

/// Makes a fresh id (a random UUID).
pub fn new_id() -> Id {
    uuid::Uuid::new_v4().to_string()
}

/// Declares a string enum with its snake_case names and labels for people.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal, $label:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
        #[serde(rename_all = "snake_case")]
        $(#[$meta])*
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The snake_case name used in files and on the command line.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses the snake_case name.
            pub fn from_key(key: &str) -> Option<$name> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum! {
    /// A stakeholder's part in a project's decision (MEDDPICC / Miller Heiman buying influences).
    Role {
        DecisionMaker = "decision_maker", "Decision maker";
        EconomicBuyer = "economic_buyer", "Economic buyer";
        Champion = "champion", "Champion";
        Coach = "coach", "Coach";
        Influencer = "influencer", "Influencer";
        TechnicalEvaluator = "technical_evaluator", "Technical evaluator";
        User = "user", "User";
        /// Gatekeeper or blocker.
        Gatekeeper = "gatekeeper", "Gatekeeper / blocker";
        Sponsor = "sponsor", "Sponsor";
    }
}

labelled_enum! {
    /// How a touchpoint happened. Only `InPerson` counts as face-to-face.
    /// (Named `ContactChannel` in TypeScript, where `Channel` is Tauri's IPC channel.)
    #[serde(rename = "ContactChannel")]
    Channel {
        InPerson = "in_person", "In person";
        Video = "video", "Video call";
        Phone = "phone", "Phone";
        Email = "email", "Email";
        Chat = "chat", "Chat";
        Event = "event", "Event";
    }
}

labelled_enum! {
    /// How one contact relates to another (`from` → `to`).
    RelationshipKind {
        ReportsTo = "reports_to", "Reports to";
        Influences = "influences", "Influences";
        AlliesWith = "allies_with", "Allies with";
        ConflictsWith = "conflicts_with", "Conflicts with";
    }
}

labelled_enum! {
    /// Where a project stands.
    ProjectStatus {
        Active = "active", "Active";
        OnHold = "on_hold", "On hold";
        Won = "won", "Won";
        Lost = "lost", "Lost";
        Done = "done", "Done";
    }
}

/// A stance (-2..+2) in words: opponent, skeptic, neutral, supporter, champion.
pub fn stance_label(stance: i8) -> &'static str {
    match stance {
        i8::MIN..=-2 => "opponent",
        -1 => "skeptic",
        0 => "neutral",
        1 => "supporter",
        _ => "champion",
    }
}

/// The role a contact gets when first placed on a project.
pub const DEFAULT_ROLE: Role = Role::Influencer;

/// The roles a new project requires unless told otherwise.
pub const DEFAULT_REQUIRED_ROLES: [Role; 3] =
    [Role::DecisionMaker, Role::EconomicBuyer, Role::Champion];

/// A customer company or unit (an account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Organization {
    pub id: Id,
    pub name: String,
    pub notes: String,
}

/// A person on our side who can own relationships.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Teammate {
    pub id: Id,
    pub name: String,
    pub email: String,
}

/// A person on the customer side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Contact {
    pub id: Id,
    pub name: String,
    pub title: String,
    /// The organization they work for.
    pub organization: Option<Id>,
    pub email: String,
    pub phone: String,
    pub location: String,
    pub tags: Vec<String>,
    pub notes: String,
    /// Stay-in-touch cadence for face-to-face contact, in days; `None` uses the role's default.
    pub cadence_days: Option<u16>,
}

impl Contact {
    /// A contact with an id and a name, every other field empty.
    pub fn named(id: impl Into<Id>, name: impl Into<String>) -> Contact {
        Contact {
            id: id.into(),
            name: name.into(),
            title: String::new(),
            organization: None,
            email: String::new(),
            phone: String::new(),
            location: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            cadence_days: None,
        }
    }
}

/// A project frame's place and size on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct Frame {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// An ongoing project, deal or initiative with an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Project {
    pub id: Id,
    pub name: String,
    pub organization: Option<Id>,
    pub status: ProjectStatus,
    /// Free-form stage ("Discovery", "Proposal"...).
    pub stage: String,
    /// Target date, `YYYY-MM-DD`.
    pub target_date: Option<String>,
    /// Roles the project needs covered by mapped contacts.
    pub required_roles: Vec<Role>,
    pub notes: String,
    pub frame: Frame,
    /// The project's own coverage weights; `None` uses the map's ([`Settings::weights`]).
    #[serde(default)]
    #[specta(optional)]
    pub weights: Option<Weights>,
}

impl Project {
    /// An active project with an id and a name, the default required roles, and a 600×400
    /// frame at the origin.
    pub fn named(id: impl Into<Id>, name: impl Into<String>) -> Project {
        Project {
            id: id.into(),
            name: name.into(),
            organization: None,
            status: ProjectStatus::Active,
            stage: String::new(),
            target_date: None,
            required_roles: DEFAULT_REQUIRED_ROLES.to_vec(),
            notes: String::new(),
            frame: Frame {
                x: 0.0,
                y: 0.0,
                width: 600.0,
                height: 400.0,
            },
            weights: None,
        }
    }
}

/// A contact placed on a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Stake {
    pub id: Id,
    pub project: Id,
    pub contact: Id,
    pub role: Role,
    /// Opponent (-2) to champion (+2).
    pub stance: i8,
    /// 1..5
    pub influence: u8,
    /// 1..5
    pub interest: u8,
    /// The teammate who holds this relationship.
    pub owner: Option<Id>,
    /// Our own view of the relationship's health, -2..+2.
    pub health: Option<i8>,
    pub notes: String,
    /// Position of the card inside its project frame.
    pub x: f64,
    pub y: f64,
}

/// A link between two contacts, `from` → `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Relationship {
    pub id: Id,
    pub from: Id,
    pub to: Id,
    pub kind: RelationshipKind,
    /// 1 (weak) ..5 (strong)
    pub strength: u8,
    pub notes: String,
}

/// A dated touchpoint with contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Interaction {
    pub id: Id,
    /// `YYYY-MM-DD`
    pub date: String,
    pub channel: Channel,
    /// The contacts present (at least one).
    pub contacts: Vec<Id>,
    /// The teammates present.
    pub teammates: Vec<Id>,
    /// The project it was about, if any.
    pub project: Option<Id>,
    /// The contact's expressed sentiment, -2..+2.
    pub sentiment: Option<i8>,
    pub notes: String,
}

/// The id of a map's one [`Settings`] record.
pub const SETTINGS_ID: &str = "map";

/// Map-wide settings: the coverage model's weights, stay-in-touch cadences and colour bands, and
/// the roles a new project requires. A map has exactly one (id [`SETTINGS_ID`]); a map that never
/// changed them has the documented defaults (docs/coverage.md). They change through `Op::Put` like
/// any item, so the change is undoable; `Op::Delete` resets them to the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Settings {
    /// Always [`SETTINGS_ID`].
    pub id: Id,
    /// The roles a new project requires unless told otherwise.
    pub default_required_roles: Vec<Role>,
    /// How much each coverage component counts (a project may override them).
    pub weights: Weights,
    /// Stay-in-touch cadences by role, for contacts without their own.
    pub cadences: Cadences,
    /// Where the coverage colour bands start.
    pub bands: BandThresholds,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            id: SETTINGS_ID.to_string(),
            default_required_roles: DEFAULT_REQUIRED_ROLES.to_vec(),
            weights: Weights::default(),
            cadences: Cadences::default(),
            bands: BandThresholds::default(),
        }
    }
}

/// The kinds of item a map holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Organization,
    Teammate,
    Contact,
    Project,
    Stake,
    Relationship,
    Interaction,
    /// The map's one [`Settings`] record.
    Settings,
}

impl EntityKind {
    /// Every kind, parents before the items that refer to them.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Organization,
        EntityKind::Teammate,
        EntityKind::Contact,
        EntityKind::Project,
        EntityKind::Stake,
        EntityKind::Relationship,
        EntityKind::Interaction,
        EntityKind::Settings,
    ];

    /// The singular name used in messages (`contact`).
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Organization => "organization",
            EntityKind::Teammate => "teammate",
            EntityKind::Contact => "contact",
            EntityKind::Project => "project",
            EntityKind::Stake => "stake",
            EntityKind::Relationship => "relationship",
            EntityKind::Interaction => "interaction",
            EntityKind::Settings => "settings",
        }
    }

    /// Parses the singular or plural name (`contact`, `contacts`).
    pub fn parse(name: &str) -> Option<EntityKind> {
        let singular = name.strip_suffix('s').unwrap_or(name);
        EntityKind::ALL
            .into_iter()
            .find(|k| k.name() == singular || k.name() == name)
    }
}

/// Any one item of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", content = "item", rename_all = "snake_case")]
pub enum Record {
    Organization(Organization),
    Teammate(Teammate),
    Contact(Contact),
    Project(Project),
    Stake(Stake),
    Relationship(Relationship),
    Interaction(Interaction),
    Settings(Settings),
}

impl Record {
    /// The item's kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Record::Organization(_) => EntityKind::Organization,
            Record::Teammate(_) => EntityKind::Teammate,
            Record::Contact(_) => EntityKind::Contact,
            Record::Project(_) => EntityKind::Project,
            Record::Stake(_) => EntityKind::Stake,
            Record::Relationship(_) => EntityKind::Relationship,
            Record::Interaction(_) => EntityKind::Interaction,
            Record::Settings(_) => EntityKind::Settings,
        }
    }

    /// The item's id.
    pub fn id(&self) -> &str {
        match self {
            Record::Organization(r) => &r.id,
            Record::Teammate(r) => &r.id,
            Record::Contact(r) => &r.id,
            Record::Project(r) => &r.id,
            Record::Stake(r) => &r.id,
            Record::Relationship(r) => &r.id,
            Record::Interaction(r) => &r.id,
            Record::Settings(r) => &r.id,
        }
    }

    pub(crate) fn id_mut(&mut self) -> &mut Id {
        match self {
            Record::Organization(r) => &mut r.id,
            Record::Teammate(r) => &mut r.id,
            Record::Contact(r) => &mut r.id,
            Record::Project(r) => &mut r.id,
            Record::Stake(r) => &mut r.id,
            Record::Relationship(r) => &mut r.id,
            Record::Interaction(r) => &mut r.id,
            Record::Settings(r) => &mut r.id,
        }
    }
}

/// Everything in a map, as the UI loads it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Snapshot {
    pub organizations: Vec<Organization>,
    pub teammates: Vec<Teammate>,
    pub contacts: Vec<Contact>,
    pub projects: Vec<Project>,
    pub stakes: Vec<Stake>,
    pub relationships: Vec<Relationship>,
    pub interactions: Vec<Interaction>,
    /// The map's settings (the defaults when it never changed them).
    pub settings: Settings,
}

/// How many items of each kind a map holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Summary {
    pub organizations: u32,
    pub teammates: u32,
    pub contacts: u32,
    pub projects: u32,
    pub stakes: u32,
    pub relationships: u32,
    pub interactions: u32,
}
