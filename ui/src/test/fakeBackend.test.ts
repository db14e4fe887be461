/** The fake backend behaves like the Rust side as seen through the UI's own door. */
import { describe, expect, it } from "vitest";
import { BackendError, backend } from "../ipc/backend";
import { installFakeBackend } from "./fakeBackend";
import { BRUNO, ELENA, ROLLOUT, sampleMap } from "./fixtures";

describe("fake backend", () => {
  it("answers through the generated bindings", async () => {
    const fake = installFakeBackend(sampleMap());
    const info = await backend.mapInfo();
    expect(info).toEqual({
      path: "/maps/Accounts.stakemap",
      name: "Accounts",
      history: { undo: null, redo: null },
      backup_problem: null,
    });
    expect((await backend.loadMap()).contacts).toHaveLength(3);
    expect(fake.calls.map((c) => c.cmd)).toEqual(["map_info", "load_map"]);
  });

  it("rejects with the AppError, which the UI turns into a BackendError", async () => {
    const fake = installFakeBackend(sampleMap());
    fake.fail("apply", { kind: "invalid", message: "contact.name: empty", field: "contact.name" });

    const error = await backend.apply({ op: "delete", kind: "contact", id: ELENA }).catch((e) => e);

    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      kind: "invalid",
      field: "contact.name",
      message: "contact.name: empty",
    });
    // Only once: the next call goes through.
    await expect(backend.apply({ op: "delete", kind: "contact", id: ELENA })).resolves.toBeTruthy();
  });

  it("gives new items an id, and deletes a contact with its stakes, undoably", async () => {
    const fake = installFakeBackend(sampleMap());
    const added = await backend.apply({
      op: "put",
      record: { kind: "organization", item: { id: "", name: "Initech", notes: "" } },
    });
    expect(added.changes.changes[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(added.history).toEqual({ undo: "Add organization Initech", redo: null });

    const deleted = await backend.apply({ op: "delete", kind: "contact", id: ELENA });
    expect(deleted.changes.changes.map((c) => [c.kind, c.after])).toEqual([
      ["stake", null],
      ["contact", null],
    ]);
    expect(fake.snapshot().stakes.map((s) => s.contact)).not.toContain(ELENA);

    const undone = await backend.undo();
    expect(undone.changes.label).toBe("Delete contact Eléna Duval");
    expect(undone.history).toEqual({
      undo: "Add organization Initech",
      redo: "Delete contact Eléna Duval",
    });
    expect(fake.snapshot().stakes.map((s) => s.contact)).toContain(ELENA);

    await backend.redo();
    expect(fake.snapshot().contacts.map((c) => c.id)).not.toContain(ELENA);
  });

  it("runs a batch all or nothing", async () => {
    const fake = installFakeBackend(sampleMap());
    const error = await backend
      .apply({
        op: "batch",
        label: "Two deletes",
        ops: [
          { op: "delete", kind: "project", id: ROLLOUT },
          { op: "delete", kind: "contact", id: "missing" },
        ],
      })
      .catch((e) => e);

    expect(error).toMatchObject({ kind: "not_found" });
    expect(fake.snapshot()).toEqual(sampleMap());
    expect((await backend.mapInfo()).history.undo).toBeNull();
  });

  it("sends app events on the subscribed channel", async () => {
    const fake = installFakeBackend();
    const events: unknown[] = [];
    await backend.subscribe((event) => events.push(event));

    fake.emit({ type: "menu", action: "redo" });
    fake.emit({ type: "menu", action: "save_copy_as" });

    expect(events).toEqual([
      { type: "menu", action: "redo" },
      { type: "menu", action: "save_copy_as" },
    ]);
    expect(fake.callsTo("subscribe")[0]?.channel).toMatch(/^__CHANNEL__:\d+$/);
  });

  it("keeps its data apart from what it returned", async () => {
    installFakeBackend(sampleMap());
    const snapshot = await backend.loadMap();
    (snapshot.contacts.find((c) => c.id === BRUNO) as { name: string }).name = "Changed";
    const again = await backend.loadMap();
    expect(again.contacts.find((c) => c.id === BRUNO)?.name).toBe("Bruno Keller");
  });
});
