import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { put } from "../model/records";
import { useMap } from "../store/mapStore";
import { byStakeCount, coverageFor } from "../test/coverage";
import { ELENA, RENEWAL, ROLLOUT, sampleMap, ZOE } from "../test/fixtures";
import { renderApp } from "../test/render";

const ZOE_STAKE = "00000000-0000-4000-8000-00000000d003";
const ELENA_STAKE = "00000000-0000-4000-8000-00000000d001";
const PILOT = "00000000-0000-4000-8000-00000000b003";
const BRUNO_STAKE = "00000000-0000-4000-8000-00000000d002";

function frame(name: string): HTMLElement {
  const canvas = screen.getByRole("region", { name: "Map canvas" });
  return within(canvas).getByLabelText(`Project: ${name}`);
}

describe("coverage badges", () => {
  it("show each project's score and band, and follow edits, undo included", async () => {
    const { fake, user } = await renderApp(sampleMap(), (f) => {
      f.scorer = byStakeCount;
    });
    expect(fake.callsTo("coverage")).toHaveLength(1);
    const renewal = within(frame("Annual renewal"));
    expect(renewal.getByRole("button", { name: "Coverage 60 of 100, amber" })).toHaveTextContent(
      "60",
    );
    expect(
      within(frame("Platform rollout")).getByRole("button", { name: "Coverage 80 of 100, green" }),
    ).toBeInTheDocument();

    const stake = useMap.getState().stakes[ELENA_STAKE];
    if (!stake) throw new Error("fixture stake missing");
    await act(() =>
      useMap.getState().run(put({ kind: "stake", item: { ...stake, id: "", project: RENEWAL } })),
    );
    expect(await renewal.findByRole("button", { name: "Coverage 80 of 100, green" })).toHaveClass(
      "band-green",
    );

    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(await renewal.findByRole("button", { name: "Coverage 60 of 100, amber" })).toHaveClass(
      "band-amber",
    );
  });
});

describe("the coverage panel", () => {
  const findings = [
    {
      kind: "role_held_by_opponent" as const,
      contacts: [ZOE],
      role: "economic_buyer" as const,
      message: "Only Zoé Martin, an opponent, holds the economic buyer role",
    },
    {
      kind: "single_contact" as const,
      contacts: [],
      message: "No stakeholder was in touch in the last 90 days",
    },
  ];

  it("lists the components and findings; a finding selects the people it names", async () => {
    const { user } = await renderApp(sampleMap(), (f) => {
      f.setCoverage([
        coverageFor(ROLLOUT, "Platform rollout", 82),
        coverageFor(RENEWAL, "Annual renewal", 41, { findings }),
      ]);
    });
    expect(screen.queryByRole("complementary", { name: "Coverage" })).not.toBeInTheDocument();
    await user.click(
      within(frame("Annual renewal")).getByRole("button", { name: "Coverage 41 of 100, red" }),
    );

    const panel = await screen.findByRole("complementary", { name: "Coverage" });
    expect(within(panel).getByRole("heading", { name: "Annual renewal" })).toBeInTheDocument();
    expect(within(panel).getByRole("img", { name: "Coverage 41 of 100, red" })).toBeInTheDocument();
    const components = within(within(panel).getByRole("list", { name: "Components" }))
      .getAllByRole("listitem")
      .map((li) => li.getAttribute("aria-label"));
    expect(components).toEqual([
      "Roles 41 of 100",
      "Support 41 of 100",
      "Threading 41 of 100",
      "Pulse 41 of 100",
      "Reach 41 of 100",
      "Perception gap 41 of 100",
    ]);
    expect(within(panel).getByText("The roles of Annual renewal.")).toBeInTheDocument();
    expect(within(panel).getAllByText("weight 17%")).toHaveLength(6);
    const list = within(panel).getByRole("list", { name: "Findings" });
    expect(
      within(list)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(findings.map((f) => f.message));

    await user.click(within(list).getByRole("button", { name: findings[0]?.message }));
    const node = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`);
    await waitFor(() => expect(node(ZOE_STAKE)).toHaveClass("selected"));
    expect(node(ELENA_STAKE)).not.toHaveClass("selected");
    expect(node(BRUNO_STAKE)).not.toHaveClass("selected");

    await user.click(within(panel).getByRole("button", { name: "Close coverage" }));
    expect(screen.queryByRole("complementary", { name: "Coverage" })).not.toBeInTheDocument();
  });

  it("“Add to project” puts a stake for the suggested contact in a free spot", async () => {
    const { fake, user } = await renderApp(sampleMap(), (f) => {
      f.setCoverage([
        coverageFor(RENEWAL, "Annual renewal", 41, {
          suggestions: [
            {
              contact: ELENA,
              via: [ZOE],
              weight: 0.8,
              reason: "Eléna Duval influences Zoé Martin",
            },
          ],
        }),
      ]);
    });
    // Choosing the project in the list selects it too.
    const projects = screen.getByRole("list", { name: "Projects" });
    await user.click(within(projects).getByText("Annual renewal"));
    const panel = await screen.findByRole("complementary", { name: "Coverage" });
    expect(within(panel).getByText("Eléna Duval influences Zoé Martin")).toBeInTheDocument();

    await user.click(within(panel).getByRole("button", { name: "Add Eléna Duval to project" }));
    await waitFor(() => expect(fake.applied()).toHaveLength(1));
    // Zoé's card (x 16, y 56) takes the first cell, so the second one is used.
    expect(fake.applied()[0]).toEqual({
      op: "put",
      record: {
        kind: "stake",
        item: {
          id: "",
          project: RENEWAL,
          contact: ELENA,
          role: "influencer",
          stance: 0,
          influence: 3,
          interest: 3,
          owner: null,
          health: null,
          notes: "",
          x: 232,
          y: 64,
        },
      },
    });
    expect(await screen.findByText("Added Eléna Duval to Annual renewal")).toBeInTheDocument();
  });
});

describe("the coverage overview", () => {
  it("ranks projects by score, lowest first, and opens the one chosen", async () => {
    const map = sampleMap();
    const [first] = map.projects;
    if (!first) throw new Error("fixture project missing");
    map.projects.push({
      ...first,
      id: PILOT,
      name: "Bruno's pilot",
      frame: { x: 0, y: 500, width: 660, height: 420 },
    });
    const { user } = await renderApp(map, (f) => {
      f.setCoverage([
        coverageFor(ROLLOUT, "Platform rollout", 30, {
          findings: [{ kind: "missing_role", contacts: [], message: "No champion mapped" }],
        }),
        coverageFor(RENEWAL, "Annual renewal", 90),
        coverageFor(PILOT, "Bruno's pilot", 55),
      ]);
    });
    await user.click(screen.getByRole("button", { name: "Coverage" }));
    const overview = screen.getByRole("complementary", { name: "Coverage overview" });
    const items = within(within(overview).getByRole("list", { name: "Projects by coverage" }))
      .getAllByRole("button")
      .map((b) => b.textContent);
    expect(items).toEqual([
      "30Platform rolloutNo champion mapped",
      "55Bruno's pilotNothing to act on.",
      "90Annual renewalNothing to act on.",
    ]);

    await user.click(within(overview).getByRole("button", { name: /Bruno's pilot/ }));
    const panel = await screen.findByRole("complementary", { name: "Coverage" });
    expect(within(panel).getByRole("heading", { name: "Bruno's pilot" })).toBeInTheDocument();
    expect(useMap.getState().selectedProject).toBe(PILOT);
  });
});
