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

const farSelector = (s: ReactFlowState) => s.transform[2] < LOD_ZOOM;

/** Whether the canvas is zoomed out below `LOD_ZOOM`. */
export function useFar(): boolean {
  return useStore(farSelector);
}

const tinySelector = (s: ReactFlowState) => s.transform[2] < EDGE_ZOOM;

/** Whether the canvas is zoomed out below `EDGE_ZOOM`. */
export function useTiny(): boolean {
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
