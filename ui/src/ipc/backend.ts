/**
 * The UI's one door to the Rust side. It calls the generated bindings (the only module that
 * imports `@tauri-apps/*`) and turns error results into thrown `BackendError`s.
 */
import {
  type AppError,
  type AppEvent,
  type Applied,
  type BackupInfo,
  Channel,
  type Coverage,
  type CsvPreview,
  commands,
  type ExportRequest,
  type ImportDone,
  type ImportFormat,
  type ImportOptions,
  type ImportPreview,
  type MapInfo,
  type Op,
  type Progress,
  type Snapshot,
} from "./bindings.gen";

export type * from "./bindings.gen";

/** An error from the Rust side: its kind, a message for people, and the field at fault. */
export class BackendError extends Error {
  readonly kind: AppError["kind"];
  readonly field: string | null;

  constructor(error: AppError) {
    super(error.message);
    this.name = "BackendError";
    this.kind = error.kind;
    this.field = error.field;
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (result.status === "error") {
    throw new BackendError(result.error);
  }
  return result.data;
}

function progressChannel(onProgress: (progress: Progress) => void): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return channel;
}

/** The commands the UI uses, returning data or throwing `BackendError`. */
export const backend = {
  mapInfo: (): Promise<MapInfo> => unwrap(commands.mapInfo()),
  loadMap: (): Promise<Snapshot> => unwrap(commands.loadMap()),
  /** Every project's coverage. */
  coverage: (): Promise<Coverage[]> => unwrap(commands.coverage()),
  apply: (op: Op): Promise<Applied> => unwrap(commands.apply(op)),
  undo: (): Promise<Applied> => unwrap(commands.undo()),
  redo: (): Promise<Applied> => unwrap(commands.redo()),
  /** Arranges the cards of one project's frame (one undoable step). */
  arrangeProject: (project: string): Promise<Applied> => unwrap(commands.arrangeProject(project)),
  /** Puts the window in or out of full screen. */
  setFullscreen: (on: boolean): Promise<null> => unwrap(commands.setFullscreen(on)),
  newMap: (): Promise<MapInfo | null> => unwrap(commands.newMap()),
  openMap: (): Promise<MapInfo | null> => unwrap(commands.openMap()),
  saveCopyAs: (): Promise<string | null> => unwrap(commands.saveCopyAs()),
  /** The map's backups, newest first (a damaged start-up map's when none is open). */
  backups: (): Promise<BackupInfo[]> => unwrap(commands.backups()),
  /** Restores a backup by id (the current state is backed up first); returns the map. */
  restoreBackup: (id: string): Promise<MapInfo> => unwrap(commands.restoreBackup(id)),
  /**
   * Asks for a file to import (native dialog) and plans it without writing; `null` on cancel.
   * `onProgress` hears how far a long file has been read.
   */
  chooseImport: (
    format: ImportFormat | null,
    onProgress: (progress: Progress) => void,
  ): Promise<ImportPreview | null> =>
    unwrap(commands.chooseImport(format, progressChannel(onProgress))),
  /** Plans the chosen file again with other options. */
  replanImport: (
    options: ImportOptions,
    onProgress: (progress: Progress) => void,
  ): Promise<ImportPreview> => unwrap(commands.replanImport(options, progressChannel(onProgress))),
  /** Writes the planned import (one undoable step); `null` if the new map's dialog was cancelled. */
  applyImport: (): Promise<ImportDone | null> => unwrap(commands.applyImport()),
  /** The chosen CSV file's header and first rows, for mapping its columns. */
  inspectImport: (): Promise<CsvPreview> => unwrap(commands.inspectImport()),
  /** Forgets the planned import. */
  cancelImport: (): Promise<void> => commands.cancelImport(),
  /** Exports to a file chosen in a save dialog; its name, `null` on cancel. */
  exportMap: (request: ExportRequest): Promise<string | null> =>
    unwrap(commands.exportMap(request)),
  /** Listens to events from the app (menu choices). */
  subscribe: (onEvent: (event: AppEvent) => void): Promise<void> => {
    const channel = new Channel<AppEvent>();
    channel.onmessage = onEvent;
    return commands.subscribe(channel);
  },
};

/** A message for people from anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "Something went wrong.";
}
