/**
 * A timeline of interactions, newest first: for a contact, a project or a teammate. Each entry
 * shows the date, channel, people, the contact's sentiment and the notes, and can be edited or
 * deleted; "Log interaction" adds one with the timeline's contact or project filled in.
 */
import { useMemo, useState } from "react";
import type { Interaction } from "../../ipc/backend";
import { sentimentText, type TimelineOf, timeline } from "../../model/interactions";
import { CHANNEL_LABELS } from "../../model/labels";
import { useMap } from "../../store/mapStore";
import "../views.css";
import { Dialog } from "../Dialog";
import { EditDeleteButtons } from "../EditDeleteButtons";
import { InteractionDialog } from "./InteractionDialog";

interface Props {
  of: TimelineOf;
}

function presetFor(of: TimelineOf): Partial<Interaction> {
  if ("contact" in of) return { contacts: [of.contact] };
  if ("project" in of) return { project: of.project };
  return { teammates: [of.teammate] };
}

function sentimentClass(sentiment: number): string {
  if (sentiment < 0) return "sentiment negative";
  if (sentiment > 0) return "sentiment positive";
  return "sentiment";
}

export function Timeline({ of }: Props) {
  const interactions = useMap((s) => s.interactions);
  const contacts = useMap((s) => s.contacts);
  const teammates = useMap((s) => s.teammates);
  const projects = useMap((s) => s.projects);
  const removeItem = useMap((s) => s.remove);
  const [editing, setEditing] = useState<Interaction | "new" | null>(null);
  const entries = useMemo(() => timeline(interactions, of), [interactions, of]);

  const names = (ids: string[], table: Record<string, { name: string }>) =>
    ids.map((id) => table[id]?.name ?? "Unknown").join(", ");

  return (
    <div className="timeline">
      <p className="timeline-actions">
        <button type="button" className="button primary small" onClick={() => setEditing("new")}>
          Log interaction
        </button>
      </p>
      {entries.length === 0 ? (
        <p className="empty">No interactions yet.</p>
      ) : (
        <ol className="timeline-list" aria-label="Interactions, newest first">
          {entries.map((i) => (
            <li
              key={i.id}
              className="timeline-item"
              aria-label={`${i.date}, ${CHANNEL_LABELS[i.channel]}`}
            >
              <div className="timeline-head">
                <time dateTime={i.date}>{i.date}</time>
                <span className="timeline-channel">{CHANNEL_LABELS[i.channel]}</span>
                {i.sentiment !== null ? (
                  <span className={sentimentClass(i.sentiment)} title="Their expressed sentiment">
                    {sentimentText(i.sentiment)}
                  </span>
                ) : null}
                {i.project && !("project" in of) ? (
                  <span className="timeline-project">{projects[i.project]?.name}</span>
                ) : null}
                <span className="timeline-buttons">
                  <EditDeleteButtons
                    what={`the interaction of ${i.date}`}
                    onEdit={() => setEditing(i)}
                    onDelete={() => removeItem("interaction", i.id, `the interaction of ${i.date}`)}
                  />
                </span>
              </div>
              <p className="timeline-people">
                <span>{names(i.contacts, contacts)}</span>
                {i.teammates.length > 0 ? (
                  <span className="timeline-team"> with {names(i.teammates, teammates)}</span>
                ) : null}
              </p>
              {i.notes ? <p className="timeline-notes">{i.notes}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {editing ? (
        <InteractionDialog
          interaction={editing === "new" ? undefined : editing}
          preset={presetFor(of)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

/** A timeline in its own dialog, titled with whom or what it is about. */
export function TimelineDialog({
  of,
  title,
  onClose,
}: {
  of: TimelineOf;
  title: string;
  onClose: () => void;
}) {
  return (
    <Dialog label={title} onClose={onClose} className="timeline-dialog">
      <Timeline of={of} />
    </Dialog>
  );
}
