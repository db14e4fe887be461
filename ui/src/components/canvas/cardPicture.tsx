/**
 * Zoomed far out (below `EDGE_ZOOM`, until the view comes to rest nearer in: see lod.tsx), the
 * canvas shows its cards as one picture: a 2D canvas over the frames, redrawn with the view, with
 * a block per card in its stance's colour. The cards' own elements are hidden there (Canvas.tsx):
 * two thousand positioned elements cost WebKitGTK about 40 ms to repaint on every frame of a pan,
 * the picture a few. Frames stay real elements, so they can still be selected and moved, and the
 * picture follows them while they move.
 */
import { type InternalNode, type ReactFlowState, useStore, useStoreApi } from "@xyflow/react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { CARD } from "../../model/records";
import { usePicture } from "./lod";
import type { CardData } from "./nodes";

/** The stance colours' CSS custom properties, by stance from −2 to +2. */
const STANCE_VARS = [
  "--stance-opponent",
  "--stance-skeptic",
  "--stance-neutral",
  "--stance-supporter",
  "--stance-champion",
];

export interface PictureCard {
  /** Top left corner, in flow coordinates. */
  x: number;
  y: number;
  stance: number;
  dimmed: boolean;
  selected: boolean;
}

/** The cards to draw, from React Flow's nodes (hidden ones included: they are the cards here). */
export function pictureCards(lookup: Map<string, InternalNode>): PictureCard[] {
  const cards: PictureCard[] = [];
  for (const node of lookup.values()) {
    if (node.type !== "card") continue;
    const { x, y } = node.internals.positionAbsolute;
    const data = node.data as CardData;
    cards.push({
      x,
      y,
      stance: data.stance,
      dimmed: node.className?.includes("dimmed") ?? false,
      selected: !!node.selected,
    });
  }
  return cards;
}

export interface Palette {
  stances: string[];
  selected: string;
}

/**
 * Draws `cards` on `context` (sized `width` × `height` CSS pixels at `ratio` device pixels each)
 * as the view `[x, y, zoom]` shows them; cards out of view are skipped.
 */
export function drawCards(
  context: CanvasRenderingContext2D,
  cards: readonly PictureCard[],
  [tx, ty, zoom]: readonly [number, number, number],
  width: number,
  height: number,
  ratio: number,
  palette: Palette,
) {
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  // At least one pixel, so that a card never disappears however far out.
  const w = Math.max(1, CARD.width * zoom);
  const h = Math.max(1, CARD.height * zoom);
  for (const card of cards) {
    const left = card.x * zoom + tx;
    const top = card.y * zoom + ty;
    if (left > width || top > height || left + w < 0 || top + h < 0) continue;
    const stance = Math.max(-2, Math.min(2, Math.round(card.stance)));
    context.globalAlpha = card.dimmed ? 0.25 : 1;
    context.fillStyle = palette.stances[stance + 2] ?? palette.stances[2] ?? "#9aa1b5";
    context.fillRect(left, top, w, h);
    if (card.selected) {
      context.globalAlpha = 1;
      context.strokeStyle = palette.selected;
      context.lineWidth = 2;
      context.strokeRect(left - 1.5, top - 1.5, w + 3, h + 3);
    }
  }
  context.globalAlpha = 1;
}

function paletteOf(element: Element): Palette {
  const style = getComputedStyle(element);
  return {
    stances: STANCE_VARS.map((name) => style.getPropertyValue(name).trim() || "#9aa1b5"),
    selected: style.getPropertyValue("--accent").trim() || "#4f46e5",
  };
}

/** The card picture, drawn at the level of detail `PICTURE` (the cards' elements are hidden). */
export function CardPicture() {
  return usePicture() ? <Picture /> : null;
}

/** Whether the system asks for dark colours; changes when it switches (the palette changes). */
function useColourScheme(): boolean {
  const query =
    typeof window.matchMedia === "function"
      ? window.matchMedia("(prefers-color-scheme: dark)")
      : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const changed = () => setDark(query.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, [query]);
  return dark;
}

const transformSelector = (s: ReactFlowState) => s.transform;
const nodesSelector = (s: ReactFlowState) => s.nodes;
const widthSelector = (s: ReactFlowState) => s.width;
const heightSelector = (s: ReactFlowState) => s.height;

function Picture() {
  const store = useStoreApi();
  const transform = useStore(transformSelector);
  // A new array whenever a node changes (a frame dragged, a card added, the selection).
  const nodes = useStore(nodesSelector);
  const width = useStore(widthSelector);
  const height = useStore(heightSelector);
  const dark = useColourScheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const cards = useRef<{ nodes: unknown; list: PictureCard[] }>({ nodes: null, list: [] });

  // Drawn in the same commit as React Flow's own view, so the picture never lags the frames.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `dark` changes the stylesheet's colours
  useLayoutEffect(() => {
    const element = canvas.current;
    const context = element?.getContext("2d");
    if (!element || !context || width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const pixels = [Math.round(width * ratio), Math.round(height * ratio)];
    if (element.width !== pixels[0] || element.height !== pixels[1]) {
      element.width = pixels[0] ?? 0;
      element.height = pixels[1] ?? 0;
    }
    if (cards.current.nodes !== nodes) {
      cards.current = { nodes, list: pictureCards(store.getState().nodeLookup) };
    }
    drawCards(context, cards.current.list, transform, width, height, ratio, paletteOf(element));
  }, [store, transform, nodes, width, height, dark]);

  return (
    <canvas
      ref={canvas}
      className="card-picture"
      style={{ width, height }}
      data-testid="card-picture"
    />
  );
}
