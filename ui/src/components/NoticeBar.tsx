/** The message at the bottom of the window: what just happened, with Undo, or what went wrong. */
import { useEffect } from "react";
import { useMap } from "../store/mapStore";

/** How long an information message stays. */
const INFO_MS = 6000;

export function NoticeBar() {
  const notice = useMap((s) => s.notice);
  const notify = useMap((s) => s.notify);
  const undo = useMap((s) => s.undo);

  useEffect(() => {
    if (!notice || notice.tone === "error") return;
    const timer = window.setTimeout(() => notify(null), INFO_MS);
    return () => window.clearTimeout(timer);
  }, [notice, notify]);

  if (!notice) return null;
  return (
    <div
      className={`notice notice-${notice.tone}`}
      role={notice.tone === "error" ? "alert" : "status"}
    >
      <span>{notice.text}</span>
      {notice.undo ? (
        <button type="button" className="button small" onClick={() => undo()}>
          Undo
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss message"
        onClick={() => notify(null)}
      >
        ×
      </button>
    </div>
  );
}
