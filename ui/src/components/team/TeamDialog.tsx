/**
 * The team: the people on our side. Add, rename and remove teammates (removing one keeps their
 * stakes, with no owner, and takes them off the interactions they were at; undo brings it all
 * back), and see each one's relationships: the stakes they own and the interactions they were at.
 */
import { type FormEvent, useMemo, useState } from "react";
import { BackendError, errorMessage, type Teammate } from "../../ipc/backend";
import { timeline } from "../../model/interactions";
import { CHANNEL_LABELS, ROLE_LABELS } from "../../model/labels";
import { put } from "../../model/records";
import { byName } from "../../model/selectors";
import { useMap } from "../../store/mapStore";
import { Dialog } from "../Dialog";
import { fieldError } from "../Field";
import { Icon } from "../Icon";
import "../views.css";

/** Runs a put of a teammate; returns the core's message on refusal. */
async function saveTeammate(item: Teammate, text: string): Promise<string | null> {
  try {
    await useMap.getState().run(put({ kind: "teammate", item }), {
      tone: "info",
      text,
      undo: true,
    });
    return null;
  } catch (error) {
    if (error instanceof BackendError) return fieldError(error.field, error.message).text;
    return errorMessage(error);
  }
}

function Relationships({ teammate }: { teammate: Teammate }) {
  const stakes = useMap((s) => s.stakes);
  const contacts = useMap((s) => s.contacts);
  const projects = useMap((s) => s.projects);
  const interactions = useMap((s) => s.interactions);
  const owned = useMemo(
    () =>
      Object.values(stakes)
        .filter((s) => s.owner === teammate.id)
        .map((s) => ({
          stake: s,
          contact: contacts[s.contact]?.name ?? "Unknown",
          project: projects[s.project]?.name ?? "Unknown",
        }))
        .sort((a, b) => a.project.localeCompare(b.project) || a.contact.localeCompare(b.contact)),
    [stakes, contacts, projects, teammate.id],
  );
  const met = useMemo(
    () => timeline(interactions, { teammate: teammate.id }),
    [interactions, teammate.id],
  );
  return (
    <div className="team-relationships">
      <h4>Relationships they hold</h4>
      {owned.length === 0 ? (
        <p className="empty">No stakes owned.</p>
      ) : (
        <ul aria-label={`Stakes ${teammate.name} owns`}>
          {owned.map(({ stake, contact, project }) => (
            <li key={stake.id}>
              {contact}{" "}
              <span className="muted">
                · {ROLE_LABELS[stake.role]} on {project}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h4>Interactions they were at</h4>
      {met.length === 0 ? (
        <p className="empty">No interactions.</p>
      ) : (
        <ul aria-label={`Interactions ${teammate.name} was at`}>
          {met.map((i) => (
            <li key={i.id}>
              {i.date} · {CHANNEL_LABELS[i.channel]} ·{" "}
              {i.contacts.map((c) => contacts[c]?.name ?? "Unknown").join(", ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TeammateRow({ teammate }: { teammate: Teammate }) {
  const stakes = useMap((s) => s.stakes);
  const interactions = useMap((s) => s.interactions);
  const removeItem = useMap((s) => s.remove);
  const [name, setName] = useState(teammate.name);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const owns = Object.values(stakes).filter((s) => s.owner === teammate.id).length;
  const met = Object.values(interactions).filter((i) => i.teammates.includes(teammate.id)).length;

  const rename = async () => {
    if (name === teammate.name) return;
    if (!name.trim()) {
      setError("A teammate needs a name.");
      return;
    }
    setError(
      await saveTeammate({ ...teammate, name }, `Renamed ${teammate.name} to ${name.trim()}`),
    );
  };

  return (
    <li className="team-row" aria-label={`Teammate: ${teammate.name}`}>
      <div className="team-line">
        <input
          className="team-name"
          aria-label={`Name of ${teammate.name}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void rename();
            }
          }}
          aria-invalid={error ? true : undefined}
        />
        <button
          type="button"
          className="button small ghost"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          title="The stakes they own and the interactions they were at"
        >
          {owns} stake{owns === 1 ? "" : "s"} · {met} interaction{met === 1 ? "" : "s"}
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`Remove ${teammate.name}`}
          title="Remove (their stakes stay, with no owner; undo with Ctrl+Z)"
          onClick={() => removeItem("teammate", teammate.id, teammate.name)}
        >
          <Icon name="trash" />
        </button>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
      {open ? <Relationships teammate={teammate} /> : null}
    </li>
  );
}

export function TeamDialog({ onClose }: { onClose: () => void }) {
  const teammates = useMap((s) => s.teammates);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const all = useMemo(() => byName(Object.values(teammates)), [teammates]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError("Type the teammate's name.");
      return;
    }
    const problem = await saveTeammate(
      { id: "", name, email: "" },
      `Added ${name.trim()} to the team`,
    );
    setError(problem);
    if (!problem) setName("");
  };

  return (
    <Dialog label="Team" onClose={onClose} className="team-dialog">
      <div className="team-body">
        <form className="team-add" onSubmit={add} noValidate>
          <input
            aria-label="New teammate's name"
            placeholder="Name of a teammate"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-autofocus
          />
          <button type="submit" className="button primary small">
            Add teammate
          </button>
        </form>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {all.length === 0 ? (
          <p className="empty">
            No teammates yet. Add the people on your side who hold relationships.
          </p>
        ) : (
          <ul className="team-list" aria-label="Teammates">
            {all.map((t) => (
              <TeammateRow key={`${t.id}:${t.name}`} teammate={t} />
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}

/** The toolbar's "Team" button and the dialog it opens. */
export function TeamButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button ghost"
        onClick={() => setOpen(true)}
        title="Teammates and the relationships they hold"
      >
        <Icon name="users" /> Team
      </button>
      {open ? <TeamDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
