/** A text input for an organization's name that suggests the existing ones. */
import { useId } from "react";
import type { Organization } from "../ipc/backend";

interface Props {
  value: string;
  onChange: (value: string) => void;
  organizations: Organization[];
}

export function OrganizationInput({ value, onChange, organizations }: Props) {
  const listId = useId();
  return (
    <>
      <input
        name="organization"
        list={listId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
      />
      <datalist id={listId}>
        {organizations.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
    </>
  );
}
