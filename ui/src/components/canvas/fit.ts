/**
 * Fitting the view around what floats over the canvas: the find and filter bar along the top, the
 * zoom buttons and the legend at the bottom left. A fit that ignored them put the top frames'
 * headers under the filters and the bottom-left cards under the legend.
 */
import type { Padding } from "@xyflow/system";

/** The overlays a fit keeps clear of (the minimap, in its corner, may cover a little map). */
export const KEEP_CLEAR = ".canvas-tools, .legend, .react-flow__controls";

/** At most this share of the view's height is given up to overlays, however small the window. */
const MOST_INSET = 0.4;

/** A screen rectangle, as `getBoundingClientRect` gives it. */
interface ScreenRect {
  top: number;
  bottom: number;
  height: number;
  width: number;
}

/** Pixels taken by overlays at the top and at the bottom of the view. */
export interface Insets {
  top: number;
  bottom: number;
}

/**
 * The insets `overlays` make in `view` (screen rectangles): one in the view's upper half pushes
 * the top edge down to its bottom, one in the lower half pushes the bottom edge up to its top.
 * Overlays not shown (no size) take nothing.
 */
export function overlayInsets(view: ScreenRect, overlays: readonly ScreenRect[]): Insets {
  const middle = view.top + view.height / 2;
  let top = 0;
  let bottom = 0;
  for (const o of overlays) {
    if (o.width === 0 || o.height === 0) continue;
    if (o.top + o.height / 2 < middle) top = Math.max(top, o.bottom - view.top);
    else bottom = Math.max(bottom, view.bottom - o.top);
  }
  const most = view.height * MOST_INSET;
  const total = top + bottom;
  if (total > most) {
    top = (top * most) / total;
    bottom = (bottom * most) / total;
  }
  return { top: Math.max(0, Math.round(top)), bottom: Math.max(0, Math.round(bottom)) };
}

/** Room (px) left between an overlay and what a fit shows. */
const GAP = 8;

/**
 * React Flow's padding for showing a rectangle in a `width` × `height` view: `padding` on every
 * side (a share of the view, as React Flow's own fit takes it), or at the top and bottom the
 * `insets` and a small gap where those are larger. Not both added up: the map would shrink
 * further than the overlays need (the demo map would open with its cards as blocks, lod.tsx).
 */
export function fitPadding(
  padding: number,
  width: number,
  height: number,
  insets: Insets,
): Padding {
  const side = (size: number) => Math.floor((size - size / (1 + padding)) * 0.5);
  const x = side(width);
  const y = side(height);
  const clear = (inset: number) => (inset > 0 ? Math.max(y, inset + GAP) : y);
  return {
    top: `${clear(insets.top)}px`,
    bottom: `${clear(insets.bottom)}px`,
    left: `${x}px`,
    right: `${x}px`,
  };
}
