/**
 * "Export": the map as a PNG or SVG picture, Stakemap JSON, or CSV of contacts or stakes; of the
 * whole map, one project, or what the canvas shows now. The image is drawn and the file written
 * on the Rust side (the same code as `stakemap export`), after a native save dialog.
 */
import { useState } from "react";
import {
  type Background,
  backend,
  type ExportFormat,
  type ExportRequest,
  errorMessage,
  type Scope,
} from "../ipc/backend";
import { useMap } from "../store/mapStore";
import { Choice } from "./Choice";
import { Dialog } from "./Dialog";
import { FormFooter } from "./FormFooter";

/** A rectangle of the canvas in flow coordinates. */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Props {
  onClose: () => void;
  /** What the canvas shows now, in flow coordinates (`null` when it is not shown). */
  viewRect: () => ViewRect | null;
}

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: "png", label: "PNG image" },
  { value: "svg", label: "SVG image" },
  { value: "json", label: "Stakemap JSON" },
  { value: "contacts_csv", label: "Contacts (CSV)" },
  { value: "stakes_csv", label: "Stakes (CSV)" },
];

type ScopeChoice = "map" | "project" | "view";

const isImage = (format: ExportFormat) => format === "png" || format === "svg";

export function ExportDialog({ onClose, viewRect }: Props) {
  const projects = useMap((s) => s.projects);
  const selected = useMap((s) => s.selectedProject);
  const notify = useMap((s) => s.notify);
  const list = Object.values(projects).sort((a, b) => a.name.localeCompare(b.name));
  const [format, setFormat] = useState<ExportFormat>("png");
  const [scope, setScope] = useState<ScopeChoice>(
    selected && projects[selected] ? "project" : "map",
  );
  const [project, setProject] = useState<string>(
    selected && projects[selected] ? selected : (list[0]?.id ?? ""),
  );
  const [scale, setScale] = useState(2);
  const [background, setBackground] = useState<Background>("white");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const image = isImage(format);
  const effectiveScope: ScopeChoice = scope === "view" && !image ? "map" : scope;

  const submit = async () => {
    let target: Scope = { kind: "map" };
    if (effectiveScope === "project") target = { kind: "project", id: project };
    if (effectiveScope === "view") {
      const rect = viewRect();
      if (!rect) {
        setError("The canvas is not shown; export the whole map or a project.");
        return;
      }
      target = { kind: "view", ...rect };
    }
    const request: ExportRequest = { format, scope: target, scale, background };
    setBusy(true);
    setError(null);
    try {
      const name = await backend.exportMap(request);
      if (name) {
        onClose();
        notify({ tone: "info", text: `Exported ${name}` });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog label="Export" onClose={onClose} className="export-dialog">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="form-grid">
          <fieldset className="field">
            <legend className="field-label">Format</legend>
            {FORMATS.map((f) => (
              <Choice
                key={f.value}
                name="format"
                value={f.value}
                current={format}
                label={f.label}
                onChange={setFormat}
              />
            ))}
          </fieldset>
          <fieldset className="field">
            <legend className="field-label">What</legend>
            <Choice
              name="scope"
              value="map"
              current={effectiveScope}
              label="The whole map"
              onChange={setScope}
            />
            <Choice
              name="scope"
              value="project"
              current={effectiveScope}
              label="One project"
              disabled={list.length === 0}
              onChange={setScope}
            />
            {effectiveScope === "project" ? (
              <select
                aria-label="Project"
                value={project}
                onChange={(e) => setProject(e.target.value)}
              >
                {list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            ) : null}
            <Choice
              name="scope"
              value="view"
              current={effectiveScope}
              label="The current view"
              disabled={!image}
              onChange={setScope}
            />
          </fieldset>
          {image ? (
            <>
              <fieldset className="field">
                <legend className="field-label">Scale</legend>
                {[1, 2, 4].map((n) => (
                  <Choice
                    key={n}
                    name="scale"
                    value={n}
                    current={scale}
                    label={`${n}x`}
                    onChange={setScale}
                  />
                ))}
              </fieldset>
              <fieldset className="field">
                <legend className="field-label">Background</legend>
                <Choice
                  name="background"
                  value="white"
                  current={background}
                  label="White"
                  onChange={setBackground}
                />
                <Choice
                  name="background"
                  value="transparent"
                  current={background}
                  label="Transparent"
                  onChange={setBackground}
                />
              </fieldset>
            </>
          ) : null}
        </div>
        <FormFooter
          error={error ?? undefined}
          busy={busy}
          onCancel={onClose}
          submit={busy ? "Exporting…" : "Export…"}
        />
      </form>
    </Dialog>
  );
}
