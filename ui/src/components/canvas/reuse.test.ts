import { describe, expect, it } from "vitest";
import { keepUnchanged } from "./reuse";

interface Item {
  id: string;
  position: { x: number; y: number };
  data: { name: string; stance: number };
  className?: string;
  selected?: boolean;
  measured?: { width: number; height: number };
}

const item = (id: string, x = 0, name = id, extra: Partial<Item> = {}): Item => ({
  id,
  position: { x, y: 0 },
  data: { name, stance: 0 },
  ...extra,
});

describe("keepUnchanged", () => {
  it("keeps what React Flow has (with its measurements) for items a rebuild left as they were", () => {
    const shown = [item("a", 0, "a", { measured: { width: 188, height: 76 } }), item("b")];
    const rebuilt = [item("a"), item("b", 40)];
    const out = keepUnchanged(shown, rebuilt);
    expect(out[0]).toBe(shown[0]);
    expect(out[1]).toBe(rebuilt[1]);
    expect(out[1]?.position.x).toBe(40);
  });

  it("returns the same array when nothing changed, so React Flow has nothing to redo", () => {
    const shown = [item("a", 0, "a", { selected: true }), item("b")];
    expect(keepUnchanged(shown, [item("a"), item("b")])).toBe(shown);
  });

  it("sees a changed field of the data, and a class that went away", () => {
    const shown = [item("a", 0, "Ada"), item("b", 0, "b", { className: "dimmed" })];
    const out = keepUnchanged(shown, [item("a", 0, "Ada Lovelace"), item("b")]);
    expect(out[0]?.data.name).toBe("Ada Lovelace");
    expect(out[1]).not.toBe(shown[1]);
    expect(out[1]?.className).toBeUndefined();
  });

  it("keeps a changed item selected, and drops items that are gone", () => {
    const shown = [item("a", 0, "a", { selected: true }), item("gone")];
    const out = keepUnchanged(shown, [item("a", 24), item("new")]);
    expect(out.map((n) => n.id)).toEqual(["a", "new"]);
    expect(out[0]).toMatchObject({ selected: true, position: { x: 24, y: 0 } });
  });
});
