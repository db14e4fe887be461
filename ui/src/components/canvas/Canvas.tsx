/**
 * The map canvas: projects as frames, stakes as cards inside them, relationships as edges.
 * Frames and cards can be moved and frames resized; every move is stored (and undoable) when the
 * drag ends, so nothing is written while the pointer moves.
 */
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  type Node,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from "react";
import { errorMessage } from "../../ipc/backend";
import { put } from "../../model/records";
import { useMap } from "../../store/mapStore";
import { buildEdges, buildNodes } from "./graph";
import { type CardNode, type FrameData, type FrameNode, nodeTypes } from "./nodes";

type CanvasNode = FrameNode | CardNode;

/** What the rest of the app can ask of the canvas. */
export interface CanvasHandle {
  reveal: (projectId: string) => void;
  /** Selects the cards of these contacts in one project (only them). */
  selectContacts: (projectId: string, contactIds: string[]) => void;
}

interface Props {
  onAddProject: () => void;
}

export const Canvas = forwardRef<CanvasHandle, Props>(function Canvas({ onAddProject }, ref) {
  const organizations = useMap((s) => s.organizations);
  const teammates = useMap((s) => s.teammates);
  const contacts = useMap((s) => s.contacts);
  const projects = useMap((s) => s.projects);
  const stakes = useMap((s) => s.stakes);
  const relationships = useMap((s) => s.relationships);
  const interactions = useMap((s) => s.interactions);
  const run = useMap((s) => s.run);
  const notify = useMap((s) => s.notify);
  const selectProject = useMap((s) => s.selectProject);
  const flow = useRef<ReactFlowInstance<CanvasNode> | null>(null);

  const onResized = useCallback<FrameData["onResized"]>(
    (projectId, size) => {
      const project = useMap.getState().projects[projectId];
      if (!project) return;
      const frame = { x: size.x, y: size.y, width: size.width, height: size.height };
      run(put({ kind: "project", item: { ...project, frame } })).catch((error) =>
        notify({ tone: "error", text: errorMessage(error) }),
      );
    },
    [run, notify],
  );

  const data = {
    organizations,
    teammates,
    contacts,
    projects,
    stakes,
    relationships,
    interactions,
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when any table changes
  const built = useMemo(
    () => buildNodes(data, onResized),
    [organizations, teammates, contacts, projects, stakes, interactions, onResized],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when its tables change
  const edges = useMemo(() => buildEdges(data), [projects, stakes, relationships]);

  // Local copy for smooth dragging; the store stays the source of truth.
  const [nodes, setNodes] = useState<CanvasNode[]>(built);
  useEffect(() => {
    setNodes((current) => {
      const selected = new Set(current.filter((n) => n.selected).map((n) => n.id));
      return built.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n));
    });
  }, [built]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) =>
      setNodes((current) => applyNodeChanges(changes, current)),
    [],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      const state = useMap.getState();
      const ops = dragged.flatMap((node) => {
        const stake = state.stakes[node.id];
        if (stake) {
          if (stake.x === node.position.x && stake.y === node.position.y) return [];
          return [
            put({ kind: "stake", item: { ...stake, x: node.position.x, y: node.position.y } }),
          ];
        }
        const project = state.projects[node.id];
        if (project) {
          const frame = { ...project.frame, x: node.position.x, y: node.position.y };
          if (frame.x === project.frame.x && frame.y === project.frame.y) return [];
          return [put({ kind: "project", item: { ...project, frame } })];
        }
        return [];
      });
      if (ops.length === 0) return;
      const op =
        ops.length === 1 && ops[0] ? ops[0] : { op: "batch" as const, label: "Move items", ops };
      run(op).catch((error) => {
        notify({ tone: "error", text: errorMessage(error) });
        setNodes(buildNodes(useMap.getState(), onResized));
      });
    },
    [run, notify, onResized],
  );

  useImperativeHandle(ref, () => ({
    reveal: (projectId: string) => {
      const instance = flow.current;
      if (!instance) return;
      setNodes((current) => current.map((n) => ({ ...n, selected: n.id === projectId })));
      instance.fitView({ nodes: [{ id: projectId }], duration: 300, padding: 0.15, maxZoom: 1.2 });
    },
    selectContacts: (projectId: string, contactIds: string[]) => {
      const wanted = new Set(contactIds);
      const stakes = useMap.getState().stakes;
      setNodes((current) =>
        current.map((n) => {
          const stake = stakes[n.id];
          const selected = !!stake && stake.project === projectId && wanted.has(stake.contact);
          return n.selected === selected ? n : { ...n, selected };
        }),
      );
    },
  }));

  const onNodeClick = useCallback(
    (_: unknown, node: Node) => {
      const stake = useMap.getState().stakes[node.id];
      selectProject(stake ? stake.project : node.id);
    },
    [selectProject],
  );

  const empty = Object.keys(projects).length === 0;

  return (
    <section className="canvas" aria-label="Map canvas">
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onInit={(instance) => {
          flow.current = instance;
        }}
        zIndexMode="manual"
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        minZoom={0.1}
        maxZoom={2.5}
        fitView
        fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
      </ReactFlow>
      {empty ? (
        <div className="canvas-empty">
          <h2>Map your first project</h2>
          <p>
            Add a project, then place the people who have a stake in it. Each project becomes a
            frame on this canvas.
          </p>
          <button type="button" className="button primary" onClick={onAddProject}>
            Add project
          </button>
        </div>
      ) : null}
    </section>
  );
});
