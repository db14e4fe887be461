import { describe, expect, it } from "vitest";
import { menuPlace } from "./ContactPlacing";

const screen = { width: 1280, height: 800 };

/** Where a 220 px wide menu `height` tall opens from a 28 px button at `left`, `top`. */
const placed = (left: number, top: number, height = 150) =>
  menuPlace({ left, top, bottom: top + 28 }, { width: 220, height }, screen);

describe("where a contact's place-on-project menu opens", () => {
  it("under its button, left edges aligned", () => {
    expect(placed(178, 200)).toEqual({ left: 178, top: 232, maxHeight: 800 - 228 - 16 });
  });

  it("moved left rather than past the window's right edge", () => {
    expect(placed(1200, 200).left).toBe(1280 - 220 - 8);
  });

  it("never past the window's left edge", () => {
    expect(placed(-40, 200).left).toBe(8);
  });

  it("above its button when it does not fit below and there is more room above", () => {
    const place = placed(178, 700, 300);
    expect(place.top).toBe(700 - 4 - 300);
    expect(place.top).toBeGreaterThanOrEqual(8);
  });
});
