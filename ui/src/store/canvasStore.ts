/**
 * What the canvas shows that is not stored in the map: the selection, the filters, presentation
 * mode, and where a contact dragged from the list would be dropped.
 */
import { create } from "zustand";
import type { Point } from "../components/canvas/drop";
import type { Role } from "../ipc/backend";

/** Cards that do not match are dimmed. Empty fields match everything. */
export interface Filters {
  role: Role | "";
  /** Stance -2..2 as text ("" for any). */
  stance: string;
  /** Teammate id, "none" for cards without an owner, "" for any. */
  owner: string;
  tag: string;
}

export const NO_FILTERS: Filters = { role: "", stance: "", owner: "", tag: "" };

export interface Selection {
  /** Node ids: stake ids (cards) and project ids (frames). */
  nodes: string[];
  /** Relationship ids. */
  relationships: string[];
}

interface CanvasState {
  selection: Selection;
  filters: Filters;
  presentation: boolean;
  /** In presentation mode: initials instead of names. */
  anonymous: boolean;
  /**
   * Places a contact dropped at a point of the window (client coordinates) on the frame there;
   * set by the canvas while it is shown.
   */
  dropContact: ((contactId: string, client: Point) => Promise<void>) | null;
  /** Centres the view on a card (set by the canvas). */
  focusNode: ((nodeId: string) => void) | null;
  select: (selection: Selection) => void;
  setFilters: (filters: Partial<Filters>) => void;
  setPresentation: (on: boolean) => void;
  setAnonymous: (on: boolean) => void;
}

export const useCanvas = create<CanvasState>()((set) => ({
  selection: { nodes: [], relationships: [] },
  filters: NO_FILTERS,
  presentation: false,
  anonymous: false,
  dropContact: null,
  focusNode: null,
  select: (selection) => set({ selection }),
  setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
  setPresentation: (presentation) => set({ presentation }),
  setAnonymous: (anonymous) => set({ anonymous }),
}));
