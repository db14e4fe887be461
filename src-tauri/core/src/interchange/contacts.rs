//! Contacts read from other programs (CSV rows, vCard cards) become plan items: organizations
//! are found by name (ignoring case and accents) or created, and duplicates — the same email,
//! or the same name and organization, as a contact in the map or earlier in the file — are
//! merged or skipped, never created twice.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::interchange::csv::ContactField;
use crate::interchange::plan::{Duplicates, PlanAction, PlanItem};
use crate::interchange::text::fold;
use crate::model::{Contact, EntityKind, Id, Organization, Record, Snapshot, new_id};
use crate::validate;

/// One contact as read: its values by field, each with the place it came from
/// (`line 5, column 3 (Email)`).
#[derive(Debug, Clone)]
pub(crate) struct ContactRow {
    location: String,
    values: Vec<(ContactField, String, String)>,
}

impl ContactRow {
    /// An empty row read at `location` (`line 5`, `card 2 (line 14)`).
    pub(crate) fn new(location: String) -> ContactRow {
        ContactRow {
            location,
            values: Vec::new(),
        }
    }

    /// Adds a value for `field`, read at `place`; blank values and `Ignore` are dropped.
    pub(crate) fn add(&mut self, field: ContactField, value: &str, place: String) {
        if field != ContactField::Ignore && !value.trim().is_empty() {
            self.values.push((field, value.to_string(), place));
        }
    }

    fn first(&self, field: ContactField) -> Option<(&str, &str)> {
        self.values
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, v, p)| (v.trim(), p.as_str()))
    }

    fn all(&self, field: ContactField) -> impl Iterator<Item = &str> {
        self.values
            .iter()
            .filter(move |(f, _, _)| *f == field)
            .map(|(_, v, _)| v.trim())
    }

    /// The full name, from a name field or first, middle and last names; with its place.
    fn name(&self) -> Option<(String, String)> {
        if let Some((name, place)) = self.first(ContactField::Name) {
            return Some((name.to_string(), place.to_string()));
        }
        let parts: Vec<&str> = [
            ContactField::FirstName,
            ContactField::MiddleName,
            ContactField::LastName,
        ]
        .into_iter()
        .filter_map(|f| self.first(f).map(|(v, _)| v))
        .collect();
        let place = [
            ContactField::FirstName,
            ContactField::LastName,
            ContactField::MiddleName,
        ]
        .into_iter()
        .find_map(|f| self.first(f).map(|(_, p)| p.to_string()))?;
        Some((parts.join(" "), place))
    }

    fn location_text(&self) -> String {
        if let Some((whole, _)) = self.first(ContactField::Location) {
            return one_line(whole);
        }
        let mut parts: Vec<&str> = Vec::new();
        for field in [
            ContactField::City,
            ContactField::Region,
            ContactField::Country,
        ] {
            if let Some((v, _)) = self.first(field)
                && !parts.contains(&v)
            {
                parts.push(v);
            }
        }
        parts.join(", ")
    }

    /// Where the value of a model field (`contact.email`) came from.
    fn place_of(&self, model_field: &str) -> String {
        let fields: &[ContactField] = match model_field {
            "contact.name" => &[
                ContactField::Name,
                ContactField::FirstName,
                ContactField::LastName,
                ContactField::MiddleName,
            ],
            "contact.title" => &[ContactField::Title],
            "contact.email" => &[ContactField::Email],
            "contact.phone" => &[ContactField::Phone],
            "contact.location" => &[
                ContactField::Location,
                ContactField::City,
                ContactField::Region,
                ContactField::Country,
            ],
            "contact.notes" => &[ContactField::Notes],
            "contact.tags" => &[ContactField::Tags],
            "organization.name" => &[ContactField::Organization],
            _ => &[],
        };
        fields
            .iter()
            .find_map(|f| self.first(*f).map(|(_, p)| p.to_string()))
            .unwrap_or_else(|| self.location.clone())
    }
}

/// A multi-line address on one line: "Main St 1\nRotterdam" → "Main St 1, Rotterdam".
fn one_line(value: &str) -> String {
    value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits tag or label lists: `a; b`, `a, b`, Google's `* myContacts ::: Clients`.
fn split_tags(value: &str) -> Vec<String> {
    value
        .split([';', ','])
        .flat_map(|part| part.split(":::"))
        .map(|t| t.trim().trim_start_matches("* ").trim())
        .filter(|t| {
            !t.is_empty()
                && !t.eq_ignore_ascii_case("mycontacts")
                && !t.eq_ignore_ascii_case("starred")
        })
        .map(str::to_string)
        .collect()
}

/// A contact the import knows: in the map, or new from an earlier row.
#[derive(Debug, Clone)]
struct Known {
    contact: Contact,
    /// `None`: in the map; else the location of the row that created it.
    from_row: Option<String>,
}

/// Turns rows into plan items, tracking organizations and duplicates.
pub(crate) struct RowPlanner {
    duplicates: Duplicates,
    /// Organization ids by folded name (the map's, then new ones).
    orgs: HashMap<String, Id>,
    org_items: Vec<PlanItem>,
    contact_items: Vec<PlanItem>,
    known: HashMap<Id, Known>,
    by_email: HashMap<String, Id>,
    by_name: HashMap<(String, Option<Id>), Id>,
}

impl RowPlanner {
    pub(crate) fn new(existing: &Snapshot, duplicates: Duplicates) -> RowPlanner {
        let mut planner = RowPlanner {
            duplicates,
            orgs: existing
                .organizations
                .iter()
                .map(|o| (fold(&o.name), o.id.clone()))
                .collect(),
            org_items: Vec::new(),
            contact_items: Vec::new(),
            known: HashMap::new(),
            by_email: HashMap::new(),
            by_name: HashMap::new(),
        };
        for c in &existing.contacts {
            planner.remember(c.clone(), None);
        }
        planner
    }

    fn remember(&mut self, contact: Contact, from_row: Option<String>) {
        if !contact.email.is_empty() {
            self.by_email
                .entry(contact.email.to_lowercase())
                .or_insert_with(|| contact.id.clone());
        }
        self.by_name
            .entry((fold(&contact.name), contact.organization.clone()))
            .or_insert_with(|| contact.id.clone());
        self.known
            .insert(contact.id.clone(), Known { contact, from_row });
    }

    /// The organization for a company name: the map's or a new one's id.
    fn organization(&mut self, row: &ContactRow) -> Result<Option<Id>> {
        let Some((name, place)) = row.first(ContactField::Organization) else {
            return Ok(None);
        };
        let key = fold(name);
        if let Some(id) = self.orgs.get(&key) {
            return Ok(Some(id.clone()));
        }
        let mut record = Record::Organization(Organization {
            id: new_id(),
            name: name.to_string(),
            notes: String::new(),
        });
        validate::normalize(&mut record).map_err(|e| at(e, place))?;
        let id = record.id().to_string();
        self.org_items.push(PlanItem {
            action: PlanAction::Create,
            kind: EntityKind::Organization,
            id: id.clone(),
            name: name.to_string(),
            reason: "new organization".into(),
            location: row.location.clone(),
            record: Some(record),
        });
        self.orgs.insert(key, id.clone());
        Ok(Some(id))
    }

    /// Plans one row: create, merge or skip, with the reason. A value the map refuses (a bad
    /// email, a control character) refuses the whole file, naming the row and column.
    pub(crate) fn row(&mut self, row: ContactRow) -> Result<()> {
        let email = row.first(ContactField::Email).map(|(v, _)| v.to_string());
        let Some((name, _)) = row
            .name()
            .or_else(|| email.clone().map(|e| (e, row.place_of("contact.email"))))
        else {
            self.contact_items.push(PlanItem {
                action: PlanAction::Skip,
                kind: EntityKind::Contact,
                id: String::new(),
                name: String::new(),
                reason: "no name or email".into(),
                location: row.location.clone(),
                record: None,
            });
            return Ok(());
        };
        let organization = self.organization(&row)?;
        let mut tags: Vec<String> = Vec::new();
        for value in row.all(ContactField::Tags) {
            tags.extend(split_tags(value));
        }
        let notes: Vec<&str> = row.all(ContactField::Notes).collect();
        let mut record = Record::Contact(Contact {
            organization,
            title: row.first(ContactField::Title).map_or("", |v| v.0).into(),
            email: email.unwrap_or_default(),
            phone: row.first(ContactField::Phone).map_or("", |v| v.0).into(),
            location: row.location_text(),
            tags,
            notes: notes.join("\n"),
            ..Contact::named(new_id(), name)
        });
        validate::normalize(&mut record).map_err(|e| {
            let place = e.field().map(|f| row.place_of(f)).unwrap_or_default();
            at(e, &place)
        })?;
        let Record::Contact(contact) = record else {
            return Ok(());
        };
        self.place(contact, &row.location);
        Ok(())
    }

    fn place(&mut self, contact: Contact, location: &str) {
        let by_email = (!contact.email.is_empty())
            .then(|| self.by_email.get(&contact.email.to_lowercase()))
            .flatten();
        let by_name = self
            .by_name
            .get(&(fold(&contact.name), contact.organization.clone()));
        let (matched, why) = match (by_email, by_name) {
            (Some(id), _) => (id.clone(), "same email as"),
            (None, Some(id)) => (id.clone(), "same name and organization as"),
            (None, None) => {
                self.contact_items.push(PlanItem {
                    action: PlanAction::Create,
                    kind: EntityKind::Contact,
                    id: contact.id.clone(),
                    name: contact.name.clone(),
                    reason: "new contact".into(),
                    location: location.to_string(),
                    record: Some(Record::Contact(contact.clone())),
                });
                self.remember(contact, Some(location.to_string()));
                return;
            }
        };
        let Some(known) = self.known.get(&matched).cloned() else {
            return;
        };
        let whom = match &known.from_row {
            None => format!("{} in the map", known.contact.name),
            Some(row) => format!("{} ({row})", known.contact.name),
        };
        let (merged, added) = merge(&known.contact, &contact);
        let (action, reason, record) = match self.duplicates {
            Duplicates::Skip => (PlanAction::Skip, format!("{why} {whom}"), None),
            Duplicates::Merge if added.is_empty() => (
                PlanAction::Skip,
                format!("{why} {whom}; nothing new to add"),
                None,
            ),
            Duplicates::Merge => (
                PlanAction::Merge,
                format!("{why} {whom}: adds {}", added.join(", ")),
                Some(Record::Contact(merged.clone())),
            ),
        };
        self.contact_items.push(PlanItem {
            action,
            kind: EntityKind::Contact,
            id: known.contact.id.clone(),
            name: known.contact.name.clone(),
            reason,
            location: location.to_string(),
            record,
        });
        if action == PlanAction::Merge {
            self.known.insert(
                merged.id.clone(),
                Known {
                    contact: merged,
                    from_row: known.from_row,
                },
            );
        }
    }

    /// The plan items: new organizations first, then contacts in file order.
    pub(crate) fn finish(self) -> Vec<PlanItem> {
        let mut items = self.org_items;
        items.extend(self.contact_items);
        items
    }
}

/// `old` with the blanks `new` fills, its new tags and new notes; and what was added.
fn merge(old: &Contact, new: &Contact) -> (Contact, Vec<&'static str>) {
    let mut merged = old.clone();
    let mut added = Vec::new();
    let mut fill = |slot: &mut String, value: &str, what: &'static str| {
        if slot.is_empty() && !value.is_empty() {
            *slot = value.to_string();
            added.push(what);
        }
    };
    fill(&mut merged.title, &new.title, "title");
    fill(&mut merged.email, &new.email, "email");
    fill(&mut merged.phone, &new.phone, "phone");
    fill(&mut merged.location, &new.location, "location");
    if merged.organization.is_none() && new.organization.is_some() {
        merged.organization.clone_from(&new.organization);
        added.push("organization");
    }
    let before = merged.tags.len();
    for tag in &new.tags {
        if !merged.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
            && merged.tags.len() < validate::MAX_TAGS
        {
            merged.tags.push(tag.clone());
        }
    }
    if merged.tags.len() > before {
        added.push("tags");
    }
    if !new.notes.is_empty() && !merged.notes.contains(&new.notes) {
        let joined = if merged.notes.is_empty() {
            new.notes.clone()
        } else {
            format!("{}\n\n{}", merged.notes, new.notes)
        };
        if joined.chars().count() <= validate::MAX_NOTES {
            merged.notes = joined;
            added.push("notes");
        }
    }
    (merged, added)
}

/// Moves a field error to the place in the file it came from.
fn at(error: Error, place: &str) -> Error {
    match error {
        Error::Invalid { message, .. } => Error::Invalid {
            field: place.to_string(),
            message,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn tag_lists_of_each_exporter_are_split() {
        assert_eq!(
            split_tags("* myContacts ::: Clients ::: VIP"),
            ["Clients", "VIP"]
        );
        assert_eq!(split_tags("Customers;Partners"), ["Customers", "Partners"]);
        assert_eq!(split_tags(" a, b ,,"), ["a", "b"]);
    }

    #[test]
    fn merging_fills_blanks_and_keeps_what_the_map_has() {
        let mut old = Contact::named("c1", "Dana Ruiz");
        old.title = "CFO".into();
        old.tags = vec!["finance".into()];
        let mut new = Contact::named("x", "Dana Ruiz");
        new.title = "Chief Financial Officer".into();
        new.phone = "+31 10".into();
        new.tags = vec!["Finance".into(), "exec".into()];
        new.notes = "Met at the summit".into();
        let (merged, added) = merge(&old, &new);
        assert_eq!(merged.id, "c1");
        assert_eq!(merged.title, "CFO");
        assert_eq!(merged.phone, "+31 10");
        assert_eq!(merged.tags, ["finance", "exec"]);
        assert_eq!(added, ["phone", "tags", "notes"]);
        assert!(
            merge(&merged, &new).1.is_empty(),
            "merging twice adds nothing"
        );
    }
}
