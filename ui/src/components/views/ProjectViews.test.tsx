import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Contact, Relationship, Snapshot, Stake } from "../../ipc/backend";
import { orgChart, quadrant } from "../../model/stakeholderViews";
import { useCanvas } from "../../store/canvasStore";
import { coverageFor } from "../../test/coverage";
import { ROLLOUT, sampleMap } from "../../test/fixtures";
import { renderApp } from "../../test/render";

/** Each test renders the whole app and types key by key: slow on a busy machine. */
const SLOW = { timeout: 20_000 };

const ids = {
  ceo: "00000000-0000-4000-8000-0000000000c1",
  cfo: "00000000-0000-4000-8000-0000000000c2",
  analyst: "00000000-0000-4000-8000-0000000000c3",
  advisor: "00000000-0000-4000-8000-0000000000c4",
  stranger: "00000000-0000-4000-8000-0000000000c5",
};

function person(id: string, name: string, title: string): Contact {
  return {
    id,
    name,
    title,
    organization: null,
    email: "",
    phone: "",
    location: "",
    tags: [],
    notes: "",
    cadence_days: null,
  };
}

function stake(
  id: string,
  contact: string,
  influence: number,
  interest: number,
  stance: number,
): Stake {
  return {
    id,
    project: ROLLOUT,
    contact,
    role: "influencer",
    stance,
    influence,
    interest,
    owner: null,
    health: null,
    notes: "",
    x: 0,
    y: 0,
  };
}

function link(id: string, from: string, to: string, kind: Relationship["kind"]): Relationship {
  return { id, from, to, kind, strength: 3, notes: "" };
}

/** A project with a CFO and an analyst on it; the CEO (their manager) and an advisor are not. */
function company(): Snapshot {
  const map = sampleMap();
  return {
    ...map,
    contacts: [
      person(ids.ceo, "Carla Ceo", "Chief Executive Officer"),
      person(ids.cfo, "Frank Fin", "Chief Financial Officer"),
      person(ids.analyst, "Ana Lyst", "Analyst"),
      person(ids.advisor, "Ada Visor", "Advisor"),
      person(ids.stranger, "Stan Ger", "Elsewhere"),
    ],
    projects: map.projects.filter((p) => p.id === ROLLOUT),
    stakes: [stake("s-cfo", ids.cfo, 5, 2, -2), stake("s-analyst", ids.analyst, 2, 5, 2)],
    relationships: [
      link("r1", ids.cfo, ids.ceo, "reports_to"),
      link("r2", ids.analyst, ids.cfo, "reports_to"),
      link("r3", ids.advisor, ids.cfo, "influences"),
      link("r4", ids.stranger, ids.ceo, "allies_with"),
    ],
  };
}

describe("the power/interest grid", SLOW, () => {
  it("places influence and interest of 4 or 5 in the high halves (Mendelow)", () => {
    expect(quadrant(5, 5)).toBe("manage_closely");
    expect(quadrant(4, 3)).toBe("keep_satisfied");
    expect(quadrant(3, 4)).toBe("keep_informed");
    expect(quadrant(3, 3)).toBe("monitor");
  });

  it("shows each stakeholder in their quadrant, coloured by stance; choosing one selects the card", async () => {
    const { user } = await renderApp(company(), (f) =>
      f.setCoverage([coverageFor(ROLLOUT, "Platform rollout", 50)]),
    );
    const canvas = screen.getByRole("region", { name: "Map canvas" });
    await user.click(
      await within(canvas).findByRole("button", { name: "Coverage 50 of 100, amber" }),
    );
    await user.click(await screen.findByRole("button", { name: "Power/interest grid" }));
    const grid = within(await screen.findByRole("img", { name: "Power/interest grid" }));
    const cfo = grid.getByRole("button", {
      name: "Frank Fin: Keep satisfied, influence 5, interest 2, opponent",
    });
    expect(cfo.querySelector("circle")).toHaveClass("stance-fill-opponent");
    const analyst = grid.getByRole("button", {
      name: "Ana Lyst: Keep informed, influence 2, interest 5, champion",
    });
    expect(analyst.querySelector("circle")).toHaveClass("stance-fill-champion");
    expect(grid.queryByText("Carla Ceo")).not.toBeInTheDocument();

    await user.click(cfo);
    expect(useCanvas.getState().selection.nodes).toEqual(["s-cfo"]);
  });
});

describe("the org chart", SLOW, () => {
  it("puts managers above their reports and brings in the people one line away", () => {
    const map = company();
    const byId = <T extends { id: string }>(items: T[]) =>
      Object.fromEntries(items.map((i) => [i.id, i]));
    const chart = orgChart(ROLLOUT, byId(map.stakes), byId(map.contacts), byId(map.relationships));
    const at = (id: string) => {
      const node = chart.nodes.find((n) => n.contact === id);
      if (!node) throw new Error(`${id} is not on the chart`);
      return node;
    };
    expect(chart.nodes.map((n) => n.name).sort()).toEqual([
      "Ada Visor",
      "Ana Lyst",
      "Carla Ceo",
      "Frank Fin",
    ]);
    expect(at(ids.ceo).y).toBeLessThan(at(ids.cfo).y);
    expect(at(ids.cfo).y).toBeLessThan(at(ids.analyst).y);
    expect(at(ids.ceo).stakeholder).toBe(false);
    expect(at(ids.cfo).stakeholder).toBe(true);
    expect(chart.lines.map((l) => [l.id, l.kind])).toEqual([
      ["r1", "reports_to"],
      ["r2", "reports_to"],
      ["r3", "influences"],
    ]);
    for (const line of chart.lines) expect(line.points.length).toBeGreaterThanOrEqual(2);
  });

  it("draws reporting lines solid and influence dotted, and selects a stakeholder when chosen", async () => {
    const { user } = await renderApp(company(), (f) =>
      f.setCoverage([coverageFor(ROLLOUT, "Platform rollout", 50)]),
    );
    const canvas = screen.getByRole("region", { name: "Map canvas" });
    await user.click(
      await within(canvas).findByRole("button", { name: "Coverage 50 of 100, amber" }),
    );
    await user.click(await screen.findByRole("button", { name: "Org chart" }));
    const chart = await screen.findByRole("img", { name: "Org chart" });
    expect(chart.querySelectorAll("polyline.reports")).toHaveLength(2);
    expect(chart.querySelectorAll("polyline.influences")).toHaveLength(1);
    const ceo = within(chart).getByRole("button", {
      name: "Carla Ceo, Chief Executive Officer (not on the project)",
    });
    expect(ceo).not.toHaveClass("stakeholder");
    await user.click(within(chart).getByRole("button", { name: "Ana Lyst, Analyst" }));
    expect(useCanvas.getState().selection.nodes).toEqual(["s-analyst"]);

    // The same dialog switches to the grid.
    await user.click(screen.getByRole("tab", { name: "Power/interest grid" }));
    expect(await screen.findByRole("img", { name: "Power/interest grid" })).toBeInTheDocument();
  });
});
