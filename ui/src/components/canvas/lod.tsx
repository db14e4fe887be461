/**
 * Level of detail on the canvas, so that a map of thousands of cards stays smooth. Below
 * `LOD_ZOOM` (where card text is too small to read anyway) cards are drawn as plain blocks in
 * their stance colour and the dotted background is left out; below `EDGE_ZOOM` edges and frame
 * headers are not drawn and the cards are one picture (cardPicture.tsx). The minimap
 * (minimap.tsx) shows frames only.
 *
 * Detail is taken away as soon as the zoom calls for less, but added only once the view rests
 * (`detailSwitch`): adding it is what costs (mounting the cards in view, laying out their text),
 * and it must not stall a zoom in half way. Components read the level through `useFar` and
 * friends, boolean selectors that re-render them only when the level changes.
 */
import { Background, type ReactFlowState, useStore } from "@xyflow/react";
import { useEffect } from "react";
import { create } from "zustand";

/** The zoom below which the canvas draws its cheap cards. */
export const LOD_ZOOM = 0.5;
/**
 * The zoom below which edges and frame headers are not drawn: lines under half a pixel wide, text
 * four pixels high.
 */
export const EDGE_ZOOM = 0.25;

/** How much the canvas draws: cards as one picture, cards as blocks, or everything. */
export const PICTURE = 0;
export const BLOCKS = 1;
export const FULL = 2;
export type Detail = typeof PICTURE | typeof BLOCKS | typeof FULL;

/** The detail the zoom `zoom` calls for. */
export function detailFor(zoom: number): Detail {
  if (zoom < EDGE_ZOOM) return PICTURE;
  return zoom < LOD_ZOOM ? BLOCKS : FULL;
}

/**
 * How long the view must stay still before detail is added (as long as d3-zoom waits before it
 * ends a wheel gesture).
 */
export const SETTLE_MS = 150;

/** Follows the zoom to set the level of detail (see `detailSwitch`). */
export interface DetailSwitch {
  /** Called with the zoom on every move of the view. */
  moved: (zoom: number) => void;
  /** Cancels a pending change (the canvas is going away). */
  stop: () => void;
}

/**
 * Calls `set` with less detail as soon as the zoom calls for less, and with more only once the
 * view has stayed still for `SETTLE_MS`. Handing the cards back from the picture mounts every card
 * in view: about 900 at `EDGE_ZOOM` on a map of 2,000, half a second in the middle of a zoom. At
 * rest the view is usually nearer in, with far fewer cards in view, and nothing moving stutters.
 */
export function detailSwitch(set: (detail: Detail) => void): DetailSwitch {
  let shown: Detail = FULL;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const change = (next: Detail) => {
    shown = next;
    set(next);
  };
  return {
    moved(zoom) {
      clearTimeout(timer);
      const wanted = detailFor(zoom);
      if (wanted < shown) change(wanted);
      else if (wanted > shown) timer = setTimeout(() => change(wanted), SETTLE_MS);
    },
    stop: () => clearTimeout(timer),
  };
}

/** The level of detail the canvas draws at, set by the canvas as its view moves. */
export const useDetail = create<{ detail: Detail }>()(() => ({ detail: FULL }));

/** Sets the level of detail the canvas draws at. */
export function setDetail(detail: Detail) {
  useDetail.setState({ detail });
}

const farSelector = (s: { detail: Detail }) => s.detail < FULL;

/** Whether the canvas draws less than everything (cards as blocks or one picture). */
export function useFar(): boolean {
  return useDetail(farSelector);
}

const pictureSelector = (s: { detail: Detail }) => s.detail === PICTURE;

/** Whether the canvas draws its cards as one picture. */
export function usePicture(): boolean {
  return useDetail(pictureSelector);
}
const domSelector = (s: ReactFlowState) => s.domNode;

/**
 * Marks React Flow's element with `zoomed-far` while the cards are one picture, where the
 * stylesheet leaves out what is too small to see (edges, frame headers). Only changes the class
 * when the level of detail changes.
 */
export function ZoomLevel() {
  const pictured = usePicture();
  const element = useStore(domSelector);
  useEffect(() => {
    element?.classList.toggle("zoomed-far", pictured);
  }, [element, pictured]);
  return null;
}

/** The dotted background, at working zoom only: zoomed out its dots would be a few pixels apart. */
export function CanvasBackground() {
  const far = useFar();
  return far ? null : <Background gap={24} size={1} />;
}
