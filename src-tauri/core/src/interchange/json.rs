//! The Stakemap JSON format, version 1 (`docs/format.md`, `docs/stakemap.schema.json`): export,
//! and parsing with validation of the whole file before anything is written.
//!
//! Export is deterministic: items sorted by id, every field written (absent values as `null`),
//! pretty printed with a trailing newline, so export → import into an empty map → export gives
//! the same bytes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::coverage::{BandThresholds, Cadences, Weights};
use crate::error::{Error, Result};
use crate::interchange::limits;
use crate::interchange::plan::{
    self, Duplicates, ImportFormat, ImportPlan, JsonTarget, PlanAction, PlanItem,
};
use crate::model::{
    Channel, Contact, EntityKind, Frame, Id, Interaction, Organization, Project, ProjectStatus,
    Record, Relationship, RelationshipKind, Role, SETTINGS_ID, Settings, Snapshot, Stake, Teammate,
};
use crate::validate;

/// The value of `"format"`.
pub const FORMAT: &str = "stakemap";
/// The version this Stakemap writes and the newest it reads.
pub const VERSION: u64 = 1;

/// A whole file, as written and read.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    version: u64,
    #[serde(default)]
    organizations: Vec<OrganizationV1>,
    #[serde(default)]
    teammates: Vec<TeammateV1>,
    #[serde(default)]
    contacts: Vec<ContactV1>,
    #[serde(default)]
    projects: Vec<ProjectV1>,
    #[serde(default)]
    stakes: Vec<StakeV1>,
    #[serde(default)]
    relationships: Vec<RelationshipV1>,
    #[serde(default)]
    interactions: Vec<InteractionV1>,
    /// The map's settings; absent means the defaults.
    #[serde(default)]
    settings: Option<SettingsV1>,
}

/// The map's settings (coverage weights, cadences, bands, default required roles).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsV1 {
    #[serde(default = "default_roles")]
    default_required_roles: Vec<Role>,
    #[serde(default)]
    weights: Weights,
    #[serde(default)]
    cadences: Cadences,
    #[serde(default)]
    bands: BandThresholds,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationV1 {
    id: Id,
    name: String,
    #[serde(default)]
    notes: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeammateV1 {
    id: Id,
    name: String,
    #[serde(default)]
    email: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactV1 {
    id: Id,
    name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    organization: Option<Id>,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    cadence_days: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameV1 {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectV1 {
    id: Id,
    name: String,
    #[serde(default)]
    organization: Option<Id>,
    #[serde(default = "active")]
    status: ProjectStatus,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    target_date: Option<String>,
    #[serde(default = "default_roles")]
    required_roles: Vec<Role>,
    #[serde(default)]
    notes: String,
    #[serde(default = "default_frame")]
    frame: FrameV1,
    /// The project's own coverage weights; `null` uses the map's.
    #[serde(default)]
    weights: Option<Weights>,
}

fn active() -> ProjectStatus {
    ProjectStatus::Active
}

fn default_roles() -> Vec<Role> {
    crate::model::DEFAULT_REQUIRED_ROLES.to_vec()
}

fn default_frame() -> FrameV1 {
    let f = Project::named("", "").frame;
    FrameV1 {
        x: f.x,
        y: f.y,
        width: f.width,
        height: f.height,
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StakeV1 {
    id: Id,
    project: Id,
    contact: Id,
    role: Role,
    stance: i64,
    influence: i64,
    interest: i64,
    #[serde(default)]
    owner: Option<Id>,
    #[serde(default)]
    health: Option<i64>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    x: f64,
    #[serde(default)]
    y: f64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationshipV1 {
    id: Id,
    from: Id,
    to: Id,
    kind: RelationshipKind,
    #[serde(default = "three")]
    strength: i64,
    #[serde(default)]
    notes: String,
}

fn three() -> i64 {
    3
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct InteractionV1 {
    id: Id,
    date: String,
    channel: Channel,
    contacts: Vec<Id>,
    #[serde(default)]
    teammates: Vec<Id>,
    #[serde(default)]
    project: Option<Id>,
    #[serde(default)]
    sentiment: Option<i64>,
    #[serde(default)]
    notes: String,
}

/// The map as Stakemap JSON, version 1: deterministic bytes (items by id, pretty printed,
/// trailing newline).
pub fn export(snapshot: &Snapshot) -> Result<String> {
    let mut doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        organizations: snapshot
            .organizations
            .iter()
            .map(|o| OrganizationV1 {
                id: o.id.clone(),
                name: o.name.clone(),
                notes: o.notes.clone(),
            })
            .collect(),
        teammates: snapshot
            .teammates
            .iter()
            .map(|t| TeammateV1 {
                id: t.id.clone(),
                name: t.name.clone(),
                email: t.email.clone(),
            })
            .collect(),
        contacts: snapshot.contacts.iter().map(contact_v1).collect(),
        projects: snapshot.projects.iter().map(project_v1).collect(),
        stakes: snapshot.stakes.iter().map(stake_v1).collect(),
        relationships: snapshot
            .relationships
            .iter()
            .map(|r| RelationshipV1 {
                id: r.id.clone(),
                from: r.from.clone(),
                to: r.to.clone(),
                kind: r.kind,
                strength: i64::from(r.strength),
                notes: r.notes.clone(),
            })
            .collect(),
        interactions: snapshot.interactions.iter().map(interaction_v1).collect(),
        settings: Some(SettingsV1 {
            default_required_roles: snapshot.settings.default_required_roles.clone(),
            weights: snapshot.settings.weights,
            cadences: snapshot.settings.cadences,
            bands: snapshot.settings.bands,
        }),
    };
    doc.organizations.sort_by(|a, b| a.id.cmp(&b.id));
    doc.teammates.sort_by(|a, b| a.id.cmp(&b.id));
    doc.contacts.sort_by(|a, b| a.id.cmp(&b.id));
    doc.projects.sort_by(|a, b| a.id.cmp(&b.id));
    doc.stakes.sort_by(|a, b| a.id.cmp(&b.id));
    doc.relationships.sort_by(|a, b| a.id.cmp(&b.id));
    doc.interactions.sort_by(|a, b| a.id.cmp(&b.id));
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Error::invalid("export", format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

fn contact_v1(c: &Contact) -> ContactV1 {
    ContactV1 {
        id: c.id.clone(),
        name: c.name.clone(),
        title: c.title.clone(),
        organization: c.organization.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        location: c.location.clone(),
        tags: c.tags.clone(),
        notes: c.notes.clone(),
        cadence_days: c.cadence_days.map(i64::from),
    }
}

fn project_v1(p: &Project) -> ProjectV1 {
    ProjectV1 {
        id: p.id.clone(),
        name: p.name.clone(),
        organization: p.organization.clone(),
        status: p.status,
        stage: p.stage.clone(),
        target_date: p.target_date.clone(),
        required_roles: p.required_roles.clone(),
        notes: p.notes.clone(),
        frame: FrameV1 {
            x: p.frame.x,
            y: p.frame.y,
            width: p.frame.width,
            height: p.frame.height,
        },
        weights: p.weights,
    }
}

fn stake_v1(s: &Stake) -> StakeV1 {
    StakeV1 {
        id: s.id.clone(),
        project: s.project.clone(),
        contact: s.contact.clone(),
        role: s.role,
        stance: i64::from(s.stance),
        influence: i64::from(s.influence),
        interest: i64::from(s.interest),
        owner: s.owner.clone(),
        health: s.health.map(i64::from),
        notes: s.notes.clone(),
        x: s.x,
        y: s.y,
    }
}

fn interaction_v1(i: &Interaction) -> InteractionV1 {
    InteractionV1 {
        id: i.id.clone(),
        date: i.date.clone(),
        channel: i.channel,
        contacts: i.contacts.clone(),
        teammates: i.teammates.clone(),
        project: i.project.clone(),
        sentiment: i.sentiment.map(i64::from),
        notes: i.notes.clone(),
    }
}

/// One item read from a file, checked and tidied, with where it came from (`$.contacts[3]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub path: String,
    pub record: Record,
}

/// Parses and checks a whole Stakemap JSON file. References must resolve to items in the file
/// or, when merging, to items in `existing` (the open map). Returns the items parents first, in
/// file order within each kind; the first problem found is an `Invalid` error whose field is
/// the JSON path (`$.contacts[3].name`) or, for malformed JSON, the line and column.
pub fn parse(bytes: &[u8], existing: &Snapshot) -> Result<Vec<Located>> {
    limits::check_size(bytes.len() as u64)?;
    limits::check_json_depth(bytes)?;
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        Error::invalid(
            format!("line {}, column {}", e.line(), e.column()),
            format!("malformed JSON: {}", strip_position(&e.to_string())),
        )
    })?;
    check_header(&value)?;
    drop(value);
    // Read again from the text (not the `Value`, which keeps only the last of duplicate keys),
    // so that a key given twice is refused.
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let doc: Document = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let path = e.path().to_string();
        let inner = strip_position(&e.into_inner().to_string());
        Error::invalid(json_path(&path), inner)
    })?;
    Checker::new(existing).check(doc)
}

/// serde_json appends " at line L column C" to its messages; the field carries the place.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

fn json_path(path: &str) -> String {
    if path == "." || path.is_empty() {
        "$".into()
    } else {
        format!("$.{path}")
    }
}

/// Refuses other files before their content is read as a map: not an object, another format,
/// a newer version.
fn check_header(value: &Value) -> Result<()> {
    let Some(object) = value.as_object() else {
        return Err(Error::invalid(
            "$",
            "is not a Stakemap file (expected a JSON object with \"format\": \"stakemap\")",
        ));
    };
    match object.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(Error::invalid(
                "$.format",
                format!("unknown format {other}; expected \"stakemap\""),
            ));
        }
        None => {
            return Err(Error::invalid(
                "$.format",
                "is missing; this is not a Stakemap file (expected \"format\": \"stakemap\")",
            ));
        }
    }
    match object.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => Err(Error::invalid(
            "$.version",
            format!(
                "the file is version {n}, written by a newer Stakemap; this one reads version \
                 {VERSION}. Update Stakemap to import it."
            ),
        )),
        Some(other) => Err(Error::invalid(
            "$.version",
            format!("{other} is not a version of the format (this Stakemap reads version 1)"),
        )),
        None => Err(Error::invalid("$.version", "is missing")),
    }
}

/// Checks a document item by item, then its references.
struct Checker<'a> {
    existing: &'a Snapshot,
    /// Ids seen in the file, per kind, with the path of the first item holding each.
    seen: HashMap<EntityKind, HashMap<Id, String>>,
    out: Vec<Located>,
}

impl<'a> Checker<'a> {
    fn new(existing: &'a Snapshot) -> Self {
        Checker {
            existing,
            seen: HashMap::new(),
            out: Vec::new(),
        }
    }

    fn check(mut self, doc: Document) -> Result<Vec<Located>> {
        for n in [
            doc.organizations.len(),
            doc.teammates.len(),
            doc.contacts.len(),
            doc.projects.len(),
            doc.stakes.len(),
            doc.relationships.len(),
            doc.interactions.len(),
        ] {
            if n > limits::MAX_ITEMS {
                return Err(Error::invalid(
                    "$",
                    format!("holds {n} items of one kind; at most {}", limits::MAX_ITEMS),
                ));
            }
        }
        for (n, o) in doc.organizations.into_iter().enumerate() {
            let record = Record::Organization(Organization {
                id: o.id,
                name: o.name,
                notes: o.notes,
            });
            self.item("organizations", n, record)?;
        }
        for (n, t) in doc.teammates.into_iter().enumerate() {
            let record = Record::Teammate(Teammate {
                id: t.id,
                name: t.name,
                email: t.email,
            });
            self.item("teammates", n, record)?;
        }
        for (n, c) in doc.contacts.into_iter().enumerate() {
            let at = format!("$.contacts[{n}]");
            let cadence_days = c
                .cadence_days
                .map(|d| narrow(&at, "cadence_days", d))
                .transpose()?;
            let record = Record::Contact(Contact {
                id: c.id,
                name: c.name,
                title: c.title,
                organization: c.organization,
                email: c.email,
                phone: c.phone,
                location: c.location,
                tags: c.tags,
                notes: c.notes,
                cadence_days,
            });
            self.item("contacts", n, record)?;
        }
        for (n, p) in doc.projects.into_iter().enumerate() {
            let record = Record::Project(Project {
                id: p.id,
                name: p.name,
                organization: p.organization,
                status: p.status,
                stage: p.stage,
                target_date: p.target_date,
                required_roles: p.required_roles,
                notes: p.notes,
                frame: Frame {
                    x: p.frame.x,
                    y: p.frame.y,
                    width: p.frame.width,
                    height: p.frame.height,
                },
                weights: p.weights,
            });
            self.item("projects", n, record)?;
        }
        for (n, s) in doc.stakes.into_iter().enumerate() {
            let at = format!("$.stakes[{n}]");
            let record = Record::Stake(Stake {
                id: s.id,
                project: s.project,
                contact: s.contact,
                role: s.role,
                stance: narrow(&at, "stance", s.stance)?,
                influence: narrow(&at, "influence", s.influence)?,
                interest: narrow(&at, "interest", s.interest)?,
                owner: s.owner,
                health: s.health.map(|h| narrow(&at, "health", h)).transpose()?,
                notes: s.notes,
                x: s.x,
                y: s.y,
            });
            self.item("stakes", n, record)?;
        }
        for (n, r) in doc.relationships.into_iter().enumerate() {
            let at = format!("$.relationships[{n}]");
            let record = Record::Relationship(Relationship {
                id: r.id,
                from: r.from,
                to: r.to,
                kind: r.kind,
                strength: narrow(&at, "strength", r.strength)?,
                notes: r.notes,
            });
            self.item("relationships", n, record)?;
        }
        for (n, i) in doc.interactions.into_iter().enumerate() {
            let at = format!("$.interactions[{n}]");
            let record = Record::Interaction(Interaction {
                id: i.id,
                date: i.date,
                channel: i.channel,
                contacts: i.contacts,
                teammates: i.teammates,
                project: i.project,
                sentiment: i
                    .sentiment
                    .map(|s| narrow(&at, "sentiment", s))
                    .transpose()?,
                notes: i.notes,
            });
            self.item("interactions", n, record)?;
        }
        if let Some(s) = doc.settings {
            let mut record = Record::Settings(Settings {
                id: SETTINGS_ID.to_string(),
                default_required_roles: s.default_required_roles,
                weights: s.weights,
                cadences: s.cadences,
                bands: s.bands,
            });
            validate::normalize(&mut record).map_err(|e| relocate(e, "$.settings"))?;
            self.out.push(Located {
                path: "$.settings".into(),
                record,
            });
        }
        self.check_references()?;
        Ok(self.out)
    }

    /// Checks one item's id and fields; keeps the tidied record.
    fn item(&mut self, array: &str, n: usize, mut record: Record) -> Result<()> {
        let at = format!("$.{array}[{n}]");
        let id = record.id().to_string();
        if id.trim().is_empty() || id.trim() != id {
            return Err(Error::invalid(
                format!("{at}.id"),
                "must be a non-empty string without surrounding spaces",
            ));
        }
        validate::check_text(&format!("{at}.id"), &id, false)?;
        let seen = self.seen.entry(record.kind()).or_default();
        if let Some(first) = seen.get(&id) {
            return Err(Error::invalid(
                format!("{at}.id"),
                format!("duplicate id \"{id}\" (also at {first})"),
            ));
        }
        seen.insert(id, at.clone());
        validate::normalize(&mut record).map_err(|e| relocate(e, &at))?;
        self.out.push(Located { path: at, record });
        Ok(())
    }

    /// Whether `id` names an item of `kind` in the file or the open map.
    fn known(&self, kind: EntityKind, id: &str) -> bool {
        if self.seen.get(&kind).is_some_and(|ids| ids.contains_key(id)) {
            return true;
        }
        let s = self.existing;
        match kind {
            EntityKind::Organization => s.organizations.iter().any(|o| o.id == id),
            EntityKind::Teammate => s.teammates.iter().any(|t| t.id == id),
            EntityKind::Contact => s.contacts.iter().any(|c| c.id == id),
            EntityKind::Project => s.projects.iter().any(|p| p.id == id),
            EntityKind::Stake => s.stakes.iter().any(|x| x.id == id),
            EntityKind::Relationship => s.relationships.iter().any(|r| r.id == id),
            EntityKind::Interaction => s.interactions.iter().any(|i| i.id == id),
            EntityKind::Settings => id == SETTINGS_ID,
        }
    }

    fn check_references(&self) -> Result<()> {
        let mut pairs: HashMap<(&str, &str), &str> = HashMap::new();
        for item in &self.out {
            let refs: Vec<(String, EntityKind, &str)> = match &item.record {
                Record::Organization(_) | Record::Teammate(_) | Record::Settings(_) => Vec::new(),
                Record::Contact(c) => {
                    opt("organization", EntityKind::Organization, &c.organization)
                }
                Record::Project(p) => {
                    opt("organization", EntityKind::Organization, &p.organization)
                }
                Record::Stake(s) => {
                    let mut refs = vec![
                        (
                            "project".to_string(),
                            EntityKind::Project,
                            s.project.as_str(),
                        ),
                        (
                            "contact".to_string(),
                            EntityKind::Contact,
                            s.contact.as_str(),
                        ),
                    ];
                    refs.extend(opt("owner", EntityKind::Teammate, &s.owner));
                    refs
                }
                Record::Relationship(r) => vec![
                    ("from".to_string(), EntityKind::Contact, r.from.as_str()),
                    ("to".to_string(), EntityKind::Contact, r.to.as_str()),
                ],
                Record::Interaction(i) => {
                    let mut refs: Vec<(String, EntityKind, &str)> = i
                        .contacts
                        .iter()
                        .enumerate()
                        .map(|(n, c)| (format!("contacts[{n}]"), EntityKind::Contact, c.as_str()))
                        .collect();
                    refs.extend(i.teammates.iter().enumerate().map(|(n, t)| {
                        (format!("teammates[{n}]"), EntityKind::Teammate, t.as_str())
                    }));
                    refs.extend(opt("project", EntityKind::Project, &i.project));
                    refs
                }
            };
            for (field, kind, id) in refs {
                if !self.known(kind, id) {
                    return Err(Error::invalid(
                        format!("{}.{field}", item.path),
                        format!(
                            "refers to a missing {}: no {} has id \"{id}\"",
                            kind.name(),
                            kind.name()
                        ),
                    ));
                }
            }
            if let Record::Stake(s) = &item.record
                && let Some(first) = pairs.insert((&s.project, &s.contact), &item.path)
            {
                return Err(Error::invalid(
                    format!("{}.contact", item.path),
                    format!(
                        "the contact \"{}\" already has a stake in project \"{}\" (at {first})",
                        s.contact, s.project
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn opt<'r>(
    field: &str,
    kind: EntityKind,
    id: &'r Option<Id>,
) -> Vec<(String, EntityKind, &'r str)> {
    id.as_deref()
        .map(|id| (field.to_string(), kind, id))
        .into_iter()
        .collect()
}

/// Narrows a whole number to the model's type, refusing what does not fit with its path.
fn narrow<T: TryFrom<i64>>(at: &str, field: &str, value: i64) -> Result<T> {
    T::try_from(value)
        .map_err(|_| Error::invalid(format!("{at}.{field}"), format!("{value} is out of range")))
}

/// Moves a field error from the model's names (`contact.name`, `interaction.contacts[0]`) to
/// the item's JSON path (`$.contacts[3].name`).
fn relocate(error: Error, at: &str) -> Error {
    match error {
        Error::Invalid { field, message } => {
            let rest = field
                .split_once('.')
                .map_or(field.as_str(), |(_, rest)| rest);
            Error::Invalid {
                field: format!("{at}.{rest}"),
                message,
            }
        }
        other => other,
    }
}

/// Plans the import of a Stakemap JSON file into a map holding `existing`: into a new map
/// (which must be empty) every item is created; merged into the open one, items whose id is new
/// are created and items whose id the map already holds are merged (the file's fields replace
/// the map's) or skipped, as `duplicates` says; identical items are skipped. A new stake for a
/// contact already on that project in the map is skipped.
pub(crate) fn plan(
    existing: &Snapshot,
    source: &str,
    bytes: &[u8],
    duplicates: Duplicates,
    target: JsonTarget,
) -> Result<ImportPlan> {
    if target == JsonTarget::NewMap && !is_empty(existing) {
        return Err(Error::invalid(
            "map",
            "is not empty; import into a new map, or merge into this one",
        ));
    }
    let items = parse(bytes, existing)?;
    // A new map holds nothing but its default settings, which the file's replace.
    let duplicates = match target {
        JsonTarget::NewMap => Duplicates::Merge,
        JsonTarget::Merge => duplicates,
    };
    let index = plan::index(existing);
    let mut names: HashMap<(EntityKind, String), String> = index
        .values()
        .filter_map(|r| own_name(r).map(|n| ((r.kind(), r.id().to_string()), n)))
        .collect();
    for item in &items {
        if let Some(n) = own_name(&item.record) {
            names.insert((item.record.kind(), item.record.id().to_string()), n);
        }
    }
    let pairs: HashMap<(&str, &str), &str> = existing
        .stakes
        .iter()
        .map(|s| ((s.project.as_str(), s.contact.as_str()), s.id.as_str()))
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for Located { path, record } in items {
        let kind = record.kind();
        let id = record.id().to_string();
        let name = display_name(&record, &names);
        let (action, reason, record) = match index.get(&(kind, id.clone())) {
            Some(old) if *old == record => (
                PlanAction::Skip,
                format!("the same {} is already in the map", kind.name()),
                None,
            ),
            Some(_) if duplicates == Duplicates::Merge => (
                PlanAction::Merge,
                format!("replaces the map's {} with the same id", kind.name()),
                Some(record),
            ),
            Some(_) => (
                PlanAction::Skip,
                format!(
                    "the map already has a {} with this id; kept as it is",
                    kind.name()
                ),
                None,
            ),
            None => match &record {
                Record::Stake(s)
                    if pairs.contains_key(&(s.project.as_str(), s.contact.as_str())) =>
                {
                    (
                        PlanAction::Skip,
                        "this contact is already on this project in the map".to_string(),
                        None,
                    )
                }
                _ => (
                    PlanAction::Create,
                    format!("new {}", kind.name()),
                    Some(record),
                ),
            },
        };
        out.push(PlanItem {
            action,
            kind,
            id,
            name,
            reason,
            location: path,
            record,
        });
    }
    Ok(ImportPlan::new(
        source,
        ImportFormat::Json,
        format!("Stakemap JSON version {VERSION}"),
        duplicates,
        target,
        out,
    ))
}

fn is_empty(s: &Snapshot) -> bool {
    s.organizations.is_empty()
        && s.teammates.is_empty()
        && s.contacts.is_empty()
        && s.projects.is_empty()
        && s.stakes.is_empty()
        && s.relationships.is_empty()
        && s.interactions.is_empty()
}

fn own_name(record: &Record) -> Option<String> {
    match record {
        Record::Organization(o) => Some(o.name.clone()),
        Record::Teammate(t) => Some(t.name.clone()),
        Record::Contact(c) => Some(c.name.clone()),
        Record::Project(p) => Some(p.name.clone()),
        _ => None,
    }
}

/// What people call an item: its name, or for links the names of what they join.
fn display_name(record: &Record, names: &HashMap<(EntityKind, String), String>) -> String {
    let name = |kind: EntityKind, id: &str| {
        names
            .get(&(kind, id.to_string()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    match record {
        Record::Stake(s) => format!(
            "{} on {}",
            name(EntityKind::Contact, &s.contact),
            name(EntityKind::Project, &s.project)
        ),
        Record::Relationship(r) => format!(
            "{} {} {}",
            name(EntityKind::Contact, &r.from),
            r.kind.label().to_lowercase(),
            name(EntityKind::Contact, &r.to)
        ),
        Record::Interaction(i) => format!("{} on {}", i.channel.label().to_lowercase(), i.date),
        Record::Settings(_) => "map settings".to_string(),
        other => own_name(other).unwrap_or_default(),
    }
}
