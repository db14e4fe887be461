/** The small form shown after drawing from one card to another: the relationship's kind and strength. */
import { useEffect, useRef, useState } from "react";
import type { RelationshipKind } from "../../ipc/backend";
import { RELATIONSHIP_LABELS } from "../../model/labels";
import { useMap } from "../../store/mapStore";
import { attempt } from "./actions";

/** A relationship being drawn: between two contacts, the picker shown at `at` in the canvas. */
export interface PendingLink {
  from: string;
  to: string;
  at: { x: number; y: number };
}

const KINDS = Object.keys(RELATIONSHIP_LABELS) as RelationshipKind[];

export function RelationshipPicker({ link, onClose }: { link: PendingLink; onClose: () => void }) {
  const contacts = useMap((s) => s.contacts);
  const [kind, setKind] = useState<RelationshipKind>("reports_to");
  const [strength, setStrength] = useState(3);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const from = contacts[link.from]?.name ?? "?";
  const to = contacts[link.to]?.name ?? "?";
  const save = async () => {
    const done = await attempt(
      {
        op: "put",
        record: {
          kind: "relationship",
          item: { id: "", from: link.from, to: link.to, kind, strength, notes: "" },
        },
      },
      `${from} ${RELATIONSHIP_LABELS[kind].toLowerCase()} ${to}`,
      true,
    );
    if (done) onClose();
  };

  return (
    <form
      className="link-picker"
      aria-label="New relationship"
      style={{ left: link.at.x, top: link.at.y }}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <p className="link-picker-title">
        {from} → {to}
      </p>
      <label>
        <span>Kind</span>
        <select
          ref={first}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as RelationshipKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {RELATIONSHIP_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Strength</span>
        <select
          name="strength"
          value={strength}
          onChange={(e) => setStrength(Number(e.target.value))}
        >
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className="link-picker-actions">
        <button type="button" className="button ghost small" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button primary small">
          Add relationship
        </button>
      </div>
    </form>
  );
}
