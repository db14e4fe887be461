//! The knobs of the coverage model and their documented defaults (docs/coverage.md).

use serde::{Deserialize, Serialize};
use specta::Type;

use super::ComponentName;
use crate::model::{Channel, Role, Settings};

/// How much each component counts in the score. Only the ratios matter: the score divides by
/// the sum (a weight of 0 leaves a component out).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct Weights {
    pub roles: f64,
    pub support: f64,
    pub threading: f64,
    pub pulse: f64,
    pub reach: f64,
    pub perception: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            roles: 0.30,
            support: 0.15,
            threading: 0.15,
            pulse: 0.20,
            reach: 0.10,
            perception: 0.10,
        }
    }
}

impl Weights {
    /// The weight of a component.
    pub fn of(&self, name: ComponentName) -> f64 {
        match name {
            ComponentName::Roles => self.roles,
            ComponentName::Support => self.support,
            ComponentName::Threading => self.threading,
            ComponentName::Pulse => self.pulse,
            ComponentName::Reach => self.reach,
            ComponentName::PerceptionGap => self.perception,
        }
    }
}

/// Stay-in-touch cadences for face-to-face contact, in days, by the role a contact holds on the
/// project; a contact's own `cadence_days` wins over these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Cadences {
    pub decision_maker: u16,
    pub economic_buyer: u16,
    pub champion: u16,
    pub sponsor: u16,
    /// Every other role.
    pub other: u16,
}

impl Default for Cadences {
    fn default() -> Cadences {
        Cadences {
            decision_maker: 60,
            economic_buyer: 60,
            champion: 30,
            sponsor: 60,
            other: 90,
        }
    }
}

impl Cadences {
    /// The cadence for a role.
    pub fn for_role(&self, role: Role) -> u16 {
        match role {
            Role::DecisionMaker => self.decision_maker,
            Role::EconomicBuyer => self.economic_buyer,
            Role::Champion => self.champion,
            Role::Sponsor => self.sponsor,
            _ => self.other,
        }
    }
}

/// How much a touchpoint on each channel counts towards pulse (0..1); face-to-face is 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct ChannelWeights {
    pub in_person: f64,
    pub video: f64,
    pub event: f64,
    pub phone: f64,
    pub chat: f64,
    pub email: f64,
}

impl Default for ChannelWeights {
    fn default() -> ChannelWeights {
        ChannelWeights {
            in_person: 1.0,
            video: 0.7,
            event: 0.6,
            phone: 0.5,
            chat: 0.3,
            email: 0.3,
        }
    }
}

impl ChannelWeights {
    /// The weight of a channel.
    pub fn of(&self, channel: Channel) -> f64 {
        match channel {
            Channel::InPerson => self.in_person,
            Channel::Video => self.video,
            Channel::Event => self.event,
            Channel::Phone => self.phone,
            Channel::Chat => self.chat,
            Channel::Email => self.email,
        }
    }
}

/// Where the colour bands start, on the 0..100 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct BandThresholds {
    /// A score at or above this is green...
    pub green: u8,
    /// ...at or above this amber, below it red.
    pub amber: u8,
}

impl Default for BandThresholds {
    fn default() -> BandThresholds {
        BandThresholds {
            green: 75,
            amber: 60,
        }
    }
}

/// Everything the coverage model can be tuned with. `Config::default()` is the documented model.
/// A map's [`Settings`] set the weights, cadences and bands (see [`Config::with_settings`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Config {
    pub weights: Weights,
    pub cadences: Cadences,
    pub channels: ChannelWeights,
    pub bands: BandThresholds,
    /// "Recent": interactions within this many days before today count for threading,
    /// engagement and expressed sentiment.
    pub active_days: u16,
    /// Influence at or above this makes a stakeholder high-influence (support, key, opponents).
    pub high_influence: u8,
    /// Threading is full with this many teammates holding relationships...
    pub target_teammates: u8,
    /// ...and this many stakeholders engaged in the active window.
    pub target_engaged: u8,
    /// A perception gap is reported when our health rating exceeds the contact's average
    /// recent sentiment by at least this much.
    pub perception_gap: f64,
    /// How much a senior person in a stakeholder's organization counts in reach on seniority
    /// alone (a manager or influencer of a stakeholder counts up to 1).
    pub senior_weight: f64,
    /// At most this many `unmapped_stakeholder` findings per project (the best ranked)...
    pub max_unmapped_findings: u8,
    /// ...and this many suggestions.
    pub max_suggestions: u8,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            weights: Weights::default(),
            cadences: Cadences::default(),
            channels: ChannelWeights::default(),
            bands: BandThresholds::default(),
            active_days: 90,
            high_influence: 4,
            target_teammates: 2,
            target_engaged: 3,
            perception_gap: 2.0,
            senior_weight: 0.25,
            max_unmapped_findings: 3,
            max_suggestions: 3,
        }
    }
}

impl Config {
    /// This config with a map's weights, cadences and bands.
    pub fn with_settings(&self, settings: &Settings) -> Config {
        Config {
            weights: settings.weights,
            cadences: settings.cadences,
            bands: settings.bands,
            ..self.clone()
        }
    }
}
