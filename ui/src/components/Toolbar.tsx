/** The top bar: the open map, file commands, and undo / redo. */
import { backend } from "../ipc/backend";
import { useCanvas } from "../store/canvasStore";
import { useInterchange } from "../store/interchangeStore";
import { useMap } from "../store/mapStore";
import { HistoryMenu } from "./HistoryMenu";
import { Icon } from "./Icon";
import { CoverageSettingsButton } from "./settings/CoverageSettingsDialog";
import { TeamButton } from "./team/TeamDialog";

interface Props {
  /** Whether the coverage overview is shown. */
  coverageOpen: boolean;
  onToggleCoverage: () => void;
  /** Opens "Restore from backup". */
  onBackups: () => void;
}

export function Toolbar({ coverageOpen, onToggleCoverage, onBackups }: Props) {
  const info = useMap((s) => s.info);
  const history = useMap((s) => s.history);
  const undo = useMap((s) => s.undo);
  const redo = useMap((s) => s.redo);
  const switchMap = useMap((s) => s.switchMap);
  const saveCopy = useMap((s) => s.saveCopy);
  const startImport = useInterchange((s) => s.startImport);
  const openExport = useInterchange((s) => s.setExportOpen);

  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Stakemap</span>
        {info ? (
          <span className="map-name" title={info.path}>
            {info.name}
          </span>
        ) : null}
      </div>
      <nav className="toolbar-actions" aria-label="Map">
        <button
          type="button"
          className="button ghost"
          onClick={() => switchMap(backend.newMap)}
          title="New map (Ctrl+N)"
        >
          <Icon name="fileNew" /> New map
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={() => switchMap(backend.openMap)}
          title="Open map (Ctrl+O)"
        >
          <Icon name="folder" /> Open
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={saveCopy}
          title="Save a copy as (Ctrl+Shift+S)"
        >
          <Icon name="copy" /> Save a copy
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={() => startImport()}
          title="Import contacts (CSV, vCard) or a Stakemap JSON map (Ctrl+I)"
        >
          Import
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={() => openExport(true)}
          title="Export as PNG, SVG, JSON or CSV (Ctrl+E)"
        >
          Export
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={onBackups}
          title="Restore from backup…"
        >
          <Icon name="history" /> Backups
        </button>
        <span className="divider" aria-hidden="true" />
        <button
          type="button"
          className="button ghost"
          aria-pressed={coverageOpen}
          onClick={onToggleCoverage}
          title="Every project's coverage, riskiest first"
        >
          <Icon name="frame" /> Coverage
        </button>
        <CoverageSettingsButton />
        <TeamButton />
        <span className="divider" aria-hidden="true" />
        <button
          type="button"
          className="icon-button"
          aria-label="Undo"
          title={history.undo ? `Undo ${history.undo} (Ctrl+Z)` : "Nothing to undo"}
          disabled={!history.undo}
          onClick={undo}
        >
          <Icon name="undo" size={18} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Redo"
          title={history.redo ? `Redo ${history.redo} (Ctrl+Shift+Z)` : "Nothing to redo"}
          disabled={!history.redo}
          onClick={redo}
        >
          <Icon name="redo" size={18} />
        </button>
        <HistoryMenu />
        <span className="divider" aria-hidden="true" />
        <button
          type="button"
          className="button ghost"
          onClick={() => useCanvas.getState().setPresentation(true)}
          title="Full screen, larger type, notes hidden (Esc leaves)"
        >
          Present
        </button>
      </nav>
    </header>
  );
}
