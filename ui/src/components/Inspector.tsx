/**
 * The inspector: the fields of what is selected on the canvas (a card's stake, a frame's project,
 * a relationship), saved as they are edited. Lists and numbers save when chosen, text when the
 * field is left (or Enter in a one-line field); each save is one undoable step, and the core's
 * refusal shows next to the field.
 */
import { memo, type ReactNode, useDeferredValue, useState } from "react";
import {
  BackendError,
  type Contact,
  errorMessage,
  type Record as MapRecord,
  type Project,
  type Relationship,
  type RelationshipKind,
  type Role,
  type Stake,
} from "../ipc/backend";
import {
  RELATIONSHIP_LABELS,
  ROLE_LABELS,
  ROLES,
  STANCE_LABELS,
  STATUS_LABELS,
  STATUSES,
} from "../model/labels";
import { byName } from "../model/selectors";
import { useCanvas } from "../store/canvasStore";
import { useMap } from "../store/mapStore";
import { ContactDialog } from "./ContactDialog";
import { Field, fieldError } from "./Field";
import { InteractionDialog } from "./interactions/InteractionDialog";

type Errors = Record<string, string>;

/** Saves records and keeps the core's errors by field (`stance`, `notes`...). */
function useSaver() {
  const [errors, setErrors] = useState<Errors>({});
  const save = async (record: MapRecord, field: string) => {
    try {
      await useMap.getState().run({ op: "put", record });
      setErrors((e) => {
        const { [field]: _, ...rest } = e;
        return rest;
      });
    } catch (error) {
      if (error instanceof BackendError) {
        const { field: at, text } = fieldError(error.field, error.message);
        setErrors((e) => ({ ...e, [at ?? field]: text }));
      } else {
        useMap.getState().notify({ tone: "error", text: errorMessage(error) });
      }
    }
  };
  const refuse = (field: string, text: string) => setErrors((e) => ({ ...e, [field]: text }));
  return { errors, save, refuse };
}

const STANCES = [2, 1, 0, -1, -2];
const LEVELS = [1, 2, 3, 4, 5];

/** A one-line text field saved when left or on Enter. */
function TextInput({
  value,
  onCommit,
  type = "text",
  name,
}: {
  value: string;
  onCommit: (value: string) => void;
  type?: "text" | "date" | "number";
  name: string;
}) {
  return (
    <input
      key={value}
      name={name}
      type={type}
      defaultValue={value}
      onBlur={(e) => {
        if (e.target.value !== value) onCommit(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") {
          e.currentTarget.value = value;
          e.currentTarget.blur();
        }
      }}
    />
  );
}

function NotesInput({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  return (
    <textarea
      key={value}
      name="notes"
      rows={4}
      defaultValue={value}
      onBlur={(e) => {
        if (e.target.value !== value) onCommit(e.target.value);
      }}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="inspector" aria-label="Inspector">
      <h2 className="inspector-title">{title}</h2>
      <div className="inspector-fields">{children}</div>
    </section>
  );
}

const StakeInspector = memo(function StakeInspector({ stake }: { stake: Stake }) {
  const contact = useMap((s) => s.contacts[stake.contact]);
  const project = useMap((s) => s.projects[stake.project]);
  const teammates = useMap((s) => s.teammates);
  const presenting = useCanvas((s) => s.presentation);
  const [editing, setEditing] = useState<Contact | null>(null);
  const [logging, setLogging] = useState(false);
  const { errors, save, refuse } = useSaver();
  const put = (changes: Partial<Stake>, field: string) =>
    save({ kind: "stake", item: { ...stake, ...changes } }, field);
  const level = (field: "influence" | "interest") => (text: string) => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isInteger(value)) refuse(field, "Enter a whole number.");
    else put({ [field]: value }, field);
  };

  return (
    <Section title={`${contact?.name ?? "Unknown contact"} on ${project?.name ?? "?"}`}>
      <p className="inspector-contact">
        <span>{contact?.title || "No title"}</span>
        {contact ? (
          <button type="button" className="button small" onClick={() => setEditing(contact)}>
            Edit contact
          </button>
        ) : null}
        <button type="button" className="button small" onClick={() => setLogging(true)}>
          Log interaction
        </button>
      </p>
      {logging ? (
        <InteractionDialog
          preset={{ contacts: [stake.contact], project: stake.project }}
          onClose={() => setLogging(false)}
        />
      ) : null}
      <Field label="Role" error={errors.role}>
        <select
          name="role"
          value={stake.role}
          onChange={(e) => put({ role: e.target.value as Role }, "role")}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Stance" error={errors.stance}>
        <select
          name="stance"
          value={stake.stance}
          onChange={(e) => put({ stance: Number(e.target.value) }, "stance")}
        >
          {STANCES.map((s) => (
            <option key={s} value={s}>
              {STANCE_LABELS[s]} ({s > 0 ? `+${s}` : s})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Influence (1–5)" error={errors.influence}>
        <TextInput
          name="influence"
          type="number"
          value={String(stake.influence)}
          onCommit={level("influence")}
        />
      </Field>
      <Field label="Interest (1–5)" error={errors.interest}>
        <TextInput
          name="interest"
          type="number"
          value={String(stake.interest)}
          onCommit={level("interest")}
        />
      </Field>
      <Field label="Owner" error={errors.owner}>
        <select
          name="owner"
          value={stake.owner ?? ""}
          onChange={(e) => put({ owner: e.target.value || null }, "owner")}
        >
          <option value="">Nobody yet</option>
          {byName(Object.values(teammates)).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Relationship health (our view)" error={errors.health}>
        <select
          name="health"
          value={stake.health ?? ""}
          onChange={(e) =>
            put({ health: e.target.value === "" ? null : Number(e.target.value) }, "health")
          }
        >
          <option value="">Not rated</option>
          {STANCES.map((h) => (
            <option key={h} value={h}>
              {h > 0 ? `+${h}` : h}
            </option>
          ))}
        </select>
      </Field>
      {presenting ? null : (
        <Field label="Notes" error={errors.notes} wide>
          <NotesInput value={stake.notes} onCommit={(notes) => put({ notes }, "notes")} />
        </Field>
      )}
      {editing ? <ContactDialog contact={editing} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
});

const ProjectInspector = memo(function ProjectInspector({ project }: { project: Project }) {
  const presenting = useCanvas((s) => s.presentation);
  const [logging, setLogging] = useState(false);
  const { errors, save } = useSaver();
  const put = (changes: Partial<Project>, field: string) =>
    save({ kind: "project", item: { ...project, ...changes } }, field);
  return (
    <Section title={project.name}>
      <Field label="Name" error={errors.name}>
        <TextInput name="name" value={project.name} onCommit={(name) => put({ name }, "name")} />
      </Field>
      <Field label="Status" error={errors.status}>
        <select
          name="status"
          value={project.status}
          onChange={(e) => put({ status: e.target.value as Project["status"] }, "status")}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Stage" error={errors.stage}>
        <TextInput
          name="stage"
          value={project.stage}
          onCommit={(stage) => put({ stage }, "stage")}
        />
      </Field>
      <Field label="Target date" error={errors.target_date}>
        <TextInput
          name="target_date"
          type="date"
          value={project.target_date ?? ""}
          onCommit={(d) => put({ target_date: d || null }, "target_date")}
        />
      </Field>
      {presenting ? null : (
        <Field label="Notes" error={errors.notes} wide>
          <NotesInput value={project.notes} onCommit={(notes) => put({ notes }, "notes")} />
        </Field>
      )}
      <p className="inspector-actions">
        <button
          type="button"
          className="button small"
          onClick={() => useMap.getState().arrange(project.id)}
          title="Reporting lines top-down, the others in a grid (undo with Ctrl+Z)"
        >
          Arrange cards
        </button>
        <button type="button" className="button small" onClick={() => setLogging(true)}>
          Log interaction
        </button>
      </p>
      {logging ? (
        <InteractionDialog preset={{ project: project.id }} onClose={() => setLogging(false)} />
      ) : null}
    </Section>
  );
});

const RelationshipInspector = memo(function RelationshipInspector({
  relationship,
}: {
  relationship: Relationship;
}) {
  const from = useMap((s) => s.contacts[relationship.from]?.name ?? "?");
  const to = useMap((s) => s.contacts[relationship.to]?.name ?? "?");
  const presenting = useCanvas((s) => s.presentation);
  const { errors, save } = useSaver();
  const put = (changes: Partial<Relationship>, field: string) =>
    save({ kind: "relationship", item: { ...relationship, ...changes } }, field);
  return (
    <Section title={`${from} → ${to}`}>
      <Field label="Kind" error={errors.kind}>
        <select
          name="kind"
          value={relationship.kind}
          onChange={(e) => put({ kind: e.target.value as RelationshipKind }, "kind")}
        >
          {(Object.keys(RELATIONSHIP_LABELS) as RelationshipKind[]).map((k) => (
            <option key={k} value={k}>
              {RELATIONSHIP_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Strength (1–5)" error={errors.strength}>
        <select
          name="strength"
          value={relationship.strength}
          onChange={(e) => put({ strength: Number(e.target.value) }, "strength")}
        >
          {LEVELS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      {presenting ? null : (
        <Field label="Notes" error={errors.notes} wide>
          <NotesInput value={relationship.notes} onCommit={(notes) => put({ notes }, "notes")} />
        </Field>
      )}
    </Section>
  );
});

/** The selected item's id and kind, when exactly one item is selected. */
function useInspected():
  | { kind: "stake"; item: Stake }
  | { kind: "project"; item: Project }
  | { kind: "relationship"; item: Relationship }
  | null {
  // Deferred: pressing on a card selects it and starts dragging it at once; the inspector follows
  // when the drag leaves React time (mounting it in the press's frame stalled the drag's start).
  const selection = useDeferredValue(useCanvas((s) => s.selection));
  const stakes = useMap((s) => s.stakes);
  const projects = useMap((s) => s.projects);
  const relationships = useMap((s) => s.relationships);
  if (selection.nodes.length + selection.relationships.length !== 1) return null;
  const [node] = selection.nodes;
  const [link] = selection.relationships;
  if (node && stakes[node]) return { kind: "stake", item: stakes[node] };
  if (node && projects[node]) return { kind: "project", item: projects[node] };
  if (link && relationships[link]) return { kind: "relationship", item: relationships[link] };
  return null;
}

export function Inspector() {
  const inspected = useInspected();
  if (!inspected) return null;
  // Keyed by id so each item starts with its own fields and errors; memoised, so that the deferred
  // selection's first render (still the old selection) redoes nothing.
  switch (inspected.kind) {
    case "stake":
      return <StakeInspector key={inspected.item.id} stake={inspected.item} />;
    case "project":
      return <ProjectInspector key={inspected.item.id} project={inspected.item} />;
    case "relationship":
      return <RelationshipInspector key={inspected.item.id} relationship={inspected.item} />;
  }
}
