//! The import plan: what an import will create, merge and skip, item by item with reasons and
//! source locations, computed without writing anything. The app shows it as the import preview;
//! [`apply`] then writes it as one undoable transaction, after a `before-import` backup.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::backup::BackupReason;
use crate::error::{Error, Result};
use crate::map::Map;
use crate::model::{EntityKind, Id, Record, Snapshot};
use crate::ops::Op;

/// The file formats Stakemap imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// A Stakemap JSON file (the whole map).
    Json,
    /// Contacts from a CSV export (LinkedIn, Google, Outlook, Salesforce, HubSpot, or mapped).
    Csv,
    /// Contacts from vCard cards (`.vcf`, 3.0 or 4.0).
    Vcard,
}

/// What to do with an item that is already in the map: for contacts from CSV or vCard, the same
/// email or the same name and organization; for JSON, the same id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Duplicates {
    /// Leave the map's item as it is and skip the imported one.
    #[default]
    Skip,
    /// Merge the imported item into the map's: for contacts, fill the fields the map's contact
    /// leaves empty, add new tags and append new notes; for JSON items, the file's fields
    /// replace the map's.
    Merge,
}

/// Where a JSON map goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum JsonTarget {
    /// Into the open map, which must be empty (a new map): every item is created with its id.
    NewMap,
    /// Merged into the open map: new ids are created, known ids are merged or skipped.
    #[default]
    Merge,
}

/// What will happen to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    Create,
    Merge,
    Skip,
}

/// One item of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PlanItem {
    pub action: PlanAction,
    pub kind: EntityKind,
    /// The id the item has or will have in the map (a new id for new CSV and vCard contacts).
    pub id: Id,
    /// What people call it ("Dana Ruiz", "Dana Ruiz on Warehouse Pilot").
    pub name: String,
    /// Why ("new contact", "same email as Dana Ruiz in the map").
    pub reason: String,
    /// Where it comes from: `$.contacts[3]`, `line 5`, `card 2 (line 14)`.
    pub location: String,
    /// The item as it will be written (`None` when skipped).
    pub record: Option<Record>,
}

/// How many items each action takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlanCounts {
    pub created: u32,
    pub merged: u32,
    pub skipped: u32,
}

/// What an import will do, computed without writing. Apply it with [`apply`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportPlan {
    /// The file's name, for labels ("Import contacts.csv").
    pub source: String,
    pub format: ImportFormat,
    /// What the file was recognised as ("LinkedIn connections", "Stakemap JSON v1").
    pub recognised: String,
    pub duplicates: Duplicates,
    /// The JSON target (always `merge` for CSV and vCard, which add to the open map).
    pub target: JsonTarget,
    pub items: Vec<PlanItem>,
    pub counts: PlanCounts,
}

impl ImportPlan {
    /// A plan of `items`, counted.
    pub(crate) fn new(
        source: &str,
        format: ImportFormat,
        recognised: impl Into<String>,
        duplicates: Duplicates,
        target: JsonTarget,
        items: Vec<PlanItem>,
    ) -> ImportPlan {
        let mut counts = PlanCounts::default();
        for item in &items {
            match item.action {
                PlanAction::Create => counts.created += 1,
                PlanAction::Merge => counts.merged += 1,
                PlanAction::Skip => counts.skipped += 1,
            }
        }
        ImportPlan {
            source: source.to_string(),
            format,
            recognised: recognised.into(),
            duplicates,
            target,
            items,
            counts,
        }
    }

    /// The items of one action.
    pub fn with_action(&self, action: PlanAction) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(move |i| i.action == action)
    }
}

/// How far a long import has got: rows or cards read of the file's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// What applying a plan did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AppliedImport {
    /// The id of the `before-import` backup (none when the plan changed nothing).
    pub backup: Option<String>,
    /// The undo label ("Import contacts.csv").
    pub label: String,
    pub counts: PlanCounts,
}

/// Writes `plan` into `map`: backs the map up (`before-import`), then writes every created and
/// merged item in one transaction, which one undo reverts. A plan with nothing to write
/// changes nothing and takes no backup. If the map changed since the plan was made so that an
/// item no longer fits (a reference gone), nothing is written and the error names the item.
pub fn apply(map: &mut Map, plan: &ImportPlan) -> Result<AppliedImport> {
    let label = format!("Import {}", plan.source);
    let ops: Vec<Op> = plan
        .items
        .iter()
        .filter_map(|item| item.record.clone())
        .map(|record| Op::Put { record })
        .collect();
    if ops.is_empty() {
        return Ok(AppliedImport {
            backup: None,
            label,
            counts: plan.counts,
        });
    }
    if plan.target == JsonTarget::NewMap && !map.is_empty()? {
        return Err(not_empty(map)?);
    }
    let backup = map.backup(BackupReason::BeforeImport)?;
    map.apply(Op::Batch {
        label: label.clone(),
        ops,
    })?;
    Ok(AppliedImport {
        backup: Some(backup.id),
        label,
        counts: plan.counts,
    })
}

/// The error for a new-map import into a map that holds items.
pub(crate) fn not_empty(map: &Map) -> Result<Error> {
    let s = map.summary()?;
    Ok(Error::invalid(
        "map",
        format!(
            "is not empty ({} contacts, {} projects); import into a new map, or merge into \
             this one",
            s.contacts, s.projects
        ),
    ))
}

/// The items of a snapshot by kind and id.
pub(crate) fn index(snapshot: &Snapshot) -> HashMap<(EntityKind, Id), Record> {
    let s = snapshot.clone();
    s.organizations
        .into_iter()
        .map(Record::Organization)
        .chain(s.teammates.into_iter().map(Record::Teammate))
        .chain(s.contacts.into_iter().map(Record::Contact))
        .chain(s.projects.into_iter().map(Record::Project))
        .chain(s.stakes.into_iter().map(Record::Stake))
        .chain(s.relationships.into_iter().map(Record::Relationship))
        .chain(s.interactions.into_iter().map(Record::Interaction))
        .chain(std::iter::once(Record::Settings(s.settings)))
        .map(|r| ((r.kind(), r.id().to_string()), r))
        .collect()
}
