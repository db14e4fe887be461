/**
 * Putting a contact on a project from the contact list: by dragging it onto a frame with the
 * pointer (mouse, touch or pen; a ghost follows the pointer, Escape cancels), or from the
 * keyboard with the "Place on project…" menu.
 */
import {
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { createPortal } from "react-dom";
import type { Contact } from "../ipc/backend";
import { byName } from "../model/selectors";
import { useCanvas } from "../store/canvasStore";
import { useMap } from "../store/mapStore";
import { placeContact } from "./canvas/actions";
import { Icon } from "./Icon";

/** How far (px) the pointer moves before a press becomes a drag. */
const THRESHOLD = 4;

/** Puts the drag ghost next to the pointer (no React render on the drag path). */
function moveGhost(ghost: HTMLElement | null, x: number, y: number) {
  if (ghost) ghost.style.transform = `translate(${x + 10}px, ${y + 10}px)`;
}

interface Session {
  contact: Contact;
  start: { x: number; y: number };
  at: { x: number; y: number };
  active: boolean;
  stop: () => void;
}

/**
 * Pointer dragging of contacts: `start(contact)` handles a list item's pointerdown; `ghost` is
 * the element to render (shown while dragging).
 */
export function useContactDrag() {
  const [dragged, setDragged] = useState<Contact | null>(null);
  const ghost = useRef<HTMLDivElement>(null);
  const session = useRef<Session | null>(null);

  useEffect(() => {
    if (!dragged) return;
    const at = session.current?.at;
    if (at) moveGhost(ghost.current, at.x, at.y);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      session.current?.stop();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [dragged]);

  useEffect(() => () => session.current?.stop(), []);

  // Stable, so that list rows given it re-render only when their contact changes.
  const start = useCallback(
    (contact: Contact) => (event: ReactPointerEvent<HTMLElement>) => {
      if (event.button !== 0 || !event.isPrimary) return;
      if ((event.target as HTMLElement).closest("button, input, [role=menu]")) return;
      session.current?.stop();
      const element = event.currentTarget;
      const pointerId = event.pointerId;
      try {
        element.setPointerCapture(pointerId);
      } catch {
        // Synthetic or already-released pointers cannot be captured; window listeners still see them.
      }
      const onMove = (e: PointerEvent) => {
        const s = session.current;
        if (!s || e.pointerId !== pointerId) return;
        s.at = { x: e.clientX, y: e.clientY };
        if (!s.active && Math.hypot(e.clientX - s.start.x, e.clientY - s.start.y) > THRESHOLD) {
          s.active = true;
          setDragged(contact);
        }
        if (s.active) {
          e.preventDefault();
          moveGhost(ghost.current, e.clientX, e.clientY);
        }
      };
      const onUp = (e: PointerEvent) => {
        const s = session.current;
        if (!s || e.pointerId !== pointerId) return;
        const drop = s.active;
        s.stop();
        if (drop) useCanvas.getState().dropContact?.(contact.id, { x: e.clientX, y: e.clientY });
      };
      const onCancel = (e: PointerEvent) => {
        if (e.pointerId === pointerId) session.current?.stop();
      };
      const stop = () => {
        window.removeEventListener("pointermove", onMove);
        window.removeEventListener("pointerup", onUp);
        window.removeEventListener("pointercancel", onCancel);
        try {
          if (element.hasPointerCapture?.(pointerId)) element.releasePointerCapture(pointerId);
        } catch {
          // Already released.
        }
        session.current = null;
        setDragged(null);
      };
      // On the window: captured events still bubble there, and uncaptured ones arrive too.
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", onUp);
      window.addEventListener("pointercancel", onCancel);
      const at = { x: event.clientX, y: event.clientY };
      session.current = { contact, start: at, at, active: false, stop };
    },
    [],
  );

  const ghostElement = dragged
    ? createPortal(
        <div ref={ghost} className="drag-ghost" aria-hidden="true">
          {dragged.name}
          <span className="drag-ghost-hint">Drop on a project · Esc cancels</span>
        </div>,
        document.body,
      )
    : null;

  return { start, ghost: ghostElement, dragging: dragged };
}

/**
 * The keyboard way: a menu of the projects to place a contact on. Every list row has one, so
 * the closed menu reads nothing from the store: the projects are read only while it is open.
 */
export function PlaceMenu({ contact }: { contact: Contact }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <span className="place-menu">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={`Place ${contact.name} on a project`}
        aria-haspopup="menu"
        aria-expanded={open}
        title="Place on project…"
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="frame" />
      </button>
      {open ? <PlaceMenuItems contact={contact} close={close} /> : null}
    </span>
  );
}

/** The open menu's items: every project, those the contact is already on disabled. */
function PlaceMenuItems({ contact, close }: { contact: Contact; close: () => void }) {
  const projects = useMap((s) => s.projects);
  const stakes = useMap((s) => s.stakes);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const on = new Set(
    Object.values(stakes)
      .filter((s) => s.contact === contact.id)
      .map((s) => s.project),
  );
  const list = byName(Object.values(projects));

  return (
    <div
      role="menu"
      aria-label={`Place ${contact.name} on`}
      className="menu"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          close();
        } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>("[role=menuitem]")];
          const index = items.indexOf(document.activeElement as HTMLButtonElement);
          const next = e.key === "ArrowDown" ? index + 1 : index - 1;
          items[(next + items.length) % items.length]?.focus();
        }
      }}
    >
      {list.length === 0 ? <p className="menu-empty">No projects yet.</p> : null}
      {list.map((project, index) => (
        <button
          key={project.id}
          ref={index === 0 ? first : undefined}
          type="button"
          role="menuitem"
          className="menu-item"
          disabled={on.has(project.id)}
          title={on.has(project.id) ? `Already on ${project.name}` : undefined}
          onClick={() => {
            close();
            placeContact(contact, project);
          }}
        >
          {project.name}
        </button>
      ))}
    </div>
  );
}
