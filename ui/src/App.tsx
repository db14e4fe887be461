/** The app window: toolbar, the contact and project lists, and the map canvas. */
import { useCallback, useEffect, useRef, useState } from "react";
import { ContactList } from "./components/ContactList";
import { CoverageOverview } from "./components/CoverageOverview";
import { CoveragePanel } from "./components/CoveragePanel";
import { Canvas, type CanvasHandle } from "./components/canvas/Canvas";
import { ExportDialog } from "./components/ExportDialog";
import { ImportDialog } from "./components/ImportDialog";
import { Inspector } from "./components/Inspector";
import { NoticeBar } from "./components/NoticeBar";
import { PresentationBar } from "./components/PresentationBar";
import { ProjectDialog } from "./components/ProjectDialog";
import { ProjectList } from "./components/ProjectList";
import { RestoreDialog } from "./components/RestoreDialog";
import { Toolbar } from "./components/Toolbar";
import { isDamaged, Unavailable } from "./components/Unavailable";
import { useShortcuts } from "./hooks/useShortcuts";
import { type AppEvent, backend, type Project } from "./ipc/backend";
import { useCanvas } from "./store/canvasStore";
import { useInterchange } from "./store/interchangeStore";
import { useMap } from "./store/mapStore";

function onAppEvent(event: AppEvent) {
  const state = useMap.getState();
  switch (event.action) {
    case "new_map":
      return state.switchMap(backend.newMap);
    case "open_map":
      return state.switchMap(backend.openMap);
    case "save_copy_as":
      return state.saveCopy();
    case "import":
      return useInterchange.getState().startImport();
    case "export":
      return useInterchange.getState().setExportOpen(true);
    case "undo":
      return state.undo();
    case "redo":
      return state.redo();
  }
}

export function App() {
  const status = useMap((s) => s.status);
  const load = useMap((s) => s.load);
  const canvas = useRef<CanvasHandle>(null);
  const selectProject = useMap((s) => s.selectProject);
  const panelOpen = useMap((s) => s.selectedProject !== null && !!s.coverage[s.selectedProject]);
  const [editingProject, setEditingProject] = useState<Project | "new" | null>(null);
  // The projects there were when the "New project" dialog opened (to find the one it adds).
  const projectsBefore = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (editingProject === "new") {
      projectsBefore.current = new Set(Object.keys(useMap.getState().projects));
    }
  }, [editingProject]);
  // Stable, so that the project list's memoised rows do not re-render with the app.
  const reveal = useCallback(
    (projectId: string) => {
      selectProject(projectId);
      canvas.current?.reveal(projectId);
    },
    [selectProject],
  );
  const [overviewOpen, setOverviewOpen] = useState(false);
  const [restoreOpen, setRestoreOpen] = useState(false);
  const problem = useMap((s) => s.problem);
  const exportOpen = useInterchange((s) => s.exportOpen);
  const setExportOpen = useInterchange((s) => s.setExportOpen);
  const presenting = useCanvas((s) => s.presentation);
  useShortcuts();

  useEffect(() => {
    load();
    backend.subscribe(onAppEvent).catch(() => {
      // Without the channel the menu items do nothing; the toolbar still works.
    });
  }, [load]);

  if (status === "loading") {
    return (
      <main className="loading" aria-busy="true">
        Opening map…
      </main>
    );
  }
  if (status === "unavailable") {
    return (
      <>
        <Unavailable onRestore={() => setRestoreOpen(true)} />
        {restoreOpen ? (
          <RestoreDialog damaged={isDamaged(problem)} onClose={() => setRestoreOpen(false)} />
        ) : null}
      </>
    );
  }
  const side = overviewOpen || panelOpen;
  return (
    <div className={`app${presenting ? " presenting" : ""}`}>
      {presenting ? <PresentationBar /> : null}
      <Toolbar
        coverageOpen={overviewOpen}
        onToggleCoverage={() => setOverviewOpen((o) => !o)}
        onBackups={() => setRestoreOpen(true)}
      />
      <div className={`workspace${side ? " with-side" : ""}`}>
        <aside className="sidebar" aria-label="Lists">
          <ContactList />
          <ProjectList onReveal={reveal} onEdit={setEditingProject} />
        </aside>
        <main className="main">
          {/* Over the canvas, so that selecting (a drag starts with one) does not resize it; before
              it, so that the canvas's tools can make room for it (styles.css, .canvas-tools). */}
          <Inspector />
          <Canvas ref={canvas} onAddProject={() => setEditingProject("new")} />
          {/* Over the canvas, between its tools at the bottom corners (styles.css, .notice). */}
          <NoticeBar />
        </main>
        {side ? (
          <div className="side">
            {overviewOpen ? (
              <CoverageOverview onChoose={reveal} onClose={() => setOverviewOpen(false)} />
            ) : null}
            <CoveragePanel
              onSelectContacts={(projectId, ids) => canvas.current?.selectContacts(projectId, ids)}
            />
          </div>
        ) : null}
      </div>
      <ImportDialog />
      {exportOpen ? (
        <ExportDialog
          onClose={() => setExportOpen(false)}
          viewRect={() => canvas.current?.viewRect() ?? null}
        />
      ) : null}
      {editingProject ? (
        <ProjectDialog
          project={editingProject === "new" ? undefined : editingProject}
          onClose={() => {
            setEditingProject(null);
            // A new project's frame may be out of view: bring it into view.
            const known = projectsBefore.current;
            projectsBefore.current = null;
            const fresh = known
              ? Object.keys(useMap.getState().projects).filter((id) => !known.has(id))
              : [];
            if (fresh.length === 1 && fresh[0]) reveal(fresh[0]);
          }}
        />
      ) : null}
      {restoreOpen ? <RestoreDialog onClose={() => setRestoreOpen(false)} /> : null}
    </div>
  );
}
