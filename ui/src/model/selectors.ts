/** Derived views of the map data, shared by the lists and the canvas. */
import type { Interaction } from "../ipc/backend";
import type { ById, MapData } from "../store/mapStore";

/** The date (YYYY-MM-DD) of each contact's latest interaction. */
export function lastContactDates(interactions: ById<Interaction>): Map<string, string> {
  const latest = new Map<string, string>();
  for (const interaction of Object.values(interactions)) {
    for (const contact of interaction.contacts) {
      const seen = latest.get(contact);
      if (!seen || interaction.date > seen) latest.set(contact, interaction.date);
    }
  }
  return latest;
}

/** How many projects each contact holds a stake in. */
export function projectCounts(stakes: MapData["stakes"]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stake of Object.values(stakes)) {
    counts.set(stake.contact, (counts.get(stake.contact) ?? 0) + 1);
  }
  return counts;
}

/** Case- and accent-insensitive text for searching. */
export function folded(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

/** Sorts items by name, the way people read lists. */
export function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: "base" }),
  );
}
