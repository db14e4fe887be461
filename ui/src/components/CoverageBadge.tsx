/** A project's coverage score in its band's colour; choosing it opens the coverage panel. */
import type { Band } from "../ipc/backend";

export const BAND_LABELS: Record<Band, string> = { red: "red", amber: "amber", green: "green" };

/** "Coverage 57 of 100, red": what a screen reader says for a score. */
export function coverageName(score: number, band: Band): string {
  return `Coverage ${score} of 100, ${BAND_LABELS[band]}`;
}

interface Props {
  score: number;
  band: Band;
  className?: string;
  onClick?: () => void;
}

export function CoverageBadge({ score, band, className, onClick }: Props) {
  const name = coverageName(score, band);
  const classes = ["coverage-badge", `band-${band}`, className].filter(Boolean).join(" ");
  if (!onClick) {
    return (
      <span className={classes} role="img" aria-label={name} title={name}>
        {score}
      </span>
    );
  }
  return (
    <button type="button" className={classes} aria-label={name} title={name} onClick={onClick}>
      {score}
    </button>
  );
}
