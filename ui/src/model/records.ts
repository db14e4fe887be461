/** Building new items and the operations that store them. */
import type {
  Contact,
  Frame,
  Record as MapRecord,
  Op,
  Organization,
  Project,
} from "../ipc/backend";

/** Size of a stake card on the canvas. */
export const CARD = { width: 188, height: 76 } as const;
/** Default size of a new project frame and the gap between frames. */
export const FRAME = { width: 660, height: 420, gap: 80 } as const;

export function put(record: MapRecord): Op {
  return { op: "put", record };
}

export function blankContact(): Contact {
  return {
    id: "",
    name: "",
    title: "",
    organization: null,
    email: "",
    phone: "",
    location: "",
    tags: [],
    notes: "",
    cadence_days: null,
  };
}

export function blankProject(frame: Frame): Project {
  return {
    id: "",
    name: "",
    organization: null,
    status: "active",
    stage: "",
    target_date: null,
    required_roles: ["decision_maker", "economic_buyer", "champion"],
    notes: "",
    frame,
  };
}

/**
 * A frame with plain numbers. (Coordinates cross the bridge as `number | null` because Rust's
 * floats may be NaN; the core never stores one, so null reads as 0.)
 */
export function box(frame: Frame): { x: number; y: number; width: number; height: number } {
  return { x: frame.x ?? 0, y: frame.y ?? 0, width: frame.width ?? 0, height: frame.height ?? 0 };
}

/** Whether two rectangles overlap (touching edges do not). */
export function rectsOverlap(a: ReturnType<typeof box>, b: ReturnType<typeof box>): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether two frames overlap (touching edges do not). */
export function overlaps(frameA: Frame, frameB: Frame): boolean {
  return rectsOverlap(box(frameA), box(frameB));
}

/** The first free place on a three-column grid for a new project frame. */
export function freeFrame(existing: Frame[]): Frame {
  const step = { x: FRAME.width + FRAME.gap, y: FRAME.height + FRAME.gap };
  for (let slot = 0; ; slot++) {
    const frame = {
      x: (slot % 3) * step.x,
      y: Math.floor(slot / 3) * step.y,
      width: FRAME.width,
      height: FRAME.height,
    };
    if (!existing.some((other) => overlaps(frame, other))) return frame;
  }
}

/**
 * Resolves an organization typed by name: an existing one (ignoring case), a new one to create
 * (returned as an operation to run first, with a fresh id), or none for an empty name.
 */
export function organizationFor(
  name: string,
  organizations: Organization[],
): { id: string | null; create: Op | null } {
  const wanted = name.trim();
  if (!wanted) return { id: null, create: null };
  const found = organizations.find((o) => o.name.toLowerCase() === wanted.toLowerCase());
  if (found) return { id: found.id, create: null };
  const id = crypto.randomUUID();
  return { id, create: put({ kind: "organization", item: { id, name: wanted, notes: "" } }) };
}

/** Splits a comma-separated tag field. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The grid new cards are placed on inside a project frame: three columns from the top left. */
export const CARD_GRID = { x: 24, y: 64, width: 208, height: 96, columns: 3 } as const;

/** The first cell of the card grid that no card in `taken` overlaps (positions in the frame). */
export function freeCardSpot(taken: { x: number | null; y: number | null }[]): {
  x: number;
  y: number;
} {
  for (let cell = 0; ; cell++) {
    const x = CARD_GRID.x + (cell % CARD_GRID.columns) * CARD_GRID.width;
    const y = CARD_GRID.y + Math.floor(cell / CARD_GRID.columns) * CARD_GRID.height;
    const clash = taken.some((t) => {
      const tx = t.x ?? 0;
      const ty = t.y ?? 0;
      return (
        x < tx + CARD.width && tx < x + CARD.width && y < ty + CARD.height && ty < y + CARD.height
      );
    });
    if (!clash) return { x, y };
  }
}
