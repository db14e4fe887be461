import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ELENA, RENEWAL, ROLLOUT, sampleMap } from "./test/fixtures";
import { renderApp, startApp } from "./test/render";

const ALREADY_OPEN = {
  kind: "already_open" as const,
  message:
    "/maps/Accounts.stakemap is already open in another Stakemap window. Switch to that window, or open another map.",
  field: null,
};

function contactNames(): string[] {
  const list = screen.getByRole("list", { name: "Contacts" });
  return within(list)
    .queryAllByRole("listitem")
    .map((item) => item.getAttribute("aria-label") ?? "");
}

describe("opening the map", () => {
  it("lists the contacts sorted by name, and the projects", async () => {
    const { fake } = await renderApp(sampleMap());

    expect(contactNames()).toEqual([
      "Contact: Bruno Keller",
      "Contact: Eléna Duval",
      "Contact: Zoé Martin",
    ]);
    const eléna = screen.getByRole("listitem", { name: "Contact: Eléna Duval" });
    expect(eléna).toHaveTextContent("CTO · Acme Corp");

    const projects = screen.getByRole("list", { name: "Projects" });
    const titles = within(projects)
      .getAllByRole("listitem")
      .map((item) => item.querySelector(".list-title")?.textContent);
    expect(titles).toEqual(["Annual renewal", "Platform rollout"]);
    expect(within(projects).getByText("Acme Corp · Active · Discovery")).toBeInTheDocument();
    expect(within(projects).getByText("Globex · On hold")).toBeInTheDocument();

    expect(fake.calls.map((c) => c.cmd)).toEqual(
      expect.arrayContaining(["map_info", "load_map", "subscribe"]),
    );
  });

  it("shows the map's name in the toolbar", async () => {
    await renderApp(sampleMap());
    expect(screen.getByText("Accounts")).toHaveAttribute("title", "/maps/Accounts.stakemap");
  });

  it("says so when the automatic backup at open failed, and the map still works", async () => {
    await renderApp(sampleMap(), (fake) => {
      fake.info = { ...fake.info, backup_problem: "cannot create the backups folder" };
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("could not be backed up");
    expect(alert).toHaveTextContent("cannot create the backups folder");
    expect(contactNames()).toContain("Contact: Zoé Martin");
  });

  it("draws each project as a frame holding its stakeholders' cards", async () => {
    await renderApp(sampleMap());
    const canvas = screen.getByRole("region", { name: "Map canvas" });

    const rollout = await within(canvas).findByLabelText("Project: Platform rollout");
    expect(within(canvas).getByLabelText("Project: Annual renewal")).toBeInTheDocument();
    expect(rollout).toHaveTextContent("Acme Corp · Active · Discovery");

    const cards = within(canvas)
      .getAllByLabelText(/^Stake: /)
      .map((card) => card.getAttribute("aria-label"));
    expect(cards.sort()).toEqual([
      "Stake: Bruno Keller on Platform rollout",
      "Stake: Eléna Duval on Platform rollout",
      "Stake: Zoé Martin on Annual renewal",
    ]);

    // Cards are nodes inside their project's frame node.
    const card = within(canvas).getByLabelText("Stake: Eléna Duval on Platform rollout");
    expect(card).toHaveTextContent("Champion");
    expect(card.closest(".react-flow__node")).toHaveAttribute("data-id", expect.any(String));
    const frameNode = canvas.querySelector(`.react-flow__node[data-id="${ROLLOUT}"]`);
    expect(frameNode).toContainElement(rollout);
    expect(canvas.querySelector(`.react-flow__node[data-id="${RENEWAL}"]`)).not.toBeNull();
  });

  it("offers to map a first project when there is none", async () => {
    const { user } = await renderApp({});
    expect(screen.getByText(/^No contacts yet\./)).toBeInTheDocument();
    const canvas = screen.getByRole("region", { name: "Map canvas" });
    expect(
      within(canvas).getByRole("heading", { name: "Map your first project" }),
    ).toBeInTheDocument();

    await user.click(within(canvas).getByRole("button", { name: "Add project" }));

    expect(screen.getByRole("dialog", { name: "New project" })).toBeInTheDocument();
  });
});

describe("when the map cannot be opened", () => {
  it("says that it is open in another window and offers another map", async () => {
    const { fake } = startApp(sampleMap(), (f) => f.fail("map_info", ALREADY_OPEN));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(ALREADY_OPEN.message);
    expect(
      screen.getByRole("heading", { name: "This map is open in another window" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "New map…" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open another map…" })).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Contacts" })).not.toBeInTheDocument();
    expect(fake.callsTo("load_map")).toHaveLength(0);
  });

  it("opens the map the user picks with “Open another map…”", async () => {
    const { fake, user } = startApp(sampleMap(), (f) => f.fail("map_info", ALREADY_OPEN));
    await screen.findByRole("alert");

    fake.fileDialog = "/maps/Other.stakemap";
    await user.click(screen.getByRole("button", { name: "Open another map…" }));

    expect(await screen.findByRole("list", { name: "Contacts" })).toBeInTheDocument();
    expect(screen.getByText("Other")).toHaveAttribute("title", "/maps/Other.stakemap");
    expect(fake.callsTo("open_map")).toHaveLength(1);
  });

  it("stays put when the user cancels “New map…”", async () => {
    const { fake, user } = startApp(sampleMap(), (f) => f.fail("map_info", ALREADY_OPEN));
    await screen.findByRole("alert");

    await user.click(screen.getByRole("button", { name: "New map…" }));

    expect(fake.callsTo("new_map")).toHaveLength(1);
    expect(screen.getByRole("alert")).toHaveTextContent(ALREADY_OPEN.message);
  });
});

describe("undo shortcuts", () => {
  it("Ctrl+Z outside text fields undoes the last change", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Delete Eléna Duval" }));
    await waitFor(() => expect(contactNames()).not.toContain("Contact: Eléna Duval"));

    await user.keyboard("{Control>}z{/Control}");

    expect(fake.callsTo("undo")).toHaveLength(1);
    await waitFor(() => expect(contactNames()).toContain("Contact: Eléna Duval"));
    expect(fake.snapshot().contacts.map((c) => c.id)).toContain(ELENA);
  });

  it("Ctrl+Shift+Z and Ctrl+Y redo", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Delete Eléna Duval" }));
    await user.keyboard("{Control>}z{/Control}");
    await waitFor(() => expect(contactNames()).toContain("Contact: Eléna Duval"));

    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    await waitFor(() => expect(contactNames()).not.toContain("Contact: Eléna Duval"));
    await user.keyboard("{Control>}y{/Control}");

    expect(fake.callsTo("redo")).toHaveLength(2);
  });

  it("Ctrl+Z inside a text field is left to the field", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Delete Eléna Duval" }));
    await waitFor(() => expect(contactNames()).not.toContain("Contact: Eléna Duval"));

    await user.type(screen.getByRole("searchbox", { name: "Search contacts" }), "b");
    await user.keyboard("{Control>}z{/Control}");

    expect(fake.callsTo("undo")).toHaveLength(0);
  });

  it("Ctrl+Z does nothing while a dialog is open", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Add contact" }));
    const dialog = screen.getByRole("dialog", { name: "New contact" });
    await user.click(within(dialog).getByRole("heading", { name: "New contact" }));

    await user.keyboard("{Control>}z{/Control}");

    expect(fake.callsTo("undo")).toHaveLength(0);
  });

  it("the Edit menu's Undo (sent on the app's event channel) undoes", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Delete Eléna Duval" }));
    await waitFor(() => expect(contactNames()).not.toContain("Contact: Eléna Duval"));

    act(() => fake.emit({ type: "menu", action: "undo" }));

    await waitFor(() => expect(contactNames()).toContain("Contact: Eléna Duval"));
    expect(fake.callsTo("undo")).toHaveLength(1);
  });

  it("the toolbar's Undo button names what it undoes", async () => {
    const { user } = await renderApp(sampleMap());
    const undo = screen.getByRole("button", { name: "Undo" });
    expect(undo).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Delete Bruno Keller" }));

    await waitFor(() => expect(undo).toBeEnabled());
    expect(undo).toHaveAttribute("title", "Undo Delete contact Bruno Keller (Ctrl+Z)");
  });
});
