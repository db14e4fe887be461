/**
 * The canvas's minimap: one rectangle per project frame and the part of the map in view, pannable
 * and zoomable like React Flow's own. React Flow's minimap watches every node (2,200 store
 * subscriptions on a map of 2,000 cards, each run on every frame of a drag or pan); this one reads
 * the frames from the map store and React Flow's viewport only, so a pan redraws one path.
 */
import { Panel, type ReactFlowState, useStore, useStoreApi } from "@xyflow/react";
import { type Rect, XYMinimap, type XYMinimapInstance } from "@xyflow/system";
import { memo, useEffect, useMemo, useRef } from "react";
import { box } from "../../model/records";
import { useMap } from "../../store/mapStore";
import { boundsOf } from "./nearby";

/** The minimap's size on screen, in pixels. */
const WIDTH = 200;
const HEIGHT = 150;
/** Margin around the map, in minimap pixels. */
const MARGIN = 5;

interface View {
  /** The part of the map in view, in flow coordinates. */
  x: number;
  y: number;
  width: number;
  height: number;
}

const viewSelector = (s: ReactFlowState): View => ({
  x: -s.transform[0] / s.transform[2],
  y: -s.transform[1] / s.transform[2],
  width: s.width / s.transform[2],
  height: s.height / s.transform[2],
});
const sameView = (a: View, b: View) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
const panZoomSelector = (s: ReactFlowState) => s.panZoom;
const extentSelector = (s: ReactFlowState) => s.translateExtent;
const flowWidthSelector = (s: ReactFlowState) => s.width;
const flowHeightSelector = (s: ReactFlowState) => s.height;

/**
 * The minimap's view box (flow coordinates) showing `content` and `view` whole, centred, with a
 * margin, in a `width` × `height` minimap; and its scale (flow units per minimap pixel).
 */
export function minimapBox(content: Rect | null, view: Rect, width = WIDTH, height = HEIGHT) {
  const all = content ? (boundsOf([content, view]) as Rect) : view;
  const scale = Math.max(all.width / width, all.height / height) || 1;
  const margin = MARGIN * scale;
  const shownWidth = scale * width;
  const shownHeight = scale * height;
  return {
    scale,
    x: all.x - (shownWidth - all.width) / 2 - margin,
    y: all.y - (shownHeight - all.height) / 2 - margin,
    width: shownWidth + 2 * margin,
    height: shownHeight + 2 * margin,
  };
}

/**
 * The frames as one SVG path of rectangles: one element to paint instead of one per frame (the
 * minimap is repainted with everything under it on every frame of a pan). At the minimap's scale a
 * frame is a few pixels wide, so its rounded corners would not show.
 */
export function framesPath(frames: Rect[]): string {
  return frames.map((f) => `M${f.x},${f.y}h${f.width}v${f.height}h${-f.width}z`).join("");
}

/** The frames: re-rendered only when projects change, not when the view moves. */
const Frames = memo(function Frames({ frames }: { frames: Rect[] }) {
  return <path className="react-flow__minimap-node minimap-frames" d={framesPath(frames)} />;
});

/** The canvas's minimap: the project frames, pannable (drag) and zoomable (wheel). */
export function CanvasMiniMap() {
  const projects = useMap((s) => s.projects);
  const frames = useMemo(() => Object.values(projects).map((p) => box(p.frame)), [projects]);
  const content = useMemo(() => boundsOf(frames), [frames]);
  const view = useStore(viewSelector, sameView);
  const panZoom = useStore(panZoomSelector);
  const translateExtent = useStore(extentSelector);
  const flowWidth = useStore(flowWidthSelector);
  const flowHeight = useStore(flowHeightSelector);
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const minimap = useRef<XYMinimapInstance | null>(null);
  const shown = minimapBox(content, view);
  const scale = useRef(shown.scale);
  scale.current = shown.scale;

  useEffect(() => {
    if (!svg.current || !panZoom) return;
    const instance = XYMinimap({
      domNode: svg.current,
      panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => scale.current,
    });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = null;
    };
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({
      translateExtent,
      width: flowWidth,
      height: flowHeight,
      pannable: true,
      zoomable: true,
      zoomStep: 1,
    });
  }, [translateExtent, flowWidth, flowHeight]);

  const { x, y, width, height } = shown;
  const m = MARGIN * shown.scale;
  return (
    <Panel position="bottom-right" className="react-flow__minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label="Minimap"
      >
        <Frames frames={frames} />
        <path
          className="react-flow__minimap-mask"
          d={`M${x - m},${y - m}h${width + 2 * m}v${height + 2 * m}h${-width - 2 * m}z
M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
