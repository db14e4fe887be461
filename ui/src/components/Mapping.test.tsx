/**
 * The mapping exercise in the app: placing contacts on projects (pointer and keyboard), the
 * inspector, the filters, deleting with the keyboard, and the undo history.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Op } from "../ipc/backend";
import { useCanvas } from "../store/canvasStore";
import { BRUNO, ELENA, RENEWAL, ROLLOUT, sampleMap } from "../test/fixtures";
import { renderApp } from "../test/render";

const BRUNO_CARD = "Stake: Bruno Keller on Platform rollout";
const BRUNO_STAKE = "00000000-0000-4000-8000-00000000d002";

/** Clicks a card. (A click only: d3-drag, under React Flow, needs a real window for mousedown.) */
async function selectCard(label: string) {
  fireEvent.click(await screen.findByLabelText(label));
  return screen.findByRole("region", { name: "Inspector" });
}

describe("dragging a contact from the list", () => {
  it("hands the point where it was released to the canvas, with a ghost meanwhile", async () => {
    await renderApp(sampleMap());
    const drop = vi.fn(async () => {});
    useCanvas.setState({ dropContact: drop });
    const item = screen.getByRole("listitem", { name: "Contact: Bruno Keller" });

    fireEvent.pointerDown(item, {
      pointerId: 3,
      isPrimary: true,
      button: 0,
      clientX: 50,
      clientY: 60,
    });
    fireEvent.pointerMove(window, { pointerId: 3, clientX: 400, clientY: 300 });
    expect(document.querySelector(".drag-ghost")).toHaveTextContent("Bruno Keller");
    fireEvent.pointerUp(window, { pointerId: 3, clientX: 900, clientY: 320 });

    expect(drop).toHaveBeenCalledWith(BRUNO, { x: 900, y: 320 });
    expect(document.querySelector(".drag-ghost")).toBeNull();
  });

  it("is cancelled by Escape, and a click without moving drops nothing", async () => {
    await renderApp(sampleMap());
    const drop = vi.fn(async () => {});
    useCanvas.setState({ dropContact: drop });
    const item = screen.getByRole("listitem", { name: "Contact: Bruno Keller" });

    fireEvent.pointerDown(item, {
      pointerId: 1,
      isPrimary: true,
      button: 0,
      clientX: 50,
      clientY: 60,
    });
    fireEvent.pointerMove(window, { pointerId: 1, clientX: 400, clientY: 300 });
    fireEvent.keyDown(window, { key: "Escape" });
    fireEvent.pointerUp(window, { pointerId: 1, clientX: 900, clientY: 320 });
    expect(document.querySelector(".drag-ghost")).toBeNull();

    fireEvent.pointerDown(item, {
      pointerId: 2,
      isPrimary: true,
      button: 0,
      clientX: 50,
      clientY: 60,
    });
    fireEvent.pointerUp(window, { pointerId: 2, clientX: 51, clientY: 61 });

    expect(drop).not.toHaveBeenCalled();
  });
});

describe("placing a contact from the keyboard", () => {
  it("puts a stake with the default role and neutral stance in a free spot of the project", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Place Bruno Keller on a project" }));
    const menu = screen.getByRole("menu", { name: "Place Bruno Keller on" });
    // Already on Platform rollout.
    expect(within(menu).getByRole("menuitem", { name: "Platform rollout" })).toBeDisabled();

    await user.click(within(menu).getByRole("menuitem", { name: "Annual renewal" }));

    expect(
      await screen.findByLabelText("Stake: Bruno Keller on Annual renewal"),
    ).toBeInTheDocument();
    const [op] = fake.applied();
    expect(op).toMatchObject({
      op: "put",
      record: {
        kind: "stake",
        item: { project: RENEWAL, contact: BRUNO, role: "influencer", stance: 0 },
      },
    });
    expect(screen.getByRole("status")).toHaveTextContent("Placed Bruno Keller on Annual renewal");
  });
});

describe("the inspector", () => {
  it("edits the selected card's stake, each change one operation", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const inspector = await selectCard(BRUNO_CARD);
    expect(within(inspector).getByRole("heading")).toHaveTextContent(
      "Bruno Keller on Platform rollout",
    );

    await user.selectOptions(within(inspector).getByLabelText("Stance"), "2");
    await user.selectOptions(within(inspector).getByLabelText("Role"), "coach");
    const notes = within(inspector).getByLabelText("Notes");
    await user.type(notes, "Met at the fair");
    await user.tab();

    await waitFor(() => expect(fake.applied()).toHaveLength(3));
    const stakes = fake.applied().map((op) => (op as Extract<Op, { op: "put" }>).record.item);
    expect(stakes[0]).toMatchObject({ id: BRUNO_STAKE, stance: 2, role: "decision_maker" });
    expect(stakes[1]).toMatchObject({ id: BRUNO_STAKE, stance: 2, role: "coach" });
    expect(stakes[2]).toMatchObject({ id: BRUNO_STAKE, notes: "Met at the fair" });
    expect(fake.snapshot().stakes.find((s) => s.id === BRUNO_STAKE)).toMatchObject({
      stance: 2,
      role: "coach",
      notes: "Met at the fair",
    });
  });

  it("shows the core's refusal next to the field", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const inspector = await selectCard(BRUNO_CARD);
    fake.fail("apply", {
      kind: "invalid",
      message: "stake.influence: must be between 1 and 5",
      field: "stake.influence",
    });

    const influence = within(inspector).getByLabelText("Influence (1–5)");
    await user.clear(influence);
    await user.type(influence, "9{Enter}");

    expect(await within(inspector).findByRole("alert")).toHaveTextContent(
      "Must be between 1 and 5",
    );
    expect(fake.snapshot().stakes.find((s) => s.id === BRUNO_STAKE)?.influence).toBe(3);
  });

  it("edits a relationship's kind and strength", async () => {
    const map = sampleMap();
    map.relationships = [
      { id: "r1", from: BRUNO, to: ELENA, kind: "reports_to", strength: 3, notes: "" },
    ];
    const { fake, user } = await renderApp(map);
    act(() => useCanvas.getState().select({ nodes: [], relationships: ["r1"] }));
    const inspector = await screen.findByRole("region", { name: "Inspector" });
    expect(within(inspector).getByRole("heading")).toHaveTextContent("Bruno Keller → Eléna Duval");

    await user.selectOptions(within(inspector).getByLabelText("Kind"), "influences");
    await user.selectOptions(within(inspector).getByLabelText("Strength (1–5)"), "5");

    await waitFor(() =>
      expect(fake.snapshot().relationships[0]).toMatchObject({ kind: "influences", strength: 5 }),
    );
  });

  it("edits a frame's project and hides notes while presenting", async () => {
    const { fake, user } = await renderApp(sampleMap());
    act(() => useCanvas.getState().select({ nodes: [ROLLOUT], relationships: [] }));
    const inspector = await screen.findByRole("region", { name: "Inspector" });
    const name = within(inspector).getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "Platform rollout 2{Enter}");
    await waitFor(() =>
      expect(fake.snapshot().projects.find((p) => p.id === ROLLOUT)?.name).toBe(
        "Platform rollout 2",
      ),
    );
    expect(within(inspector).getByLabelText("Notes")).toBeInTheDocument();

    act(() => useCanvas.getState().setPresentation(true));
    expect(within(inspector).queryByLabelText("Notes")).toBeNull();
    expect(fake.callsTo("set_fullscreen")).toEqual([{ on: true }]);
    await user.keyboard("{Escape}");
    expect(useCanvas.getState().presentation).toBe(false);
  });
});

describe("the filters", () => {
  it("dim the cards that do not match, and clearing shows them all again", async () => {
    const { user } = await renderApp(sampleMap());
    const node = async (label: string) =>
      (await screen.findByLabelText(label)).closest(".react-flow__node");

    await user.selectOptions(screen.getByLabelText("Filter by role"), "decision_maker");

    expect(await node(BRUNO_CARD)).not.toHaveClass("dimmed");
    expect(await node("Stake: Eléna Duval on Platform rollout")).toHaveClass("dimmed");
    expect(await node("Stake: Zoé Martin on Annual renewal")).toHaveClass("dimmed");

    await user.selectOptions(screen.getByLabelText("Filter by stance"), "-1");
    expect(await node(BRUNO_CARD)).toHaveClass("dimmed");

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await node("Stake: Zoé Martin on Annual renewal")).not.toHaveClass("dimmed");
    expect(await node(BRUNO_CARD)).not.toHaveClass("dimmed");
  });
});

describe("deleting with the keyboard", () => {
  it("Delete removes the selected cards in one step, with an Undo notice", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await selectCard(BRUNO_CARD);
    await user.keyboard("{Shift>}");
    fireEvent.click(screen.getByLabelText("Stake: Eléna Duval on Platform rollout"));
    await user.keyboard("{/Shift}");
    await waitFor(() => expect(useCanvas.getState().selection.nodes).toHaveLength(2));

    await user.keyboard("{Delete}");

    await waitFor(() => expect(screen.queryByLabelText(BRUNO_CARD)).toBeNull());
    expect(screen.queryByLabelText("Stake: Eléna Duval on Platform rollout")).toBeNull();
    expect(fake.applied()).toEqual([
      {
        op: "batch",
        label: "Delete 2 items",
        ops: expect.arrayContaining([
          { op: "delete", kind: "stake", id: BRUNO_STAKE },
          { op: "delete", kind: "stake", id: "00000000-0000-4000-8000-00000000d001" },
        ]),
      },
    ]);
    const notice = screen.getByRole("status");
    expect(notice).toHaveTextContent("Deleted 2 items");
    await user.click(within(notice).getByRole("button", { name: "Undo" }));
    expect(await screen.findByLabelText(BRUNO_CARD)).toBeInTheDocument();
    expect(
      await screen.findByLabelText("Stake: Eléna Duval on Platform rollout"),
    ).toBeInTheDocument();
    expect(
      fake
        .snapshot()
        .stakes.map((s) => s.id)
        .sort(),
    ).toEqual([
      "00000000-0000-4000-8000-00000000d001",
      BRUNO_STAKE,
      "00000000-0000-4000-8000-00000000d003",
    ]);
  });
});

describe("the undo history", () => {
  it("lists what undo and redo would do, and undoes several steps at once", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const inspector = await selectCard(BRUNO_CARD);
    await user.selectOptions(within(inspector).getByLabelText("Stance"), "1");
    await user.selectOptions(within(inspector).getByLabelText("Stance"), "2");
    await user.selectOptions(within(inspector).getByLabelText("Role"), "coach");
    await waitFor(() => expect(fake.applied()).toHaveLength(3));

    await user.click(screen.getByRole("button", { name: "Undo history" }));
    const history = screen.getByRole("region", { name: "Undo history" });
    const toUndo = within(history).getByRole("list", { name: "Steps to undo" });
    expect(within(toUndo).getAllByRole("button")).toHaveLength(3);

    // The third newest: undoes all three.
    await user.click(within(toUndo).getAllByRole("button")[2] as HTMLElement);

    await waitFor(() => expect(fake.callsTo("undo")).toHaveLength(3));
    await waitFor(() => expect(within(history).getAllByRole("button")).toHaveLength(3));
    expect(within(history).queryByRole("list", { name: "Steps to undo" })).toBeNull();
    expect(fake.snapshot().stakes.find((s) => s.id === BRUNO_STAKE)).toMatchObject({
      stance: 0,
      role: "decision_maker",
    });

    // Redo the oldest of them again from the list.
    const toRedo = within(history).getByRole("list", { name: "Steps to redo" });
    const redoButtons = within(toRedo).getAllByRole("button");
    await user.click(redoButtons[redoButtons.length - 1] as HTMLElement);
    await waitFor(() =>
      expect(fake.snapshot().stakes.find((s) => s.id === BRUNO_STAKE)?.stance).toBe(1),
    );
  });
});

describe("finding a contact on the map", () => {
  it("counts their cards and selects each in turn, Enter after Enter", async () => {
    const map = sampleMap();
    const elena = map.stakes.find((s) => s.contact === ELENA);
    if (elena) map.stakes.push({ ...elena, id: "elena-renewal", project: RENEWAL, x: 220 });
    const { user } = await renderApp(map);
    const node = (label: string) => screen.getByLabelText(label).closest(".react-flow__node");
    // A card out of view is not drawn at all (only what is in view is rendered).
    const selected = (label: string) =>
      screen
        .queryByLabelText(label)
        ?.closest(".react-flow__node")
        ?.classList.contains("selected") ?? false;

    await user.type(screen.getByRole("searchbox", { name: "Find on map" }), "elena");
    expect(screen.getByText("2 cards")).toBeInTheDocument();

    await user.keyboard("{Enter}");
    expect(screen.getByText("1 of 2")).toBeInTheDocument();
    await waitFor(() =>
      expect(node("Stake: Eléna Duval on Annual renewal")).toHaveClass("selected"),
    );
    expect(selected("Stake: Eléna Duval on Platform rollout")).toBe(false);

    await user.keyboard("{Enter}");
    expect(screen.getByText("2 of 2")).toBeInTheDocument();
    await waitFor(() =>
      expect(node("Stake: Eléna Duval on Platform rollout")).toHaveClass("selected"),
    );
    expect(selected("Stake: Eléna Duval on Annual renewal")).toBe(false);
  });
});
