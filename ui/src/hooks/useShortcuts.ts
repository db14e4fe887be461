/**
 * Keyboard shortcuts for the whole window, outside text fields: undo and redo, Delete for the
 * canvas selection, Escape to leave presentation mode.
 */
import { useEffect } from "react";
import { deleteSelection } from "../components/canvas/actions";
import { useCanvas } from "../store/canvasStore";
import { useMap } from "../store/mapStore";

/** Whether the event happens in a place that edits text (where the keys belong to the field). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (Cmd on macOS). */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || inTextField(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const plain = !(event.ctrlKey || event.metaKey || event.altKey);
      if (plain && (event.key === "Delete" || event.key === "Backspace")) {
        event.preventDefault();
        deleteSelection();
        return;
      }
      if (plain && event.key === "Escape" && useCanvas.getState().presentation) {
        useCanvas.getState().setPresentation(false);
        return;
      }
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey || inTextField(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const key = event.key.toLowerCase();
      const { undo, redo } = useMap.getState();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
