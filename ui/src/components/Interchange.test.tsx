import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type {
  AppError,
  Contact,
  ImportOptions,
  ImportPreview,
  Record as MapRecord,
  PreviewItem,
} from "../ipc/backend";
import { blankContact } from "../model/records";
import type { FakeBackend, FakeImport } from "../test/fakeBackend";
import { ROLLOUT, sampleMap } from "../test/fixtures";
import { renderApp } from "../test/render";
import { TABLE_ROWS } from "./ImportDialog";

function person(id: string, name: string): Contact {
  return { ...blankContact(), id, name };
}

const NEW_ONE = person("00000000-0000-4000-8000-0000000000e1", "Priya Natarajan");
const NEW_TWO = person("00000000-0000-4000-8000-0000000000e2", "Tomás Ruiz");

const ITEMS: PreviewItem[] = [
  {
    action: "create",
    kind: "contact",
    name: NEW_ONE.name,
    reason: "new contact",
    location: "line 2",
  },
  {
    action: "create",
    kind: "contact",
    name: NEW_TWO.name,
    reason: "new contact",
    location: "line 3",
  },
  {
    action: "skip",
    kind: "contact",
    name: "Eléna Duval",
    reason: "same email as Eléna Duval in the map",
    location: "line 4",
  },
];

function linkedIn(options: ImportOptions): ImportPreview {
  const merge = options.duplicates === "merge";
  const items = ITEMS.map((item) =>
    item.action === "skip" && merge
      ? { ...item, action: "merge" as const, reason: "fills Eléna Duval's empty fields" }
      : item,
  );
  return {
    source: "Connections.csv",
    format: "csv",
    recognised: "LinkedIn connections",
    options: { ...options, format: "csv" },
    counts: { created: 2, merged: merge ? 1 : 0, skipped: merge ? 0 : 1 },
    items,
    total: items.length,
    asks_new_map: false,
    problem: null,
  };
}

const RECORDS: MapRecord[] = [
  { kind: "contact", item: NEW_ONE },
  { kind: "contact", item: NEW_TWO },
];

function contactNames(): string[] {
  const list = screen.getByRole("list", { name: "Contacts" });
  return within(list)
    .queryAllByRole("listitem")
    .map((li) => li.getAttribute("aria-label") ?? "");
}

async function openImport(file: FakeImport) {
  const started = await renderApp(sampleMap(), (fake) => {
    fake.importFile = file;
  });
  await started.user.click(screen.getByRole("button", { name: "Import" }));
  const dialog = await screen.findByRole("dialog", { name: "Import" });
  return { ...started, dialog };
}

function lastReplan(fake: FakeBackend): unknown {
  const calls = fake.callsTo("replan_import");
  return calls[calls.length - 1]?.options;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("import", () => {
  it("previews the file before writing, then imports it as one undoable step", async () => {
    const { user, fake, dialog } = await openImport({ plan: linkedIn, records: RECORDS });
    expect(dialog).toHaveTextContent("Connections.csv — LinkedIn connections");
    expect(dialog).toHaveTextContent("2 to create");
    expect(dialog).toHaveTextContent("0 to merge");
    expect(dialog).toHaveTextContent("1 to skip");
    const table = within(dialog).getByRole("table", { name: "Items" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "CreatePriya Natarajannew contactline 2",
      "CreateTomás Ruiznew contactline 3",
      "SkipEléna Duvalsame email as Eléna Duval in the mapline 4",
    ]);
    // Nothing is written by the preview.
    expect(fake.callsTo("apply_import")).toHaveLength(0);
    expect(contactNames()).not.toContain(`Contact: ${NEW_ONE.name}`);

    await user.click(within(dialog).getByRole("button", { name: "Import 2 items" }));
    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Import" })).not.toBeInTheDocument(),
    );
    expect(contactNames()).toContain(`Contact: ${NEW_ONE.name}`);
    expect(contactNames()).toContain(`Contact: ${NEW_TWO.name}`);
    const notice = screen.getByRole("status");
    expect(notice).toHaveTextContent("Imported 2 new from Connections.csv");

    await user.click(within(notice).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(contactNames()).not.toContain(`Contact: ${NEW_ONE.name}`));
    expect(contactNames()).not.toContain(`Contact: ${NEW_TWO.name}`);
  });

  it("plans again when duplicates are to be merged", async () => {
    const { user, fake, dialog } = await openImport({ plan: linkedIn, records: RECORDS });
    await user.click(within(dialog).getByRole("radio", { name: "Merge them" }));
    await waitFor(() => expect(dialog).toHaveTextContent("1 to merge"));
    expect(lastReplan(fake)).toMatchObject({
      format: "csv",
      duplicates: "merge",
    });
    expect(dialog).toHaveTextContent("fills Eléna Duval's empty fields");
    expect(within(dialog).getByRole("button", { name: "Import 3 items" })).toBeEnabled();
  });

  it("shows where a file is wrong, imports nothing, and lets another format be tried", async () => {
    const refusal: AppError = {
      kind: "invalid",
      message: 'line 5, column 3: email: "dana@" is not an email address',
      field: "line 5",
    };
    const plan = (options: ImportOptions) =>
      options.format === "vcard" ? linkedIn(options) : refusal;
    const { user, fake, dialog } = await openImport({ plan, records: RECORDS });
    expect(within(dialog).getByRole("alert")).toHaveTextContent(
      'line 5, column 3: email: "dana@" is not an email address',
    );
    expect(within(dialog).queryByRole("table")).not.toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: /^Import / })).toBeDisabled();

    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Format" }), "vcard");
    await waitFor(() => expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument());
    expect(lastReplan(fake)).toMatchObject({ format: "vcard" });
    expect(within(dialog).getByRole("button", { name: "Import 2 items" })).toBeEnabled();
  });

  it("maps the columns of a file it does not recognise", async () => {
    const unknown: AppError = {
      kind: "invalid",
      message:
        "line 1: the columns (Who, Mail, Firm) are not those of a LinkedIn export; give a column mapping",
      field: "line 1",
    };
    const plan = (options: ImportOptions) =>
      options.mapping ? { ...linkedIn(options), recognised: "CSV with a column mapping" } : unknown;
    const { user, fake, dialog } = await openImport({
      plan,
      records: RECORDS,
      csv: {
        delimiter: ";",
        header_line: 1,
        headers: ["Who", "Mail", "Firm"],
        source: null,
        mapping: { columns: [] },
        sample: [["Priya Natarajan", "priya@initech.test", "Initech"]],
      },
    });
    expect(within(dialog).getByRole("alert")).toHaveTextContent("give a column mapping");
    await user.click(within(dialog).getByRole("button", { name: "Map columns…" }));
    const columns = await within(dialog).findByRole("region", { name: "Columns" });
    expect(columns).toHaveTextContent("priya@initech.test");
    const use = within(columns).getByRole("button", { name: "Use these columns" });
    expect(use).toBeDisabled(); // No name column yet.
    await user.selectOptions(within(columns).getByRole("combobox", { name: "Column Who" }), "name");
    await user.selectOptions(
      within(columns).getByRole("combobox", { name: "Column Mail" }),
      "email",
    );
    await user.selectOptions(
      within(columns).getByRole("combobox", { name: "Column Firm" }),
      "organization",
    );
    await user.click(use);

    await waitFor(() => expect(dialog).toHaveTextContent("CSV with a column mapping"));
    expect(lastReplan(fake)).toMatchObject({
      format: "csv",
      mapping: {
        columns: [
          { column: 0, field: "name" },
          { column: 1, field: "email" },
          { column: 2, field: "organization" },
        ],
      },
    });
    expect(within(dialog).getByRole("button", { name: "Import 2 items" })).toBeEnabled();
  });

  it("cancelling writes nothing and forgets the file", async () => {
    const { user, fake, dialog } = await openImport({ plan: linkedIn, records: RECORDS });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog", { name: "Import" })).not.toBeInTheDocument();
    await waitFor(() => expect(fake.callsTo("cancel_import")).toHaveLength(1));
    expect(fake.callsTo("apply_import")).toHaveLength(0);
    expect(fake.callsTo("apply")).toHaveLength(0);
  });

  it("a cancelled file dialog opens nothing", async () => {
    const { user, fake } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(fake.callsTo("choose_import")).toHaveLength(1));
    expect(screen.queryByRole("dialog", { name: "Import" })).not.toBeInTheDocument();
  });

  it("puts a JSON map into a new map after asking for its file", async () => {
    const json = (options: ImportOptions): ImportPreview => ({
      source: "accounts.json",
      format: "json",
      recognised: "Stakemap JSON version 1",
      options: { ...options, format: "json" },
      counts: { created: 2, merged: 0, skipped: 0 },
      items: ITEMS.slice(0, 2),
      total: 2,
      asks_new_map: options.target === "new_map",
      problem: null,
    });
    const { user, fake, dialog } = await openImport({
      plan: json,
      records: RECORDS,
      newMapFile: "/maps/Imported.stakemap",
    });
    expect(within(dialog).getByRole("radio", { name: "Into this map, merged" })).toBeChecked();
    await user.click(within(dialog).getByRole("radio", { name: "Into a new map" }));
    const apply = await within(dialog).findByRole("button", { name: "Import 2 items…" });
    expect(dialog).toHaveTextContent("You will choose the new map's file next.");
    await user.click(apply);
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent(
        "Imported 2 new from accounts.json into the new map Imported",
      ),
    );
    expect(fake.info.name).toBe("Imported");
    expect(contactNames()).toEqual([`Contact: ${NEW_ONE.name}`, `Contact: ${NEW_TWO.name}`]);
  });

  it("lists a long file's first rows and says how many there are", async () => {
    const many = (options: ImportOptions): ImportPreview => {
      const items = Array.from({ length: 1000 }, (_, i) => ({
        action: "create" as const,
        kind: "contact" as const,
        name: `Person ${i}`,
        reason: "new contact",
        location: `line ${i + 2}`,
      }));
      return {
        ...linkedIn(options),
        counts: { created: 12000, merged: 0, skipped: 0 },
        items,
        total: 12000,
      };
    };
    const { dialog } = await openImport({ plan: many, records: [] });
    const table = within(dialog).getByRole("table", { name: "Items" });
    expect(within(table).getAllByRole("row")).toHaveLength(TABLE_ROWS + 1);
    expect(dialog).toHaveTextContent(`Showing the first ${TABLE_ROWS} items of 12,000.`);
    expect(within(dialog).getByRole("button", { name: "Import 12,000 items" })).toBeEnabled();
  });

  it("opens from the File menu", async () => {
    const { fake } = await renderApp(sampleMap(), (f) => {
      f.importFile = { plan: linkedIn, records: RECORDS };
    });
    await waitFor(() => expect(fake.callsTo("subscribe")).toHaveLength(1));
    fake.emit({ type: "menu", action: "import" });
    expect(await screen.findByRole("dialog", { name: "Import" })).toHaveTextContent(
      "LinkedIn connections",
    );
  });
});

describe("export", () => {
  it("sends the format, project, scale and background, and names the written file", async () => {
    const { user, fake } = await renderApp(sampleMap(), (f) => {
      f.fileDialog = "/out/Platform rollout.png";
    });
    await user.click(screen.getByRole("button", { name: "Export" }));
    const dialog = screen.getByRole("dialog", { name: "Export" });
    await user.click(within(dialog).getByRole("radio", { name: "One project" }));
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Project" }), ROLLOUT);
    await user.click(within(dialog).getByRole("radio", { name: "4x" }));
    await user.click(within(dialog).getByRole("radio", { name: "Transparent" }));
    await user.click(within(dialog).getByRole("button", { name: "Export…" }));

    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("Exported Platform rollout.png"),
    );
    expect(screen.queryByRole("dialog", { name: "Export" })).not.toBeInTheDocument();
    expect(fake.exports()).toEqual([
      {
        format: "png",
        scope: { kind: "project", id: ROLLOUT },
        scale: 4,
        background: "transparent",
      },
    ]);
  });

  it("exports what the canvas shows, in flow coordinates", async () => {
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue({
      left: 0,
      top: 0,
      right: 800,
      bottom: 600,
      width: 800,
      height: 600,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    const { user, fake } = await renderApp(sampleMap(), (f) => {
      f.fileDialog = "/out/view.svg";
    });
    await user.click(screen.getByRole("button", { name: "Export" }));
    const dialog = screen.getByRole("dialog", { name: "Export" });
    await user.click(within(dialog).getByRole("radio", { name: "SVG image" }));
    await user.click(within(dialog).getByRole("radio", { name: "The current view" }));
    await user.click(within(dialog).getByRole("button", { name: "Export…" }));
    await waitFor(() => expect(fake.exports()).toHaveLength(1));
    const scope = fake.exports()[0]?.scope;
    expect(scope?.kind).toBe("view");
    if (scope?.kind === "view") {
      expect(scope.width).toBeGreaterThan(0);
      expect(scope.height).toBeGreaterThan(0);
      // The view's shape is the pane's (800 x 600), whatever the zoom.
      expect((scope.width ?? 0) / (scope.height ?? 1)).toBeCloseTo(800 / 600, 3);
    }
  });

  it("offers no view, scale or background for CSV, and shows a refusal in the dialog", async () => {
    const { user, fake } = await renderApp(sampleMap(), (f) => {
      f.fileDialog = "/out/contacts.csv";
      f.fail("export_map", {
        kind: "invalid",
        message: 'project: no project named "Gone"',
        field: "project",
      });
    });
    await user.click(screen.getByRole("button", { name: "Export" }));
    const dialog = screen.getByRole("dialog", { name: "Export" });
    await user.click(within(dialog).getByRole("radio", { name: "Contacts (CSV)" }));
    expect(within(dialog).getByRole("radio", { name: "The current view" })).toBeDisabled();
    expect(within(dialog).queryByRole("radio", { name: "2x" })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole("radio", { name: "White" })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Export…" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      'project: no project named "Gone"',
    );
    // Tried again, it goes through.
    await user.click(within(dialog).getByRole("button", { name: "Export…" }));
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("Exported contacts.csv"),
    );
    expect(fake.exports().map((r) => r.format)).toEqual(["contacts_csv", "contacts_csv"]);
  });

  it("opens from the File menu", async () => {
    const { fake } = await renderApp(sampleMap());
    await waitFor(() => expect(fake.callsTo("subscribe")).toHaveLength(1));
    fake.emit({ type: "menu", action: "export" });
    expect(await screen.findByRole("dialog", { name: "Export" })).toBeInTheDocument();
  });
});
