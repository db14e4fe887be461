//! Exports of a map: Stakemap JSON (see [`super::json`]), CSV of contacts and CSV of stakes,
//! of the whole map or of one project. Write the bytes with [`super::atomic::write_atomic`].

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::lookup::{by_id, names_by_id};
use crate::model::{Id, Snapshot, stance_label};

/// The CSV tables Stakemap exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    /// One row per contact.
    Contacts,
    /// One row per stake (a contact on a project), with names and role labels.
    Stakes,
}

/// The header of the contacts CSV (Stakemap reads it back: see `csv::Source::Stakemap`).
pub const CONTACT_COLUMNS: [&str; 10] = [
    "Id",
    "Name",
    "Title",
    "Organization",
    "Email",
    "Phone",
    "Location",
    "Tags",
    "Notes",
    "Cadence days",
];

/// The header of the stakes CSV.
pub const STAKE_COLUMNS: [&str; 16] = [
    "Id",
    "Project",
    "Project organization",
    "Contact",
    "Title",
    "Contact organization",
    "Email",
    "Role",
    "Stance",
    "Stance label",
    "Influence",
    "Interest",
    "Owner",
    "Health",
    "Notes",
    "Contact id",
];

/// The part of the map about one project: the project, its stakes, their contacts, the
/// organizations and teammates these name, relationships between those contacts, and the
/// interactions about the project. `project` is the project's id or name (ignoring case).
pub fn project_subset(snapshot: &Snapshot, project: &str) -> Result<Snapshot> {
    let id = find_project(snapshot, project)?;
    let stakes: Vec<_> = snapshot
        .stakes
        .iter()
        .filter(|s| s.project == id)
        .cloned()
        .collect();
    let people: HashSet<&Id> = stakes.iter().map(|s| &s.contact).collect();
    let contacts: Vec<_> = snapshot
        .contacts
        .iter()
        .filter(|c| people.contains(&c.id))
        .cloned()
        .collect();
    let projects: Vec<_> = snapshot
        .projects
        .iter()
        .filter(|p| p.id == id)
        .cloned()
        .collect();
    let interactions: Vec<_> = snapshot
        .interactions
        .iter()
        .filter(|i| i.project.as_deref() == Some(id.as_str()))
        .filter(|i| i.contacts.iter().all(|c| people.contains(c)))
        .cloned()
        .collect();
    let orgs: HashSet<&Id> = contacts
        .iter()
        .filter_map(|c| c.organization.as_ref())
        .chain(projects.iter().filter_map(|p| p.organization.as_ref()))
        .collect();
    let teammates: HashSet<&Id> = stakes
        .iter()
        .filter_map(|s| s.owner.as_ref())
        .chain(interactions.iter().flat_map(|i| i.teammates.iter()))
        .collect();
    Ok(Snapshot {
        settings: snapshot.settings.clone(),
        organizations: snapshot
            .organizations
            .iter()
            .filter(|o| orgs.contains(&o.id))
            .cloned()
            .collect(),
        teammates: snapshot
            .teammates
            .iter()
            .filter(|t| teammates.contains(&t.id))
            .cloned()
            .collect(),
        relationships: snapshot
            .relationships
            .iter()
            .filter(|r| people.contains(&r.from) && people.contains(&r.to))
            .cloned()
            .collect(),
        contacts,
        projects,
        stakes,
        interactions,
    })
}

/// The id of the project named `project` (its id, or its name ignoring case).
pub fn find_project(snapshot: &Snapshot, project: &str) -> Result<Id> {
    let wanted = project.trim();
    snapshot
        .projects
        .iter()
        .find(|p| p.id == wanted)
        .or_else(|| {
            snapshot
                .projects
                .iter()
                .find(|p| p.name.to_lowercase() == wanted.to_lowercase())
        })
        .map(|p| p.id.clone())
        .ok_or_else(|| {
            let known: Vec<&str> = snapshot.projects.iter().map(|p| p.name.as_str()).collect();
            Error::invalid(
                "project",
                format!(
                    "no project named \"{wanted}\" (the map has: {})",
                    if known.is_empty() {
                        "no projects".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            )
        })
}

/// The contacts as CSV (header [`CONTACT_COLUMNS`], sorted by name then id; tags joined with
/// "; "). UTF-8 without BOM, CRLF line ends as RFC 4180 says.
pub fn contacts_csv(snapshot: &Snapshot) -> Result<Vec<u8>> {
    let orgs = names_by_id(&snapshot.organizations);
    let mut contacts: Vec<_> = snapshot.contacts.iter().collect();
    contacts.sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
    let mut out = writer();
    write(&mut out, CONTACT_COLUMNS)?;
    for c in contacts {
        let org = c
            .organization
            .as_ref()
            .and_then(|o| orgs.get(o.as_str()))
            .copied()
            .unwrap_or("");
        let cadence = c.cadence_days.map(|d| d.to_string()).unwrap_or_default();
        write(
            &mut out,
            [
                c.id.as_str(),
                &c.name,
                &c.title,
                org,
                &c.email,
                &c.phone,
                &c.location,
                &c.tags.join("; "),
                &c.notes,
                &cadence,
            ],
        )?;
    }
    finish(out)
}

/// The stakes as CSV (header [`STAKE_COLUMNS`]), with project, contact, organization and
/// teammate names and role labels, sorted by project name then contact name.
pub fn stakes_csv(snapshot: &Snapshot) -> Result<Vec<u8>> {
    let orgs = names_by_id(&snapshot.organizations);
    let projects = by_id(&snapshot.projects);
    let contacts = by_id(&snapshot.contacts);
    let teammates = names_by_id(&snapshot.teammates);
    let mut rows = Vec::new();
    for s in &snapshot.stakes {
        let (Some(p), Some(c)) = (
            projects.get(s.project.as_str()),
            contacts.get(s.contact.as_str()),
        ) else {
            continue;
        };
        rows.push((p, c, s));
    }
    rows.sort_by(|a, b| {
        (a.0.name.to_lowercase(), a.1.name.to_lowercase(), &a.2.id).cmp(&(
            b.0.name.to_lowercase(),
            b.1.name.to_lowercase(),
            &b.2.id,
        ))
    });
    let org_of = |id: &Option<Id>| {
        id.as_ref()
            .and_then(|o| orgs.get(o.as_str()))
            .copied()
            .unwrap_or("")
    };
    let mut out = writer();
    write(&mut out, STAKE_COLUMNS)?;
    for (p, c, s) in rows {
        let owner = s
            .owner
            .as_deref()
            .and_then(|t| teammates.get(t))
            .copied()
            .unwrap_or("");
        write(
            &mut out,
            [
                s.id.as_str(),
                &p.name,
                org_of(&p.organization),
                &c.name,
                &c.title,
                org_of(&c.organization),
                &c.email,
                s.role.label(),
                &s.stance.to_string(),
                stance_label(s.stance),
                &s.influence.to_string(),
                &s.interest.to_string(),
                owner,
                &s.health.map(|h| h.to_string()).unwrap_or_default(),
                &s.notes,
                &c.id,
            ],
        )?;
    }
    finish(out)
}

fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn write<'a>(
    out: &mut ::csv::Writer<Vec<u8>>,
    row: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    out.write_record(row)
        .map_err(|e| Error::invalid("export", format!("cannot write CSV: {e}")))
}

fn finish(out: ::csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    out.into_inner()
        .map_err(|e| Error::invalid("export", format!("cannot write CSV: {e}")))
}
