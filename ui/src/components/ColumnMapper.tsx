/**
 * The column-mapping step of a CSV import: each column of the file, with an example value, and
 * the contact field it fills. Needed for files Stakemap does not recognise by their headers.
 */
import { useEffect, useState } from "react";
import {
  backend,
  type ColumnMapping,
  type ContactField,
  type CsvPreview,
  errorMessage,
} from "../ipc/backend";

const FIELDS: { value: ContactField; label: string }[] = [
  { value: "ignore", label: "Not imported" },
  { value: "name", label: "Full name" },
  { value: "first_name", label: "First name" },
  { value: "middle_name", label: "Middle name" },
  { value: "last_name", label: "Last name" },
  { value: "title", label: "Title" },
  { value: "organization", label: "Company" },
  { value: "email", label: "Email" },
  { value: "phone", label: "Phone" },
  { value: "location", label: "Address" },
  { value: "city", label: "City" },
  { value: "region", label: "State or region" },
  { value: "country", label: "Country" },
  { value: "notes", label: "Notes" },
  { value: "tags", label: "Tags" },
];

interface Props {
  /** The mapping to start from (the one last used), if any. */
  current: ColumnMapping | null;
  onUse: (mapping: ColumnMapping) => void;
  onCancel: () => void;
}

function fieldsOf(csv: CsvPreview, current: ColumnMapping | null): ContactField[] {
  const start = current?.columns.length ? current : csv.mapping;
  return csv.headers.map(
    (_, i) => start.columns.find((c) => c.column === i)?.field ?? ("ignore" as const),
  );
}

export function ColumnMapper({ current, onUse, onCancel }: Props) {
  const [csv, setCsv] = useState<CsvPreview | null>(null);
  const [fields, setFields] = useState<ContactField[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    backend
      .inspectImport()
      .then((found) => {
        if (!live) return;
        setCsv(found);
        setFields(fieldsOf(found, current));
      })
      .catch((e: unknown) => {
        if (live) setError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [current]);

  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (!csv) return <p aria-busy="true">Reading the columns…</p>;
  const named = fields.some((f) => f === "name" || f === "first_name" || f === "last_name");
  const use = () =>
    onUse({
      columns: fields.flatMap((field, column) => (field === "ignore" ? [] : [{ column, field }])),
    });

  return (
    <section className="column-mapper" aria-label="Columns">
      <p className="field-hint">
        Choose what each column holds (header on line {csv.header_line}). A name column is needed.
      </p>
      <table className="import-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Example</th>
            <th scope="col">Imported as</th>
          </tr>
        </thead>
        <tbody>
          {csv.headers.map((header, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position
            <tr key={i}>
              <td>{header}</td>
              <td className="import-where">{csv.sample[0]?.[i] ?? ""}</td>
              <td>
                <select
                  aria-label={`Column ${header || i + 1}`}
                  value={fields[i] ?? "ignore"}
                  onChange={(e) =>
                    setFields((now) =>
                      now.map((f, j) => (j === i ? (e.target.value as ContactField) : f)),
                    )
                  }
                >
                  {FIELDS.map((f) => (
                    <option key={f.value} value={f.value}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Back
        </button>
        <button type="button" className="button primary" disabled={!named} onClick={use}>
          Use these columns
        </button>
      </footer>
    </section>
  );
}
