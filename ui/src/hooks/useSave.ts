/** Saving a form through the operation API, with the core's errors mapped onto the fields. */
import { useState } from "react";
import { fieldError } from "../components/Field";
import { BackendError, errorMessage, type Op, type Organization } from "../ipc/backend";
import { organizationFor, put } from "../model/records";
import type { Notice } from "../store/mapStore";
import { useMap } from "../store/mapStore";

type Saveable = Extract<Parameters<typeof put>[0], { kind: "contact" | "project" }>;

/**
 * The operation that saves `record` with the organization typed by name, creating that
 * organization first (in the same undo step) when it is new.
 */
export function saveWithOrganization(
  record: Saveable,
  organizationName: string,
  organizations: Organization[],
  isNew: boolean,
): Op {
  const org = organizationFor(organizationName, organizations);
  record.item.organization = org.id;
  const save = put(record);
  if (!org.create) return save;
  const label = `${isNew ? "Add" : "Edit"} ${record.kind} ${record.item.name.trim()}`;
  return { op: "batch", label, ops: [org.create, save] };
}

/** Form errors by field (`name`, `email`...) or `form`, and a submit that fills them. */
export function useSave(onSaved: () => void) {
  const run = useMap((s) => s.run);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async (op: Op, notice: Notice) => {
    setBusy(true);
    try {
      await run(op, notice);
      onSaved();
    } catch (error) {
      if (error instanceof BackendError && error.field) {
        const { field, text } = fieldError(error.field, error.message);
        setErrors({ [field ?? "form"]: text });
      } else {
        setErrors({ form: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return { errors, setErrors, busy, save };
}
