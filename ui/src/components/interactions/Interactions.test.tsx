import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Interaction, Op, Snapshot } from "../../ipc/backend";
import { todayIso } from "../../model/interactions";
import { useCanvas } from "../../store/canvasStore";
import { ELENA, ROLLOUT, sampleMap, ZOE } from "../../test/fixtures";
import { renderApp } from "../../test/render";

/** Each test renders the whole app and types key by key: slow on a busy machine. */
const SLOW = { timeout: 20_000 };

const ALEX = "00000000-0000-4000-8000-00000000e001";
const PRIYA = "00000000-0000-4000-8000-00000000e002";
const ELENA_STAKE = "00000000-0000-4000-8000-00000000d001";

function meeting(fields: Partial<Interaction> & Pick<Interaction, "id" | "date">): Interaction {
  return {
    channel: "in_person",
    contacts: [ELENA],
    teammates: [],
    project: null,
    sentiment: null,
    notes: "",
    ...fields,
  };
}

function withTeam(extra: Partial<Snapshot> = {}): Snapshot {
  return {
    ...sampleMap(),
    teammates: [
      { id: ALEX, name: "Alex Moreau", email: "" },
      { id: PRIYA, name: "Priya Shah", email: "" },
    ],
    ...extra,
  };
}

/** The interaction the last `apply` put. */
function putInteraction(ops: Op[]): Interaction {
  const op = ops[ops.length - 1];
  if (op?.op !== "put" || op.record.kind !== "interaction") throw new Error("no interaction put");
  return op.record.item;
}

describe("logging an interaction", SLOW, () => {
  it("from a contact takes a few keystrokes: the contact and today are filled in, Enter saves", async () => {
    const { fake, user } = await renderApp(withTeam());
    await user.click(screen.getByRole("button", { name: "Log interaction with Eléna Duval" }));
    const dialog = await screen.findByRole("dialog", { name: "Log interaction" });
    const form = within(dialog);
    expect(form.getByLabelText("Date")).toHaveValue(todayIso());
    expect(form.getByLabelText("Channel")).toHaveValue("in_person");
    expect(form.getByRole("button", { name: "Remove Eléna Duval" })).toBeInTheDocument();

    // Type-ahead: the arrow picks the second match.
    await user.type(form.getByRole("combobox", { name: "Add to teammates present" }), "a");
    const listbox = form.getByRole("listbox", { name: "Teammates present matches" });
    expect(
      within(listbox)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Alex Moreau", "Priya Shah"]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(form.getByRole("button", { name: "Remove Priya Shah" })).toBeInTheDocument();
    expect(fake.applied()).toHaveLength(0);

    await user.selectOptions(form.getByLabelText("Their sentiment"), "-1");
    await user.selectOptions(form.getByLabelText("Channel"), "video");
    await user.type(form.getByLabelText("Notes"), "Worried about the timeline{Enter}");

    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Log interaction" })).not.toBeInTheDocument(),
    );
    const saved = putInteraction(fake.applied());
    expect(saved).toMatchObject({
      id: "",
      date: todayIso(),
      channel: "video",
      contacts: [ELENA],
      teammates: [PRIYA],
      project: null,
      sentiment: -1,
      notes: "Worried about the timeline",
    });
    expect(await screen.findByText("Interaction logged")).toBeInTheDocument();
  });

  it("from a project fills the project in and asks for a contact before saving", async () => {
    const { fake, user } = await renderApp(withTeam());
    await user.click(screen.getByRole("button", { name: "Log interaction on Platform rollout" }));
    const form = within(await screen.findByRole("dialog", { name: "Log interaction" }));
    expect(form.getByLabelText("Project")).toHaveValue(ROLLOUT);

    await user.click(form.getByRole("button", { name: "Save" }));
    expect(form.getByRole("alert")).toHaveTextContent("Add at least one contact who was there.");
    expect(fake.applied()).toHaveLength(0);

    const contacts = form.getByRole("combobox", { name: "Add to contacts present" });
    await user.type(contacts, "zoe{Enter}");
    expect(form.getByRole("button", { name: "Remove Zoé Martin" })).toBeInTheDocument();
    // With nothing typed, Enter in the box saves.
    await user.keyboard("{Enter}");
    await waitFor(() => expect(fake.applied()).toHaveLength(1));
    expect(putInteraction(fake.applied())).toMatchObject({ contacts: [ZOE], project: ROLLOUT });
  });

  it("from a card, through the inspector, fills in the contact and the project", async () => {
    const { fake, user } = await renderApp(withTeam());
    act(() => useCanvas.getState().select({ nodes: [ELENA_STAKE], relationships: [] }));
    await user.click(await screen.findByRole("button", { name: "Log interaction" }));
    const form = within(await screen.findByRole("dialog", { name: "Log interaction" }));
    expect(form.getByRole("button", { name: "Remove Eléna Duval" })).toBeInTheDocument();
    expect(form.getByLabelText("Project")).toHaveValue(ROLLOUT);
    await user.type(form.getByLabelText("Notes"), "Quick call{Enter}");
    await waitFor(() => expect(fake.applied()).toHaveLength(1));
    expect(putInteraction(fake.applied())).toMatchObject({
      contacts: [ELENA],
      project: ROLLOUT,
      notes: "Quick call",
    });
  });

  it("shows the core's refusal at the field it names", async () => {
    const { fake, user } = await renderApp(withTeam(), (f) =>
      f.fail("apply", {
        kind: "invalid",
        message: "interaction.date: 2026-02-30 is not a date",
        field: "interaction.date",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Log interaction with Eléna Duval" }));
    const form = within(await screen.findByRole("dialog", { name: "Log interaction" }));
    await user.click(form.getByRole("button", { name: "Save" }));
    expect(await form.findByText("2026-02-30 is not a date")).toBeInTheDocument();
    expect(fake.snapshot().interactions).toHaveLength(0);
  });
});

describe("timelines", SLOW, () => {
  const seeded = () =>
    withTeam({
      interactions: [
        meeting({ id: "i-old", date: "2026-01-05", notes: "Kick-off", teammates: [ALEX] }),
        meeting({
          id: "i-new",
          date: "2026-03-10",
          channel: "email",
          contacts: [ELENA, ZOE],
          sentiment: 2,
          project: ROLLOUT,
          notes: "Loved the demo",
        }),
        meeting({ id: "i-zoe", date: "2026-02-01", contacts: [ZOE], notes: "Zoé only" }),
      ],
    });

  it("lists a contact's interactions newest first, with channel, people, sentiment and notes", async () => {
    const { user } = await renderApp(seeded());
    await user.click(screen.getByRole("button", { name: "Interactions with Eléna Duval" }));
    const dialog = await screen.findByRole("dialog", { name: "Interactions with Eléna Duval" });
    const items = within(
      within(dialog).getByRole("list", { name: "Interactions, newest first" }),
    ).getAllByRole("listitem");
    expect(items.map((i) => i.getAttribute("aria-label"))).toEqual([
      "2026-03-10, Email",
      "2026-01-05, In person",
    ]);
    const newest = items[0] as HTMLElement;
    expect(newest).toHaveTextContent("Eléna Duval, Zoé Martin");
    expect(newest).toHaveTextContent("+2 Very positive");
    expect(newest).toHaveTextContent("Loved the demo");
    expect(newest).toHaveTextContent("Platform rollout");
    expect(items[1]).toHaveTextContent("with Alex Moreau");
  });

  it("lists a project's interactions, and edits and deletes them", async () => {
    const { fake, user } = await renderApp(seeded());
    await user.click(screen.getByRole("button", { name: "Interactions on Platform rollout" }));
    const dialog = within(
      await screen.findByRole("dialog", { name: "Interactions on Platform rollout" }),
    );
    expect(dialog.getAllByRole("listitem")).toHaveLength(1);

    await user.click(dialog.getByRole("button", { name: "Edit the interaction of 2026-03-10" }));
    const edit = within(await screen.findByRole("dialog", { name: "Edit interaction" }));
    const notes = edit.getByLabelText("Notes");
    await user.clear(notes);
    await user.type(notes, "Loved the second demo{Enter}");
    expect(await dialog.findByText("Loved the second demo")).toBeInTheDocument();
    expect(putInteraction(fake.applied())).toMatchObject({ id: "i-new", sentiment: 2 });

    await user.click(dialog.getByRole("button", { name: "Delete the interaction of 2026-03-10" }));
    await waitFor(() => expect(dialog.queryAllByRole("listitem")).toHaveLength(0));
    expect(dialog.getByText("No interactions yet.")).toBeInTheDocument();
    expect(
      fake
        .snapshot()
        .interactions.map((i) => i.id)
        .sort(),
    ).toEqual(["i-old", "i-zoe"]);
  });
});
