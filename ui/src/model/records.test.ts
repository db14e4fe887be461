import { describe, expect, it } from "vitest";
import type { Frame } from "../ipc/backend";
import {
  blankProject,
  box,
  FRAME,
  freeCardSpot,
  freeFrame,
  organizationFor,
  parseTags,
} from "./records";

function overlaps(a: Frame, b: Frame): boolean {
  const p = box(a);
  const q = box(b);
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
}

const frame = (
  x: number,
  y: number,
  width: number = FRAME.width,
  height: number = FRAME.height,
): Frame => ({
  x,
  y,
  width,
  height,
});

describe("freeFrame", () => {
  const step = { x: FRAME.width + FRAME.gap, y: FRAME.height + FRAME.gap };

  it("puts the first project at the origin, at the default size", () => {
    expect(freeFrame([])).toEqual(frame(0, 0));
  });

  it("takes the next free slot of a three-column grid", () => {
    expect(freeFrame([frame(0, 0)])).toEqual(frame(step.x, 0));
    expect(freeFrame([frame(0, 0), frame(step.x, 0)])).toEqual(frame(2 * step.x, 0));
    expect(freeFrame([frame(0, 0), frame(step.x, 0), frame(2 * step.x, 0)])).toEqual(
      frame(0, step.y),
    );
  });

  it("fills a gap left by a deleted project", () => {
    expect(freeFrame([frame(0, 0), frame(2 * step.x, 0)])).toEqual(frame(step.x, 0));
  });

  it("avoids frames that were moved or resized off the grid", () => {
    const moved = [frame(100, 100), frame(step.x - 50, 300, 2000, 50)];
    const result = freeFrame(moved);
    for (const other of moved) expect(overlaps(result, other)).toBe(false);
    // Slots 0-4 each touch one of them; slot 5 is the first clear one.
    expect(result).toEqual(frame(2 * step.x, step.y));
  });

  it("never overlaps any existing frame", () => {
    const layouts: Frame[][] = [
      [frame(0, 0, 5000, 400)],
      [frame(-300, -300, 1000, 1000), frame(step.x, 0, 10, 10)],
      Array.from({ length: 7 }, (_, i) => frame((i % 3) * step.x, Math.floor(i / 3) * step.y)),
      [{ x: null, y: null, width: null, height: null }, frame(1, 1, 1, 1)],
    ];
    for (const existing of layouts) {
      const result = freeFrame(existing);
      for (const other of existing) expect(overlaps(result, other)).toBe(false);
    }
  });
});

describe("blankProject", () => {
  it("needs a decision maker, an economic buyer and a champion", () => {
    expect(blankProject(frame(0, 0)).required_roles).toEqual([
      "decision_maker",
      "economic_buyer",
      "champion",
    ]);
  });
});

describe("organizationFor", () => {
  const organizations = [{ id: "acme", name: "Acme Corp", notes: "" }];

  it("reuses an organization whatever the case and spacing", () => {
    expect(organizationFor("  ACME corp ", organizations)).toEqual({ id: "acme", create: null });
  });

  it("creates a new organization with a fresh id", () => {
    const result = organizationFor(" Initech ", organizations);
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.create).toEqual({
      op: "put",
      record: { kind: "organization", item: { id: result.id, name: "Initech", notes: "" } },
    });
  });

  it("gives none for an empty name", () => {
    expect(organizationFor("   ", organizations)).toEqual({ id: null, create: null });
  });
});

describe("parseTags", () => {
  it("splits on commas and drops blanks", () => {
    expect(parseTags(" a, b ,, c ,")).toEqual(["a", "b", "c"]);
    expect(parseTags("")).toEqual([]);
  });
});

describe("freeCardSpot", () => {
  it("takes the first cell of the three-column grid that no card overlaps", () => {
    expect(freeCardSpot([])).toEqual({ x: 24, y: 64 });
    expect(freeCardSpot([{ x: 16, y: 56 }])).toEqual({ x: 232, y: 64 });
    const row = [
      { x: 24, y: 64 },
      { x: 232, y: 64 },
      { x: 440, y: 64 },
    ];
    expect(freeCardSpot(row)).toEqual({ x: 24, y: 160 });
  });
});
