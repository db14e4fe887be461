import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Op, Project, Settings } from "../../ipc/backend";
import { defaultSettings } from "../../test/fakeBackend";
import { ELENA, ROLLOUT, sampleMap } from "../../test/fixtures";
import { renderApp } from "../../test/render";

/** Each test renders the whole app and types key by key: slow on a busy machine. */
const SLOW = { timeout: 20_000 };

function lastPut<K extends "settings" | "project" | "contact">(ops: Op[], kind: K) {
  const op = ops[ops.length - 1];
  if (op?.op === "batch") return lastPut(op.ops, kind);
  if (op?.op !== "put" || op.record.kind !== kind) throw new Error(`no ${kind} put`);
  return op.record.item as K extends "settings" ? Settings : K extends "project" ? Project : never;
}

async function openSettings(user: { click: (e: Element) => Promise<void> }) {
  await user.click(screen.getByRole("button", { name: "Coverage settings" }));
  return within(await screen.findByRole("dialog", { name: "Coverage settings" }));
}

describe("the map's coverage settings", SLOW, () => {
  it("shows the map's settings and saves changes in one step", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openSettings(user);
    expect(dialog.getByLabelText("Roles")).toHaveValue(0.3);
    expect(dialog.getByRole("spinbutton", { name: "Champion" })).toHaveValue(30);
    expect(dialog.getByLabelText("Green from")).toHaveValue(75);

    await user.clear(dialog.getByLabelText("Reach"));
    await user.type(dialog.getByLabelText("Reach"), "0");
    await user.clear(dialog.getByRole("spinbutton", { name: "Champion" }));
    await user.type(dialog.getByRole("spinbutton", { name: "Champion" }), "14");
    await user.click(dialog.getByRole("checkbox", { name: "Sponsor" }));
    await user.click(dialog.getByRole("button", { name: "Save" }));

    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Coverage settings" })).not.toBeInTheDocument(),
    );
    const saved = lastPut(fake.applied(), "settings");
    expect(saved.weights.reach).toBe(0);
    expect(saved.cadences.champion).toBe(14);
    expect(saved.default_required_roles).toEqual([
      "decision_maker",
      "economic_buyer",
      "champion",
      "sponsor",
    ]);
    expect(fake.snapshot().settings.cadences.champion).toBe(14);

    // Reopened, the dialog shows what was stored.
    const again = await openSettings(user);
    expect(again.getByRole("spinbutton", { name: "Champion" })).toHaveValue(14);
  });

  it("shows the core's refusal at the field it names, and nothing is stored", async () => {
    const { fake, user } = await renderApp(sampleMap(), (f) =>
      f.fail("apply", {
        kind: "invalid",
        message: "settings.bands.amber: 80 must be below the green threshold (75)",
        field: "settings.bands.amber",
      }),
    );
    const dialog = await openSettings(user);
    await user.clear(dialog.getByLabelText("Amber from (below: red)"));
    await user.type(dialog.getByLabelText("Amber from (below: red)"), "80");
    await user.click(dialog.getByRole("button", { name: "Save" }));
    expect(
      await dialog.findByText("80 must be below the green threshold (75)"),
    ).toBeInTheDocument();
    expect(fake.snapshot().settings).toEqual(defaultSettings());
  });

  it("refuses a blank number before sending anything", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openSettings(user);
    await user.clear(dialog.getByLabelText("Pulse"));
    await user.click(dialog.getByRole("button", { name: "Save" }));
    expect(dialog.getByRole("alert")).toHaveTextContent("Enter a number.");
    expect(fake.applied()).toHaveLength(0);
  });

  it("resets to the defaults, undoably", async () => {
    const tuned = { ...defaultSettings(), bands: { green: 90, amber: 70 } };
    const { fake, user } = await renderApp({ ...sampleMap(), settings: tuned });
    const dialog = await openSettings(user);
    expect(dialog.getByLabelText("Green from")).toHaveValue(90);
    await user.click(dialog.getByRole("button", { name: "Reset to defaults" }));
    await waitFor(() => expect(fake.snapshot().settings).toEqual(defaultSettings()));
    const ops = fake.applied();
    expect(ops[ops.length - 1]).toEqual({ op: "delete", kind: "settings", id: "map" });

    const [undo] = screen.getAllByRole("button", { name: "Undo" });
    if (!undo) throw new Error("no Undo button");
    await user.click(undo);
    await waitFor(() => expect(fake.snapshot().settings.bands.green).toBe(90));
    expect((await openSettings(user)).getByLabelText("Green from")).toHaveValue(90);
  });
});

describe("a project's own coverage settings", SLOW, () => {
  it("a new project requires the map's default roles", async () => {
    const settings = { ...defaultSettings(), default_required_roles: ["sponsor" as const] };
    const { user } = await renderApp({ ...sampleMap(), settings });
    await user.click(screen.getByRole("button", { name: "Add project" }));
    const dialog = within(await screen.findByRole("dialog", { name: "New project" }));
    expect(dialog.getByRole("checkbox", { name: "Sponsor" })).toBeChecked();
    expect(dialog.getByRole("checkbox", { name: "Champion" })).not.toBeChecked();
  });

  it("gives a project its own weights, and back to the map's", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Edit project Platform rollout" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Edit project" }));
    expect(dialog.queryByLabelText("Reach")).not.toBeInTheDocument();
    await user.click(dialog.getByRole("checkbox", { name: /has its own weights/ }));
    expect(dialog.getByLabelText("Reach")).toHaveValue(0.1);
    await user.clear(dialog.getByLabelText("Roles"));
    await user.type(dialog.getByLabelText("Roles"), "0.6");
    await user.click(dialog.getByRole("button", { name: "Reset roles to the map's defaults" }));
    await user.click(dialog.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(fake.applied()).toHaveLength(1));
    const saved = lastPut(fake.applied(), "project");
    expect(saved.id).toBe(ROLLOUT);
    expect(saved.weights?.roles).toBe(0.6);
    expect(saved.required_roles).toEqual(["decision_maker", "economic_buyer", "champion"]);

    await user.click(screen.getByRole("button", { name: "Edit project Platform rollout" }));
    const edit = within(await screen.findByRole("dialog", { name: "Edit project" }));
    expect(edit.getByLabelText("Roles")).toHaveValue(0.6);
    await user.click(edit.getByRole("checkbox", { name: /has its own weights/ }));
    await user.click(edit.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(fake.applied()).toHaveLength(2));
    expect(lastPut(fake.applied(), "project").weights).toBeNull();
  });
});

describe("a contact's stay-in-touch cadence", SLOW, () => {
  it("is empty by default, with the map's cadences by role as the hint, and saves as days", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Edit Eléna Duval" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Edit contact" }));
    const cadence = dialog.getByLabelText("Meet in person every (days)");
    expect(cadence).toHaveValue("");
    expect(
      dialog.getByText(
        "Empty: by role (decision maker 60, economic buyer 60, champion 30, sponsor 60, others 90 days)",
      ),
    ).toBeInTheDocument();

    await user.type(cadence, "soon");
    await user.click(dialog.getByRole("button", { name: "Save" }));
    expect(dialog.getByRole("alert")).toHaveTextContent("Enter a number of days");
    expect(fake.applied()).toHaveLength(0);

    await user.clear(cadence);
    await user.type(cadence, "21");
    await user.click(dialog.getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(fake.snapshot().contacts.find((c) => c.id === ELENA)?.cadence_days).toBe(21),
    );
  });
});
