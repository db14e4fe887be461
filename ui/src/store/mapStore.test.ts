import { describe, expect, it } from "vitest";
import type { ChangeSet, Contact, Stake } from "../ipc/backend";
import { blankContact } from "../model/records";
import { coverageFor } from "../test/coverage";
import { BRUNO, ELENA, sampleMap } from "../test/fixtures";
import { fromSnapshot, withChanges, withCoverage } from "./mapStore";

function contact(id: string, name: string): Contact {
  return { ...blankContact(), id, name };
}

describe("withChanges", () => {
  it("adds created items, replaces edited ones and drops deleted ones", () => {
    const data = fromSnapshot(sampleMap());
    const elena = data.contacts[ELENA] as Contact;
    const stake = Object.values(data.stakes)[0] as Stake;
    const dana = contact("new-id", "Dana Ruiz");
    const set: ChangeSet = {
      label: "Several",
      changes: [
        { kind: "contact", id: dana.id, before: null, after: { kind: "contact", item: dana } },
        {
          kind: "contact",
          id: ELENA,
          before: { kind: "contact", item: elena },
          after: { kind: "contact", item: { ...elena, title: "CEO" } },
        },
        { kind: "stake", id: stake.id, before: { kind: "stake", item: stake }, after: null },
      ],
    };

    const next = withChanges(data, set);

    expect(Object.keys(next).sort()).toEqual(["contacts", "stakes"]);
    expect(next.contacts?.[dana.id]).toEqual(dana);
    expect(next.contacts?.[ELENA]?.title).toBe("CEO");
    expect(next.contacts?.[BRUNO]).toBe(data.contacts[BRUNO]);
    expect(next.stakes).not.toHaveProperty(stake.id);
    expect(Object.keys(next.stakes ?? {})).toHaveLength(2);
  });

  it("leaves the data it was given untouched", () => {
    const data = fromSnapshot(sampleMap());
    const frozen = structuredClone(data);
    const elena = data.contacts[ELENA] as Contact;

    withChanges(data, {
      label: "Delete contact Eléna Duval",
      changes: [
        { kind: "contact", id: ELENA, before: { kind: "contact", item: elena }, after: null },
      ],
    });

    expect(data).toEqual(frozen);
  });

  it("copies each touched table once, so later changes see earlier ones", () => {
    const data = fromSnapshot({ ...sampleMap(), contacts: [] });
    const a = contact("a", "A");
    const next = withChanges(data, {
      label: "Add then edit",
      changes: [
        { kind: "contact", id: "a", before: null, after: { kind: "contact", item: a } },
        {
          kind: "contact",
          id: "a",
          before: { kind: "contact", item: a },
          after: { kind: "contact", item: { ...a, name: "A2" } },
        },
        {
          kind: "contact",
          id: "b",
          before: null,
          after: { kind: "contact", item: contact("b", "B") },
        },
      ],
    });

    expect(Object.values(next.contacts ?? {}).map((c) => c.name)).toEqual(["A2", "B"]);
    expect(data.contacts).toEqual({});
  });

  it("changes nothing for an empty change set", () => {
    expect(withChanges(fromSnapshot(sampleMap()), { label: "", changes: [] })).toEqual({});
  });
});

describe("withCoverage", () => {
  it("replaces the touched projects' coverage and drops deleted projects", () => {
    const before = { a: coverageFor("a", "A", 40), b: coverageFor("b", "B", 70) };
    const after = withCoverage(before, {
      changes: { label: "x", changes: [] },
      history: { undo: "x", redo: null },
      coverage: [coverageFor("a", "A", 55)],
      removed_coverage: ["b"],
    });
    expect(Object.keys(after)).toEqual(["a"]);
    expect(after.a?.score).toBe(55);
    expect(before.b.score).toBe(70);
  });
});
