import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { BackupInfo } from "../ipc/backend";
import { sampleMap } from "../test/fixtures";
import { renderApp, startApp } from "../test/render";
import { backupDate } from "./RestoreDialog";

const DAILY: BackupInfo = {
  id: "2026-03-02-093000-daily",
  created: "2026-03-02T09:30:00Z",
  reason: "Daily",
  size_kib: 120,
};
const OLDEST: BackupInfo = {
  id: "2026-03-01-093000-daily",
  created: "2026-03-01T09:30:00Z",
  reason: "Daily",
  size_kib: 96,
};
const MANUAL: BackupInfo = {
  id: "2026-03-03-080000-manual",
  created: "2026-03-03T08:00:00Z",
  reason: "Manual",
  size_kib: 2048,
};

const DAMAGED = {
  kind: "incompatible" as const,
  message:
    "/maps/Accounts.stakemap is damaged and was not opened (SQLite's check found: page 7 is never used). The file was left as it is. The latest good backup is 2026-03-03-080000-manual (in /maps/Accounts.stakemap-backups); restore it to go on working.",
  field: null,
};

function rows(): HTMLElement[] {
  return within(screen.getByRole("list", { name: "Backups" })).getAllByRole("listitem");
}

function contactCount(): number {
  const list = screen.getByRole("list", { name: "Contacts" });
  return within(list).queryAllByRole("listitem").length;
}

describe("restore from backup", () => {
  it("lists the backups newest first with their date, reason and size", async () => {
    const { user } = await renderApp(sampleMap(), (fake) =>
      fake.setBackups([OLDEST, MANUAL, DAILY]),
    );
    await user.click(screen.getByRole("button", { name: /Backups/ }));
    const dialog = screen.getByRole("dialog", { name: "Restore from backup" });
    expect(dialog).toHaveTextContent("The current state is backed up first");
    await within(dialog).findByRole("list", { name: "Backups" });

    expect(rows().map((row) => row.getAttribute("aria-label"))).toEqual([
      MANUAL.id,
      DAILY.id,
      OLDEST.id,
    ]);
    const first = rows()[0] as HTMLElement;
    expect(first).toHaveTextContent(backupDate(MANUAL.created));
    expect(first).toHaveTextContent("Manual");
    expect(first).toHaveTextContent("2.0 MiB");
    expect(rows()[1]).toHaveTextContent("120 KiB");
    expect(backupDate("2026-03-02T09:30:00Z")).toMatch(/^2026-03-0[12] \d\d:\d\d$/);
  });

  it("restores the chosen backup, reloads the map and says so", async () => {
    const { fake, user } = await renderApp({}, (fake) =>
      fake.setBackups([MANUAL, DAILY], { [DAILY.id]: sampleMap() }),
    );
    expect(contactCount()).toBe(0);
    const loads = fake.callsTo("load_map").length;

    await user.click(screen.getByRole("button", { name: /Backups/ }));
    await screen.findByRole("list", { name: "Backups" });
    const daily = rows()[1] as HTMLElement;
    await user.click(within(daily).getByRole("button", { name: "Restore" }));

    expect(fake.callsTo("restore_backup")).toEqual([{ id: DAILY.id }]);
    await waitFor(() => expect(contactCount()).toBe(3));
    expect(fake.callsTo("load_map").length).toBeGreaterThan(loads);
    expect(screen.queryByRole("dialog", { name: "Restore from backup" })).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(
      `Restored the backup of ${backupDate(DAILY.created)}`,
    );
    expect(fake.backupsNow[0]?.reason).toBe("Before restore");
  });

  it("shows a refused restore in the dialog and changes nothing", async () => {
    const { fake, user } = await renderApp(sampleMap(), (fake) => fake.setBackups([MANUAL]));
    fake.fail("restore_backup", {
      kind: "invalid",
      message: "backup: there is no backup of this map with that id",
      field: "backup",
    });
    await user.click(screen.getByRole("button", { name: /Backups/ }));
    await screen.findByRole("list", { name: "Backups" });
    await user.click(within(rows()[0] as HTMLElement).getByRole("button", { name: "Restore" }));

    const dialog = screen.getByRole("dialog", { name: "Restore from backup" });
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("no backup");
    expect(contactCount()).toBe(3);
  });

  it("offers to restore a damaged map from the screen shown instead of the map", async () => {
    const { fake, user } = startApp({}, (fake) => {
      fake.setBackups([DAILY, MANUAL], { [MANUAL.id]: sampleMap() });
      fake.fail("map_info", DAMAGED);
    });
    expect(await screen.findByRole("heading", { name: "This map is damaged" })).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent("2026-03-03-080000-manual");
    const restore = screen.getByRole("button", { name: "Restore a backup…" });
    expect(restore).toHaveClass("primary");

    await user.click(restore);
    const dialog = screen.getByRole("dialog", { name: "Restore from backup" });
    expect(dialog).toHaveTextContent("kept beside it under a new name");
    await within(dialog).findByRole("list", { name: "Backups" });
    expect(rows()[0]).toHaveAttribute("aria-label", MANUAL.id);
    await user.click(within(rows()[0] as HTMLElement).getByRole("button", { name: "Restore" }));

    expect(fake.callsTo("restore_backup")).toEqual([{ id: MANUAL.id }]);
    await screen.findByRole("list", { name: "Contacts" });
    expect(contactCount()).toBe(3);
    expect(screen.getByRole("status")).toHaveTextContent(
      `Restored the backup of ${backupDate(MANUAL.created)}`,
    );
  });

  it("does not offer a restore when the map is only open elsewhere", async () => {
    startApp({}, (fake) =>
      fake.fail("map_info", {
        kind: "already_open",
        message: "/maps/Accounts.stakemap is already open in another Stakemap window.",
        field: null,
      }),
    );
    await screen.findByRole("heading", { name: "This map is open in another window" });
    expect(screen.queryByRole("button", { name: "Restore a backup…" })).not.toBeInTheDocument();
  });
});
