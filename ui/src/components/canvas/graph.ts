/** Turns the map data into React Flow nodes and edges. */
import type { Edge } from "@xyflow/react";
import type { RelationshipKind } from "../../ipc/backend";
import { initials, since } from "../../model/labels";
import { CARD } from "../../model/records";
import { lastContactDates, projectCounts } from "../../model/selectors";
import type { MapData } from "../../store/mapStore";
import {
  CARD_HANDLES,
  type CardNode,
  FRAME_HANDLES,
  type FrameData,
  type FrameNode,
} from "./nodes";

const EDGE_CLASS: Record<RelationshipKind, string> = {
  reports_to: "edge-reports",
  influences: "edge-influences",
  allies_with: "edge-allies",
  conflicts_with: "edge-conflicts",
};

/**
 * Frames first (React Flow needs parents before children), then cards. Cards are not held inside
 * their frame while dragged (they may go to another frame); the drop puts them back inside.
 * `anonymous` shows initials instead of names (presentation mode).
 */
export function buildNodes(
  data: MapData,
  onResized: FrameData["onResized"],
  today: Date = new Date(),
  anonymous = false,
): (FrameNode | CardNode)[] {
  const stakesByProject = new Map<string, MapData["stakes"][string][]>();
  for (const stake of Object.values(data.stakes)) {
    const list = stakesByProject.get(stake.project) ?? [];
    list.push(stake);
    stakesByProject.set(stake.project, list);
  }
  const lastSeen = lastContactDates(data.interactions);
  const counts = projectCounts(data.stakes);
  const nodes: (FrameNode | CardNode)[] = [];
  const cards: CardNode[] = [];
  for (const project of Object.values(data.projects)) {
    const stakes = stakesByProject.get(project.id) ?? [];
    let minWidth = 240;
    let minHeight = 160;
    for (const stake of stakes) {
      minWidth = Math.max(minWidth, (stake.x ?? 0) + CARD.width + 16);
      minHeight = Math.max(minHeight, (stake.y ?? 0) + CARD.height + 16);
    }
    nodes.push({
      id: project.id,
      type: "frame",
      position: { x: project.frame.x ?? 0, y: project.frame.y ?? 0 },
      width: project.frame.width ?? 660,
      height: project.frame.height ?? 420,
      dragHandle: ".frame-header",
      handles: FRAME_HANDLES,
      zIndex: 0,
      data: {
        project,
        organization: project.organization
          ? data.organizations[project.organization]?.name
          : undefined,
        stakeCount: stakes.length,
        minWidth,
        minHeight,
        onResized,
      },
    });
    for (const stake of stakes) {
      const contact = data.contacts[stake.contact];
      const owner = stake.owner ? data.teammates[stake.owner] : undefined;
      const seen = lastSeen.get(stake.contact);
      cards.push({
        id: stake.id,
        type: "card",
        parentId: project.id,
        position: { x: stake.x ?? 0, y: stake.y ?? 0 },
        width: CARD.width,
        height: CARD.height,
        handles: CARD_HANDLES,
        zIndex: 2,
        data: {
          label: `Stake: ${contact?.name ?? "?"} on ${project.name}`,
          name:
            anonymous && contact ? initials(contact.name) : (contact?.name ?? "Unknown contact"),
          title: contact?.title ?? "",
          role: stake.role,
          stance: stake.stance,
          ownerInitials: owner ? initials(owner.name) : "",
          ownerName: owner?.name ?? "",
          lastContact: seen ? since(seen, today) : "",
          projectCount: counts.get(stake.contact) ?? 1,
        },
      });
    }
  }
  return nodes.concat(cards);
}

/**
 * An edge between the cards of two related contacts on the same project (one per project they
 * share, in the projects' order). Indexed by contact, so it costs the relationships times the
 * few projects each contact is on, not times every project.
 */
export function buildEdges(data: MapData): Edge[] {
  const order = new Map<string, number>();
  for (const id of Object.keys(data.projects)) order.set(id, order.size);
  // contact → project → card
  const cardsOf = new Map<string, Map<string, string>>();
  for (const stake of Object.values(data.stakes)) {
    if (!order.has(stake.project)) continue;
    const cards = cardsOf.get(stake.contact) ?? new Map<string, string>();
    cards.set(stake.project, stake.id);
    cardsOf.set(stake.contact, cards);
  }
  const edges: Edge[] = [];
  for (const relationship of Object.values(data.relationships)) {
    const from = cardsOf.get(relationship.from);
    const to = cardsOf.get(relationship.to);
    if (!from || !to) continue;
    const shared = [...from.keys()].filter((project) => to.has(project));
    shared.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const project of shared) {
      edges.push({
        id: `${relationship.id}|${project}`,
        source: from.get(project) as string,
        target: to.get(project) as string,
        type: "straight",
        className: EDGE_CLASS[relationship.kind],
        zIndex: 1,
        data: { relationship: relationship.id },
      });
    }
  }
  return edges;
}
