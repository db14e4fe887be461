/**
 * The map canvas: projects as frames, stakes as cards inside them, relationships as edges.
 * Frames and cards can be moved and frames resized; every move is stored (and undoable) when the
 * drag ends, so nothing is written while the pointer moves. A card dropped on another frame moves
 * there (Ctrl/Cmd: the contact is placed there as well); contacts dragged from the list are
 * dropped here; a card's handle drawn to another card starts a relationship.
 */
import {
  applyEdgeChanges,
  ControlButton,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type InternalNode,
  type Node,
  type OnSelectionChangeParams,
  ReactFlow,
  type ReactFlowInstance,
  type Viewport,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { getViewportForBounds } from "@xyflow/system";
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from "react";
import { useShallow } from "zustand/react/shallow";
import { errorMessage, type Op } from "../../ipc/backend";
import { filtering, matches } from "../../model/filters";
import { box, CARD, put } from "../../model/records";
import { type Selection, useCanvas } from "../../store/canvasStore";
import { useMap } from "../../store/mapStore";
import { Icon } from "../Icon";
import { carryOut } from "./actions";
import { CanvasTools, Legend } from "./CanvasTools";
import { CardPicture } from "./cardPicture";
import { frameAt, frameClash, type Point, planCardDrop, planContactDrop } from "./drop";
import { fitPadding, KEEP_CLEAR, overlayInsets } from "./fit";
import { buildEdges, buildNodes } from "./graph";
import { CanvasBackground, detailSwitch, FULL, setDetail, usePicture, ZoomLevel } from "./lod";
import { CanvasMiniMap } from "./minimap";
import { boundsOf, edgesAmong, farSelected, nearby, nextWindow, type Rect } from "./nearby";
import { type CardNode, type FrameData, type FrameNode, nodeTypes } from "./nodes";
import { type PendingLink, RelationshipPicker } from "./RelationshipPicker";
import { keepUnchanged } from "./reuse";

type CanvasNode = FrameNode | CardNode;

/** What the rest of the app can ask of the canvas. */
export interface CanvasHandle {
  reveal: (projectId: string) => void;
  /** Selects the cards of these contacts in one project (only them). */
  selectContacts: (projectId: string, contactIds: string[]) => void;
  /** The rectangle of the map the canvas shows now, in flow coordinates (for "Export"). */
  viewRect: () => { x: number; y: number; width: number; height: number } | null;
}

interface Props {
  onAddProject: () => void;
}

/** Parts of the canvas a drop must not land on (they cover the map). */
const OVERLAYS =
  ".react-flow__panel, .react-flow__minimap, .react-flow__controls, .inspector, .link-picker";

// Props given as constants: a new object on each render would update React Flow's store (and
// run every node's selectors) on every frame of a drag.
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];
const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const MIN_ZOOM = 0.05;
const NO_IDS: string[] = [];

/** Where a stake's card is on the map (flow coordinates), from the store. */
function cardRect(stakeId: string): Rect | null {
  const { stakes, projects } = useMap.getState();
  const stake = stakes[stakeId];
  const project = stake ? projects[stake.project] : undefined;
  if (!stake || !project) return null;
  const frame = box(project.frame);
  return {
    x: frame.x + (stake.x ?? 0),
    y: frame.y + (stake.y ?? 0),
    width: CARD.width,
    height: CARD.height,
  };
}

/** `ms` for an animated move of the view, or none when the system asks for reduced motion. */
function motion(ms: number): number {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ? 0 : ms;
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
  const filters = useCanvas((s) => s.filters);
  const anonymous = useCanvas((s) => s.presentation && s.anonymous);
  const flow = useRef<ReactFlowInstance<CanvasNode> | null>(null);
  // Zoomed far out (below EDGE_ZOOM) the cards are one picture (cardPicture.tsx) and their
  // elements are hidden; only the 200-odd frames are elements, all rendered, so that a pan only
  // moves the view. Nearer, only what is in view is rendered. The picture ends only once the view
  // has come to rest nearer in (lod.tsx, `detailSwitch`).
  const pictured = usePicture();
  const [detail] = useState(() => detailSwitch(setDetail));
  const [fitted, setFitted] = useState(false);
  // Nearer in, React Flow is given only the frames around the view (nearby.ts).
  const [around, setAround] = useState<Rect | null>(null);
  // Called on every frame of a pan or zoom: state is set only when it changes, so that most
  // frames schedule no render of this component at all.
  const lastWindow = useRef<Rect | null>(null);
  const onMove = useCallback(
    (_: unknown, viewport: Viewport) => {
      detail.moved(viewport.zoom);
      const last = lastWindow.current;
      const next = nextWindow(last, viewport, window.innerWidth, window.innerHeight);
      if (next !== last) setAround(next);
      lastWindow.current = next;
    },
    [detail],
  );
  useEffect(
    () => () => {
      detail.stop();
      setDetail(FULL);
    },
    [detail],
  );
  const section = useRef<HTMLElement>(null);
  const [pending, setPending] = useState<PendingLink | null>(null);

  const data = {
    organizations,
    teammates,
    contacts,
    projects,
    stakes,
    relationships,
    interactions,
  };

  const resetRef = useRef<() => void>(() => {});

  const onResized = useCallback<FrameData["onResized"]>(
    (projectId, size) => {
      const state = useMap.getState();
      const project = state.projects[projectId];
      if (!project) return;
      const frame = { x: size.x, y: size.y, width: size.width, height: size.height };
      const clash = frameClash(projectId, frame, Object.values(state.projects));
      if (clash) {
        notify({
          tone: "error",
          text: `Frames cannot overlap: ${project.name} would cover ${clash.name}.`,
        });
        resetRef.current();
        return;
      }
      run(put({ kind: "project", item: { ...project, frame } })).catch((error) => {
        notify({ tone: "error", text: errorMessage(error) });
        resetRef.current();
      });
    },
    [run, notify],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when any table changes
  const built = useMemo(
    () => buildNodes(data, onResized, new Date(), anonymous),
    [organizations, teammates, contacts, projects, stakes, interactions, onResized, anonymous],
  );
  // Cards that do not match the filters are dimmed; zoomed far out, cards are hidden (drawn as
  // one picture instead).
  const shown = useMemo(() => {
    const active = filtering(filters);
    if (!active && !pictured) return built;
    return built.map((n) => {
      if (n.type !== "card") return n;
      const stake = stakes[n.id];
      const dimmed = active && !!stake && !matches(stake, contacts[stake.contact], filters);
      if (!dimmed && !pictured) return n;
      return {
        ...n,
        ...(dimmed ? { className: "dimmed" } : {}),
        ...(pictured ? { hidden: true } : {}),
      };
    });
  }, [built, filters, stakes, contacts, pictured]);
  // Only the selected nodes outside the window concern it: clicking a card in view (the start of
  // every drag) must not re-render the canvas. Compared item by item, so an equal list is no change.
  const far = useCanvas(
    useShallow(
      useCallback(
        (s: { selection: Selection }) =>
          around ? farSelected(s.selection.nodes, stakes, projects, around) : NO_IDS,
        [around, stakes, projects],
      ),
    ),
  );
  const near = useMemo(
    () => (pictured || !around ? shown : nearby(shown, around, new Set(far))),
    [shown, pictured, around, far],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when its tables change
  const allEdges = useMemo(() => buildEdges(data), [projects, stakes, relationships]);
  const builtEdges = useMemo(
    () => (near === shown ? allEdges : edgesAmong(allEdges, near)),
    [allEdges, near, shown],
  );

  // React Flow holds the nodes itself (uncontrolled), so that a drag moves a card in React Flow's
  // store alone: no render of this component and no second pass over 2,200 nodes on each pointer
  // move. The map store stays the source of truth: whenever it changes, React Flow is handed the
  // rebuilt nodes, keeping the objects it already has where nothing changed.
  const [edges, setEdges] = useState<Edge[]>(builtEdges);
  const [initialNodes] = useState(shown);
  const shownRef = useRef(near);
  shownRef.current = near;
  const setNodes = useCallback((update: (current: CanvasNode[]) => CanvasNode[]) => {
    flow.current?.setNodes(update);
  }, []);
  resetRef.current = () => setNodes((current) => keepUnchanged(current, shownRef.current));

  /**
   * Moves the view to show `rect` (flow coordinates) with `padding`, zoomed in at most `maxZoom`,
   * clear of the bars floating over the canvas (fit.ts), animated unless `instant`; resolves when
   * the view is there.
   */
  const showRect = useCallback(
    async (rect: Rect, padding: number, maxZoom: number, instant = false) => {
      const instance = flow.current;
      const element = section.current;
      const size = element?.getBoundingClientRect();
      if (!instance || !element || !size || size.width === 0 || size.height === 0) return;
      const overlays = [...element.querySelectorAll(KEEP_CLEAR)].map((o) =>
        o.getBoundingClientRect(),
      );
      const sides = fitPadding(padding, size.width, size.height, overlayInsets(size, overlays));
      const view = getViewportForBounds(rect, size.width, size.height, MIN_ZOOM, maxZoom, sides);
      await instance.setViewport(view, { duration: instant ? 0 : motion(300) });
    },
    [],
  );
  // The canvas's "fit view": the whole map, from the store. React Flow's own fit would leave out
  // the cards it has not measured, and it measures only those it has rendered.
  const fitAll = useCallback(
    async (instant = false) => {
      const frames = Object.values(useMap.getState().projects).map((p) => box(p.frame));
      const all = boundsOf(frames);
      if (all) await showRect(all, FIT_VIEW_OPTIONS.padding, FIT_VIEW_OPTIONS.maxZoom, instant);
    },
    [showRect],
  );
  useEffect(() => {
    setNodes((current) => keepUnchanged(current, near));
  }, [near, setNodes]);
  useEffect(() => {
    setEdges((current) => keepUnchanged(current, builtEdges));
  }, [builtEdges]);

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => setEdges((current) => applyEdgeChanges(changes, current)),
    [],
  );

  const onSelectionChange = useCallback(
    ({ nodes: chosen, edges: links }: OnSelectionChangeParams) => {
      const ids = new Set<string>();
      for (const edge of links) {
        const id = (edge.data as { relationship?: string } | undefined)?.relationship;
        if (id) ids.add(id);
      }
      useCanvas.getState().select({ nodes: chosen.map((n) => n.id), relationships: [...ids] });
    },
    [],
  );

  const onNodeDragStop = useCallback(
    (event: { ctrlKey: boolean; metaKey: boolean }, _node: Node, dragged: Node[]) => {
      const state = useMap.getState();
      const all = Object.values(state.projects);
      const copy = event.ctrlKey || event.metaKey;
      const movedFrames = new Set(dragged.filter((n) => state.projects[n.id]).map((n) => n.id));
      const ops: Op[] = [];
      const words: string[] = [];
      let refusal: string | null = null;
      for (const node of dragged) {
        const stake = state.stakes[node.id];
        if (stake) {
          if (movedFrames.has(stake.project)) continue; // It moved with its frame.
          const home = state.projects[stake.project];
          if (!home) continue;
          const origin = box(home.frame);
          const corner = { x: origin.x + node.position.x, y: origin.y + node.position.y };
          const centre = { x: corner.x + CARD.width / 2, y: corner.y + CARD.height / 2 };
          const name = state.contacts[stake.contact]?.name ?? "This contact";
          const target = frameAt(centre, all);
          const plan = planCardDrop(
            stake,
            corner,
            target,
            state.projects,
            state.stakes,
            copy,
            name,
          );
          if (!plan) continue;
          if ("refusal" in plan) {
            refusal = plan.refusal;
            break;
          }
          ops.push(put({ kind: "stake", item: plan.stake }));
          if (plan.stake.project !== stake.project && target) {
            words.push(
              plan.created
                ? `Also placed ${name} on ${target.name}`
                : `Moved ${name} to ${target.name}`,
            );
          }
          continue;
        }
        const project = state.projects[node.id];
        if (project) {
          const frame = { ...project.frame, x: node.position.x, y: node.position.y };
          if (frame.x === project.frame.x && frame.y === project.frame.y) continue;
          const others = all.filter((p) => !movedFrames.has(p.id));
          const clash = frameClash(project.id, box(frame), others);
          if (clash) {
            refusal = `Frames cannot overlap: ${project.name} would cover ${clash.name}.`;
            break;
          }
          ops.push(put({ kind: "project", item: { ...project, frame } }));
        }
      }
      if (refusal) {
        notify({ tone: "error", text: refusal });
        resetRef.current();
        return;
      }
      const [only] = ops;
      if (!only) {
        resetRef.current();
        return;
      }
      const op: Op =
        ops.length === 1 ? only : { op: "batch", label: `Move ${ops.length} items`, ops };
      const notice = words.length === 1 && words[0] ? words[0] : null;
      run(op, notice ? { tone: "info", text: notice, undo: true } : undefined)
        .then(() => resetRef.current())
        .catch((error) => {
          notify({ tone: "error", text: errorMessage(error) });
          resetRef.current();
        });
    },
    [run, notify],
  );

  /** The card under a point of the canvas (flow coordinates), if any. */
  const cardAt = useCallback((point: Point): string | undefined => {
    const instance = flow.current;
    if (!instance) return undefined;
    const hits = instance.getIntersectingNodes(
      { x: point.x - 1, y: point.y - 1, width: 2, height: 2 },
      true,
    );
    return hits.find((n) => n.type === "card")?.id;
  }, []);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState<InternalNode>) => {
      const instance = flow.current;
      const from = connection.fromNode?.id;
      if (!instance || !from) return;
      const touch = "changedTouches" in event ? event.changedTouches[0] : undefined;
      const client = touch
        ? { x: touch.clientX, y: touch.clientY }
        : { x: (event as MouseEvent).clientX, y: (event as MouseEvent).clientY };
      const to =
        connection.toNode?.type === "card"
          ? connection.toNode.id
          : cardAt(instance.screenToFlowPosition(client));
      const { stakes: all } = useMap.getState();
      const a = all[from];
      const b = to ? all[to] : undefined;
      if (!a || !b || a.contact === b.contact) return;
      const rect = section.current?.getBoundingClientRect();
      setPending({
        from: a.contact,
        to: b.contact,
        at: { x: client.x - (rect?.left ?? 0), y: client.y - (rect?.top ?? 0) },
      });
    },
    [cardAt],
  );

  useEffect(() => {
    const dropContact = async (contactId: string, client: Point) => {
      const instance = flow.current;
      const element = section.current;
      if (!instance || !element) return;
      const rect = element.getBoundingClientRect();
      const inside =
        client.x >= rect.left &&
        client.x <= rect.right &&
        client.y >= rect.top &&
        client.y <= rect.bottom;
      if (!inside) return;
      const under = document.elementFromPoint?.(client.x, client.y);
      if (under?.closest(OVERLAYS)) return;
      const { contacts: people, projects: all, stakes: placed } = useMap.getState();
      const contact = people[contactId];
      if (!contact) return;
      const point = instance.screenToFlowPosition(client);
      await carryOut(planContactDrop(contact, point, Object.values(all), placed));
    };
    const focusNode = (id: string) => {
      const instance = flow.current;
      if (!instance) return;
      useCanvas.getState().select({ nodes: [id], relationships: [] });
      setNodes((current) =>
        current.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
      );
      // From the store: the card may be far from the view (not given to React Flow yet, see
      // nearby.ts) or hidden (zoomed far out, cardPicture.tsx).
      const rect = cardRect(id);
      if (rect) showRect(rect, 0.6, 1.2);
    };
    useCanvas.setState({ dropContact, focusNode });
    return () => useCanvas.setState({ dropContact: null, focusNode: null });
  }, [setNodes, showRect]);

  useImperativeHandle(ref, () => ({
    viewRect: () => {
      const instance = flow.current;
      const box = section.current?.getBoundingClientRect();
      if (!instance || !box || box.width === 0 || box.height === 0) return null;
      const from = instance.screenToFlowPosition({ x: box.left, y: box.top });
      const to = instance.screenToFlowPosition({ x: box.right, y: box.bottom });
      return { x: from.x, y: from.y, width: to.x - from.x, height: to.y - from.y };
    },
    reveal: (projectId: string) => {
      const project = useMap.getState().projects[projectId];
      if (!project) return;
      useCanvas.getState().select({ nodes: [projectId], relationships: [] });
      setNodes((current) => current.map((n) => ({ ...n, selected: n.id === projectId })));
      showRect(box(project.frame), 0.15, 1.2);
    },
    selectContacts: (projectId: string, contactIds: string[]) => {
      const wanted = new Set(contactIds);
      const stakes = useMap.getState().stakes;
      const ids = Object.values(stakes)
        .filter((s) => s.project === projectId && wanted.has(s.contact))
        .map((s) => s.id);
      useCanvas.getState().select({ nodes: ids, relationships: [] });
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
    <section ref={section} className={fitted ? "canvas" : "canvas fitting"} aria-label="Map canvas">
      <ReactFlow<CanvasNode>
        defaultNodes={initialNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onEdgesChange={onEdgesChange}
        onSelectionChange={onSelectionChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onConnectEnd={onConnectEnd}
        onInit={(instance) => {
          flow.current = instance;
          // Fitted once React Flow knows its size, and only then shown (until then the map would
          // flash at zoom 1, and a quick pointer would miss its frames).
          resetRef.current();
          const shown = () => setFitted(true);
          fitAll(true).then(shown, shown);
          setTimeout(shown, 2000);
        }}
        zIndexMode="manual"
        nodesConnectable
        edgesFocusable
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        proOptions={PRO_OPTIONS}
        onlyRenderVisibleElements={!pictured}
        onMove={onMove}
      >
        <CanvasBackground />
        <CardPicture />
        <ZoomLevel />
        {/* React Flow's own fit button also runs React Flow's fit, which waits for nodes it has
            not measured (most of them: see nodes.tsx) and then moves the view, long after. */}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton
            className="react-flow__controls-fitview"
            onClick={() => fitAll()}
            title="Fit view"
            aria-label="Fit view"
          >
            <Icon name="fit" />
          </ControlButton>
        </Controls>
        <CanvasMiniMap />
        <CanvasTools />
        <Legend />
      </ReactFlow>
      {pending ? <RelationshipPicker link={pending} onClose={() => setPending(null)} /> : null}
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
