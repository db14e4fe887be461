//! Coverage: how well each project is covered by relationships, as a score 0..100, a colour band,
//! the components the score is made of (each explaining itself) and findings that name people.
//!
//! The model and its defaults are documented in `docs/coverage.md`. In short, six components,
//! each 0..1, are weighted into the score:
//!
//! - **roles**: the project's required roles are held by contacts who are not opposed;
//! - **support**: the share of high-influence stakeholders who are supporters or champions;
//! - **threading**: teammates holding relationships into the project, and engaged stakeholders;
//! - **pulse**: how recently we were in touch with each key stakeholder, face-to-face counting
//!   most, fading with the contact's stay-in-touch cadence;
//! - **reach**: how much of the people around the stakeholders (managers, influencers, senior
//!   colleagues) is on the project;
//! - **perception gap**: whether our rating of a relationship matches what the contact expressed.
//!
//! Every entry point takes `today`, so results are reproducible. [`score`] scores a snapshot once;
//! [`Engine`] keeps an index of a map and rescores only the projects an edit touches.
//!
//! ```
//! use chrono::NaiveDate;
//! use stakemap_core::{Snapshot, coverage::{self, Config}};
//! let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default();
//! let results = coverage::score(&Snapshot::default(), today, &Config::default());
//! assert!(results.is_empty());
//! ```

mod config;
mod engine;
mod graph;
mod index;
mod score;
pub mod synthetic;
mod text;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::model::{Id, Role, Snapshot};

pub use config::{BandThresholds, Cadences, ChannelWeights, Config, Weights};
pub use engine::Engine;

/// The colour of a project's coverage.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Red,
    Amber,
    Green,
}

impl Band {
    /// The snake_case name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Band::Red => "red",
            Band::Amber => "amber",
            Band::Green => "green",
        }
    }
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The parts the score is made of.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ComponentName {
    Roles,
    Support,
    Threading,
    Pulse,
    Reach,
    PerceptionGap,
}

impl ComponentName {
    /// Every component, in the order results list them.
    pub const ALL: [ComponentName; 6] = [
        ComponentName::Roles,
        ComponentName::Support,
        ComponentName::Threading,
        ComponentName::Pulse,
        ComponentName::Reach,
        ComponentName::PerceptionGap,
    ];

    /// The snake_case name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            ComponentName::Roles => "roles",
            ComponentName::Support => "support",
            ComponentName::Threading => "threading",
            ComponentName::Pulse => "pulse",
            ComponentName::Reach => "reach",
            ComponentName::PerceptionGap => "perception_gap",
        }
    }
}

/// One component of a project's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Component {
    pub name: ComponentName,
    /// 0 (uncovered) ..1 (fully covered), rounded to three decimals.
    pub value: f64,
    /// Its weight in the score (see [`Weights`]).
    pub weight: f64,
    /// What the value means, in a sentence that names people.
    pub explanation: String,
}

/// The kinds of finding. Their names are stable: the UI and scripts branch on them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A required role is held by no mapped contact (`role`).
    MissingRole,
    /// A required role is held only by contacts with a negative stance (`role`, `contacts`).
    RoleHeldByOpponent,
    /// A stakeholder with influence 4 or 5 has a negative stance.
    InfluentialOpponent,
    /// One teammate holds every relationship into the project (`teammate`).
    SingleOwner,
    /// No teammate holds a relationship into the project: no stake has an owner and no teammate
    /// met a stakeholder in the active window.
    NoOwner,
    /// One stakeholder or none had an interaction in the active window.
    SingleContact,
    /// A stakeholder in a required role was not met in person within their cadence (`days`
    /// since; none when never met in person).
    StaleContact,
    /// Our rating of the relationship (stake health) is well above the contact's recent
    /// expressed sentiment.
    PerceptionGap,
    /// Someone not on the project manages or influences a stakeholder (`contacts` is that
    /// person, `via` the stakeholders they are linked to).
    UnmappedStakeholder,
}

impl FindingKind {
    /// The snake_case name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::MissingRole => "missing_role",
            FindingKind::RoleHeldByOpponent => "role_held_by_opponent",
            FindingKind::InfluentialOpponent => "influential_opponent",
            FindingKind::SingleOwner => "single_owner",
            FindingKind::NoOwner => "no_owner",
            FindingKind::SingleContact => "single_contact",
            FindingKind::StaleContact => "stale_contact",
            FindingKind::PerceptionGap => "perception_gap",
            FindingKind::UnmappedStakeholder => "unmapped_stakeholder",
        }
    }
}

/// Something about a project's coverage worth acting on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Finding {
    pub kind: FindingKind,
    /// The contacts it is about (ids), most important first.
    pub contacts: Vec<Id>,
    /// The required role it is about (`missing_role`, `role_held_by_opponent`, `stale_contact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub role: Option<Role>,
    /// Days since the contact was last met in person (`stale_contact`; absent when never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub days: Option<u32>,
    /// The mapped stakeholders an unmapped person is linked to (`unmapped_stakeholder`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub via: Vec<Id>,
    /// The teammate it is about (`single_owner`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub teammate: Option<Id>,
    /// A plain sentence that names the people.
    pub message: String,
}

/// Someone who is not on the project but has a stake in it ("who else has a stake").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Suggestion {
    pub contact: Id,
    /// The mapped stakeholders they manage or influence (empty when only their seniority in a
    /// stakeholder's organization links them).
    pub via: Vec<Id>,
    /// How much they matter to the project, 0..1 (suggestions come best first).
    pub weight: f64,
    /// Why, in a sentence that names them.
    pub reason: String,
}

/// A project's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Coverage {
    /// The project's id.
    pub project: Id,
    /// The project's name.
    pub name: String,
    /// 0..100.
    pub score: u8,
    pub band: Band,
    /// The six components, in [`ComponentName::ALL`] order.
    pub components: Vec<Component>,
    /// What to act on, most serious kinds first.
    pub findings: Vec<Finding>,
    /// People to consider adding to the project, best first.
    pub suggestions: Vec<Suggestion>,
}

impl Coverage {
    /// The component with this name.
    pub fn component(&self, name: ComponentName) -> Option<&Component> {
        self.components.iter().find(|c| c.name == name)
    }

    /// The findings of one kind.
    pub fn findings_of(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }
}

/// Scores every project of `snapshot` as of `today`, in the snapshot's project order.
pub fn score(snapshot: &Snapshot, today: chrono::NaiveDate, config: &Config) -> Vec<Coverage> {
    Engine::new(snapshot, today, config.clone()).results()
}
