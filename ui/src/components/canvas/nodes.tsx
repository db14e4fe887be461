/** The canvas's node kinds: a project frame and a stake card. */
import {
  Handle,
  type Node,
  type NodeHandle,
  type NodeProps,
  NodeResizer,
  Position,
} from "@xyflow/react";
import { memo } from "react";
import type { Project } from "../../ipc/backend";
import { ROLE_LABELS, STATUS_LABELS, stanceClass, stanceLabel } from "../../model/labels";
import { CARD } from "../../model/records";
import { useMap } from "../../store/mapStore";
import { CoverageBadge } from "../CoverageBadge";
import { useFar } from "./lod";

export interface FrameData extends Record<string, unknown> {
  project: Project;
  organization: string | undefined;
  stakeCount: number;
  /** Smallest size that still holds the frame's cards. */
  minWidth: number;
  minHeight: number;
  onResized: (
    projectId: string,
    size: { x: number; y: number; width: number; height: number },
  ) => void;
}

export interface CardData extends Record<string, unknown> {
  label: string;
  name: string;
  title: string;
  role: keyof typeof ROLE_LABELS;
  stance: number;
  ownerInitials: string;
  ownerName: string;
  lastContact: string;
  projectCount: number;
}

export type FrameNode = Node<FrameData, "frame">;
export type CardNode = Node<CardData, "card">;

export const ProjectFrame = memo(function ProjectFrame({ data, selected }: NodeProps<FrameNode>) {
  const { project } = data;
  const coverage = useMap((s) => s.coverage[project.id]);
  const selectProject = useMap((s) => s.selectProject);
  // Zoomed out, the details are too small to read: only the name, count and coverage stay.
  const far = useFar();
  return (
    <section className="frame" aria-label={`Project: ${project.name}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={data.minWidth}
        minHeight={data.minHeight}
        lineClassName="frame-resize-line"
        handleClassName="frame-resize-handle"
        onResizeEnd={(_, p) => data.onResized(project.id, p)}
      />
      <header className="frame-header">
        <span className={`status-dot status-${project.status}`} aria-hidden="true" />
        <span className="frame-title">{project.name}</span>
        <span className="frame-meta">
          {far
            ? null
            : [data.organization, STATUS_LABELS[project.status], project.stage]
                .filter(Boolean)
                .join(" · ")}
        </span>
        <span className="frame-count" title="Stakeholders on this project">
          {data.stakeCount}
        </span>
        {coverage ? (
          <CoverageBadge
            score={coverage.score}
            band={coverage.band}
            className="nodrag"
            onClick={() => selectProject(project.id)}
          />
        ) : null}
      </header>
      {data.stakeCount === 0 ? <p className="frame-empty">No stakeholders mapped yet.</p> : null}
    </section>
  );
});

/** A card's words: name, owner, title, role, other projects, time since the last contact. */
function CardText({ data }: { data: CardData }) {
  return (
    <>
      <div className="card-top">
        <span className="card-name">{data.name}</span>
        {data.ownerInitials ? (
          <span className="owner" title={`Relationship held by ${data.ownerName}`}>
            {data.ownerInitials}
          </span>
        ) : null}
      </div>
      <div className="card-title">{data.title || "\u00a0"}</div>
      <div className="card-bottom">
        <span className="role">{ROLE_LABELS[data.role]}</span>
        {data.projectCount > 1 ? (
          <span className="multi" title={`On ${data.projectCount} projects`}>
            +{data.projectCount - 1} project{data.projectCount > 2 ? "s" : ""}
          </span>
        ) : null}
        <span className="last-contact" title="Since the last interaction">
          {data.lastContact || "never"}
        </span>
      </div>
    </>
  );
}

/** The link handle's size and how far it stands out of the card's right edge (styles.css). */
const LINK_HANDLE = { size: 12, outside: 7 } as const;
const centre = { x: CARD.width / 2, y: CARD.height / 2, width: 0, height: 0 };

/**
 * Where a card's handles are (`StakeCard` draws them there), given to React Flow with each card.
 * React Flow renders every node whose handles it does not know, in view or not, so as to measure
 * them: without these, the cards of the whole window (about 900 on a map of 2,000) were mounted
 * at once when they stopped being a picture, instead of the few in view (docs/benchmarks.md).
 * It still measures each card as it mounts. Edges run between the centre handles.
 */
export const CARD_HANDLES: NodeHandle[] = [
  { id: null, type: "target", position: Position.Left, ...centre },
  { id: null, type: "source", position: Position.Right, ...centre },
  {
    id: "link",
    type: "source",
    position: Position.Right,
    x: CARD.width + LINK_HANDLE.outside - LINK_HANDLE.size,
    y: (CARD.height - LINK_HANDLE.size) / 2,
    width: LINK_HANDLE.size,
    height: LINK_HANDLE.size,
  },
];

/** A frame has no handles (see `CARD_HANDLES` for why React Flow is told so). */
export const FRAME_HANDLES: NodeHandle[] = [];

export const StakeCard = memo(function StakeCard({ data }: NodeProps<CardNode>) {
  // Zoomed out, a card is a block in its stance's colour (level of detail, see lod.tsx); its
  // handles stay so that edges and relationship drawing keep their anchors.
  const far = useFar();
  return (
    <article
      className={`card ${stanceClass(data.stance)}${far ? " card-far" : ""}`}
      aria-label={data.label}
      title={`${data.name} — ${ROLE_LABELS[data.role]}, ${stanceLabel(data.stance)}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {far ? null : <CardText data={data} />}
      <Handle type="source" position={Position.Right} isConnectable={false} />
      {/* Drawn from to another card to add a relationship (edges use the centre handles). */}
      <Handle
        type="source"
        id="link"
        position={Position.Right}
        className="link-handle"
        title="Drag to another card to add a relationship"
      />
    </article>
  );
});

export const nodeTypes = { frame: ProjectFrame, card: StakeCard };
