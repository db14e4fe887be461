/**
 * The coverage of the selected project: its score and band, each component with its weight and
 * the sentence explaining it, the findings (choosing one selects the people it names on the
 * canvas) and the people suggested for the project, each with a way to add them.
 */

import { useState } from "react";
import type { ComponentName, Finding, Stake, Suggestion } from "../ipc/backend";
import { errorMessage } from "../ipc/backend";
import { freeCardSpot, put } from "../model/records";
import { useMap } from "../store/mapStore";
import { CoverageBadge } from "./CoverageBadge";
import { Icon } from "./Icon";
import { InteractionDialog } from "./interactions/InteractionDialog";
import { TimelineDialog } from "./interactions/Timeline";
import { type ProjectView, ProjectViewsDialog } from "./views/ProjectViews";

export const COMPONENT_LABELS: Record<ComponentName, string> = {
  roles: "Roles",
  support: "Support",
  threading: "Threading",
  pulse: "Pulse",
  reach: "Reach",
  perception_gap: "Perception gap",
};

/** The role, stance and weights of a stake added from a suggestion (the core's defaults). */
export const SUGGESTED_STAKE = {
  role: "influencer",
  stance: 0,
  influence: 3,
  interest: 3,
} as const;

interface Props {
  /** Selects the cards of these contacts in the project on the canvas. */
  onSelectContacts: (projectId: string, contactIds: string[]) => void;
}

function percent(value: number | null): number {
  return Math.round(Math.min(1, Math.max(0, value ?? 0)) * 100);
}

export function CoveragePanel({ onSelectContacts }: Props) {
  const projectId = useMap((s) => s.selectedProject);
  const coverage = useMap((s) => (s.selectedProject ? s.coverage[s.selectedProject] : undefined));
  const contacts = useMap((s) => s.contacts);
  const selectProject = useMap((s) => s.selectProject);
  const run = useMap((s) => s.run);
  const notify = useMap((s) => s.notify);
  const [open, setOpen] = useState<ProjectView | "timeline" | "log" | null>(null);

  if (!projectId || !coverage) return null;
  const totalWeight = coverage.components.reduce((sum, c) => sum + (c.weight ?? 0), 0);

  const addToProject = async (suggestion: Suggestion) => {
    const state = useMap.getState();
    const taken = Object.values(state.stakes).filter((s) => s.project === projectId);
    const spot = freeCardSpot(taken);
    const stake: Stake = {
      id: "",
      project: projectId,
      contact: suggestion.contact,
      ...SUGGESTED_STAKE,
      owner: null,
      health: null,
      notes: "",
      ...spot,
    };
    const name = state.contacts[suggestion.contact]?.name ?? "Contact";
    try {
      await run(put({ kind: "stake", item: stake }), {
        tone: "info",
        text: `Added ${name} to ${coverage.name}`,
        undo: true,
      });
    } catch (error) {
      notify({ tone: "error", text: errorMessage(error) });
    }
  };

  const named = (finding: Finding) => [...finding.contacts, ...(finding.via ?? [])];

  return (
    <aside className="coverage-panel" aria-label="Coverage">
      <header className="coverage-head">
        <div>
          <h2>{coverage.name}</h2>
          <p className="coverage-sub">Coverage</p>
        </div>
        <CoverageBadge score={coverage.score} band={coverage.band} />
        <button
          type="button"
          className="icon-button"
          aria-label="Close coverage"
          title="Close"
          onClick={() => selectProject(null)}
        >
          <Icon name="close" />
        </button>
      </header>

      <p className="coverage-views">
        <button type="button" className="button small" onClick={() => setOpen("grid")}>
          Power/interest grid
        </button>
        <button type="button" className="button small" onClick={() => setOpen("org")}>
          Org chart
        </button>
        <button type="button" className="button small" onClick={() => setOpen("timeline")}>
          Interactions
        </button>
        <button type="button" className="button small" onClick={() => setOpen("log")}>
          Log interaction
        </button>
      </p>
      {open === "grid" || open === "org" ? (
        <ProjectViewsDialog
          projectId={projectId}
          initial={open}
          onSelect={(contact) => onSelectContacts(projectId, [contact])}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === "timeline" ? (
        <TimelineDialog
          of={{ project: projectId }}
          title={`Interactions on ${coverage.name}`}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === "log" ? (
        <InteractionDialog preset={{ project: projectId }} onClose={() => setOpen(null)} />
      ) : null}

      <section aria-labelledby="coverage-components">
        <h3 id="coverage-components">Components</h3>
        <ul className="coverage-components" aria-label="Components">
          {coverage.components.map((component) => {
            const value = percent(component.value);
            const label = COMPONENT_LABELS[component.name];
            return (
              <li key={component.name} aria-label={`${label} ${value} of 100`}>
                <div className="component-top">
                  <span className="component-name">{label}</span>
                  <span className="component-weight" title="Share of the score">
                    weight{" "}
                    {totalWeight > 0
                      ? Math.round(((component.weight ?? 0) / totalWeight) * 100)
                      : 0}
                    %
                  </span>
                  <span className="component-value">{value}</span>
                </div>
                <div className="component-bar" aria-hidden="true">
                  <span style={{ width: `${value}%` }} />
                </div>
                <p className="component-text">{component.explanation}</p>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="coverage-findings">
        <h3 id="coverage-findings">Findings</h3>
        {coverage.findings.length === 0 ? (
          <p className="empty">Nothing to act on.</p>
        ) : (
          <ul className="coverage-findings" aria-label="Findings">
            {coverage.findings.map((finding) => (
              <li key={`${finding.kind}:${finding.message}`}>
                <button
                  type="button"
                  className={`finding finding-${finding.kind}`}
                  title={named(finding).length ? "Select the people it names" : undefined}
                  onClick={() => onSelectContacts(projectId, named(finding))}
                >
                  {finding.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="coverage-suggestions">
        <h3 id="coverage-suggestions">Who else has a stake</h3>
        {coverage.suggestions.length === 0 ? (
          <p className="empty">No one to suggest.</p>
        ) : (
          <ul className="coverage-suggestions" aria-label="Suggestions">
            {coverage.suggestions.map((suggestion) => {
              const name = contacts[suggestion.contact]?.name ?? "Unknown contact";
              return (
                <li key={suggestion.contact}>
                  <div className="suggestion-text">
                    <span className="suggestion-name">{name}</span>
                    <span className="suggestion-reason">{suggestion.reason}</span>
                  </div>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Add ${name} to project`}
                    onClick={() => addToProject(suggestion)}
                  >
                    <Icon name="plus" /> Add to project
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </aside>
  );
}
