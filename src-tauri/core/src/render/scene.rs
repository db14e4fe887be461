//! What an export shows, worked out from the model the way the canvas does it
//! (`ui/src/components/canvas/graph.ts`): frames at their absolute places, cards at their places
//! inside them, edges between the cards of related contacts on the same project, and the area to
//! show.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::coverage::{self, Band, Config};
use crate::error::{Error, Result};
use crate::lookup::{by_id, names_by_id};
use crate::model::{Project, RelationshipKind, Role, Snapshot};

use super::style::{CARD_HEIGHT, CARD_WIDTH, MARGIN};
use super::{Names, RenderOptions, Scope};

/// A rectangle in canvas coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.width
    }

    fn bottom(&self) -> f64 {
        self.y + self.height
    }

    fn union(self, other: Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }

    fn grow(self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            width: self.width + 2.0 * by,
            height: self.height + 2.0 * by,
        }
    }

    /// Whether the two overlap (touching counts).
    pub fn meets(&self, other: &Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }
}

/// A project frame.
pub struct FrameItem<'a> {
    pub project: &'a Project,
    pub rect: Rect,
    pub organization: Option<&'a str>,
    pub stakes: usize,
    pub coverage: Option<(u8, Band)>,
}

/// A stake card.
pub struct CardItem {
    pub rect: Rect,
    pub name: String,
    pub title: String,
    pub role: Role,
    pub stance: i8,
    pub owner_initials: String,
    /// "today", "3 d", "5 wk", "4 mo", or "never".
    pub last_contact: String,
    /// Projects the contact holds a stake in (the canvas marks ×N when over one).
    pub projects: usize,
}

/// A relationship edge, card centre to card centre.
pub struct EdgeItem {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub kind: RelationshipKind,
}

/// Everything one export draws, in drawing order (frames, then edges, then cards).
pub struct Scene<'a> {
    /// The canvas area the image shows.
    pub view: Rect,
    pub frames: Vec<FrameItem<'a>>,
    pub edges: Vec<EdgeItem>,
    pub cards: Vec<CardItem>,
}

/// Lays out `snapshot` for `options` as of `today`.
pub fn build<'a>(
    snapshot: &'a Snapshot,
    options: &RenderOptions,
    today: NaiveDate,
) -> Result<Scene<'a>> {
    let only = match &options.scope {
        Scope::Project { id } => {
            if !snapshot.projects.iter().any(|p| &p.id == id) {
                return Err(Error::NotFound {
                    kind: "project",
                    id: id.clone(),
                });
            }
            Some(id.as_str())
        }
        _ => None,
    };
    let organizations = names_by_id(&snapshot.organizations);
    let contacts = by_id(&snapshot.contacts);
    let teammates = names_by_id(&snapshot.teammates);
    let mut last_seen: HashMap<&str, &str> = HashMap::new();
    for interaction in &snapshot.interactions {
        for contact in &interaction.contacts {
            let seen = last_seen.entry(contact.as_str()).or_insert("");
            if interaction.date.as_str() > *seen {
                *seen = interaction.date.as_str();
            }
        }
    }
    let mut project_counts: HashMap<&str, usize> = HashMap::new();
    let mut stake_counts: HashMap<&str, usize> = HashMap::new();
    for stake in &snapshot.stakes {
        *project_counts.entry(stake.contact.as_str()).or_default() += 1;
        *stake_counts.entry(stake.project.as_str()).or_default() += 1;
    }
    let coverage: HashMap<String, (u8, Band)> = if options.coverage {
        coverage::score(snapshot, today, &Config::default())
            .into_iter()
            .map(|c| (c.project, (c.score, c.band)))
            .collect()
    } else {
        HashMap::new()
    };

    let mut frames = Vec::new();
    let mut origin: HashMap<&str, (f64, f64)> = HashMap::new();
    for project in &snapshot.projects {
        if only.is_some_and(|id| id != project.id) {
            continue;
        }
        let f = project.frame;
        origin.insert(project.id.as_str(), (f.x, f.y));
        frames.push(FrameItem {
            project,
            rect: Rect {
                x: f.x,
                y: f.y,
                width: f.width.max(0.0),
                height: f.height.max(0.0),
            },
            organization: project
                .organization
                .as_deref()
                .and_then(|o| organizations.get(o).copied()),
            stakes: stake_counts.get(project.id.as_str()).copied().unwrap_or(0),
            coverage: coverage.get(&project.id).copied(),
        });
    }

    let mut cards = Vec::new();
    // (project, contact) → the card's centre, for the edges.
    let mut centres: HashMap<(&str, &str), (f64, f64)> = HashMap::new();
    for stake in &snapshot.stakes {
        let Some(&(fx, fy)) = origin.get(stake.project.as_str()) else {
            continue;
        };
        let rect = Rect {
            x: fx + stake.x,
            y: fy + stake.y,
            width: CARD_WIDTH,
            height: CARD_HEIGHT,
        };
        centres.insert(
            (stake.project.as_str(), stake.contact.as_str()),
            (rect.x + CARD_WIDTH / 2.0, rect.y + CARD_HEIGHT / 2.0),
        );
        let contact = contacts.get(stake.contact.as_str());
        let name = contact.map_or("Unknown contact", |c| c.name.as_str());
        let owner = stake.owner.as_deref().and_then(|o| teammates.get(o));
        cards.push(CardItem {
            rect,
            name: match options.names {
                Names::Full => name.to_string(),
                Names::Initials => initials(name),
            },
            title: contact.map(|c| c.title.clone()).unwrap_or_default(),
            role: stake.role,
            stance: stake.stance,
            owner_initials: owner.map(|n| initials(n)).unwrap_or_default(),
            last_contact: last_seen
                .get(stake.contact.as_str())
                .and_then(|d| since(d, today))
                .unwrap_or_else(|| "never".to_string()),
            projects: project_counts
                .get(stake.contact.as_str())
                .copied()
                .unwrap_or(1),
        });
    }

    let mut edges = Vec::new();
    for relationship in &snapshot.relationships {
        for frame in &frames {
            let project = frame.project.id.as_str();
            let from = centres.get(&(project, relationship.from.as_str()));
            let to = centres.get(&(project, relationship.to.as_str()));
            if let (Some(&from), Some(&to)) = (from, to) {
                edges.push(EdgeItem {
                    from,
                    to,
                    kind: relationship.kind,
                });
            }
        }
    }

    let view = match options.scope {
        Scope::View {
            x,
            y,
            width,
            height,
        } => {
            for (field, value) in [("x", x), ("y", y), ("width", width), ("height", height)] {
                if !value.is_finite() {
                    return Err(Error::invalid(
                        format!("scope.{field}"),
                        "must be a finite number",
                    ));
                }
            }
            if width <= 0.0 || height <= 0.0 {
                return Err(Error::invalid(
                    "scope",
                    format!("the view must have a size; got {width} × {height}"),
                ));
            }
            Rect {
                x,
                y,
                width,
                height,
            }
        }
        Scope::Map | Scope::Project { .. } => {
            let bounds = frames
                .iter()
                .map(|f| f.rect)
                .chain(cards.iter().map(|c| c.rect))
                .reduce(Rect::union)
                .ok_or_else(|| {
                    Error::invalid(
                        "scope",
                        "the map has no projects: there is nothing to export",
                    )
                })?;
            bounds.grow(MARGIN)
        }
    };

    let mut scene = Scene {
        view,
        frames,
        edges,
        cards,
    };
    if matches!(options.scope, Scope::View { .. }) {
        scene.frames.retain(|f| f.rect.meets(&view));
        scene.cards.retain(|c| c.rect.meets(&view));
        scene.edges.retain(|e| {
            let r = Rect {
                x: e.from.0.min(e.to.0),
                y: e.from.1.min(e.to.1),
                width: (e.from.0 - e.to.0).abs(),
                height: (e.from.1 - e.to.1).abs(),
            };
            r.meets(&view)
        });
    }
    Ok(scene)
}

/// Initials of a name ("Alex Moreau" → "AM"), as `initials` in `labels.ts`.
pub fn initials(name: &str) -> String {
    let mut parts = name.split_whitespace();
    let first = parts.next().and_then(|p| p.chars().next());
    let last = parts.next_back().and_then(|p| p.chars().next());
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// "today", "3 d", "5 wk", "4 mo" since a `YYYY-MM-DD` date, as `since` in `labels.ts`.
pub fn since(date: &str, today: NaiveDate) -> Option<String> {
    let then = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let days = (today - then).num_days();
    Some(if days <= 0 {
        "today".to_string()
    } else if days < 14 {
        format!("{days} d")
    } else if days < 70 {
        format!("{} wk", (days as f64 / 7.0).round())
    } else {
        format!("{} mo", (days as f64 / 30.0).round())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_days_since_read_as_on_the_canvas() {
        assert_eq!(initials("Alex Moreau"), "AM");
        assert_eq!(initials("  priya  van der shah "), "PS");
        assert_eq!(initials("Cher"), "C");
        assert_eq!(initials(""), "");
        let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default();
        assert_eq!(since("2025-03-15", today).as_deref(), Some("today"));
        assert_eq!(since("2025-03-20", today).as_deref(), Some("today"));
        assert_eq!(since("2025-03-12", today).as_deref(), Some("3 d"));
        assert_eq!(since("2025-02-15", today).as_deref(), Some("4 wk"));
        assert_eq!(since("2024-11-15", today).as_deref(), Some("4 mo"));
        assert_eq!(since("not a date", today), None);
    }
}
