import { afterEach, describe, expect, it, vi } from "vitest";
import { CARD } from "../../model/records";
import { drawCards, type Palette, type PictureCard } from "./cardPicture";
import {
  BLOCKS,
  type Detail,
  detailFor,
  detailSwitch,
  EDGE_ZOOM,
  FULL,
  LOD_ZOOM,
  PICTURE,
  SETTLE_MS,
} from "./lod";
import { framesPath, minimapBox } from "./minimap";
import { boundsOf } from "./nearby";

/** A 2D context that records what is drawn. */
function recorder() {
  const calls: string[] = [];
  const context = {
    globalAlpha: 1,
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    setTransform: () => {},
    clearRect: () => calls.push("clear"),
    fillRect(x: number, y: number, w: number, h: number) {
      calls.push(`fill ${this.fillStyle} ${this.globalAlpha} ${x} ${y} ${w} ${h}`);
    },
    strokeRect(x: number, y: number) {
      calls.push(`outline ${this.strokeStyle} ${x} ${y}`);
    },
  };
  return { context: context as unknown as CanvasRenderingContext2D, calls };
}

const PALETTE: Palette = {
  stances: ["red", "orange", "grey", "lightgreen", "green"],
  selected: "blue",
};

const card = (over: Partial<PictureCard>): PictureCard => ({
  x: 0,
  y: 0,
  stance: 0,
  dimmed: false,
  selected: false,
  ...over,
});

/** What `drawCards` draws of `cards` in the view `view` on an 800 × 600 canvas at 1x. */
function drawn(cards: PictureCard[], view: [number, number, number]): string[] {
  const { context, calls } = recorder();
  drawCards(context, cards, view, 800, 600, 1, PALETTE);
  return calls;
}

describe("the card picture (zoomed far out)", () => {
  it("draws each card in view as a block in its stance colour, where the view puts it", () => {
    const calls = drawn(
      [card({ x: 100, y: 200, stance: 2 }), card({ x: 300, y: 0, stance: -2 })],
      [10, 20, 0.1],
    );
    expect(calls).toEqual([
      "clear",
      `fill green 1 20 40 ${CARD.width * 0.1} ${CARD.height * 0.1}`,
      `fill red 1 40 20 ${CARD.width * 0.1} ${CARD.height * 0.1}`,
    ]);
  });

  it("leaves out cards out of view, fades the ones the filters dim, outlines the selected", () => {
    const calls = drawn(
      [
        card({ x: 100_000 }),
        card({ x: 0, dimmed: true }),
        card({ x: 1000, selected: true, stance: 1 }),
      ],
      [0, 0, 0.1],
    );
    expect(calls).toEqual([
      "clear",
      `fill grey 0.25 0 0 ${CARD.width * 0.1} ${CARD.height * 0.1}`,
      `fill lightgreen 1 100 0 ${CARD.width * 0.1} ${CARD.height * 0.1}`,
      "outline blue 98.5 -1.5",
    ]);
  });

  it("never draws a card smaller than a pixel", () => {
    const { context, calls } = recorder();
    drawCards(context, [card({})], [0, 0, 0.001], 100, 100, 1, PALETTE);
    expect(calls[1]).toBe("fill grey 1 0 0 1 1");
  });
});

describe("the minimap", () => {
  it("bounds the frames", () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 0, y: 0, width: 100, height: 50 },
        { x: 200, y: -20, width: 10, height: 10 },
      ]),
    ).toEqual({ x: 0, y: -20, width: 210, height: 70 });
  });

  it("draws every frame as a rectangle of one path", () => {
    expect(framesPath([])).toBe("");
    expect(
      framesPath([
        { x: 0, y: 0, width: 100, height: 50 },
        { x: 200, y: -20, width: 10, height: 10 },
      ]),
    ).toBe("M0,0h100v50h-100zM200,-20h10v10h-10z");
  });

  it("shows the whole map and the view, centred, with a margin", () => {
    const content = { x: 0, y: 0, width: 4000, height: 1500 };
    const view = { x: 3000, y: 1000, width: 2000, height: 1000 };
    const shown = minimapBox(content, view, 200, 150);
    // 5,000 flow units across 200 pixels: 25 per pixel, and 5 pixels of margin.
    expect(shown.scale).toBe(25);
    expect(shown.width).toBe(25 * 200 + 2 * 125);
    for (const r of [content, view]) {
      expect(r.x).toBeGreaterThanOrEqual(shown.x);
      expect(r.y).toBeGreaterThanOrEqual(shown.y);
      expect(r.x + r.width).toBeLessThanOrEqual(shown.x + shown.width);
      expect(r.y + r.height).toBeLessThanOrEqual(shown.y + shown.height);
    }
  });
});

describe("the level of detail as the view moves", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function follow() {
    vi.useFakeTimers();
    const seen: Detail[] = [];
    const follower = detailSwitch((detail) => seen.push(detail));
    return { follower, seen };
  }

  it("follows the zoom: a picture, then blocks, then everything", () => {
    expect(
      [0.05, EDGE_ZOOM - 0.01, EDGE_ZOOM, LOD_ZOOM - 0.01, LOD_ZOOM, 2].map(detailFor),
    ).toEqual([PICTURE, PICTURE, BLOCKS, BLOCKS, FULL, FULL]);
  });

  it("takes detail away as soon as the zoom goes out", () => {
    const { follower, seen } = follow();
    follower.moved(0.8);
    follower.moved(0.4);
    follower.moved(0.1);
    expect(seen).toEqual([BLOCKS, PICTURE]);
  });

  it("adds detail only once the view has rested nearer in, all at once", () => {
    const { follower, seen } = follow();
    follower.moved(0.1);
    // A zoom in that goes on past both thresholds, a step every 16 ms.
    for (const zoom of [0.2, 0.3, 0.4, 0.5, 0.6]) {
      follower.moved(zoom);
      vi.advanceTimersByTime(16);
    }
    expect(seen).toEqual([PICTURE]);
    vi.advanceTimersByTime(SETTLE_MS - 16);
    expect(seen).toEqual([PICTURE, FULL]);
  });

  it("adds none when the zoom goes back out before the view rests", () => {
    const { follower, seen } = follow();
    follower.moved(0.1);
    follower.moved(0.4);
    vi.advanceTimersByTime(SETTLE_MS / 2);
    follower.moved(0.2);
    vi.advanceTimersByTime(SETTLE_MS * 4);
    expect(seen).toEqual([PICTURE]);
  });

  it("changes nothing once stopped", () => {
    const { follower, seen } = follow();
    follower.moved(0.1);
    follower.moved(0.6);
    follower.stop();
    vi.advanceTimersByTime(SETTLE_MS * 4);
    expect(seen).toEqual([PICTURE]);
  });
});
