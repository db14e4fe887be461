/** Every project's coverage, riskiest first: choosing one selects it and shows its frame. */
import { useMemo } from "react";
import { useMap } from "../store/mapStore";
import { CoverageBadge } from "./CoverageBadge";
import { Icon } from "./Icon";

interface Props {
  /** Selects a project and shows its frame on the canvas. */
  onChoose: (projectId: string) => void;
  onClose: () => void;
}

export function CoverageOverview({ onChoose, onClose }: Props) {
  const coverage = useMap((s) => s.coverage);
  const selected = useMap((s) => s.selectedProject);
  const ranked = useMemo(
    () =>
      Object.values(coverage).sort(
        (a, b) => a.score - b.score || a.name.localeCompare(b.name, undefined),
      ),
    [coverage],
  );

  return (
    <aside className="coverage-overview" aria-label="Coverage overview">
      <header className="coverage-head">
        <h2>Coverage by risk</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close coverage overview"
          title="Close"
          onClick={onClose}
        >
          <Icon name="close" />
        </button>
      </header>
      {ranked.length === 0 ? <p className="empty">No projects yet.</p> : null}
      <ol className="overview-list" aria-label="Projects by coverage">
        {ranked.map((c) => (
          <li key={c.project}>
            <button
              type="button"
              className={`overview-item${c.project === selected ? " current" : ""}`}
              aria-current={c.project === selected ? "true" : undefined}
              onClick={() => onChoose(c.project)}
            >
              <CoverageBadge score={c.score} band={c.band} />
              <span className="overview-text">
                <span className="overview-name">{c.name}</span>
                <span className="overview-finding">
                  {c.findings[0]?.message ?? "Nothing to act on."}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
