/** Which stakes the canvas filters (role, stance, owner, tag) and its search keep. */
import type { Contact, Stake } from "../ipc/backend";
import type { Filters } from "../store/canvasStore";
import type { ById } from "../store/mapStore";
import { folded } from "./selectors";

/** Whether any filter is set. */
export function filtering(filters: Filters): boolean {
  return !!(filters.role || filters.stance || filters.owner || filters.tag);
}

/** Whether a stake (and its contact) passes every filter that is set. */
export function matches(stake: Stake, contact: Contact | undefined, filters: Filters): boolean {
  if (filters.role && stake.role !== filters.role) return false;
  if (filters.stance !== "" && stake.stance !== Number(filters.stance)) return false;
  if (
    filters.owner === "none" ? stake.owner !== null : filters.owner && stake.owner !== filters.owner
  )
    return false;
  if (filters.tag) {
    const wanted = folded(filters.tag);
    if (!contact?.tags.some((t) => folded(t) === wanted)) return false;
  }
  return true;
}

/** Every tag used by the contacts, sorted, without repeats. */
export function allTags(contacts: ById<Contact>): string[] {
  const tags = new Set<string>();
  for (const c of Object.values(contacts)) for (const t of c.tags) tags.add(t);
  return [...tags].sort((a, b) => a.localeCompare(b));
}

/**
 * The cards (stake ids) of the contacts whose name contains `query` (ignoring case and
 * accents), in a stable order: by contact name, then by project name.
 */
export function findCards(
  query: string,
  stakes: ById<Stake>,
  contacts: ById<Contact>,
  projectName: (id: string) => string,
): string[] {
  const q = folded(query.trim());
  if (!q) return [];
  return Object.values(stakes)
    .filter((s) => folded(contacts[s.contact]?.name ?? "").includes(q))
    .sort((a, b) => {
      const byContact = (contacts[a.contact]?.name ?? "").localeCompare(
        contacts[b.contact]?.name ?? "",
      );
      return byContact || projectName(a.project).localeCompare(projectName(b.project));
    })
    .map((s) => s.id);
}
