//! How `summary` and `list` show a map: readable tables, or the core's JSON.

use std::collections::HashMap;

use stakemap_core::lookup::names_by_id;
use stakemap_core::model::Settings;
use stakemap_core::{EntityKind, Snapshot, Summary};

use crate::table::Table;

/// The summary as an aligned two-column table.
pub fn summary_table(summary: &Summary) -> String {
    let mut table = Table::new(&["kind", "count"]).right(&[1]);
    let counts = [
        ("organizations", summary.organizations),
        ("teammates", summary.teammates),
        ("contacts", summary.contacts),
        ("projects", summary.projects),
        ("stakes", summary.stakes),
        ("relationships", summary.relationships),
        ("interactions", summary.interactions),
    ];
    for (kind, count) in counts {
        table.row(vec![kind.to_string(), count.to_string()]);
    }
    table.render()
}

/// The summary on one line: "3 organizations, 4 teammates, ...".
pub fn summary_line(summary: &Summary) -> String {
    format!(
        "{} organizations, {} teammates, {} contacts, {} projects, {} stakes, {} relationships, \
         {} interactions",
        summary.organizations,
        summary.teammates,
        summary.contacts,
        summary.projects,
        summary.stakes,
        summary.relationships,
        summary.interactions
    )
}

/// The items of `kind` as the JSON array the snapshot holds (pretty-printed, newline-terminated).
pub fn json(snapshot: &Snapshot, kind: EntityKind) -> serde_json::Result<String> {
    let mut text = match kind {
        EntityKind::Organization => serde_json::to_string_pretty(&snapshot.organizations),
        EntityKind::Teammate => serde_json::to_string_pretty(&snapshot.teammates),
        EntityKind::Contact => serde_json::to_string_pretty(&snapshot.contacts),
        EntityKind::Project => serde_json::to_string_pretty(&snapshot.projects),
        EntityKind::Stake => serde_json::to_string_pretty(&snapshot.stakes),
        EntityKind::Relationship => serde_json::to_string_pretty(&snapshot.relationships),
        EntityKind::Interaction => serde_json::to_string_pretty(&snapshot.interactions),
        EntityKind::Settings => serde_json::to_string_pretty(&[&snapshot.settings]),
    }?;
    text.push('\n');
    Ok(text)
}

/// The items of `kind` as a table naming people and projects rather than showing their ids
/// (each item's own id is the last column, for `delete`).
pub fn table(snapshot: &Snapshot, kind: EntityKind) -> String {
    if count(snapshot, kind) == 0 {
        return format!("No {}s.\n", kind.name());
    }
    let names = Names::of(snapshot);
    let table = match kind {
        EntityKind::Organization => organizations(snapshot),
        EntityKind::Teammate => {
            let mut table = Table::new(&["name", "email", "id"]);
            for t in &snapshot.teammates {
                table.row(vec![t.name.clone(), t.email.clone(), t.id.clone()]);
            }
            table
        }
        EntityKind::Contact => {
            let mut table = Table::new(&["name", "title", "organization", "email", "id"]);
            for c in &snapshot.contacts {
                let org = c.organization.as_deref().map(|o| names.organization(o));
                let cells = [&c.name, &c.title, &org.unwrap_or_default(), &c.email, &c.id];
                table.row(cells.into_iter().cloned().collect());
            }
            table
        }
        EntityKind::Project => {
            let mut table =
                Table::new(&["name", "organization", "status", "stage", "target", "id"]);
            for p in &snapshot.projects {
                table.row(vec![
                    p.name.clone(),
                    p.organization
                        .as_deref()
                        .map(|o| names.organization(o))
                        .unwrap_or_default(),
                    p.status.label().to_string(),
                    p.stage.clone(),
                    p.target_date.clone().unwrap_or_default(),
                    p.id.clone(),
                ]);
            }
            table
        }
        EntityKind::Stake => stakes(snapshot, &names),
        EntityKind::Relationship => {
            let mut table = Table::new(&["from", "kind", "to", "strength", "id"]).right(&[3]);
            for r in &snapshot.relationships {
                table.row(vec![
                    names.contact(&r.from),
                    r.kind.label().to_string(),
                    names.contact(&r.to),
                    r.strength.to_string(),
                    r.id.clone(),
                ]);
            }
            table
        }
        EntityKind::Interaction => {
            let mut table = Table::new(&["date", "channel", "contacts", "project", "id"]);
            for i in &snapshot.interactions {
                let contacts: Vec<String> = i.contacts.iter().map(|c| names.contact(c)).collect();
                table.row(vec![
                    i.date.clone(),
                    i.channel.label().to_string(),
                    contacts.join(", "),
                    i.project
                        .as_deref()
                        .map(|p| names.project(p))
                        .unwrap_or_default(),
                    i.id.clone(),
                ]);
            }
            table
        }
        EntityKind::Settings => settings(&snapshot.settings),
    };
    table.render()
}

fn organizations(snapshot: &Snapshot) -> Table {
    let mut table = Table::new(&["name", "contacts", "projects", "id"]).right(&[1, 2]);
    for o in &snapshot.organizations {
        let of = |org: &Option<String>| org.as_deref() == Some(o.id.as_str());
        let contacts = snapshot
            .contacts
            .iter()
            .filter(|c| of(&c.organization))
            .count();
        let projects = snapshot
            .projects
            .iter()
            .filter(|p| of(&p.organization))
            .count();
        table.row(vec![
            o.name.clone(),
            contacts.to_string(),
            projects.to_string(),
            o.id.clone(),
        ]);
    }
    table
}

/// The map's settings, one per row: what, and its value.
fn settings(s: &Settings) -> Table {
    let mut table = Table::new(&["setting", "value"]);
    let roles: Vec<&str> = s.default_required_roles.iter().map(|r| r.label()).collect();
    let w = &s.weights;
    let c = &s.cadences;
    let rows = [
        ("default required roles", roles.join(", ")),
        (
            "weights",
            format!(
                "roles {}, support {}, threading {}, pulse {}, reach {}, perception {}",
                w.roles, w.support, w.threading, w.pulse, w.reach, w.perception
            ),
        ),
        (
            "cadences (days)",
            format!(
                "decision maker {}, economic buyer {}, champion {}, sponsor {}, other {}",
                c.decision_maker, c.economic_buyer, c.champion, c.sponsor, c.other
            ),
        ),
        (
            "bands",
            format!("green from {}, amber from {}", s.bands.green, s.bands.amber),
        ),
    ];
    for (name, value) in rows {
        table.row(vec![name.to_string(), value]);
    }
    table
}

fn stakes(snapshot: &Snapshot, names: &Names) -> Table {
    let header = [
        "contact",
        "project",
        "role",
        "stance",
        "influence",
        "interest",
        "id",
    ];
    let mut table = Table::new(&header).right(&[4, 5]);
    let mut stakes: Vec<_> = snapshot.stakes.iter().collect();
    stakes.sort_by_cached_key(|s| (names.project(&s.project), names.contact(&s.contact)));
    for s in stakes {
        table.row(vec![
            names.contact(&s.contact),
            names.project(&s.project),
            s.role.label().to_string(),
            stance(s.stance),
            s.influence.to_string(),
            s.interest.to_string(),
            s.id.clone(),
        ]);
    }
    table
}

/// A stance as its sign and a word: "+2 champion" .. "neutral" .. "-2 opponent".
fn stance(value: i8) -> String {
    let word = stakemap_core::model::stance_label(value);
    if value == 0 {
        word.to_string()
    } else {
        format!("{value:+} {word}")
    }
}

fn count(snapshot: &Snapshot, kind: EntityKind) -> usize {
    match kind {
        EntityKind::Organization => snapshot.organizations.len(),
        EntityKind::Teammate => snapshot.teammates.len(),
        EntityKind::Contact => snapshot.contacts.len(),
        EntityKind::Project => snapshot.projects.len(),
        EntityKind::Stake => snapshot.stakes.len(),
        EntityKind::Relationship => snapshot.relationships.len(),
        EntityKind::Interaction => snapshot.interactions.len(),
        EntityKind::Settings => 1,
    }
}

/// Names of the items other items refer to; an unknown id shows as itself.
struct Names<'a> {
    organizations: HashMap<&'a str, &'a str>,
    contacts: HashMap<&'a str, &'a str>,
    projects: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn of(snapshot: &'a Snapshot) -> Names<'a> {
        Names {
            organizations: names_by_id(&snapshot.organizations),
            contacts: names_by_id(&snapshot.contacts),
            projects: names_by_id(&snapshot.projects),
        }
    }

    fn organization(&self, id: &str) -> String {
        self.organizations.get(id).unwrap_or(&id).to_string()
    }

    fn contact(&self, id: &str) -> String {
        self.contacts.get(id).unwrap_or(&id).to_string()
    }

    fn project(&self, id: &str) -> String {
        self.projects.get(id).unwrap_or(&id).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_reads_as_sign_and_word() {
        assert_eq!(stance(-2), "-2 opponent");
        assert_eq!(stance(0), "neutral");
        assert_eq!(stance(2), "+2 champion");
    }

    #[test]
    fn empty_kinds_say_so() {
        assert_eq!(
            table(&Snapshot::default(), EntityKind::Stake),
            "No stakes.\n"
        );
    }
}
