//! `add`: builds the new item from the arguments, resolves an organization given by name, and
//! writes everything in one operation.

use std::path::Path;

use stakemap_core::model::{
    self, Contact, Frame, Id, Organization, Project, ProjectStatus, Teammate,
};
use stakemap_core::{EntityKind, Map, Op, Record, Snapshot, validate};

use crate::args::NewItem;
use crate::commands::{note, open_or_create};
use crate::failure::Failure;

/// Size of a new project's frame, and the gap to the frames already on the canvas.
const FRAME_WIDTH: f64 = 660.0;
const FRAME_HEIGHT: f64 = 420.0;
const FRAME_GAP: f64 = 80.0;

/// Adds the item (creating the map if the file does not exist); returns its id and a newline.
pub fn add(path: &Path, item: NewItem) -> Result<String, Failure> {
    let (mut record, organization) = record_of(item);
    // Check the item's own fields before touching the file, so bad input never creates a map.
    validate::normalize(&mut record)?;
    if let Some(name) = &organization {
        validate::normalize(&mut Record::Organization(new_organization(name)))?;
    }
    let (mut map, created_map) = open_or_create(path)?;
    let snapshot = map.snapshot()?;
    let mut ops = Vec::new();
    let mut created = None;
    if let Some(wanted) = &organization {
        let id = match find_organization(&snapshot, wanted, field(&record))? {
            Some(id) => id,
            None => {
                let org = new_organization(wanted);
                created = Some(format!("{} ({})", org.name, org.id));
                let id = org.id.clone();
                ops.push(Op::Put {
                    record: Record::Organization(org),
                });
                id
            }
        };
        set_organization(&mut record, id);
    }
    if let Record::Project(project) = &mut record {
        project.frame = next_frame(&snapshot);
        // A new project requires the roles the map's coverage settings name.
        project.required_roles = snapshot.settings.default_required_roles.clone();
    }
    let kind = record.kind();
    let label = format!("Add {} {}", kind.name(), name_of(&record));
    ops.push(Op::Put { record });
    let id = apply_new(&mut map, Op::Batch { label, ops }, kind)?;
    if created_map {
        note(&format!("created a new map at {}", path.display()));
    }
    if let Some(org) = created {
        note(&format!("created organization {org}"));
    }
    Ok(format!("{id}\n"))
}

/// Applies `op` and returns the id the core gave the new item of `kind`.
fn apply_new(map: &mut Map, op: Op, kind: EntityKind) -> Result<Id, Failure> {
    let changes = map.apply(op)?;
    changes
        .changes
        .iter()
        .rev()
        .find(|c| c.kind == kind && c.before.is_none())
        .map(|c| c.id.clone())
        .ok_or_else(|| Failure::other(format!("the map did not record the new {}", kind.name())))
}

/// The record to create (with an empty id, for the core to fill) and the organization it names.
fn record_of(item: NewItem) -> (Record, Option<String>) {
    let organization = |name: Option<String>| name.filter(|n| !n.trim().is_empty());
    match item {
        NewItem::Contact(c) => (
            Record::Contact(Contact {
                id: String::new(),
                name: c.name,
                title: c.title.unwrap_or_default(),
                organization: None,
                email: c.email.unwrap_or_default(),
                phone: String::new(),
                location: String::new(),
                tags: c.tags,
                notes: String::new(),
                cadence_days: None,
            }),
            organization(c.organization),
        ),
        NewItem::Project(p) => (
            Record::Project(Project {
                id: String::new(),
                name: p.name,
                organization: None,
                status: ProjectStatus::Active,
                stage: p.stage.unwrap_or_default(),
                target_date: None,
                required_roles: model::DEFAULT_REQUIRED_ROLES.to_vec(),
                notes: String::new(),
                frame: Frame {
                    x: 0.0,
                    y: 0.0,
                    width: FRAME_WIDTH,
                    height: FRAME_HEIGHT,
                },
                weights: None,
            }),
            organization(p.organization),
        ),
        NewItem::Organization(o) => (
            Record::Organization(Organization {
                id: String::new(),
                name: o.name,
                notes: String::new(),
            }),
            None,
        ),
        NewItem::Teammate(t) => (
            Record::Teammate(Teammate {
                id: String::new(),
                name: t.name,
                email: t.email.unwrap_or_default(),
            }),
            None,
        ),
    }
}

/// A new organization with a fresh id (other items in the same operation refer to it).
fn new_organization(name: &str) -> Organization {
    Organization {
        id: model::new_id(),
        name: name.trim().to_string(),
        notes: String::new(),
    }
}

/// The existing organization `wanted` names: its id, or its name ignoring case.
/// `None` when there is none; an error when several share the name.
fn find_organization(
    snapshot: &Snapshot,
    wanted: &str,
    field: &str,
) -> Result<Option<Id>, Failure> {
    let wanted = wanted.trim();
    if let Some(org) = snapshot.organizations.iter().find(|o| o.id == wanted) {
        return Ok(Some(org.id.clone()));
    }
    let key = wanted.to_lowercase();
    let matches: Vec<&Organization> = snapshot
        .organizations
        .iter()
        .filter(|o| o.name.trim().to_lowercase() == key)
        .collect();
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.id.clone())),
        several => Err(Failure::invalid(format!(
            "{field}: {} organizations are named \"{wanted}\"; give the id of one instead \
             (see `list organizations`)",
            several.len()
        ))),
    }
}

/// The field that names an item's organization, for messages.
fn field(record: &Record) -> &'static str {
    match record {
        Record::Project(_) => "project.organization",
        _ => "contact.organization",
    }
}

fn set_organization(record: &mut Record, id: Id) {
    match record {
        Record::Contact(c) => c.organization = Some(id),
        Record::Project(p) => p.organization = Some(id),
        _ => {}
    }
}

fn name_of(record: &Record) -> &str {
    match record {
        Record::Organization(o) => &o.name,
        Record::Teammate(t) => &t.name,
        Record::Contact(c) => &c.name,
        Record::Project(p) => &p.name,
        _ => "",
    }
}

/// A frame to the right of every project frame on the canvas, at the top.
fn next_frame(snapshot: &Snapshot) -> Frame {
    let right = snapshot
        .projects
        .iter()
        .map(|p| p.frame.x + p.frame.width)
        .fold(None, |max: Option<f64>, edge| {
            Some(max.map_or(edge, |m| m.max(edge)))
        });
    Frame {
        x: right.map_or(0.0, |edge| edge + FRAME_GAP),
        y: 0.0,
        width: FRAME_WIDTH,
        height: FRAME_HEIGHT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str) -> Organization {
        Organization {
            id: id.into(),
            name: name.into(),
            notes: String::new(),
        }
    }

    #[test]
    fn organizations_match_by_id_or_name_ignoring_case() {
        let snapshot = Snapshot {
            organizations: vec![org("o1", "Northwind")],
            ..Snapshot::default()
        };
        let find = |w| {
            find_organization(&snapshot, w, "contact.organization")
                .ok()
                .flatten()
        };
        assert_eq!(find("o1"), Some("o1".to_string()));
        assert_eq!(find(" NORTHWIND "), Some("o1".to_string()));
        assert_eq!(find("Helix"), None);
    }

    #[test]
    fn a_name_shared_by_two_organizations_is_refused() {
        let snapshot = Snapshot {
            organizations: vec![org("o1", "Acme"), org("o2", "acme")],
            ..Snapshot::default()
        };
        let error = find_organization(&snapshot, "Acme", "contact.organization");
        assert!(error.is_err_and(|e| e.to_string().starts_with("contact.organization: 2 ")));
    }

    #[test]
    fn first_frame_sits_at_the_origin() {
        assert_eq!(next_frame(&Snapshot::default()).x, 0.0);
    }
}
