/**
 * The undo history: what undo and redo would take back or bring back, newest first. Choosing a
 * step undoes (or redoes) everything up to and including it.
 */
import { useState } from "react";
import { useMap } from "../store/mapStore";
import { Icon } from "./Icon";

interface StepsProps {
  title: "Undo" | "Redo";
  labels: string[];
  busy: boolean;
  onChoose: (index: number) => void;
  describe: (index: number) => string;
}

/** One list of steps (to undo or to redo), nothing when empty. */
function Steps({ title, labels, busy, onChoose, describe }: StepsProps) {
  if (labels.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ol aria-label={`Steps to ${title.toLowerCase()}`}>
        {labels.map((label, i) => (
          // Labels repeat: the position is the identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
          <li key={i}>
            <button
              type="button"
              className={`menu-item${title === "Redo" ? " redo-step" : ""}`}
              disabled={busy}
              title={describe(i)}
              onClick={() => onChoose(i)}
            >
              {label}
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

export function HistoryMenu() {
  const past = useMap((s) => s.past);
  const future = useMap((s) => s.future);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const step = async (times: number, action: "undo" | "redo") => {
    setBusy(true);
    try {
      for (let i = 0; i < times; i++) await useMap.getState()[action]();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="history-menu">
      <button
        type="button"
        className="icon-button"
        aria-label="Undo history"
        aria-expanded={open}
        title="Undo history"
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="history" size={18} />
      </button>
      {open ? (
        <section
          className="history-popover"
          aria-label="Undo history"
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        >
          {past.length + future.length === 0 ? (
            <p className="menu-empty">Nothing to undo yet.</p>
          ) : null}
          <Steps
            title="Redo"
            labels={future}
            busy={busy}
            // The next step to redo is the last of `future`: the i-th redoes all after it too.
            onChoose={(i) => step(future.length - i, "redo")}
            describe={(i) =>
              i === future.length - 1 ? "Redo this step" : `Redo ${future.length - i} steps`
            }
          />
          <Steps
            title="Undo"
            labels={[...past].reverse()}
            busy={busy}
            onChoose={(i) => step(i + 1, "undo")}
            describe={(i) => (i === 0 ? "Undo this step" : `Undo the last ${i + 1} steps`)}
          />
        </section>
      ) : null}
    </div>
  );
}
