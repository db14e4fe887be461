/** Over the canvas: search that centres the view on a contact's cards, filters, and the legend. */
import { Panel } from "@xyflow/react";
import { useMemo, useState } from "react";
import { allTags, filtering, findCards } from "../../model/filters";
import { RELATIONSHIP_LABELS, ROLE_LABELS, ROLES, STANCE_LABELS } from "../../model/labels";
import { byName } from "../../model/selectors";
import { NO_FILTERS, useCanvas } from "../../store/canvasStore";
import { useMap } from "../../store/mapStore";

const STANCES = [2, 1, 0, -1, -2];

export function CanvasTools() {
  const contacts = useMap((s) => s.contacts);
  const stakes = useMap((s) => s.stakes);
  const projects = useMap((s) => s.projects);
  const teammates = useMap((s) => s.teammates);
  const filters = useCanvas((s) => s.filters);
  const setFilters = useCanvas((s) => s.setFilters);
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(-1);

  const found = useMemo(
    () => findCards(query, stakes, contacts, (id) => projects[id]?.name ?? ""),
    [query, stakes, contacts, projects],
  );
  const tags = useMemo(() => allTags(contacts), [contacts]);
  const people = useMemo(() => byName(Object.values(teammates)), [teammates]);

  const next = (step: number) => {
    if (found.length === 0) return;
    const i = (((index + step) % found.length) + found.length) % found.length;
    setIndex(i);
    const id = found[i];
    if (id) useCanvas.getState().focusNode?.(id);
  };

  return (
    <Panel position="top-left" className="canvas-tools">
      <search className="find">
        <input
          type="search"
          aria-label="Find on map"
          placeholder="Find a contact"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              next(e.shiftKey ? -1 : 1);
            }
          }}
        />
        {query.trim() ? (
          <span className="find-count" aria-live="polite">
            {found.length === 0
              ? "No card"
              : index < 0
                ? `${found.length} card${found.length === 1 ? "" : "s"}`
                : `${index + 1} of ${found.length}`}
          </span>
        ) : null}
        <button
          type="button"
          className="button small"
          disabled={found.length === 0}
          onClick={() => next(1)}
          title="Centre on the next card (Enter)"
        >
          Next
        </button>
      </search>
      <fieldset className="filters">
        <legend className="visually-hidden">Filters</legend>
        <select
          aria-label="Filter by role"
          value={filters.role}
          onChange={(e) => setFilters({ role: e.target.value as typeof filters.role })}
        >
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by stance"
          value={filters.stance}
          onChange={(e) => setFilters({ stance: e.target.value })}
        >
          <option value="">Any stance</option>
          {STANCES.map((s) => (
            <option key={s} value={String(s)}>
              {STANCE_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by owner"
          value={filters.owner}
          onChange={(e) => setFilters({ owner: e.target.value })}
        >
          <option value="">Any owner</option>
          <option value="none">No owner</option>
          {people.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by tag"
          value={filters.tag}
          onChange={(e) => setFilters({ tag: e.target.value })}
        >
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {filtering(filters) ? (
          <button type="button" className="button small" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </fieldset>
    </Panel>
  );
}

const EDGE_KINDS = [
  ["reports_to", "edge-reports"],
  ["influences", "edge-influences"],
  ["allies_with", "edge-allies"],
  ["conflicts_with", "edge-conflicts"],
] as const;

/** What the edge styles mean. */
export function Legend() {
  return (
    <Panel position="bottom-left" className="legend" aria-label="Legend">
      <ul>
        {EDGE_KINDS.map(([kind, className]) => (
          <li key={kind}>
            <svg
              width="34"
              height="10"
              aria-hidden="true"
              className={`react-flow__edge ${className}`}
            >
              <path d="M1 5H33" />
            </svg>
            {RELATIONSHIP_LABELS[kind]}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
