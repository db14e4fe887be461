/**
 * A stand-in for the Rust side, installed where Tauri's JavaScript API talks to it:
 * `window.__TAURI_INTERNALS__` (`invoke`, `transformCallback`...), as `@tauri-apps/api/mocks`'s
 * `mockIPC` does. The UI's own modules run unchanged: the generated bindings call `invoke`, which
 * lands here. (Only the generated bindings may import `@tauri-apps/*`, so this file mirrors
 * `mockIPC` rather than importing it.)
 *
 * The fake holds a map in memory with an undo stack and implements the commands the UI uses.
 * Arguments and results cross as JSON, as they do over the real bridge, and errors reject the
 * `invoke` promise with the `AppError` value itself, as Tauri does with a command's `Err`.
 */
import type {
  AppError,
  AppEvent,
  Applied,
  BackupInfo,
  Change,
  ChangeSet,
  Coverage,
  CsvPreview,
  EntityKind,
  ExportRequest,
  HistoryState,
  ImportDone,
  ImportOptions,
  ImportPreview,
  MapInfo,
  Record as MapRecord,
  Op,
  Progress,
  Settings,
  Snapshot,
} from "../ipc/backend";

/**
 * A file the fake's import dialog picks: its preview (or refusal) for each options, what
 * importing it writes, and the progress sent while it is read.
 */
export interface FakeImport {
  plan: (options: ImportOptions) => ImportPreview | AppError;
  records: MapRecord[];
  progress?: Progress[];
  /** For a JSON map into a new map: the new map's file (`null`: its dialog is cancelled). */
  newMapFile?: string | null;
  /** What `inspect_import` finds in a CSV file. */
  csv?: CsvPreview;
}

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

type Callback = (data: unknown) => void;

/** Scores one project of the fake's map, as the core's coverage engine would. */
export type Scorer = (map: Snapshot, projectId: string) => Coverage;

interface TauriInternals {
  invoke: (cmd: string, args?: Record<string, unknown>, options?: unknown) => Promise<unknown>;
  transformCallback: (callback?: Callback, once?: boolean) => number;
  unregisterCallback: (id: number) => void;
  runCallback: (id: number, data: unknown) => void;
  callbacks: Map<number, Callback>;
}

type WithInternals = { __TAURI_INTERNALS__?: TauriInternals };

/** The map settings a new map has (the core's documented defaults, docs/coverage.md). */
export function defaultSettings(): Settings {
  return {
    id: "map",
    default_required_roles: ["decision_maker", "economic_buyer", "champion"],
    weights: {
      roles: 0.3,
      support: 0.15,
      threading: 0.15,
      pulse: 0.2,
      reach: 0.1,
      perception: 0.1,
    },
    cadences: { decision_maker: 60, economic_buyer: 60, champion: 30, sponsor: 60, other: 90 },
    bands: { green: 75, amber: 60 },
  };
}

type ListKind = Exclude<EntityKind, "settings">;
type ListKey = Exclude<keyof Snapshot, "settings">;

const TABLES: Record<ListKind, ListKey> = {
  organization: "organizations",
  teammate: "teammates",
  contact: "contacts",
  project: "projects",
  stake: "stakes",
  relationship: "relationships",
  interaction: "interactions",
};

/** An empty snapshot, with `seed`'s lists. */
export function snapshot(seed: Partial<Snapshot> = {}): Snapshot {
  return {
    organizations: [],
    teammates: [],
    contacts: [],
    projects: [],
    stakes: [],
    relationships: [],
    interactions: [],
    settings: defaultSettings(),
    ...seed,
  };
}

function infoFor(path: string): Omit<MapInfo, "history"> {
  const file = path.split("/").pop() ?? path;
  return { path, name: file.replace(/\.[^.]*$/, ""), backup_problem: null };
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function recordOf(kind: EntityKind, item: unknown): MapRecord {
  return { kind, item } as MapRecord;
}

function nameOf(record: MapRecord): string {
  const item = record.item as { name?: string; id: string };
  return item.name ?? item.id;
}

class Rejection {
  constructor(readonly error: AppError) {}
}

function notFound(kind: EntityKind, id: string): Rejection {
  return new Rejection({ kind: "not_found", message: `No ${kind} with id ${id}.`, field: null });
}

function noImport(): AppError {
  return {
    kind: "invalid",
    message: "no import is waiting; choose a file to import",
    field: "import",
  };
}

export class FakeBackend {
  /** Every command received, in order, with its arguments as they crossed the bridge. */
  readonly calls: Call[] = [];
  info: Omit<MapInfo, "history"> = infoFor("/maps/Accounts.stakemap");
  /**
   * The file the user picks in the next file dialogs (new, open, save a copy); `null` cancels.
   * `new_map` opens an empty map there; `open_map` keeps the fake's data under the new name.
   */
  fileDialog: string | null = null;
  /**
   * How the fake scores a project after an edit touches it; without one, a project keeps the
   * coverage set with `setCoverage` (and has none if it was given none).
   */
  scorer: Scorer | null = null;
  /** The file the next import dialog picks; `null` cancels it. */
  importFile: FakeImport | null = null;
  /** The options of the import waiting to be applied. */
  private pendingImport: { file: FakeImport; options: ImportOptions; planned: boolean } | null =
    null;
  private readonly scores = new Map<string, Coverage>();
  /** The map's backups as `backups` lists them, and what restoring each one brings back. */
  private backupList: BackupInfo[] = [];
  private readonly backupContents = new Map<string, Snapshot>();
  private tables = new Map<EntityKind, Map<string, unknown>>();
  private undoStack: ChangeSet[] = [];
  private redoStack: ChangeSet[] = [];
  private failures = new Map<string, { error: AppError | string; times: number }>();
  private readonly callbacks = new Map<number, Callback>();
  private channels: number[] = [];
  /** Messages sent so far on each channel (Tauri numbers them, and the UI delivers in order). */
  private readonly sent = new Map<number, number>();

  constructor(seed: Partial<Snapshot> = {}) {
    this.seed(seed);
  }

  /** Replaces the map with `seed` and clears the history. */
  seed(seed: Partial<Snapshot>): void {
    const full = snapshot(copy(seed));
    this.tables = new Map();
    for (const [kind, key] of Object.entries(TABLES) as [ListKind, ListKey][]) {
      this.tables.set(kind, new Map(full[key].map((item) => [item.id, item])));
    }
    this.tables.set("settings", new Map([["map", full.settings]]));
    this.undoStack = [];
    this.redoStack = [];
  }

  /** The map as stored now. */
  snapshot(): Snapshot {
    const out = snapshot();
    for (const [kind, key] of Object.entries(TABLES) as [ListKind, ListKey][]) {
      (out[key] as unknown[]) = copy([...this.table(kind).values()]);
    }
    out.settings = copy((this.table("settings").get("map") as Settings) ?? defaultSettings());
    return out;
  }

  get history(): HistoryState {
    return {
      undo: this.undoStack[this.undoStack.length - 1]?.label ?? null,
      redo: this.redoStack[this.redoStack.length - 1]?.label ?? null,
    };
  }

  /** Sets the coverage the fake reports for these projects (the `coverage` command and edits). */
  setCoverage(list: Coverage[]): void {
    for (const c of list) this.scores.set(c.project, copy(c));
  }

  /** The coverage of every project that has one, in the map's project order. */
  private allCoverage(): Coverage[] {
    const map = this.snapshot();
    return map.projects.flatMap((p) => {
      if (this.scorer) this.scores.set(p.id, this.scorer(map, p.id));
      const c = this.scores.get(p.id);
      return c ? [c] : [];
    });
  }

  /** An `Applied` for `changes`: the touched projects rescored, the deleted ones listed. */
  private appliedFor(set: ChangeSet): Applied {
    const touched = new Set<string>();
    for (const change of set.changes) {
      for (const record of [change.before, change.after]) {
        if (!record) continue;
        if (record.kind === "project") touched.add(record.item.id);
        if (record.kind === "stake") touched.add(record.item.project);
      }
    }
    const map = this.snapshot();
    const coverage: Coverage[] = [];
    const removed: string[] = [];
    for (const id of touched) {
      if (!map.projects.some((p) => p.id === id)) {
        this.scores.delete(id);
        removed.push(id);
        continue;
      }
      if (this.scorer) this.scores.set(id, this.scorer(map, id));
      const c = this.scores.get(id);
      if (c) coverage.push(c);
    }
    return { changes: set, history: this.history, coverage, removed_coverage: removed };
  }

  /**
   * Gives the map these backups (listed in this order); restoring one replaces the map with its
   * `contents`, if given, and clears the history.
   */
  setBackups(list: BackupInfo[], contents: Record<string, Partial<Snapshot>> = {}): void {
    this.backupList = copy(list);
    for (const [id, seed] of Object.entries(contents))
      this.backupContents.set(id, copy(snapshot(seed)));
  }

  /** The backups as listed now. */
  get backupsNow(): BackupInfo[] {
    return copy(this.backupList);
  }

  private restoreBackup(id: string): MapInfo {
    const chosen = this.backupList.find((b) => b.id === id);
    if (!chosen) {
      throw new Rejection({
        kind: "invalid",
        message: `backup: there is no backup "${id}" of this map`,
        field: "backup",
      });
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    this.backupList.unshift({
      id: `${now}-before-restore`,
      created: now,
      reason: "Before restore",
      size_kib: chosen.size_kib,
    });
    this.seed(this.backupContents.get(id) ?? this.snapshot());
    return { ...this.info, history: this.history };
  }

  /** Makes the next `times` calls of `cmd` fail with `error`. */
  fail(cmd: string, error: AppError | string, times = 1): void {
    this.failures.set(cmd, { error, times });
  }

  /** The arguments of each call of `cmd`. */
  callsTo(cmd: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  }

  /** The operations sent with `apply`. */
  applied(): Op[] {
    return this.callsTo("apply").map((args) => args.op as Op);
  }

  /** Sends an event on every channel the UI subscribed with. */
  emit(event: AppEvent): void {
    for (const id of this.channels) {
      const channel = this.callbacks.get(id);
      const index = this.sent.get(id) ?? 0;
      this.sent.set(id, index + 1);
      channel?.({ index, message: copy(event) });
    }
  }

  /** Puts this fake where `@tauri-apps/api/core` looks for the Rust side. */
  install(): this {
    const internals: TauriInternals = {
      invoke: (cmd, args = {}, _options) => this.invoke(cmd, args),
      transformCallback: (callback, once = false) => {
        const id = window.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
        this.callbacks.set(id, (data) => {
          if (once) this.callbacks.delete(id);
          callback?.(data);
        });
        return id;
      },
      unregisterCallback: (id) => {
        this.callbacks.delete(id);
      },
      runCallback: (id, data) => {
        this.callbacks.get(id)?.(data);
      },
      callbacks: this.callbacks,
    };
    (window as unknown as WithInternals).__TAURI_INTERNALS__ = internals;
    return this;
  }

  private async invoke(cmd: string, rawArgs: Record<string, unknown>): Promise<unknown> {
    // Over the bridge everything is JSON: a Channel becomes "__CHANNEL__:<callback id>".
    const args = copy(rawArgs) ?? {};
    this.calls.push({ cmd, args });
    const failure = this.failures.get(cmd);
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.delete(cmd);
      throw copy(failure.error);
    }
    try {
      return copy(this.handle(cmd, args));
    } catch (error) {
      if (error instanceof Rejection) throw copy(error.error);
      throw error;
    }
  }

  private handle(cmd: string, args: Record<string, unknown>): unknown {
    switch (cmd) {
      case "map_info":
        return { ...this.info, history: this.history } satisfies MapInfo;
      case "load_map":
        return this.snapshot();
      case "coverage":
        return this.allCoverage();
      case "apply":
        return this.apply(args.op as Op);
      case "undo":
        return this.undo();
      case "redo":
        return this.redo();
      case "new_map": {
        if (!this.fileDialog) return null; // The user cancelled the file dialog.
        this.seed({});
        this.info = infoFor(this.fileDialog);
        return { ...this.info, history: this.history } satisfies MapInfo;
      }
      case "open_map":
        if (!this.fileDialog) return null;
        this.info = infoFor(this.fileDialog);
        return { ...this.info, history: this.history } satisfies MapInfo;
      case "save_copy_as":
        return this.fileDialog;
      case "set_fullscreen":
        return null;
      case "backups":
        return this.backupList;
      case "restore_backup":
        return this.restoreBackup(String(args.id));
      case "choose_import": {
        if (!this.importFile) return null;
        const options: ImportOptions = {
          format: (args.format as ImportOptions["format"]) ?? null,
          duplicates: "skip",
          target: "merge",
          mapping: null,
        };
        this.pendingImport = { file: this.importFile, options, planned: false };
        try {
          return this.planImport(options, args.progress);
        } catch (error) {
          // As the app does: a new file that cannot be imported as it is comes with its problem.
          if (!(error instanceof Rejection)) throw error;
          return {
            source: "chosen.csv",
            format: options.format ?? "csv",
            recognised: "",
            options: { ...options, format: options.format ?? "csv" },
            counts: { created: 0, merged: 0, skipped: 0 },
            items: [],
            total: 0,
            asks_new_map: false,
            problem: error.error,
          } satisfies ImportPreview;
        }
      }
      case "replan_import":
        if (!this.pendingImport) throw new Rejection(noImport());
        return this.planImport(args.options as ImportOptions, args.progress);
      case "apply_import":
        return this.applyImport();
      case "inspect_import": {
        const csv = this.pendingImport?.file.csv;
        if (!csv) throw new Rejection(noImport());
        return csv;
      }
      case "cancel_import":
        this.pendingImport = null;
        return null;
      case "export_map":
        return this.fileDialog ? this.fileDialog.split("/").pop() : null;
      case "subscribe": {
        const id = Number(String(args.channel).replace("__CHANNEL__:", ""));
        this.channels.push(id);
        return null;
      }
      default:
        // What Tauri rejects with for an unknown command.
        throw new Rejection({ kind: "storage", message: `command ${cmd} not found`, field: null });
    }
  }

  /** The requests sent with `export_map`. */
  exports(): ExportRequest[] {
    return this.callsTo("export_map").map((args) => args.request as ExportRequest);
  }

  private send(channel: unknown, message: unknown): void {
    const id = Number(String(channel).replace("__CHANNEL__:", ""));
    const index = this.sent.get(id) ?? 0;
    this.sent.set(id, index + 1);
    this.callbacks.get(id)?.({ index, message: copy(message) });
  }

  private planImport(options: ImportOptions, channel: unknown): ImportPreview {
    const pending = this.pendingImport;
    if (!pending) throw new Rejection(noImport());
    for (const p of pending.file.progress ?? []) this.send(channel, p);
    pending.options = options;
    pending.planned = false;
    const result = pending.file.plan(options);
    if ("kind" in result && "message" in result) throw new Rejection(result);
    pending.planned = true;
    return result;
  }

  private applyImport(): ImportDone | null {
    const pending = this.pendingImport;
    if (!pending?.planned) throw new Rejection(noImport());
    const preview = pending.file.plan(pending.options) as ImportPreview;
    let map: MapInfo | null = null;
    if (preview.asks_new_map) {
      const file = pending.file.newMapFile;
      if (!file) return null;
      this.seed({});
      this.info = infoFor(file);
      map = { ...this.info, history: this.history };
    }
    const label = `Import ${preview.source}`;
    this.apply({
      op: "batch",
      label,
      ops: pending.file.records.map((record) => ({ op: "put" as const, record })),
    });
    this.pendingImport = null;
    return { label, counts: preview.counts, backup: "before-import", map };
  }

  private table(kind: EntityKind): Map<string, unknown> {
    let table = this.tables.get(kind);
    if (!table) {
      table = new Map();
      this.tables.set(kind, table);
    }
    return table;
  }

  private apply(op: Op): Applied {
    const saved = new Map([...this.tables].map(([kind, table]) => [kind, new Map(table)]));
    try {
      const changes: Change[] = [];
      const label = this.run(op, changes);
      const set = { label, changes };
      this.undoStack.push(set);
      this.redoStack = [];
      return this.appliedFor(set);
    } catch (error) {
      this.tables = saved; // All or nothing.
      throw error;
    }
  }

  /** Runs one operation, adding what it changed to `changes`; returns its label. */
  private run(op: Op, changes: Change[]): string {
    switch (op.op) {
      case "put": {
        const item = { ...(op.record.item as { id: string }) };
        if (!item.id) item.id = crypto.randomUUID();
        const before = this.table(op.record.kind).get(item.id);
        this.write(op.record.kind, item.id, item, changes);
        return `${before ? "Edit" : "Add"} ${op.record.kind} ${nameOf(recordOf(op.record.kind, item))}`;
      }
      case "delete": {
        const before = this.table(op.kind).get(op.id);
        if (!before) throw notFound(op.kind, op.id);
        if (op.kind === "settings") {
          // As the core does: deleting the settings resets them to the defaults.
          this.write("settings", op.id, defaultSettings(), changes);
          return "Reset map settings";
        }
        this.cascade(op.kind, op.id, changes);
        this.write(op.kind, op.id, undefined, changes);
        return `Delete ${op.kind} ${nameOf(recordOf(op.kind, before))}`;
      }
      case "batch":
        for (const inner of op.ops) this.run(inner, changes);
        return op.label;
    }
  }

  /** Removes or unlinks what refers to an item about to be deleted. */
  private cascade(kind: EntityKind, id: string, changes: Change[]): void {
    const each = <T>(of: EntityKind, fn: (item: T) => void) => {
      for (const item of [...this.table(of).values()]) fn(item as T);
    };
    if (kind === "contact") {
      each<{ id: string; contact: string }>("stake", (s) => {
        if (s.contact === id) this.write("stake", s.id, undefined, changes);
      });
      each<{ id: string; from: string; to: string }>("relationship", (r) => {
        if (r.from === id || r.to === id) this.write("relationship", r.id, undefined, changes);
      });
    } else if (kind === "project") {
      each<{ id: string; project: string }>("stake", (s) => {
        if (s.project === id) this.write("stake", s.id, undefined, changes);
      });
    } else if (kind === "teammate") {
      // As the core does: their stakes stay, with no owner; they leave the interactions.
      each<{ id: string; owner: string | null }>("stake", (st) => {
        if (st.owner === id) this.write("stake", st.id, { ...st, owner: null }, changes);
      });
      each<{ id: string; teammates: string[] }>("interaction", (i) => {
        if (i.teammates.includes(id)) {
          const teammates = i.teammates.filter((t) => t !== id);
          this.write("interaction", i.id, { ...i, teammates }, changes);
        }
      });
    } else if (kind === "organization") {
      for (const of of ["contact", "project"] as const) {
        each<{ id: string; organization: string | null }>(of, (item) => {
          if (item.organization === id) {
            this.write(of, item.id, { ...item, organization: null }, changes);
          }
        });
      }
    }
  }

  private write(kind: EntityKind, id: string, after: unknown, changes: Change[]): void {
    const table = this.table(kind);
    const before = table.get(id);
    if (after === undefined) table.delete(id);
    else table.set(id, after);
    changes.push({
      kind,
      id,
      before: before === undefined ? null : recordOf(kind, copy(before)),
      after: after === undefined ? null : recordOf(kind, copy(after)),
    });
  }

  private restore(changes: Change[], direction: "back" | "forward"): Change[] {
    const steps = direction === "back" ? [...changes].reverse() : changes;
    const done: Change[] = [];
    for (const change of steps) {
      const target = direction === "back" ? change.before : change.after;
      this.write(change.kind, change.id, target ? target.item : undefined, done);
    }
    return done;
  }

  private undo(): Applied {
    const set = this.undoStack.pop();
    if (!set) return this.appliedFor({ label: "", changes: [] });
    this.redoStack.push(set);
    const changes = this.restore(set.changes, "back");
    return this.appliedFor({ label: set.label, changes });
  }

  private redo(): Applied {
    const set = this.redoStack.pop();
    if (!set) return this.appliedFor({ label: "", changes: [] });
    this.undoStack.push(set);
    const changes = this.restore(set.changes, "forward");
    return this.appliedFor({ label: set.label, changes });
  }
}

/** Installs a fake backend holding `seed`; the test setup removes it after each test. */
export function installFakeBackend(seed: Partial<Snapshot> = {}): FakeBackend {
  return new FakeBackend(seed).install();
}

export function uninstallFakeBackend(): void {
  delete (window as unknown as WithInternals).__TAURI_INTERNALS__;
}
