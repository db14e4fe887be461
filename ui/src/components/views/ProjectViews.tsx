/**
 * A project's people views: the power/interest grid of its stakeholders (Mendelow quadrants,
 * dots coloured by stance) and the org chart drawn from "reports to" lines, with "influences" as
 * dotted lines. Choosing a person selects them on the canvas.
 */
import { useMemo, useState } from "react";
import { stanceClass, stanceLabel } from "../../model/labels";
import {
  gridDots,
  NODE,
  orgChart,
  QUADRANT_LABELS,
  type Quadrant,
} from "../../model/stakeholderViews";
import { useMap } from "../../store/mapStore";
import { Dialog } from "../Dialog";
import "../views.css";

/** Size of one grid unit (one step of influence or interest), in SVG units. */
const UNIT = 90;
const PAD = 40;

function fillOf(stance: number): string {
  return stanceClass(stance).replace("stance-", "stance-fill-");
}

/** The quadrant's corner: x, y (top left) in grid units, high values up and right. */
const QUADRANTS: { quadrant: Quadrant; x: number; y: number; w: number; h: number }[] = [
  { quadrant: "keep_satisfied", x: 0.5, y: 5.5, w: 3, h: 2 },
  { quadrant: "manage_closely", x: 3.5, y: 5.5, w: 2, h: 2 },
  { quadrant: "monitor", x: 0.5, y: 3.5, w: 3, h: 3 },
  { quadrant: "keep_informed", x: 3.5, y: 3.5, w: 2, h: 3 },
];

export function PowerGrid({
  projectId,
  onSelect,
}: {
  projectId: string;
  onSelect: (contactId: string) => void;
}) {
  const stakes = useMap((s) => s.stakes);
  const contacts = useMap((s) => s.contacts);
  const dots = useMemo(
    () =>
      gridDots(
        Object.values(stakes).filter((s) => s.project === projectId),
        contacts,
      ),
    [stakes, contacts, projectId],
  );
  const px = (x: number) => PAD + (x - 0.5) * UNIT;
  const py = (y: number) => PAD + (5.5 - y) * UNIT;
  const size = 5 * UNIT + 2 * PAD;
  return (
    <figure className="view">
      <svg
        className="power-grid"
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label="Power/interest grid"
      >
        {QUADRANTS.map((q) => (
          <g key={q.quadrant}>
            <rect
              className="quadrant"
              x={px(q.x)}
              y={py(q.y)}
              width={q.w * UNIT}
              height={q.h * UNIT}
            />
            <text className="quadrant-label" x={px(q.x) + 8} y={py(q.y) + 18}>
              {QUADRANT_LABELS[q.quadrant]}
            </text>
          </g>
        ))}
        <text className="axis-label" x={size / 2} y={size - 10} textAnchor="middle">
          Interest →
        </text>
        <text
          className="axis-label"
          x={14}
          y={size / 2}
          textAnchor="middle"
          transform={`rotate(-90 14 ${size / 2})`}
        >
          Influence →
        </text>
        {dots.map((d) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>
          <g
            key={d.stake.id}
            role="button"
            tabIndex={0}
            aria-label={`${d.name}: ${QUADRANT_LABELS[d.quadrant]}, influence ${d.stake.influence}, interest ${d.stake.interest}, ${stanceLabel(d.stake.stance).toLowerCase()}`}
            onClick={() => onSelect(d.stake.contact)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onSelect(d.stake.contact);
              }
            }}
          >
            <circle className={`dot ${fillOf(d.stake.stance)}`} cx={px(d.x)} cy={py(d.y)} r={9} />
            <text className="dot-name" x={px(d.x) + 12} y={py(d.y) + 4}>
              {d.name}
            </text>
          </g>
        ))}
      </svg>
      {dots.length === 0 ? <figcaption className="empty">No stakeholders yet.</figcaption> : null}
    </figure>
  );
}

export function OrgChart({
  projectId,
  onSelect,
}: {
  projectId: string;
  onSelect: (contactId: string) => void;
}) {
  const stakes = useMap((s) => s.stakes);
  const contacts = useMap((s) => s.contacts);
  const relationships = useMap((s) => s.relationships);
  const chart = useMemo(
    () => orgChart(projectId, stakes, contacts, relationships),
    [projectId, stakes, contacts, relationships],
  );
  if (chart.nodes.length === 0) return <p className="empty">No stakeholders yet.</p>;
  return (
    <figure className="view">
      <svg
        className="org-chart"
        viewBox={`0 0 ${Math.max(chart.width, NODE.width)} ${Math.max(chart.height, NODE.height)}`}
        role="img"
        aria-label="Org chart"
      >
        {chart.lines.map((line) => (
          <polyline
            key={line.id}
            className={line.kind === "reports_to" ? "reports" : "influences"}
            data-kind={line.kind}
            points={line.points.map((p) => `${p.x},${p.y}`).join(" ")}
          />
        ))}
        {chart.nodes.map((n) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>
          <g
            key={n.contact}
            className={`node${n.stakeholder ? " stakeholder" : ""}`}
            role="button"
            tabIndex={0}
            aria-label={`${n.name}${n.title ? `, ${n.title}` : ""}${n.stakeholder ? "" : " (not on the project)"}`}
            transform={`translate(${n.x - NODE.width / 2} ${n.y - NODE.height / 2})`}
            onClick={() => onSelect(n.contact)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onSelect(n.contact);
              }
            }}
          >
            <rect width={NODE.width} height={NODE.height} rx={6} />
            <text className="node-name" x={8} y={18}>
              {n.name}
            </text>
            <text className="node-title" x={8} y={34}>
              {n.title}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="muted">
        Solid lines: reports to (manager above). Dotted: influences. Outlined: on the project.
      </figcaption>
    </figure>
  );
}

export type ProjectView = "grid" | "org";

/** The two views of one project in a dialog, with tabs to switch. */
export function ProjectViewsDialog({
  projectId,
  initial,
  onSelect,
  onClose,
}: {
  projectId: string;
  initial: ProjectView;
  onSelect: (contactId: string) => void;
  onClose: () => void;
}) {
  const name = useMap((s) => s.projects[projectId]?.name ?? "Project");
  const [view, setView] = useState<ProjectView>(initial);
  return (
    <Dialog label={`${name}: people`} onClose={onClose} className="views-dialog">
      <div className="views-body">
        <div className="views-tabs" role="tablist" aria-label="Views">
          <button
            type="button"
            role="tab"
            aria-selected={view === "grid"}
            className={`button small${view === "grid" ? " primary" : ""}`}
            onClick={() => setView("grid")}
          >
            Power/interest grid
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === "org"}
            className={`button small${view === "org" ? " primary" : ""}`}
            onClick={() => setView("org")}
          >
            Org chart
          </button>
        </div>
        <div role="tabpanel">
          {view === "grid" ? (
            <PowerGrid projectId={projectId} onSelect={onSelect} />
          ) : (
            <OrgChart projectId={projectId} onSelect={onSelect} />
          )}
        </div>
      </div>
    </Dialog>
  );
}
