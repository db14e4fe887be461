//! What the crash writer writes, shared with the checker in `tests/core/crash.rs`.
//!
//! Every operation has a number. Operation `n` that creates items makes "group `n`": contacts
//! `g<n>-c<i>` and, for groups of two or more, a project `g<n>-p` with a stake of each contact
//! (`g<n>-s<i>`), relationships `g<n>-r<i>` chaining the contacts, and an interaction `g<n>-i`
//! with all of them, written as one batch. Later operations edit a group (notes and card
//! positions carry the editing operation's number), delete its project (cascading to its
//! stakes, unlinking the interaction) or delete the whole group (cascading to everything).
//! From the operations a run acknowledged, [`Groups`] says exactly what the map must hold.

use std::collections::BTreeMap;

use stakemap_core::model::{
    Channel, Contact, Interaction, Project, Relationship, RelationshipKind, Role, Stake,
};
use stakemap_core::{EntityKind, Op, Record};

/// One operation, as the writer announces it (`intent ...`) before applying it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creates group `op` with `size` contacts.
    Create { op: u64, size: usize },
    /// Sets the notes of the group's contacts (and moves its stakes) to mark `op`.
    Edit { op: u64, group: u64 },
    /// Deletes the group's project.
    DropProject { op: u64, group: u64 },
    /// Deletes the whole group.
    Delete { op: u64, group: u64 },
}

impl Step {
    /// The operation's number.
    pub fn op(self) -> u64 {
        match self {
            Step::Create { op, .. }
            | Step::Edit { op, .. }
            | Step::DropProject { op, .. }
            | Step::Delete { op, .. } => op,
        }
    }

    /// The step as one line of the writer's output.
    pub fn line(self) -> String {
        match self {
            Step::Create { op, size } => format!("intent {op} create {size}"),
            Step::Edit { op, group } => format!("intent {op} edit {group}"),
            Step::DropProject { op, group } => format!("intent {op} drop-project {group}"),
            Step::Delete { op, group } => format!("intent {op} delete {group}"),
        }
    }

    /// Parses [`Step::line`].
    pub fn parse(line: &str) -> Option<Step> {
        let mut words = line.split_whitespace();
        if words.next()? != "intent" {
            return None;
        }
        let op = words.next()?.parse().ok()?;
        let verb = words.next()?;
        let arg: u64 = words.next()?.parse().ok()?;
        Some(match verb {
            "create" => Step::Create {
                op,
                size: usize::try_from(arg).ok()?,
            },
            "edit" => Step::Edit { op, group: arg },
            "drop-project" => Step::DropProject { op, group: arg },
            "delete" => Step::Delete { op, group: arg },
            _ => return None,
        })
    }
}

/// One group as it must be in the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub size: usize,
    pub project: bool,
    /// The last operation that edited it.
    pub edit: Option<u64>,
}

/// The groups a map holds, by the number of the operation that created them.
pub type Groups = BTreeMap<u64, Group>;

/// Applies `step` to the model; `false` when it does not fit (a group that is not there).
pub fn advance(groups: &mut Groups, step: Step) -> bool {
    match step {
        Step::Create { op, size } => groups
            .insert(
                op,
                Group {
                    size,
                    project: size > 1,
                    edit: None,
                },
            )
            .is_none(),
        Step::Edit { op, group } => match groups.get_mut(&group) {
            Some(g) => {
                g.edit = Some(op);
                true
            }
            None => false,
        },
        Step::DropProject { group, .. } => match groups.get_mut(&group) {
            Some(g) if g.project => {
                g.project = false;
                true
            }
            _ => false,
        },
        Step::Delete { group, .. } => groups.remove(&group).is_some(),
    }
}

pub fn contact_id(group: u64, i: usize) -> String {
    format!("g{group}-c{i}")
}

pub fn project_id(group: u64) -> String {
    format!("g{group}-p")
}

/// Every item of one group, as the map must hold it.
pub fn records(id: u64, group: Group) -> Vec<Record> {
    let notes = group.edit.map(|e| format!("edit {e}")).unwrap_or_default();
    let place = group.edit.map_or(0.0, |e| (e % 997) as f64);
    let mut out = Vec::new();
    for i in 0..group.size {
        out.push(Record::Contact(Contact {
            notes: notes.clone(),
            ..Contact::named(contact_id(id, i), format!("Crash {id} {i}"))
        }));
    }
    if group.size < 2 {
        return out;
    }
    if group.project {
        out.push(Record::Project(Project {
            required_roles: Vec::new(),
            ..Project::named(project_id(id), format!("Crash project {id}"))
        }));
        for i in 0..group.size {
            out.push(Record::Stake(Stake {
                id: format!("g{id}-s{i}"),
                project: project_id(id),
                contact: contact_id(id, i),
                role: Role::Influencer,
                stance: 0,
                influence: 3,
                interest: 3,
                owner: None,
                health: None,
                notes: String::new(),
                x: place,
                y: i as f64 * 10.0,
            }));
        }
    }
    for i in 0..group.size - 1 {
        out.push(Record::Relationship(Relationship {
            id: format!("g{id}-r{i}"),
            from: contact_id(id, i),
            to: contact_id(id, i + 1),
            kind: RelationshipKind::ReportsTo,
            strength: 3,
            notes: String::new(),
        }));
    }
    out.push(Record::Interaction(Interaction {
        id: format!("g{id}-i"),
        date: "2026-03-01".into(),
        channel: Channel::InPerson,
        contacts: (0..group.size).map(|i| contact_id(id, i)).collect(),
        teammates: Vec::new(),
        project: group.project.then(|| project_id(id)),
        sentiment: None,
        notes: String::new(),
    }));
    out
}

/// Every item the groups make, sorted by id.
pub fn expected(groups: &Groups) -> Vec<Record> {
    let mut out: Vec<Record> = groups
        .iter()
        .flat_map(|(&id, &group)| records(id, group))
        .collect();
    out.sort_by(|a, b| a.id().cmp(b.id()));
    out
}

/// The operation that makes `step` happen, given the groups before it.
pub fn op(groups: &Groups, step: Step) -> Option<Op> {
    let puts = |records: Vec<Record>| -> Op {
        let mut ops: Vec<Op> = records
            .into_iter()
            .map(|record| Op::Put { record })
            .collect();
        if ops.len() == 1 {
            ops.remove(0)
        } else {
            Op::Batch {
                label: format!("Crash step {}", step.op()),
                ops,
            }
        }
    };
    Some(match step {
        Step::Create { op, size } => {
            let group = Group {
                size,
                project: size > 1,
                edit: None,
            };
            puts(records(op, group))
        }
        Step::Edit { op, group } => {
            let mut edited = *groups.get(&group)?;
            edited.edit = Some(op);
            // Contacts and stakes only: the items an edit changes.
            let changed = records(group, edited)
                .into_iter()
                .filter(|r| matches!(r.kind(), EntityKind::Contact | EntityKind::Stake))
                .collect();
            puts(changed)
        }
        Step::DropProject { group, .. } => Op::Delete {
            kind: EntityKind::Project,
            id: project_id(group),
        },
        Step::Delete { op, group } => {
            let g = groups.get(&group)?;
            let mut ops: Vec<Op> = (0..g.size)
                .map(|i| Op::Delete {
                    kind: EntityKind::Contact,
                    id: contact_id(group, i),
                })
                .collect();
            if g.project {
                ops.push(Op::Delete {
                    kind: EntityKind::Project,
                    id: project_id(group),
                });
            }
            if ops.len() == 1 {
                ops.remove(0)
            } else {
                Op::Batch {
                    label: format!("Crash step {op}"),
                    ops,
                }
            }
        }
    })
}

/// The groups found in a map's contacts and projects (the writer resumes from them).
pub fn groups_in(snapshot: &stakemap_core::Snapshot) -> Groups {
    let number = |id: &str| -> Option<(u64, String)> {
        let rest = id.strip_prefix('g')?;
        let (n, tail) = rest.split_once('-')?;
        Some((n.parse().ok()?, tail.to_string()))
    };
    let mut groups = Groups::new();
    for contact in &snapshot.contacts {
        if let Some((n, _)) = number(&contact.id) {
            let group = groups.entry(n).or_insert(Group {
                size: 0,
                project: false,
                edit: None,
            });
            group.size += 1;
            group.edit = contact
                .notes
                .strip_prefix("edit ")
                .and_then(|e| e.parse().ok());
        }
    }
    for project in &snapshot.projects {
        if let Some((n, _)) = number(&project.id)
            && let Some(group) = groups.get_mut(&n)
        {
            group.project = true;
        }
    }
    groups
}
