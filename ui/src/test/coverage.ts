/** Canned coverage for UI tests, shaped as the core sends it. */
import type { Band, Coverage, Snapshot } from "../ipc/backend";
import type { Scorer } from "./fakeBackend";

export function bandOf(score: number): Band {
  if (score >= 75) return "green";
  if (score >= 50) return "amber";
  return "red";
}

/** A project's coverage with six plain components, and what `extra` sets. */
export function coverageFor(
  project: string,
  name: string,
  score: number,
  extra: Partial<Coverage> = {},
): Coverage {
  const names = ["roles", "support", "threading", "pulse", "reach", "perception_gap"] as const;
  return {
    project,
    name,
    score,
    band: bandOf(score),
    components: names.map((n) => ({
      name: n,
      value: score / 100,
      weight: 1 / 6,
      explanation: `The ${n} of ${name}.`,
    })),
    findings: [],
    suggestions: [],
    ...extra,
  };
}

/** A scorer for the fake: 40 points plus 20 per stakeholder, capped at 100. */
export const byStakeCount: Scorer = (map: Snapshot, projectId: string) => {
  const project = map.projects.find((p) => p.id === projectId);
  const count = map.stakes.filter((s) => s.project === projectId).length;
  return coverageFor(projectId, project?.name ?? "", Math.min(100, 40 + 20 * count));
};
