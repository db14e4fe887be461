/** Words and colours for the model's values, as people see them. */
import type { ContactChannel, ProjectStatus, RelationshipKind, Role } from "../ipc/backend";

export const ROLE_LABELS: Record<Role, string> = {
  decision_maker: "Decision maker",
  economic_buyer: "Economic buyer",
  champion: "Champion",
  coach: "Coach",
  influencer: "Influencer",
  technical_evaluator: "Technical evaluator",
  user: "User",
  gatekeeper: "Gatekeeper / blocker",
  sponsor: "Sponsor",
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  active: "Active",
  on_hold: "On hold",
  won: "Won",
  lost: "Lost",
  done: "Done",
};

export const STATUSES = Object.keys(STATUS_LABELS) as ProjectStatus[];

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  in_person: "In person",
  video: "Video call",
  phone: "Phone",
  email: "Email",
  chat: "Chat",
  event: "Event",
};

export const RELATIONSHIP_LABELS: Record<RelationshipKind, string> = {
  reports_to: "Reports to",
  influences: "Influences",
  allies_with: "Allies with",
  conflicts_with: "Conflicts with",
};

/** Stance -2..+2, from opponent to champion. */
export const STANCE_LABELS: Record<number, string> = {
  [-2]: "Opponent",
  [-1]: "Skeptic",
  0: "Neutral",
  1: "Supporter",
  2: "Champion",
};

export function stanceLabel(stance: number): string {
  return STANCE_LABELS[stance] ?? "Neutral";
}

/** The CSS class that colours a stance. */
export function stanceClass(stance: number): string {
  if (stance <= -2) return "stance-opponent";
  if (stance < 0) return "stance-skeptic";
  if (stance === 0) return "stance-neutral";
  if (stance === 1) return "stance-supporter";
  return "stance-champion";
}

/** Initials of a name ("Alex Moreau" → "AM"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** "today", "3 d", "5 wk", "4 mo" since an ISO date. */
export function since(isoDate: string, today: Date = new Date()): string {
  const then = new Date(`${isoDate}T00:00:00`);
  const days = Math.round((startOfDay(today).getTime() - then.getTime()) / 86_400_000);
  if (Number.isNaN(days)) return "";
  if (days <= 0) return "today";
  if (days < 14) return `${days} d`;
  if (days < 70) return `${Math.round(days / 7)} wk`;
  return `${Math.round(days / 30)} mo`;
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}
