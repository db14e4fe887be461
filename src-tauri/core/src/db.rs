//! Rows to records and back: every SQL statement that touches the domain tables.

use std::collections::HashMap;

use rusqlite::types::Type as SqlType;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::Result;
use crate::model::{
    Channel, Contact, EntityKind, Frame, Id, Interaction, Organization, Project, ProjectStatus,
    Record, Relationship, RelationshipKind, Role, SETTINGS_ID, Settings, Snapshot, Stake, Summary,
    Teammate,
};

const ORGANIZATION: &str = "SELECT id, name, notes FROM organizations";
const TEAMMATE: &str = "SELECT id, name, email FROM teammates";
const CONTACT: &str = "SELECT id, name, title, organization, email, phone, location, tags, notes, \
                       cadence_days FROM contacts";
const PROJECT: &str = "SELECT id, name, organization, status, stage, target_date, required_roles, \
                       notes, frame_x, frame_y, frame_width, frame_height, weights FROM projects";
const STAKE: &str = "SELECT id, project, contact, role, stance, influence, interest, owner, health, \
                     notes, x, y FROM stakes";
const RELATIONSHIP: &str =
    "SELECT id, from_contact, to_contact, kind, strength, notes FROM relationships";
const INTERACTION: &str = "SELECT id, date, channel, project, sentiment, notes FROM interactions";

fn conversion(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, SqlType::Text, message.into())
}

fn key<T>(row: &Row, index: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| conversion(index, format!("unknown value \"{text}\"")))
}

fn json<T: serde::de::DeserializeOwned>(row: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| conversion(index, e.to_string()))
}

fn organization(row: &Row) -> rusqlite::Result<Organization> {
    Ok(Organization {
        id: row.get(0)?,
        name: row.get(1)?,
        notes: row.get(2)?,
    })
}

fn teammate(row: &Row) -> rusqlite::Result<Teammate> {
    Ok(Teammate {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
    })
}

fn contact(row: &Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(0)?,
        name: row.get(1)?,
        title: row.get(2)?,
        organization: row.get(3)?,
        email: row.get(4)?,
        phone: row.get(5)?,
        location: row.get(6)?,
        tags: json(row, 7)?,
        notes: row.get(8)?,
        cadence_days: row.get(9)?,
    })
}

fn project(row: &Row) -> rusqlite::Result<Project> {
    let roles: Vec<String> = json(row, 6)?;
    let required_roles = roles
        .iter()
        .map(|r| Role::from_key(r).ok_or_else(|| conversion(6, format!("unknown role \"{r}\""))))
        .collect::<rusqlite::Result<Vec<Role>>>()?;
    Ok(Project {
        id: row.get(0)?,
        name: row.get(1)?,
        organization: row.get(2)?,
        status: key(row, 3, ProjectStatus::from_key)?,
        stage: row.get(4)?,
        target_date: row.get(5)?,
        required_roles,
        notes: row.get(7)?,
        frame: Frame {
            x: row.get(8)?,
            y: row.get(9)?,
            width: row.get(10)?,
            height: row.get(11)?,
        },
        weights: match row.get::<_, Option<String>>(12)? {
            Some(text) => {
                Some(serde_json::from_str(&text).map_err(|e| conversion(12, e.to_string()))?)
            }
            None => None,
        },
    })
}

/// The map's settings: the stored ones, else the defaults.
fn settings(conn: &Connection) -> Result<Settings> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([SETTINGS_ID], |r| r.get(0))
        .optional()?;
    match text {
        None => Ok(Settings::default()),
        Some(text) => {
            // Stored over the defaults, so that a setting added later reads as its default.
            let bad = |e: serde_json::Error| conversion(0, format!("settings: {e}"));
            let stored: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&text).map_err(bad)?;
            let mut value = serde_json::to_value(Settings::default()).map_err(bad)?;
            if let Some(fields) = value.as_object_mut() {
                fields.extend(stored);
            }
            let mut settings: Settings = serde_json::from_value(value).map_err(bad)?;
            settings.id = SETTINGS_ID.to_string();
            Ok(settings)
        }
    }
}

fn stake(row: &Row) -> rusqlite::Result<Stake> {
    Ok(Stake {
        id: row.get(0)?,
        project: row.get(1)?,
        contact: row.get(2)?,
        role: key(row, 3, Role::from_key)?,
        stance: row.get(4)?,
        influence: row.get(5)?,
        interest: row.get(6)?,
        owner: row.get(7)?,
        health: row.get(8)?,
        notes: row.get(9)?,
        x: row.get(10)?,
        y: row.get(11)?,
    })
}

fn relationship(row: &Row) -> rusqlite::Result<Relationship> {
    Ok(Relationship {
        id: row.get(0)?,
        from: row.get(1)?,
        to: row.get(2)?,
        kind: key(row, 3, RelationshipKind::from_key)?,
        strength: row.get(4)?,
        notes: row.get(5)?,
    })
}

fn interaction(row: &Row) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: row.get(0)?,
        date: row.get(1)?,
        channel: key(row, 2, Channel::from_key)?,
        contacts: Vec::new(),
        teammates: Vec::new(),
        project: row.get(3)?,
        sentiment: row.get(4)?,
        notes: row.get(5)?,
    })
}

fn select<T>(
    conn: &Connection,
    base: &str,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
    map: fn(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let sql = format!("{base} {filter}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(args, map)?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

/// Fills in the contacts and teammates of interactions read without them.
fn with_participants(conn: &Connection, mut items: Vec<Interaction>) -> Result<Vec<Interaction>> {
    if items.is_empty() {
        return Ok(items);
    }
    let index: HashMap<Id, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();
    for (table, column, teammates) in [
        ("interaction_contacts", "contact", false),
        ("interaction_teammates", "teammate", true),
    ] {
        let sql =
            format!("SELECT interaction, {column} FROM {table} ORDER BY interaction, position");
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let interaction: String = row.get(0)?;
            if let Some(&i) = index.get(&interaction) {
                let list = if teammates {
                    &mut items[i].teammates
                } else {
                    &mut items[i].contacts
                };
                list.push(row.get(1)?);
            }
        }
    }
    Ok(items)
}

/// Reads the whole map.
pub fn snapshot(conn: &Connection) -> Result<Snapshot> {
    let interactions = select(
        conn,
        INTERACTION,
        "ORDER BY date DESC, id",
        &[],
        interaction,
    )?;
    Ok(Snapshot {
        organizations: select(
            conn,
            ORGANIZATION,
            "ORDER BY name COLLATE NOCASE, id",
            &[],
            organization,
        )?,
        teammates: select(
            conn,
            TEAMMATE,
            "ORDER BY name COLLATE NOCASE, id",
            &[],
            teammate,
        )?,
        contacts: select(
            conn,
            CONTACT,
            "ORDER BY name COLLATE NOCASE, id",
            &[],
            contact,
        )?,
        projects: select(
            conn,
            PROJECT,
            "ORDER BY name COLLATE NOCASE, id",
            &[],
            project,
        )?,
        stakes: select(conn, STAKE, "ORDER BY project, contact", &[], stake)?,
        relationships: select(
            conn,
            RELATIONSHIP,
            "ORDER BY from_contact, to_contact, id",
            &[],
            relationship,
        )?,
        interactions: with_participants(conn, interactions)?,
        settings: settings(conn)?,
    })
}

/// Counts the items of each kind.
pub fn summary(conn: &Connection) -> Result<Summary> {
    let count = |table: &str| -> Result<u32> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(Summary {
        organizations: count("organizations")?,
        teammates: count("teammates")?,
        contacts: count("contacts")?,
        projects: count("projects")?,
        stakes: count("stakes")?,
        relationships: count("relationships")?,
        interactions: count("interactions")?,
    })
}

fn one<T>(items: Vec<T>) -> Option<T> {
    items.into_iter().next()
}

/// Reads one item.
pub fn get(conn: &Connection, kind: EntityKind, id: &str) -> Result<Option<Record>> {
    let by_id = "WHERE id = ?1";
    Ok(match kind {
        EntityKind::Organization => {
            one(select(conn, ORGANIZATION, by_id, &[&id], organization)?).map(Record::Organization)
        }
        EntityKind::Teammate => {
            one(select(conn, TEAMMATE, by_id, &[&id], teammate)?).map(Record::Teammate)
        }
        EntityKind::Contact => {
            one(select(conn, CONTACT, by_id, &[&id], contact)?).map(Record::Contact)
        }
        EntityKind::Project => {
            one(select(conn, PROJECT, by_id, &[&id], project)?).map(Record::Project)
        }
        EntityKind::Stake => one(select(conn, STAKE, by_id, &[&id], stake)?).map(Record::Stake),
        EntityKind::Relationship => {
            one(select(conn, RELATIONSHIP, by_id, &[&id], relationship)?).map(Record::Relationship)
        }
        EntityKind::Interaction => {
            let items = select(conn, INTERACTION, by_id, &[&id], interaction)?;
            one(with_participants_of(conn, items)?).map(Record::Interaction)
        }
        EntityKind::Settings => (id == SETTINGS_ID)
            .then(|| settings(conn))
            .transpose()?
            .map(Record::Settings),
    })
}

/// Like `with_participants`, for a few interactions.
fn with_participants_of(
    conn: &Connection,
    mut items: Vec<Interaction>,
) -> Result<Vec<Interaction>> {
    for item in &mut items {
        let mut stmt = conn.prepare_cached(
            "SELECT contact FROM interaction_contacts WHERE interaction = ?1 ORDER BY position",
        )?;
        item.contacts = stmt
            .query_map([&item.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT teammate FROM interaction_teammates WHERE interaction = ?1 ORDER BY position",
        )?;
        item.teammates = stmt
            .query_map([&item.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(items)
}

/// Whether an item of that kind and id exists.
pub fn exists(conn: &Connection, kind: EntityKind, id: &str) -> Result<bool> {
    if kind == EntityKind::Settings {
        return Ok(id == SETTINGS_ID);
    }
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", table(kind));
    Ok(conn.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}

fn table(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Organization => "organizations",
        EntityKind::Teammate => "teammates",
        EntityKind::Contact => "contacts",
        EntityKind::Project => "projects",
        EntityKind::Stake => "stakes",
        EntityKind::Relationship => "relationships",
        EntityKind::Interaction => "interactions",
        EntityKind::Settings => "settings",
    }
}

/// The stake of a contact on a project, if any.
pub fn stake_of(conn: &Connection, project: &str, contact: &str) -> Result<Option<Stake>> {
    Ok(one(select(
        conn,
        STAKE,
        "WHERE project = ?1 AND contact = ?2",
        &[&project, &contact],
        stake,
    )?))
}

/// Items that refer to `kind`/`id`, which a delete of it must change or remove.
pub fn dependents(conn: &Connection, kind: EntityKind, id: &str) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    match kind {
        EntityKind::Organization => {
            out.extend(
                select(conn, CONTACT, "WHERE organization = ?1", &[&id], contact)?
                    .into_iter()
                    .map(Record::Contact),
            );
            out.extend(
                select(conn, PROJECT, "WHERE organization = ?1", &[&id], project)?
                    .into_iter()
                    .map(Record::Project),
            );
        }
        EntityKind::Teammate => {
            out.extend(
                select(conn, STAKE, "WHERE owner = ?1", &[&id], stake)?
                    .into_iter()
                    .map(Record::Stake),
            );
            out.extend(interactions_with(
                conn,
                "interaction_teammates",
                "teammate",
                id,
            )?);
        }
        EntityKind::Contact => {
            out.extend(
                select(conn, STAKE, "WHERE contact = ?1", &[&id], stake)?
                    .into_iter()
                    .map(Record::Stake),
            );
            out.extend(
                select(
                    conn,
                    RELATIONSHIP,
                    "WHERE from_contact = ?1 OR to_contact = ?1",
                    &[&id],
                    relationship,
                )?
                .into_iter()
                .map(Record::Relationship),
            );
            out.extend(interactions_with(
                conn,
                "interaction_contacts",
                "contact",
                id,
            )?);
        }
        EntityKind::Project => {
            out.extend(
                select(conn, STAKE, "WHERE project = ?1", &[&id], stake)?
                    .into_iter()
                    .map(Record::Stake),
            );
            let items = select(conn, INTERACTION, "WHERE project = ?1", &[&id], interaction)?;
            out.extend(
                with_participants_of(conn, items)?
                    .into_iter()
                    .map(Record::Interaction),
            );
        }
        EntityKind::Stake
        | EntityKind::Relationship
        | EntityKind::Interaction
        | EntityKind::Settings => {}
    }
    Ok(out)
}

/// The interactions (whole, with participants) that list `id` in a participant table.
fn interactions_with(
    conn: &Connection,
    table: &str,
    column: &str,
    id: &str,
) -> Result<Vec<Record>> {
    let filter = format!("WHERE id IN (SELECT interaction FROM {table} WHERE {column} = ?1)");
    let items = select(conn, INTERACTION, &filter, &[&id], interaction)?;
    Ok(with_participants_of(conn, items)?
        .into_iter()
        .map(Record::Interaction)
        .collect())
}

/// Writes an item (insert or update in place; never delete-and-insert, which would cascade).
pub fn put(conn: &Connection, record: &Record) -> Result<()> {
    match record {
        Record::Organization(o) => {
            conn.prepare_cached(
                "INSERT INTO organizations (id, name, notes) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, notes = excluded.notes",
            )?
            .execute(params![o.id, o.name, o.notes])?;
        }
        Record::Teammate(t) => {
            conn.prepare_cached(
                "INSERT INTO teammates (id, name, email) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email",
            )?
            .execute(params![t.id, t.name, t.email])?;
        }
        Record::Contact(c) => {
            let tags = serde_json::to_string(&c.tags).unwrap_or_else(|_| "[]".into());
            conn.prepare_cached(
                "INSERT INTO contacts (id, name, title, organization, email, phone, location, tags,
                                       notes, cadence_days)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, title = excluded.title,
                   organization = excluded.organization, email = excluded.email,
                   phone = excluded.phone, location = excluded.location, tags = excluded.tags,
                   notes = excluded.notes, cadence_days = excluded.cadence_days",
            )?
            .execute(params![
                c.id,
                c.name,
                c.title,
                c.organization,
                c.email,
                c.phone,
                c.location,
                tags,
                c.notes,
                c.cadence_days
            ])?;
        }
        Record::Project(p) => {
            let roles: Vec<&str> = p.required_roles.iter().map(|r| r.key()).collect();
            let roles = serde_json::to_string(&roles).unwrap_or_else(|_| "[]".into());
            let weights = p.weights.as_ref().map(to_json).transpose()?;
            conn.prepare_cached(
                "INSERT INTO projects (id, name, organization, status, stage, target_date,
                                       required_roles, notes, frame_x, frame_y, frame_width,
                                       frame_height, weights)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                   organization = excluded.organization, status = excluded.status,
                   stage = excluded.stage, target_date = excluded.target_date,
                   required_roles = excluded.required_roles, notes = excluded.notes,
                   frame_x = excluded.frame_x, frame_y = excluded.frame_y,
                   frame_width = excluded.frame_width, frame_height = excluded.frame_height,
                   weights = excluded.weights",
            )?
            .execute(params![
                p.id,
                p.name,
                p.organization,
                p.status.key(),
                p.stage,
                p.target_date,
                roles,
                p.notes,
                p.frame.x,
                p.frame.y,
                p.frame.width,
                p.frame.height,
                weights
            ])?;
        }
        Record::Stake(s) => {
            conn.prepare_cached(
                "INSERT INTO stakes (id, project, contact, role, stance, influence, interest, owner,
                                     health, notes, x, y)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (id) DO UPDATE SET project = excluded.project,
                   contact = excluded.contact, role = excluded.role, stance = excluded.stance,
                   influence = excluded.influence, interest = excluded.interest,
                   owner = excluded.owner, health = excluded.health, notes = excluded.notes,
                   x = excluded.x, y = excluded.y",
            )?
            .execute(params![
                s.id,
                s.project,
                s.contact,
                s.role.key(),
                s.stance,
                s.influence,
                s.interest,
                s.owner,
                s.health,
                s.notes,
                s.x,
                s.y
            ])?;
        }
        Record::Relationship(r) => {
            conn.prepare_cached(
                "INSERT INTO relationships (id, from_contact, to_contact, kind, strength, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET from_contact = excluded.from_contact,
                   to_contact = excluded.to_contact, kind = excluded.kind,
                   strength = excluded.strength, notes = excluded.notes",
            )?
            .execute(params![
                r.id,
                r.from,
                r.to,
                r.kind.key(),
                r.strength,
                r.notes
            ])?;
        }
        Record::Interaction(i) => {
            conn.prepare_cached(
                "INSERT INTO interactions (id, date, channel, project, sentiment, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET date = excluded.date, channel = excluded.channel,
                   project = excluded.project, sentiment = excluded.sentiment,
                   notes = excluded.notes",
            )?
            .execute(params![
                i.id,
                i.date,
                i.channel.key(),
                i.project,
                i.sentiment,
                i.notes
            ])?;
            conn.prepare_cached("DELETE FROM interaction_contacts WHERE interaction = ?1")?
                .execute([&i.id])?;
            conn.prepare_cached("DELETE FROM interaction_teammates WHERE interaction = ?1")?
                .execute([&i.id])?;
            let mut add_contact = conn.prepare_cached(
                "INSERT INTO interaction_contacts (interaction, contact, position) VALUES (?1, ?2, ?3)",
            )?;
            for (position, contact) in i.contacts.iter().enumerate() {
                add_contact.execute(params![i.id, contact, position as i64])?;
            }
            let mut add_teammate = conn.prepare_cached(
                "INSERT INTO interaction_teammates (interaction, teammate, position) VALUES (?1, ?2, ?3)",
            )?;
            for (position, teammate) in i.teammates.iter().enumerate() {
                add_teammate.execute(params![i.id, teammate, position as i64])?;
            }
        }
        Record::Settings(settings) => {
            conn.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![SETTINGS_ID, to_json(settings)?])?;
        }
    }
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Deletes an item (its own join rows go with it). Deleting the settings brings back the
/// defaults.
pub fn remove(conn: &Connection, kind: EntityKind, id: &str) -> Result<()> {
    if kind == EntityKind::Settings {
        conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?
            .execute([id])?;
        return Ok(());
    }
    let sql = format!("DELETE FROM {} WHERE id = ?1", table(kind));
    conn.prepare_cached(&sql)?.execute([id])?;
    Ok(())
}
