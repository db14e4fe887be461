/**
 * Level of detail on the canvas, so that a map of thousands of cards stays smooth. Below
 * `LOD_ZOOM` (where card text is too small to read anyway) cards are drawn as plain blocks in
 * their stance colour and the dotted background is left out; below `EDGE_ZOOM` edges and frame
 * headers are not drawn and the cards are one picture (cardPicture.tsx). The minimap
 * (minimap.tsx) shows frames only.
 *
 * Components read the zoom through `useFar`, a boolean selector: they re-render when the zoom
 * crosses the threshold, not on every zoom step.
 */
import { Background, type ReactFlowState, useStore } from "@xyflow/react";
import { useEffect } from "react";

/** The zoom below which the canvas draws its cheap cards. */
export const LOD_ZOOM = 0.5;
/**
 * The zoom below which edges and frame headers are not drawn: lines under half a pixel wide, text
 * four pixels high.
 */
export const EDGE_ZOOM = 0.25;

/**
 * How long the view must stay still, zoomed in past `EDGE_ZOOM`, before the cards stop being a
 * picture (as long as d3-zoom waits before it ends a wheel gesture).
 */
export const SETTLE_MS = 150;

/** Follows the zoom to say when the cards are one picture (see `pictureSwitch`). */
export interface PictureSwitch {
  /** Called with the zoom on every move of the view. */
  moved: (zoom: number) => void;
  /** Cancels a pending switch (the canvas is going away). */
  stop: () => void;
}

/**
 * Calls `set(true)` as soon as the zoom goes below `EDGE_ZOOM`, and `set(false)` only once the
 * view has stayed still for `SETTLE_MS` at or above it. Handing the cards back mounts every card
 * in view: about 900 at `EDGE_ZOOM` on a map of 2,000, half a second in the middle of a zoom. At
 * rest the view is usually nearer in, with far fewer cards in view, and nothing moving stutters.
 */
export function pictureSwitch(set: (picture: boolean) => void): PictureSwitch {
  let picture = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const change = (next: boolean) => {
    picture = next;
    set(next);
  };
  return {
    moved(zoom) {
      clearTimeout(timer);
      if (zoom < EDGE_ZOOM) {
        if (!picture) change(true);
      } else if (picture) {
        timer = setTimeout(() => change(false), SETTLE_MS);
      }
    },
    stop: () => clearTimeout(timer),
  };
}

const farSelector = (s: ReactFlowState) => s.transform[2] < LOD_ZOOM;

/** Whether the canvas is zoomed out below `LOD_ZOOM`. */
export function useFar(): boolean {
  return useStore(farSelector);
}

const tinySelector = (s: ReactFlowState) => s.transform[2] < EDGE_ZOOM;

/** Whether the canvas is zoomed out below `EDGE_ZOOM`. */
function useTiny(): boolean {
  return useStore(tinySelector);
}
const domSelector = (s: ReactFlowState) => s.domNode;

/**
 * Marks React Flow's element with `zoomed-far` below `EDGE_ZOOM`, where the stylesheet leaves out
 * what is too small to see (edges, frame headers). Only changes the class when the zoom crosses
 * the threshold.
 */
export function ZoomLevel() {
  const tiny = useTiny();
  const element = useStore(domSelector);
  useEffect(() => {
    element?.classList.toggle("zoomed-far", tiny);
  }, [element, tiny]);
  return null;
}

/** The dotted background, at working zoom only: zoomed out its dots would be a few pixels apart. */
export function CanvasBackground() {
  const far = useFar();
  return far ? null : <Background gap={24} size={1} />;
}
