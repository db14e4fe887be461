/**
 * Presentation mode for workshops: the window goes full screen, type is larger, notes are hidden,
 * and names can be replaced by initials. Escape (or the bar's button) leaves it.
 */
import { useEffect } from "react";
import { backend, errorMessage } from "../ipc/backend";
import { useCanvas } from "../store/canvasStore";
import { useMap } from "../store/mapStore";

export function PresentationBar() {
  const anonymous = useCanvas((s) => s.anonymous);
  const setAnonymous = useCanvas((s) => s.setAnonymous);
  const setPresentation = useCanvas((s) => s.setPresentation);

  useEffect(() => {
    const full = (on: boolean) =>
      backend.setFullscreen(on).catch((error) =>
        useMap.getState().notify({
          tone: "error",
          text: `Full screen is not available: ${errorMessage(error)}`,
        }),
      );
    full(true);
    return () => {
      full(false);
    };
  }, []);

  return (
    <div className="presentation-bar" role="toolbar" aria-label="Presentation">
      <span className="presentation-title">Presenting</span>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={anonymous}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        Initials instead of names
      </label>
      <button type="button" className="button small" onClick={() => setPresentation(false)}>
        Leave (Esc)
      </button>
    </div>
  );
}
