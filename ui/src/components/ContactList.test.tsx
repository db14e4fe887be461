import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BRUNO, ELENA, sampleMap } from "../test/fixtures";
import { renderApp } from "../test/render";

function contactNames(): string[] {
  const list = screen.getByRole("list", { name: "Contacts" });
  return within(list)
    .queryAllByRole("listitem")
    .map((item) => item.getAttribute("aria-label") ?? "");
}

describe("searching contacts", () => {
  it.each([
    ["elena", ["Contact: Eléna Duval"], "by name, ignoring accents and case"],
    ["ÉLÈNA", ["Contact: Eléna Duval"], "by name, with other accents, upper case"],
    ["operations", ["Contact: Bruno Keller"], "by title"],
    ["globex", ["Contact: Zoé Martin"], "by organization"],
    ["technical", ["Contact: Eléna Duval"], "by tag"],
    ["acme.test", ["Contact: Eléna Duval"], "by email"],
  ])("“%s” finds %j (%s)", async (query, expected) => {
    const { user } = await renderApp(sampleMap());
    await user.type(screen.getByRole("searchbox", { name: "Search contacts" }), query);
    expect(contactNames()).toEqual(expected);
  });

  it("shows a message when nothing matches, and everyone again when cleared", async () => {
    const { user } = await renderApp(sampleMap());
    const search = screen.getByRole("searchbox", { name: "Search contacts" });

    await user.type(search, "nobody");
    expect(contactNames()).toEqual([]);
    expect(screen.getByText("No contact matches “nobody”.")).toBeInTheDocument();

    await user.clear(search);
    expect(contactNames()).toHaveLength(3);
    expect(screen.queryByText(/No contact matches/)).not.toBeInTheDocument();
  });

  it("counts all contacts, not only the ones shown", async () => {
    const { user } = await renderApp(sampleMap());
    const heading = screen.getByRole("heading", { name: /^Contacts/ });
    expect(heading).toHaveTextContent("Contacts 3");
    await user.type(screen.getByRole("searchbox", { name: "Search contacts" }), "elena");
    expect(heading).toHaveTextContent("Contacts 3");
  });

  it("shows how many projects a contact is on", async () => {
    await renderApp(sampleMap());
    const bruno = screen.getByRole("listitem", { name: "Contact: Bruno Keller" });
    expect(within(bruno).getByTitle("On 1 project")).toHaveTextContent("1");
  });
});

describe("deleting a contact", () => {
  it("deletes it, with an Undo that brings it back", async () => {
    const { fake, user } = await renderApp(sampleMap());

    await user.click(screen.getByRole("button", { name: "Delete Eléna Duval" }));

    await waitFor(() => expect(contactNames()).not.toContain("Contact: Eléna Duval"));
    expect(fake.applied()).toEqual([{ op: "delete", kind: "contact", id: ELENA }]);
    expect(contactNames()).toEqual(["Contact: Bruno Keller", "Contact: Zoé Martin"]);
    // Their stake goes with them.
    expect(screen.queryByLabelText("Stake: Eléna Duval on Platform rollout")).toBeNull();

    const notice = screen.getByRole("status");
    expect(notice).toHaveTextContent("Deleted Eléna Duval");
    await user.click(within(notice).getByRole("button", { name: "Undo" }));

    await waitFor(() => expect(contactNames()).toContain("Contact: Eléna Duval"));
    expect(fake.callsTo("undo")).toHaveLength(1);
    expect(screen.getByRole("status")).toHaveTextContent("Undone: Delete contact Eléna Duval");
    expect(
      await screen.findByLabelText("Stake: Eléna Duval on Platform rollout"),
    ).toBeInTheDocument();
  });

  it("tells the user when the core refuses", async () => {
    const { fake, user } = await renderApp(sampleMap(), (f) =>
      f.fail("apply", { kind: "not_found", message: "That contact is gone.", field: null }),
    );

    await user.click(screen.getByRole("button", { name: "Delete Bruno Keller" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("That contact is gone.");
    expect(contactNames()).toContain("Contact: Bruno Keller");
    expect(fake.snapshot().contacts.map((c) => c.id)).toContain(BRUNO);
  });

  it("the notice can be dismissed", async () => {
    const { user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Delete Bruno Keller" }));
    const notice = await screen.findByRole("status");

    await user.click(within(notice).getByRole("button", { name: "Dismiss message" }));

    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });
});
