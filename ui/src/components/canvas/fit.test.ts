import { getViewportForBounds } from "@xyflow/system";
import { describe, expect, it } from "vitest";
import { fitPadding, overlayInsets } from "./fit";

const view = { top: 100, bottom: 800, height: 700, width: 600 };
const rect = (top: number, height: number, width = 100) => ({
  top,
  bottom: top + height,
  height,
  width,
});

describe("fitting the view around the canvas's overlays", () => {
  it("keeps the top bar and the bottom-left legend clear", () => {
    const filters = rect(110, 40, 580);
    const legend = rect(700, 90, 140);
    expect(overlayInsets(view, [filters, legend])).toEqual({ top: 50, bottom: 100 });
  });

  it("ignores overlays that are not shown", () => {
    expect(overlayInsets(view, [rect(110, 0, 0), rect(700, 90, 0)])).toEqual({
      top: 0,
      bottom: 0,
    });
  });

  it("never gives up more than 40% of a small view to overlays", () => {
    const small = { top: 0, bottom: 200, height: 200, width: 300 };
    const insets = overlayInsets(small, [rect(0, 80), rect(110, 90)]);
    expect(insets.top + insets.bottom).toBeLessThanOrEqual(80);
    expect(insets.top).toBeGreaterThan(0);
    expect(insets.bottom).toBeGreaterThan(0);
  });

  it("puts a fitted map below the top bar and above the legend", () => {
    const width = 600;
    const height = 700;
    const insets = { top: 50, bottom: 100 };
    const map = { x: 0, y: 0, width: 1000, height: 1400 };
    const fitted = getViewportForBounds(
      map,
      width,
      height,
      0.05,
      1,
      fitPadding(0.1, width, height, insets),
    );
    const top = fitted.y;
    const bottom = fitted.y + map.height * fitted.zoom;
    expect(top).toBeGreaterThanOrEqual(insets.top);
    expect(bottom).toBeLessThanOrEqual(height - insets.bottom);
    // Without the insets the same map would reach into both bars.
    const plain = getViewportForBounds(map, width, height, 0.05, 1, 0.1);
    expect(plain.y).toBeLessThan(insets.top);
  });
});
