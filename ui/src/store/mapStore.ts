/**
 * The open map as the UI holds it: every item by id, the undo/redo state, and the actions that
 * change the map. Every change goes through the core's operation API; the store then applies the
 * changes the core reports, so what is shown is what was stored.
 */
import { create } from "zustand";
import {
  type Applied,
  BackendError,
  backend,
  type ChangeSet,
  type Contact,
  type Coverage,
  type EntityKind,
  errorMessage,
  type HistoryState,
  type Interaction,
  type MapInfo,
  type Op,
  type Organization,
  type Project,
  type Relationship,
  type Settings,
  type Snapshot,
  type Stake,
  type Teammate,
} from "../ipc/backend";

export type ById<T> = Record<string, T>;

/** How many steps the core's undo remembers (`UNDO_LIMIT` in the core). */
export const UNDO_LIMIT = 500;

/** A short message at the bottom of the window; `undo` offers to undo what was just done. */
export interface Notice {
  tone: "info" | "error";
  text: string;
  undo?: boolean;
}

export interface MapData {
  organizations: ById<Organization>;
  teammates: ById<Teammate>;
  contacts: ById<Contact>;
  projects: ById<Project>;
  stakes: ById<Stake>;
  relationships: ById<Relationship>;
  interactions: ById<Interaction>;
}

/** The item kinds kept by id (every kind but the map's one settings record). */
type TableKind = Exclude<EntityKind, "settings">;

export interface MapState extends MapData {
  /** The map's settings (coverage weights, cadences, bands, default required roles). */
  settings: Settings | null;
  status: "loading" | "ready" | "unavailable";
  info: MapInfo | null;
  /** Why no map is open (another window has it, the file is from a newer version...). */
  problem: BackendError | null;
  history: HistoryState;
  /** Labels of the steps undo would undo, oldest first (this window's session, as the core keeps it). */
  past: string[];
  /** Labels of the steps redo would redo, next last. */
  future: string[];
  /** Each project's coverage, by project id, as the core last scored it. */
  coverage: ById<Coverage>;
  /** The project whose coverage panel is open. */
  selectedProject: string | null;
  notice: Notice | null;
  /** Loads (or reloads) the open map. */
  load: () => Promise<void>;
  /** Applies an operation; throws `BackendError` so forms can show the field at fault. */
  run: (op: Op, notice?: Notice) => Promise<Applied>;
  /** Deletes an item, offering Undo in the notice; a refusal is shown as an error notice. */
  remove: (kind: EntityKind, id: string, name: string) => Promise<void>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  /** Auto-arranges the cards of one project's frame (in the core; one undoable step). */
  arrange: (projectId: string) => Promise<void>;
  /** Runs a file command (new, open) and loads the map it opened. */
  switchMap: (open: () => Promise<MapInfo | null>) => Promise<void>;
  saveCopy: () => Promise<void>;
  notify: (notice: Notice | null) => void;
  selectProject: (projectId: string | null) => void;
}

const TABLES: Record<TableKind, keyof MapData> = {
  organization: "organizations",
  teammate: "teammates",
  contact: "contacts",
  project: "projects",
  stake: "stakes",
  relationship: "relationships",
  interaction: "interactions",
};

const EMPTY: MapData = {
  organizations: {},
  teammates: {},
  contacts: {},
  projects: {},
  stakes: {},
  relationships: {},
  interactions: {},
};

function byId<T extends { id: string }>(items: T[]): ById<T> {
  const out: ById<T> = {};
  for (const item of items) out[item.id] = item;
  return out;
}

function byProject(list: Coverage[]): ById<Coverage> {
  const out: ById<Coverage> = {};
  for (const c of list) out[c.project] = c;
  return out;
}

/** The map data from a full snapshot. */
export function fromSnapshot(snapshot: Snapshot): MapData {
  return {
    organizations: byId(snapshot.organizations),
    teammates: byId(snapshot.teammates),
    contacts: byId(snapshot.contacts),
    projects: byId(snapshot.projects),
    stakes: byId(snapshot.stakes),
    relationships: byId(snapshot.relationships),
    interactions: byId(snapshot.interactions),
  };
}

/** The coverage after an apply, undo or redo: the touched projects' fresh results merged in. */
export function withCoverage(coverage: ById<Coverage>, result: Applied): ById<Coverage> {
  if (result.coverage.length === 0 && result.removed_coverage.length === 0) return coverage;
  const next = { ...coverage };
  for (const c of result.coverage) next[c.project] = c;
  for (const id of result.removed_coverage) delete next[id];
  return next;
}

/** The map data after a change set: each touched table is copied once. */
export function withChanges(data: MapData, set: ChangeSet): Partial<MapData> {
  const next: Partial<Record<keyof MapData, ById<unknown>>> = {};
  for (const change of set.changes) {
    if (change.kind === "settings") continue; // See `settingsAfter`.
    const key = TABLES[change.kind];
    let table = next[key];
    if (!table) {
      table = { ...(data[key] as ById<unknown>) };
      next[key] = table;
    }
    if (change.after) table[change.id] = change.after.item;
    else delete table[change.id];
  }
  return next as Partial<MapData>;
}

/**
 * The map's settings after a change set, or `undefined` when it left them alone. (The core
 * resets deleted settings to the defaults, so a settings change always has an `after`.)
 */
export function settingsAfter(set: ChangeSet): Settings | undefined {
  let settings: Settings | undefined;
  for (const change of set.changes) {
    if (change.after?.kind === "settings") settings = change.after.item;
  }
  return settings;
}

export const useMap = create<MapState>()((set, get) => {
  const applied = (result: Applied) => {
    set((state) => {
      const coverage = withCoverage(state.coverage, result);
      const selectedProject =
        state.selectedProject && result.removed_coverage.includes(state.selectedProject)
          ? null
          : state.selectedProject;
      return {
        ...withChanges(state, result.changes),
        settings: settingsAfter(result.changes) ?? state.settings,
        history: result.history,
        coverage,
        selectedProject,
      };
    });
  };
  /** A new step was stored: it joins the undo history and clears the redo history. */
  const done = (result: Applied) => {
    applied(result);
    if (result.changes.changes.length > 0) {
      set((s) => ({ past: [...s.past, result.changes.label].slice(-UNDO_LIMIT), future: [] }));
    }
  };
  const fail = (error: unknown) => set({ notice: { tone: "error", text: errorMessage(error) } });

  return {
    ...EMPTY,
    settings: null,
    status: "loading",
    info: null,
    problem: null,
    history: { undo: null, redo: null },
    past: [],
    future: [],
    coverage: {},
    selectedProject: null,
    notice: null,

    load: async () => {
      try {
        const info = await backend.mapInfo();
        const snapshot = await backend.loadMap();
        const coverage = await backend.coverage();
        const selected = get().selectedProject;
        const { past, future } = get();
        const kept = past[past.length - 1] === (info.history.undo ?? undefined);
        set({
          past: kept ? past : info.history.undo ? [info.history.undo] : [],
          future:
            kept && future[future.length - 1] === (info.history.redo ?? undefined) ? future : [],
          ...fromSnapshot(snapshot),
          settings: snapshot.settings,
          coverage: byProject(coverage),
          selectedProject:
            selected && coverage.some((c) => c.project === selected) ? selected : null,
          status: "ready",
          info,
          problem: null,
          history: info.history,
        });
        if (info.backup_problem) {
          set({
            notice: {
              tone: "error",
              text: `This map could not be backed up when it was opened (${info.backup_problem}). Your edits are still saved.`,
            },
          });
        }
      } catch (error) {
        const problem =
          error instanceof BackendError
            ? error
            : new BackendError({ kind: "storage", message: errorMessage(error), field: null });
        set({
          ...EMPTY,
          settings: null,
          coverage: {},
          selectedProject: null,
          status: "unavailable",
          info: null,
          problem,
        });
      }
    },

    run: async (op, notice) => {
      const result = await backend.apply(op);
      done(result);
      set({ notice: notice ?? null });
      return result;
    },

    arrange: async (projectId) => {
      try {
        const result = await backend.arrangeProject(projectId);
        done(result);
        set({ notice: { tone: "info", text: result.changes.label, undo: true } });
      } catch (error) {
        fail(error);
      }
    },

    remove: async (kind, id, name) => {
      try {
        await get().run(
          { op: "delete", kind, id },
          { tone: "info", text: `Deleted ${name}`, undo: true },
        );
      } catch (error) {
        fail(error);
      }
    },

    undo: async () => {
      try {
        const result = await backend.undo();
        applied(result);
        if (result.changes.changes.length > 0) {
          set((s) => ({
            past: s.past.slice(0, -1),
            future: [...s.future, s.past[s.past.length - 1] ?? result.changes.label],
          }));
        }
        const label = result.changes.label;
        set({ notice: label ? { tone: "info", text: `Undone: ${label}` } : null });
      } catch (error) {
        fail(error);
      }
    },

    redo: async () => {
      try {
        const result = await backend.redo();
        applied(result);
        if (result.changes.changes.length > 0) {
          set((s) => ({
            past: [...s.past, s.future[s.future.length - 1] ?? result.changes.label],
            future: s.future.slice(0, -1),
          }));
        }
        const label = result.changes.label;
        set({ notice: label ? { tone: "info", text: `Redone: ${label}` } : null });
      } catch (error) {
        fail(error);
      }
    },

    switchMap: async (open) => {
      try {
        const info = await open();
        if (info) {
          await get().load();
          set({ notice: { tone: "info", text: `Opened ${info.name}` } });
        }
      } catch (error) {
        fail(error);
      }
    },

    saveCopy: async () => {
      try {
        const path = await backend.saveCopyAs();
        if (path) set({ notice: { tone: "info", text: `Saved a copy to ${path}` } });
      } catch (error) {
        fail(error);
      }
    },

    notify: (notice) => set({ notice }),

    selectProject: (projectId) => set({ selectedProject: projectId }),
  };
});
