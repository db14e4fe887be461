import {
  adoptUserNodes,
  ConnectionMode,
  getEdgePosition,
  getNodesInside,
  type InternalNodeBase,
} from "@xyflow/system";
import { describe, expect, it } from "vitest";
import { CARD } from "../../model/records";
import { fromSnapshot } from "../../store/mapStore";
import { BRUNO, ELENA, RENEWAL, ROLLOUT, sampleMap, ZOE } from "../../test/fixtures";
import { buildEdges, buildNodes } from "./graph";

const noop = () => {};

function sample() {
  const map = sampleMap();
  map.teammates = [{ id: "t1", name: "Alex Moreau", email: "" }];
  map.stakes = map.stakes.map((s) => (s.contact === ELENA ? { ...s, owner: "t1" } : s));
  map.interactions = [
    {
      id: "i1",
      date: "2024-05-17",
      channel: "in_person",
      contacts: [ELENA],
      teammates: [],
      project: null,
      sentiment: null,
      notes: "",
    },
  ];
  // Eléna is on both projects.
  const elena = map.stakes.find((s) => s.contact === ELENA);
  if (elena) map.stakes.push({ ...elena, id: "extra", project: RENEWAL, x: 300, y: 60 });
  return fromSnapshot(map);
}

describe("buildNodes", () => {
  const today = new Date(2024, 4, 20, 12, 0);

  it("gives each project a frame at its place, before any card", () => {
    const nodes = buildNodes(sample(), noop, today);
    const frames = nodes.filter((n) => n.type === "frame");
    expect(frames.map((n) => n.id)).toEqual([ROLLOUT, RENEWAL]);
    expect(nodes.slice(0, 2)).toEqual(frames);
    expect(frames[1]).toMatchObject({ position: { x: 740, y: 0 }, width: 660, height: 420 });
    expect(frames[0]?.data).toMatchObject({ organization: "Acme Corp", stakeCount: 2 });
  });

  it("puts each stake as a card inside its project's frame", () => {
    const cards = buildNodes(sample(), noop, today).filter((n) => n.type === "card");
    expect(
      cards
        .map((n) => [n.data.label, n.parentId])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["Stake: Bruno Keller on Platform rollout", ROLLOUT],
      ["Stake: Eléna Duval on Annual renewal", RENEWAL],
      ["Stake: Eléna Duval on Platform rollout", ROLLOUT],
      ["Stake: Zoé Martin on Annual renewal", RENEWAL],
    ]);
    const elena = cards.find((n) => n.data.label === "Stake: Eléna Duval on Platform rollout");
    expect(elena).toMatchObject({
      position: { x: 16, y: 56 },
      data: {
        role: "champion",
        ownerInitials: "AM",
        ownerName: "Alex Moreau",
        lastContact: "3 d",
        projectCount: 2,
      },
    });
    const bruno = cards.find((n) => n.data.name === "Bruno Keller");
    expect(bruno?.data).toMatchObject({ lastContact: "", ownerInitials: "", projectCount: 1 });
  });

  it("keeps a frame large enough for its cards", () => {
    const data = sample();
    const frame = buildNodes(data, noop, today).find((n) => n.id === RENEWAL);
    // The extra card sits at x 300, y 60: 300 + 188 + 16, 60 + 76 + 16.
    expect(frame?.data).toMatchObject({ minWidth: 504, minHeight: 160 });
  });
});

describe("the nodes as React Flow takes them", () => {
  /** React Flow's own lookup of `nodes`, as it builds it when it is handed them. */
  function adopted(nodes: ReturnType<typeof buildNodes>) {
    const lookup = new Map<string, InternalNodeBase>();
    adoptUserNodes(nodes, lookup, new Map(), { checkEquality: true });
    return lookup;
  }

  it("renders only what is in view, also before anything was measured", () => {
    // React Flow renders every node whose handles it does not know, in view or not, to measure
    // them: on a map of 2,000 cards that mounted hundreds of cards nobody could see.
    const lookup = adopted(buildNodes(sample(), noop));
    // The left frame (Platform rollout) and its cards only, at zoom 1 in a 700 × 500 pane.
    const shown = getNodesInside(lookup, { x: 0, y: 0, width: 700, height: 500 }, [0, 0, 1], true);
    expect(shown.map((n) => n.id).sort()).toEqual(
      [...lookup.values()]
        .filter((n) => n.id === ROLLOUT || n.parentId === ROLLOUT)
        .map((n) => n.id)
        .sort(),
    );
  });

  it("draws an edge between the centres of two cards it has not rendered", () => {
    const lookup = adopted(buildNodes(sample(), noop));
    const [bruno, elena] = [...lookup.values()].filter((n) => n.parentId === ROLLOUT);
    if (!bruno || !elena) throw new Error("the sample has two cards on Platform rollout");
    const at = getEdgePosition({
      id: "e",
      sourceNode: bruno,
      targetNode: elena,
      sourceHandle: null,
      targetHandle: null,
      connectionMode: ConnectionMode.Strict,
    });
    const centre = (n: InternalNodeBase) => [
      n.internals.positionAbsolute.x + CARD.width / 2,
      n.internals.positionAbsolute.y + CARD.height / 2,
    ];
    expect(at && [at.sourceX, at.sourceY]).toEqual(centre(bruno));
    expect(at && [at.targetX, at.targetY]).toEqual(centre(elena));
  });
});

describe("buildEdges", () => {
  it("links the cards of related contacts on each project they share", () => {
    const data = sample();
    data.relationships = {
      r1: { id: "r1", from: BRUNO, to: ELENA, kind: "reports_to", strength: 3, notes: "" },
      r2: { id: "r2", from: ZOE, to: ELENA, kind: "conflicts_with", strength: 2, notes: "" },
      r3: { id: "r3", from: ZOE, to: BRUNO, kind: "influences", strength: 2, notes: "" },
    };
    const edges = buildEdges(data);
    expect(edges.map((e) => [e.id, e.source, e.target, e.className])).toEqual([
      [
        `r1|${ROLLOUT}`,
        "00000000-0000-4000-8000-00000000d002",
        "00000000-0000-4000-8000-00000000d001",
        "edge-reports",
      ],
      [`r2|${RENEWAL}`, "00000000-0000-4000-8000-00000000d003", "extra", "edge-conflicts"],
    ]);
  });
});
