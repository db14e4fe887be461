/**
 * "Import": the preview of an import before anything is written. It shows what the file was
 * recognised as, how many items will be created, merged and skipped, and each item with its
 * reason and place in the file; the options (format, duplicates, where a JSON map goes) plan the
 * file again. The file itself was chosen in a native dialog and stays on the Rust side.
 */
import { useState } from "react";
import type { ImportFormat, ImportOptions, ImportPreview, PlanAction } from "../ipc/backend";
import { useInterchange } from "../store/interchangeStore";
import { Choice } from "./Choice";
import { ColumnMapper } from "./ColumnMapper";
import { Dialog } from "./Dialog";

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: "csv", label: "Contacts CSV" },
  { value: "vcard", label: "vCard contacts" },
  { value: "json", label: "Stakemap JSON map" },
];

const ACTIONS: Record<PlanAction, string> = {
  create: "Create",
  merge: "Merge",
  skip: "Skip",
};

/** How many rows the table shows (the counts cover every item). */
export const TABLE_ROWS = 500;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function Counts({ preview }: { preview: ImportPreview }) {
  const { created, merged, skipped } = preview.counts;
  return (
    <p className="import-counts">
      <span>
        <strong>{created.toLocaleString("en")}</strong> to create
      </span>
      <span>
        <strong>{merged.toLocaleString("en")}</strong> to merge
      </span>
      <span>
        <strong>{skipped.toLocaleString("en")}</strong> to skip
      </span>
    </p>
  );
}

function Items({ preview }: { preview: ImportPreview }) {
  const rows = preview.items.slice(0, TABLE_ROWS);
  return (
    <>
      <div className="import-table-wrap">
        <table className="import-table" aria-label="Items">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Name</th>
              <th scope="col">Reason</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item, i) => (
              // Items have no unique key of their own (a skipped row may repeat an id).
              // biome-ignore lint/suspicious/noArrayIndexKey: rows never move within a preview
              <tr key={i} className={`import-${item.action}`}>
                <td>{ACTIONS[item.action]}</td>
                <td>
                  {item.name}
                  {preview.format === "json" ? (
                    <span className="import-kind"> {item.kind}</span>
                  ) : null}
                </td>
                <td>{item.reason}</td>
                <td className="import-where">{item.location}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.total > rows.length ? (
        <p className="field-hint">
          Showing the first {plural(rows.length, "item")} of {preview.total.toLocaleString("en")}.
          The counts above include them all.
        </p>
      ) : null}
    </>
  );
}

/** The Import dialog while an import is under way (not while only the file dialog is open). */
export function ImportDialog() {
  const shown = useInterchange(
    (s) => s.phase !== "closed" && (s.phase !== "choosing" || !!s.preview || !!s.error),
  );
  return shown ? <ImportForm /> : null;
}

function ImportForm() {
  const phase = useInterchange((s) => s.phase);
  const preview = useInterchange((s) => s.preview);
  const options = useInterchange((s) => s.options);
  const progress = useInterchange((s) => s.progress);
  const error = useInterchange((s) => s.error);
  const replan = useInterchange((s) => s.replan);
  const apply = useInterchange((s) => s.applyImport);
  const cancel = useInterchange((s) => s.cancelImport);
  const startImport = useInterchange((s) => s.startImport);
  const [mapping, setMapping] = useState(false);

  const busy = phase !== "preview";
  const format = options.format ?? preview?.format ?? null;
  const change = (next: Partial<ImportOptions>) => replan({ ...options, ...next });
  const writes = preview ? preview.counts.created + preview.counts.merged : 0;

  if (mapping) {
    return (
      <Dialog label="Import" onClose={cancel} className="import-dialog">
        <div className="form">
          <ColumnMapper
            current={options.mapping}
            onCancel={() => setMapping(false)}
            onUse={(columns) => {
              setMapping(false);
              change({ format: "csv", mapping: columns });
            }}
          />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog label="Import" onClose={cancel} className="import-dialog">
      <div className="form">
        {preview ? (
          <p className="import-source">
            <strong>{preview.source}</strong>
            {preview.recognised && !error ? ` — ${preview.recognised}` : null}
          </p>
        ) : null}
        {phase === "reading" ? (
          <div className="import-progress">
            <span id="import-progress-label">Reading the file…</span>
            <progress
              aria-labelledby="import-progress-label"
              value={progress?.done}
              max={progress?.total || 1}
            />
          </div>
        ) : null}
        <div className="form-grid">
          <div className="field">
            <label className="field-body">
              <span className="field-label">Format</span>
              <select
                value={format ?? ""}
                disabled={busy}
                onChange={(e) => change({ format: e.target.value as ImportFormat })}
              >
                {format ? null : <option value="">Choose…</option>}
                {FORMATS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset className="field">
            <legend className="field-label">Already in the map</legend>
            <Choice
              name="duplicates"
              value="skip"
              current={options.duplicates}
              label="Skip them"
              disabled={busy}
              onChange={(duplicates) => change({ duplicates })}
            />
            <Choice
              name="duplicates"
              value="merge"
              current={options.duplicates}
              label="Merge them"
              disabled={busy}
              onChange={(duplicates) => change({ duplicates })}
            />
          </fieldset>
          {format === "json" ? (
            <fieldset className="field field-wide">
              <legend className="field-label">The map in the file goes</legend>
              <Choice
                name="target"
                value="new_map"
                current={options.target}
                label="Into a new map"
                disabled={busy}
                onChange={(target) => change({ target })}
              />
              <Choice
                name="target"
                value="merge"
                current={options.target}
                label="Into this map, merged"
                disabled={busy}
                onChange={(target) => change({ target })}
              />
            </fieldset>
          ) : null}
        </div>
        {preview && !error ? (
          <>
            <Counts preview={preview} />
            <Items preview={preview} />
          </>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {preview?.asks_new_map && !error ? (
          <p className="field-hint">You will choose the new map's file next.</p>
        ) : null}
        <footer className="dialog-actions">
          {format === "csv" ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => setMapping(true)}
            >
              Map columns…
            </button>
          ) : null}
          <button type="button" className="button" disabled={busy} onClick={() => startImport()}>
            Choose another file…
          </button>
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            disabled={busy || !!error || writes === 0}
            onClick={apply}
          >
            {phase === "applying"
              ? "Importing…"
              : `Import ${plural(writes, "item")}${preview?.asks_new_map ? "…" : ""}`}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
