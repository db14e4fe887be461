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

/**
 * Where a form shows the core's error about `coreField` (`contact.email`, `organization.name`):
 * the form's own field of that name, the Organization field for the organization it creates, or
 * `form` (above the buttons) for anything the form has no field for.
 */
function placeFor(coreField: string, kind: Saveable["kind"], fields: readonly string[]): string {
  const [entity = "", ...rest] = coreField.split(".");
  const key = rest.join(".");
  if (entity === kind && fields.includes(key)) return key;
  if (entity === "organization" && fields.includes("organization")) return "organization";
  return "form";
}

/**
 * Form errors by field (`name`, `email`...) or `form`, and a submit that fills them. `fields` are
 * the fields the form shows errors at; the core's errors about others show as the form's error.
 */
export function useSave(onSaved: () => void, kind: Saveable["kind"], fields: readonly string[]) {
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
        const place = placeFor(error.field, kind, fields);
        const { text } = fieldError(error.field, error.message);
        setErrors({ [place]: place === "form" ? error.message : text });
      } else {
        setErrors({ form: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return { errors, setErrors, busy, save };
}
