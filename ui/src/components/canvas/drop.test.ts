import { describe, expect, it } from "vitest";
import { CARD } from "../../model/records";
import { fromSnapshot } from "../../store/mapStore";
import { BRUNO, ELENA, RENEWAL, ROLLOUT, sampleMap, ZOE } from "../../test/fixtures";
import {
  FRAME_HEADER,
  frameAt,
  frameClash,
  placeInFrame,
  planCardDrop,
  planContactDrop,
} from "./drop";

// Platform rollout's frame: x 0..660, y 0..420; Annual renewal's: x 740..1400, y 0..420.
const map = () => fromSnapshot(sampleMap());
const projects = () => Object.values(map().projects);
const stakeOf = (contact: string, project: string) => {
  const found = Object.values(map().stakes).find(
    (s) => s.contact === contact && s.project === project,
  );
  if (!found) throw new Error("no such stake in the sample");
  return found;
};

describe("frameAt", () => {
  it("finds the frame under a point, and none in the gap between frames", () => {
    expect(frameAt({ x: 10, y: 10 }, projects())?.id).toBe(ROLLOUT);
    expect(frameAt({ x: 1000, y: 400 }, projects())?.id).toBe(RENEWAL);
    expect(frameAt({ x: 700, y: 100 }, projects())).toBeUndefined();
    expect(frameAt({ x: 100, y: 500 }, projects())).toBeUndefined();
  });
});

describe("placeInFrame", () => {
  const frame = { x: 740, y: 0, width: 660, height: 420 };

  it("makes the position relative to the frame", () => {
    expect(placeInFrame({ x: 900, y: 150 }, frame)).toEqual({ x: 160, y: 150 });
  });

  it("keeps the card inside the frame and below its header", () => {
    expect(placeInFrame({ x: 700, y: -40 }, frame)).toEqual({ x: 8, y: FRAME_HEADER });
    expect(placeInFrame({ x: 1390, y: 410 }, frame)).toEqual({
      x: 660 - CARD.width - 8,
      y: 420 - CARD.height - 8,
    });
  });
});

describe("a contact dropped from the list", () => {
  it("becomes a stake with the default role and a neutral stance where it was dropped", () => {
    const plan = planContactDrop(
      { id: BRUNO, name: "Bruno Keller" },
      { x: 1000, y: 200 },
      projects(),
      map().stakes,
    );
    expect(plan).toEqual({
      op: {
        op: "put",
        record: {
          kind: "stake",
          item: expect.objectContaining({
            id: "",
            project: RENEWAL,
            contact: BRUNO,
            role: "influencer",
            stance: 0,
            // The card is held by its centre: 1000 - 740 - 94, 200 - 38.
            x: 166,
            y: 162,
          }),
        },
      },
      notice: "Placed Bruno Keller on Annual renewal",
    });
  });

  it("does nothing outside every frame", () => {
    expect(
      planContactDrop({ id: BRUNO, name: "Bruno" }, { x: 700, y: 50 }, projects(), map().stakes),
    ).toBeNull();
  });

  it("is refused on a project the contact is already on", () => {
    expect(
      planContactDrop(
        { id: ELENA, name: "Eléna Duval" },
        { x: 300, y: 300 },
        projects(),
        map().stakes,
      ),
    ).toEqual({
      refusal: "Eléna Duval is already on Platform rollout: a contact has one card per project.",
    });
  });
});

describe("a card dropped", () => {
  const data = map();
  const bruno = stakeOf(BRUNO, ROLLOUT);
  const renewal = data.projects[RENEWAL];

  it("inside its frame moves it there, kept inside", () => {
    expect(
      planCardDrop(
        bruno,
        { x: 600, y: 300 },
        data.projects[ROLLOUT],
        data.projects,
        data.stakes,
        false,
        "Bruno",
      ),
    ).toEqual({ stake: { ...bruno, x: 660 - CARD.width - 8, y: 300 }, created: false });
  });

  it("outside every frame goes back inside its own frame", () => {
    const plan = planCardDrop(
      bruno,
      { x: 680, y: 500 },
      undefined,
      data.projects,
      data.stakes,
      false,
      "Bruno",
    );
    expect(plan).toMatchObject({ stake: { project: ROLLOUT }, created: false });
  });

  it("on another frame moves the stake to that project", () => {
    const plan = planCardDrop(
      bruno,
      { x: 800, y: 100 },
      renewal,
      data.projects,
      data.stakes,
      false,
      "Bruno",
    );
    expect(plan).toEqual({
      stake: { ...bruno, project: RENEWAL, x: 60, y: 100 },
      created: false,
    });
  });

  it("on another frame with Ctrl/Cmd copies it: a new stake, the original stays", () => {
    const plan = planCardDrop(
      bruno,
      { x: 800, y: 100 },
      renewal,
      data.projects,
      data.stakes,
      true,
      "Bruno",
    );
    expect(plan).toEqual({
      stake: { ...bruno, id: "", project: RENEWAL, x: 60, y: 100 },
      created: true,
    });
  });

  it("on a project that already has that contact is refused", () => {
    const zoe = stakeOf(ZOE, RENEWAL);
    const onRollout = { ...zoe, id: "z2", project: ROLLOUT };
    const stakes = { ...data.stakes, z2: onRollout };
    expect(
      planCardDrop(
        onRollout,
        { x: 800, y: 100 },
        renewal,
        data.projects,
        stakes,
        true,
        "Zoé Martin",
      ),
    ).toEqual({
      refusal: "Zoé Martin is already on Annual renewal: a contact has one card per project.",
    });
  });

  it("where it already is changes nothing", () => {
    expect(
      planCardDrop(
        bruno,
        { x: 220, y: 56 },
        data.projects[ROLLOUT],
        data.projects,
        data.stakes,
        false,
        "Bruno",
      ),
    ).toBeNull();
  });
});

describe("frameClash", () => {
  it("names the frame a moved or resized frame would cover", () => {
    const all = projects();
    expect(frameClash(ROLLOUT, { x: 100, y: 0, width: 660, height: 420 }, all)?.id).toBe(RENEWAL);
    expect(frameClash(ROLLOUT, { x: 0, y: 500, width: 660, height: 420 }, all)).toBeUndefined();
    // Touching is not overlapping.
    expect(frameClash(ROLLOUT, { x: 80, y: 0, width: 660, height: 420 }, all)).toBeUndefined();
  });
});
