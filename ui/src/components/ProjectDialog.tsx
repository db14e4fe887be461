/** Create or edit a project: name, organization, status, stage, target date, required roles. */
import { type FormEvent, useMemo, useState } from "react";
import { saveWithOrganization, useSave } from "../hooks/useSave";
import type { Project, Role, Weights } from "../ipc/backend";
import { ROLE_LABELS, ROLES, STATUS_LABELS, STATUSES } from "../model/labels";
import { blankProject, freeFrame } from "../model/records";
import { useMap } from "../store/mapStore";
import { Dialog } from "./Dialog";
import { Field } from "./Field";
import { FormFooter } from "./FormFooter";
import { OrganizationInput } from "./OrganizationInput";
import { parsed, type Typed, typed, WeightFields } from "./settings/CoverageSettingsDialog";

interface Props {
  project?: Project | undefined;
  onClose: () => void;
}

export function ProjectDialog({ project, onClose }: Props) {
  const organizations = useMap((s) => s.organizations);
  const projects = useMap((s) => s.projects);
  const settings = useMap((s) => s.settings);
  const mapRoles = settings?.default_required_roles;
  const mapWeights = settings?.weights;
  const orgList = useMemo(
    () => Object.values(organizations).sort((a, b) => a.name.localeCompare(b.name)),
    [organizations],
  );
  const initial = useMemo(() => {
    if (project) return project;
    const blank = blankProject(freeFrame(Object.values(projects).map((p) => p.frame)));
    return mapRoles ? { ...blank, required_roles: mapRoles } : blank;
  }, [project, projects, mapRoles]);
  const [form, setForm] = useState({
    name: initial.name,
    organization: initial.organization ? (organizations[initial.organization]?.name ?? "") : "",
    status: initial.status,
    stage: initial.stage,
    target_date: initial.target_date ?? "",
    notes: initial.notes,
  });
  const [roles, setRoles] = useState<Role[]>(initial.required_roles);
  // The project's own weights as typed; `null` uses the map's.
  const [weights, setWeights] = useState<Typed<Weights> | null>(() =>
    initial.weights ? typed(initial.weights) : null,
  );
  const { errors, setErrors, busy, save } = useSave(onClose, "project", [
    ...Object.keys(form),
    "weights",
    ...Object.keys(mapWeights ?? {}).map((k) => `weights.${k}`),
  ]);

  const change = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: event.target.value }));

  const toggleRole = (role: Role) =>
    setRoles((current) =>
      current.includes(role) ? current.filter((r) => r !== role) : [...current, role],
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.name.trim()) {
      setErrors({ name: "A project needs a name." });
      return;
    }
    const own = weights ? parsed(weights) : null;
    if (own && "bad" in own) {
      setErrors({ [`weights.${String(own.bad)}`]: "Enter a number." });
      return;
    }
    const record: Project = {
      ...initial,
      name: form.name,
      organization: null,
      status: form.status as Project["status"],
      stage: form.stage,
      target_date: form.target_date || null,
      required_roles: ROLES.filter((r) => roles.includes(r)),
      notes: form.notes,
    };
    // Own weights, or back to the map's (a project that never had any stays as it was).
    if (own) record.weights = own.ok;
    else if (initial.weights) record.weights = null;
    const op = saveWithOrganization(
      { kind: "project", item: record },
      form.organization,
      orgList,
      !project,
    );
    await save(op, { tone: "info", text: project ? "Project saved" : "Project added", undo: true });
  };

  return (
    <Dialog label={project ? "Edit project" : "New project"} onClose={onClose}>
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
          <Field label="Organization" error={errors.organization} hint="New names are added">
            <OrganizationInput
              value={form.organization}
              onChange={(value) => setForm((f) => ({ ...f, organization: value }))}
              organizations={orgList}
            />
          </Field>
          <Field label="Status" error={errors.status}>
            <select name="status" value={form.status} onChange={change("status")}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Stage" error={errors.stage} hint="e.g. Discovery, Proposal">
            <input name="stage" value={form.stage} onChange={change("stage")} />
          </Field>
          <Field label="Target date" error={errors.target_date}>
            <input
              name="target_date"
              type="date"
              value={form.target_date}
              onChange={change("target_date")}
            />
          </Field>
          <fieldset className="field field-wide roles">
            <legend className="field-label">Roles this project needs covered</legend>
            <div className="role-options">
              {ROLES.map((role) => (
                <label key={role} className="check">
                  <input
                    type="checkbox"
                    name="required_roles"
                    value={role}
                    checked={roles.includes(role)}
                    onChange={() => toggleRole(role)}
                  />
                  {ROLE_LABELS[role]}
                </label>
              ))}
            </div>
          </fieldset>
          <p className="field field-wide">
            <button
              type="button"
              className="button small"
              disabled={!mapRoles}
              onClick={() => mapRoles && setRoles(mapRoles)}
              title="The roles the map's coverage settings require of new projects"
            >
              Reset roles to the map's defaults
            </button>
          </p>
          <fieldset className="field field-wide settings-section">
            <legend className="field-label">Coverage weights</legend>
            <label className="check">
              <input
                type="checkbox"
                name="own_weights"
                checked={weights !== null}
                disabled={!mapWeights}
                onChange={() =>
                  setWeights((w) => (w ? null : mapWeights ? typed(mapWeights) : null))
                }
              />
              This project has its own weights (otherwise the map's)
            </label>
            {errors.weights ? (
              <span className="field-error" role="alert">
                {errors.weights}
              </span>
            ) : null}
            {weights ? (
              <WeightFields
                values={weights}
                onChange={setWeights}
                errors={errors}
                prefix="weights"
              />
            ) : null}
          </fieldset>
          <Field label="Notes" error={errors.notes} wide>
            <textarea name="notes" rows={3} value={form.notes} onChange={change("notes")} />
          </Field>
        </div>
        <FormFooter error={errors.form} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
