//! Auto-arrange of one project frame's cards, on their own (a small graph, not the whole map):
//! reporting lines as layers from the top down (managers above their reports), everyone else in
//! a grid below, as many columns as the frame is wide. The result is deterministic (ties go by
//! name, then id) and is one [`Op::Batch`] of stake moves, so it is one undo step.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::error::{Error, Result};
use crate::lookup::names_by_id;
use crate::model::{Frame, Project, Record, RelationshipKind, Snapshot, Stake};
use crate::ops::Op;

/// Size of a card on the canvas (as the UI draws it).
pub const CARD_WIDTH: f64 = 188.0;
pub const CARD_HEIGHT: f64 = 76.0;
/// Space between cards, across and down.
pub const GAP_X: f64 = 20.0;
pub const GAP_Y: f64 = 28.0;
/// Where the first card goes inside the frame (below the frame's header).
pub const LEFT: f64 = 24.0;
pub const TOP: f64 = 64.0;
/// Space kept below the last row.
pub const BOTTOM: f64 = 24.0;

/// Where each card of a project goes (stake id → position in the frame), and the frame height
/// that holds them (never less than the frame's own height).
#[derive(Debug, Clone, PartialEq)]
pub struct Arrangement {
    pub positions: BTreeMap<String, (f64, f64)>,
    pub height: f64,
}

/// Lays out `stakes` (one project's) in a frame `width` wide: reporting layers first, then the
/// others. `names` gives each contact's name (for the order); `reports_to` lists (report, manager)
/// contact pairs.
pub fn arrange_cards(
    stakes: &[&Stake],
    names: &HashMap<&str, &str>,
    reports_to: &[(&str, &str)],
    frame: &Frame,
) -> Arrangement {
    let mut order: Vec<&Stake> = stakes.to_vec();
    let name = |s: &Stake| {
        names
            .get(s.contact.as_str())
            .copied()
            .unwrap_or("")
            .to_string()
    };
    order.sort_by(|a, b| name(a).cmp(&name(b)).then_with(|| a.id.cmp(&b.id)));

    let here: HashSet<&str> = order.iter().map(|s| s.contact.as_str()).collect();
    let mut managers: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut in_hierarchy: HashSet<&str> = HashSet::new();
    for &(report, manager) in reports_to {
        if report != manager && here.contains(report) && here.contains(manager) {
            managers.entry(report).or_default().push(manager);
            in_hierarchy.insert(report);
            in_hierarchy.insert(manager);
        }
    }

    // Layer = length of the longest chain of managers above (cycles are cut after n steps).
    let mut layer: HashMap<&str, usize> = in_hierarchy.iter().map(|c| (*c, 0)).collect();
    for _ in 0..in_hierarchy.len() {
        let mut changed = false;
        for (report, above) in &managers {
            let wanted = above
                .iter()
                .map(|m| layer.get(m).copied().unwrap_or(0) + 1)
                .max()
                .unwrap_or(0)
                .min(in_hierarchy.len());
            if layer.get(report).copied().unwrap_or(0) < wanted {
                layer.insert(report, wanted);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    let inner = (frame.width - 2.0 * LEFT).max(CARD_WIDTH);
    let columns = (((inner + GAP_X) / (CARD_WIDTH + GAP_X)).floor() as usize).max(1);
    let mut rows: Vec<Vec<&Stake>> = Vec::new();
    let depth = layer.values().copied().max().map_or(0, |d| d + 1);
    let mut column_of: HashMap<&str, usize> = HashMap::new();
    for level in 0..depth {
        let mut members: Vec<&Stake> = order
            .iter()
            .copied()
            .filter(|s| layer.get(s.contact.as_str()) == Some(&level))
            .collect();
        // Under their first manager where possible, so reports sit below whom they report to.
        members.sort_by_key(|s| {
            managers
                .get(s.contact.as_str())
                .and_then(|m| m.iter().filter_map(|c| column_of.get(c)).min().copied())
                .unwrap_or(0)
        });
        for chunk in members.chunks(columns) {
            for (i, s) in chunk.iter().enumerate() {
                column_of.insert(s.contact.as_str(), i);
            }
            rows.push(chunk.to_vec());
        }
    }
    let rest: Vec<&Stake> = order
        .iter()
        .copied()
        .filter(|s| !in_hierarchy.contains(s.contact.as_str()))
        .collect();
    for chunk in rest.chunks(columns) {
        rows.push(chunk.to_vec());
    }

    let mut positions = BTreeMap::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            let x = LEFT + c as f64 * (CARD_WIDTH + GAP_X);
            let y = TOP + r as f64 * (CARD_HEIGHT + GAP_Y);
            positions.insert(s.id.clone(), (x, y));
        }
    }
    let needed = TOP + rows.len() as f64 * (CARD_HEIGHT + GAP_Y) - GAP_Y + BOTTOM;
    Arrangement {
        positions,
        height: frame.height.max(needed),
    }
}

/// The operation that arranges the cards of project `project_id` in `map`: one batch that moves
/// each card (and makes the frame taller when the cards need it). Fails with `NotFound` for an
/// unknown project.
pub fn arrange_project(map: &Snapshot, project_id: &str) -> Result<Op> {
    let project: &Project = map
        .projects
        .iter()
        .find(|p| p.id == project_id)
        .ok_or_else(|| Error::NotFound {
            kind: "project",
            id: project_id.to_string(),
        })?;
    let stakes: Vec<&Stake> = map
        .stakes
        .iter()
        .filter(|s| s.project == project.id)
        .collect();
    let names = names_by_id(&map.contacts);
    let reports_to: Vec<(&str, &str)> = map
        .relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::ReportsTo)
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    let arrangement = arrange_cards(&stakes, &names, &reports_to, &project.frame);

    let mut ops = Vec::new();
    if arrangement.height > project.frame.height {
        let mut taller = project.clone();
        taller.frame.height = arrangement.height;
        ops.push(Op::Put {
            record: Record::Project(taller),
        });
    }
    for stake in stakes {
        if let Some(&(x, y)) = arrangement.positions.get(&stake.id)
            && (x, y) != (stake.x, stake.y)
        {
            let mut moved = stake.clone();
            moved.x = x;
            moved.y = y;
            ops.push(Op::Put {
                record: Record::Stake(moved),
            });
        }
    }
    Ok(Op::Batch {
        label: format!("Arrange {}", project.name),
        ops,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Relationship, Role};

    fn stake(id: &str, contact: &str) -> Stake {
        Stake {
            id: id.into(),
            project: "p".into(),
            contact: contact.into(),
            role: Role::Influencer,
            stance: 0,
            influence: 3,
            interest: 3,
            owner: None,
            health: None,
            notes: String::new(),
            x: 0.0,
            y: 0.0,
        }
    }

    fn reports(id: &str, from: &str, to: &str) -> Relationship {
        Relationship {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            kind: RelationshipKind::ReportsTo,
            strength: 3,
            notes: String::new(),
        }
    }

    /// A project "p" 660 wide with `n` contacts c0..cn, c1 and c2 reporting to c0, c3 to c1.
    fn sample(n: usize) -> Snapshot {
        let mut project = Project::named("p", "Pilot");
        project.frame = Frame {
            x: 100.0,
            y: 50.0,
            width: 660.0,
            height: 420.0,
        };
        Snapshot {
            projects: vec![project],
            contacts: (0..n)
                .map(|i| Contact::named(format!("c{i}"), format!("Person {i:02}")))
                .collect(),
            stakes: (0..n)
                .map(|i| stake(&format!("s{i}"), &format!("c{i}")))
                .collect(),
            relationships: vec![
                reports("r1", "c1", "c0"),
                reports("r2", "c2", "c0"),
                reports("r3", "c3", "c1"),
            ],
            ..Snapshot::default()
        }
    }

    fn placed(map: &Snapshot) -> (Frame, BTreeMap<String, (f64, f64)>) {
        let Ok(Op::Batch { ops, .. }) = arrange_project(map, "p") else {
            panic!("not a batch");
        };
        let mut frame = map.projects[0].frame;
        let mut at: BTreeMap<String, (f64, f64)> = map
            .stakes
            .iter()
            .map(|s| (s.id.clone(), (s.x, s.y)))
            .collect();
        for op in ops {
            match op {
                Op::Put {
                    record: Record::Stake(s),
                } => {
                    at.insert(s.id, (s.x, s.y));
                }
                Op::Put {
                    record: Record::Project(p),
                } => frame = p.frame,
                other => panic!("unexpected {other:?}"),
            }
        }
        (frame, at)
    }

    #[test]
    fn cards_do_not_overlap_and_stay_inside_the_frame() {
        for n in [0, 1, 5, 12, 40] {
            let map = sample(n);
            let (frame, at) = placed(&map);
            let cards: Vec<_> = at.values().collect();
            for (i, a) in cards.iter().enumerate() {
                assert!(
                    a.0 >= 0.0 && a.0 + CARD_WIDTH <= frame.width,
                    "{n}: x {a:?}"
                );
                assert!(
                    a.1 >= TOP && a.1 + CARD_HEIGHT <= frame.height,
                    "{n}: y {a:?}"
                );
                for b in &cards[i + 1..] {
                    let apart = a.0 + CARD_WIDTH <= b.0
                        || b.0 + CARD_WIDTH <= a.0
                        || a.1 + CARD_HEIGHT <= b.1
                        || b.1 + CARD_HEIGHT <= a.1;
                    assert!(apart, "{n}: {a:?} overlaps {b:?}");
                }
            }
        }
    }

    #[test]
    fn managers_are_above_their_reports_and_others_below_the_hierarchy() {
        let map = sample(6);
        let (_, at) = placed(&map);
        let y = |s: &str| at[s].1;
        assert!(y("s0") < y("s1") && y("s0") < y("s2"));
        assert!(y("s1") < y("s3"));
        // c4 and c5 report to nobody here: under the whole hierarchy.
        assert!(y("s4") > y("s3") && y("s5") > y("s3"));
    }

    #[test]
    fn the_frame_grows_to_hold_many_cards_and_keeps_its_width() {
        let map = sample(40);
        let (frame, _) = placed(&map);
        assert_eq!(frame.width, 660.0);
        assert!(frame.height > 420.0);
    }

    #[test]
    fn the_same_map_gives_the_same_layout_and_a_second_run_changes_nothing() {
        let map = sample(9);
        assert_eq!(
            arrange_project(&map, "p").ok(),
            arrange_project(&map, "p").ok()
        );
        let (frame, at) = placed(&map);
        let mut arranged = map.clone();
        arranged.projects[0].frame = frame;
        for s in &mut arranged.stakes {
            (s.x, s.y) = at[&s.id];
        }
        let Ok(Op::Batch { ops, .. }) = arrange_project(&arranged, "p") else {
            panic!("not a batch");
        };
        assert!(ops.is_empty(), "{ops:?}");
    }

    #[test]
    fn a_reporting_cycle_still_places_everyone() {
        let mut map = sample(3);
        map.relationships.push(reports("r4", "c0", "c2"));
        let (_, at) = placed(&map);
        assert_eq!(at.len(), 3);
    }

    #[test]
    fn an_unknown_project_is_not_found() {
        let map = sample(2);
        assert!(matches!(
            arrange_project(&map, "nope"),
            Err(Error::NotFound {
                kind: "project",
                ..
            })
        ));
    }
}
