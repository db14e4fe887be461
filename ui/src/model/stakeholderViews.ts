/**
 * The geometry of a project's two people views: the power/interest grid (Mendelow) and the org
 * chart drawn from "reports to" lines (laid out with dagre), with "influences" as dotted lines.
 */
import dagre from "@dagrejs/dagre";
import type { Contact, Relationship, Stake } from "../ipc/backend";
import type { ById } from "../store/mapStore";

/** Mendelow's quadrants. Influence or interest of 4 or 5 is high (as coverage counts influence). */
export type Quadrant = "manage_closely" | "keep_satisfied" | "keep_informed" | "monitor";

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  manage_closely: "Manage closely",
  keep_satisfied: "Keep satisfied",
  keep_informed: "Keep informed",
  monitor: "Monitor",
};

/** From this level up, influence and interest count as high. */
export const HIGH = 4;

export function quadrant(influence: number, interest: number): Quadrant {
  const power = influence >= HIGH;
  const keen = interest >= HIGH;
  if (power) return keen ? "manage_closely" : "keep_satisfied";
  return keen ? "keep_informed" : "monitor";
}

export interface GridDot {
  stake: Stake;
  name: string;
  quadrant: Quadrant;
  /** Centre, in grid units: x = interest, y = influence, both 0.5..5.5. */
  x: number;
  y: number;
}

/**
 * One dot per stakeholder at (interest, influence); several at the same place are spread on a
 * small circle around it so that each stays visible and clickable.
 */
export function gridDots(stakes: Stake[], contacts: ById<Contact>): GridDot[] {
  const groups = new Map<string, Stake[]>();
  for (const s of stakes) {
    const key = `${s.interest}:${s.influence}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const dots: GridDot[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) =>
      (contacts[a.contact]?.name ?? "").localeCompare(contacts[b.contact]?.name ?? ""),
    );
    group.forEach((stake, n) => {
      const spread = group.length > 1 ? 0.28 : 0;
      const angle = (2 * Math.PI * n) / group.length - Math.PI / 2;
      dots.push({
        stake,
        name: contacts[stake.contact]?.name ?? "Unknown",
        quadrant: quadrant(stake.influence, stake.interest),
        x: stake.interest + spread * Math.cos(angle),
        y: stake.influence + spread * Math.sin(angle),
      });
    });
  }
  return dots;
}

export interface ChartNode {
  contact: string;
  name: string;
  title: string;
  /** Whether they hold a stake in the project (the others are people around them). */
  stakeholder: boolean;
  x: number;
  y: number;
}

export interface ChartLine {
  id: string;
  kind: "reports_to" | "influences";
  points: { x: number; y: number }[];
}

export interface OrgChartLayout {
  nodes: ChartNode[];
  lines: ChartLine[];
  width: number;
  height: number;
}

export const NODE = { width: 168, height: 44 } as const;

/**
 * The org chart of a project: its stakeholders and the people one "reports to" or "influences"
 * line away from them, managers above their reports. Only reporting lines shape the layout;
 * influence is drawn straight across it.
 */
export function orgChart(
  projectId: string,
  stakes: ById<Stake>,
  contacts: ById<Contact>,
  relationships: ById<Relationship>,
): OrgChartLayout {
  const stakeholders = new Set(
    Object.values(stakes)
      .filter((s) => s.project === projectId)
      .map((s) => s.contact),
  );
  const links = Object.values(relationships).filter(
    (r) =>
      (r.kind === "reports_to" || r.kind === "influences") && contacts[r.from] && contacts[r.to],
  );
  const members = new Set(stakeholders);
  for (const r of links) {
    if (stakeholders.has(r.from) || stakeholders.has(r.to)) {
      members.add(r.from);
      members.add(r.to);
    }
  }
  const shown = links.filter((r) => members.has(r.from) && members.has(r.to));

  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 56, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = [...members].sort((a, b) =>
    (contacts[a]?.name ?? "").localeCompare(contacts[b]?.name ?? ""),
  );
  for (const id of ids) g.setNode(id, { width: NODE.width, height: NODE.height });
  // Manager above report: the edge runs from the manager ("to") down to the report ("from").
  for (const r of shown) if (r.kind === "reports_to") g.setEdge(r.to, r.from, {}, r.id);
  dagre.layout(g);

  const nodes: ChartNode[] = ids.map((id) => {
    const at = g.node(id);
    return {
      contact: id,
      name: contacts[id]?.name ?? "Unknown",
      title: contacts[id]?.title ?? "",
      stakeholder: stakeholders.has(id),
      x: at?.x ?? 0,
      y: at?.y ?? 0,
    };
  });
  const place = new Map(nodes.map((n) => [n.contact, n]));
  const lines: ChartLine[] = shown.map((r) => {
    if (r.kind === "reports_to") {
      const edge = g.edge(r.to, r.from, r.id);
      const points = edge?.points?.map((p: { x: number; y: number }) => ({ x: p.x, y: p.y }));
      if (points && points.length > 0) return { id: r.id, kind: r.kind, points };
    }
    const from = place.get(r.from);
    const to = place.get(r.to);
    return {
      id: r.id,
      kind: r.kind as ChartLine["kind"],
      points:
        from && to
          ? [
              { x: from.x, y: from.y },
              { x: to.x, y: to.y },
            ]
          : [],
    };
  });
  const graph = g.graph();
  return { nodes, lines, width: graph.width ?? 0, height: graph.height ?? 0 };
}
