/**
 * Our own culling at working zoom: React Flow is given only the frames in and around the view,
 * with their cards, so that the passes it makes over its nodes on every pointer move of a drag or
 * pan cover a hundred nodes instead of thousands. The window is the view and one view's size on
 * every side, moved only when the view leaves it (or it has grown far bigger than the view).
 */
import type { Edge, Node, Viewport } from "@xyflow/react";
import type { Rect } from "@xyflow/system";
import type { Project, Stake } from "../../ipc/backend";
import { box, rectsOverlap } from "../../model/records";

export type { Rect };

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/**
 * The window for the view `viewport` of a canvas at most `width` × `height` pixels: `current`
 * while it still holds the view and is under 16 views in area, else the view grown by its own size
 * on every side.
 */
export function nextWindow(
  current: Rect | null,
  viewport: Viewport,
  width: number,
  height: number,
): Rect {
  const view = {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: width / viewport.zoom,
    height: height / viewport.zoom,
  };
  if (
    current &&
    inside(view, current) &&
    current.width * current.height <= 16 * view.width * view.height
  ) {
    return current;
  }
  return {
    x: view.x - view.width,
    y: view.y - view.height,
    width: 3 * view.width,
    height: 3 * view.height,
  };
}

/**
 * The nodes of the frames overlapping `window` (frames are the nodes without a parent; cards go
 * with their frame), plus the nodes in `keep` and their frames. `keep` is the selection: it must
 * not be dropped while it is dragged or edited, and a node selected before it reached React Flow
 * (found, or revealed, far away) arrives selected.
 */
export function nearby<T extends Node>(nodes: T[], window: Rect, keep: ReadonlySet<string>): T[] {
  const frames = new Set<string>();
  for (const node of nodes) {
    if (node.parentId) {
      if (keep.has(node.id)) frames.add(node.parentId);
      continue;
    }
    const rect = {
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
    };
    if (keep.has(node.id) || rectsOverlap(rect, window)) frames.add(node.id);
  }
  const out: T[] = [];
  for (const n of nodes) {
    if (keep.has(n.id)) out.push(n.selected ? n : { ...n, selected: true });
    else if (frames.has(n.parentId ?? n.id)) out.push(n);
  }
  return out;
}

/**
 * The selected nodes (stake cards or project frames) whose frames lie outside `window`: the ones
 * `nearby` must be told to keep. A selection made on what React Flow already has (a click, a box)
 * needs nothing, so the canvas does not re-render when it changes.
 */
export function farSelected(
  selected: readonly string[],
  stakes: Readonly<Record<string, Stake>>,
  projects: Readonly<Record<string, Project>>,
  window: Rect,
): string[] {
  return selected.filter((id) => {
    const project = projects[stakes[id]?.project ?? id];
    return !project || !rectsOverlap(box(project.frame), window);
  });
}

/** The smallest rectangle holding all of `rects`, or null when there are none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The edges both of whose ends are among `nodes`. */
export function edgesAmong(edges: Edge[], nodes: readonly Node[]): Edge[] {
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}
