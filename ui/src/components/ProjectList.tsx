/** The project list: add, edit and delete projects; choosing one shows its frame on the canvas. */
import { memo, useCallback, useMemo, useState } from "react";
import { type RowPlace, rowAttributes, useListWindow } from "../hooks/useListWindow";
import type { Project } from "../ipc/backend";
import { STATUS_LABELS } from "../model/labels";
import { byName } from "../model/selectors";
import { useMap } from "../store/mapStore";
import { EditDeleteButtons, type RowHandlers } from "./EditDeleteButtons";
import { InteractionButtons } from "./interactions/InteractionButtons";
import { InteractionDialog } from "./interactions/InteractionDialog";
import { TimelineDialog } from "./interactions/Timeline";
import { PanelHeader } from "./PanelHeader";
import { WindowedList } from "./WindowedList";

interface Props {
  /** Shows a project's frame on the canvas (stable: the rows are memoised). */
  onReveal: (projectId: string) => void;
  /** Opens the project dialog for a project, or for a new one (stable too). */
  onEdit: (project: Project | "new") => void;
}

export function ProjectList({ onReveal, onEdit }: Props) {
  const projects = useMap((s) => s.projects);
  const organizations = useMap((s) => s.organizations);
  const stakes = useMap((s) => s.stakes);
  const removeItem = useMap((s) => s.remove);
  const [logging, setLogging] = useState<Project | null>(null);
  const [history, setHistory] = useState<Project | null>(null);

  const all = useMemo(() => byName(Object.values(projects)), [projects]);
  const stakeCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of Object.values(stakes)) counts.set(s.project, (counts.get(s.project) ?? 0) + 1);
    return counts;
  }, [stakes]);

  const remove = useCallback(
    (project: Project) => removeItem("project", project.id, project.name),
    [removeItem],
  );
  const keyOf = useCallback((index: number) => all[index]?.id ?? String(index), [all]);
  const list = useListWindow({ count: all.length, keyOf });

  return (
    <section className="panel projects-panel" aria-labelledby="projects-heading">
      <PanelHeader
        id="projects-heading"
        title="Projects"
        count={all.length}
        addLabel="Add project"
        onAdd={() => onEdit("new")}
      />
      <WindowedList label="Projects" list={list} items={all}>
        {(project, place) => (
          <ProjectRow
            key={project.id}
            project={project}
            organization={
              project.organization ? organizations[project.organization]?.name : undefined
            }
            count={stakeCounts.get(project.id) ?? 0}
            {...place}
            onReveal={onReveal}
            onEdit={onEdit}
            onLog={setLogging}
            onHistory={setHistory}
            onRemove={remove}
          />
        )}
      </WindowedList>
      {logging ? (
        <InteractionDialog preset={{ project: logging.id }} onClose={() => setLogging(null)} />
      ) : null}
      {history ? (
        <TimelineDialog
          of={{ project: history.id }}
          title={`Interactions on ${history.name}`}
          onClose={() => setHistory(null)}
        />
      ) : null}
      {all.length === 0 ? (
        <p className="empty">No projects yet. Add the deals and initiatives you are working on.</p>
      ) : null}
    </section>
  );
}

interface RowProps extends RowHandlers<Project>, RowPlace {
  project: Project;
  organization: string | undefined;
  /** How many stakeholders the project has. */
  count: number;
  onReveal: (projectId: string) => void;
}

/**
 * One project in the list. Memoised with stable callbacks: placing or moving a card re-renders
 * only the rows whose stakeholder count changed, not every project's.
 */
const ProjectRow = memo(function ProjectRow({
  project,
  organization,
  count,
  onReveal,
  onEdit,
  onLog,
  onHistory,
  onRemove,
  ...place
}: RowProps) {
  return (
    <li
      {...rowAttributes(place, project.id)}
      className="list-item"
      onDoubleClick={() => onEdit(project)}
    >
      <button
        type="button"
        className="list-main"
        title="Show on the canvas"
        onClick={() => onReveal(project.id)}
      >
        <span className={`status-dot status-${project.status}`} aria-hidden="true" />
        <span className="list-text">
          <span className="list-title">{project.name}</span>
          <span className="list-sub">
            {[organization, STATUS_LABELS[project.status], project.stage]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </span>
      </button>
      <span className="badge" title={`${count} stakeholder${count === 1 ? "" : "s"}`}>
        {count}
      </span>
      <span className="list-actions">
        <InteractionButtons
          about={`on ${project.name}`}
          onLog={() => onLog(project)}
          onHistory={() => onHistory(project)}
        />
        <EditDeleteButtons
          what={`project ${project.name}`}
          onEdit={() => onEdit(project)}
          onDelete={() => onRemove(project)}
        />
      </span>
    </li>
  );
});
