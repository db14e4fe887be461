import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "../store/canvasStore";
import { fromSnapshot } from "../store/mapStore";
import { BRUNO, ELENA, RENEWAL, ROLLOUT, sampleMap, ZOE } from "../test/fixtures";
import { allTags, filtering, findCards, matches } from "./filters";

const data = () => {
  const map = sampleMap();
  map.stakes = map.stakes.map((s) => (s.contact === BRUNO ? { ...s, owner: "t1" } : s));
  // Eléna is on both projects.
  const elena = map.stakes.find((s) => s.contact === ELENA);
  if (elena) map.stakes.push({ ...elena, id: "elena-renewal", project: RENEWAL, stance: 2 });
  return fromSnapshot(map);
};

function kept(filters: Partial<typeof NO_FILTERS>): string[] {
  const { stakes, contacts } = data();
  return Object.values(stakes)
    .filter((s) => matches(s, contacts[s.contact], { ...NO_FILTERS, ...filters }))
    .map((s) => `${contacts[s.contact]?.name} on ${s.project === ROLLOUT ? "rollout" : "renewal"}`)
    .sort();
}

describe("card filters", () => {
  it("keep everyone when none is set", () => {
    expect(filtering(NO_FILTERS)).toBe(false);
    expect(kept({})).toHaveLength(4);
  });

  it.each([
    [{ role: "decision_maker" as const }, ["Bruno Keller on rollout"]],
    [{ stance: "-1" }, ["Zoé Martin on renewal"]],
    [{ stance: "0" }, ["Bruno Keller on rollout"]],
    [{ owner: "t1" }, ["Bruno Keller on rollout"]],
    [
      { owner: "none" },
      ["Eléna Duval on renewal", "Eléna Duval on rollout", "Zoé Martin on renewal"],
    ],
    [{ tag: "Technical" }, ["Eléna Duval on renewal", "Eléna Duval on rollout"]],
    [{ role: "champion" as const, stance: "2" }, ["Eléna Duval on renewal"]],
  ])("%j keeps %j", (filters, expected) => {
    expect(filtering({ ...NO_FILTERS, ...filters })).toBe(true);
    expect(kept(filters)).toEqual(expected);
  });

  it("offer every tag once, sorted", () => {
    expect(allTags(data().contacts)).toEqual(["finance", "sponsor", "technical"]);
  });
});

describe("finding a contact's cards", () => {
  const names: Record<string, string> = {
    [ROLLOUT]: "Platform rollout",
    [RENEWAL]: "Annual renewal",
  };
  const find = (q: string) => {
    const { stakes, contacts } = data();
    return findCards(q, stakes, contacts, (id) => names[id] ?? "");
  };

  it("finds every card of a contact, ignoring accents and case, by project name", () => {
    expect(find("ELENA")).toEqual(["elena-renewal", "00000000-0000-4000-8000-00000000d001"]);
  });

  it("finds nothing for an empty query or an unknown name", () => {
    expect(find("  ")).toEqual([]);
    expect(find("nobody")).toEqual([]);
  });

  it("orders several people by name", () => {
    const { stakes } = data();
    const contactsOf = find("l").map((id) => stakes[id]?.contact);
    expect(contactsOf).toEqual([BRUNO, ELENA, ELENA]);
    expect(contactsOf).not.toContain(ZOE);
  });
});
