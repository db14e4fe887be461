/** Interactions as the timelines and the interaction dialog use them. */
import type { Interaction } from "../ipc/backend";
import type { ById } from "../store/mapStore";

/** Today's date, `YYYY-MM-DD`, in local time (what people mean by "today"). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Who or what a timeline is about. */
export type TimelineOf = { contact: string } | { project: string } | { teammate: string };

/** Whether an interaction belongs on the timeline of `of`. */
export function isAbout(interaction: Interaction, of: TimelineOf): boolean {
  if ("contact" in of) return interaction.contacts.includes(of.contact);
  if ("project" in of) return interaction.project === of.project;
  return interaction.teammates.includes(of.teammate);
}

/** The interactions of a timeline, newest first (then by id, so the order is stable). */
export function timeline(interactions: ById<Interaction>, of: TimelineOf): Interaction[] {
  return Object.values(interactions)
    .filter((i) => isAbout(i, of))
    .sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
}

/** A new interaction dated today with the given people and project. */
export function blankInteraction(preset: Partial<Interaction> = {}): Interaction {
  return {
    id: "",
    date: todayIso(),
    channel: "in_person",
    contacts: [],
    teammates: [],
    project: null,
    sentiment: null,
    notes: "",
    ...preset,
  };
}

/** Expressed sentiment -2..+2 in words. */
export const SENTIMENT_LABELS: Record<number, string> = {
  [-2]: "Very negative",
  [-1]: "Negative",
  0: "Neutral",
  1: "Positive",
  2: "Very positive",
};

/** "+1 Positive", "-2 Very negative", "0 Neutral". */
export function sentimentText(sentiment: number): string {
  const sign = sentiment > 0 ? `+${sentiment}` : String(sentiment);
  return `${sign} ${SENTIMENT_LABELS[sentiment] ?? ""}`.trim();
}
