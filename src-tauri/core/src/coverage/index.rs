//! The coverage index: a map's records in dense, cross-referenced form, built once from a
//! snapshot and kept up to date one change at a time.
//!
//! Contacts, projects, teammates and organizations get a slot (`u32`) the first time their id is
//! seen, whether as a record or as a reference, and keep it; their record may come and go.
//! Interactions live in a store whose slots are reused. Each side of a reference is indexed: a
//! contact knows its projects and interactions, a project its tagged interactions, an
//! organization the projects it touches and its senior people.
//!
//! Scoring reads memory, not arithmetic, so the layout serves it: each project holds its stakes
//! inline, each with a copy of what scoring needs of the contact (their packed data, their
//! [`Summary`] of interactions as of today, their managers and influencers), kept in step
//! whenever the contact, their interactions or their relationships change; each project keeps
//! who was at its recent tagged interactions. Scoring a project then reads one contiguous list
//! instead of chasing a row per stakeholder and per interaction.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::config::Weights;
use super::graph::{ContactGraph, Link, Slot, Up};
use crate::model::{
    Channel, Contact, EntityKind, Interaction, Project, Record, Relationship, RelationshipKind,
    Role, Snapshot, Stake, Teammate,
};

/// Ids to slots for items that are referred to (contacts, projects, teammates, organizations).
#[derive(Debug, Default)]
pub(crate) struct Interned<T> {
    ids: HashMap<String, Slot>,
    pub rows: Vec<T>,
}

impl<T: Default> Interned<T> {
    fn with_capacity(n: usize) -> Self {
        Interned {
            ids: HashMap::with_capacity(n),
            rows: Vec::with_capacity(n),
        }
    }

    /// The slot of `id`, made on first sight.
    fn intern(&mut self, id: &str) -> Slot {
        if let Some(&slot) = self.ids.get(id) {
            return slot;
        }
        let slot = self.rows.len() as Slot;
        self.rows.push(T::default());
        self.ids.insert(id.to_string(), slot);
        slot
    }

    pub fn slot(&self, id: &str) -> Option<Slot> {
        self.ids.get(id).copied()
    }

    pub fn get(&self, slot: Slot) -> Option<&T> {
        self.rows.get(slot as usize)
    }

    fn row(&mut self, slot: Slot) -> Option<&mut T> {
        self.rows.get_mut(slot as usize)
    }
}

/// Records owned by the index (stakes, interactions), by id, in reusable slots.
#[derive(Debug, Default)]
pub(crate) struct Store<T> {
    ids: HashMap<String, Slot>,
    rows: Vec<Option<T>>,
    free: Vec<Slot>,
}

impl<T> Store<T> {
    fn with_capacity(n: usize) -> Self {
        Store {
            ids: HashMap::with_capacity(n),
            rows: Vec::with_capacity(n),
            free: Vec::new(),
        }
    }

    fn insert(&mut self, id: &str, row: T) -> Slot {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.rows[slot as usize] = Some(row);
                slot
            }
            None => {
                self.rows.push(Some(row));
                (self.rows.len() - 1) as Slot
            }
        };
        self.ids.insert(id.to_string(), slot);
        slot
    }

    fn take(&mut self, id: &str) -> Option<(Slot, T)> {
        let slot = self.ids.remove(id)?;
        let row = self.rows.get_mut(slot as usize)?.take()?;
        self.free.push(slot);
        Some((slot, row))
    }

    pub fn by_id(&self, id: &str) -> Option<&T> {
        self.get(*self.ids.get(id)?)
    }

    pub fn get(&self, slot: Slot) -> Option<&T> {
        self.rows.get(slot as usize)?.as_ref()
    }
}

/// What ranking candidates needs of every contact, packed small so that scanning hundreds of
/// them stays in cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ContactHot {
    /// The contact has a record.
    pub present: bool,
    /// C-level, VP, head or director by title.
    pub senior: bool,
    pub organization: Option<Slot>,
    pub cadence_days: Option<u16>,
    /// A stable hash of the id (FNV-1a), for ties in rank.
    pub key: u64,
}

/// FNV-1a, 64 bits: stable across builds and platforms.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What coverage needs of a contact.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContactData {
    /// Id, name and title in one allocation: writing about someone reads one block.
    text: Box<str>,
    id_end: usize,
    name_end: usize,
    pub organization: Option<Slot>,
    pub cadence_days: Option<u16>,
    /// C-level, VP, head or director by title.
    pub senior: bool,
}

impl ContactData {
    fn new(c: &Contact, organization: Option<Slot>) -> ContactData {
        let text = [c.id.as_str(), &c.name, &c.title].concat();
        ContactData {
            text: text.into_boxed_str(),
            id_end: c.id.len(),
            name_end: c.id.len() + c.name.len(),
            organization,
            cadence_days: c.cadence_days,
            senior: is_senior(&c.title),
        }
    }

    pub fn id(&self) -> &str {
        self.text.get(..self.id_end).unwrap_or_default()
    }

    pub fn name(&self) -> &str {
        self.text
            .get(self.id_end..self.name_end)
            .unwrap_or_default()
    }

    pub fn title(&self) -> &str {
        self.text.get(self.name_end..).unwrap_or_default()
    }
}

#[derive(Debug, Default)]
pub(crate) struct ContactRow {
    pub id: String,
    pub data: Option<ContactData>,
    /// The projects they hold a stake in (one entry per stake).
    pub stakes: Vec<Slot>,
    /// Interaction slots.
    pub interactions: Vec<Slot>,
}

/// A short list of slots, inline up to four.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SmallSlots {
    inline: [Slot; 4],
    len: u8,
    more: Vec<Slot>,
}

impl SmallSlots {
    /// Adds `slot` unless the list has it.
    pub fn insert(&mut self, slot: Slot) {
        if self.iter().any(|s| s == slot) {
            return;
        }
        match self.inline.get_mut(usize::from(self.len)) {
            Some(free) => {
                *free = slot;
                self.len += 1;
            }
            None => self.more.push(slot),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Slot> + '_ {
        self.inline[..usize::from(self.len)]
            .iter()
            .chain(&self.more)
            .copied()
    }

    /// The slots, as two slices.
    pub fn slices(&self) -> (&[Slot], &[Slot]) {
        (&self.inline[..usize::from(self.len)], &self.more)
    }
}

/// A contact's interactions summed up as of a day: kept current as interactions change, so that
/// scoring a project reads one summary per stakeholder instead of their whole history.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Summary {
    /// Days since the last touchpoint on each channel (in [`CHANNELS`] order), up to today.
    pub last: [Option<u32>; 6],
    /// Expressed sentiment in the active window: sum and count.
    pub sentiment_sum: i32,
    pub sentiment_n: u32,
    /// Had an interaction about no project in the active window...
    pub untagged_recent: bool,
    /// ...with these teammates.
    pub untagged_teammates: SmallSlots,
}

/// A contact's managers and influencers, inline up to four.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UpList {
    inline: [Up; 4],
    len: u8,
    more: Vec<Up>,
}

impl From<&[Up]> for UpList {
    fn from(all: &[Up]) -> UpList {
        let mut list = UpList::default();
        let (head, tail) = all.split_at(all.len().min(4));
        list.inline[..head.len()].copy_from_slice(head);
        list.len = head.len() as u8;
        list.more = tail.to_vec();
        list
    }
}

impl UpList {
    pub fn iter(&self) -> impl Iterator<Item = &Up> {
        self.inline[..usize::from(self.len)]
            .iter()
            .chain(&self.more)
    }
}

/// The channels in the order [`Summary::last`] holds them.
pub(crate) const CHANNELS: [Channel; 6] = [
    Channel::InPerson,
    Channel::Video,
    Channel::Phone,
    Channel::Email,
    Channel::Chat,
    Channel::Event,
];

/// The position of a channel in [`CHANNELS`].
pub(crate) fn channel_index(channel: Channel) -> usize {
    match channel {
        Channel::InPerson => 0,
        Channel::Video => 1,
        Channel::Phone => 2,
        Channel::Email => 3,
        Channel::Chat => 4,
        Channel::Event => 5,
    }
}

/// The day summaries are made for, and how far back "recent" reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub today: i32,
    pub active_days: u16,
}

impl Window {
    /// Days from `day` to today; `None` for a day after today (not happened yet).
    pub fn ago(&self, day: i32) -> Option<u32> {
        u32::try_from(i64::from(self.today) - i64::from(day)).ok()
    }

    /// Whether `day` lies in the active window (today included).
    pub fn recent(&self, day: Option<i32>) -> bool {
        day.and_then(|d| self.ago(d))
            .is_some_and(|ago| ago <= u32::from(self.active_days))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProjectData {
    pub name: String,
    pub organization: Option<Slot>,
    pub required: Vec<Role>,
    /// The project's own weights, if it has them.
    pub weights: Option<Weights>,
}

#[derive(Debug, Default)]
pub(crate) struct ProjectRow {
    pub id: String,
    pub data: Option<ProjectData>,
    /// Its stakes, inline: with a copy of what scoring needs of each contact, so that scoring a
    /// project reads one contiguous list instead of a row per stakeholder.
    pub stakes: Vec<StakeRow>,
    /// Interactions tagged with this project, with their day.
    pub tagged: Vec<(Slot, Option<i32>)>,
    /// Who was at the tagged interactions of the active window (sorted, without repeats).
    pub recent: Recent,
}

/// The people at a project's recent interactions.
#[derive(Debug, Default)]
pub(crate) struct Recent {
    pub teammates: Vec<Slot>,
    pub contacts: Vec<Slot>,
}

#[derive(Debug, Default)]
pub(crate) struct TeammateRow {
    pub id: String,
    pub name: Option<String>,
    /// The projects of the stakes this teammate owns (one entry per stake).
    pub stakes: Vec<Slot>,
    pub interactions: Vec<Slot>,
}

#[derive(Debug, Default)]
pub(crate) struct OrganizationRow {
    pub name: Option<String>,
    /// Projects touching the organization (its own, and those with a stakeholder in it), with
    /// how many reasons each has.
    pub projects: HashMap<Slot, u32>,
    /// Its senior people (contact slots).
    pub seniors: Vec<Slot>,
}

#[derive(Debug, Clone)]
pub(crate) struct StakeRow {
    pub id: String,
    pub contact: Slot,
    /// Copies of the contact's packed data, summary, managers and influencers (kept in step by
    /// the index).
    pub hot: ContactHot,
    pub summary: Summary,
    pub up: UpList,
    pub role: Role,
    pub stance: i8,
    pub influence: u8,
    pub owner: Option<Slot>,
    pub health: Option<i8>,
}

#[derive(Debug, Clone)]
pub(crate) struct InteractionRow {
    /// Days from the common era; `None` for a date that does not parse (ignored).
    pub day: Option<i32>,
    pub channel: Channel,
    pub contacts: Vec<Slot>,
    pub teammates: Vec<Slot>,
    pub project: Option<Slot>,
    pub sentiment: Option<i8>,
}

/// The index.
#[derive(Debug)]
pub(crate) struct Index {
    pub contacts: Interned<ContactRow>,
    pub projects: Interned<ProjectRow>,
    pub teammates: Interned<TeammateRow>,
    pub organizations: Interned<OrganizationRow>,
    /// Stake id → its project.
    stakes: HashMap<String, Slot>,
    pub interactions: Store<InteractionRow>,
    pub graph: ContactGraph,
    /// Project slots in the order projects were first put (the snapshot's order).
    pub project_order: Vec<Slot>,
    /// By contact slot.
    hot: Vec<ContactHot>,
    /// By contact slot: what their interactions say as of the window's day.
    summaries: Vec<Summary>,
    /// The day contact summaries are made for.
    pub window: Window,
    /// While building, summaries wait for the end.
    building: bool,
}

/// The day number of a date.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

fn parse_day(text: &str) -> Option<i32> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(day_number)
}

/// Whether a job title is senior: C-level, VP, president, head or director.
pub(crate) fn is_senior(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "chief",
        "ceo",
        "cfo",
        "coo",
        "cio",
        "cto",
        "cso",
        "cro",
        "cmo",
        "cpo",
        "cdo",
        "ciso",
        "vp",
        "svp",
        "evp",
        "president",
        "head",
        "director",
    ];
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)))
}

fn remove_one(list: &mut Vec<Slot>, slot: Slot) {
    if let Some(at) = list.iter().position(|&s| s == slot) {
        list.swap_remove(at);
    }
}

impl Index {
    /// Indexes everything in `snapshot`, with contact summaries as of `window`.
    pub fn build(snapshot: &Snapshot, window: Window) -> Index {
        let mut index = Index {
            contacts: Interned::with_capacity(snapshot.contacts.len()),
            projects: Interned::with_capacity(snapshot.projects.len()),
            teammates: Interned::with_capacity(snapshot.teammates.len()),
            organizations: Interned::with_capacity(snapshot.organizations.len()),
            stakes: HashMap::with_capacity(snapshot.stakes.len()),
            interactions: Store::with_capacity(snapshot.interactions.len()),
            graph: ContactGraph::with_capacity(
                snapshot.contacts.len(),
                snapshot.relationships.len(),
            ),
            project_order: Vec::with_capacity(snapshot.projects.len()),
            hot: Vec::with_capacity(snapshot.contacts.len()),
            summaries: Vec::with_capacity(snapshot.contacts.len()),
            window,
            building: true,
        };
        for o in &snapshot.organizations {
            index.put(&Record::Organization(o.clone()));
        }
        for t in &snapshot.teammates {
            index.put_teammate(t);
        }
        for c in &snapshot.contacts {
            index.put_contact(c);
        }
        for p in &snapshot.projects {
            index.put_project(p);
        }
        for s in &snapshot.stakes {
            index.put_stake(s);
        }
        for r in &snapshot.relationships {
            index.put_relationship(r);
        }
        for i in &snapshot.interactions {
            index.put_interaction(i);
        }
        index.building = false;
        for contact in 0..index.contacts.rows.len() {
            if !index.graph.up(contact as Slot).is_empty() {
                index.refresh_up(contact as Slot);
            }
        }
        index.set_window(window);
        index
    }

    /// Moves to another day (or active window) and sums up every contact again.
    pub fn set_window(&mut self, window: Window) {
        self.window = window;
        for slot in 0..self.contacts.rows.len() {
            self.summarize(slot as Slot);
        }
        for slot in 0..self.projects.rows.len() {
            self.gather_recent(slot as Slot);
        }
    }

    /// Runs `update` on every stake of a contact (to keep their copies in step).
    fn each_stake_of(&mut self, contact: Slot, mut update: impl FnMut(&mut StakeRow)) {
        let Some(row) = self.contacts.get(contact) else {
            return;
        };
        let mut projects = row.stakes.clone();
        projects.sort_unstable();
        projects.dedup();
        for project in projects {
            if let Some(p) = self.projects.row(project) {
                p.stakes
                    .iter_mut()
                    .filter(|s| s.contact == contact)
                    .for_each(&mut update);
            }
        }
    }

    /// Gathers who was at a project's recent tagged interactions.
    fn gather_recent(&mut self, project: Slot) {
        let Some(row) = self.projects.get(project) else {
            return;
        };
        let mut recent = Recent::default();
        for (i, day) in &row.tagged {
            if !self.window.recent(*day) {
                continue;
            }
            if let Some(interaction) = self.interactions.get(*i) {
                recent.teammates.extend(&interaction.teammates);
                recent.contacts.extend(&interaction.contacts);
            }
        }
        for list in [&mut recent.teammates, &mut recent.contacts] {
            list.sort_unstable();
            list.dedup();
        }
        if let Some(row) = self.projects.row(project) {
            row.recent = recent;
        }
    }

    /// Sums up one contact's interactions.
    fn summarize(&mut self, slot: Slot) {
        let Some(row) = self.contacts.get(slot) else {
            return;
        };
        let window = self.window;
        let mut summary = Summary::default();
        for i in &row.interactions {
            let Some(interaction) = self.interactions.get(*i) else {
                continue;
            };
            let Some(ago) = interaction.day.and_then(|d| window.ago(d)) else {
                continue;
            };
            let last = &mut summary.last[channel_index(interaction.channel)];
            *last = Some(last.map_or(ago, |l| l.min(ago)));
            if ago <= u32::from(window.active_days) {
                if let Some(s) = interaction.sentiment {
                    summary.sentiment_sum += i32::from(s);
                    summary.sentiment_n += 1;
                }
                if interaction.project.is_none() {
                    summary.untagged_recent = true;
                    for t in &interaction.teammates {
                        summary.untagged_teammates.insert(*t);
                    }
                }
            }
        }
        self.each_stake_of(slot, |stake| stake.summary = summary.clone());
        if let Some(place) = self.summaries.get_mut(slot as usize) {
            *place = summary;
        }
    }

    /// Puts a record (creating or replacing it).
    pub fn put(&mut self, record: &Record) {
        match record {
            Record::Organization(o) => {
                let slot = self.organizations.intern(&o.id);
                if let Some(row) = self.organizations.row(slot) {
                    row.name = Some(o.name.clone());
                }
            }
            Record::Teammate(t) => self.put_teammate(t),
            Record::Contact(c) => self.put_contact(c),
            Record::Project(p) => self.put_project(p),
            Record::Stake(s) => self.put_stake(s),
            Record::Relationship(r) => self.put_relationship(r),
            Record::Interaction(i) => self.put_interaction(i),
            // The engine takes the map's settings into its config.
            Record::Settings(_) => {}
        }
    }

    /// Removes a record; references to a removed contact, project or teammate stay resolvable.
    pub fn remove(&mut self, kind: EntityKind, id: &str) {
        match kind {
            EntityKind::Organization => {
                if let Some(slot) = self.organizations.slot(id)
                    && let Some(row) = self.organizations.row(slot)
                {
                    row.name = None;
                }
            }
            EntityKind::Teammate => {
                if let Some(slot) = self.teammates.slot(id)
                    && let Some(row) = self.teammates.row(slot)
                {
                    row.name = None;
                }
            }
            EntityKind::Contact => {
                if let Some(slot) = self.contacts.slot(id) {
                    self.set_contact_data(slot, None);
                }
            }
            EntityKind::Project => {
                if let Some(slot) = self.projects.slot(id) {
                    self.set_project_data(slot, None);
                }
            }
            EntityKind::Stake => self.remove_stake(id),
            EntityKind::Relationship => {
                let owner = self.graph.up_owner(id);
                self.graph.remove(id);
                if let Some(contact) = owner {
                    self.refresh_up(contact);
                }
            }
            EntityKind::Interaction => self.remove_interaction(id),
            EntityKind::Settings => {}
        }
    }

    fn contact_slot(&mut self, id: &str) -> Slot {
        let slot = self.contacts.intern(id);
        if let Some(row) = self.contacts.row(slot)
            && row.id.is_empty()
        {
            row.id = id.to_string();
            self.hot.resize(slot as usize + 1, ContactHot::default());
            self.hot[slot as usize].key = stable_hash(id);
            self.summaries.resize(slot as usize + 1, Summary::default());
        }
        slot
    }

    /// A contact's packed data.
    pub fn hot(&self, contact: Slot) -> Option<&ContactHot> {
        self.hot.get(contact as usize)
    }

    /// A contact's id.
    pub fn contact_id(&self, contact: Slot) -> Option<&str> {
        self.contacts.get(contact).map(|c| c.id.as_str())
    }

    fn project_slot(&mut self, id: &str) -> Slot {
        let slot = self.projects.intern(id);
        if let Some(row) = self.projects.row(slot)
            && row.id.is_empty()
        {
            row.id = id.to_string();
            self.project_order.push(slot);
        }
        slot
    }

    fn teammate_slot(&mut self, id: &str) -> Slot {
        let slot = self.teammates.intern(id);
        if let Some(row) = self.teammates.row(slot)
            && row.id.is_empty()
        {
            row.id = id.to_string();
        }
        slot
    }

    fn put_teammate(&mut self, t: &Teammate) {
        let slot = self.teammate_slot(&t.id);
        if let Some(row) = self.teammates.row(slot) {
            row.name = Some(t.name.clone());
        }
    }

    fn put_contact(&mut self, c: &Contact) {
        let slot = self.contact_slot(&c.id);
        let organization = c
            .organization
            .as_deref()
            .map(|o| self.organizations.intern(o));
        self.set_contact_data(slot, Some(ContactData::new(c, organization)));
    }

    /// Replaces a contact's data, keeping the organizations' projects and seniors in step.
    fn set_contact_data(&mut self, slot: Slot, data: Option<ContactData>) {
        let Some(row) = self.contacts.row(slot) else {
            return;
        };
        let old = std::mem::replace(&mut row.data, data.clone());
        let projects = row.stakes.clone();
        if let Some(hot) = self.hot.get_mut(slot as usize) {
            hot.present = data.is_some();
            hot.senior = data.as_ref().is_some_and(|d| d.senior);
            hot.organization = data.as_ref().and_then(|d| d.organization);
            hot.cadence_days = data.as_ref().and_then(|d| d.cadence_days);
            let hot = *hot;
            self.each_stake_of(slot, |stake| stake.hot = hot);
        }
        let old_org = old.as_ref().and_then(|d| d.organization);
        let new_org = data.as_ref().and_then(|d| d.organization);
        if old_org != new_org {
            for project in projects {
                self.touch(old_org, project, -1);
                self.touch(new_org, project, 1);
            }
        }
        if let Some(org) = old
            .as_ref()
            .filter(|d| d.senior)
            .and_then(|d| d.organization)
            && let Some(o) = self.organizations.row(org)
        {
            remove_one(&mut o.seniors, slot);
        }
        if let Some(org) = data
            .as_ref()
            .filter(|d| d.senior)
            .and_then(|d| d.organization)
            && let Some(o) = self.organizations.row(org)
        {
            o.seniors.push(slot);
        }
    }

    /// Counts one more (`delta` 1) or one fewer (-1) reason for `project` to touch `org`.
    fn touch(&mut self, org: Option<Slot>, project: Slot, delta: i32) {
        let Some(row) = org.and_then(|o| self.organizations.row(o)) else {
            return;
        };
        let count = row.projects.entry(project).or_insert(0);
        if delta > 0 {
            *count += 1;
        } else {
            *count = count.saturating_sub(1);
            if *count == 0 {
                row.projects.remove(&project);
            }
        }
    }

    fn put_project(&mut self, p: &Project) {
        let slot = self.project_slot(&p.id);
        let organization = p
            .organization
            .as_deref()
            .map(|o| self.organizations.intern(o));
        let data = ProjectData {
            name: p.name.clone(),
            organization,
            required: p.required_roles.clone(),
            weights: p.weights,
        };
        self.set_project_data(slot, Some(data));
    }

    fn set_project_data(&mut self, slot: Slot, data: Option<ProjectData>) {
        let Some(row) = self.projects.row(slot) else {
            return;
        };
        let new_org = data.as_ref().and_then(|d| d.organization);
        let old = std::mem::replace(&mut row.data, data);
        let old_org = old.and_then(|d| d.organization);
        if old_org != new_org {
            self.touch(old_org, slot, -1);
            self.touch(new_org, slot, 1);
        }
    }

    fn put_stake(&mut self, s: &Stake) {
        self.remove_stake(&s.id);
        let project = self.project_slot(&s.project);
        let contact = self.contact_slot(&s.contact);
        let owner = s.owner.as_deref().map(|t| self.teammate_slot(t));
        let row = StakeRow {
            id: s.id.clone(),
            contact,
            hot: self.hot(contact).copied().unwrap_or_default(),
            summary: self
                .summaries
                .get(contact as usize)
                .cloned()
                .unwrap_or_default(),
            up: UpList::from(self.graph.up(contact)),
            role: s.role,
            stance: s.stance,
            influence: s.influence,
            owner,
            health: s.health,
        };
        self.stakes.insert(s.id.clone(), project);
        if let Some(p) = self.projects.row(project) {
            p.stakes.push(row);
        }
        let mut org = None;
        if let Some(c) = self.contacts.row(contact) {
            c.stakes.push(project);
            org = c.data.as_ref().and_then(|d| d.organization);
        }
        self.touch(org, project, 1);
        if let Some(t) = owner.and_then(|t| self.teammates.row(t)) {
            t.stakes.push(project);
        }
    }

    fn remove_stake(&mut self, id: &str) {
        let Some(project) = self.stakes.remove(id) else {
            return;
        };
        let Some(p) = self.projects.row(project) else {
            return;
        };
        let Some(at) = p.stakes.iter().position(|s| s.id == id) else {
            return;
        };
        let row = p.stakes.swap_remove(at);
        let mut org = None;
        if let Some(c) = self.contacts.row(row.contact) {
            remove_one(&mut c.stakes, project);
            org = c.data.as_ref().and_then(|d| d.organization);
        }
        self.touch(org, project, -1);
        if let Some(t) = row.owner.and_then(|t| self.teammates.row(t)) {
            remove_one(&mut t.stakes, project);
        }
    }

    fn put_relationship(&mut self, r: &Relationship) {
        let from = self.contact_slot(&r.from);
        let to = self.contact_slot(&r.to);
        let link = Link {
            kind: r.kind,
            strength: r.strength,
        };
        let before = self.graph.up_owner(&r.id);
        self.graph.put(&r.id, from, to, link);
        if !self.building {
            for contact in [before, self.graph.up_owner(&r.id)].into_iter().flatten() {
                self.refresh_up(contact);
            }
        }
    }

    /// Copies a contact's managers and influencers into their stakes.
    fn refresh_up(&mut self, contact: Slot) {
        let up = UpList::from(self.graph.up(contact));
        self.each_stake_of(contact, |stake| stake.up = up.clone());
    }

    fn put_interaction(&mut self, i: &Interaction) {
        self.remove_interaction(&i.id);
        let contacts: Vec<Slot> = i.contacts.iter().map(|c| self.contact_slot(c)).collect();
        let teammates: Vec<Slot> = i.teammates.iter().map(|t| self.teammate_slot(t)).collect();
        let project = i.project.as_deref().map(|p| self.project_slot(p));
        let day = parse_day(&i.date);
        let row = InteractionRow {
            day,
            channel: i.channel,
            contacts,
            teammates,
            project,
            sentiment: i.sentiment,
        };
        let (contacts, teammates) = (row.contacts.clone(), row.teammates.clone());
        let slot = self.interactions.insert(&i.id, row);
        for c in contacts {
            if let Some(row) = self.contacts.row(c) {
                row.interactions.push(slot);
            }
            if !self.building {
                self.summarize(c);
            }
        }
        for t in teammates {
            if let Some(t) = self.teammates.row(t) {
                t.interactions.push(slot);
            }
        }
        if let Some(p) = project.and_then(|p| self.projects.row(p)) {
            p.tagged.push((slot, day));
        }
        if let Some(p) = project.filter(|_| !self.building) {
            self.gather_recent(p);
        }
    }

    fn remove_interaction(&mut self, id: &str) {
        let Some((slot, row)) = self.interactions.take(id) else {
            return;
        };
        for c in &row.contacts {
            if let Some(contact) = self.contacts.row(*c) {
                remove_one(&mut contact.interactions, slot);
            }
            if !self.building {
                self.summarize(*c);
            }
        }
        for t in &row.teammates {
            if let Some(t) = self.teammates.row(*t) {
                remove_one(&mut t.interactions, slot);
            }
        }
        if let Some(p) = row.project.and_then(|p| self.projects.row(p))
            && let Some(at) = p.tagged.iter().position(|(i, _)| *i == slot)
        {
            p.tagged.swap_remove(at);
        }
        if let Some(p) = row.project.filter(|_| !self.building) {
            self.gather_recent(p);
        }
    }

    /// The projects whose coverage depends on the item `kind`/`id` as the index holds it now,
    /// added to `out` (which may then hold repeats).
    pub fn affected(&self, kind: EntityKind, id: &str, out: &mut Vec<Slot>) {
        match kind {
            // Its name appears in the reasons of senior suggestions.
            EntityKind::Organization => {
                if let Some(row) = self
                    .organizations
                    .slot(id)
                    .and_then(|o| self.organizations.get(o))
                {
                    out.extend(row.projects.keys());
                }
            }
            EntityKind::Project => out.extend(self.projects.slot(id)),
            EntityKind::Stake => out.extend(self.stakes.get(id)),
            // Engine::apply refines contact edits with the results it holds: see
            // `stakeholder_projects` and `candidate_projects`.
            EntityKind::Contact => {
                if let Some(slot) = self.contacts.slot(id) {
                    self.projects_of(slot, out);
                    self.candidate_projects(slot, out);
                }
            }
            // A manager is a candidate where their report is a stakeholder, an influencer
            // where the influenced is; alliances and conflicts do not count in coverage.
            EntityKind::Relationship => match self.graph.relationship(id) {
                Some((from, _, link)) if link.kind == RelationshipKind::ReportsTo => {
                    self.projects_of(from, out);
                }
                Some((_, to, link)) if link.kind == RelationshipKind::Influences => {
                    self.projects_of(to, out);
                }
                _ => {}
            },
            EntityKind::Interaction => {
                if let Some(row) = self.interactions.by_id(id) {
                    self.interaction_affects(row, out);
                }
            }
            EntityKind::Teammate => {
                let Some(row) = self.teammates.slot(id).and_then(|t| self.teammates.get(t)) else {
                    return;
                };
                out.extend(&row.stakes);
                for i in &row.interactions {
                    if let Some(row) = self.interactions.get(*i) {
                        self.interaction_affects(row, out);
                    }
                }
            }
            // Every project: the engine rescores them all when the settings change.
            EntityKind::Settings => out.extend(0..self.projects.rows.len() as Slot),
        }
    }

    fn interaction_affects(&self, row: &InteractionRow, out: &mut Vec<Slot>) {
        out.extend(row.project);
        for c in &row.contacts {
            self.projects_of(*c, out);
        }
    }

    /// The projects where a contact may be a candidate (someone linked to a stakeholder but not
    /// on the project): the projects of the people who report to them or whom they influence,
    /// and when they are senior, the projects touching their organization.
    pub fn candidate_projects(&self, contact: Slot, out: &mut Vec<Slot>) {
        for (other, link) in self.graph.incoming(contact) {
            if link.kind == RelationshipKind::ReportsTo {
                self.projects_of(other, out);
            }
        }
        for (other, link) in self.graph.outgoing(contact) {
            if link.kind == RelationshipKind::Influences {
                self.projects_of(other, out);
            }
        }
        if let Some(org) = self
            .contact_data(contact)
            .filter(|d| d.senior)
            .and_then(|d| d.organization)
            .and_then(|o| self.organizations.get(o))
        {
            out.extend(org.projects.keys());
        }
    }

    /// A contact's data, when they have a record.
    pub fn contact_data(&self, contact: Slot) -> Option<&ContactData> {
        self.contacts.get(contact)?.data.as_ref()
    }

    /// The projects where a contact holds a stake.
    pub fn projects_of(&self, contact: Slot, out: &mut Vec<Slot>) {
        if let Some(row) = self.contacts.get(contact) {
            out.extend(&row.stakes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senior_titles_are_c_level_vp_head_or_director() {
        for senior in [
            "Chief Financial Officer",
            "CFO",
            "VP Operations",
            "Senior Vice President, Sales",
            "Head of Security",
            "IT Director",
            "Director of Lab Operations",
            "Finance Director",
            "svp engineering",
        ] {
            assert!(is_senior(senior), "{senior}");
        }
        for other in [
            "",
            "Data Analyst",
            "Procurement Lead",
            "Product Owner, Onboarding",
            "Headhunter",
            "Directory admin",
            "Logistics Manager",
        ] {
            assert!(!is_senior(other), "{other}");
        }
    }
}
