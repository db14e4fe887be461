/**
 * Log or edit an interaction: date (today by default), channel, the contacts and teammates
 * present, the contact's expressed sentiment, the project it was about, and notes. Enter saves
 * (Shift+Enter starts a new line in the notes); an existing interaction can be deleted here.
 */
import { type FormEvent, type KeyboardEvent, useMemo, useState } from "react";
import {
  BackendError,
  type ContactChannel,
  errorMessage,
  type Interaction,
} from "../../ipc/backend";
import { blankInteraction, SENTIMENT_LABELS } from "../../model/interactions";
import { CHANNEL_LABELS } from "../../model/labels";
import { put } from "../../model/records";
import { byName } from "../../model/selectors";
import { useMap } from "../../store/mapStore";
import "../views.css";
import { Dialog } from "../Dialog";
import { Field, fieldError } from "../Field";
import { FormFooter } from "../FormFooter";
import { PeoplePicker, type Person } from "./PeoplePicker";

interface Props {
  /** The interaction to edit; a new one when absent. */
  interaction?: Interaction | undefined;
  /** What a new interaction starts with (the contact or project it is logged from). */
  preset?: Partial<Interaction>;
  onClose: () => void;
}

const CHANNELS = Object.keys(CHANNEL_LABELS) as ContactChannel[];
const SENTIMENTS = [2, 1, 0, -1, -2];

export function InteractionDialog({ interaction, preset, onClose }: Props) {
  const contacts = useMap((s) => s.contacts);
  const teammates = useMap((s) => s.teammates);
  const projects = useMap((s) => s.projects);
  const organizations = useMap((s) => s.organizations);
  const run = useMap((s) => s.run);
  const removeItem = useMap((s) => s.remove);
  const [form, setForm] = useState<Interaction>(() => interaction ?? blankInteraction(preset));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const contactPeople = useMemo<Person[]>(
    () =>
      byName(Object.values(contacts)).map((c) => ({
        id: c.id,
        name: c.name,
        detail: [c.title, c.organization ? organizations[c.organization]?.name : ""]
          .filter(Boolean)
          .join(" · "),
      })),
    [contacts, organizations],
  );
  const teammatePeople = useMemo<Person[]>(
    () => byName(Object.values(teammates)).map((t) => ({ id: t.id, name: t.name })),
    [teammates],
  );
  const projectList = useMemo(() => byName(Object.values(projects)), [projects]);

  const set = <K extends keyof Interaction>(key: K, value: Interaction[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (form.contacts.length === 0) {
      setErrors({ contacts: "Add at least one contact who was there." });
      return;
    }
    setBusy(true);
    try {
      await run(put({ kind: "interaction", item: form }), {
        tone: "info",
        text: interaction ? "Interaction saved" : "Interaction logged",
        undo: true,
      });
      onClose();
    } catch (error) {
      if (error instanceof BackendError && error.field) {
        const { field, text } = fieldError(error.field, error.message);
        // `contacts[0]` and the like land on the list they belong to.
        const place = (field ?? "form").replace(/\[\d+\]$/, "");
        setErrors({ [place in form ? place : "form"]: text });
      } else {
        setErrors({ form: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  // Enter saves from anywhere: the inputs submit the form themselves; the lists and the notes
  // (where Shift+Enter starts a new line) are handled here.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.defaultPrevented || event.shiftKey) return;
    const tag = (event.target as HTMLElement).tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void submit();
    }
  };

  const remove = async () => {
    if (!interaction) return;
    await removeItem("interaction", interaction.id, `the interaction of ${interaction.date}`);
    onClose();
  };

  return (
    <Dialog label={interaction ? "Edit interaction" : "Log interaction"} onClose={onClose}>
      <form className="form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <div className="form-grid">
          <Field label="Date" error={errors.date}>
            <input
              name="date"
              type="date"
              value={form.date}
              onChange={(e) => set("date", e.target.value)}
              aria-invalid={errors.date ? true : undefined}
            />
          </Field>
          <Field label="Channel" error={errors.channel}>
            <select
              name="channel"
              value={form.channel}
              onChange={(e) => set("channel", e.target.value as ContactChannel)}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          <PeoplePicker
            label="Contacts present"
            people={contactPeople}
            value={form.contacts}
            onChange={(ids) => set("contacts", ids)}
            error={errors.contacts}
            autoFocus={form.contacts.length === 0}
          />
          <PeoplePicker
            label="Teammates present"
            people={teammatePeople}
            value={form.teammates}
            onChange={(ids) => set("teammates", ids)}
            error={errors.teammates}
          />
          <Field label="Their sentiment" error={errors.sentiment}>
            <select
              name="sentiment"
              value={form.sentiment ?? ""}
              onChange={(e) =>
                set("sentiment", e.target.value === "" ? null : Number(e.target.value))
              }
            >
              <option value="">Not noted</option>
              {SENTIMENTS.map((s) => (
                <option key={s} value={s}>
                  {s > 0 ? `+${s}` : s} {SENTIMENT_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Project" error={errors.project}>
            <select
              name="project"
              value={form.project ?? ""}
              onChange={(e) => set("project", e.target.value || null)}
            >
              <option value="">No project</option>
              {projectList.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Notes"
            error={errors.notes}
            hint="Enter saves; Shift+Enter starts a new line"
            wide
          >
            <textarea
              name="notes"
              rows={3}
              value={form.notes}
              onChange={(e) => set("notes", e.target.value)}
              data-autofocus={form.contacts.length > 0 || undefined}
            />
          </Field>
        </div>
        <FormFooter error={errors.form} busy={busy} onCancel={onClose}>
          {interaction ? (
            <button type="button" className="button danger" onClick={remove}>
              Delete
            </button>
          ) : null}
        </FormFooter>
      </form>
    </Dialog>
  );
}
