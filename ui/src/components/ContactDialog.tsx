/** Create or edit a contact. The organization is typed by name and created when new. */
import { type FormEvent, useMemo, useState } from "react";
import { saveWithOrganization, useSave } from "../hooks/useSave";
import type { Cadences, Contact } from "../ipc/backend";
import { blankContact, parseTags } from "../model/records";
import { useMap } from "../store/mapStore";
import { Dialog } from "./Dialog";
import { Field } from "./Field";
import { FormFooter } from "./FormFooter";
import { OrganizationInput } from "./OrganizationInput";

interface Props {
  /** The contact to edit; a new one when absent. */
  contact?: Contact | undefined;
  onClose: () => void;
}

/** The hint under the cadence field: the defaults by role that apply when it is empty. */
export function cadenceHint(cadences: Cadences | undefined): string {
  if (!cadences) return "Empty: the default for their role";
  return (
    `Empty: by role (decision maker ${cadences.decision_maker}, economic buyer ` +
    `${cadences.economic_buyer}, champion ${cadences.champion}, sponsor ${cadences.sponsor}, ` +
    `others ${cadences.other} days)`
  );
}

export function ContactDialog({ contact, onClose }: Props) {
  const organizations = useMap((s) => s.organizations);
  const initial = contact ?? blankContact();
  const orgList = useMemo(
    () => Object.values(organizations).sort((a, b) => a.name.localeCompare(b.name)),
    [organizations],
  );
  const [form, setForm] = useState({
    name: initial.name,
    title: initial.title,
    organization: initial.organization ? (organizations[initial.organization]?.name ?? "") : "",
    email: initial.email,
    phone: initial.phone,
    location: initial.location,
    tags: initial.tags.join(", "),
    notes: initial.notes,
    cadence_days: initial.cadence_days === null ? "" : String(initial.cadence_days),
  });
  const settings = useMap((s) => s.settings);
  const { errors, setErrors, busy, save } = useSave(onClose, "contact", Object.keys(form));

  const change = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.name.trim()) {
      setErrors({ name: "A contact needs a name." });
      return;
    }
    const cadence = form.cadence_days.trim();
    if (cadence && !/^\d+$/.test(cadence)) {
      setErrors({ cadence_days: "Enter a number of days, or leave it empty." });
      return;
    }
    const record: Contact = {
      ...initial,
      name: form.name,
      title: form.title,
      organization: null,
      email: form.email,
      phone: form.phone,
      location: form.location,
      tags: parseTags(form.tags),
      notes: form.notes,
      cadence_days: cadence ? Number(cadence) : null,
    };
    const op = saveWithOrganization(
      { kind: "contact", item: record },
      form.organization,
      orgList,
      !contact,
    );
    await save(op, { tone: "info", text: contact ? "Contact saved" : "Contact added", undo: true });
  };

  return (
    <Dialog label={contact ? "Edit contact" : "New contact"} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Name" error={errors.name} wide>
            <input
              name="name"
              value={form.name}
              onChange={change("name")}
              autoComplete="off"
              data-autofocus
              aria-invalid={errors.name ? true : undefined}
            />
          </Field>
          <Field label="Title" error={errors.title}>
            <input name="title" value={form.title} onChange={change("title")} />
          </Field>
          <Field label="Organization" error={errors.organization} hint="New names are added">
            <OrganizationInput
              value={form.organization}
              onChange={(value) => setForm((f) => ({ ...f, organization: value }))}
              organizations={orgList}
            />
          </Field>
          <Field label="Email" error={errors.email}>
            <input name="email" type="email" value={form.email} onChange={change("email")} />
          </Field>
          <Field label="Phone" error={errors.phone}>
            <input name="phone" type="tel" value={form.phone} onChange={change("phone")} />
          </Field>
          <Field label="Location" error={errors.location}>
            <input name="location" value={form.location} onChange={change("location")} />
          </Field>
          <Field label="Tags" error={errors.tags} hint="Separate with commas">
            <input name="tags" value={form.tags} onChange={change("tags")} />
          </Field>
          <Field
            label="Meet in person every (days)"
            error={errors.cadence_days}
            hint={cadenceHint(settings?.cadences)}
          >
            <input
              name="cadence_days"
              inputMode="numeric"
              placeholder="By role"
              value={form.cadence_days}
              onChange={change("cadence_days")}
            />
          </Field>
          <Field label="Notes" error={errors.notes} wide>
            <textarea name="notes" rows={3} value={form.notes} onChange={change("notes")} />
          </Field>
        </div>
        <FormFooter error={errors.form} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
