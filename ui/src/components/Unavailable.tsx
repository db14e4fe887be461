/** Shown when no map could be opened: why, and what to do about it. */
import { backend } from "../ipc/backend";
import { useMap } from "../store/mapStore";

interface Props {
  /** Opens "Restore from backup" (offered when the map is damaged). */
  onRestore: () => void;
}

/** Whether the problem is a damaged map (the core's message says so and names a backup). */
export function isDamaged(problem: { kind: string; message: string } | null): boolean {
  return problem?.kind === "incompatible" && / is damaged /.test(problem.message);
}

export function Unavailable({ onRestore }: Props) {
  const problem = useMap((s) => s.problem);
  const load = useMap((s) => s.load);
  const switchMap = useMap((s) => s.switchMap);
  const notice = useMap((s) => s.notice);
  const damaged = isDamaged(problem);
  const title =
    problem?.kind === "already_open"
      ? "This map is open in another window"
      : damaged
        ? "This map is damaged"
        : "No map is open";

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
            className={damaged ? "button" : "button primary"}
            onClick={() => switchMap(backend.newMap)}
          >
            New map…
          </button>
          {damaged ? (
            <button type="button" className="button primary" onClick={onRestore}>
              Restore a backup…
            </button>
          ) : null}
        </div>
        {notice?.tone === "error" ? <p className="form-error">{notice.text}</p> : null}
      </div>
    </main>
  );
}
