import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../../ipc/backend";
import { BRUNO, ELENA, sampleMap } from "../../test/fixtures";

import { renderApp } from "../../test/render";

/** Each test renders the whole app and types key by key: slow on a busy machine. */
const SLOW = { timeout: 20_000 };

const ALEX = "00000000-0000-4000-8000-00000000e001";
const ELENA_STAKE = "00000000-0000-4000-8000-00000000d001";

function withAlex(): Snapshot {
  const map = sampleMap();
  return {
    ...map,
    teammates: [{ id: ALEX, name: "Alex Moreau", email: "" }],
    stakes: map.stakes.map((s) => (s.id === ELENA_STAKE ? { ...s, owner: ALEX } : s)),
    interactions: [
      {
        id: "i1",
        date: "2026-03-01",
        channel: "phone",
        contacts: [BRUNO, ELENA],
        teammates: [ALEX],
        project: null,
        sentiment: null,
        notes: "",
      },
    ],
  };
}

async function openTeam(user: { click: (e: Element) => Promise<void> }) {
  await user.click(screen.getByRole("button", { name: "Team" }));
  return within(await screen.findByRole("dialog", { name: "Team" }));
}

describe("the team", SLOW, () => {
  it("adds a teammate with Enter", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const team = await openTeam(user);
    expect(team.getByText(/No teammates yet/)).toBeInTheDocument();
    await user.type(
      team.getByRole("textbox", { name: "New teammate's name" }),
      "Sam Okafor{Enter}",
    );
    expect(await team.findByRole("listitem", { name: "Teammate: Sam Okafor" })).toBeInTheDocument();
    expect(fake.snapshot().teammates.map((t) => t.name)).toEqual(["Sam Okafor"]);
    expect(team.getByRole("textbox", { name: "New teammate's name" })).toHaveValue("");
  });

  it("renames a teammate, and shows the core's refusal", async () => {
    const { fake, user } = await renderApp(withAlex());
    const team = await openTeam(user);
    const name = team.getByRole("textbox", { name: "Name of Alex Moreau" });
    await user.clear(name);
    await user.type(name, "Alex M.{Enter}");
    await waitFor(() => expect(fake.snapshot().teammates[0]?.name).toBe("Alex M."));

    fake.fail("apply", {
      kind: "invalid",
      message: "teammate.name: is longer than 200 characters",
      field: "teammate.name",
    });
    const renamed = team.getByRole("textbox", { name: "Name of Alex M." });
    await user.type(renamed, "x{Enter}");
    expect(await team.findByRole("alert")).toHaveTextContent("Is longer than 200 characters");
  });

  it("shows the stakes a teammate owns and the interactions they were at", async () => {
    const { user } = await renderApp(withAlex());
    const team = await openTeam(user);
    await user.click(team.getByRole("button", { name: "1 stake · 1 interaction" }));
    expect(team.getByRole("list", { name: "Stakes Alex Moreau owns" })).toHaveTextContent(
      "Eléna Duval · Champion on Platform rollout",
    );
    expect(team.getByRole("list", { name: "Interactions Alex Moreau was at" })).toHaveTextContent(
      "2026-03-01 · Phone · Bruno Keller, Eléna Duval",
    );
  });

  it("removes a teammate; their stakes stay, without an owner, and undo brings them back", async () => {
    const { fake, user } = await renderApp(withAlex());
    const team = await openTeam(user);
    await user.click(team.getByRole("button", { name: "Remove Alex Moreau" }));
    await waitFor(() =>
      expect(
        team.queryByRole("listitem", { name: "Teammate: Alex Moreau" }),
      ).not.toBeInTheDocument(),
    );
    const stake = fake.snapshot().stakes.find((s) => s.id === ELENA_STAKE);
    expect(stake?.owner).toBeNull();
    expect(fake.snapshot().stakes).toHaveLength(3);
    expect(fake.snapshot().interactions[0]?.teammates).toEqual([]);

    const [undo] = screen.getAllByRole("button", { name: "Undo" });
    if (!undo) throw new Error("no Undo button");
    await user.click(undo);
    expect(
      await team.findByRole("listitem", { name: "Teammate: Alex Moreau" }),
    ).toBeInTheDocument();
    expect(fake.snapshot().stakes.find((s) => s.id === ELENA_STAKE)?.owner).toBe(ALEX);
  });
});
