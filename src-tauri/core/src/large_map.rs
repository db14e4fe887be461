//! A large map laid out on the canvas, for the canvas benchmark: project frames in a grid, each
//! with its stake cards in rows inside it, relationships between people on the same project,
//! and interactions. Made from a seed: the same sizes and seed always give the same map.
//!
//! The people, projects and interactions come from [`crate::coverage::synthetic`]; this module
//! places them (as the app places cards dropped in a row) and links stakeholders of the same
//! project so that the canvas has edges to draw.

use chrono::NaiveDate;

use crate::coverage::synthetic::{self, Rng, Scale};
use crate::model::{Frame, Record, Relationship, RelationshipKind, Snapshot};
use crate::ops::Op;

/// The card grid inside a frame, as the UI lays out cards (`CARD_GRID` in `ui/src/model/records.ts`).
const CARD_X: f64 = 24.0;
const CARD_Y: f64 = 64.0;
const CARD_STEP_X: f64 = 208.0;
const CARD_STEP_Y: f64 = 96.0;
const CARD_COLUMNS: usize = 3;
/// A frame is three cards wide; the space between frames.
const FRAME_W: f64 = 660.0;
const FRAME_GAP: f64 = 60.0;

/// How big a map to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeMap {
    /// Project frames.
    pub frames: usize,
    /// Stake cards, spread evenly over the frames.
    pub cards: usize,
}

impl LargeMap {
    /// The issue's benchmark map: 2,000 stake cards across 200 project frames.
    pub const CANVAS_BENCHMARK: LargeMap = LargeMap {
        frames: 200,
        cards: 2_000,
    };

    /// Generates the map from `seed`, with interactions in the year before `today`.
    ///
    /// Three contacts in four are on one project and the rest on several, so some cards show the
    /// "on several projects" mark. Each project gets about one relationship per two cards, all
    /// between its own stakeholders.
    pub fn generate(self, seed: u64, today: NaiveDate) -> Snapshot {
        let frames = self.frames.max(1);
        let scale = Scale {
            organizations: frames.div_ceil(10),
            teammates: 12,
            contacts: (self.cards * 3 / 4).max(1),
            projects: frames,
            stakes: self.cards,
            relationships: 0,
            interactions: self.cards,
        };
        let mut map = synthetic::generate(scale, seed, today);
        let mut rng = Rng::new(seed ^ 0x5eed_ca7a);

        // Frames in a grid about as wide as it is tall (on screen, where frames are wider).
        let per_frame = self.cards.div_ceil(frames);
        let rows_in_frame = per_frame.div_ceil(CARD_COLUMNS).max(1);
        let frame_h = CARD_Y + rows_in_frame as f64 * CARD_STEP_Y + 8.0;
        let columns = (((frames as f64) * (frame_h + FRAME_GAP) / (FRAME_W + FRAME_GAP))
            .sqrt()
            .ceil() as usize)
            .max(1);
        let mut index_of = std::collections::HashMap::new();
        for (n, project) in map.projects.iter_mut().enumerate() {
            index_of.insert(project.id.clone(), n);
            let (col, row) = ((n % columns) as f64, (n / columns) as f64);
            project.frame = Frame {
                x: col * (FRAME_W + FRAME_GAP),
                y: row * (frame_h + FRAME_GAP),
                width: FRAME_W,
                height: frame_h,
            };
        }

        // Cards in rows inside their frame, in the order they were made.
        let mut on_project: Vec<Vec<String>> = vec![Vec::new(); map.projects.len()];
        for stake in &mut map.stakes {
            let Some(&p) = index_of.get(&stake.project) else {
                continue;
            };
            let slot = on_project[p].len();
            stake.x = CARD_X + (slot % CARD_COLUMNS) as f64 * CARD_STEP_X;
            stake.y = CARD_Y + (slot / CARD_COLUMNS) as f64 * CARD_STEP_Y;
            on_project[p].push(stake.contact.clone());
        }

        // Relationships between stakeholders of the same project.
        for people in &on_project {
            if people.len() < 2 {
                continue;
            }
            for _ in 0..people.len() / 2 {
                let a = rng.below(people.len());
                let b = (a + 1 + rng.below(people.len() - 1)) % people.len();
                let kind = match rng.below(10) {
                    0..=4 => RelationshipKind::ReportsTo,
                    5..=7 => RelationshipKind::Influences,
                    8 => RelationshipKind::AlliesWith,
                    _ => RelationshipKind::ConflictsWith,
                };
                map.relationships.push(Relationship {
                    id: synthetic::id("r", map.relationships.len()),
                    from: people[a].clone(),
                    to: people[b].clone(),
                    kind,
                    strength: 1 + rng.below(5) as u8,
                    notes: String::new(),
                });
            }
        }
        map
    }
}

/// The items of a generated map as one operation that writes them (in one transaction, so one
/// undo step). The map's settings are left as they are.
pub fn write_op(map: Snapshot, label: impl Into<String>) -> Op {
    let Snapshot {
        organizations,
        teammates,
        contacts,
        projects,
        stakes,
        relationships,
        interactions,
        ..
    } = map;
    let records = organizations
        .into_iter()
        .map(Record::Organization)
        .chain(teammates.into_iter().map(Record::Teammate))
        .chain(contacts.into_iter().map(Record::Contact))
        .chain(projects.into_iter().map(Record::Project))
        .chain(stakes.into_iter().map(Record::Stake))
        .chain(relationships.into_iter().map(Record::Relationship))
        .chain(interactions.into_iter().map(Record::Interaction));
    Op::Batch {
        label: label.into(),
        ops: records.map(|record| Op::Put { record }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    #[test]
    fn the_benchmark_map_has_its_size_and_every_card_inside_its_frame() {
        let map = LargeMap::CANVAS_BENCHMARK.generate(1, today());
        assert_eq!(map.projects.len(), 200);
        assert_eq!(map.stakes.len(), 2_000);
        assert!(
            map.relationships.len() >= 900,
            "{}",
            map.relationships.len()
        );
        for stake in &map.stakes {
            let project = map.projects.iter().find(|p| p.id == stake.project).unwrap();
            assert!(stake.x + 188.0 <= project.frame.width, "{stake:?}");
            assert!(stake.y + 76.0 <= project.frame.height, "{stake:?}");
        }
        // Frames do not overlap.
        for (i, a) in map.projects.iter().enumerate() {
            for b in &map.projects[i + 1..] {
                let (a, b) = (a.frame, b.frame);
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height <= b.y
                    || b.y + b.height <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        // Some contacts are on several projects.
        let mut contacts: Vec<&str> = map.stakes.iter().map(|s| s.contact.as_str()).collect();
        contacts.sort_unstable();
        contacts.dedup();
        assert!(contacts.len() < map.stakes.len());
    }

    #[test]
    fn the_same_seed_gives_the_same_map() {
        let small = LargeMap {
            frames: 12,
            cards: 100,
        };
        assert_eq!(small.generate(3, today()), small.generate(3, today()));
        assert_ne!(small.generate(3, today()), small.generate(4, today()));
    }
}
