//! The coverage engine: an index of a map built once, kept up to date from change sets, with
//! each project's coverage cached and rescored only when an edit touches it.

use chrono::NaiveDate;

use super::Coverage;
use super::config::Config;
use super::graph::Slot;
use super::index::{Index, Window, day_number};
use super::score::{self, Scratch};
use crate::model::{EntityKind, Id, Record, Settings, Snapshot};
use crate::ops::{Change, ChangeSet};

/// Scores every project of a map and keeps the scores current as the map changes.
///
/// Build it from a [`Snapshot`], then hand it each [`ChangeSet`] the map returns from `apply`,
/// `undo` or `redo`: it updates its index and rescores only the projects the changes touch. A
/// contact's edit, for instance, touches the projects where they hold a stake, and where they
/// are only around a stakeholder (their manager, influencer or senior colleague) the projects
/// that show them, or all of those when their organization or seniority changed; a change of the
/// map's settings touches every project. The table of what each kind of edit touches is in
/// docs/coverage.md.
///
/// ```
/// use chrono::NaiveDate;
/// use stakemap_core::{Snapshot, coverage::{Config, Engine}};
/// let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default();
/// let engine = Engine::new(&Snapshot::default(), today, Config::default());
/// assert_eq!(engine.iter().count(), 0);
/// ```
#[derive(Debug)]
pub struct Engine {
    /// The config given to [`Engine::new`] or [`Engine::set_config`]...
    base: Config,
    /// ...with the map's settings: what scores are computed with.
    config: Config,
    settings: Settings,
    today: NaiveDate,
    day: i32,
    index: Index,
    /// By project slot; `None` for a project without a record (deleted).
    results: Vec<Option<Coverage>>,
}

impl Engine {
    /// Indexes `snapshot` and scores every project as of `today`. The map's settings
    /// (`snapshot.settings`, and later edits of them) set the weights, cadences and bands over
    /// `config` (see [`Config::with_settings`]).
    pub fn new(snapshot: &Snapshot, today: NaiveDate, config: Config) -> Engine {
        let window = Window {
            today: day_number(today),
            active_days: config.active_days,
        };
        let settings = snapshot.settings.clone();
        let mut engine = Engine {
            config: config.with_settings(&settings),
            base: config,
            settings,
            today,
            day: window.today,
            index: Index::build(snapshot, window),
            results: Vec::new(),
        };
        engine.rescore_all();
        engine
    }

    /// The day scores are computed for.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The config scores are computed with (the map's settings over the base config).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Moves to another day and rescores every project (dates are relative to today).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
        self.day = day_number(today);
        self.index.set_window(self.window());
        self.rescore_all();
    }

    /// Changes the base config (the map's settings stay over it) and rescores every project.
    pub fn set_config(&mut self, config: Config) {
        self.config = config.with_settings(&self.settings);
        self.base = config;
        self.index.set_window(self.window());
        self.rescore_all();
    }

    /// Takes in what an operation (or an undo or redo) changed, and rescores the projects it
    /// touched. Returns the ids of those projects (including ones the changes deleted).
    pub fn apply(&mut self, changes: &ChangeSet) -> Vec<Id> {
        self.apply_changes(&changes.changes)
    }

    /// [`Engine::apply`] for a list of changes, in the order they were made.
    pub fn apply_changes(&mut self, changes: &[Change]) -> Vec<Id> {
        let mut touched: Vec<Slot> = Vec::new();
        for change in changes {
            if change.kind == EntityKind::Contact {
                self.contact_change(change, &mut touched);
                continue;
            }
            if change.kind == EntityKind::Settings {
                self.settings = match &change.after {
                    Some(Record::Settings(s)) => s.clone(),
                    _ => Settings::default(),
                };
                self.config = self.base.with_settings(&self.settings);
            }
            // What depended on the item before the change, and what depends on it after.
            self.index.affected(change.kind, &change.id, &mut touched);
            self.write(change);
            self.index.affected(change.kind, &change.id, &mut touched);
        }
        touched.sort_unstable();
        touched.dedup();
        let mut scratch = Scratch::default();
        let scored: Vec<Option<Coverage>> = touched
            .iter()
            .map(|slot| score::project(&self.index, &self.config, *slot, &mut scratch))
            .collect();
        for (slot, coverage) in touched.iter().zip(scored) {
            let at = *slot as usize;
            if self.results.len() <= at {
                self.results.resize(at + 1, None);
            }
            self.results[at] = coverage;
        }
        touched
            .iter()
            .filter_map(|slot| self.index.projects.get(*slot).map(|p| p.id.clone()))
            .collect()
    }

    fn write(&mut self, change: &Change) {
        match &change.after {
            Some(record) => self.index.put(record),
            None => self.index.remove(change.kind, &change.id),
        }
    }

    /// A contact's edit touches the projects where they hold a stake. Where they are only a
    /// candidate (linked to a stakeholder, or senior in a stakeholder's organization) it changes
    /// the scores only when their organization or seniority changes; otherwise only the text,
    /// and only of the projects that show them.
    fn contact_change(&mut self, change: &Change, touched: &mut Vec<Slot>) {
        let before = self
            .index
            .contacts
            .slot(&change.id)
            .and_then(|slot| self.index.contact_data(slot))
            .cloned();
        let mut candidate_of = Vec::new();
        if let Some(slot) = self.index.contacts.slot(&change.id) {
            self.index.candidate_projects(slot, &mut candidate_of);
        }
        self.write(change);
        let Some(slot) = self.index.contacts.slot(&change.id) else {
            return;
        };
        let after = self.index.contact_data(slot);
        if before.as_ref() == after {
            return;
        }
        let standing =
            |d: Option<&super::index::ContactData>| d.map(|d| (d.organization, d.senior));
        let weight_changed = standing(before.as_ref()) != standing(after);
        self.index.projects_of(slot, touched);
        self.index.candidate_projects(slot, &mut candidate_of);
        if weight_changed {
            touched.extend(candidate_of);
        } else {
            touched.extend(
                candidate_of
                    .into_iter()
                    .filter(|p| self.shows(*p, &change.id)),
            );
        }
    }

    /// Whether a project's current results name this contact.
    fn shows(&self, project: Slot, contact: &str) -> bool {
        self.results
            .get(project as usize)
            .and_then(Option::as_ref)
            .is_some_and(|c| {
                c.suggestions.iter().any(|s| s.contact == contact)
                    || c.findings
                        .iter()
                        .any(|f| f.contacts.iter().any(|id| id == contact))
            })
    }

    fn window(&self) -> Window {
        Window {
            today: self.day,
            active_days: self.config.active_days,
        }
    }

    /// The coverage of one project, by id.
    pub fn project(&self, id: &str) -> Option<&Coverage> {
        let slot = self.index.projects.slot(id)?;
        self.results.get(slot as usize)?.as_ref()
    }

    /// Every project's coverage, in the order the projects were first seen (the snapshot's,
    /// then new projects as they were added).
    pub fn iter(&self) -> impl Iterator<Item = &Coverage> {
        self.index
            .project_order
            .iter()
            .filter_map(|slot| self.results.get(*slot as usize)?.as_ref())
    }

    /// Every project's coverage, cloned, in [`Engine::iter`] order.
    pub fn results(&self) -> Vec<Coverage> {
        self.iter().cloned().collect()
    }

    /// Scores every project afresh from the index, without touching the cached results, in
    /// [`Engine::iter`] order. Large maps are scored on several threads (see
    /// [`Engine::score_all_on`]).
    pub fn score_all(&self) -> Vec<Coverage> {
        self.score_all_on(default_threads(self.index.project_order.len()))
    }

    /// [`Engine::score_all`] on this many threads (1: on the calling thread only).
    pub fn score_all_on(&self, threads: usize) -> Vec<Coverage> {
        let order = &self.index.project_order;
        self.score_slots(order, threads)
            .into_iter()
            .flatten()
            .collect()
    }

    /// Rescores every project.
    pub fn rescore_all(&mut self) {
        let slots: Vec<Slot> = (0..self.index.projects.rows.len() as Slot).collect();
        self.results = self.score_slots(&slots, default_threads(slots.len()));
    }

    /// Scores the projects in `slots`, in order, splitting the work over `threads` threads.
    fn score_slots(&self, slots: &[Slot], threads: usize) -> Vec<Option<Coverage>> {
        let score_chunk = |chunk: &[Slot]| {
            let mut scratch = Scratch::default();
            chunk
                .iter()
                .map(|slot| score::project(&self.index, &self.config, *slot, &mut scratch))
                .collect::<Vec<_>>()
        };
        let threads = threads.clamp(1, slots.len().max(1));
        if threads == 1 {
            return score_chunk(slots);
        }
        let size = slots.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = slots
                .chunks(size)
                .map(|chunk| scope.spawn(move || score_chunk(chunk)))
                .collect();
            let mut all = Vec::with_capacity(slots.len());
            for part in parts {
                match part.join() {
                    Ok(scored) => all.extend(scored),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    }
}

/// How many threads to score `projects` projects on: one for small maps (a thread costs more
/// than it saves below a few hundred projects), else the machine's cores, at most four.
fn default_threads(projects: usize) -> usize {
    if projects < 200 {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}
