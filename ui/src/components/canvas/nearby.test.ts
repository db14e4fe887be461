import type { Node } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { RENEWAL, ROLLOUT, sampleMap } from "../../test/fixtures";
import { edgesAmong, farSelected, nearby, nextWindow } from "./nearby";

const frame = (id: string, x: number): Node => ({
  id,
  position: { x, y: 0 },
  width: 600,
  height: 400,
  data: {},
});
const card = (id: string, parentId: string): Node => ({
  id,
  parentId,
  position: { x: 10, y: 40 },
  data: {},
});

describe("what React Flow is given at working zoom", () => {
  it("is the view and one view all around it, kept until the view leaves it", () => {
    const first = nextWindow(null, { x: 0, y: 0, zoom: 1 }, 1000, 800);
    expect(first).toEqual({ x: -1000, y: -800, width: 3000, height: 2400 });
    // A pan within it keeps it (nothing to recompute on most frames of a pan).
    expect(nextWindow(first, { x: -500, y: -300, zoom: 1 }, 1000, 800)).toBe(first);
    // Out of it: a new window around the new view.
    expect(nextWindow(first, { x: -1500, y: 0, zoom: 1 }, 1000, 800)).toEqual({
      x: 500,
      y: -800,
      width: 3000,
      height: 2400,
    });
    // Zoomed far in, a window of more than 16 views is replaced by a smaller one.
    expect(nextWindow(first, { x: 0, y: 0, zoom: 2 }, 1000, 800).width).toBe(1500);
  });

  it("holds the frames overlapping the window with their cards, and the selection", () => {
    const nodes = [
      frame("near", 0),
      card("a", "near"),
      frame("far", 10_000),
      card("b", "far"),
      card("c", "far"),
    ];
    const window = { x: -100, y: -100, width: 1000, height: 1000 };
    expect(nearby(nodes, window, new Set()).map((n) => n.id)).toEqual(["near", "a"]);

    // A selected card far away brings its frame (its parent, with its cards) and arrives selected.
    const kept = nearby(nodes, window, new Set(["b"]));
    expect(kept.map((n) => n.id)).toEqual(["near", "a", "far", "b", "c"]);
    expect(kept.find((n) => n.id === "b")?.selected).toBe(true);
    expect(kept.find((n) => n.id === "far")?.selected).toBeUndefined();

    const edges = [
      { id: "1", source: "a", target: "a2" },
      { id: "2", source: "b", target: "b" },
    ];
    expect(edgesAmong(edges, kept).map((e) => e.id)).toEqual(["2"]);
  });

  it("needs to be told only of selected nodes whose frames are outside the window", () => {
    const map = sampleMap();
    const stakes = Object.fromEntries(map.stakes.map((s) => [s.id, s]));
    const projects = Object.fromEntries(map.projects.map((p) => [p.id, p]));
    const inRollout = map.stakes.find((s) => s.project === ROLLOUT)?.id ?? "";
    const inRenewal = map.stakes.find((s) => s.project === RENEWAL)?.id ?? "";
    // The window holds the Rollout frame (x 0 to 660), not the Renewal one (x 740 on).
    const window = { x: -10, y: -10, width: 700, height: 500 };
    expect(farSelected([inRollout, ROLLOUT], stakes, projects, window)).toEqual([]);
    expect(
      farSelected([inRollout, inRenewal, RENEWAL, "unknown"], stakes, projects, window),
    ).toEqual([inRenewal, RENEWAL, "unknown"]);
  });
});
