/** Shown when no map could be opened: why, and what to do about it. */
import { backend } from "../ipc/backend";
import { useMap } from "../store/mapStore";

export function Unavailable() {
  const problem = useMap((s) => s.problem);
  const load = useMap((s) => s.load);
  const switchMap = useMap((s) => s.switchMap);
  const notice = useMap((s) => s.notice);
  const title =
    problem?.kind === "already_open" ? "This map is open in another window" : "No map is open";

  return (
    <main className="unavailable">
      <div className="unavailable-box">
        <h1>{title}</h1>
        <p role="alert">{problem?.message ?? "The map could not be opened."}</p>
        <div className="unavailable-actions">
          <button type="button" className="button" onClick={() => load()}>
            Try again
          </button>
          <button type="button" className="button" onClick={() => switchMap(backend.openMap)}>
            Open another map…
          </button>
          <button
            type="button"
            className="button primary"
            onClick={() => switchMap(backend.newMap)}
          >
            New map…
          </button>
        </div>
        {notice?.tone === "error" ? <p className="form-error">{notice.text}</p> : null}
      </div>
    </main>
  );
}
