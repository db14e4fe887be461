import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { blankContact } from "../model/records";
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

describe("a long contact list", () => {
  /** The sample map with 1,500 more contacts, "Person 0001" to "Person 1500". */
  function crowdedMap() {
    const map = sampleMap();
    map.contacts = Array.from({ length: 1500 }, (_, i) => ({
      ...blankContact(),
      id: `00000000-0000-4000-8000-${(0xe0000 + i).toString(16).padStart(12, "0")}`,
      name: `Person ${String(i + 1).padStart(4, "0")}`,
    }));
    map.stakes = [];
    return map;
  }
  const rows = () =>
    within(screen.getByRole("list", { name: "Contacts" })).queryAllByRole("listitem");
  const scroller = () =>
    screen.getByRole("list", { name: "Contacts" }).parentElement as HTMLElement;
  function scrollTo(top: number) {
    scroller().scrollTop = top;
    fireEvent.scroll(scroller());
  }

  it("renders the rows in view, not all of them, and tells how long the list is", async () => {
    await renderApp(crowdedMap());
    const shown = rows();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(60);
    expect(shown[0]).toHaveAccessibleName("Contact: Person 0001");
    expect(shown[0]).toHaveAttribute("aria-posinset", "1");
    expect(shown[0]).toHaveAttribute("aria-setsize", "1500");
    expect(screen.getByRole("heading", { name: /^Contacts/ })).toHaveTextContent("Contacts 1500");
  });

  /** Halfway down the list (jsdom lays nothing out: the list's own height says how tall it is). */
  const middle = () =>
    Number.parseFloat(screen.getByRole("list", { name: "Contacts" }).style.height) / 2;
  /** Where the first row rendered is in the list (from 1). */
  const firstShown = () => Number(rows()[0]?.getAttribute("aria-posinset"));

  it("brings later contacts in as it is scrolled", async () => {
    await renderApp(crowdedMap());
    scrollTo(middle());
    await waitFor(() => expect(firstShown()).toBeGreaterThan(600));
    expect(firstShown()).toBeLessThan(900);
    expect(rows().length).toBeLessThan(60);
    expect(screen.queryByRole("listitem", { name: "Contact: Person 0001" })).toBeNull();
  });

  it("finds a contact far down by search, and shows the matches from the first", async () => {
    const { user } = await renderApp(crowdedMap());
    scrollTo(middle());
    await waitFor(() => expect(firstShown()).toBeGreaterThan(600));
    await user.type(screen.getByRole("searchbox", { name: "Search contacts" }), "person 14");
    expect(scroller().scrollTop).toBe(0);
    // A browser tells the list it was scrolled; jsdom does not.
    fireEvent.scroll(scroller());
    await waitFor(() => expect(rows()[0]).toHaveAccessibleName("Contact: Person 1400"));
    expect(rows()[0]).toHaveAttribute("aria-setsize", "100");
  });

  it("keeps the row holding the keyboard focus, and its neighbours, when scrolled away", async () => {
    await renderApp(crowdedMap());
    const edit = screen.getByRole("button", { name: "Edit Person 0002" });
    edit.focus();
    scrollTo(middle());
    await waitFor(() =>
      expect(Number(rows()[3]?.getAttribute("aria-posinset"))).toBeGreaterThan(600),
    );
    expect(rows().slice(0, 3)).toEqual([
      screen.getByRole("listitem", { name: "Contact: Person 0001" }),
      screen.getByRole("listitem", { name: "Contact: Person 0002" }),
      screen.getByRole("listitem", { name: "Contact: Person 0003" }),
    ]);
    expect(document.activeElement).toBe(edit);
  });

  /** The name of the contact at `position` (from 1). */
  const person = (position: number) => `Person ${String(position).padStart(4, "0")}`;

  it("renders the row after the one holding the focus at once, so that Tab goes on to it", async () => {
    await renderApp(crowdedMap());
    const shown = rows();
    const position = Number(shown[shown.length - 1]?.getAttribute("aria-posinset"));
    expect(screen.queryByRole("listitem", { name: `Contact: ${person(position + 1)}` })).toBeNull();
    act(() => screen.getByRole("button", { name: `Delete ${person(position)}` }).focus());
    expect(
      screen.getByRole("listitem", { name: `Contact: ${person(position + 1)}` }),
    ).toBeVisible();
  });

  it("renders the row before the one holding the focus at once, so that Shift+Tab goes back to it", async () => {
    await renderApp(crowdedMap());
    scrollTo(middle());
    await waitFor(() => expect(firstShown()).toBeGreaterThan(600));
    const position = firstShown();
    expect(screen.queryByRole("listitem", { name: `Contact: ${person(position - 1)}` })).toBeNull();
    act(() => screen.getByRole("button", { name: `Edit ${person(position)}` }).focus());
    expect(
      screen.getByRole("listitem", { name: `Contact: ${person(position - 1)}` }),
    ).toBeVisible();
  });
});
