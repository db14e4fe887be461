/**
 * What a drop on the canvas means, without the DOM: which frame is under a point, where a card
 * lands inside it, and the operation that stores a contact dropped from the list or a card dropped
 * on another frame (moved, or copied with Ctrl/Cmd). Points are in flow coordinates.
 */
import type { Op, Project, Stake } from "../../ipc/backend";
import { box, CARD, overlaps, put } from "../../model/records";
import type { ById } from "../../store/mapStore";

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room for a frame's header: cards are kept below it. */
export const FRAME_HEADER = 44;
/** Gap kept between a card and its frame's border. */
const MARGIN = 8;

/** The project whose frame holds `point` (the last drawn, on top, if frames overlap). */
export function frameAt(point: Point, projects: Project[]): Project | undefined {
  let found: Project | undefined;
  for (const project of projects) {
    const b = box(project.frame);
    if (point.x >= b.x && point.x <= b.x + b.width && point.y >= b.y && point.y <= b.y + b.height) {
      found = project;
    }
  }
  return found;
}

/**
 * A card's place inside a frame (relative to it) for a card whose top-left corner is at `corner`
 * on the canvas, moved inside the frame if it sticks out.
 */
export function placeInFrame(corner: Point, frame: Rect): Point {
  const maxX = Math.max(MARGIN, frame.width - CARD.width - MARGIN);
  const maxY = Math.max(FRAME_HEADER, frame.height - CARD.height - MARGIN);
  return {
    x: Math.round(Math.min(maxX, Math.max(MARGIN, corner.x - frame.x))),
    y: Math.round(Math.min(maxY, Math.max(FRAME_HEADER, corner.y - frame.y))),
  };
}

/** The top-left corner of a card held by its centre at `point`. */
export function cornerAt(point: Point): Point {
  return { x: point.x - CARD.width / 2, y: point.y - CARD.height / 2 };
}

/** What a drop does: store `op`, refuse with a message, or nothing (dropped outside frames). */
export type DropPlan = { op: Op; notice: string } | { refusal: string } | null;

function stakeOf(stakes: ById<Stake>, project: string, contact: string): Stake | undefined {
  return Object.values(stakes).find((s) => s.project === project && s.contact === contact);
}

function refusalFor(name: string, project: Project): { refusal: string } {
  return { refusal: `${name} is already on ${project.name}: a contact has one card per project.` };
}

/** A new stake with the default role and a neutral stance. */
export function newStake(project: string, contact: string, at: Point): Stake {
  return {
    id: "",
    project,
    contact,
    role: "influencer",
    stance: 0,
    influence: 3,
    interest: 3,
    owner: null,
    health: null,
    notes: "",
    x: at.x,
    y: at.y,
  };
}

/** A contact from the list dropped with the pointer at `point`. */
export function planContactDrop(
  contact: { id: string; name: string },
  point: Point,
  projects: Project[],
  stakes: ById<Stake>,
): DropPlan {
  const project = frameAt(point, projects);
  if (!project) return null;
  if (stakeOf(stakes, project.id, contact.id)) return refusalFor(contact.name, project);
  const at = placeInFrame(cornerAt(point), box(project.frame));
  return {
    op: put({ kind: "stake", item: newStake(project.id, contact.id, at) }),
    notice: `Placed ${contact.name} on ${project.name}`,
  };
}

/**
 * A card dropped with its top-left corner at `corner` (canvas coordinates) and the pointer over
 * `target`: kept in its frame, moved to `target`, or copied there (`copy`, the original stays).
 * Returns the stake as it should be stored, or a refusal.
 */
export function planCardDrop(
  stake: Stake,
  corner: Point,
  target: Project | undefined,
  projects: ById<Project>,
  stakes: ById<Stake>,
  copy: boolean,
  name: string,
): { stake: Stake; created: boolean } | { refusal: string } | null {
  const home = projects[stake.project];
  if (!home) return null;
  if (!target || target.id === home.id) {
    // Dropped in its own frame or outside any frame: it stays in its own frame.
    const at = placeInFrame(corner, box(home.frame));
    if (at.x === stake.x && at.y === stake.y) return null;
    return { stake: { ...stake, ...at }, created: false };
  }
  if (stakeOf(stakes, target.id, stake.contact)) return refusalFor(name, target);
  const at = placeInFrame(corner, box(target.frame));
  if (copy) return { stake: { ...stake, id: "", project: target.id, ...at }, created: true };
  return { stake: { ...stake, project: target.id, ...at }, created: false };
}

/** The other project whose frame `frame` would overlap, if any. */
export function frameClash(id: string, frame: Rect, projects: Project[]): Project | undefined {
  return projects.find((p) => p.id !== id && overlaps(frame, p.frame));
}
