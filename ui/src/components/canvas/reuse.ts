/**
 * Structural sharing for the canvas's nodes and edges. The canvas rebuilds them from the store
 * after every stored change; handing React Flow thousands of new objects makes it re-process every
 * node and re-render every one in view. `keepUnchanged` keeps the objects React Flow already has
 * wherever the rebuild produced an equal one, so a drop touches one card, not two thousand.
 */

/** What React Flow itself sets on the nodes and edges it is given back. */
const OWN_STATE = new Set(["measured", "selected", "dragging", "resizing"]);

function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => k in rb && Object.is(ra[k], rb[k]));
}

/** Whether `shown` (what React Flow has) still shows `built` (what the store now says). */
function same(shown: Record<string, unknown>, built: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(shown), ...Object.keys(built)]);
  for (const key of keys) {
    if (OWN_STATE.has(key)) continue;
    const a = shown[key];
    const b = built[key];
    if (key === "data" || key === "position" || key === "style") {
      if (!shallowEqual(a, b)) return false;
    } else if (!Object.is(a, b)) {
      return false;
    }
  }
  return true;
}

/**
 * `next`, with each item equal to one in `current` replaced by that one (keeping what React Flow
 * set on it: size, selection), and each changed item that was selected still selected. Returns
 * `current` itself when nothing changed.
 */
export function keepUnchanged<T extends { id: string; selected?: boolean }>(
  current: T[],
  next: T[],
): T[] {
  const byId = new Map<string, T>();
  for (const item of current) byId.set(item.id, item);
  let unchanged = current.length === next.length;
  const out = next.map((item, index) => {
    const before = byId.get(item.id);
    let kept = item;
    if (before) {
      if (same(before as Record<string, unknown>, item as Record<string, unknown>)) kept = before;
      else if (before.selected && !item.selected) kept = { ...item, selected: true };
    }
    if (kept !== current[index]) unchanged = false;
    return kept;
  });
  return unchanged ? current : out;
}
