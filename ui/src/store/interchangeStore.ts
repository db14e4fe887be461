/**
 * Import and export as the window runs them: the import under way (its preview, progress and
 * error) and whether the export dialog is open. The toolbar and the native menu start both; the
 * file dialogs run on the Rust side, which keeps the chosen file.
 */
import { create } from "zustand";
import {
  backend,
  errorMessage,
  type ImportFormat,
  type ImportOptions,
  type ImportPreview,
  type Progress,
} from "../ipc/backend";
import { useMap } from "./mapStore";

/**
 * `choosing`: the native file dialog is open; `reading`: the file is being planned; `preview`:
 * the plan is shown (or why the file was refused, in `error`); `applying`: it is being written.
 */
export type ImportPhase = "closed" | "choosing" | "reading" | "preview" | "applying";

interface InterchangeState {
  phase: ImportPhase;
  preview: ImportPreview | null;
  /** The options of the latest plan asked for (the preview's, unless that plan failed). */
  options: ImportOptions;
  progress: Progress | null;
  /** Why the file was refused or the import failed, with the place the core names. */
  error: string | null;
  exportOpen: boolean;
  /** Asks for a file (native dialog) and shows its preview. */
  startImport: (format?: ImportFormat | null) => Promise<void>;
  /** Plans the chosen file again with other options. */
  replan: (options: ImportOptions) => Promise<void>;
  /** Writes the previewed import, reloads the map and offers Undo. */
  applyImport: () => Promise<void>;
  /** Closes the import without writing. */
  cancelImport: () => void;
  setExportOpen: (open: boolean) => void;
}

/** The options before a file is planned (the format detected from the file). */
export const DEFAULT_OPTIONS: ImportOptions = {
  format: null,
  duplicates: "skip",
  target: "merge",
  mapping: null,
};

/** What an import wrote, for the notice. */
export function importedText(preview: ImportPreview | null, created: number, merged: number) {
  const parts = [`${created} new`];
  if (merged > 0) parts.push(`${merged} merged`);
  return `Imported ${parts.join(", ")} from ${preview?.source ?? "the file"}`;
}

export const useInterchange = create<InterchangeState>()((set, get) => {
  const onProgress = (progress: Progress) => {
    set((s) => ({ progress, phase: s.phase === "choosing" ? "reading" : s.phase }));
  };
  /** Runs a plan; a new file's refusal also drops the previous file's preview. */
  const planned = async (plan: () => Promise<ImportPreview | null>, newFile: boolean) => {
    try {
      const preview = await plan();
      if (get().phase === "closed") return; // Cancelled meanwhile.
      if (preview) {
        set({
          phase: "preview",
          preview,
          options: preview.options,
          progress: null,
          error: preview.problem ? preview.problem.message : null,
        });
      } else {
        // The file dialog was cancelled: back to the previous file, if there was one.
        set({ phase: get().preview || get().error ? "preview" : "closed", progress: null });
      }
    } catch (error) {
      if (get().phase === "closed") return;
      set({
        phase: "preview",
        progress: null,
        error: errorMessage(error),
        ...(newFile ? { preview: null, options: DEFAULT_OPTIONS } : {}),
      });
    }
  };

  return {
    phase: "closed",
    preview: null,
    options: DEFAULT_OPTIONS,
    progress: null,
    error: null,
    exportOpen: false,

    startImport: async (format = null) => {
      set({ phase: "choosing", progress: null });
      await planned(() => backend.chooseImport(format, onProgress), true);
    },

    replan: async (options) => {
      set({ phase: "reading", options, progress: null, error: null });
      await planned(() => backend.replanImport(options, onProgress), false);
    },

    applyImport: async () => {
      const { preview } = get();
      set({ phase: "applying", error: null });
      try {
        const done = await backend.applyImport();
        if (!done) {
          set({ phase: "preview" }); // The new map's file dialog was cancelled.
          return;
        }
        set({ phase: "closed", preview: null, options: DEFAULT_OPTIONS });
        const map = useMap.getState();
        await map.load();
        const where = done.map ? ` into the new map ${done.map.name}` : "";
        map.notify({
          tone: "info",
          text: `${importedText(preview, done.counts.created, done.counts.merged)}${where}`,
          undo: done.counts.created + done.counts.merged > 0,
        });
      } catch (error) {
        set({ phase: "preview", error: errorMessage(error) });
      }
    },

    cancelImport: () => {
      set({
        phase: "closed",
        preview: null,
        options: DEFAULT_OPTIONS,
        progress: null,
        error: null,
      });
      backend.cancelImport().catch(() => {
        // Nothing was written; a pending plan left behind is replaced by the next import.
      });
    },

    setExportOpen: (exportOpen) => set({ exportOpen }),
  };
});
