import { describe, expect, it } from "vitest";
import { menuPlace } from "./ContactPlacing";

const screen = { width: 1280, height: 800 };

describe("where a contact's place-on-project menu opens", () => {
  it("under its button, left edges aligned", () => {
    const place = menuPlace(
      { left: 178, top: 200, bottom: 228 },
      { width: 220, height: 150 },
      screen,
    );
    expect(place).toEqual({ left: 178, top: 232, maxHeight: 800 - 228 - 16 });
  });

  it("moved left rather than past the window's right edge", () => {
    const place = menuPlace(
      { left: 1200, top: 200, bottom: 228 },
      { width: 220, height: 150 },
      screen,
    );
    expect(place.left).toBe(1280 - 220 - 8);
  });

  it("never past the window's left edge", () => {
    const place = menuPlace(
      { left: -40, top: 200, bottom: 228 },
      { width: 220, height: 150 },
      screen,
    );
    expect(place.left).toBe(8);
  });

  it("above its button when it does not fit below and there is more room above", () => {
    const place = menuPlace(
      { left: 178, top: 700, bottom: 728 },
      { width: 220, height: 300 },
      screen,
    );
    expect(place.top).toBe(700 - 4 - 300);
    expect(place.top).toBeGreaterThanOrEqual(8);
  });
});
