//! The operation API: every change to a map is an [`Op`], applied in one transaction, recorded as
//! the [`Change`]s it made so that undo and redo are ordinary writes too.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::db;
use crate::error::{Error, Result};
use crate::model::{EntityKind, Id, Record, Settings, new_id};
use crate::validate;

/// One change a user can make (and undo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "op", rename_all = "snake_case")]
#[allow(
    clippy::large_enum_variant,
    reason = "one Op per user action (a few hundred in the largest batch): boxing the record \
              would save little memory and make every caller box it"
)]
pub enum Op {
    /// Creates or updates an item. An empty id creates a new item with a fresh id.
    Put { record: Record },
    /// Deletes an item; items that refer to it are removed (stakes, relationships) or unlinked.
    /// Deleting the map's settings resets them to the defaults.
    Delete { kind: EntityKind, id: Id },
    /// Several operations as one step, all or nothing.
    Batch { label: String, ops: Vec<Op> },
}

/// What happened to one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Change {
    pub kind: EntityKind,
    pub id: Id,
    /// The item before (`None`: it was created).
    pub before: Option<Record>,
    /// The item after (`None`: it was deleted).
    pub after: Option<Record>,
}

/// The changes one operation (or one undo or redo) made, in the order they were written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ChangeSet {
    /// What it did, for people ("Add contact Dana Ruiz").
    pub label: String,
    pub changes: Vec<Change>,
}

impl ChangeSet {
    /// The change set that undoes this one.
    pub fn inverse(&self) -> ChangeSet {
        ChangeSet {
            label: self.label.clone(),
            changes: self
                .changes
                .iter()
                .rev()
                .map(|c| Change {
                    kind: c.kind,
                    id: c.id.clone(),
                    before: c.after.clone(),
                    after: c.before.clone(),
                })
                .collect(),
        }
    }
}

/// Runs `op` on `conn` (inside the caller's transaction), appending what it changed.
/// Returns the label of the operation.
pub(crate) fn execute(conn: &Connection, op: Op, changes: &mut Vec<Change>) -> Result<String> {
    match op {
        Op::Put { record } => put(conn, record, changes),
        Op::Delete { kind, id } => delete(conn, kind, &id, changes),
        Op::Batch { label, ops } => {
            for op in ops {
                execute(conn, op, changes)?;
            }
            Ok(label)
        }
    }
}

/// Writes each change's `after` state, in order.
pub(crate) fn write(conn: &Connection, changes: &[Change]) -> Result<()> {
    for change in changes {
        match &change.after {
            Some(record) => db::put(conn, record)?,
            None => db::remove(conn, change.kind, &change.id)?,
        }
    }
    Ok(())
}

fn record_change(
    conn: &Connection,
    changes: &mut Vec<Change>,
    before: Option<Record>,
    after: Option<Record>,
) -> Result<()> {
    let Some(sample) = after.as_ref().or(before.as_ref()) else {
        return Ok(());
    };
    let change = Change {
        kind: sample.kind(),
        id: sample.id().to_string(),
        before,
        after,
    };
    write(conn, std::slice::from_ref(&change))?;
    changes.push(change);
    Ok(())
}

fn put(conn: &Connection, mut record: Record, changes: &mut Vec<Change>) -> Result<String> {
    if record.id().trim().is_empty() && record.kind() != EntityKind::Settings {
        *record.id_mut() = new_id();
    }
    validate::normalize(&mut record)?;
    check_references(conn, &record)?;
    let before = db::get(conn, record.kind(), record.id())?;
    let verb = if before.is_some() { "Edit" } else { "Add" };
    let label = format!("{verb} {}", describe(conn, &record)?);
    if before.as_ref() != Some(&record) {
        record_change(conn, changes, before, Some(record))?;
    }
    Ok(label)
}

fn delete(
    conn: &Connection,
    kind: EntityKind,
    id: &str,
    changes: &mut Vec<Change>,
) -> Result<String> {
    let before = db::get(conn, kind, id)?.ok_or_else(|| Error::NotFound {
        kind: kind.name(),
        id: id.to_string(),
    })?;
    if kind == EntityKind::Settings {
        let after = Record::Settings(Settings::default());
        if before != after {
            record_change(conn, changes, Some(before), Some(after))?;
        }
        return Ok("Reset map settings".into());
    }
    let label = format!("Delete {}", describe(conn, &before)?);
    for dependent in db::dependents(conn, kind, id)? {
        let after = unlink(dependent.clone(), kind, id);
        record_change(conn, changes, Some(dependent), after)?;
    }
    record_change(conn, changes, Some(before), None)?;
    Ok(label)
}

/// What becomes of `record` when the `kind`/`id` it refers to is deleted: `None` removes it.
fn unlink(record: Record, kind: EntityKind, id: &str) -> Option<Record> {
    let clear = |slot: &mut Option<Id>| {
        if slot.as_deref() == Some(id) {
            *slot = None;
        }
    };
    match (record, kind) {
        (Record::Contact(mut c), EntityKind::Organization) => {
            clear(&mut c.organization);
            Some(Record::Contact(c))
        }
        (Record::Project(mut p), EntityKind::Organization) => {
            clear(&mut p.organization);
            Some(Record::Project(p))
        }
        (Record::Stake(mut s), EntityKind::Teammate) => {
            clear(&mut s.owner);
            Some(Record::Stake(s))
        }
        (Record::Interaction(mut i), EntityKind::Teammate) => {
            i.teammates.retain(|t| t != id);
            Some(Record::Interaction(i))
        }
        (Record::Interaction(mut i), EntityKind::Contact) => {
            i.contacts.retain(|c| c != id);
            (!i.contacts.is_empty()).then_some(Record::Interaction(i))
        }
        (Record::Interaction(mut i), EntityKind::Project) => {
            clear(&mut i.project);
            Some(Record::Interaction(i))
        }
        // Stakes of a deleted contact or project, relationships of a deleted contact.
        _ => None,
    }
}

fn require(conn: &Connection, field: &str, kind: EntityKind, id: &str) -> Result<()> {
    if db::exists(conn, kind, id)? {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("no {} with id {id}", kind.name()),
        ))
    }
}

fn require_opt(conn: &Connection, field: &str, kind: EntityKind, id: &Option<Id>) -> Result<()> {
    match id {
        Some(id) => require(conn, field, kind, id),
        None => Ok(()),
    }
}

fn check_references(conn: &Connection, record: &Record) -> Result<()> {
    match record {
        Record::Organization(_) | Record::Teammate(_) | Record::Settings(_) => Ok(()),
        Record::Contact(c) => require_opt(
            conn,
            "contact.organization",
            EntityKind::Organization,
            &c.organization,
        ),
        Record::Project(p) => require_opt(
            conn,
            "project.organization",
            EntityKind::Organization,
            &p.organization,
        ),
        Record::Stake(s) => {
            require(conn, "stake.project", EntityKind::Project, &s.project)?;
            require(conn, "stake.contact", EntityKind::Contact, &s.contact)?;
            require_opt(conn, "stake.owner", EntityKind::Teammate, &s.owner)?;
            if let Some(other) = db::stake_of(conn, &s.project, &s.contact)?
                && other.id != s.id
            {
                let who = name_of(conn, EntityKind::Contact, &s.contact)?;
                let what = name_of(conn, EntityKind::Project, &s.project)?;
                return Err(Error::invalid(
                    "stake.contact",
                    format!("{who} is already on {what}"),
                ));
            }
            Ok(())
        }
        Record::Relationship(r) => {
            require(conn, "relationship.from", EntityKind::Contact, &r.from)?;
            require(conn, "relationship.to", EntityKind::Contact, &r.to)
        }
        Record::Interaction(i) => {
            for (n, id) in i.contacts.iter().enumerate() {
                require(
                    conn,
                    &format!("interaction.contacts[{n}]"),
                    EntityKind::Contact,
                    id,
                )?;
            }
            for (n, id) in i.teammates.iter().enumerate() {
                require(
                    conn,
                    &format!("interaction.teammates[{n}]"),
                    EntityKind::Teammate,
                    id,
                )?;
            }
            require_opt(conn, "interaction.project", EntityKind::Project, &i.project)
        }
    }
}

fn name_of(conn: &Connection, kind: EntityKind, id: &str) -> Result<String> {
    Ok(match db::get(conn, kind, id)? {
        Some(Record::Organization(o)) => o.name,
        Some(Record::Teammate(t)) => t.name,
        Some(Record::Contact(c)) => c.name,
        Some(Record::Project(p)) => p.name,
        _ => format!("{} {id}", kind.name()),
    })
}

/// A short description of an item for undo labels ("contact Dana Ruiz").
fn describe(conn: &Connection, record: &Record) -> Result<String> {
    Ok(match record {
        Record::Organization(o) => format!("organization {}", o.name),
        Record::Teammate(t) => format!("teammate {}", t.name),
        Record::Contact(c) => format!("contact {}", c.name),
        Record::Project(p) => format!("project {}", p.name),
        Record::Stake(s) => format!(
            "{} on {}",
            name_of(conn, EntityKind::Contact, &s.contact)?,
            name_of(conn, EntityKind::Project, &s.project)?
        ),
        Record::Relationship(r) => format!(
            "relationship {} {} {}",
            name_of(conn, EntityKind::Contact, &r.from)?,
            r.kind.label().to_lowercase(),
            name_of(conn, EntityKind::Contact, &r.to)?
        ),
        Record::Interaction(i) => format!("{} on {}", i.channel.label().to_lowercase(), i.date),
        Record::Settings(_) => "map settings".to_string(),
    })
}
