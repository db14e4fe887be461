/**
 * Putting a contact on a project from the contact list: by dragging it onto a frame with the
 * pointer (mouse, touch or pen; a ghost follows the pointer, Escape cancels), or from the
 * keyboard with the "Place on project…" menu.
 */
import {
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
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
      {open ? (
        <PlaceMenuItems
          contact={contact}
          anchor={button}
          close={close}
          dismiss={() => setOpen(false)}
        />
      ) : null}
    </span>
  );
}

/** Room (px) kept between the menu and the window's edges. */
const EDGE = 8;

/**
 * Where the menu goes in a `view` (the window's size): under its button, left edges aligned, moved
 * left as far as needed to stay in the view, and above the button when there is more room there.
 */
export function menuPlace(
  button: { left: number; top: number; bottom: number },
  menu: { width: number; height: number },
  view: { width: number; height: number },
): { left: number; top: number; maxHeight: number } {
  const left = Math.max(EDGE, Math.min(button.left, view.width - menu.width - EDGE));
  const below = view.height - button.bottom - 2 * EDGE;
  const above = button.top - 2 * EDGE;
  if (menu.height <= below || below >= above) {
    return { left, top: button.bottom + 4, maxHeight: Math.max(below, 0) };
  }
  const height = Math.min(menu.height, above);
  return { left, top: button.top - 4 - height, maxHeight: above };
}

/**
 * The open menu's items: every project, those the contact is already on disabled. It floats in
 * the window by its button (the list it sits in scrolls and would cut it off), and closes on a
 * press elsewhere, a scroll or a resize.
 */
function PlaceMenuItems({
  contact,
  anchor,
  close,
  dismiss,
}: {
  contact: Contact;
  anchor: { current: HTMLElement | null };
  close: () => void;
  dismiss: () => void;
}) {
  const projects = useMap((s) => s.projects);
  const stakes = useMap((s) => s.stakes);
  const first = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = menu.current;
    const button = anchor.current;
    if (!element || !button) return;
    // Focus first: the row's actions open out while it holds the focus, which moves the button.
    first.current?.focus();
    const place = menuPlace(
      button.getBoundingClientRect(),
      { width: element.offsetWidth, height: element.scrollHeight },
      { width: window.innerWidth, height: window.innerHeight },
    );
    element.style.left = `${place.left}px`;
    element.style.top = `${place.top}px`;
    element.style.maxHeight = `${place.maxHeight}px`;
  }, [anchor]);

  useEffect(() => {
    const outside = (event: Event) => {
      const target = event.target as Node | null;
      if (target && (menu.current?.contains(target) || anchor.current?.contains(target))) return;
      dismiss();
    };
    window.addEventListener("pointerdown", outside, true);
    window.addEventListener("scroll", outside, true);
    window.addEventListener("resize", dismiss);
    return () => {
      window.removeEventListener("pointerdown", outside, true);
      window.removeEventListener("scroll", outside, true);
      window.removeEventListener("resize", dismiss);
    };
  }, [anchor, dismiss]);

  const on = new Set(
    Object.values(stakes)
      .filter((s) => s.contact === contact.id)
      .map((s) => s.project),
  );
  const list = byName(Object.values(projects));

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Place ${contact.name} on`}
      className="menu place-menu-items"
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
