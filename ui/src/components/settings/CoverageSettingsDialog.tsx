/**
 * The map's coverage settings: the weights of the six components, the stay-in-touch cadences by
 * role, where the colour bands start, and the roles a new project requires. Saving is one
 * undoable step and every project is rescored at once; "Reset to defaults" brings back the
 * documented defaults (docs/coverage.md), also undoably.
 */
import { type FormEvent, useState } from "react";
import {
  BackendError,
  type Cadences,
  errorMessage,
  type Role,
  type Settings,
  type Weights,
} from "../../ipc/backend";
import { ROLE_LABELS, ROLES } from "../../model/labels";
import { put } from "../../model/records";
import { useMap } from "../../store/mapStore";
import { COMPONENT_LABELS } from "../CoveragePanel";
import { Dialog } from "../Dialog";
import { Field, fieldError } from "../Field";
import { FormFooter } from "../FormFooter";
import { Icon } from "../Icon";
import "../views.css";

/** The weight fields, in the order the coverage panel lists the components. */
export const WEIGHT_FIELDS: { key: keyof Weights; label: string }[] = [
  { key: "roles", label: COMPONENT_LABELS.roles },
  { key: "support", label: COMPONENT_LABELS.support },
  { key: "threading", label: COMPONENT_LABELS.threading },
  { key: "pulse", label: COMPONENT_LABELS.pulse },
  { key: "reach", label: COMPONENT_LABELS.reach },
  { key: "perception", label: COMPONENT_LABELS.perception_gap },
];

const CADENCE_FIELDS: { key: keyof Cadences; label: string }[] = [
  { key: "decision_maker", label: ROLE_LABELS.decision_maker },
  { key: "economic_buyer", label: ROLE_LABELS.economic_buyer },
  { key: "champion", label: ROLE_LABELS.champion },
  { key: "sponsor", label: ROLE_LABELS.sponsor },
  { key: "other", label: "Every other role" },
];

/** Numbers as typed, by field: they are checked when saved. */
export type Typed<T> = Record<keyof T, string>;

export function typed<T extends object>(values: T): Typed<T> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, String(v ?? "")]),
  ) as Typed<T>;
}

/** The numbers typed, or the first field that is not a number. */
export function parsed<T>(values: Typed<T>): { ok: T } | { bad: keyof T } {
  const out: Record<string, number> = {};
  for (const [key, text] of Object.entries(values) as [keyof T & string, string][]) {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) return { bad: key };
    out[key] = value;
  }
  return { ok: out as T };
}

/** Six number fields for coverage weights; `prefix` names them (`weights.roles`). */
export function WeightFields({
  values,
  onChange,
  errors,
  prefix,
}: {
  values: Typed<Weights>;
  onChange: (values: Typed<Weights>) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  return (
    <div className="settings-grid">
      {WEIGHT_FIELDS.map(({ key, label }) => (
        <Field key={key} label={label} error={errors[`${prefix}.${key}`]}>
          <input
            name={`${prefix}.${key}`}
            type="number"
            min={0}
            step={0.05}
            value={values[key]}
            onChange={(e) => onChange({ ...values, [key]: e.target.value })}
          />
        </Field>
      ))}
    </div>
  );
}

export function CoverageSettingsDialog({
  settings,
  onClose,
}: {
  settings: Settings;
  onClose: () => void;
}) {
  const run = useMap((s) => s.run);
  const [weights, setWeights] = useState(() => typed(settings.weights));
  const [cadences, setCadences] = useState(() => typed(settings.cadences));
  const [bands, setBands] = useState(() => typed(settings.bands));
  const [roles, setRoles] = useState<Role[]>(settings.default_required_roles);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const send = async (op: Parameters<typeof run>[0], text: string) => {
    setBusy(true);
    try {
      await run(op, { tone: "info", text, undo: true });
      onClose();
    } catch (error) {
      if (error instanceof BackendError && error.field) {
        const { field, text: message } = fieldError(error.field, error.message);
        setErrors({ [field ?? "form"]: message });
      } else {
        setErrors({ form: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const w = parsed(weights);
    const c = parsed(cadences);
    const b = parsed(bands);
    if ("bad" in w) return setErrors({ [`weights.${String(w.bad)}`]: "Enter a number." });
    if ("bad" in c) return setErrors({ [`cadences.${String(c.bad)}`]: "Enter a number of days." });
    if ("bad" in b) return setErrors({ [`bands.${String(b.bad)}`]: "Enter a score, 0 to 100." });
    const item: Settings = {
      id: settings.id,
      default_required_roles: ROLES.filter((r) => roles.includes(r)),
      weights: w.ok,
      cadences: c.ok,
      bands: b.ok,
    };
    await send(put({ kind: "settings", item }), "Coverage settings saved");
  };

  const reset = () =>
    send({ op: "delete", kind: "settings", id: settings.id }, "Coverage settings reset");

  return (
    <Dialog label="Coverage settings" onClose={onClose} className="settings-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="settings-section">
          <legend>Weights (only their ratios matter; 0 leaves a component out)</legend>
          {errors.weights ? (
            <p className="field-error" role="alert">
              {errors.weights}
            </p>
          ) : null}
          <WeightFields values={weights} onChange={setWeights} errors={errors} prefix="weights" />
        </fieldset>
        <fieldset className="settings-section">
          <legend>Meet in person every (days), unless a contact has their own</legend>
          <div className="settings-grid">
            {CADENCE_FIELDS.map(({ key, label }) => (
              <Field key={key} label={label} error={errors[`cadences.${key}`]}>
                <input
                  name={`cadences.${key}`}
                  type="number"
                  min={1}
                  value={cadences[key]}
                  onChange={(e) => setCadences({ ...cadences, [key]: e.target.value })}
                />
              </Field>
            ))}
          </div>
        </fieldset>
        <fieldset className="settings-section">
          <legend>Bands</legend>
          <div className="settings-grid">
            <Field label="Green from" error={errors["bands.green"]}>
              <input
                name="bands.green"
                type="number"
                min={1}
                max={100}
                value={bands.green}
                onChange={(e) => setBands({ ...bands, green: e.target.value })}
              />
            </Field>
            <Field label="Amber from (below: red)" error={errors["bands.amber"]}>
              <input
                name="bands.amber"
                type="number"
                min={0}
                max={99}
                value={bands.amber}
                onChange={(e) => setBands({ ...bands, amber: e.target.value })}
              />
            </Field>
          </div>
        </fieldset>
        <fieldset className="settings-section">
          <legend>Roles a new project requires</legend>
          <div className="role-options">
            {ROLES.map((role) => (
              <label key={role} className="check">
                <input
                  type="checkbox"
                  name="default_required_roles"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={() =>
                    setRoles((r) => (r.includes(role) ? r.filter((x) => x !== role) : [...r, role]))
                  }
                />
                {ROLE_LABELS[role]}
              </label>
            ))}
          </div>
        </fieldset>
        <FormFooter error={errors.form} busy={busy} onCancel={onClose}>
          <button type="button" className="button" onClick={reset} disabled={busy}>
            Reset to defaults
          </button>
        </FormFooter>
      </form>
    </Dialog>
  );
}

/** The toolbar's button for the coverage settings, and the dialog it opens. */
export function CoverageSettingsButton() {
  const settings = useMap((s) => s.settings);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button ghost"
        onClick={() => setOpen(true)}
        disabled={!settings}
        title="Weights, cadences, bands and default roles of the coverage score"
      >
        <Icon name="edit" /> Coverage settings
      </button>
      {open && settings ? (
        <CoverageSettingsDialog settings={settings} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
